package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"baogao/corpus"
	"baogao/extract"
)

// The catalogue of an index
//
// An index's records are all read with one catalogue: the built-in one,
// or the built-in one with a user's file laid over it. The index keeps
// that file and the catalogue's version. An ingest with another catalogue
// reads every report again, those under the folders it is given from
// their files and the others from their stored text, so that one index
// never mixes the rules of two catalogues. While it does, the catalogue is
// marked pending; an ingest cut off then leaves it pending, and queries
// say to run the ingest again.

// keyCatalogue is the internal key of the stored catalogue.
const keyCatalogue = "baogao:catalogue"

// storedCatalogue is what the index keeps of its catalogue.
type storedCatalogue struct {
	Version string `json:"version"`
	Name    string `json:"name,omitempty"` // the user's file, as given
	TOML    []byte `json:"toml,omitempty"` // its contents; none for the built-in catalogue
	Pending bool   `json:"pending,omitempty"`
}

// ErrCatalogueChanging says an ingest with another catalogue was cut off
// before it had read every report again.
var ErrCatalogueChanging = errors.New("the index is being read again with another catalogue")

// Catalogue returns the catalogue the index's records were read with.
func (ix *Index) Catalogue() (*extract.Catalogue, error) {
	if ix.cat != nil {
		return ix.cat, nil
	}
	sc, err := ix.storedCatalogue()
	if err != nil {
		return nil, err
	}
	if sc.Pending {
		return nil, &Error{ix.path, ErrCatalogueChanging, nil}
	}
	if ix.cat, err = ix.parseStored(sc); err != nil {
		return nil, err
	}
	return ix.cat, nil
}

// CatalogueOrDefault is Catalogue, or the built-in catalogue when the
// index's cannot be read: for suggestions, where some catalogue is better
// than an error.
func (ix *Index) CatalogueOrDefault() *extract.Catalogue {
	if cat, err := ix.Catalogue(); err == nil {
		return cat
	}
	return extract.DefaultCatalogue
}

// parseStored lays the stored user's file over the built-in catalogue of
// this baogao.
func (ix *Index) parseStored(sc storedCatalogue) (*extract.Catalogue, error) {
	if len(sc.TOML) == 0 {
		return extract.DefaultCatalogue, nil
	}
	cat, err := extract.ParseCatalogueTOML(sc.Name, sc.TOML, extract.DefaultCatalogue)
	if err != nil {
		return nil, ix.damaged(fmt.Errorf("stored catalogue: %w", err))
	}
	return cat, nil
}

// storedCatalogue reads the stored catalogue; an index that stores none
// was read with the built-in catalogue of the baogao that made it.
func (ix *Index) storedCatalogue() (storedCatalogue, error) {
	raw, err := ix.b.GetInternal([]byte(keyCatalogue))
	if err != nil {
		return storedCatalogue{}, ix.damaged(err)
	}
	if raw == nil {
		return storedCatalogue{Version: extract.DefaultCatalogue.Version()}, nil
	}
	var sc storedCatalogue
	if err := json.Unmarshal(raw, &sc); err != nil {
		return storedCatalogue{}, ix.damaged(fmt.Errorf("stored catalogue: %w", err))
	}
	return sc, nil
}

// label returns the label of indicator id in the index's catalogue, or id.
func (ix *Index) label(id string) string {
	if cat, err := ix.Catalogue(); err == nil {
		if r := cat.Rule(id); r != nil {
			return r.Label
		}
	}
	return id
}

// catalogueEntry is the internal entry that stores cat.
func catalogueEntry(cat *extract.Catalogue, pending bool) ([2][]byte, error) {
	name, toml := cat.File()
	raw, err := json.Marshal(storedCatalogue{Version: cat.Version(), Name: name, TOML: toml, Pending: pending})
	return [2][]byte{[]byte(keyCatalogue), raw}, err
}

// rereadJobs returns jobs that read again, from their stored text, the
// reports the index holds whose files are not among the jobs already
// made: an ingest with a new catalogue reads every report.
func (ix *Index) rereadJobs(have []*job) []*job {
	listed := make(map[string]bool, len(have))
	for _, j := range have {
		listed[j.key] = true
	}
	var out []*job
	for key, st := range ix.files {
		if !listed[key] {
			out = append(out, &job{key: key, path: key, old: st, known: true, reread: ix.storedDoc})
		}
	}
	return out
}

// storedDoc rebuilds the Doc of the report with file key key from what the
// index stores of it.
func (ix *Index) storedDoc(key string, st FileState) (*corpus.Doc, os.FileInfo, error) {
	info, hash, text, err := ix.stored(key)
	if err != nil {
		return nil, nil, err
	}
	if info == nil {
		return nil, nil, fmt.Errorf("%s: not in the index", key)
	}
	doc := &corpus.Doc{Path: info.Path, Hash: hash, Encoding: info.Encoding, Size: st.Size, Text: text, Meta: info.Meta}
	// The reading warnings (clean-up, place) stay; extraction makes its
	// own again.
	for _, w := range info.Warnings {
		if isReadingWarning(w.Code) {
			doc.Warnings = append(doc.Warnings, w)
		}
	}
	return doc, storedFileInfo{st}, nil
}

// isReadingWarning reports whether a warning code is one that reading and
// normalising a file give, rather than extraction.
func isReadingWarning(code string) bool {
	switch code {
	case "rate_mismatch", "part_exceeds_whole", "rate_over_100", "sum_mismatch", "implausible_value":
		return false
	}
	return true
}

// storedFileInfo is the os.FileInfo of a file known only by its stored
// state.
type storedFileInfo struct{ st FileState }

func (s storedFileInfo) Name() string       { return "" }
func (s storedFileInfo) Size() int64        { return s.st.Size }
func (s storedFileInfo) Mode() os.FileMode  { return 0 }
func (s storedFileInfo) ModTime() time.Time { return time.Unix(0, s.st.ModTime) }
func (s storedFileInfo) IsDir() bool        { return false }
func (s storedFileInfo) Sys() any           { return nil }
