package check

import (
	"cmp"
	"slices"
	"sort"
	"unicode"
	"unicode/utf8"
)

// hashSet is a set of non-zero shingle hashes.
type hashSet struct {
	keys []uint32
	mask uint32
}

func newHashSet(hs []uint32) hashSet {
	size := 64
	for size < 2*len(hs) {
		size *= 2
	}
	s := hashSet{keys: make([]uint32, size), mask: uint32(size - 1)}
	for _, h := range hs {
		for k := (h * 0x9e3779b1) >> 7 & s.mask; ; k = (k + 1) & s.mask {
			if s.keys[k] == 0 || s.keys[k] == h {
				s.keys[k] = h
				break
			}
		}
	}
	return s
}

func (s hashSet) has(h uint32) bool {
	for k := (h * 0x9e3779b1) >> 7 & s.mask; ; k = (k + 1) & s.mask {
		switch s.keys[k] {
		case 0:
			return false
		case h:
			return true
		}
	}
}

// exactIndex finds where runs of exactRunes characters occur in a text.
type exactIndex struct {
	runes []rune
	wins  []exactWin // sorted by hash
}

type exactWin struct {
	hash uint64
	pos  int32
}

func windowHashes(rs []rune) []uint64 {
	if len(rs) < exactRunes {
		return nil
	}
	out := make([]uint64, len(rs)-exactRunes+1)
	var h uint64
	for i, r := range rs {
		h = h * polyBase
		h += uint64(r)
		if i >= exactRunes {
			h -= uint64(rs[i-exactRunes]) * powExact
		}
		if i >= exactRunes-1 {
			out[i-exactRunes+1] = h
		}
	}
	return out
}

func newExactIndex(text string) *exactIndex {
	x := &exactIndex{runes: []rune(text)}
	hs := windowHashes(x.runes)
	x.wins = make([]exactWin, len(hs))
	for i, h := range hs {
		x.wins[i] = exactWin{h, int32(i)}
	}
	slices.SortFunc(x.wins, func(a, b exactWin) int {
		if c := cmp.Compare(a.hash, b.hash); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	return x
}

// longest returns the longest common prefix of rs and any place in the
// text where the window hash h occurs (trying a few places).
func (x *exactIndex) longest(rs []rune, h uint64) int {
	k, _ := slices.BinarySearchFunc(x.wins, h, func(w exactWin, h uint64) int { return cmp.Compare(w.hash, h) })
	best := 0
	for tries := 0; k < len(x.wins) && x.wins[k].hash == h && tries < 8; k, tries = k+1, tries+1 {
		b := x.runes[x.wins[k].pos:]
		l := 0
		for l < len(rs) && l < len(b) && rs[l] == b[l] {
			l++
		}
		best = max(best, l)
	}
	return best
}

// sharedPassage finds the longest passage of a's text that b's text also
// holds word for word and that has some of b's own (non-boilerplate)
// shingles in it. If no exact passage has, it returns the longest run of a's
// shingles that are all in b's own set (figures, punctuation or the town's
// name may differ there).
func sharedPassage(a Doc, ownB hashSet, bx *exactIndex) (string, int, int, int) {
	na := normalize(a.Text, a.Town, true)
	// copied[s]: a's shingle s is one of b's own
	prefix := make([]int32, len(na.hash)+1)
	runStart, runLen, cur := 0, 0, 0
	for s, h := range na.hash {
		in := 0
		if ownB.has(h) {
			in = 1
			cur++
			if cur > runLen {
				runLen, runStart = cur, s-cur+1
			}
		} else {
			cur = 0
		}
		prefix[s+1] = prefix[s] + int32(in)
	}
	if runLen == 0 {
		return "", 0, 0, 0
	}
	// copiedIn reports whether bytes [from, to) of a hold a copied shingle
	copiedIn := func(from, to int) bool {
		lo := sort.Search(len(na.hash), func(s int) bool { return int(na.start[s]) >= from })
		hi := sort.Search(len(na.hash), func(s int) bool { return int(na.end[s+shingleRunes-1]) > to })
		return hi > lo && prefix[hi]-prefix[lo] > 0
	}

	ra := []rune(a.Text)
	offs := make([]int32, len(ra)+1) // byte offset of each rune
	o := 0
	for i, r := range ra {
		offs[i] = int32(o)
		o += utf8.RuneLen(r)
		if r == utf8.RuneError {
			// keep offsets true to the text for invalid bytes
			_, size := utf8.DecodeRuneInString(a.Text[offs[i]:])
			o = int(offs[i]) + size
		}
	}
	offs[len(ra)] = int32(o)
	hs := windowHashes(ra)
	bestStart, bestLen := 0, 0
	for i := 0; i < len(hs); {
		l := bx.longest(ra[i:], hs[i])
		if l < exactRunes {
			i++
			continue
		}
		if l > bestLen && copiedIn(int(offs[i]), int(offs[i+l])) {
			bestStart, bestLen = i, l
		}
		i += max(1, l-exactRunes+1)
	}
	var from, to int
	if bestLen > 0 {
		from, to = int(offs[bestStart]), int(offs[bestStart+bestLen])
	} else {
		from = int(na.start[runStart])
		to = int(na.end[runStart+runLen-1+shingleRunes-1])
	}
	// trim white space at both ends
	for from < to {
		r, size := utf8.DecodeRuneInString(a.Text[from:to])
		if !unicode.IsSpace(r) {
			break
		}
		from += size
	}
	for to > from {
		r, size := utf8.DecodeLastRuneInString(a.Text[from:to])
		if !unicode.IsSpace(r) {
			break
		}
		to -= size
	}
	passage := a.Text[from:to]
	count := utf8.RuneCountInString(passage)
	if count > sharedMaxRunes {
		cut := 0
		for k := 0; k < sharedMaxRunes; k++ {
			_, size := utf8.DecodeRuneInString(passage[cut:])
			cut += size
		}
		passage = passage[:cut] + "…"
	}
	return passage, count, from, to
}
