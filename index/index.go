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

// Errors a user meets; each message says what to do.
var (
	ErrNoIndex = errors.New("no index")
	ErrBusy    = errors.New("index busy")
	ErrDamaged = errors.New("index damaged")
	ErrVersion = errors.New("index version differs")
)

// Error is an error about the index at Path.
type Error struct {
	Path string
	Err  error  // one of the Err* sentinels
	Msg  string // the whole one-line message
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

func noIndex(path string) error {
	return &Error{path, ErrNoIndex, fmt.Sprintf("no index at %s; run `baogao ingest DIR` first", display(path))}
}

func busy(path string) error {
	return &Error{path, ErrBusy, fmt.Sprintf("index %s is in use by another baogao process (an ingest is running); try again when it has finished", display(path))}
}

func damaged(path string, err error) error {
	return &Error{path, ErrDamaged, fmt.Sprintf("index %s cannot be read (%v); run `baogao ingest --rebuild DIR` to build it again", display(path), err)}
}

func versionErr(path, have string) error {
	return &Error{path, ErrVersion, fmt.Sprintf("index %s was built by another version of baogao (%s; this one is %s); run `baogao ingest --rebuild DIR` to build it again", display(path), have, Version())}
}

// display writes a path the way a user typed it: relative when under the
// working directory.
func display(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			if !strings.Contains(rel, string(filepath.Separator)) {
				return "./" + rel
			}
			return rel
		}
	}
	return path
}

// Index is an open index.
type Index struct {
	path     string
	b        bleve.Index
	readOnly bool
	files    map[string]FileState
	tab      map[string]tableEntry // the record table, once loaded
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
			return nil, damaged(path, err)
		}
		if _, derr := os.Stat(path); derr == nil {
			return nil, damaged(path, errors.New("index_meta.json is missing"))
		}
		return nil, noIndex(path)
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
			return nil, &Error{path, ErrDamaged, fmt.Sprintf("cannot remove the unfinished index %s: %v", display(path), err)}
		}
		exists = false
	}
	if !exists {
		entries, err := os.ReadDir(path)
		if err == nil && len(entries) > 0 && onlyBleve(entries) {
			os.RemoveAll(path) // a creation cut off before it wrote anything of use
		} else if err == nil && len(entries) > 0 {
			return nil, &Error{path, ErrDamaged, fmt.Sprintf("%s exists and is not a baogao index; choose another --index or remove it", display(path))}
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
		return &Error{path, ErrDamaged, fmt.Sprintf("cannot read %s: %v", display(path), err)}
	}
	looks := len(entries) == 0
	for _, e := range entries {
		if e.Name() == "index_meta.json" || e.Name() == "store" {
			looks = true
		}
	}
	if !looks {
		return &Error{path, ErrDamaged, fmt.Sprintf("%s is not a baogao index; not removing it", display(path))}
	}
	// Take the lock first, so that a rebuild never pulls the index from
	// under another process.
	if b, err := bleve.OpenUsing(path, map[string]interface{}{"bolt_timeout": lockWait.String()}); err == nil {
		b.Close()
	} else if isLockTimeout(err) {
		return busy(path)
	}
	if err := os.RemoveAll(path); err != nil {
		return &Error{path, ErrDamaged, fmt.Sprintf("cannot remove %s: %v", display(path), err)}
	}
	return nil
}

func create(path string) (*Index, error) {
	b, err := bleve.NewUsing(path, newMapping(), "scorch", "scorch", map[string]interface{}{"bolt_timeout": lockWait.String()})
	if err != nil {
		if isLockTimeout(err) {
			return nil, busy(path)
		}
		return nil, &Error{path, ErrDamaged, fmt.Sprintf("cannot create index %s: %v", display(path), err)}
	}
	if err := b.SetInternal([]byte(keyVersion), []byte(Version())); err != nil {
		b.Close()
		return nil, damaged(path, err)
	}
	return &Index{path: path, b: b, files: map[string]FileState{}}, nil
}

func open(path string, readOnly bool) (ix *Index, err error) {
	defer func() {
		// A damaged index can make bleve panic while loading.
		if p := recover(); p != nil {
			ix, err = nil, damaged(path, fmt.Errorf("%v", p))
		}
	}()
	cfg := map[string]interface{}{"bolt_timeout": lockWait.String()}
	if readOnly {
		cfg["read_only"] = true
	}
	b, err := bleve.OpenUsing(path, cfg)
	if err != nil {
		if isLockTimeout(err) {
			return nil, busy(path)
		}
		return nil, damaged(path, err)
	}
	ix = &Index{path: path, b: b, readOnly: readOnly}
	have, err := b.GetInternal([]byte(keyVersion))
	if err != nil {
		b.Close()
		return nil, damaged(path, err)
	}
	if string(have) != Version() {
		b.Close()
		if len(have) == 0 {
			have = []byte("unknown")
		}
		return nil, versionErr(path, string(have))
	}
	if !readOnly {
		// Only ingest needs the state of every file; searches start
		// faster without reading it.
		if err := ix.loadFiles(); err != nil {
			b.Close()
			return nil, damaged(path, err)
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
