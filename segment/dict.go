package segment

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// zhDict is gse's simplified-Chinese dictionary in the compact form that
// gen_dict.go writes: sorted, front-coded, gzip-compressed.
//
//go:embed zh_s.dict.gz
var zhDict []byte

// domainDict is the hand-kept domain dictionary; see domain.txt.
//
//go:embed domain.txt
var domainDict string

// dictMagic starts the uncompressed dictionary; gen_dict.go writes it.
const dictMagic = "baogao-dict 1\n"

// Defaults for domain.txt lines that leave out a field. The frequency is
// about that of gse's most common two-character words, so a domain word beats
// any split of itself into ordinary words.
const (
	domainFreq = 100000
	domainPos  = "nz"
)

// dict is the whole dictionary, domain entries merged in, sorted by key.
// Key i is keys[off[i]:off[i+1]]: the entry's text with full-width forms
// folded and ASCII letters lowered, the form gse's trie stores.
type dict struct {
	keys  []byte
	off   []uint32
	freq  []uint32
	pos   []uint8
	tags  []string // part-of-speech names, indexed by pos
	total uint64   // sum of all frequencies, which gse's path lengths need
	maxN  int      // longest key in bytes
}

// entry is one dictionary line.
type entry struct {
	key  string
	freq uint32
	pos  string
}

// loadDict decodes the embedded dictionary and merges the domain dictionary
// into it.
func loadDict() (*dict, error) {
	domain, err := parseDomain(domainDict)
	if err != nil {
		return nil, err
	}
	return decodeDict(zhDict, domain)
}

// parseDomain reads domain.txt lines "word [freq [pos]]", skipping blank
// lines and # comments, and returns the entries sorted by key.
func parseDomain(src string) ([]entry, error) {
	var out []entry
	seen := make(map[string]bool)
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		e := entry{key: foldKey(f[0]), freq: domainFreq, pos: domainPos}
		if len(f) > 1 {
			n, err := strconv.ParseUint(f[1], 10, 32)
			if err != nil || n < 2 {
				return nil, fmt.Errorf("domain.txt:%d: frequency %q is not an integer ≥ 2", i+1, f[1])
			}
			e.freq = uint32(n)
		}
		if len(f) > 2 {
			e.pos = f[2]
		}
		if len(f) > 3 {
			return nil, fmt.Errorf("domain.txt:%d: want word [frequency [part-of-speech]], got %d fields", i+1, len(f))
		}
		if seen[e.key] {
			return nil, fmt.Errorf("domain.txt:%d: %s listed twice", i+1, f[0])
		}
		seen[e.key] = true
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	return out, nil
}

