package extract

import (
	"strings"
	"unicode/utf8"
)

// span is a half-open byte range of the text.
type span struct{ start, end int }

// sentenceEnd holds the characters that end a sentence.
const sentenceEnd = "。！？!?；;\n"

// clauseEnd holds the characters that end a clause inside a sentence.
const clauseEnd = "，,：:"

// trimSpan shrinks s so that it neither starts nor ends with white space or
// punctuation that ends a clause or sentence.
func trimSpan(text string, s span) span {
	for s.start < s.end {
		r, n := utf8.DecodeRuneInString(text[s.start:s.end])
		if r != ' ' && r != '\t' && !strings.ContainsRune(sentenceEnd+clauseEnd+"、", r) {
			break
		}
		s.start += n
	}
	for s.end > s.start {
		r, n := utf8.DecodeLastRuneInString(text[s.start:s.end])
		if r != ' ' && r != '\t' && !strings.ContainsRune(sentenceEnd+clauseEnd+"、", r) {
			break
		}
		s.end -= n
	}
	return s
}

// splitSpans cuts text[s.start:s.end] at every rune in seps, keeping the
// separators out of the pieces; empty pieces are dropped.
func splitSpans(text string, s span, seps string) []span {
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

// maskQuoted returns a copy of text in which the inside of every book title
// 《…》 is replaced by underscores of the same byte length, so that trigger
// words in a law's name (《行政处罚法》) do not count, while offsets stay
// the same. It also returns, for every byte, whether it sits inside
// quotation marks “…” or a book title.
func maskQuoted(text string) (masked string, quoted []bool) {
	b := []byte(text)
	quoted = make([]bool, len(text))
	book, quote := 0, 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '《':
			book++
		case '》':
			if book > 0 {
				book--
			}
		case '“':
			quote++
		case '”':
			if quote > 0 {
				quote--
			}
		case '\n':
			book, quote = 0, 0
		default:
			if book > 0 {
				for j := i; j < i+n; j++ {
					b[j] = '_'
				}
			}
		}
		if book > 0 || quote > 0 {
			for j := i; j < i+n; j++ {
				quoted[j] = true
			}
		}
		i += n
	}
	return string(b), quoted
}

// gapRunes counts the characters between two offsets of masked text,
// counting a masked book title as one.
func gapRunes(masked string) int {
	n := 0
	prevMask := false
	for _, r := range masked {
		if r == '_' {
			if !prevMask {
				n++
			}
			prevMask = true
			continue
		}
		prevMask = false
		n++
	}
	return n
}

// runeLen is the number of runes in s.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
