package check

import (
	"cmp"
	"slices"
)

// signature is a one-permutation MinHash of a set: each hash falls in one
// of sigBins bins, which keeps its smallest value; empty bins take the
// value of the next full bin, shifted by the distance.
func signature(set []uint32) [sigBins]uint32 {
	var sig [sigBins]uint32
	var full [sigBins]bool
	for _, h := range set {
		v := mix(uint64(h) ^ 0x5851f42d4c957f2d)
		bin := v >> (64 - 7)
		val := uint32(v)
		if !full[bin] || val < sig[bin] {
			sig[bin] = val
			full[bin] = true
		}
	}
	if len(set) == 0 {
		return sig
	}
	for b := range sigBins {
		if full[b] {
			continue
		}
		for d := 1; d < sigBins; d++ {
			if c := (b + d) % sigBins; full[c] {
				sig[b] = sig[c] + uint32(d)*0x9e3779b1
				break
			}
		}
	}
	return sig
}

// candidates returns the pairs of reports (a<<32 | b, a < b) that share
// at least one band of their signatures.
func candidates(sigs [][sigBins]uint32, sets [][]uint32) []uint64 {
	type entry struct {
		key uint64
		doc int32
	}
	var entries []entry
	for i := range sigs {
		if len(sets[i]) == 0 {
			continue
		}
		for b := range bands {
			key := mix(uint64(b) + 0x9e3779b97f4a7c15)
			for r := range bandRows {
				key = mix(key ^ uint64(sigs[i][b*bandRows+r]))
			}
			entries = append(entries, entry{key, int32(i)})
		}
	}
	slices.SortFunc(entries, func(x, y entry) int {
		if c := cmp.Compare(x.key, y.key); c != 0 {
			return c
		}
		return cmp.Compare(x.doc, y.doc)
	})
	var out []uint64
	pair := func(a, b int32) {
		if a > b {
			a, b = b, a
		}
		out = append(out, uint64(a)<<32|uint64(b))
	}
	for i := 0; i < len(entries); {
		j := i
		for j < len(entries) && entries[j].key == entries[i].key {
			j++
		}
		g := entries[i:j]
		if len(g) <= maxBucket {
			for x := range g {
				for y := x + 1; y < len(g); y++ {
					pair(g[x].doc, g[y].doc)
				}
			}
		} else {
			// too many to pair all: each with its neighbours in an
			// order that differs from bucket to bucket
			seed := g[0].key
			ids := make([]int32, len(g))
			for k := range g {
				ids[k] = g[k].doc
			}
			slices.SortFunc(ids, func(x, y int32) int {
				return cmp.Compare(mix(uint64(x)^seed), mix(uint64(y)^seed))
			})
			for x := range ids {
				for y := x + 1; y < len(ids) && y <= x+bucketWindow; y++ {
					pair(ids[x], ids[y])
				}
			}
		}
		i = j
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func jaccard(a, b []uint32) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		if x == y {
			inter++
			i++
			j++
		} else if x < y {
			i++
		} else {
			j++
		}
	}
	if inter < minCommon {
		return 0
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
