// Package index keeps reports and their indicator records in a bleve index
// on disk, so that years of reports can be searched at once. One directory
// holds everything: the bleve (scorch) index, and inside it, in bleve's
// internal store, the state of every ingested file and the full extraction
// of every report.
package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolterrors "go.etcd.io/bbolt/errors"

	"baogao/extract"
	"baogao/segment"
)

// DefaultPath is where the index lives unless --index or BAOGAO_INDEX says
// otherwise.
const DefaultPath = "baogao.index"

// EnvPath names the environment variable that moves the index.
const EnvPath = "BAOGAO_INDEX"

// schemaVersion changes when the documents or the mapping change in a way
// an old index cannot serve.
const schemaVersion = "12"

// Version identifies what an index was built with: the document schema and
// the analyzer with its dictionary. An index of another version is refused.
func Version() string {
	return "schema " + schemaVersion + "; analyzer " + segment.AnalyzerName + " " + segment.DictVersion
}

// lockWait is how long opening waits for another process's lock before it
// says the index is busy.
const lockWait = 1500 * time.Millisecond

// keyVersion is the internal-store key of the index's Version.
const keyVersion = "baogao:version"

// The kinds of error a user meets. The index says which one happened and
// why; the command line words what to do about it.
var (
	ErrNoIndex  = errors.New("no index")
	ErrBusy     = errors.New("in use by another process")
	ErrDamaged  = errors.New("cannot be read")
	ErrVersion  = errors.New("built by another version")
	ErrNotIndex = errors.New("not an index")
	ErrWrite    = errors.New("cannot be written")
	ErrNoReport = errors.New("does not hold the report")
)

// Error is an error about the index at Path: its Kind, one of the Err*
// values, and its cause, when there is more to say. errors.Is finds both.
type Error struct {
	Path string
	Kind error
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return "index " + e.Path + ": " + e.Kind.Error()
	}
	return "index " + e.Path + ": " + e.Kind.Error() + ": " + e.Err.Error()
}

func (e *Error) Unwrap() []error { return []error{e.Kind, e.Err} }

// damaged is the error of an index that cannot be read.
func (ix *Index) damaged(err error) error { return &Error{ix.path, ErrDamaged, err} }

// Index is an open index.
type Index struct {
	path     string
	b        bleve.Index
	readOnly bool
	files    map[string]FileState
	reports  []extract.Source      // the record table's reports, once loaded
	tab      map[string]tableEntry // the record table of an ingest
	cat      *extract.Catalogue    // the catalogue of the records, once read
}

// FileState is what the index remembers of an ingested file.
type FileState struct {
	Hash       string `json:"hash"`
	Size       int64  `json:"size"`
	ModTime    int64  `json:"mtime"` // Unix nanoseconds
	Indicators int    `json:"n"`
}

// Path returns the index directory.
func (ix *Index) Path() string { return ix.path }

// Open opens an existing index for reading. Readers share the index with
// each other but not with a running ingest.
func Open(path string) (*Index, error) {
	path = absPath(path)
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		if _, derr := os.Stat(path); derr == nil && !os.IsNotExist(err) {
			return nil, &Error{path, ErrDamaged, err}
		}
		if _, derr := os.Stat(path); derr == nil {
			return nil, &Error{path, ErrDamaged, errors.New("index_meta.json is missing")}
		}
		return nil, &Error{path, ErrNoIndex, nil}
	}
	return open(path, true)
}

// OpenWrite opens the index for ingesting, creating it when missing. With
// rebuild, an existing index is removed first. Only one process may write.
func OpenWrite(path string, rebuild bool) (*Index, error) {
	path = absPath(path)
	_, err := os.Stat(filepath.Join(path, "index_meta.json"))
	exists := err == nil
	if rebuild {
		if err := removeIndex(path); err != nil {
			return nil, err
		}
		exists = false
	}
	if exists && !rebuild && unfinished(path) {
		// An earlier ingest was killed while it created the index: nothing
		// was saved yet, so start afresh.
		if err := os.RemoveAll(path); err != nil {
			return nil, &Error{path, ErrWrite, fmt.Errorf("remove the unfinished index: %w", err)}
		}
		exists = false
	}
	if !exists {
		entries, err := os.ReadDir(path)
		if err == nil && len(entries) > 0 && onlyBleve(entries) {
			os.RemoveAll(path) // a creation cut off before it wrote anything of use
		} else if err == nil && len(entries) > 0 {
			return nil, &Error{path, ErrNotIndex, nil}
		}
		return create(path)
	}
	return open(path, false)
}

