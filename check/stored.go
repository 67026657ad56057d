package check

import (
	"sync/atomic"

	"baogao/extract"
	"baogao/internal/parallel"
)

// Store is where ingested reports are read back from: an index.
type Store interface {
	// ReportText returns a report, with its sections, and its normalised
	// text.
	ReportText(path string) (*extract.Report, string, error)
	// Text returns a report's normalised text.
	Text(path string) (string, error)
}

// RunStored checks the ingested reports of reports, reading them back
// from s one at a time on all cores, so that a corpus is checked without
// holding every text. opt.Progress hears of each report read.
func RunStored(s Store, reports []extract.Source, opt Options) (*Result, error) {
	c := NewChecker(len(reports), opt)
	errs := make([]error, len(reports))
	var done atomic.Int64
	parallel.For(len(reports), func(i int) {
		defer func() { opt.Progress.report("reports read and checked", int(done.Add(1)), len(reports)) }()
		rep, text, err := s.ReportText(reports[i].Path)
		if err != nil {
			errs[i] = err
			return
		}
		rep.Path = reports[i].Path
		c.Add(i, Input{Report: rep, Text: text})
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return c.Finish(s.Text)
}
