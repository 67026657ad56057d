package index

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

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
	t, err := decodeTable(raw)
	if err != nil {
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
		info, err := unpackInfo([]byte(raw), "", false)
		if err != nil {
			return nil, damaged(ix.path, err)
		}
		t[key] = newTableEntry(info)
	}
	return t, nil
}

func newTableEntry(info *reportInfo) tableEntry {
	m := info.Meta
	e := tableEntry{Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value, Year: m.Year}
	for _, r := range info.Indicators {
		// Copies: a unit or subject is a piece of the report's text, which
		// the table must not keep alive.
		e.Recs = append(e.Recs, tableRec{r.ID, r.Value, strings.Clone(r.Unit), strings.Clone(r.Qualifier), strings.Clone(r.Subject), r.Derived, string(r.Scope)})
	}
	return e
}

// The record table's encoding: gzip of a string table followed by the
// entries, every string as its number in the table, numbers as varints and
// values as float64 bits. It decodes in milliseconds, which a fresh compare
// process needs.
const tableMagic = "baogao-table 1\n"

func encodeTable(t map[string]tableEntry) ([]byte, error) {
	ids := map[string]uint64{}
	var strs []string
	str := func(s string) uint64 {
		if i, ok := ids[s]; ok {
			return i
		}
		ids[s] = uint64(len(strs))
		strs = append(strs, s)
		return ids[s]
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var body []byte
	body = binary.AppendUvarint(body, uint64(len(keys)))
	for _, k := range keys {
		e := t[k]
		for _, s := range []string{k, e.Town, e.County, e.City, e.Province} {
			body = binary.AppendUvarint(body, str(s))
		}
		body = binary.AppendVarint(body, int64(e.Year))
		body = binary.AppendUvarint(body, uint64(len(e.Recs)))
		for _, r := range e.Recs {
			body = binary.AppendUvarint(body, str(r.ID))
			body = binary.LittleEndian.AppendUint64(body, math.Float64bits(r.Value))
			for _, s := range []string{r.Unit, r.Qualifier, r.Subject, r.Scope} {
				body = binary.AppendUvarint(body, str(s))
			}
			d := byte(0)
			if r.Derived {
				d = 1
			}
			body = append(body, d)
		}
	}
	var head []byte
	head = append(head, tableMagic...)
	head = binary.AppendUvarint(head, uint64(len(strs)))
	for _, s := range strs {
		head = binary.AppendUvarint(head, uint64(len(s)))
		head = append(head, s...)
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	zw.Write(head)
	zw.Write(body)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// tableReader reads the encoding, remembering the first error.
type tableReader struct {
	b   []byte
	err error
}

func (r *tableReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *tableReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *tableReader) bytes(n uint64) []byte {
	if uint64(len(r.b)) < n {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *tableReader) fail() {
	if r.err == nil {
		r.err = errors.New("truncated or damaged")
	}
	r.b = nil
}

func decodeTable(raw []byte) (map[string]tableEntry, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte(tableMagic)) {
		return nil, errors.New("unknown format")
	}
	r := &tableReader{b: data[len(tableMagic):]}
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		return nil, errors.New("damaged string table")
	}
	strs := make([]string, n)
	for i := range strs {
		strs[i] = string(r.bytes(r.uvarint()))
	}
	str := func() string {
		i := r.uvarint()
		if i >= uint64(len(strs)) {
			r.fail()
			return ""
		}
		return strs[i]
	}
	count := r.uvarint()
	if count > uint64(len(r.b)) {
		return nil, errors.New("damaged entry count")
	}
	t := make(map[string]tableEntry, count)
	for i := uint64(0); i < count && r.err == nil; i++ {
		key := str()
		e := tableEntry{Town: str(), County: str(), City: str(), Province: str(), Year: int(r.varint())}
		nr := r.uvarint()
		if nr > uint64(len(r.b)) {
			r.fail()
			break
		}
		e.Recs = make([]tableRec, nr)
		for j := range e.Recs {
			rec := &e.Recs[j]
			rec.ID = str()
			if b := r.bytes(8); len(b) == 8 {
				rec.Value = math.Float64frombits(binary.LittleEndian.Uint64(b))
			}
			rec.Unit, rec.Qualifier, rec.Subject, rec.Scope = str(), str(), str(), str()
			b := r.bytes(1)
			rec.Derived = len(b) == 1 && b[0] == 1
		}
		t[key] = e
	}
	if r.err != nil {
		return nil, r.err
	}
	return t, nil
}
