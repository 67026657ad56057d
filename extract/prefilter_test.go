package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
	ms = append(ms, planCueRE, problemCueRE, yearPlanRE, umbrellaRE, planHeadRE, problemHeadRE)
	for _, m := range ms {
		for _, l := range lines {
			if m.MatchString(l) != m.Regexp.MatchString(l) {
				t.Errorf("%s (literals %q) disagrees on %q", m, m.lits, l)
			}
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
