package segment

import (
	"slices"
	"sync"
	"sync/atomic"
)

// shortText is the length in bytes below which text is cut with a trie of
// the dictionary entries that occur in it (see subsetTrie) while the full
// trie is not built. Queries are short; documents build the full trie.
const shortText = 512

// Building the full trie takes a noticeable moment, so it happens once, on
// the first long text or on Preload. Until then short texts get a trie of
// their own.
var (
	getDict  = sync.OnceValues(loadDict)
	fullOnce sync.Once
	fullErr  error
	fullTrie atomic.Pointer[trie]
)

// Preload builds the full trie now, so that the first long text does not
// wait for it. It is safe to call many times and from many goroutines;
// calls after the first return the first one's result.
func Preload() error {
	fullOnce.Do(func() {
		d, err := getDict()
		if err != nil {
			fullErr = err
			return
		}
		fullTrie.Store(newTrie(d, nil))
	})
	return fullErr
}

// trieFor returns the trie to cut text with: the full one when it is built,
// else one built for text alone when text is short, else the full one
// after building it. lower is text with ASCII letters lowered and units
// its units (runs not yet numbered).
func trieFor(d *dict, lower []byte, units []unit) (*trie, error) {
	if t := fullTrie.Load(); t != nil {
		return t, nil
	}
	if len(lower) < shortText {
		return subsetTrie(d, lower, units), nil
	}
	if err := Preload(); err != nil {
		return nil, err
	}
	return fullTrie.Load(), nil
}

// subsetTrie returns a trie that cuts text exactly as the full one does,
// built from the few dictionary entries that occur in text.
//
// The shortest path through text depends only on the entries that match
// it somewhere and on their path lengths, log2(total/freq), where total is
// the sum of all frequencies in the dictionary. The subset holds those
// entries and keeps the full total.
func subsetTrie(d *dict, lower []byte, units []unit) *trie {
	idx := []int{} // not nil: nil means the whole dictionary
	for i := range units {
		d.matches(lower, units, i, func(j, _ int) { idx = append(idx, j) })
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	return newTrie(d, idx)
}
