package extract_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenDir holds one extraction dump per sample report.
const goldenDir = "../testdata/golden"

// dump writes a report's extraction in a form a reviewer can read line by
// line: metadata, sections, values, warnings.
func dump(r *extract.Report) string {
	var b strings.Builder
	m := r.Meta
	f := func(name string, v corpus.Field) string { return fmt.Sprintf("%s=%s(%s)", name, v.Value, v.Source) }
	fmt.Fprintf(&b, "meta %s %s %s %s year=%d(%s) %s %s\n", f("town", m.Town), f("county", m.County), f("city", m.City),
		f("province", m.Province), m.Year, m.YearSource, f("date", m.Date), f("doc_no", m.DocNo))
	fmt.Fprintf(&b, "meta %s\n", f("title", m.Title))
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "section L%d %s %s [%d:%d] %s\n", s.Level, s.Scope, orDash(string(s.Part)), s.Start, s.End, s.Path)
	}
	for _, i := range r.Indicators {
		d := ""
		if i.Derived {
			d = " derived"
		}
		if i.Computed != nil {
			d += fmt.Sprintf(" computed=%v", *i.Computed)
		}
		fmt.Fprintf(&b, "value %s=%v%s q=%q %s subject=%s%s [%d:%d] rule=%s\n      «%s»\n", i.ID, i.Value, i.Unit, i.Qualifier,
			i.Scope, orDash(i.Subject), d, i.Start, i.End, i.Rule, i.Evidence)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning %s: %s «%s»\n", w.Code, w.Message, w.Evidence)
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// TestGolden compares each sample's extraction dump with its golden file;
// run `go test ./extract -update` to accept a change after reading the diff.
func TestGolden(t *testing.T) {
	for _, r := range loadSamples(t) {
		name := strings.TrimSuffix(filepath.Base(r.Path), ".txt") + ".golden"
		path := filepath.Join(goldenDir, name)
		got := dump(r)
		if *update {
			if err := os.MkdirAll(goldenDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./extract -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from the extraction; diff it with:\n  go test ./extract -run TestGolden -update && git diff %s\n%s", path, path, firstDiff(string(want), got))
		}
	}
}

// firstDiff shows the first line where two dumps differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return ""
}

// TestEvidenceInvariants checks over all samples that every record's
// evidence is the text at its offsets, that it holds the number as written,
// and that sections nest inside the text.
func TestEvidenceInvariants(t *testing.T) {
	var l corpus.Loader
	files, _ := filepath.Glob(filepath.Join(sampleDir, "*.txt"))
	for _, f := range files {
		doc, err := l.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		res := extract.Extract(doc)
		for _, i := range res.Indicators {
			if i.Start < 0 || i.End > len(doc.Text) || i.Start >= i.End {
				t.Errorf("%s: %s=%v: span [%d:%d] outside the text", f, i.ID, i.Value, i.Start, i.End)
				continue
			}
			if got := doc.Text[i.Start:i.End]; got != i.Evidence {
				t.Errorf("%s: %s=%v: text[start:end] = %q, evidence %q", f, i.ID, i.Value, got, i.Evidence)
			}
			if i.NumEnd > 0 {
				if i.NumStart < i.Start || i.NumEnd > i.End {
					t.Errorf("%s: %s=%v: number [%d:%d] outside evidence [%d:%d]", f, i.ID, i.Value, i.NumStart, i.NumEnd, i.Start, i.End)
				}
			} else if !i.Derived && i.Value != 0 {
				t.Errorf("%s: %s=%v: a written value without its number's span", f, i.ID, i.Value)
			}
			if i.Section == "" && len(res.Sections) > 0 && i.Start > res.Sections[0].Start {
				t.Errorf("%s: %s=%v: no section path after the first heading", f, i.ID, i.Value)
			}
		}
		for _, s := range res.Sections {
			if s.Start < 0 || s.End > len(doc.Text) || s.Start > s.End || s.HeadEnd > s.End {
				t.Errorf("%s: section %q span [%d:%d] is wrong", f, s.Path, s.Start, s.End)
			}
		}
	}
}
