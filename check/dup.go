package check

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"baogao/internal/parallel"
)

// Doc is one report as the duplicate check sees it.
type Doc struct {
	ID   string // the file path; unique
	Town string // may be ""
	Year int    // 0 when unknown
	Hash string // hex SHA-256 of the raw file; equal hashes are identical files
	Text string // normalised UTF-8 text
}

// DupOptions tune the check; the zero value means the defaults.
type DupOptions struct {
	Threshold float64 // similarity from which a pair is reported; default 0.5
	// Boilerplate: a shingle found in reports of at least this many distinct
	// towns is boilerplate; default max(3, 2% of the distinct towns)
	BoilerplateTowns int
}

// Pair is two reports that share much of their text.
type Pair struct {
	A, B         string  // Doc IDs, A < B
	Similarity   float64 // Jaccard similarity of their non-boilerplate shingle sets, 0..1
	Shared       string  // the longest passage of A's text also found in B, at most ~300 runes (cut with … if longer)
	SharedLen    int     // its full length in runes
	AStart, AEnd int     // byte offsets of Shared's full passage in A.Text
}

// DupResult is what FindDuplicates found.
type DupResult struct {
	Identical   [][]string // groups of Doc IDs with equal Hash (each group ≥ 2, sorted)
	Near        []Pair     // sorted by Similarity descending, then A, B
	Boilerplate int        // how many distinct shingles were treated as boilerplate
}

// How the check works
//
// Each report's text is reduced to the characters that carry its wording:
// white space, punctuation, symbols, digits and invisible marks are dropped
// (a copy whose figures were changed is still a copy), full-width Latin is
// folded, and the report's own town name (王团镇, and 王团 alone) becomes one
// placeholder character, so that a copy renamed to another town still
// matches. Every run of shingleRunes characters of what is left is a
// shingle, hashed to 32 bits.
//
// A shingle found in the reports of BoilerplateTowns or more distinct towns
// is boilerplate (policy slogans, the standard headings) and is dropped from
// every report; the rest is the report's own text. The town counts are kept
// in open-addressing tables, one range of hash values at a time, on every
// core, so the whole corpus is never held in one map.
//
// Each report's own shingles give a one-permutation MinHash signature of
// sigBins values (empty bins filled from their neighbours). Bands of
// bandRows values are hashed; reports sharing a band's hash are candidates.
// A candidate whose signatures agree far less than the threshold is dropped;
// the others get the exact Jaccard similarity of their own shingle sets.
//
// Limits that keep a corpus made of one template near-linear: a band bucket
// holding more than maxBucket reports pairs each report with only its
// bucketWindow neighbours in a per-band shuffled order; a report has at most
// maxVerifyPerDoc candidates verified (those whose signatures agree best)
// and at most maxPairsPerDoc pairs reported (the most similar), unless the
// other report of the pair still has room. Such a report is then flagged
// anyway, with its closest copies.
//
// Which pairs are compared: every two reports, of different towns or of
// one town in different years, and also of one town in one year: two files
// holding the same report (say one with a byte-order mark, or saved twice
// from two web sites) are reported with similarity near 1, since one of
// them must go or its figures count twice. Files with equal hashes are
// reported as Identical only; the first of each such group (by ID) stands
// for the group in the rest of the check. A report without a town is a town
// of its own.
//
// Note that copying itself is learnt as boilerplate once BoilerplateTowns
// towns share the text: in a corpus of five towns with the default of 3, a
// report copied by three towns is boilerplate. In real corpora (thousands
// of towns) the default is 2% of the towns.

const (
	shingleRunes    = 10  // shingle length, in kept characters
	sigBins         = 128 // MinHash values per report
	bandRows        = 3   // values per LSH band
	bands           = sigBins / bandRows
	estimateMargin  = 0.15 // drop candidates whose MinHash estimate is this far below the threshold
	minCommon       = 16   // a pair shares at least this many own shingles (≈25 characters)
	maxBucket       = 64
	bucketWindow    = 16
	maxVerifyPerDoc = 100
	maxPairsPerDoc  = 10
	exactRunes      = 8   // window for finding exact shared passages
	sharedMaxRunes  = 300 // Shared is cut to this many runes
	townMark        = '\uE000'
	partitionBits   = 6 // boilerplate counting runs over 2^partitionBits ranges of hash values
)

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

