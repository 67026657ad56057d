package index

import (
	"encoding/json"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"

	"baogao/corpus"
	"github.com/blevesearch/bleve/v2/search/query"
)

// compactRecord is what a record document keeps for tables: the value as
// the report meant it. Evidence stays with the report (reportInfo).
type compactRecord struct {
	V  float64 `json:"v"`
	U  string  `json:"u"`
	Q  string  `json:"q,omitempty"`
	S  string  `json:"s,omitempty"`
	D  bool    `json:"d,omitempty"`
	Sc string  `json:"sc"`
	N  int     `json:"n"` // the record's place in its report
}

// Record is one indicator record with its report's place and year.
type Record struct {
	ID        string  `json:"indicator"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier"`
	Subject   string  `json:"subject"`
	Scope     string  `json:"scope"`
	Derived   bool    `json:"derived"`
	Path      string  `json:"path"`
	Town      string  `json:"town"`
	County    string  `json:"county"`
	Year      int     `json:"year"`
	Seq       int     `json:"-"`
	// Filled by AddEvidence.
	Section  string `json:"section,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	Start    int    `json:"start,omitempty"`
	End      int    `json:"end,omitempty"`
	NumStart int    `json:"-"`
	NumEnd   int    `json:"-"`
}

// RecordFilter selects records. Empty fields select everything.
type RecordFilter struct {
	IDs              []string
	Towns            []string
	County           string
	YearFrom, YearTo int // inclusive; 0 leaves that end open
}

// Records returns the records that f selects, ordered by town, year, path
// and place in the report.
func (ix *Index) Records(f RecordFilter) ([]Record, error) {
	must := []query.Query{term("type", typeIndicator)}
	oneOf := func(field string, vals []string) {
		if len(vals) == 0 {
			return
		}
		var qs []query.Query
		for _, v := range vals {
			qs = append(qs, term(field, v))
		}
		must = append(must, bleve.NewDisjunctionQuery(qs...))
	}
	oneOf("indicator", f.IDs)
	oneOf("town", f.Towns)
	if f.County != "" {
		must = append(must, term("county", f.County))
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		from, to := f.YearFrom, f.YearTo
		if from == 0 {
			from = 1949
		}
		if to == 0 {
			to = 2100
		}
		if to-from > 200 {
			to = from + 200
		}
		var ys []string
		for y := from; y <= to; y++ {
			ys = append(ys, strconv.Itoa(y))
		}
		oneOf("year", ys)
	}
	n, err := ix.b.DocCount()
	if err != nil {
		return nil, damaged(ix.path, err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), int(max(n, 1)), 0, false)
	req.Fields = []string{"indicator", "report", "town", "county", "year", "rec"}
	req.Score = "none"
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, damaged(ix.path, err)
	}
	out := make([]Record, 0, len(res.Hits))
	for _, h := range res.Hits {
		var c compactRecord
		raw, _ := h.Fields["rec"].(string)
		if err := json.Unmarshal([]byte(raw), &c); err != nil {
			return nil, damaged(ix.path, err)
		}
		r := Record{Value: c.V, Unit: c.U, Qualifier: c.Q, Subject: c.S, Derived: c.D, Scope: c.Sc, Seq: c.N}
		r.ID, _ = h.Fields["indicator"].(string)
		r.Path, _ = h.Fields["report"].(string)
		r.Town, _ = h.Fields["town"].(string)
		r.County, _ = h.Fields["county"].(string)
		y, _ := h.Fields["year"].(string)
		r.Year, _ = strconv.Atoi(y)
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Town != b.Town {
			return a.Town < b.Town
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Seq < b.Seq
	})
	return out, nil
}

// AddEvidence fills in the sentence, section and offsets of each record,
// reading each report's stored extraction once.
func (ix *Index) AddEvidence(recs []Record) error {
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
		ind := info.Indicators[r.Seq]
		r.Section, r.Evidence, r.Start, r.End = ind.Section, ind.Evidence, ind.Start, ind.End
		r.NumStart, r.NumEnd = ind.NumStart, ind.NumEnd
	}
	return nil
}

// info reads the stored extraction of the report with file key key.
func (ix *Index) info(key string) (*reportInfo, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{reportID(key)}), 1, 0, false)
	req.Fields = []string{"info"}
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, damaged(ix.path, err)
	}
	if len(res.Hits) == 0 {
		return nil, nil
	}
	var info reportInfo
	raw, _ := res.Hits[0].Fields["info"].(string)
	if err := json.Unmarshal([]byte(raw), &info); err != nil {
		return nil, damaged(ix.path, err)
	}
	return &info, nil
}

// Reports returns the metadata of every ingested report that f's towns,
// county and years select (f.IDs is ignored), so that tables can show the
// reports that state no value.
func (ix *Index) Reports(f RecordFilter) ([]ReportMeta, error) {
	must := []query.Query{term("type", typeReport)}
	if len(f.Towns) > 0 {
		var qs []query.Query
		for _, t := range f.Towns {
			qs = append(qs, term("town", t))
		}
		must = append(must, bleve.NewDisjunctionQuery(qs...))
	}
	if f.County != "" {
		must = append(must, term("county", f.County))
	}
	if f.YearFrom != 0 || f.YearTo != 0 {
		var lo, hi *float64
		t := true
		if f.YearFrom != 0 {
			v := float64(f.YearFrom)
			lo = &v
		}
		if f.YearTo != 0 {
			v := float64(f.YearTo)
			hi = &v
		}
		r := bleve.NewNumericRangeInclusiveQuery(lo, hi, &t, &t)
		r.SetField("year")
		must = append(must, r)
	}
	n, err := ix.b.DocCount()
	if err != nil {
		return nil, damaged(ix.path, err)
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), int(max(n, 1)), 0, false)
	req.Fields = []string{"path", "town", "county", "city", "province", "year"}
	req.Score = "none"
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, damaged(ix.path, err)
	}
	out := make([]ReportMeta, 0, len(res.Hits))
	for _, h := range res.Hits {
		var m ReportMeta
		m.Path, _ = h.Fields["path"].(string)
		m.Town, _ = h.Fields["town"].(string)
		m.County, _ = h.Fields["county"].(string)
		m.City, _ = h.Fields["city"].(string)
		m.Province, _ = h.Fields["province"].(string)
		y, _ := h.Fields["year"].(float64)
		m.Year = int(y)
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Town != out[j].Town {
			return out[i].Town < out[j].Town
		}
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		return out[i].Path < out[j].Path
	})
	return out, nil
}

// ReportMeta is the place and year of an ingested report.
type ReportMeta struct {
	Path, Town, County, City, Province string
	Year                               int
}

// Warnings returns the warnings of the report with file key key.
func (ix *Index) Warnings(key string) ([]corpus.Warning, error) {
	info, err := ix.info(key)
	if err != nil || info == nil {
		return nil, err
	}
	return info.Warnings, nil
}
