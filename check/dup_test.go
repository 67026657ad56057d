package check

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// The five sample reports, all from different towns.
var sampleFiles = []string{
	"000_f9adefd3ba5a223a.txt",
	"001_c359d3da704c1f05.txt",
	"002_0ca269bc21c17480.txt",
	"003_270b13dd14b0033c.txt",
	"004_1113006dcd718aa6.txt",
}

const wangFile = "004_1113006dcd718aa6.txt" // 王团镇 2024

func readSample(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sampleDocs(t testing.TB) []Doc {
	var docs []Doc
	for i, f := range sampleFiles {
		docs = append(docs, Doc{ID: "reports/" + f, Town: fmt.Sprintf("样本%d镇", i), Year: 2024, Hash: f, Text: readSample(t, f)})
	}
	docs[4].Town = "王团镇"
	return docs
}

func findPair(res DupResult, a, b string) *Pair {
	if a > b {
		a, b = b, a
	}
	for i, p := range res.Near {
		if p.A == a && p.B == b {
			return &res.Near[i]
		}
	}
	return nil
}

// checkPair checks what every reported pair promises.
func checkPair(t *testing.T, p Pair, docs []Doc) {
	t.Helper()
	var a Doc
	for _, d := range docs {
		if d.ID == p.A {
			a = d
		}
	}
	if p.A >= p.B {
		t.Errorf("pair not ordered: %s, %s", p.A, p.B)
	}
	if p.Similarity < 0 || p.Similarity > 1 {
		t.Errorf("similarity %v", p.Similarity)
	}
	if p.AStart < 0 || p.AEnd > len(a.Text) || p.AStart > p.AEnd {
		t.Fatalf("offsets %d..%d of %d", p.AStart, p.AEnd, len(a.Text))
	}
	full := a.Text[p.AStart:p.AEnd]
	if n := len([]rune(full)); n != p.SharedLen {
		t.Errorf("SharedLen %d, passage has %d runes", p.SharedLen, n)
	}
	if !strings.HasPrefix(full, strings.TrimSuffix(p.Shared, "…")) {
		t.Errorf("Shared %q is not the start of A[%d:%d]", p.Shared, p.AStart, p.AEnd)
	}
	if p.SharedLen > sharedMaxRunes && !strings.HasSuffix(p.Shared, "…") {
		t.Errorf("a long passage is not cut: %d runes", p.SharedLen)
	}
}

// changeParagraphs rewrites the paragraphs at the given line numbers with
// text of the copier's own.
func changeParagraphs(text string, lines ...int) string {
	ls := strings.Split(text, "\n")
	for k, n := range lines {
		ls[n] = ownSentences(rand.New(rand.NewPCG(uint64(n), uint64(k))), len([]rune(ls[n]))/25+2)
	}
	return strings.Join(ls, "\n")
}

// shiftDigits changes every figure: each digit d becomes d+3 mod 10.
func shiftDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '0' + (r-'0'+3)%10
		}
		return r
	}, s)
}

func TestDupCopiedReport(t *testing.T) {
	docs := sampleDocs(t)
	wang := docs[4].Text
	copied := strings.ReplaceAll(wang, "王团镇", "张家镇")
	copied = changeParagraphs(copied, 3, 9)
	if copied == strings.ReplaceAll(wang, "王团镇", "张家镇") {
		t.Fatal("fixture unchanged")
	}
	docs = append(docs, Doc{ID: "reports/张家镇2024.txt", Town: "张家镇", Year: 2024, Hash: "copy", Text: copied})
	res := FindDuplicates(docs, DupOptions{})
	p := findPair(res, docs[4].ID, "reports/张家镇2024.txt")
	if p == nil {
		t.Fatalf("copy not found; pairs: %+v", res.Near)
	}
	if len(res.Near) != 1 {
		t.Errorf("%d pairs, want 1: %+v", len(res.Near), res.Near)
	}
	checkPair(t, *p, docs)
	if p.Similarity < 0.5 || p.SharedLen < 50 {
		t.Errorf("similarity %.2f, shared %d runes", p.Similarity, p.SharedLen)
	}
	a, b := docs[4].Text, copied
	if p.A != docs[4].ID {
		a, b = b, a
	}
	if full := a[p.AStart:p.AEnd]; !strings.Contains(b, full) {
		t.Errorf("shared passage is not in B word for word: %q", full)
	}
	t.Logf("similarity %.3f, shared %d runes: %s", p.Similarity, p.SharedLen, p.Shared)
}

