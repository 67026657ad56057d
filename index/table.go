package index

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"

	"baogao/extract"
)

// The record table is every report's place and year and every record's
// figure, kept in the index's internal store, so that compare and export
// answer from memory instead of fetching thousands of stored documents. It
// is kept in parts: one value lists the reports, and one value per
// indicator holds that indicator's records, so that a comparison decodes
// only the indicators it shows. Ingest marks the table dirty in its first
// batch and writes it, clean, in its last; an ingest that was cut off
// leaves it dirty, and the next ingest rebuilds it from the reports'
// stored extractions.
const (
	keyReports       = "baogao:reports"
	keyRecordIDs     = "baogao:record-ids"
	keyRecordsPrefix = "baogao:records:"
	keyTableState    = "baogao:table-state"
	// keyOneTable held the whole table in one value before it was kept in
	// parts; writing the table removes it.
	keyOneTable = "baogao:table"
	// tableClean marks a table in parts that is up to date; an index
	// marked with another value (an older layout) gets its table rebuilt
	// by the next ingest.
	tableClean = "clean 2"
	tableDirty = "dirty"
)

// The magic strings that start each part.
const (
	magicReports = "baogao-reports 1\n"
	magicRecords = "baogao-records 2\n"
	magicIDs     = "baogao-record-ids 1\n"
)

// ErrStaleTable says the record table is out of date.
var ErrStaleTable = errors.New("record table out of date")

// tableEntry is one report in the record table while an ingest changes
// it: where it comes from, and its records in the form appendRecord
// writes, which is a tenth of their size in memory.
type tableEntry struct {
	src  extract.Source
	recs []byte
	n    int // how many records recs holds
}

// newTableEntry makes the entry of a report.
func newTableEntry(src extract.Source, inds []extract.Indicator) tableEntry {
	e := tableEntry{src: src, n: len(inds)}
	w := blobWriter{}
	for i := range inds {
		w.record(&inds[i])
	}
	e.recs = w.body
	return e
}

// record appends what the table keeps of a record: the indicator, value,
// unit, qualifier, subject, scope and whether it is derived, strings
// inline (an entry has no string table of its own).
func (w *blobWriter) record(ind *extract.Indicator) {
	w.inline(ind.ID)
	w.float(ind.Value)
	for _, s := range []string{ind.Unit, ind.Qualifier, ind.Subject, string(ind.Scope)} {
		w.inline(s)
	}
	w.flag(ind.Derived)
}

// record reads what blobWriter.record wrote.
func (r *blobReader) record(ind *extract.Indicator) {
	ind.ID = r.inline()
	ind.Value = r.float()
	ind.Unit, ind.Qualifier, ind.Subject, ind.Scope = r.inline(), r.inline(), r.inline(), extract.Scope(r.inline())
	ind.Derived = r.flag()
}

// reportOrder orders reports as tables list them: by town, year and path.
func reportOrder(a, b extract.Source) int {
	if c := cmp.Compare(a.Town, b.Town); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Year, b.Year); c != 0 {
		return c
	}
	return cmp.Compare(a.Path, b.Path)
}

