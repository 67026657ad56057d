package segment

import "unicode/utf8"

// Full-width forms that fold folds. U+FF01–U+FF5E are the full-width
// variants of ASCII '!'–'~'; U+3000 is the ideographic space. Each takes 3
// bytes in UTF-8 and folds to 1.
const (
	fullFirst = 0xFF01
	fullLast  = 0xFF5E
	fullShift = fullFirst - '!'
	ideoSpace = 0x3000
)

// fold returns text with full-width ASCII variants and the ideographic space
// folded to ASCII, so that "１２３４５" and "12345" segment alike. When
// nothing folds it returns text itself and a nil map. Otherwise orig maps
// every byte offset in the folded text, and its length, to the byte offset
// in text that it came from: orig has len(folded)+1 entries.
func fold(text []byte) (folded []byte, orig []int) {
	first := -1
	for i := 0; i+2 < len(text); i++ {
		if isFoldLead(text[i]) {
			if r, _ := utf8.DecodeRune(text[i:]); foldsTo(r) >= 0 {
				first = i
				break
			}
		}
	}
	if first < 0 {
		return text, nil
	}
	folded = make([]byte, first, len(text))
	copy(folded, text[:first])
	orig = make([]int, first, len(text)+1)
	for i := range first {
		orig[i] = i
	}
	for i := first; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if c := foldsTo(r); c >= 0 {
			folded = append(folded, byte(c))
			orig = append(orig, i)
		} else {
			folded = append(folded, text[i:i+size]...)
			for j := range size {
				orig = append(orig, i+j)
			}
		}
		i += size
	}
	orig = append(orig, len(text))
	return folded, orig
}

// isFoldLead reports whether b can start the UTF-8 form of a rune that
// folds: U+3000 starts with 0xE3, U+FF01–U+FF5E with 0xEF.
func isFoldLead(b byte) bool { return b == 0xE3 || b == 0xEF }

// foldsTo returns the ASCII byte r folds to, or -1 if r does not fold.
func foldsTo(r rune) int {
	switch {
	case r >= fullFirst && r <= fullLast:
		return int(r - fullShift)
	case r == ideoSpace:
		return ' '
	}
	return -1
}