// unfinished reports whether the index at path was never completed: its
// creation was cut off before the version was written. It never says so
// of an index another process holds.
func unfinished(path string) bool {
	b, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": lockWait.String(), "read_only": true})
	if err != nil {
		return false // busy or damaged: open says which
	}
	defer b.Close()
	v, err := b.GetInternal([]byte(keyVersion))
	if err != nil || len(v) > 0 {
		return false
	}
	n, err := b.DocCount()
	return err == nil && n == 0
}

// onlyBleve reports whether a folder holds only what bleve writes when it
// creates an index (a creation cut off before index_meta.json).
func onlyBleve(entries []os.DirEntry) bool {
	for _, e := range entries {
		if e.Name() != "store" && e.Name() != "index_meta.json" {
			return false
		}
	}
	return true
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// removeIndex deletes an index directory, refusing a directory that does
// not look like one.
func removeIndex(path string) error {
	entries, err := os.ReadDir(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return &Error{path, ErrDamaged, err}
	}
	looks := len(entries) == 0
	for _, e := range entries {
		if e.Name() == "index_meta.json" || e.Name() == "store" {
			looks = true
		}
	}
	if !looks {
		return &Error{path, ErrNotIndex, nil}
	}
	// Take the lock first, so that a rebuild never pulls the index from
	// under another process.
	if b, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": lockWait.String()}); err == nil {
		b.Close()
	} else if isLockTimeout(err) {
		return &Error{path, ErrBusy, nil}
	}
	if err := os.RemoveAll(path); err != nil {
		return &Error{path, ErrWrite, fmt.Errorf("remove: %w", err)}
	}
	return nil
}

func create(path string) (*Index, error) {
	b, err := bleve.NewUsing(path, newMapping(), "scorch", "scorch", map[string]interface{}{"bolt_timeout": lockWait.String()})
	if err != nil {
		if isLockTimeout(err) {
			return nil, &Error{path, ErrBusy, nil}
		}
		return nil, &Error{path, ErrWrite, fmt.Errorf("create: %w", err)}
	}
	if err := b.SetInternal([]byte(keyVersion), []byte(Version())); err != nil {
		b.Close()
		return nil, &Error{path, ErrWrite, err}
	}
	return &Index{path: path, b: b, files: map[string]FileState{}}, nil
}

func open(path string, readOnly bool) (ix *Index, err error) {
	defer func() {
		// A damaged index can make bleve panic while loading.
		if p := recover(); p != nil {
			ix, err = nil, &Error{path, ErrDamaged, fmt.Errorf("%v", p)}
		}
	}()
	cfg := map[string]interface{}{"bolt_timeout": lockWait.String()}
	if readOnly {
		cfg["read_only"] = true
	}
	b, err := bleve.OpenUsing(path, cfg)
	if err != nil {
		if isLockTimeout(err) {
			return nil, &Error{path, ErrBusy, nil}
		}
		return nil, &Error{path, ErrDamaged, err}
	}
	ix = &Index{path: path, b: b, readOnly: readOnly}
	have, err := b.GetInternal([]byte(keyVersion))
	if err != nil {
		b.Close()
		return nil, ix.damaged(err)
	}
	if string(have) != Version() {
		b.Close()
		if len(have) == 0 {
			have = []byte("unknown")
		}
		return nil, &Error{path, ErrVersion, fmt.Errorf("built with %s; this baogao is %s", have, Version())}
	}
	if !readOnly {
		// Only ingest needs the state of every file; searches start
		// faster without reading it.
		if err := ix.loadFiles(); err != nil {
			b.Close()
			return nil, ix.damaged(err)
		}
	}
	return ix, nil
}

func isLockTimeout(err error) bool {
	return errors.Is(err, bolterrors.ErrTimeout) || strings.Contains(err.Error(), "timeout")
}

// Close closes the index.
func (ix *Index) Close() error { return ix.b.Close() }

// loadFiles reads the state of every ingested file from the report
// documents.
func (ix *Index) loadFiles() error {
	ix.files = map[string]FileState{}
	n, err := ix.b.DocCount()
	if err != nil || n == 0 {
		return err
	}
	req := bleve.NewSearchRequestOptions(term("type", typeReport), int(n), 0, false)
	req.Fields = []string{"path", "hash", "size", "mtime", "n"}
	res, err := ix.b.Search(req)
	if err != nil {
		return err
	}
	for _, h := range res.Hits {
		path, _ := h.Fields["path"].(string)
		hash, _ := h.Fields["hash"].(string)
		size, _ := h.Fields["size"].(float64)
		mt, _ := h.Fields["mtime"].(string)
		cnt, _ := h.Fields["n"].(float64)
		mtime, _ := strconv.ParseInt(mt, 10, 64)
		ix.files[path] = FileState{Hash: hash, Size: int64(size), ModTime: mtime, Indicators: int(cnt)}
	}
	return nil
}

// DocCount returns how many documents (reports and records) the index holds.
func (ix *Index) DocCount() (uint64, error) { return ix.b.DocCount() }
