package check

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"baogao/corpus"
)

// TestEveryWarningHasAFindingCode reads the warning codes that corpus and
// extract give from their source and checks that each maps to a finding
// code of Codes, so that check, show and export speak of it alike.
func TestEveryWarningHasAFindingCode(t *testing.T) {
	known := map[string]bool{}
	for _, c := range Codes {
		known[c.Code] = true
	}
	codeRE := regexp.MustCompile(`Code:\s*"([a-z_]+)"|\.warn\("([a-z_]+)"`)
	n := 0
	for _, dir := range []string{"../corpus", "../extract"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range codeRE.FindAllStringSubmatch(string(src), -1) {
				w := m[1] + m[2]
				n++
				code, _ := CodeOf(corpus.Warning{Code: w})
				if _, mapped := warningCodes[w]; !mapped || !known[code] {
					t.Errorf("%s: warning %q has no finding code in Codes", f, w)
				}
			}
		}
	}
	if n < 10 {
		t.Errorf("found only %d warning codes in the source", n)
	}
}
