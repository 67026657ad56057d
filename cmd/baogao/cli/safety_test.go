package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileTextIsInert feeds a report whose text carries terminal escape
// sequences, other control characters and spreadsheet formulas: table and
// search output never carry a control character, and no CSV cell starts
// like a formula.
func TestHostileTextIsInert(t *testing.T) {
	dir := t.TempDir()
	text := "恶意镇人民政府关于2023年度法治政府建设工作情况的报告\n一、主要成效\n" +
		"\x1b[2J\x1b]0;pwned\x07=HYPERLINK(\"http://x\",\"y\"),今年共排查矛盾纠纷12件,调解成功12件\u202e。\n" +
		"+SUM(A1:A9)@x,发放宣传资料3000份。\n"
	if err := os.WriteFile(filepath.Join(dir, "恶意镇_2023.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(t.TempDir(), "s.index")
	if _, errOut, code := run(t, "ingest", "--index", idx, dir); code != ExitOK {
		t.Fatal(errOut)
	}
	outputs := map[string]string{}
	outputs["extract table"], _, _ = run(t, "extract", dir)
	outputs["search"], _, _ = run(t, "search", "--index", idx, "矛盾纠纷")
	outputs["show"], _, _ = run(t, "show", "--index", idx, "恶意镇")
	outputs["compare"], _, _ = run(t, "compare", "--index", idx, "矛盾纠纷排查调处数", "--evidence")
	outputs["check"], _, _ = run(t, "check", dir)
	for name, out := range outputs {
		if !strings.Contains(out, "恶意镇") && name != "compare" && name != "search" {
			t.Errorf("%s: no output:\n%s", name, out)
		}
		for _, r := range out {
			if r == 0x1b || r == 0x07 || r == 0x202e || (r < 0x20 && r != '\n' && r != '\t') {
				t.Errorf("%s carries control character %U", name, r)
				break
			}
		}
	}
	for _, args := range [][]string{
		{"extract", "--format", "csv", dir},
		{"compare", "--index", idx, "矛盾纠纷排查调处数", "--evidence", "--format", "csv"},
		{"check", "--format", "csv", dir},
	} {
		out, _, _ := run(t, args...)
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for _, rec := range recs {
			for _, c := range rec {
				if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
					t.Errorf("%v: cell %q starts like a formula", args[0], c)
				}
			}
		}
	}
}
