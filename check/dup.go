package check

import (
	"hash/fnv"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
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
	Threshold        float64 // similarity from which a pair is reported; default 0.5
	BoilerplateTowns int     // a shingle in reports of this many towns is boilerplate; default max(3, 2% of towns)
}

// Pair is two reports that share much of their text.
type Pair struct {
	A, B         string
	Similarity   float64
	Shared       string
	SharedLen    int
	AStart, AEnd int
}

// DupResult is what FindDuplicates found.
type DupResult struct {
	Identical   [][]string
	Near        []Pair
	Boilerplate int
}

// shingleRunes is the shingle length, in characters of the text with
// spaces, punctuation and digits dropped (changed figures do not hide a
// copy).
const shingleRunes = 10

// minHashes is the MinHash signature length; bands × rows = minHashes.
const (
	minHashes = 64
	bands     = 16
	rows      = 4
)

// prepared is one document's shingles.
type prepared struct {
	set  []uint64 // sorted, unique
	pos  []int    // byte offset in Text of each kept rune
	hash []uint64 // shingle hash at each kept rune position (len(pos)-k+1)
}

func prepare(text string) prepared {
	var p prepared
	var rs []rune
	for i, r := range text {
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsDigit(r) {
			continue
		}
		rs = append(rs, r)
		p.pos = append(p.pos, i)
	}
	if len(rs) < shingleRunes {
		return p
	}
	buf := make([]byte, 0, shingleRunes*4)
	p.hash = make([]uint64, len(rs)-shingleRunes+1)
	for i := range p.hash {
		buf = buf[:0]
		for _, r := range rs[i : i+shingleRunes] {
			buf = utf8.AppendRune(buf, r)
		}
		h := fnv.New64a()
		h.Write(buf)
		p.hash[i] = h.Sum64()
	}
	p.set = append([]uint64(nil), p.hash...)
	sort.Slice(p.set, func(i, j int) bool { return p.set[i] < p.set[j] })
	p.set = uniq(p.set)
	return p
}

