package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// nearRE is a regular expression whose every match contains one of a few
// literal words, at most back bytes after the match starts and ending at
// most fwd bytes before it ends. Matching runs the expression only on the
// windows around those words, found with strings.Index, which is many times
// faster on long text than letting the expression try every position.
type nearRE struct {
	re        *regexp.Regexp
	lits      []string
	back, fwd int
}

// findAllSubmatch returns what re.FindAllStringSubmatch(s, -1) would for
// the matches that contain one of the literals.
func (n *nearRE) findAllSubmatch(s string) [][]string {
	var out [][]string
	for _, w := range n.windows(s) {
		out = append(out, n.re.FindAllStringSubmatch(s[w[0]:w[1]], -1)...)
	}
	return out
}

// eachSubmatch calls f on each match in order until f returns true.
func (n *nearRE) eachSubmatch(s string, f func(m []string) bool) {
	for _, w := range n.windows(s) {
		sub := s[w[0]:w[1]]
		for _, m := range n.re.FindAllStringSubmatch(sub, -1) {
			if f(m) {
				return
			}
		}
	}
}

// windows returns the merged byte ranges around every literal, on rune
// boundaries, in order.
func (n *nearRE) windows(s string) [][2]int {
	type hit struct{ at, end int }
	var hits []hit
	for _, lit := range n.lits {
		for from := 0; ; {
			i := IndexWord(s[from:], lit)
			if i < 0 {
				break
			}
			at := from + i
			hits = append(hits, hit{at, at + len(lit)})
			from = at + len(lit)
		}
	}
	if len(hits) == 0 {
		return nil
	}
	// insertion sort by position: hits are few per literal and mostly sorted
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].at < hits[j-1].at; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	var out [][2]int
	for _, h := range hits {
		a := runeStart(s, max(0, h.at-n.back))
		b := runeEnd(s, min(len(s), h.end+n.fwd))
		if k := len(out) - 1; k >= 0 && a <= out[k][1] {
			out[k][1] = max(out[k][1], b)
			continue
		}
		out = append(out, [2]int{a, b})
	}
	return out
}

func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func runeEnd(s string, i int) int {
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}

// IndexWord is strings.Index for a word of Chinese text, faster on it: the
// standard search skips to each occurrence of the word's first byte, and
// in UTF-8 Chinese nearly every third byte is one of a few lead bytes. The
// word's last byte, a continuation byte, is far rarer.
func IndexWord(s, w string) int {
	n := len(w)
	if n < 2 || len(s) <= 64 || w[n-1] < 0x80 {
		return strings.Index(s, w)
	}
	last := w[n-1]
	for i := n - 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], last)
		if j < 0 {
			return -1
		}
		i += j
		if s[i+1-n:i+1] == w {
			return i + 1 - n
		}
	}
	return -1
}
