package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"baogao/segment"
)

// Document types, in the "type" field.
const (
	typeReport    = "report"
	typeIndicator = "indicator"
)

// reportDoc is the searchable form of a report.
type reportDoc struct {
	Type     string  `json:"type"`
	Path     string  `json:"path"`
	Hash     string  `json:"hash"`
	Town     string  `json:"town"`
	County   string  `json:"county"`
	City     string  `json:"city"`
	Province string  `json:"province"`
	Year     float64 `json:"year"`
	Title    string  `json:"title"`
	Text     string  `json:"text"`
	// File state, for incremental ingest.
	Size    float64 `json:"size"`
	ModTime string  `json:"mtime"` // Unix nanoseconds, as text: a float would round them
	N       float64 `json:"n"`     // indicator records
	// Info is the JSON of reportInfo: what show needs.
	Info string `json:"info"`
	// Outline is the JSON of the sections' spans and paths, which search
	// needs to say where a hit is.
	Outline string `json:"outline"`
}

// indicatorDoc is one indicator record with its report's place and year
// copied in, so that records can be filtered without a join. Only what is
// filtered on is indexed; the records themselves are kept with their
// report (reportInfo).
type indicatorDoc struct {
	Type      string  `json:"type"`
	Report    string  `json:"report"` // the report's document ID
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	Scope     string  `json:"scope"`
	Subject   string  `json:"subject"`
	Derived   bool    `json:"derived"`
	Town      string  `json:"town"`
	County    string  `json:"county"`
	Year      string  `json:"year"` // a keyword: records are filtered by year, not ranged
}

// BleveType tells bleve which document mapping applies.
func (reportDoc) BleveType() string { return typeReport }

// BleveType tells bleve which document mapping applies.
func (indicatorDoc) BleveType() string { return typeIndicator }

func newMapping() mapping.IndexMapping {
	im := bleve.NewIndexMapping()
	im.TypeField = "type"
	im.DefaultAnalyzer = segment.AnalyzerName
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.DefaultMapping = bleve.NewDocumentDisabledMapping()

	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	num := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = segment.AnalyzerName
		f.Store = true
		// No term vectors: snippets find the query's words in the stored
		// text, which keeps the index small.
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	storedOnly := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Index = false
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}

	rep := bleve.NewDocumentStaticMapping()
	rep.AddFieldMappingsAt("type", kw(false))
	for _, name := range []string{"path", "town", "county", "city", "province"} {
		rep.AddFieldMappingsAt(name, kw(true))
	}
	rep.AddFieldMappingsAt("year", num())
	rep.AddFieldMappingsAt("text", text())
	for _, name := range []string{"hash", "mtime", "info", "outline"} {
		rep.AddFieldMappingsAt(name, storedOnly())
	}
	// File size and record count are read back, never searched.
	for _, name := range []string{"size", "n"} {
		f := num()
		f.Index = false
		rep.AddFieldMappingsAt(name, f)
	}
	// No composite "_all" field: searches name their fields.
	rep.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(typeReport, rep)

	ind := bleve.NewDocumentStaticMapping()
	for _, name := range []string{"type", "indicator", "report", "scope", "subject", "town", "county", "year"} {
		ind.AddFieldMappingsAt(name, kw(false))
	}
	value := num()
	value.Store = false
	ind.AddFieldMappingsAt("value", value)
	b := bleve.NewBooleanFieldMapping()
	b.Store = false
	b.IncludeInAll = false
	b.DocValues = false
	ind.AddFieldMappingsAt("derived", b)
	ind.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.AddDocumentMapping(typeIndicator, ind)
	return im
}
