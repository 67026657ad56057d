package index

import (
	"path/filepath"
	"strings"

	"baogao/corpus"
)

// Outcomes counts the files of one format by what an ingest did with them.
type Outcomes struct {
	Added, Updated, Unchanged, Failed int
}

// tally counts j's file under its format: the one its content showed when
// it was read, else the one its name promises, else its extension.
func (s *Summary) tally(j *job, count func(*Outcomes)) {
	var f string
	switch byName, ok := corpus.FormatByName(j.path); {
	case j.doc != nil:
		f = string(j.doc.Format)
	case ok:
		f = string(byName)
	default:
		f = strings.TrimPrefix(strings.ToLower(filepath.Ext(j.path)), ".")
	}
	if s.ByFormat == nil {
		s.ByFormat = map[string]*Outcomes{}
	}
	o := s.ByFormat[f]
	if o == nil {
		o = &Outcomes{}
		s.ByFormat[f] = o
	}
	count(o)
}
