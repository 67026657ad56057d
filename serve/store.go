package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	"baogao/check"
	"baogao/extract"
	"baogao/index"
)

// state is what the workbench keeps of the index as it was at one moment:
// the report list with each report's ID, and, once computed, the
// coverage and the review of the whole corpus, which take too long to
// compute for each page. A new state is made when the index's files
// change.
type state struct {
	key     string // the index's files when the state was read (fingerprint)
	reports []extract.Source
	ids     []string          // ids[i] is the ID of reports[i]
	byID    map[string]int    // ID → position in reports
	pathIDs map[string]string // path → ID

	coverOnce sync.Once
	cover     *coverage
	coverErr  error

	reviewMu sync.Mutex
	review   *review // nil until started
}

// review is a run of the corpus check, in the background.
type review struct {
	done        chan struct{} // closed when res or err is set
	res         *check.Result
	err         error
	read, total atomic.Int64 // reports read and checked so far, of total
}

// reportID is the ID of a report in URLs: a digest of its file key, so
// that no path ever appears in a URL and a report keeps its ID across
// ingests.
func reportID(path string) string {
	sum := sha256.Sum256([]byte(path))
	return hex.EncodeToString(sum[:8])
}

// fingerprint names the state of the index files at dir: the name, size
// and time of each file of its store. Every ingest that changes anything
// writes them.
func fingerprint(dir string) string {
	entries, err := os.ReadDir(filepath.Join(dir, "store"))
	if err != nil {
		return ""
	}
	h := sha256.New()
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		fmt.Fprintf(h, "%s %d %d\n", e.Name(), info.Size(), info.ModTime().UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil))
}

// open opens the index for one request and returns it with the state of
// its files, read now when they changed. The caller closes the index.
func (s *Server) open() (*index.Index, *state, error) {
	key := fingerprint(s.indexPath)
	ix, err := index.Open(s.indexPath)
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur != nil && s.cur.key == key && key != "" {
		return ix, s.cur, nil
	}
	reports, err := ix.Reports(extract.Filter{})
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	st := &state{key: key, reports: reports, ids: make([]string, len(reports)), byID: make(map[string]int, len(reports)),
		pathIDs: make(map[string]string, len(reports))}
	for i, r := range reports {
		st.ids[i] = reportID(r.Path)
		st.byID[st.ids[i]] = i
		st.pathIDs[r.Path] = st.ids[i]
	}
	s.cur = st
	return ix, st, nil
}

// Warm reads what the pages need from the index (the report list and the
// coverage) and starts the review of the corpus in the background, so
// that the first pages come as fast as the next. It returns at once;
// failures are met again, and shown, by the pages.
func (s *Server) Warm() {
	go func() {
		ix, st, err := s.open()
		if err != nil {
			return
		}
		st.coverage(ix)
		ix.Close()
		st.startReview(s.indexPath)
	}()
}

// idOf returns the ID of the report at path; "" when the state does not
// hold it.
func (st *state) idOf(path string) string { return st.pathIDs[path] }

// startReview starts the review of the corpus unless it runs or has
// finished; one that failed (the index was busy) is started again. It
// returns the run.
func (st *state) startReview(indexPath string) *review {
	st.reviewMu.Lock()
	defer st.reviewMu.Unlock()
	if rv := st.review; rv != nil {
		select {
		case <-rv.done:
			if rv.err == nil {
				return rv
			}
		default:
			return rv
		}
	}
	rv := &review{done: make(chan struct{})}
	rv.total.Store(int64(len(st.reports)))
	st.review = rv
	go func() {
		defer close(rv.done)
		defer func() {
			if p := recover(); p != nil {
				rv.err = fmt.Errorf("internal error in the review: %v", p)
			}
		}()
		ix, err := index.Open(indexPath)
		if err != nil {
			rv.err = err
			return
		}
		defer ix.Close()
		cat, err := ix.Catalogue()
		if err != nil {
			rv.err = err
			return
		}
		rv.res, rv.err = check.RunStored(ix, st.reports, check.Options{Catalogue: cat, Progress: func(step string, done, total int) {
			if step == "reports read and checked" {
				rv.read.Store(int64(done))
			}
		}})
	}()
	return rv
}

// finished returns the review's result, and whether it has finished.
func (rv *review) finished() (res *check.Result, done bool, err error) {
	select {
	case <-rv.done:
		return rv.res, true, rv.err
	default:
		return nil, false, nil
	}
}
