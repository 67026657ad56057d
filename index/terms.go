package index

import (
	"slices"

	"baogao/extract"
	"baogao/internal/parallel"
)

// TermRecords finds, in the reports of reports that filter selects, the
// numbers that the sentences containing term write next to it (an ad-hoc
// term: no indicator), as records with the ID id. It also returns how many
// reports contain term at all, so that a caller can tell a term no report
// uses from one the filter left out.
func (ix *Index) TermRecords(term, id string, filter extract.Filter, reports []extract.Source) ([]extract.Record, int, error) {
	res, err := ix.Search(Query{Text: `"` + term + `"`, Filter: filter, Limit: max(len(reports), 1), Texts: true})
	if err != nil {
		return nil, 0, err
	}
	source := make(map[string]extract.Source, len(reports))
	for _, s := range reports {
		source[s.Path] = s
	}
	// The texts came with the hits; they are read on every core, each
	// hit's records in a slot of its own, so that the order stays that of
	// the hits.
	found := make([][]extract.Record, len(res.Hits))
	parallel.For(len(res.Hits), func(i int) {
		h := res.Hits[i]
		s, ok := source[h.Path]
		if !ok {
			return
		}
		for seq, tv := range extract.TermValues(h.Text, term) {
			found[i] = append(found[i], extract.Record{Source: s, Seq: seq, Indicator: extract.Indicator{
				ID: id, Label: term, Value: tv.Value, Unit: tv.Unit, Qualifier: tv.Qualifier,
				Evidence: tv.Evidence, Start: tv.Start, End: tv.End, NumStart: tv.NumStart, NumEnd: tv.NumEnd}})
		}
	})
	out := slices.Concat(found...)
	return out, res.Total, nil
}
