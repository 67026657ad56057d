package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzSections checks the heading tree on any text: sections lie inside
// the text, start where their heading starts, nest inside their parent.
func FuzzSections(f *testing.F) {
	files, _ := filepath.Glob("../testdata/reports/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b[:min(len(b), 3000)]))
		}
	}
	f.Add("一、\n(一)\n1.\n(1)\n第一部分\n二、存在问题及下一步打算\n")
	f.Fuzz(func(t *testing.T, text string) {
		secs := parseSections(text)
		for i, s := range secs {
			if s.Start < 0 || s.End > len(text) || s.Start > s.HeadEnd || s.HeadEnd > s.End {
				t.Fatalf("section %d %+v outside the text (%d bytes)", i, s, len(text))
			}
			if s.Parent >= i || s.Parent >= 0 && (secs[s.Parent].Start > s.Start || secs[s.Parent].End < s.End) {
				t.Fatalf("section %d %+v not inside its parent", i, s)
			}
		}
	})
}
