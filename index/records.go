package index

import (
	"github.com/blevesearch/bleve/v2"

	"baogao/corpus"
	"baogao/extract"
)

// Reports returns where every ingested report that f selects comes from,
// ordered by town, year and path, so that tables can show the reports that
// state no value.
func (ix *Index) Reports(f extract.Filter) ([]extract.Source, error) {
	reps, err := ix.reportList()
	if err != nil {
		return nil, err
	}
	out := make([]extract.Source, 0, len(reps))
	for _, s := range reps {
		if f.Selects(s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// Records returns the records of indicators ids (every indicator when
// none is named) of the reports that f selects, ordered by town, year,
// path and place in the report. They come from the record table, without
// their evidence (see AddEvidence); only the parts of the named
// indicators are read.
func (ix *Index) Records(f extract.Filter, ids ...string) ([]extract.Record, error) {
	reps, err := ix.reportList()
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		if ids, err = ix.recordIDs(); err != nil {
			return nil, err
		}
	}
	var keep []bool
	if !f.IsZero() {
		keep = make([]bool, len(reps))
		for i, s := range reps {
			keep[i] = f.Selects(s)
		}
	}
	var lists [][]extract.Record
	var reportsOf [][]int32
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		raw, err := ix.part(keyRecordsPrefix + id)
		if err != nil {
			return nil, err
		}
		if raw == nil {
			continue // no report states it
		}
		recs, repOf, err := decodeRecords(raw, reps, keep)
		if err != nil {
			return nil, ix.damaged(err)
		}
		// The label of the catalogue the records were read with, which
		// may be a user's.
		if label := ix.label(id); len(recs) > 0 && recs[0].Label != label {
			for k := range recs {
				recs[k].Label = label
			}
		}
		lists = append(lists, recs)
		reportsOf = append(reportsOf, repOf)
	}
	return merge(lists, reportsOf), nil
}

// merge merges lists of records, each in report order, into one in report
// order; reportsOf[k][i] is the report of lists[k][i].
func merge(lists [][]extract.Record, reportsOf [][]int32) []extract.Record {
	switch len(lists) {
	case 0:
		return []extract.Record{}
	case 1:
		return lists[0]
	}
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	out := make([]extract.Record, 0, n)
	at := make([]int, len(lists))
	for len(out) < n {
		best := -1
		for k, l := range lists {
			if at[k] == len(l) {
				continue
			}
			if best < 0 || before(reportsOf[k][at[k]], l[at[k]].Seq, reportsOf[best][at[best]], lists[best][at[best]].Seq) {
				best = k
			}
		}
		out = append(out, lists[best][at[best]])
		at[best]++
	}
	return out
}

// before reports whether record seq a of report ra comes before record seq
// b of report rb.
func before(ra int32, a int, rb int32, b int) bool {
	return ra < rb || ra == rb && a < b
}

// AddEvidence completes each record from its report's stored extraction:
// the sentence, section, offsets and the rule that read it. Each report's
// extraction is read once.
func (ix *Index) AddEvidence(recs []extract.Record) error {
	cache := map[string]*reportInfo{}
	for i := range recs {
		r := &recs[i]
		info, ok := cache[r.Path]
		if !ok {
			var err error
			if info, err = ix.info(r.Path); err != nil {
				return err
			}
			cache[r.Path] = info
		}
		if info == nil || r.Seq >= len(info.Indicators) {
			continue
		}
		r.Indicator = info.Indicators[r.Seq]
	}
	return nil
}

// info reads the stored extraction of the report with file key key; nil
// when the index does not hold it.
func (ix *Index) info(key string) (*reportInfo, error) {
	info, _, _, err := ix.stored(key)
	return info, err
}

// stored reads a report's stored extraction, content hash and text; the
// extraction's headings and evidence are pieces of the text.
func (ix *Index) stored(key string) (info *reportInfo, hash, text string, err error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{reportID(key)}), 1, 0, false)
	req.Fields = []string{"info", "hash", "text"}
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, "", "", ix.damaged(err)
	}
	if len(res.Hits) == 0 {
		return nil, "", "", nil
	}
	raw, _ := res.Hits[0].Fields["info"].(string)
	text, _ = res.Hits[0].Fields["text"].(string)
	if info, err = unpackInfo([]byte(raw), text, true); err != nil {
		return nil, "", "", ix.damaged(err)
	}
	hash, _ = res.Hits[0].Fields["hash"].(string)
	return info, hash, text, nil
}

// Warnings returns the warnings of the report with file key key.
func (ix *Index) Warnings(key string) ([]corpus.Warning, error) {
	info, err := ix.info(key)
	if err != nil || info == nil {
		return nil, err
	}
	return info.Warnings, nil
}
