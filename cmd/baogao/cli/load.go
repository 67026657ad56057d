package cli

import (
	"fmt"
	"sync/atomic"

	"baogao/corpus"
	"baogao/extract"
	"baogao/internal/parallel"
)

// loaded is one report read and extracted, with its normalised text.
type loaded struct {
	report *extract.Report
	text   string
}

// loadAll finds the reports under paths, reads and extracts them with the
// catalogue cat on all cores, and returns them in the order found. Each file that cannot be read
// gets one line on ErrOut; the others go on. failed counts those lines.
func loadAll(ios *IOStreams, paths []string, maxSize int64, cat *extract.Catalogue, followLinks bool) (out []loaded, failed int) {
	files, skipped, errs := corpus.FindOptions{FollowLinks: followLinks}.FindReports(paths)
	writeSkipped(ios.ErrOut, skipped)
	for _, err := range errs {
		sayError(ios.ErrOut, err)
	}
	failed = len(errs)
	loader := &corpus.Loader{MaxSize: maxSize}
	x := extract.Extractor{Catalogue: cat}
	all := make([]loaded, len(files))
	fail := make([]error, len(files))
	prog := newProgress(ios, "files read")
	var done atomic.Int64
	parallel.For(len(files), func(i int) {
		all[i], fail[i] = readOne(loader, &x, files[i])
		prog.update(int(done.Add(1)), len(files))
	})
	prog.done()
	for i, err := range fail {
		if err != nil {
			sayError(ios.ErrOut, err)
			failed++
			continue
		}
		out = append(out, all[i])
	}
	return out, failed
}

// readOne reads and extracts one file. A fault in extraction is reported as
// that file's error, so one odd report never stops a batch.
func readOne(l *corpus.Loader, x *extract.Extractor, path string) (r loaded, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = loaded{}, fmt.Errorf("%s: internal error while extracting (%v); please report it with the file", path, p)
		}
	}()
	doc, err := l.Load(path)
	if err != nil {
		return loaded{}, err
	}
	return loaded{x.NewReport(doc), doc.Text}, nil
}

// selected keeps the reports that f selects; when none is left, it says
// why on ErrOut.
func selected(ios *IOStreams, all []loaded, f extract.Filter) []loaded {
	var out []loaded
	sources := make([]extract.Source, len(all))
	for i, l := range all {
		sources[i] = l.report.Source()
		if f.Selects(sources[i]) {
			out = append(out, l)
		}
	}
	if len(out) == 0 && len(all) > 0 {
		sayEmpty(ios, sources, f)
	}
	return out
}
