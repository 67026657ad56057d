package extract

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// splitSpansByRune is splitSpans written plainly, rune by rune.
func splitSpansByRune(text string, s span, seps string) []span {
	var out []span
	start := s.start
	for i := s.start; i < s.end; {
		r, n := utf8.DecodeRuneInString(text[i:s.end])
		if strings.ContainsRune(seps, r) {
			if p := trimSpan(text, span{start, i}); p.end > p.start {
				out = append(out, p)
			}
			start = i + n
		}
		i += n
	}
	if p := trimSpan(text, span{start, s.end}); p.end > p.start {
		out = append(out, p)
	}
	return out
}

// TestSplitSpans checks the byte-stepping splitSpans against the plain one
// on text mixing separators, Chinese, ASCII and broken UTF-8.
func TestSplitSpans(t *testing.T) {
	pieces := []string{"。", "！", "？", "!", "?", "；", ";", "\n", "，", ",", "：", ":", "、", " ", "调解", "成功率", "95%",
		"abc", "\xe3", "\xe3\x80", "\x80", "\xef\xbc", "\xff", "\u3000", "é"}
	rng := rand.New(rand.NewSource(3))
	for range 20000 {
		var b strings.Builder
		for range rng.Intn(30) {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		text := b.String()
		s := span{0, len(text)}
		if len(text) > 2 {
			s = span{rng.Intn(len(text) / 2), len(text) - rng.Intn(len(text)/2)}
		}
		for _, seps := range []string{sentenceEnd, clauseEnd, clauseEnd + "、"} {
			if got, want := splitSpans(text, s, seps), splitSpansByRune(text, s, seps); !slices.Equal(got, want) {
				t.Fatalf("%q %v %q: %v, want %v", text, s, seps, got, want)
			}
		}
	}
}