func uniq(s []uint64) []uint64 {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// FindDuplicates compares every report with every other, in near-linear
// time: shingles shared by many towns are dropped as boilerplate, MinHash
// with banding proposes candidate pairs, and each candidate's similarity is
// then computed exactly.
func FindDuplicates(docs []Doc, opt DupOptions) DupResult {
	var res DupResult
	// identical files
	byHash := map[string][]string{}
	for _, d := range docs {
		if d.Hash != "" {
			byHash[d.Hash] = append(byHash[d.Hash], d.ID)
		}
	}
	identical := map[[2]string]bool{}
	for _, ids := range byHash {
		if len(ids) > 1 {
			sort.Strings(ids)
			res.Identical = append(res.Identical, ids)
			for _, a := range ids {
				for _, b := range ids {
					identical[[2]string{a, b}] = true
				}
			}
		}
	}
	sort.Slice(res.Identical, func(i, j int) bool { return res.Identical[i][0] < res.Identical[j][0] })

	// shingles, on every core
	ps := make([]prepared, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				ps[i] = prepare(docs[i].Text)
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()

	// boilerplate: shingles found in many towns
	townOf := make([]int, len(docs))
	towns := map[string]int{}
	for i, d := range docs {
		key := d.Town
		if key == "" {
			key = "\x00" + d.ID
		}
		if _, ok := towns[key]; !ok {
			towns[key] = len(towns)
		}
		townOf[i] = towns[key]
	}
	limit := opt.BoilerplateTowns
	if limit <= 0 {
		limit = max(3, len(towns)*2/100)
	}
	type seen struct {
		town  int32
		count int32
	}
	counts := map[uint64]seen{}
	for i, p := range ps {
		t := int32(townOf[i])
		for _, h := range p.set {
			c := counts[h]
			if c.count == 0 || c.town != t {
				c.count++
				c.town = t
			}
			counts[h] = c
		}
	}
	boiler := map[uint64]bool{}
	for h, c := range counts {
		if int(c.count) >= limit {
			boiler[h] = true
		}
	}
	res.Boilerplate = len(boiler)
	own := make([][]uint64, len(ps))
	for i, p := range ps {
		for _, h := range p.set {
			if !boiler[h] {
				own[i] = append(own[i], h)
			}
		}
	}

	// MinHash signatures and bands
	sig := make([][minHashes]uint64, len(ps))
	for i, set := range own {
		for k := range sig[i] {
			sig[i][k] = ^uint64(0)
		}
		for _, h := range set {
			for k := 0; k < minHashes; k++ {
				v := mix(h ^ seeds[k])
				if v < sig[i][k] {
					sig[i][k] = v
				}
			}
		}
	}
	buckets := map[[2]uint64][]int{}
	for i := range sig {
		if len(own[i]) == 0 {
			continue
		}
		for b := 0; b < bands; b++ {
			var key uint64 = uint64(b) * 0x9e3779b97f4a7c15
			for r := 0; r < rows; r++ {
				key = mix(key ^ sig[i][b*rows+r])
			}
			k := [2]uint64{uint64(b), key}
			buckets[k] = append(buckets[k], i)
		}
	}
	cand := map[[2]int]bool{}
	for _, ids := range buckets {
		if len(ids) > 200 {
			ids = ids[:200] // a bucket this full is boilerplate the count missed
		}
		for x := 0; x < len(ids); x++ {
			for y := x + 1; y < len(ids); y++ {
				a, b := ids[x], ids[y]
				if a > b {
					a, b = b, a
				}
				cand[[2]int{a, b}] = true
			}
		}
	}
	threshold := opt.Threshold
	if threshold <= 0 {
		threshold = 0.5
	}
	for c := range cand {
		a, b := c[0], c[1]
		da, db := docs[a], docs[b]
		if identical[[2]string{da.ID, db.ID}] {
			continue
		}
		if da.Town != "" && da.Town == db.Town && da.Year == db.Year {
			continue
		}
		j := jaccard(own[a], own[b])
		if j < threshold {
			continue
		}
		if da.ID > db.ID {
			a, b = b, a
			da, db = db, da
		}
		p := Pair{A: da.ID, B: db.ID, Similarity: j}
		p.Shared, p.SharedLen, p.AStart, p.AEnd = shared(da.Text, ps[a], own[b])
		res.Near = append(res.Near, p)
	}
	sort.Slice(res.Near, func(i, j int) bool {
		x, y := res.Near[i], res.Near[j]
		if x.Similarity != y.Similarity {
			return x.Similarity > y.Similarity
		}
		if x.A != y.A {
			return x.A < y.A
		}
		return x.B < y.B
	})
	return res
}

var seeds = func() [minHashes]uint64 {
	var s [minHashes]uint64
	x := uint64(0x243f6a8885a308d3)
	for i := range s {
		x = mix(x + 0x9e3779b97f4a7c15)
		s[i] = x
	}
	return s
}()

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	i, j, inter := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			inter++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// shared finds the longest run of A's consecutive shingles that B also
// has, and returns that passage of A's text.
func shared(text string, pa prepared, setB []uint64) (string, int, int, int) {
	in := func(h uint64) bool {
		k := sort.Search(len(setB), func(i int) bool { return setB[i] >= h })
		return k < len(setB) && setB[k] == h
	}
	bestStart, bestLen, run := 0, 0, 0
	for i, h := range pa.hash {
		if in(h) {
			run++
			if run > bestLen {
				bestLen, bestStart = run, i-run+1
			}
		} else {
			run = 0
		}
	}
	if bestLen == 0 {
		return "", 0, 0, 0
	}
	first := bestStart
	last := bestStart + bestLen - 1 + shingleRunes - 1
	start := pa.pos[first]
	end := len(text)
	if last+1 < len(pa.pos) {
		end = pa.pos[last+1]
	}
	passage := strings.TrimSpace(text[start:end])
	n := utf8.RuneCountInString(passage)
	if n > 300 {
		rs := []rune(passage)
		passage = string(rs[:300]) + "…"
	}
	return passage, n, start, end
}
