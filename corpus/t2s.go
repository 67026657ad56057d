package corpus

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// t2sData pairs each traditional character with the simplified one OpenCC
// turns it into, one pair a line; see gen_t2s.go and T2S.md.
//
//go:embed t2s.txt
var t2sData string

// t2s is the table of t2sData, built once when first needed.
var t2s = sync.OnceValue(func() *foldTable {
	t := &foldTable{to: make(map[rune]rune, 3400)}
	for _, l := range strings.Split(strings.TrimSpace(t2sData), "\n") {
		from, n := utf8.DecodeRuneInString(l)
		to, _ := utf8.DecodeRuneInString(l[n:])
		t.to[from] = to
		if from < 1<<16 {
			t.has[from/64] |= 1 << (from % 64)
		}
	}
	return t
})

// foldTable maps characters to others of the same UTF-8 length.
type foldTable struct {
	has [1 << 16 / 64]uint64 // characters of the Basic Multilingual Plane it maps
	to  map[rune]rune
}

// Simplify returns s with its traditional characters written as their
// simplified forms (鄉鎮 → 乡镇), character for character: every character
// keeps its UTF-8 length, so every byte offset into the result is the same
// offset into s. Patterns match the result; evidence is cut from s as
// written. Text with no traditional character comes back as it is, without
// a copy.
func Simplify(s string) string {
	t := t2s()
	first := t.firstMapped(s)
	if first < 0 {
		return s
	}
	b := []byte(s)
	for i := first; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0x3400 && t.maps(r) {
			utf8.EncodeRune(b[i:], t.to[r])
		}
		i += n
	}
	return string(b)
}

// firstMapped returns the offset of the first character of s the table
// maps, or -1. It reads three-byte sequences (the whole of the Basic
// Multilingual Plane's Chinese) without decoding them one by one.
func (t *foldTable) firstMapped(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x80:
			i++
		case c >= 0xE0 && c < 0xF0 && i+2 < len(s):
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			if t.has[r/64]&(1<<(r%64)) != 0 {
				return i
			}
			i += 3
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r >= 0x3400 && t.maps(r) {
				return i
			}
			i += n
		}
	}
	return -1
}

// maps reports whether the table has a simplified form for r.
func (t *foldTable) maps(r rune) bool {
	if r < 1<<16 {
		return t.has[r/64]&(1<<(r%64)) != 0
	}
	_, ok := t.to[r]
	return ok
}
