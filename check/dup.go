package check

import (
	"cmp"
	"slices"
	"sort"
	"sync/atomic"

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
	// Progress, when set, is told how far each step is.
	Progress Progress
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

// FindDuplicates compares every report with every other, in near-linear
// time: shingles shared by many towns are dropped as boilerplate, MinHash
// with banding proposes candidate pairs, and each candidate's similarity is
// then computed exactly.
func FindDuplicates(docs []Doc, opt DupOptions) DupResult {
	sets := make([][]uint32, len(docs))
	var done atomic.Int64
	parallel.For(len(docs), func(i int) {
		sets[i] = shingleSet(docs[i].Text, docs[i].Town)
		opt.Progress.report("texts cut into shingles", int(done.Add(1)), len(docs))
	})
	res, _ := findDuplicates(docs, sets, func(i int) (string, error) { return docs[i].Text, nil }, opt)
	return res
}

// findDuplicates is FindDuplicates over the shingle sets of docs (see
// shingleSet), which it changes; the texts are not needed but for the
// pairs found, whose shared passages it looks for in text(i), the text of
// docs[i].
func findDuplicates(docs []Doc, docSets [][]uint32, text func(i int) (string, error), opt DupOptions) (DupResult, error) {
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
		return res, nil
	}
	sets := make([][]uint32, n)
	for i, di := range reps {
		sets[i] = docSets[di]
	}
	clear(docSets) // the sets of copies go

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
	chunks := (len(verify) + 255) / 256
	var measured atomic.Int64
	parallel.For(chunks, func(c int) {
		defer func() { opt.Progress.report("similar pairs measured", int(measured.Add(1)), chunks) }()
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
	var done atomic.Int64
	errs := make([]error, len(groups))
	parallel.For(len(groups), func(g int) {
		defer func() { opt.Progress.report("shared passages found", int(done.Add(1)), len(groups)) }()
		bi := index[pairs[groups[g][0]].B]
		tb, err := text(reps[bi])
		if err != nil {
			errs[g] = err
			return
		}
		bx := newExactIndex(tb)
		ownB := newHashSet(sets[bi])
		for _, p := range groups[g] {
			da := docs[reps[index[pairs[p].A]]]
			if da.Text, err = text(reps[index[pairs[p].A]]); err != nil {
				errs[g] = err
				return
			}
			pairs[p].Shared, pairs[p].SharedLen, pairs[p].AStart, pairs[p].AEnd = sharedPassage(da, ownB, bx)
		}
	})
	for _, err := range errs {
		if err != nil {
			return res, err
		}
	}

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
	return res, nil
}