func TestDupChangedFigures(t *testing.T) {
	docs := sampleDocs(t)
	copied := shiftDigits(strings.ReplaceAll(docs[4].Text, "王团", "李家"))
	docs = append(docs, Doc{ID: "reports/李家镇.txt", Town: "李家镇", Year: 2024, Hash: "copy", Text: copied})
	res := FindDuplicates(docs, DupOptions{})
	p := findPair(res, docs[4].ID, "reports/李家镇.txt")
	if p == nil {
		t.Fatalf("copy with other figures not found: %+v", res.Near)
	}
	checkPair(t, *p, docs)
	if p.Similarity < 0.9 {
		t.Errorf("similarity %.2f; only figures and the name differ", p.Similarity)
	}
}

func TestDupPreviousYear(t *testing.T) {
	wang := readSample(t, wangFile)
	last := shiftDigits(strings.ReplaceAll(wang, "2024", "2023"))
	docs := []Doc{
		{ID: "a/王团镇2024.txt", Town: "王团镇", Year: 2024, Hash: "1", Text: wang},
		{ID: "a/王团镇2023.txt", Town: "王团镇", Year: 2023, Hash: "2", Text: changeParagraphs(last, 5)},
	}
	res := FindDuplicates(docs, DupOptions{})
	if len(res.Near) != 1 || res.Near[0].Similarity < 0.5 {
		t.Fatalf("last year's report copied: %+v", res.Near)
	}
	checkPair(t, res.Near[0], docs)
}

func TestDupSamplesDiffer(t *testing.T) {
	docs := sampleDocs(t)
	res := FindDuplicates(docs, DupOptions{})
	if len(res.Near) != 0 || len(res.Identical) != 0 {
		t.Errorf("different towns' reports paired: %+v %v", res.Near, res.Identical)
	}
	// and none comes near the threshold
	sets := make([][]uint32, len(docs))
	for i, d := range docs {
		sets[i] = shingleSet(d.Text, d.Town)
	}
	for i := range sets {
		for j := i + 1; j < len(sets); j++ {
			if s := jaccard(sets[i], sets[j]); s >= 0.2 {
				t.Errorf("%s and %s: similarity %.2f", docs[i].ID, docs[j].ID, s)
			}
		}
	}
}

const slogan = "尊崇宪法、学习宪法、遵守宪法、维护宪法、运用宪法"

func TestDupSloganIsNotCopying(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	a := strings.Repeat(slogan+"，", 3) + ownSentences(r, 6)
	b := ownSentences(r, 3) + strings.Repeat(slogan+"。", 4) + ownSentences(r, 3)
	docs := []Doc{
		{ID: "a", Town: "甲镇", Year: 2024, Hash: "1", Text: a},
		{ID: "b", Town: "乙镇", Year: 2024, Hash: "2", Text: b},
	}
	if res := FindDuplicates(docs, DupOptions{}); len(res.Near) != 0 {
		t.Errorf("a shared slogan made a pair: %+v", res.Near)
	}
}

