package render

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The one rule for text baogao did not write itself: a report's text, a
// file's name, a manifest's cells, a query. Such text is shown, never
// obeyed. isUnsafe says which characters could make it act, and every
// writer replaces them by the same visible placeholders: Inert for the
// terminal (one line), InertData for CSV, JSON, Markdown and XLSX (line
// breaks and tabs kept, as data may hold them).

// isUnsafe reports whether r may not be written as it is: a control
// character (C0 and C1; escape sequences begin with one, BEL rings,
// a carriage return writes over a line), DEL, a format character (the
// bidirectional overrides such as U+202E turn text around on screen, and
// others hide it), or a line or paragraph separator.
func isUnsafe(r rune) bool {
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	if r >= firstSafe && r <= lastSafe {
		return false // CJK, full-width forms and most else: no control or format character
	}
	return r <= 0x9f || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r)
}

// firstSafe and lastSafe bound a range of runes without any control or
// format character, which holds the CJK blocks, so that most characters
// are told safe without a look into Unicode's tables
// (TestIsUnsafeFastPath).
const firstSafe, lastSafe = 0x2070, 0xfefe

// placeholder is what an unsafe r is shown as: ␛ for ESC, so that an
// escape sequence can be recognised, else �.
func placeholder(r rune) rune {
	if r == 0x1b {
		return '␛'
	}
	return '�'
}

// mayBeUnsafe reports whether s has a byte that can begin an unsafe
// character, so that safe text (nearly all of it) is returned unchanged
// without being copied.
func mayBeUnsafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || isUnsafe(r) {
			return true // a byte that is no UTF-8 becomes U+FFFD
		}
		i += size
	}
	return false
}

// Inert makes text safe to print on a terminal on one line: line breaks
// and tabs become spaces, other unsafe characters placeholders.
func Inert(s string) string {
	if !mayBeUnsafe(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case isUnsafe(r):
			return placeholder(r)
		}
		return r
	}, s)
}

// InertData makes text safe to write into a data file that may end up on a
// terminal (CSV on standard output): line breaks and tabs stay, a carriage
// return becomes a space, other unsafe characters placeholders.
func InertData(s string) string {
	if !mayBeUnsafe(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return ' '
		case isUnsafe(r):
			return placeholder(r)
		}
		return r
	}, s)
}

// inertJSON applies InertData's rule to the strings of an encoded JSON
// document: escapes of unsafe characters (\u001b, \b) become their
// placeholders, \r a space, and unsafe characters written as they are
// (U+202E, which JSON need not escape) their placeholders. \n and \t stay.
func inertJSON(b []byte) []byte {
	if !bytes.Contains(b, []byte{'\\'}) && !mayBeUnsafe(string(b)) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b):
			switch b[i+1] {
			case 'u':
				if i+6 <= len(b) {
					if v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 32); err == nil && isUnsafe(rune(v)) && v != '\n' && v != '\t' {
						if v == '\r' {
							out = append(out, ' ')
						} else {
							out = utf8.AppendRune(out, placeholder(rune(v)))
						}
						i += 6
						continue
					}
				}
			case 'r':
				out = append(out, ' ')
				i += 2
				continue
			case 'b', 'f':
				out = utf8.AppendRune(out, placeholder(0))
				i += 2
				continue
			}
			// Any other escape (\\, \", \n, \t, a safe \u) is copied
			// whole, so that its second byte is never read as a start.
			out = append(out, b[i], b[i+1])
			i += 2
		case c < utf8.RuneSelf:
			if c == 0x7f {
				out = utf8.AppendRune(out, placeholder(0x7f))
			} else {
				out = append(out, c)
			}
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if isUnsafe(r) {
				out = utf8.AppendRune(out, placeholder(r))
			} else {
				out = append(out, b[i:i+size]...)
			}
			i += size
		}
	}
	return out
}