// foldKey returns s as gse's trie stores it once fold has run: full-width
// forms folded and ASCII letters lowered (gse lowers no other letters).
func foldKey(s string) string {
	b, _ := fold([]byte(s))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// errCorrupt reports a damaged embedded dictionary.
var errCorrupt = errors.New("segment: embedded dictionary zh_s.dict.gz is corrupt")

// decodeDict decodes the artifact gen_dict.go writes and merges domain,
// sorted by key, into it; a domain entry replaces a gse entry with the same
// key.
func decodeDict(gz []byte, domain []entry) (*dict, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	// The gzip trailer ends with the uncompressed size (mod 2^32); sizing
	// the buffer by it saves growing and copying. The cap keeps a damaged
	// trailer from asking for gigabytes.
	var buf bytes.Buffer
	if len(gz) >= 4 {
		size := int(binary.LittleEndian.Uint32(gz[len(gz)-4:]))
		buf.Grow(min(size, 8*len(gz)) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	raw := buf.Bytes()
	if !bytes.HasPrefix(raw, []byte(dictMagic)) {
		return nil, fmt.Errorf("%w: bad header", errCorrupt)
	}
	r := reader{b: raw[len(dictMagic):]}

	d := &dict{}
	tagIndex := make(map[string]uint8)
	ntags := r.uvarint()
	for i := uint64(0); i < ntags && r.err == nil; i++ {
		tag := string(r.bytes(int(r.uvarint())))
		tagIndex[tag] = uint8(len(d.tags))
		d.tags = append(d.tags, tag)
	}
	for _, e := range domain {
		if _, ok := tagIndex[e.pos]; !ok {
			if len(d.tags) == 256 {
				return nil, fmt.Errorf("segment: domain.txt: too many parts of speech")
			}
			tagIndex[e.pos] = uint8(len(d.tags))
			d.tags = append(d.tags, e.pos)
		}
	}

	n := int(r.uvarint())
	if r.err != nil || n > len(r.b) {
		return nil, errCorrupt
	}
	size := n + len(domain)
	d.keys = make([]byte, 0, len(raw)) // keys are shorter than the encoding
	d.off = make([]uint32, 1, size+1)
	d.freq = make([]uint32, 0, size)
	d.pos = make([]uint8, 0, size)
	add := func(key []byte, freq uint32, pos uint8) {
		d.keys = append(d.keys, key...)
		d.off = append(d.off, uint32(len(d.keys)))
		d.freq = append(d.freq, freq)
		d.pos = append(d.pos, pos)
		d.total += uint64(freq)
		d.maxN = max(d.maxN, len(key))
	}

	var prev []byte
	for i := 0; i < n; i++ {
		shared := int(r.uvarint())
		suffix := r.bytes(int(r.uvarint()))
		freq := r.uvarint()
		pos := r.byte()
		if r.err != nil || shared > len(prev) || freq > 1<<32-1 || int(pos) >= int(ntags) {
			return nil, errCorrupt
		}
		prev = append(prev[:shared], suffix...)
		key := prev
		for len(domain) > 0 && domain[0].key < string(key) {
			add([]byte(domain[0].key), domain[0].freq, tagIndex[domain[0].pos])
			domain = domain[1:]
		}
		if len(domain) > 0 && domain[0].key == string(key) {
			add(key, domain[0].freq, tagIndex[domain[0].pos])
			domain = domain[1:]
			continue
		}
		add(key, uint32(freq), pos)
	}
	for _, e := range domain {
		add([]byte(e.key), e.freq, tagIndex[e.pos])
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", errCorrupt, len(r.b))
	}
	return d, nil
}

// len reports the number of entries.
func (d *dict) len() int { return len(d.freq) }

// key returns entry i's key; the bytes must not be changed.
func (d *dict) key(i int) []byte { return d.keys[d.off[i]:d.off[i+1]] }

// matches calls found(i, n) for every entry i whose key is the bytes of
// units[from:from+n] of lower, for n = 1, 2, …, shortest first.
func (d *dict) matches(lower []byte, units []unit, from int, found func(i, n int)) {
	lo, hi := 0, d.len()
	depth := 0 // bytes of prefix that every key in [lo, hi) shares
	start := 0
	if from > 0 {
		start = int(units[from-1].end)
	}
	for k := from; k < len(units); k++ {
		u := lower[start:units[k].end]
		start = int(units[k].end)
		if depth+len(u) > d.maxN {
			return
		}
		// Narrow [lo, hi) to the keys that continue with u.
		lo += searchAfter(hi-lo, func(j int) bool { return bytes.Compare(d.cut(lo+j, depth, len(u)), u) >= 0 })
		hi = lo + searchAfter(hi-lo, func(j int) bool { return bytes.Compare(d.cut(lo+j, depth, len(u)), u) > 0 })
		if lo >= hi {
			return
		}
		depth += len(u)
		if int(d.off[lo+1]-d.off[lo]) == depth {
			found(lo, k-from+1)
		}
	}
}

// cut returns at most n bytes of key i starting at byte from.
func (d *dict) cut(i, from, n int) []byte {
	k := d.key(i)[from:]
	return k[:min(n, len(k))]
}

// searchAfter is sort.Search: the smallest j in [0, n) with f(j) true, or n.
func searchAfter(n int, f func(int) bool) int {
	lo, hi := 0, n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !f(m) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// reader decodes the artifact; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errCorrupt
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.err = errCorrupt
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) byte() byte {
	b := r.bytes(1)
	if b == nil {
		return 0
	}
	return b[0]
}
