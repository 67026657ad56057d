package corpus

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// wordSet finds many fixed words in text in one pass: a bitmap of first
// runes rejects most positions at once, and only positions whose rune
// starts some word compare the words that start with it.
type wordSet struct {
	first [1 << 16 / 64]uint64 // first runes in the Basic Multilingual Plane
	other bool                 // some word starts outside it
	byRun map[rune][]string    // longest first
}

func newWordSet(words []string) *wordSet {
	ws := &wordSet{byRun: map[rune][]string{}}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r < 1<<16 {
			ws.first[r/64] |= 1 << (r % 64)
		} else {
			ws.other = true
		}
		ws.byRun[r] = append(ws.byRun[r], w)
	}
	for _, l := range ws.byRun {
		sort.Slice(l, func(i, j int) bool { return len(l[i]) > len(l[j]) })
	}
	return ws
}

// find returns the non-overlapping words in s as [start, end) pairs,
// leftmost first and longest at each place.
func (ws *wordSet) find(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if r < 1<<16 && ws.first[r/64]&(1<<(r%64)) == 0 || r >= 1<<16 && !ws.other {
			i += size
			continue
		}
		matched := false
		for _, w := range ws.byRun[r] {
			if strings.HasPrefix(s[i:], w) {
				out = append(out, [2]int{i, i + len(w)})
				i += len(w)
				matched = true
				break
			}
		}
		if !matched {
			i += size
		}
	}
	return out
}
