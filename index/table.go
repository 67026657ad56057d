package index

import (
	"bytes"
	"compress/gzip"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/blevesearch/bleve/v2"
)

// The record table is every report's place, year and records in one
// compact value of the internal store, so that compare and export answer
// from memory instead of fetching thousands of stored documents. Ingest
// marks it dirty in its first batch and writes it, clean, in its last; an
// ingest that was cut off leaves it dirty, and the next ingest rebuilds it
// from the reports' stored extractions.
const (
	keyTable      = "baogao:table"
	keyTableState = "baogao:table-state"
	tableClean    = "clean"
	tableDirty    = "dirty"
)

// tableEntry is one report in the record table.
type tableEntry struct {
	Town, County, City, Province string
	Year                         int
	Recs                         []tableRec
}

// tableRec is one record in the record table.
type tableRec struct {
	ID        string
	Value     float64
	Unit      string
	Qualifier string
	Subject   string
	Derived   bool
	Scope     string
}

// ErrStaleTable says the record table is out of date.
var ErrStaleTable = errors.New("record table out of date")

// loadTable reads the record table. ok is false when it is missing or
// dirty.
func (ix *Index) loadTable() (map[string]tableEntry, bool, error) {
	state, err := ix.b.GetInternal([]byte(keyTableState))
	if err != nil {
		return nil, false, damaged(ix.path, err)
	}
	raw, err := ix.b.GetInternal([]byte(keyTable))
	if err != nil {
		return nil, false, damaged(ix.path, err)
	}
	if string(state) != tableClean || raw == nil {
		return nil, false, nil
	}
	t := map[string]tableEntry{}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, false, damaged(ix.path, fmt.Errorf("record table: %w", err))
	}
	if err := gob.NewDecoder(zr).Decode(&t); err != nil {
		return nil, false, damaged(ix.path, fmt.Errorf("record table: %w", err))
	}
	return t, true, nil
}

// table returns the record table for reading, loading it once.
func (ix *Index) table() (map[string]tableEntry, error) {
	if ix.tab != nil {
		return ix.tab, nil
	}
	t, ok, err := ix.loadTable()
	if err != nil {
		return nil, err
	}
	if !ok {
		if len(ix.files) == 0 {
			if n, _ := ix.b.DocCount(); n == 0 {
				ix.tab = map[string]tableEntry{}
				return ix.tab, nil
			}
		}
		return nil, &Error{ix.path, ErrStaleTable, fmt.Sprintf("the figures in index %s are out of date (an ingest did not finish); run `baogao ingest DIR` again", display(ix.path))}
	}
	ix.tab = t
	return t, nil
}

// tableForWrite returns the record table for an ingest: loaded when clean,
// rebuilt from the stored extractions when not.
func (ix *Index) tableForWrite() (map[string]tableEntry, error) {
	if ix.tab != nil {
		return ix.tab, nil
	}
	t, ok, err := ix.loadTable()
	if err != nil {
		return nil, err
	}
	if !ok {
		if t, err = ix.rebuildTable(); err != nil {
			return nil, err
		}
	}
	ix.tab = t
	return t, nil
}

// rebuildTable reads every report's stored extraction.
func (ix *Index) rebuildTable() (map[string]tableEntry, error) {
	t := map[string]tableEntry{}
	n, err := ix.b.DocCount()
	if err != nil || n == 0 {
		return t, err
	}
	req := bleve.NewSearchRequestOptions(term("type", typeReport), int(n), 0, false)
	req.Fields = []string{"path", "info"}
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, damaged(ix.path, err)
	}
	for _, h := range res.Hits {
		key, _ := h.Fields["path"].(string)
		raw, _ := h.Fields["info"].(string)
		var info reportInfo
		if err := json.Unmarshal([]byte(raw), &info); err != nil {
			return nil, damaged(ix.path, err)
		}
		t[key] = newTableEntry(&info)
	}
	return t, nil
}

func newTableEntry(info *reportInfo) tableEntry {
	m := info.Meta
	e := tableEntry{Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value, Year: m.Year}
	for _, r := range info.Indicators {
		e.Recs = append(e.Recs, tableRec{r.ID, r.Value, r.Unit, r.Qualifier, r.Subject, r.Derived, string(r.Scope)})
	}
	return e
}

func encodeTable(t map[string]tableEntry) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	if err := gob.NewEncoder(zw).Encode(t); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
