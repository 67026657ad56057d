package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseQuery checks query parsing and snippets on any input: words and
// phrases are never empty, and a snippet never carries a control character
// nor cuts a character in two.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"调解", `"成功化解" 调解`, `“未闭合`, "ＡＢＣ　调解", `""`, "\x1b[2J"} {
		f.Add(s, "王团派出所共排查各类矛盾纠纷50起,调解成功率80%\n第二行")
	}
	f.Fuzz(func(t *testing.T, q, text string) {
		words, phrases := ParseQuery(q)
		for _, w := range append(words, phrases...) {
			if strings.TrimSpace(w) == "" {
				t.Fatalf("empty term from %q", q)
			}
		}
		if !utf8.ValidString(text) {
			return
		}
		start, end, ok := bestPlace(text, words, phrases)
		if !ok {
			return
		}
		if start < 0 || end > len(text) || start > end {
			t.Fatalf("place [%d:%d] outside %d bytes", start, end, len(text))
		}
		b, m, a := snippet(text, start, end)
		for _, s := range []string{b, m, a} {
			if !utf8.ValidString(s) {
				t.Fatalf("snippet cuts a character: %q", s)
			}
			for _, r := range s {
				if r < 0x20 || r == 0x7f {
					t.Fatalf("control character in snippet %q", s)
				}
			}
		}
	})
}
