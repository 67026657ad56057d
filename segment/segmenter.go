package segment

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// shortText is the length in bytes below which text is segmented with a
// segmenter built for it alone (see subsetSegmenter) while the full
// dictionary is not loaded. Queries are short; documents load the full
// segmenter.
const shortText = 512

// Loading the full segmenter costs about a second, so it happens once, on
// the first long text or on Preload. Until then short texts get a segmenter
// of their own.
var (
	getDict  = sync.OnceValues(loadDict)
	fullOnce sync.Once
	fullErr  error
	fullSeg  atomic.Pointer[gse.Segmenter]
)

// fillerTag is the part of speech of a subset segmenter's filler entry.
const fillerTag = "x"

// Preload loads the full dictionary into the segmenter now, so that the
// first long text does not wait for it. It is safe to call many times and
// from many goroutines; calls after the first return the first one's result.
func Preload() error {
	fullOnce.Do(func() {
		d, err := getDict()
		if err != nil {
			fullErr = err
			return
		}
		seg, err := newSegmenter(d, nil, "")
		if err != nil {
			fullErr = err
			return
		}
		fullSeg.Store(seg)
	})
	return fullErr
}

// segmenterFor returns the segmenter to cut folded with: the full one when
// it is loaded, else one built for folded alone when folded is short, else
// the full one after loading it. units are gse's units of folded.
func segmenterFor(d *dict, folded []byte, units []gse.Text) (*gse.Segmenter, error) {
	if seg := fullSeg.Load(); seg != nil {
		return seg, nil
	}
	if len(folded) < shortText {
		return subsetSegmenter(d, folded, units)
	}
	if err := Preload(); err != nil {
		return nil, err
	}
	return fullSeg.Load(), nil
}

// subsetSegmenter returns a gse segmenter that cuts text exactly as the full
// one does, built from the few dictionary entries that occur in text.
//
// gse finds the shortest path through the entries that match the text at
// each unit; an entry's length on that path is log2(total/freq), where
// total is the sum of all frequencies in the dictionary. The entries that
// occur in text and the total are therefore all that the result depends on.
// The subset holds those entries, and one filler entry that cannot occur in
// text brings its total up to the full dictionary's.
func subsetSegmenter(d *dict, text []byte, units []gse.Text) (*gse.Segmenter, error) {
	idx := []int{} // not nil: nil means the whole dictionary
	for i := range units {
		d.matches(units[i:], func(j, _ int) { idx = append(idx, j) })
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	return newSegmenter(d, idx, filler(text))
}

// filler returns text for the filler entry of a subset segmenter: a
// private-use character whose bytes do not occur in text, so that no run of
// text's units can spell it.
func filler(text []byte) string {
	var buf [utf8.UTFMax]byte
	for r := rune(0xE000); ; r++ {
		b := buf[:utf8.EncodeRune(buf[:], r)]
		if !bytes.Contains(text, b) {
			return string(b)
		}
	}
}

// newSegmenter builds a gse segmenter from the entries idx of d, or from all
// of d when idx is nil. When idx is not nil, an entry with text filler makes
// up the rest of d's total frequency.
func newSegmenter(d *dict, idx []int, filler string) (*gse.Segmenter, error) {
	seg := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
	seg.Dict = gse.NewDict()
	var sum uint64
	add := func(i int) error {
		sum += uint64(d.freq[i])
		return seg.AddToken(string(d.key(i)), float64(d.freq[i]), d.tags[d.pos[i]])
	}
	n := len(idx)
	if idx == nil {
		n = d.len()
		for i := range n {
			if err := add(i); err != nil {
				return nil, fmt.Errorf("segment: dictionary entry %q: %w", d.key(i), err)
			}
		}
	} else {
		for _, i := range idx {
			if err := add(i); err != nil {
				return nil, fmt.Errorf("segment: dictionary entry %q: %w", d.key(i), err)
			}
		}
		if sum < d.total {
			if err := seg.AddToken(filler, float64(d.total-sum), fillerTag); err != nil {
				return nil, fmt.Errorf("segment: filler entry: %w", err)
			}
			n++
		}
	}
	// Every key is distinct, so gse must have kept them all; and the
	// total must be exact for subsets to cut like the full dictionary.
	if seg.Dict.NumTokens() != n || seg.Dict.TotalFreq() != float64(d.total) {
		return nil, fmt.Errorf("segment: gse kept %d of %d entries, total frequency %v, want %d",
			seg.Dict.NumTokens(), n, seg.Dict.TotalFreq(), d.total)
	}
	seg.CalcToken()
	return seg, nil
}