const polyBase = 0x100000001b3 // odd multiplier of the rolling hashes

func powBase(k int) uint64 {
	p := uint64(1)
	for i := 0; i < k; i++ {
		p *= polyBase
	}
	return p
}

var (
	powShingle = powBase(shingleRunes)
	powExact   = powBase(exactRunes)
)

// townNames are the spellings of a town masked in its own report: the full
// name and, if it is at least two characters, the name without its 镇, 乡
// or 街道 ending.
func townNames(town string) []string {
	if town == "" {
		return nil
	}
	names := []string{town}
	for _, suf := range []string{"街道办事处", "街道办", "街道", "镇人民政府", "乡人民政府", "人民政府", "镇", "乡"} {
		if stem, ok := strings.CutSuffix(town, suf); ok {
			if utf8.RuneCountInString(stem) >= 2 {
				names = append(names, stem)
			}
			break
		}
	}
	return names
}

// kept maps a character of the text to what the shingles see, or -1 if it
// is dropped.
func kept(r rune) rune {
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK, the common case
		return r
	case r >= 0xFF21 && r <= 0xFF3A, r >= 0xFF41 && r <= 0xFF5A: // full-width Latin
		r -= 0xFEE0
	}
	if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsDigit(r) ||
		unicode.Is(unicode.Cf, r) || unicode.IsControl(r) {
		return -1
	}
	return unicode.ToLower(r)
}

// normalized is a report reduced to its kept characters.
type normalized struct {
	start []int32 // byte offset in the text of each kept character
	end   []int32 // byte offset just after it (a masked town name spans several)
	hash  []uint32
}