func TestDupBoilerplateLearnt(t *testing.T) {
	// a long paragraph of slogans that all five towns use, and a little of
	// each town's own
	paragraph := "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神，全面贯彻习近平法治思想，" +
		slogan + "，坚持党对法治政府建设的全面领导，坚持全面依法治国基本方略，推进法治政府建设向纵深发展，" +
		"为建设更高水平的平安法治乡镇提供坚强法治保障，切实增强各级干部运用法治思维和法治方式深化改革、推动发展、化解矛盾、维护稳定的能力。"
	r := rand.New(rand.NewPCG(3, 4))
	var docs []Doc
	for i, town := range []string{"东镇", "西镇", "南镇", "北镇", "中镇"} {
		text := town + "法治政府建设报告\n" + paragraph + "\n" + ownSentences(r, 2) + "\n" + paragraph
		docs = append(docs, Doc{ID: fmt.Sprintf("%d.txt", i), Town: town, Year: 2024, Hash: strconv.Itoa(i), Text: text})
	}
	res := FindDuplicates(docs, DupOptions{})
	if len(res.Near) != 0 {
		t.Errorf("shared boilerplate made pairs: %+v", res.Near)
	}
	if res.Boilerplate < 50 {
		t.Errorf("boilerplate learnt: %d shingles", res.Boilerplate)
	}
	// without learning it the paragraph alone would make them copies
	if res := FindDuplicates(docs, DupOptions{BoilerplateTowns: 100}); len(res.Near) != 10 || res.Boilerplate != 0 {
		t.Errorf("without boilerplate: %d pairs, %d boilerplate", len(res.Near), res.Boilerplate)
	}
}

func TestDupIdentical(t *testing.T) {
	docs := sampleDocs(t)
	docs = append(docs,
		Doc{ID: "z/copy-of-wang.txt", Town: "王团镇", Year: 2024, Hash: docs[4].Hash, Text: docs[4].Text},
		Doc{ID: "0/again.txt", Town: "", Year: 0, Hash: docs[4].Hash, Text: docs[4].Text},
	)
	res := FindDuplicates(docs, DupOptions{})
	want := []string{"0/again.txt", docs[4].ID, "z/copy-of-wang.txt"}
	if len(res.Identical) != 1 || strings.Join(res.Identical[0], " ") != strings.Join(want, " ") {
		t.Errorf("identical: %v, want %v", res.Identical, want)
	}
	if len(res.Near) != 0 {
		t.Errorf("identical files reported again as near: %+v", res.Near)
	}
}

// Two files of one town and year holding the same report (here one with a
// byte-order mark, so the hashes differ) are reported, with similarity 1:
// one of them must go.
func TestDupSameTownSameYear(t *testing.T) {
	wang := readSample(t, wangFile)
	docs := []Doc{
		{ID: "a/王团镇.txt", Town: "王团镇", Year: 2024, Hash: "1", Text: wang},
		{ID: "b/王团镇-bom.txt", Town: "王团镇", Year: 2024, Hash: "2", Text: "\uFEFF" + wang},
	}
	res := FindDuplicates(docs, DupOptions{})
	if len(res.Near) != 1 || res.Near[0].Similarity != 1 {
		t.Fatalf("same report twice: %+v", res.Near)
	}
	checkPair(t, res.Near[0], docs)
	if res.Near[0].SharedLen < 1000 {
		t.Errorf("shared %d runes of a report held twice", res.Near[0].SharedLen)
	}
}

func TestDupUnknownTowns(t *testing.T) {
	wang := readSample(t, wangFile)
	docs := []Doc{
		{ID: "x.txt", Hash: "1", Text: wang},
		{ID: "y.txt", Hash: "2", Text: shiftDigits(wang)},
		{ID: "z.txt", Hash: "3", Text: readSample(t, sampleFiles[0])},
	}
	res := FindDuplicates(docs, DupOptions{})
	if len(res.Near) != 1 || res.Near[0].A != "x.txt" || res.Near[0].B != "y.txt" {
		t.Errorf("reports without a town: %+v", res.Near)
	}
}

func TestDupEdgeCases(t *testing.T) {
	if res := FindDuplicates(nil, DupOptions{}); len(res.Near)+len(res.Identical) != 0 {
		t.Error(res)
	}
	docs := []Doc{
		{ID: "a", Town: "甲镇", Text: ""},
		{ID: "b", Town: "乙镇", Text: "短"},
		{ID: "c", Town: "丙镇", Text: "\xff\xfe 无效字节 \xff" + readSample(t, wangFile)},
		{ID: "d", Town: "丁镇", Text: readSample(t, wangFile) + "\xff"},
	}
	res := FindDuplicates(docs, DupOptions{})
	if len(res.Near) != 1 {
		t.Fatalf("%+v", res.Near)
	}
	checkPair(t, res.Near[0], docs)
}