// encodeTable writes the record table in parts: the reports in table
// order, then each indicator's records in the order of their reports.
// It returns the internal-store values by key, with an empty part for
// each of old, the indicators of the table it replaces, that is gone.
func encodeTable(t map[string]tableEntry, old []string) (map[string][]byte, error) {
	entries := slices.Collect(maps.Values(t))
	slices.SortFunc(entries, func(a, b tableEntry) int { return reportOrder(a.src, b.src) })
	reps := blobWriter{}
	reps.uvarint(uint64(len(entries)))
	byID := map[string]*blobWriter{}
	counts := map[string]int{}
	lastRep := map[string]int{} // the report of each indicator's last record
	for i, e := range entries {
		s := e.src
		// A path is its folder, which reports share, and its name.
		dir, name := path.Split(s.Path)
		reps.str(dir)
		reps.inline(name)
		for _, v := range []string{s.Town, s.County, s.City, s.Province, s.Code} {
			reps.str(v)
		}
		reps.varint(int64(s.Year))
		r := blobReader{b: e.recs}
		for seq := 0; seq < e.n; seq++ {
			var ind extract.Indicator
			r.record(&ind)
			w := byID[ind.ID]
			if w == nil {
				w = &blobWriter{}
				byID[ind.ID] = w
			}
			w.uvarint(uint64(i - lastRep[ind.ID]))
			lastRep[ind.ID] = i
			w.uvarint(uint64(seq))
			w.number(ind.Value)
			for _, v := range []string{ind.Unit, ind.Qualifier, ind.Subject, string(ind.Scope)} {
				w.str(v)
			}
			w.flag(ind.Derived)
			counts[ind.ID]++
		}
		if r.err != nil {
			return nil, fmt.Errorf("record table entry %s: %w", s.Path, r.err)
		}
	}
	out := map[string][]byte{}
	var err error
	if out[keyReports], err = reps.finish(magicReports, nil, false); err != nil {
		return nil, err
	}
	ids := slices.Sorted(maps.Keys(byID))
	for _, id := range ids {
		head := blobWriter{}
		head.inline(id)
		head.uvarint(uint64(counts[id]))
		if out[keyRecordsPrefix+id], err = byID[id].finish(magicRecords, head.body, false); err != nil {
			return nil, err
		}
	}
	for _, id := range old {
		if byID[id] == nil {
			head := blobWriter{}
			head.inline(id)
			head.uvarint(0)
			if out[keyRecordsPrefix+id], err = (&blobWriter{}).finish(magicRecords, head.body, false); err != nil {
				return nil, err
			}
		}
	}
	list := blobWriter{}
	list.uvarint(uint64(len(ids)))
	for _, id := range ids {
		list.inline(id)
	}
	if out[keyRecordIDs], err = list.finish(magicIDs, nil, true); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeReports reads the reports part.
func decodeReports(raw []byte) ([]extract.Source, error) {
	r, err := openBlob(raw, magicReports, nil)
	if err != nil {
		return nil, err
	}
	n := r.count()
	out := make([]extract.Source, n)
	for i := range out {
		s := &out[i]
		dir := r.str()
		s.Path = dir + string(r.take(r.uvarint()))
		s.Town, s.County, s.City, s.Province, s.Code = r.str(), r.str(), r.str(), r.str(), r.str()
		s.Year = int(r.varint())
	}
	return out, r.err
}

// decodeIDs reads the list of indicators that have records.
func decodeIDs(raw []byte) ([]string, error) {
	r, err := openBlob(raw, magicIDs, nil)
	if err != nil {
		return nil, err
	}
	out := make([]string, r.count())
	for i := range out {
		out[i] = r.inline()
	}
	return out, r.err
}

// decodeRecords reads one indicator's part: its records, each with the
// index of its report in reps, where keep (when not nil) says so.
func decodeRecords(raw []byte, reps []extract.Source, keep []bool) (recs []extract.Record, repOf []int32, err error) {
	var id string
	var n int
	r, err := openBlob(raw, magicRecords, func(h *blobReader) {
		id = h.inline()
		n = h.count()
	})
	if err != nil {
		return nil, nil, err
	}
	label := id
	if rule := extract.DefaultCatalogue.Rule(id); rule != nil {
		label = rule.Label
	}
	recs = make([]extract.Record, 0, n)
	repOf = make([]int32, 0, n)
	rep := uint64(0)
	for range n {
		rep += r.uvarint()
		seq := r.uvarint()
		value := r.number()
		unit, qual, subj, scope := r.str(), r.str(), r.str(), r.str()
		derived := r.flag()
		if r.err != nil {
			break
		}
		if rep >= uint64(len(reps)) {
			return nil, nil, fmt.Errorf("records of %s: report %d of %d", id, rep, len(reps))
		}
		if keep != nil && !keep[rep] {
			continue
		}
		recs = append(recs, extract.Record{Source: reps[rep], Seq: int(seq), Indicator: extract.Indicator{
			ID: id, Label: label, Value: value, Unit: unit, Qualifier: qual, Subject: subj, Scope: extract.Scope(scope), Derived: derived}})
		repOf = append(repOf, int32(rep))
	}
	return recs, repOf, r.err
}

// tableState reads whether the table is clean, and fails when the index
// cannot be read.
func (ix *Index) tableState() (clean bool, err error) {
	state, err := ix.b.GetInternal([]byte(keyTableState))
	if err != nil {
		return false, ix.damaged(err)
	}
	return string(state) == tableClean, nil
}

// part reads one internal-store value of the table.
func (ix *Index) part(key string) ([]byte, error) {
	raw, err := ix.b.GetInternal([]byte(key))
	if err != nil {
		return nil, ix.damaged(err)
	}
	return raw, nil
}

// reportList returns every report of the table, in table order, loading
// it once. An index that holds nothing has an empty table.
func (ix *Index) reportList() ([]extract.Source, error) {
	if ix.reports != nil {
		return ix.reports, nil
	}
	clean, err := ix.tableState()
	if err != nil {
		return nil, err
	}
	if !clean {
		if n, _ := ix.b.DocCount(); n == 0 {
			ix.reports = []extract.Source{}
			return ix.reports, nil
		}
		return nil, &Error{Path: ix.path, Kind: ErrStaleTable}
	}
	raw, err := ix.part(keyReports)
	if err != nil {
		return nil, err
	}
	if ix.reports, err = decodeReports(raw); err != nil {
		return nil, ix.damaged(fmt.Errorf("record table: %w", err))
	}
	return ix.reports, nil
}

// recordIDs lists the indicators that have records in the table.
func (ix *Index) recordIDs() ([]string, error) {
	raw, err := ix.part(keyRecordIDs)
	if err != nil || raw == nil {
		return nil, err
	}
	ids, err := decodeIDs(raw)
	if err != nil {
		return nil, ix.damaged(fmt.Errorf("record table: %w", err))
	}
	return ids, nil
}

// tableForWrite returns the record table for an ingest: loaded when clean,
// rebuilt from the stored extractions when not.
func (ix *Index) tableForWrite() (map[string]tableEntry, error) {
	if ix.tab != nil {
		return ix.tab, nil
	}
	clean, err := ix.tableState()
	if err != nil {
		return nil, err
	}
	if clean {
		ix.tab, err = ix.loadTable()
	} else {
		ix.tab, err = ix.rebuildTable()
	}
	return ix.tab, err
}

// loadTable reads the whole table into entries.
func (ix *Index) loadTable() (map[string]tableEntry, error) {
	reps, err := ix.reportList()
	if err != nil {
		return nil, err
	}
	ids, err := ix.recordIDs()
	if err != nil {
		return nil, err
	}
	inds := make([][]extract.Indicator, len(reps))
	for _, id := range ids {
		raw, err := ix.part(keyRecordsPrefix + id)
		if err != nil {
			return nil, err
		}
		recs, repOf, err := decodeRecords(raw, reps, nil)
		if err != nil {
			return nil, ix.damaged(fmt.Errorf("record table: %w", err))
		}
		for k, r := range recs {
			rep := repOf[k]
			for len(inds[rep]) <= r.Seq {
				inds[rep] = append(inds[rep], extract.Indicator{})
			}
			inds[rep][r.Seq] = r.Indicator
		}
	}
	t := make(map[string]tableEntry, len(reps))
	for i, s := range reps {
		t[s.Path] = newTableEntry(s, inds[i])
	}
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
		return nil, ix.damaged(err)
	}
	for _, h := range res.Hits {
		key, _ := h.Fields["path"].(string)
		raw, _ := h.Fields["info"].(string)
		info, err := unpackInfo([]byte(raw), "", false)
		if err != nil {
			return nil, ix.damaged(err)
		}
		t[key] = newTableEntry(source(key, info), info.Indicators)
	}
	return t, nil
}

// source is the Source of a report from its file key and extraction; the
// strings are copies, since they are pieces of a larger value that the
// table must not keep alive.
func source(key string, info *reportInfo) extract.Source {
	m := info.Meta
	return extract.Source{Path: key, Town: strings.Clone(m.Town.Value), County: strings.Clone(m.County.Value),
		City: strings.Clone(m.City.Value), Province: strings.Clone(m.Province.Value),
		Code: strings.Clone(m.DivisionCode.Value), Year: m.Year}
}