// normalize reduces text to kept characters and hashes its shingles; with
// withPos it also keeps where each character came from.
func normalize(text, town string, withPos bool) normalized {
	var n normalized
	names := townNames(town)
	// next occurrence of each name
	nextAt := make([]int, len(names))
	for k, name := range names {
		nextAt[k] = strings.Index(text, name)
	}
	var h uint64
	var window [shingleRunes]rune
	count := 0
	n.hash = make([]uint32, 0, len(text)/3+1)
	if withPos {
		n.start = make([]int32, 0, len(text)/3+1)
		n.end = make([]int32, 0, len(text)/3+1)
	}
	emit := func(r rune, from, to int) {
		if withPos {
			n.start = append(n.start, int32(from))
			n.end = append(n.end, int32(to))
		}
		slot := count % shingleRunes
		old := window[slot]
		window[slot] = r
		h = h*polyBase + uint64(r) - uint64(old)*powShingle
		count++
		if count >= shingleRunes {
			v := uint32(mix(h) >> 32)
			if v == 0 {
				v = 1
			}
			n.hash = append(n.hash, v)
		}
	}
	for i := 0; i < len(text); {
		if len(names) > 0 {
			matched := 0
			for k, at := range nextAt {
				if at >= 0 && at < i {
					at = strings.Index(text[i:], names[k])
					if at >= 0 {
						at += i
					}
					nextAt[k] = at
				}
				if at == i {
					matched = len(names[k])
					break
				}
			}
			if matched > 0 {
				emit(townMark, i, i+matched)
				i += matched
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if k := kept(r); k >= 0 {
			emit(k, i, i+size)
		}
		i += size
	}
	return n
}

// shingleSet returns the sorted, distinct shingle hashes of a text.
func shingleSet(text, town string) []uint32 {
	set := normalize(text, town, false).hash
	slices.Sort(set)
	set = slices.Compact(set)
	return slices.Clip(set)
}

// FindDuplicates compares every report with every other, in near-linear
// time: shingles shared by many towns are dropped as boilerplate, MinHash
// with banding proposes candidate pairs, and each candidate's similarity is
// then computed exactly.
func FindDuplicates(docs []Doc, opt DupOptions) DupResult {
	var res DupResult
	threshold := opt.Threshold
	if threshold <= 0 {
		threshold = 0.5
	}

	// identical files; the first of each group stands for it
	byHash := map[string][]int{}
	for i, d := range docs {
		if d.Hash != "" {
			byHash[d.Hash] = append(byHash[d.Hash], i)
		}
	}
	var reps []int // indices into docs of the reports compared
	for i, d := range docs {
		g := byHash[d.Hash]
		if len(g) <= 1 {
			reps = append(reps, i)
			continue
		}
		first := g[0]
		for _, j := range g[1:] {
			if docs[j].ID < docs[first].ID {
				first = j
			}
		}
		if first != i {
			continue
		}
		reps = append(reps, i)
		ids := make([]string, len(g))
		for k, j := range g {
			ids[k] = docs[j].ID
		}
		sort.Strings(ids)
		res.Identical = append(res.Identical, ids)
	}
	sort.Slice(res.Identical, func(i, j int) bool { return res.Identical[i][0] < res.Identical[j][0] })
	n := len(reps)
	if n < 2 {
		return res
	}

	// shingle sets, on every core
	sets := make([][]uint32, n)
	parallel.For(n, func(i int) {
		d := docs[reps[i]]
		sets[i] = shingleSet(d.Text, d.Town)
	})

	// towns; a report without a town is a town of its own
	townOf := make([]int32, n)
	towns := map[string]int32{}
	for i, di := range reps {
		d := docs[di]
		key := d.Town
		if key == "" {
			key = "\x00" + d.ID
		}
		t, ok := towns[key]
		if !ok {
			t = int32(len(towns))
			towns[key] = t
		}
		townOf[i] = t
	}
	limit := opt.BoilerplateTowns
	if limit <= 0 {
		limit = max(3, len(towns)*2/100)
	}
	res.Boilerplate = dropBoilerplate(sets, townOf, limit)

	// MinHash signatures and LSH bands
	sigs := make([][sigBins]uint32, n)
	parallel.For(n, func(i int) { sigs[i] = signature(sets[i]) })
	cands := candidates(sigs, sets)

	// MinHash estimate, then at most maxVerifyPerDoc candidates a report
	type cand struct {
		key uint64
		est float64
	}
	est := make([]cand, len(cands))
	parallel.For((len(cands)+1023)/1024, func(c int) {
		for k := c * 1024; k < min(len(cands), (c+1)*1024); k++ {
			a, b := int(cands[k]>>32), int(uint32(cands[k]))
			same := 0
			for x := range sigBins {
				if sigs[a][x] == sigs[b][x] {
					same++
				}
			}
			est[k] = cand{cands[k], float64(same) / sigBins}
		}
	})
	likely := est[:0]
	for _, c := range est {
		a, b := int(c.key>>32), int(uint32(c.key))
		small := len(sets[a]) < 2*sigBins || len(sets[b]) < 2*sigBins
		if small || c.est >= threshold-estimateMargin {
			likely = append(likely, c)
		}
	}
	slices.SortFunc(likely, func(x, y cand) int {
		if c := cmp.Compare(y.est, x.est); c != 0 {
			return c
		}
		return cmp.Compare(x.key, y.key)
	})
	perDoc := make([]int, n)
	verify := likely[:0]
	for _, c := range likely {
		a, b := int(c.key>>32), int(uint32(c.key))
		if perDoc[a] < maxVerifyPerDoc || perDoc[b] < maxVerifyPerDoc {
			perDoc[a]++
			perDoc[b]++
			verify = append(verify, c)
		}
	}

	// exact similarity
	type found struct {
		a, b int
		sim  float64
	}
	sims := make([]float64, len(verify))
	parallel.For((len(verify)+255)/256, func(c int) {
		for k := c * 256; k < min(len(verify), (c+1)*256); k++ {
			a, b := int(verify[k].key>>32), int(uint32(verify[k].key))
			sims[k] = jaccard(sets[a], sets[b])
		}
	})
	var hits []found
	for k, s := range sims {
		if s >= threshold {
			hits = append(hits, found{int(verify[k].key >> 32), int(uint32(verify[k].key)), s})
		}
	}
	slices.SortFunc(hits, func(x, y found) int {
		if c := cmp.Compare(y.sim, x.sim); c != 0 {
			return c
		}
		if c := cmp.Compare(x.a, y.a); c != 0 {
			return c
		}
		return cmp.Compare(x.b, y.b)
	})
	clear(perDoc)
	pairs := make([]Pair, 0, len(hits))
	for _, h := range hits {
		if perDoc[h.a] >= maxPairsPerDoc && perDoc[h.b] >= maxPairsPerDoc {
			continue
		}
		perDoc[h.a]++
		perDoc[h.b]++
		a, b := reps[h.a], reps[h.b]
		if docs[a].ID > docs[b].ID {
			a, b = b, a
		}
		pairs = append(pairs, Pair{A: docs[a].ID, B: docs[b].ID, Similarity: h.sim})
	}

	// the longest shared passage, grouped by B so B's index is built once
	index := map[string]int{}
	for i, di := range reps {
		index[docs[di].ID] = i
	}
	order := make([]int, len(pairs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool { return pairs[order[x]].B < pairs[order[y]].B })
	var groups [][]int
	for i := 0; i < len(order); {
		j := i
		for j < len(order) && pairs[order[j]].B == pairs[order[i]].B {
			j++
		}
		groups = append(groups, order[i:j])
		i = j
	}
	parallel.For(len(groups), func(g int) {
		bi := index[pairs[groups[g][0]].B]
		db := docs[reps[bi]]
		bx := newExactIndex(db.Text)
		ownB := newHashSet(sets[bi])
		for _, p := range groups[g] {
			ai := index[pairs[p].A]
			da := docs[reps[ai]]
			pairs[p].Shared, pairs[p].SharedLen, pairs[p].AStart, pairs[p].AEnd = sharedPassage(da, ownB, bx)
		}
	})

	sort.Slice(pairs, func(i, j int) bool {
		x, y := pairs[i], pairs[j]
		if x.Similarity != y.Similarity {
			return x.Similarity > y.Similarity
		}
		if x.A != y.A {
			return x.A < y.A
		}
		return x.B < y.B
	})
	res.Near = pairs
	return res
}

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
	total := make([]int, parts)
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
		for q := 0; q < parts; q++ {
			total[q] += int(bounds[i][q+1] - bounds[i][q])
		}
	}
	boiler := make([][]bool, n)
	for i, s := range sets {
		boiler[i] = make([]bool, len(s))
	}
	counts := make([]int, parts)
	tables := sync.Pool{New: func() any { return new(townTable) }}
	parallel.For(parts, func(p int) {
		t := tables.Get().(*townTable)
		defer tables.Put(t)
		t.reset(total[p])
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
			lo, hi := bounds[i][p], bounds[i][p+1]
			for k := lo; k < hi; k++ {
				if int(t.get(sets[i][k])) >= limit {
					boiler[i][k] = true
				}
			}
		}
	})
	parallel.For(n, func(i int) {
		own := sets[i][:0]
		for k, h := range sets[i] {
			if !boiler[i][k] {
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
// in; a town's reports are added one after another.
type townTable struct {
	keys  []uint32 // 0 is empty
	count []uint32
	last  []int32
	mask  uint32
}

func (t *townTable) reset(entries int) {
	size := 1024
	for size < 2*entries {
		size *= 2
	}
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
}

func (t *townTable) slot(h uint32) uint32 {
	// the high bits choose the partition; spread the rest
	return (h * 0x9e3779b1) >> 7 & t.mask
}

func (t *townTable) add(h uint32, town int32) {
	for s := t.slot(h); ; s = (s + 1) & t.mask {
		switch t.keys[s] {
		case 0:
			t.keys[s], t.count[s], t.last[s] = h, 1, town
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
