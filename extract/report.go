package extract

import "baogao/corpus"

// Report is one report's metadata and extraction, in the JSON form of the
// contract in spec/indicators.md (`baogao extract --format json`).
type Report struct {
	Path       string           `json:"path"`
	Hash       string           `json:"hash"`
	Encoding   string           `json:"encoding"`
	Meta       corpus.Meta      `json:"meta"`
	Indicators []Indicator      `json:"indicators"`
	Warnings   []corpus.Warning `json:"warnings"`
	Sections   []Section        `json:"-"`
}

// NewReport extracts doc and bundles the result with its metadata. Slices
// are never nil, so that JSON shows [] rather than null.
func (x *Extractor) NewReport(doc *corpus.Doc) *Report {
	res := x.Extract(doc)
	r := &Report{
		Path: doc.Path, Hash: doc.Hash, Encoding: doc.Encoding, Meta: doc.Meta,
		Indicators: res.Indicators, Warnings: res.Warnings, Sections: res.Sections,
	}
	if r.Indicators == nil {
		r.Indicators = []Indicator{}
	}
	if r.Warnings == nil {
		r.Warnings = []corpus.Warning{}
	}
	return r
}
