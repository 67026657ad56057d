package check

import (
	"slices"
	"sort"
	"sync"

	"baogao/internal/parallel"
)

// dropBoilerplate removes from every set the shingles found in limit or
// more distinct towns and returns how many distinct shingles that was. The
// counting runs over ranges of hash values, on every core, each with an
// open-addressing table.
func dropBoilerplate(sets [][]uint32, townOf []int32, limit int) int {
	n := len(sets)
	// reports in town order, so a town's reports come together
	byTown := make([]int, n)
	for i := range byTown {
		byTown[i] = i
	}
	sort.SliceStable(byTown, func(x, y int) bool { return townOf[byTown[x]] < townOf[byTown[y]] })
	const parts = 1 << partitionBits
	// bounds[i][p] is where partition p starts in sets[i]
	bounds := make([][parts + 1]int32, n)
	for i, s := range sets {
		p := 0
		for k, h := range s {
			for int(h>>(32-partitionBits)) >= p {
				bounds[i][p] = int32(k)
				p++
			}
		}
		for ; p <= parts; p++ {
			bounds[i][p] = int32(len(s))
		}
	}
	counts := make([]int, parts)
	tables := sync.Pool{New: func() any { return new(townTable) }}
	// Partition p reads and writes only its own range of every set, so
	// boilerplate is zeroed where it stands (hashes are never 0).
	parallel.For(parts, func(p int) {
		t := tables.Get().(*townTable)
		defer tables.Put(t)
		t.reset()
		for _, i := range byTown {
			town := townOf[i]
			for _, h := range sets[i][bounds[i][p]:bounds[i][p+1]] {
				t.add(h, town)
			}
		}
		c := 0
		for k, key := range t.keys {
			if key != 0 && int(t.count[k]) >= limit {
				c++
			}
		}
		counts[p] = c
		if c == 0 {
			return
		}
		for i := range sets {
			part := sets[i][bounds[i][p]:bounds[i][p+1]]
			for k, h := range part {
				if int(t.get(h)) >= limit {
					part[k] = 0
				}
			}
		}
	})
	parallel.For(n, func(i int) {
		own := sets[i][:0]
		for _, h := range sets[i] {
			if h != 0 {
				own = append(own, h)
			}
		}
		if cap(own) > 2*len(own)+64 {
			own = slices.Clone(own)
		}
		sets[i] = own
	})
	sum := 0
	for _, c := range counts {
		sum += c
	}
	return sum
}

// townTable counts, for each shingle hash, the distinct towns it was seen
// in; a town's reports are added one after another. It grows with the
// distinct hashes it holds, which in a corpus written from templates are
// far fewer than the hashes added.
type townTable struct {
	keys  []uint32 // 0 is empty
	count []uint32
	last  []int32
	mask  uint32
	used  int
}

// townTableStart is the slots a table starts with.
const townTableStart = 1 << 14

// reset empties the table.
func (t *townTable) reset() { t.alloc(townTableStart) }

func (t *townTable) alloc(size int) {
	if cap(t.keys) >= size {
		t.keys = t.keys[:size]
		t.count = t.count[:size]
		t.last = t.last[:size]
		clear(t.keys)
	} else {
		t.keys = make([]uint32, size)
		t.count = make([]uint32, size)
		t.last = make([]int32, size)
	}
	t.mask = uint32(size - 1)
	t.used = 0
}

// grow doubles the table, keeping what it holds.
func (t *townTable) grow() {
	keys, count, last := t.keys, t.count, t.last
	t.keys, t.count, t.last = nil, nil, nil
	t.alloc(2 * len(keys))
	for i, k := range keys {
		if k != 0 {
			s := t.free(k)
			t.keys[s], t.count[s], t.last[s] = k, count[i], last[i]
			t.used++
		}
	}
}

// free returns the empty slot where h goes; h is not in the table.
func (t *townTable) free(h uint32) uint32 {
	s := t.slot(h)
	for t.keys[s] != 0 {
		s = (s + 1) & t.mask
	}
	return s
}

func (t *townTable) slot(h uint32) uint32 {
	// the high bits choose the partition; spread the rest
	return (h * 0x9e3779b1) >> 7 & t.mask
}

func (t *townTable) add(h uint32, town int32) {
	for s := t.slot(h); ; s = (s + 1) & t.mask {
		switch t.keys[s] {
		case 0:
			if 2*(t.used+1) > len(t.keys) {
				t.grow()
				t.add(h, town)
				return
			}
			t.keys[s], t.count[s], t.last[s] = h, 1, town
			t.used++
			return
		case h:
			if t.last[s] != town {
				t.count[s]++
				t.last[s] = town
			}
			return
		}
	}
}

func (t *townTable) get(h uint32) uint32 {
	for s := t.slot(h); ; s = (s + 1) & t.mask {
		switch t.keys[s] {
		case 0:
			return 0
		case h:
			return t.count[s]
		}
	}
}
