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
	"runtime/debug"
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
// says the index is busy: long enough for a search's brief hold to end,
// short enough that a second ingest is told within 1.5 s, the start of
// the process included. A command waits for the lock once.
const lockWait = time.Second

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
	st, foreign, _, err := inspect(path)
	switch {
	case err != nil:
		return nil, folderError(path, err)
	case st == stateMissing || st == stateCutOff:
		return nil, &Error{path, ErrNoIndex, nil}
	case st == stateForeign:
		return nil, foreignError(path, foreign)
	case st == stateNoMeta:
		return nil, &Error{path, ErrDamaged, errors.New(metaName + " is missing")}
	}
	return open(path, true)
}

// OpenWrite opens the index for ingesting, creating it when missing. With
// rebuild, an existing index is emptied first (see removeIndex). Only one
// process may write.
func OpenWrite(path string, rebuild bool) (*Index, error) {
	path = absPath(path)
	if rebuild {
		if err := removeIndex(path); err != nil {
			return nil, err
		}
	}
	st, foreign, _, err := inspect(path)
	switch {
	case err != nil:
		return nil, folderError(path, err)
	case st == stateMissing:
		return create(path)
	case st == stateCutOff:
		// A creation cut off before the index library wrote its store:
		// nothing of use is in it.
		if err := clearOwn(path); err != nil {
			return nil, err
		}
		return create(path)
	case st == stateForeign:
		return nil, foreignError(path, foreign)
	case st == stateNoMeta:
		// Never replace what may be a large index: the user decides.
		return nil, &Error{path, ErrDamaged, errors.New(metaName + " is missing")}
	}
	ix, err := open(path, false)
	if errors.Is(err, errUnfinished) {
		// An earlier ingest was killed while it created the index: nothing
		// was saved yet, so start afresh.
		if err := clearOwn(path); err != nil {
			return nil, err
		}
		return create(path)
	}
	return ix, err
}

// errUnfinished is the cause when an index's creation was cut off before
// it recorded its version, so that it holds nothing.
var errUnfinished = errors.New("its creation was cut off")

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

func create(path string) (*Index, error) {
	// The marker comes first, so that even a creation cut off at once
	// leaves a folder baogao knows as its own.
	if err := writeMarker(path); err != nil {
		return nil, &Error{path, ErrWrite, fmt.Errorf("create: %w", err)}
	}
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
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		// A damaged index can make bleve panic while loading.
		if p := recover(); p != nil {
			ix, err = nil, &Error{path, ErrDamaged, errors.New(firstLine(fmt.Sprint(p)))}
		}
	}()
	if err := checkStore(path); err != nil {
		return nil, err
	}
	cfg := map[string]interface{}{"bolt_timeout": lockWait.String()}
	if readOnly {
		cfg["read_only"] = true
	}
	b, err := openBleve(path, cfg)
	if err != nil {
		if isLockTimeout(err) {
			return nil, &Error{path, ErrBusy, nil}
		}
		return nil, &Error{path, ErrDamaged, errors.New(firstLine(err.Error()))}
	}
	ix = &Index{path: path, b: b, readOnly: readOnly}
	have, err := b.GetInternal([]byte(keyVersion))
	if err != nil {
		b.Close()
		return nil, ix.damaged(err)
	}
	if string(have) != Version() {
		if n, err := b.DocCount(); len(have) == 0 && !readOnly && err == nil && n == 0 {
			b.Close()
			return nil, errUnfinished
		}
		b.Close()
		if len(have) == 0 {
			have = []byte("unknown")
		}
		return nil, &Error{path, ErrVersion, fmt.Errorf("built with %s; this baogao is %s", have, Version())}
	}
	if !readOnly {
		// An index made before indexes were marked gets its marker now
		// that its version proves it is baogao's.
		if _, err := os.Stat(filepath.Join(path, MarkerName)); errors.Is(err, os.ErrNotExist) {
			if err := writeMarker(path); err != nil {
				b.Close()
				return nil, ix.writeErr(err)
			}
		}
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
