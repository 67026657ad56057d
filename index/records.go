package index

import (
	"sort"

	"github.com/blevesearch/bleve/v2"

	"baogao/corpus"
)

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
	City      string  `json:"city"`
	Province  string  `json:"province"`
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
// and place in the report. They come from the record table, in memory.
func (ix *Index) Records(f RecordFilter) ([]Record, error) {
	tab, err := ix.table()
	if err != nil {
		return nil, err
	}
	ids := set(f.IDs)
	var out []Record
	for key, e := range tab {
		if !f.selects(e) {
			continue
		}
		for i, r := range e.Recs {
			if len(ids) > 0 && !ids[r.ID] {
				continue
			}
			out = append(out, Record{ID: r.ID, Value: r.Value, Unit: r.Unit, Qualifier: r.Qualifier, Subject: r.Subject,
				Derived: r.Derived, Scope: r.Scope, Path: key, Town: e.Town, County: e.County, City: e.City, Province: e.Province,
				Year: e.Year, Seq: i})
		}
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

func set(l []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range l {
		m[s] = true
	}
	return m
}

// selects reports whether f's towns, county and years take the report e.
func (f RecordFilter) selects(e tableEntry) bool {
	if len(f.Towns) > 0 && !set(f.Towns)[e.Town] {
		return false
	}
	if f.County != "" && e.County != f.County {
		return false
	}
	if f.YearFrom != 0 && e.Year < f.YearFrom || f.YearTo != 0 && e.Year > f.YearTo {
		return false
	}
	return true
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

// info reads the stored extraction of the report with file key key; nil
// when the index does not hold it.
func (ix *Index) info(key string) (*reportInfo, error) {
	info, _, err := ix.infoAndHash(key)
	return info, err
}

// infoAndHash reads a report's stored extraction and content hash.
func (ix *Index) infoAndHash(key string) (*reportInfo, string, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{reportID(key)}), 1, 0, false)
	req.Fields = []string{"info", "hash", "text"}
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, "", damaged(ix.path, err)
	}
	if len(res.Hits) == 0 {
		return nil, "", nil
	}
	raw, _ := res.Hits[0].Fields["info"].(string)
	text, _ := res.Hits[0].Fields["text"].(string)
	info, err := unpackInfo([]byte(raw), text, true)
	if err != nil {
		return nil, "", damaged(ix.path, err)
	}
	hash, _ := res.Hits[0].Fields["hash"].(string)
	return info, hash, nil
}

// Reports returns the place and year of every ingested report that f's
// towns, county and years select (f.IDs is ignored), so that tables can
// show the reports that state no value.
func (ix *Index) Reports(f RecordFilter) ([]ReportMeta, error) {
	tab, err := ix.table()
	if err != nil {
		return nil, err
	}
	var out []ReportMeta
	for key, e := range tab {
		if f.selects(e) {
			out = append(out, ReportMeta{Path: key, Town: e.Town, County: e.County, City: e.City, Province: e.Province, Year: e.Year})
		}
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