// TestDupGeneratedCorpus plants copies in a corpus of mixed reports and
// expects every one of them back, and nothing else.
func TestDupGeneratedCorpus(t *testing.T) {
	n := 600
	if testing.Short() {
		n = 200
	}
	docs, planted := generateCorpus(t, n, 0.05, 7)
	start := time.Now()
	res := FindDuplicates(docs, DupOptions{})
	t.Logf("%d reports: %d pairs, %d planted, %d boilerplate shingles, %v", len(docs), len(res.Near), len(planted), res.Boilerplate, time.Since(start))
	got := map[[2]string]bool{}
	for _, p := range res.Near {
		got[[2]string{p.A, p.B}] = true
	}
	for k := range planted {
		if !got[k] {
			t.Errorf("planted copy not found: %v", k)
		}
	}
	for _, p := range res.Near {
		if !planted[[2]string{p.A, p.B}] {
			t.Errorf("unexpected pair %s %s %.2f", p.A, p.B, p.Similarity)
		}
	}
	for i := 1; i < len(res.Near); i++ {
		x, y := res.Near[i-1], res.Near[i]
		if x.Similarity < y.Similarity || x.Similarity == y.Similarity && (x.A > y.A || x.A == y.A && x.B > y.B) {
			t.Errorf("not sorted at %d", i)
		}
	}
}

// ownSentences writes n sentences of characters drawn at random: text no
// other report has.
func ownSentences(r *rand.Rand, n int) string {
	var sb strings.Builder
	for range n {
		l := 18 + r.IntN(20)
		for range l {
			sb.WriteRune(commonRunes[r.IntN(len(commonRunes))])
		}
		sb.WriteString("。")
	}
	return sb.String()
}

var commonRunes = func() []rune {
	seen := map[rune]bool{}
	var out []rune
	for _, f := range sampleFiles {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", f))
		if err != nil {
			continue
		}
		for _, r := range string(b) {
			if unicode.Is(unicode.Han, r) && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	if len(out) == 0 {
		out = []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过")
	}
	return out
}()

// generateCorpus builds n reports of n/2 towns over several years. Each
// mixes paragraphs of the five samples (other town names, other figures,
// paragraphs shuffled) with sentences of its own, so most pairs are not
// copies; a share of copyRate of the reports is a copy of another one
// (another town, other figures, one paragraph rewritten). planted holds
// the pairs (A < B) that are copies.
func generateCorpus(t testing.TB, n int, copyRate float64, seed uint64) ([]Doc, map[[2]string]bool) {
	var paras []string
	for _, f := range sampleFiles {
		for _, p := range strings.Split(readSample(t, f), "\n") {
			if p = strings.TrimSpace(p); len([]rune(p)) >= 30 {
				paras = append(paras, p)
			}
		}
	}
	r := rand.New(rand.NewPCG(seed, 99))
	figures := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return '0' + rune(r.IntN(10))
			}
			return c
		}, s)
	}
	towns := n / 2
	docs := make([]Doc, 0, n)
	planted := map[[2]string]bool{}
	used := map[int]bool{} // copied, or a copy: each copy has one original only
	for i := 0; i < n; i++ {
		town := fmt.Sprintf("%s%s镇", string(commonRunes[i%towns%len(commonRunes)]), string(commonRunes[(i%towns/len(commonRunes)+7)%len(commonRunes)]))
		year := 2020 + i/towns
		id := fmt.Sprintf("r/%05d.txt", i)
		if i > 10 && r.Float64() < copyRate {
			k := r.IntN(len(docs))
			src := docs[k]
			if src.Town != town && !used[k] {
				used[k], used[len(docs)] = true, true
				ls := strings.Split(strings.ReplaceAll(src.Text, src.Town, town), "\n")
				k := 1 + r.IntN(len(ls)-1)
				ls[k] = ownSentences(r, 4)
				text := figures(strings.Join(ls, "\n"))
				docs = append(docs, Doc{ID: id, Town: town, Year: year, Hash: "h" + id, Text: text})
				a, b := src.ID, id
				if a > b {
					a, b = b, a
				}
				planted[[2]string{a, b}] = true
				continue
			}
		}
		var sb strings.Builder
		fmt.Fprintf(&sb, "%s%d年法治政府建设工作报告\n", town, year)
		np := 8 + r.IntN(6)
		for range np {
			p := paras[r.IntN(len(paras))]
			p = figures(p)
			for _, s := range []string{"王团镇", "我镇"} {
				p = strings.ReplaceAll(p, s, town)
			}
			if r.IntN(2) == 0 {
				// own sentences inside the paragraph
				rs := []rune(p)
				cut := r.IntN(len(rs))
				p = string(rs[:cut]) + ownSentences(r, 1+r.IntN(2)) + string(rs[cut:])
			}
			sb.WriteString(p)
			sb.WriteString("\n")
			sb.WriteString(ownSentences(r, 2+r.IntN(4)))
			sb.WriteString("\n")
		}
		docs = append(docs, Doc{ID: id, Town: town, Year: year, Hash: "h" + id, Text: sb.String()})
	}
	return docs, planted
}

