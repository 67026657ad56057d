package segment

import (
	"math"
	"unicode"
	"unicode/utf8"
)

// This file cuts text into words the way gse's Segment does (the shortest
// path through the dictionary entries, no HMM), with a trie built for that
// one purpose: gse's own lookups allocate and go through a general byte
// trie, which made segmentation the largest cost of an ingest.
// TestMatchesGSE checks the cut against gse's on every sentence of the
// samples and on generated text.

// unit is one of gse's units of text: one rune, or one run of letters and
// digits that take at most two bytes each (Latin, Greek, Cyrillic…; ASCII
// letters lowered). Words are made of whole units.
type unit struct {
	end int32  // byte offset in the text where the unit ends
	sym uint32 // the unit's symbol in a trie: the rune, or a run's number
}

// Symbols: a unit of one rune that is not part of a run is the rune itself;
// a run is alnumBase plus its number in the trie's runs; a run that no
// entry contains is noSym.
const (
	alnumBase = utf8.MaxRune + 1
	noSym     = math.MaxUint32
)

// pseudoDistance is the path length gse gives a unit that is no entry.
const pseudoDistance = 32

// trie holds dictionary entries by their units. Node 1 is the root; a
// node's children are found in edges by (node, symbol), and the root's
// children by BMP runes in root, which is where almost every walk starts
// and most of them end. The way to a node carries the node's path length,
// so that a step of a walk reads one place in memory.
type trie struct {
	root  []step    // root's child for symbols < len(root), child 0 for none
	edges edgeTable // (node<<32 | symbol) → child
	entry []int32   // node → index of the entry it completes in the trie's dictionary, or -1
	runs  map[string]uint32
	nodes int32
}

// step is a child in the trie, with its path length when it completes an
// entry: log2(total/freq) as gse computes it, which is never negative; -1
// when it completes none.
type step struct {
	child int32
	dist  float32
}

// runeIsAlnum reports whether r, of size bytes, joins a run of letters and
// digits, as gse's SplitTextToWords decides it.
func runeIsAlnum(r rune, size int) bool {
	return size <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r))
}

// splitUnits cuts text, with ASCII letters lowered, into units, appending
// to buf. t numbers the runs; it may be nil, in which case every run gets
// noSym.
func splitUnits(t *trie, text []byte, buf []unit) []unit {
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9') {
				buf = append(buf, unit{end: int32(i + 1), sym: uint32(c)})
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRune(text[i:])
			if !runeIsAlnum(r, size) {
				buf = append(buf, unit{end: int32(i + size), sym: uint32(r)})
				i += size
				continue
			}
		}
		// A run of letters and digits.
		j := i
		for j < len(text) {
			c := text[j]
			if c < utf8.RuneSelf {
				if !('a' <= c|0x20 && c|0x20 <= 'z' || '0' <= c && c <= '9') {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRune(text[j:])
			if !runeIsAlnum(r, size) {
				break
			}
			j += size
		}
		sym := uint32(noSym)
		if t != nil {
			if n, ok := t.runs[string(text[i:j])]; ok {
				sym = alnumBase + n
			}
		}
		buf = append(buf, unit{end: int32(j), sym: sym})
		i = j
	}
	return buf
}

// lowerASCII returns text with ASCII letters lowered, or text itself when
// it has none upper-case.
func lowerASCII(text []byte) []byte {
	for i, c := range text {
		if 'A' <= c && c <= 'Z' {
			out := make([]byte, len(text))
			copy(out, text[:i])
			for j := i; j < len(text); j++ {
				c := text[j]
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				out[j] = c
			}
			return out
		}
	}
	return text
}

// newTrie builds a trie of the entries idx of d, or of all of d when idx is
// nil. Path lengths use d's total frequency either way, so that a trie of
// the entries that occur in a text cuts it as the whole dictionary does.
func newTrie(d *dict, idx []int) *trie {
	n := len(idx)
	if idx == nil {
		n = d.len()
	}
	t := &trie{runs: make(map[string]uint32)}
	// Most keys are Chinese, a unit of three bytes each; the tables grow
	// if that guess is short.
	bound := 0
	for k := range n {
		i := k
		if idx != nil {
			i = idx[k]
		}
		bound += len(d.key(i)) / 3
	}
	if idx == nil {
		t.root = make([]step, 1<<16)
	} else {
		t.root = make([]step, 0) // a small trie keeps the root's children in edges
	}
	t.edges = newEdgeTable(bound)
	t.entry = make([]int32, 2, 2+bound)
	t.entry[0], t.entry[1] = -1, -1
	t.nodes = 2
	logTotal := float32(math.Log2(float64(d.total)))
	var units []unit
	for k := range n {
		i := k
		if idx != nil {
			i = idx[k]
		}
		key := d.key(i)
		units = splitKeyUnits(t, key, units[:0])
		node := int32(1)
		for _, u := range units {
			node = t.addChild(node, u.sym)
		}
		t.entry[node] = int32(i)
	}
	// Put each node's path length on the way to it.
	length := func(s *step) {
		if s.child != 0 {
			s.dist = -1
			if e := t.entry[s.child]; e >= 0 {
				s.dist = logTotal - float32(math.Log2(float64(d.freq[e])))
			}
		}
	}
	for k := range t.root {
		length(&t.root[k])
	}
	for k := range t.edges.slots {
		if t.edges.slots[k].key != 0 {
			length(&t.edges.slots[k].step)
		}
	}
	return t
}

