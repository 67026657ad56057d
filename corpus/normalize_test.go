package corpus

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestEndsTitleIsTheRegexp checks endsTitle against the regular expression
// it stands for, on every line of the sample reports and on edge cases.
func TestEndsTitleIsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`(?:报告|总结|情况|汇报|通知|请示|文件|工作要点|人民政府|办事处|党委|委员会)\s*$`)
	lines := []string{"", "报告", "工作报告 \t", "工作报告\u3000", "报告。", "x委员会\r\n", "情况 说明", "人民政府\f", "党委  a", "通知通知"}
	files, _ := filepath.Glob("../testdata/reports/*.txt")
	for _, f := range files {
		doc, err := (&Loader{}).Load(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(doc.Text, "\n")...)
		raw, _ := os.ReadFile(f)
		lines = append(lines, strings.Split(string(raw), "\n")...)
	}
	hits := 0
	for _, l := range lines {
		want := re.MatchString(l)
		if got := endsTitle(l); got != want {
			t.Errorf("%q: endsTitle %v, regexp %v", l, got, want)
		}
		if want {
			hits++
		}
	}
	if hits < 5 {
		t.Errorf("only %d title lines among %d", hits, len(lines))
	}
}

// TestIndexWord checks IndexWord against strings.Index on text made of a
// few characters, where false starts are many.
func TestIndexWord(t *testing.T) {
	alphabet := []string{"镇", "乡", "调", "解", "纠", "纷", "a", "。", "街道", "\xe9"}
	words := []string{"镇", "调解", "解纠纷", "街道办", "纷。", "a镇", "乡镇乡", "x"}
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for range 3000 {
		var b strings.Builder
		for range rng.IntN(80) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		s := b.String()
		for _, w := range words {
			want := strings.Index(s, w)
			if got := IndexWord(s, w); got != want {
				t.Fatalf("IndexWord(%q, %q) = %d, want %d", s, w, got, want)
			}
			if want >= 0 {
				found++
			}
		}
	}
	if found < 1000 {
		t.Errorf("only %d words found: the test does not exercise matches", found)
	}
}

// TestNormalizeDropsFormatCharacters removes what makes text lie on screen:
// a right-to-left override reverses what follows it.
func TestNormalizeDropsFormatCharacters(t *testing.T) {
	in := "调解成功率\u202e%08\u202c，软\u00ad连字符，\u2066隔离\u2069，零宽\u200b空格\n"
	got, _ := Normalize(in)
	if want := "调解成功率%08,软连字符,隔离,零宽空格\n"; got != want {
		t.Errorf("Normalize = %q, want %q", got, want)
	}
}

// TestBlankLinesCostNothing: clean-up of a file of a million blank lines
// allocates a small multiple of the file, not a string header per line
// several times over (a 15 MB file of them took 2.2 GB), and gives the
// text that one blank line gives.
func TestBlankLinesCostNothing(t *testing.T) {
	raw := "标题\n" + strings.Repeat("\n", 1_000_000) + "正文。\n"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, _ := Normalize(raw)
	runtime.ReadMemStats(&after)
	if want, _ := Normalize("标题\n\n正文。\n"); got != want {
		t.Errorf("Normalize gives %q, want %q", got, want)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16*uint64(len(raw)) {
		t.Errorf("Normalize of %d bytes allocated %d", len(raw), alloc)
	}
}
