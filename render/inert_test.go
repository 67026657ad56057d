package render

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
)

// TestIsUnsafeFastPath holds isUnsafe, with its range of runes told safe
// at once, to the rule written plainly, over every rune.
func TestIsUnsafeFastPath(t *testing.T) {
	plain := func(r rune) bool {
		return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isUnsafe(r) != plain(r) {
			t.Fatalf("isUnsafe(%U) = %v", r, isUnsafe(r))
		}
	}
}

func TestInert(t *testing.T) {
	for _, c := range []struct{ in, term, data string }{
		{"调解成功率98%", "调解成功率98%", "调解成功率98%"},
		{"\x1b[31m红\x07", "␛[31m红�", "␛[31m红�"},
		{"a\nb\tc\rd", "a b c d", "a\nb\tc d"},
		{"\u202e县\u200f\u00ad\u0085\x7f", "�县����", "�县����"},
		{"行\u2028分", "行�分", "行�分"},
		{"bad \xff byte", "bad \ufffd byte", "bad \ufffd byte"},
	} {
		if got := Inert(c.in); got != c.term {
			t.Errorf("Inert(%q) = %q, want %q", c.in, got, c.term)
		}
		if got := InertData(c.in); got != c.data {
			t.Errorf("InertData(%q) = %q, want %q", c.in, got, c.data)
		}
	}
}

// TestInertJSON: the strings of a document read back from inertJSON's
// output are InertData of the strings written, whatever they hold.
func TestInertJSON(t *testing.T) {
	in := []string{"plain 文本", "\x1b[2J\x07", "\u202eevil\u2029", `back\slash \u001b as text`, "line\nbreak\ttab\rcr\b\f", "\"quoted\"", "\x00\x7f\u0085"}
	var b strings.Builder
	if err := writeJSON(&b, in); err != nil {
		t.Fatal(err)
	}
	var out []string
	if err := json.Unmarshal([]byte(b.String()), &out); err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	for i := range in {
		if out[i] != InertData(in[i]) {
			t.Errorf("%q came back as %q, want %q", in[i], out[i], InertData(in[i]))
		}
	}
	// The one \u001b left is the text of the string that writes it.
	if strings.Count(b.String(), `\u001b`) != 1 || strings.ContainsAny(b.String(), "\u202e\x7f") {
		t.Errorf("unsafe text in %s", b.String())
	}
}
