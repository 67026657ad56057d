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
	// The bytes of seps, as a set.
	var set [8]uint32
	for k := 0; k < len(seps); k++ {
		set[seps[k]>>5] |= 1 << (seps[k] & 31)
	}
	start := s.start
	for i := s.start; i < s.end; {
		// A byte that occurs nowhere in seps starts no separator. Bytes
		// are stepped one by one: a separator's first byte is never a
		// continuation byte, so none is skipped.
		if c := text[i]; set[c>>5]&(1<<(c&31)) == 0 {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:s.end])
		if r == utf8.RuneError || !strings.ContainsRune(seps, r) {
			i++
			continue
		}
		if p := trimSpan(text, span{start, i}); p.end > p.start {
			out = append(out, p)
		}
		start = i + n
		i += n
	}
	if p := trimSpan(text, span{start, s.end}); p.end > p.start {
		out = append(out, p)
	}
	return out
}

// Bounds that keep the work per number constant, so that a file is read
// in linear time even when it has no punctuation (a table flattened to one
// line, a damaged conversion). Real sentences are far shorter.
const (
	// maxSentenceBytes is the longest sentence handled whole; longer
	// ones are cut at clause boundaries.
	maxSentenceBytes = 3000
	// maxClauseBytes is the longest clause handled whole, which bounds
	// evidence; longer ones are cut after a 、 or space where there is one.
	maxClauseBytes = 600
	// maxLookBytes is how far from a number triggers and subjects are
	// looked for: well beyond maxBeforeGap plus the longest trigger.
	maxLookBytes = 300
)

// runeBoundary returns i moved back to the start of a rune, and clamped
// to [0, len(text)].
func runeBoundary(text string, i int) int {
	if i <= 0 {
		return 0
	}
	if i >= len(text) {
		return len(text)
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}

// limitSpans cuts every span longer than max bytes into pieces of at most
// max bytes, each cut after the last of the runes in prefer inside the
// piece when there is one, else at a rune boundary.
func limitSpans(text string, spans []span, max int, prefer string) []span {
	long := false
	for _, s := range spans {
		if s.end-s.start > max {
			long = true
			break
		}
	}
	if !long {
		return spans
	}
	var out []span
	for _, s := range spans {
		for s.end-s.start > max {
			cut := s.start + max
			for cut > s.start && !utf8.RuneStart(text[cut]) {
				cut--
			}
			piece := text[s.start:cut]
			if i := strings.LastIndexAny(piece, prefer); i > len(piece)/2 {
				_, n := utf8.DecodeRuneInString(piece[i:])
				cut = s.start + i + n
			}
			if cut <= s.start { // cannot happen with max ≥ 4; stay safe
				cut = s.end
			}
			if p := trimSpan(text, span{s.start, cut}); p.end > p.start {
				out = append(out, p)
			}
			s.start = cut
		}
		if p := trimSpan(text, s); p.end > p.start {
			out = append(out, p)
		}
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
