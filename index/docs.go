package index

import (
	"fmt"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	bindex "github.com/blevesearch/bleve_index_api"
)

// docBuilder makes the bleve documents of reportDoc and indicatorDoc
// directly, as the index mapping makes them from the structs: the same
// fields in the same order, with the same names, options and analyzers.
// The mapping walks each struct by reflection, which for the many small
// indicator documents cost more than analysing them.
// TestDocBuilderIsTheMapping holds the two to the same documents.
type docBuilder struct {
	report, indicator map[string][]fieldSpec // by JSON name
}

// fieldSpec is how the mapping indexes one property.
type fieldSpec struct {
	name     string
	kind     string // the mapping's type: text, number, boolean
	options  bindex.FieldIndexingOptions
	analyzer analysis.Analyzer
}

// newDocBuilder reads the field mappings of both document types from m.
func newDocBuilder(m mapping.IndexMapping) (*docBuilder, error) {
	im, ok := m.(*mapping.IndexMappingImpl)
	if !ok {
		return nil, fmt.Errorf("index mapping of unexpected type %T", m)
	}
	specs := func(typ string) (map[string][]fieldSpec, error) {
		dm := im.TypeMapping[typ]
		if dm == nil || !dm.Enabled {
			return nil, fmt.Errorf("index mapping has no %q documents", typ)
		}
		out := map[string][]fieldSpec{}
		for prop, sub := range dm.Properties {
			if sub == nil || !sub.Enabled {
				continue
			}
			for _, fm := range sub.Fields {
				s := fieldSpec{name: prop, kind: fm.Type, options: fm.Options()}
				if fm.Name != "" {
					s.name = fm.Name
				}
				if fm.Type == "text" {
					name := fm.Analyzer
					if name == "" {
						name = sub.DefaultAnalyzer
					}
					if name == "" {
						name = dm.DefaultAnalyzer
					}
					if name == "" {
						name = im.DefaultAnalyzer
					}
					if s.analyzer = im.AnalyzerNamed(name); s.analyzer == nil {
						return nil, fmt.Errorf("index mapping names an unknown analyzer %q", name)
					}
				}
				out[prop] = append(out[prop], s)
			}
		}
		return out, nil
	}
	var b docBuilder
	var err error
	if b.report, err = specs(typeReport); err != nil {
		return nil, err
	}
	if b.indicator, err = specs(typeIndicator); err != nil {
		return nil, err
	}
	return &b, nil
}

// noPositions are the array positions of a field that is not in an array,
// as the mapping gives them.
var noPositions = []uint64{}

func addString(doc *document.Document, specs map[string][]fieldSpec, prop, v string) {
	for _, s := range specs[prop] {
		if s.kind == "text" {
			doc.AddField(document.NewTextFieldCustom(s.name, noPositions, []byte(v), s.options, s.analyzer))
		}
	}
}

func addNumber(doc *document.Document, specs map[string][]fieldSpec, prop string, v float64) {
	for _, s := range specs[prop] {
		if s.kind == "number" {
			doc.AddField(document.NewNumericFieldWithIndexingOptions(s.name, noPositions, v, s.options))
		}
	}
}

func addBool(doc *document.Document, specs map[string][]fieldSpec, prop string, v bool) {
	for _, s := range specs[prop] {
		if s.kind == "boolean" {
			doc.AddField(document.NewBooleanFieldWithIndexingOptions(s.name, noPositions, v, s.options))
		}
	}
}

// reportDocument is r as the document id, property by property in the
// struct's order.
func (b *docBuilder) reportDocument(id string, r *reportDoc) *document.Document {
	doc := document.NewDocument(id)
	s := b.report
	addString(doc, s, "type", r.Type)
	addString(doc, s, "path", r.Path)
	addString(doc, s, "hash", r.Hash)
	addString(doc, s, "town", r.Town)
	addString(doc, s, "county", r.County)
	addString(doc, s, "city", r.City)
	addString(doc, s, "province", r.Province)
	addNumber(doc, s, "year", r.Year)
	addString(doc, s, "title", r.Title)
	addString(doc, s, "text", r.Text)
	addNumber(doc, s, "size", r.Size)
	addString(doc, s, "mtime", r.ModTime)
	addNumber(doc, s, "n", r.N)
	addString(doc, s, "info", r.Info)
	addString(doc, s, "outline", r.Outline)
	doc.SetIndexed()
	return doc
}

// indicatorDocument is r as the document id, property by property in the
// struct's order.
func (b *docBuilder) indicatorDocument(id string, r *indicatorDoc) *document.Document {
	doc := document.NewDocument(id)
	s := b.indicator
	addString(doc, s, "type", r.Type)
	addString(doc, s, "report", r.Report)
	addString(doc, s, "indicator", r.Indicator)
	addNumber(doc, s, "value", r.Value)
	addString(doc, s, "scope", r.Scope)
	addString(doc, s, "subject", r.Subject)
	addBool(doc, s, "derived", r.Derived)
	addString(doc, s, "town", r.Town)
	addString(doc, s, "county", r.County)
	addString(doc, s, "year", r.Year)
	doc.SetIndexed()
	return doc
}