// splitKeyUnits cuts a dictionary key into units, numbering runs not yet
// seen.
func splitKeyUnits(t *trie, key []byte, buf []unit) []unit {
	buf = splitUnits(nil, key, buf)
	start := int32(0)
	for k := range buf {
		u := &buf[k]
		if u.sym == noSym {
			run := string(key[start:u.end])
			n, ok := t.runs[run]
			if !ok {
				n = uint32(len(t.runs))
				t.runs[run] = n
			}
			u.sym = alnumBase + n
		}
		start = u.end
	}
	return buf
}

// addChild returns node's child by sym, adding it if needed.
func (t *trie) addChild(node int32, sym uint32) int32 {
	if node == 1 && int(sym) < len(t.root) {
		if c := t.root[sym].child; c != 0 {
			return c
		}
		c := t.newNode()
		t.root[sym].child = c
		return c
	}
	key := uint64(node)<<32 | uint64(sym)
	if s := t.edges.get(key); s.child != 0 {
		return s.child
	}
	c := t.newNode()
	t.edges.put(key, c)
	return c
}

func (t *trie) newNode() int32 {
	c := t.nodes
	t.nodes++
	t.entry = append(t.entry, -1)
	return c
}

// next returns node's child by sym with its path length, or child 0.
func (t *trie) next(node int32, sym uint32) step {
	if node == 1 && int(sym) < len(t.root) {
		return t.root[sym]
	}
	return t.edges.get(uint64(node)<<32 | uint64(sym))
}

// jumper is the best path found to the end of a unit: its length and the
// units of its last word.
type jumper struct {
	dist float32
	n    int32
}

// update is gse's updateJumper: a zero distance means not reached yet.
func (j *jumper) update(dist float32, n int32) {
	if j.dist == 0 || j.dist > dist {
		j.dist = dist
		j.n = n
	}
}

// cut appends to words the end unit (exclusive) of each word of the
// shortest path through units, in order, exactly as gse's Segment chooses
// them.
func (t *trie) cut(units []unit, words []int32) []int32 {
	if len(units) == 0 {
		return words
	}
	jumpers := make([]jumper, len(units))
	for cur := range units {
		var base float32
		if cur > 0 {
			base = jumpers[cur-1].dist
		}
		single := false
		node := int32(1)
		for k := cur; k < len(units); k++ {
			s := t.next(node, units[k].sym)
			if node = s.child; node == 0 {
				break
			}
			if s.dist >= 0 {
				if k == cur {
					single = true
				}
				jumpers[k].update(base+s.dist, int32(k-cur+1))
			}
		}
		if !single {
			jumpers[cur].update(base+pseudoDistance, 1)
		}
	}
	// Walk back from the end, then put the words in order.
	first := len(words)
	for end := len(units); end > 0; end -= int(jumpers[end-1].n) {
		words = append(words, int32(end))
	}
	for i, j := first, len(words)-1; i < j; i, j = i+1, j-1 {
		words[i], words[j] = words[j], words[i]
	}
	return words
}

// edgeTable is an open-addressing hash table from non-zero uint64 keys to
// steps, each key next to its step so that a lookup reads one cache line.
type edgeTable struct {
	slots []edgeSlot
	n     int
	shift uint
	mask  uint64
}

type edgeSlot struct {
	key uint64 // 0 for an empty slot
	step
}

// newEdgeTable returns a table with room for about n keys.
func newEdgeTable(n int) edgeTable {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	shift := uint(64)
	for s := size; s > 1; s >>= 1 {
		shift--
	}
	return edgeTable{slots: make([]edgeSlot, size), shift: shift, mask: uint64(size - 1)}
}

func (e *edgeTable) slot(key uint64) uint64 { return (key * 0x9E3779B97F4A7C15) >> e.shift }

// get returns key's step, or the zero step.
func (e *edgeTable) get(key uint64) step {
	for i := e.slot(key); ; i = (i + 1) & e.mask {
		switch s := &e.slots[i]; s.key {
		case key:
			return s.step
		case 0:
			return step{}
		}
	}
}

// put adds key with child; its path length is set once the trie is built.
func (e *edgeTable) put(key uint64, child int32) {
	if 2*(e.n+1) > len(e.slots) {
		bigger := newEdgeTable(len(e.slots))
		for _, s := range e.slots {
			if s.key != 0 {
				bigger.put(s.key, s.child)
			}
		}
		*e = bigger
	}
	e.n++
	for i := e.slot(key); ; i = (i + 1) & e.mask {
		if e.slots[i].key == 0 {
			e.slots[i] = edgeSlot{key: key, step: step{child: child}}
			return
		}
	}
}
