package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
)

// How baogao knows a folder is its own.
//
// --index names any folder, and a mistyped one may hold a project, a
// home directory or another program's data. baogao therefore removes
// nothing it cannot prove it wrote: every index it creates gets a marker
// file before anything else, and a folder is removed only when the marker
// is there (or the index inside names a baogao version) and every entry in
// it is one that baogao or its index library writes. Even then the known
// files are removed one by one, never the folder tree as a whole, so a
// file that appears meanwhile survives.

// MarkerName is the file that marks a folder as a baogao index.
const MarkerName = "baogao-index.txt"

// markerText is what the marker says to someone who finds it.
const markerText = `This folder is a baogao index. baogao may remove what is in it
(baogao ingest --rebuild) when it holds nothing but this file,
index_meta.json and store/. Keep no other files here.
`

// metaName is the file in which the index library records the kind of
// index; metaTemp is its copy while it is being rewritten.
const (
	metaName  = "index_meta.json"
	metaTemp  = "index_meta.json_temp"
	storeName = "store"
)

// segmentName matches the segment files of the index library's store
// (an epoch in twelve hex digits).
var segmentName = regexp.MustCompile(`^[0-9a-f]{12}\.zap$`)

// folderState is what a folder given as an index holds.
type folderState int

const (
	stateMissing folderState = iota // no such folder, or an empty one
	stateIndex                      // index_meta.json and store: an index, maybe damaged
	stateCutOff                     // baogao's files only, but no store yet: a creation cut off
	stateNoMeta                     // a store without index_meta.json: damaged
	stateForeign                    // something that is not a baogao index
)

// inspect says what the folder at path holds; foreign names the entries
// baogao did not write, in the order they are listed.
func inspect(path string) (st folderState, foreign []string, marked bool, err error) {
	if info, err := os.Stat(path); err == nil && !info.IsDir() {
		return stateForeign, nil, false, errNotFolder
	}
	entries, err := os.ReadDir(path)
	if errors.Is(err, os.ErrNotExist) {
		return stateMissing, nil, false, nil
	}
	if err != nil {
		return stateForeign, nil, false, err
	}
	if len(entries) == 0 {
		return stateMissing, nil, false, nil
	}
	var hasMeta, hasStore bool
	for _, e := range entries {
		switch name := e.Name(); {
		case name == MarkerName && e.Type().IsRegular():
			marked = true
		case (name == metaName || name == metaTemp) && e.Type().IsRegular():
			hasMeta = hasMeta || name == metaName
		case name == storeName && e.IsDir():
			hasStore = true
			inner, err := os.ReadDir(filepath.Join(path, storeName))
			if err != nil {
				return stateForeign, nil, marked, err
			}
			for _, f := range inner {
				if !f.Type().IsRegular() || f.Name() != "root.bolt" && !segmentName.MatchString(f.Name()) {
					foreign = append(foreign, storeName+"/"+f.Name())
				}
			}
		default:
			foreign = append(foreign, name)
		}
	}
	switch {
	case hasMeta && hasStore:
		return stateIndex, foreign, marked, nil
	case len(foreign) > 0:
		return stateForeign, foreign, marked, nil
	case hasStore:
		return stateNoMeta, nil, marked, nil
	}
	return stateCutOff, nil, marked, nil
}

// errNotFolder is the cause when an index's path names a file.
var errNotFolder = errors.New("it is a file, not a folder")

// folderError is the error of a folder that inspect could not read.
func folderError(path string, err error) error {
	if errors.Is(err, errNotFolder) {
		return &Error{path, ErrNotIndex, err}
	}
	return &Error{path, ErrDamaged, err}
}

// foreignError is the error about a folder that holds entries baogao did
// not write.
func foreignError(path string, foreign []string) error {
	const shown = 3
	list := strings.Join(foreign[:min(len(foreign), shown)], ", ")
	if len(foreign) > shown {
		list += fmt.Sprintf(" and %d more", len(foreign)-shown)
	}
	return &Error{path, ErrNotIndex, fmt.Errorf("it holds %s, which baogao did not write", list)}
}

// writeMarker puts the marker into the index folder at path, creating the
// folder.
func writeMarker(path string) error {
	if err := os.MkdirAll(path, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(path, MarkerName), []byte(markerText), 0o644)
}

// clearOwn removes from the folder at path the files baogao and its index
// library write, one by one, and leaves the folder itself. It removes
// nothing when the folder holds anything else.
func clearOwn(path string) error {
	_, foreign, _, err := inspect(path)
	if err != nil {
		return &Error{path, ErrWrite, err}
	}
	if len(foreign) > 0 {
		return foreignError(path, foreign)
	}
	store := filepath.Join(path, storeName)
	inner, _ := os.ReadDir(store)
	var files []string
	for _, f := range inner {
		files = append(files, filepath.Join(store, f.Name()))
	}
	files = append(files, store, filepath.Join(path, metaTemp), filepath.Join(path, metaName), filepath.Join(path, MarkerName))
	for _, f := range files {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			return &Error{path, ErrWrite, fmt.Errorf("remove %s: %w", filepath.Base(f), err)}
		}
	}
	return nil
}

// removeIndex empties the index folder at path for a rebuild. It refuses
// a folder it cannot prove is a baogao index, one holding anything else,
// and one another process holds.
func removeIndex(path string) error {
	st, foreign, marked, err := inspect(path)
	switch {
	case err != nil:
		return folderError(path, err)
	case st == stateMissing:
		return nil
	case len(foreign) > 0:
		return foreignError(path, foreign)
	case !marked && !namesOurVersion(path):
		return &Error{path, ErrNotIndex, fmt.Errorf("it has no %s and no baogao version can be read from it", MarkerName)}
	}
	// Take the lock first, so that a rebuild never pulls the index from
	// under another process.
	if st == stateIndex {
		err := checkStore(path)
		if errors.Is(err, ErrBusy) {
			return err
		}
		if err == nil {
			// Readers share the lock checkStore took; a rebuild needs it
			// alone.
			if b, err := openBleve(path, map[string]any{"bolt_timeout": lockWait.String()}); err == nil {
				b.Close()
			} else if isLockTimeout(err) {
				return &Error{path, ErrBusy, nil}
			}
		}
	}
	return clearOwn(path)
}

// namesOurVersion reports whether the index at path can be read and
// records a baogao version: an index made before indexes were marked.
func namesOurVersion(path string) bool {
	if checkStore(path) != nil {
		return false
	}
	b, err := openBleve(path, map[string]any{"bolt_timeout": lockWait.String(), "read_only": true})
	if err != nil {
		return false
	}
	defer b.Close()
	v, err := b.GetInternal([]byte(keyVersion))
	return err == nil && strings.HasPrefix(string(v), "schema ")
}

// openBleve opens the bleve index at path. A damaged store (a truncated
// or overwritten root.bolt) can make the index library panic, or fault on
// the memory it maps; both come back as errors.
func openBleve(path string, cfg map[string]any) (b bleve.Index, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			b, err = nil, fmt.Errorf("%s", firstLine(fmt.Sprint(p)))
		}
		if err != nil && isLockTimeout(err) {
			lockWaits.Add(1)
		}
	}()
	return bleve.OpenUsing(path, cfg)
}

// lockWaits counts the openings that waited lockWait in vain for another
// process's lock: a command that finds the index busy waits once.
var lockWaits atomic.Int64

// firstLine is the first line of a message: the index library adds whole
// dumps (its mapping) to some of its errors.
func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return strings.TrimRight(s[:i], ": ")
	}
	return s
}
