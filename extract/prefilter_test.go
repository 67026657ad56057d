package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestMatcherAgreesWithRegexp checks that the literal pre-test never
// rejects text the expression matches, for every catalogue pattern over
// every line of the samples.
func TestMatcherAgreesWithRegexp(t *testing.T) {
	files, _ := filepath.Glob("../testdata/reports/*.txt")
	var lines []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(string(b), "\n")...)
	}
	lines = append(lines, "没有发生行政复议", "全部调解成功", "王团派出所共排查各类矛盾纠纷50起")
	var ms []*matcher
	for _, r := range DefaultCatalogue.Rules {
		ms = append(ms, r.before...)
		for _, m := range []*matcher{r.after, r.context, r.zero, r.all, r.not} {
			if m != nil {
				ms = append(ms, m)
			}
		}
	}
	ms = append(ms, planCueRE, problemCueRE, yearPlanRE, umbrellaRE, planHeadRE, problemHeadRE, subjectRE)
	// Text made of the word matchers' words, with overlaps and repeats.
	var vocab []string
	words := 0
	for _, m := range ms {
		vocab = append(vocab, m.words...)
		if m.words != nil {
			words++
		}
	}
	if words < 5 || subjectRE.words == nil {
		t.Fatalf("only %d matchers search words (subjectRE: %v)", words, subjectRE.words != nil)
	}
	vocab = append(vocab, "镇", "所", "，", "法", "a")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		for range rng.IntN(30) {
			w := vocab[rng.IntN(len(vocab))]
			if rng.IntN(4) == 0 {
				_, size := utf8.DecodeRuneInString(w)
				w = w[size:] // a word's tail: near misses
			}
			b.WriteString(w)
		}
		lines = append(lines, b.String())
	}
	for _, m := range ms {
		for _, l := range lines {
			if m.MatchString(l) != m.Regexp.MatchString(l) {
				t.Errorf("%s (literals %q) disagrees on %q", m, m.lits, l)
			}
			if got, want := m.FindAllStringIndex(l, -1), m.Regexp.FindAllStringIndex(l, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: FindAllStringIndex(%q) = %v, want %v", m, l, got, want)
			}
			if got, want := m.FindStringIndex(l), m.Regexp.FindStringIndex(l); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: FindStringIndex(%q) = %v, want %v", m, l, got, want)
			}
		}
	}
}

func TestLiteralAlternatives(t *testing.T) {
	tests := []struct {
		re   string
		want string // "-" when not words
	}{
		{`司法所|派出所`, "司法所 派出所"},
		{`(?:讲座)|(?:讲堂|课堂)`, "讲座 讲堂 课堂"},
		{`综治(?:中心|办)`, "-"},
		{`讲座|\d+`, "-"},
		{`a.b`, "-"},
		{`讲座|`, "-"},
	}
	for _, tt := range tests {
		w, ok := literalAlternatives(tt.re)
		got := strings.Join(w, " ")
		if !ok {
			got = "-"
		}
		if got != tt.want {
			t.Errorf("literalAlternatives(%q) = %q, want %q", tt.re, got, tt.want)
		}
	}
}

func TestRequiredLiterals(t *testing.T) {
	tests := []struct {
		re   string
		want string
	}{
		{`纠纷`, "纠纷"},
		{`(?:排查|调处)\p{Han}{0,8}?纠纷`, "纠纷"},
		{`(?:尚无|没有|无)\p{Han}{0,4}?行政复议`, "行政复议"},
		{`讲座|讲堂`, "讲"},
		{`\p{Han}{0,8}`, ""},
		{`a?b?`, ""},
		{`(?i)abc`, ""},
		{`讲座|\d+`, ""},
	}
	for _, tt := range tests {
		got := strings.Join(newMatcher(regexp.MustCompile(tt.re)).lits, " ")
		if got != tt.want {
			t.Errorf("%s: literals %q, want %q", tt.re, got, tt.want)
		}
	}
}
