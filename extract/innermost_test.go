package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// innermostPlain is innermost as it reads in words: the last section that
// starts at or before offset and ends after it.
func innermostPlain(secs []Section, offset int) int {
	best := -1
	for i, s := range secs {
		if s.Start <= offset && offset < s.End {
			best = i
		}
	}
	return best
}

// TestInnermostIsPlain holds innermost to innermostPlain at every offset
// of the samples and of random outlines.
func TestInnermostIsPlain(t *testing.T) {
	var texts []string
	files, _ := filepath.Glob("../testdata/reports/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	marks := []string{"第一部分", "一、", "(一)", "1.", "(1)", "正文"}
	rng := rand.New(rand.NewSource(1))
	for range 200 {
		var b strings.Builder
		for range rng.Intn(40) {
			b.WriteString(marks[rng.Intn(len(marks))] + "标题\n正文。\n")
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		secs := parseSections(text)
		for off := 0; off <= len(text); off++ {
			if got, want := innermost(secs, off), innermostPlain(secs, off); got != want {
				t.Fatalf("innermost at %d = %d, want %d in\n%s", off, got, want, text)
			}
		}
	}
}