func benchmarkDup(b *testing.B, n int) {
	docs, planted := generateCorpus(b, n, 0.03, 11)
	bytes := 0
	for _, d := range docs {
		bytes += len(d.Text)
	}
	b.SetBytes(int64(bytes))
	b.ReportAllocs()
	runtime.GC()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	b.ResetTimer()
	var res DupResult
	for b.Loop() {
		res = FindDuplicates(docs, DupOptions{})
	}
	b.StopTimer()
	runtime.ReadMemStats(&ms1)
	perOp := b.Elapsed() / time.Duration(b.N)
	b.Logf("%d reports, %.1f MB: %v, %d pairs (%d planted), %d boilerplate shingles; %.0f MB allocated per run",
		n, float64(bytes)/1e6, perOp, len(res.Near), len(planted), res.Boilerplate, float64(ms1.TotalAlloc-ms0.TotalAlloc)/float64(b.N)/1e6)
	if n < 10000 {
		b.Logf("10,000 reports extrapolated: %v", perOp*time.Duration(10000)/time.Duration(n))
	}
}

// BenchmarkFindDuplicates runs on generated corpora; the 10,000 report case
// is the size the check must handle well under 30 s.
func BenchmarkFindDuplicates(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) { benchmarkDup(b, n) })
	}
}

// BenchmarkFindDuplicatesTemplate is the worst case: every report is one of
// the five samples with another town's name and other figures, so all
// reports of one template are near-identical.
func BenchmarkFindDuplicatesTemplate(b *testing.B) {
	var texts []string
	for _, f := range sampleFiles {
		texts = append(texts, readSample(b, f))
	}
	for _, n := range []int{2000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			docs := make([]Doc, n)
			bytes := 0
			for i := range docs {
				town := fmt.Sprintf("模板%d镇", i)
				text := shiftDigits(strings.ReplaceAll(texts[i%5], "王团镇", town)) + ownSentences(rand.New(rand.NewPCG(uint64(i), 1)), 2)
				docs[i] = Doc{ID: fmt.Sprintf("t/%05d", i), Town: town, Year: 2024, Hash: strconv.Itoa(i), Text: text}
				bytes += len(text)
			}
			b.SetBytes(int64(bytes))
			var res DupResult
			for b.Loop() {
				res = FindDuplicates(docs, DupOptions{BoilerplateTowns: n})
			}
			b.Logf("%d near-identical reports, boilerplate off: %v, %d pairs", n, b.Elapsed()/time.Duration(b.N), len(res.Near))
		})
	}
}
