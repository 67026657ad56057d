package cli

import (
	"fmt"
	"runtime"
	"sync"

	"baogao/corpus"
	"baogao/extract"
)

// loadReports finds the reports under paths, reads and extracts them on all
// cores, and returns them in the order found. Each file that cannot be read
// gets one line on errOut; the others go on. failed counts those lines.
func loadReports(f *Factory, paths []string, maxSize int64) (reports []*extract.Report, failed int) {
	files, errs := corpus.Find(paths)
	for _, err := range errs {
		fmt.Fprintf(f.IO.ErrOut, "baogao: %v\n", err)
	}
	failed = len(errs)
	loader := &corpus.Loader{MaxSize: maxSize}
	var x extract.Extractor
	out := make([]*extract.Report, len(files))
	fail := make([]error, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i], fail[i] = readOne(loader, &x, files[i])
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i, err := range fail {
		if err != nil {
			fmt.Fprintf(f.IO.ErrOut, "baogao: %v\n", err)
			failed++
			continue
		}
		reports = append(reports, out[i])
	}
	return reports, failed
}

// readOne reads and extracts one file. A fault in extraction is reported as
// that file's error, so one odd report never stops a batch.
func readOne(l *corpus.Loader, x *extract.Extractor, path string) (r *extract.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("%s: internal error while extracting (%v); please report it with the file", path, p)
		}
	}()
	doc, err := l.Load(path)
	if err != nil {
		return nil, err
	}
	return x.NewReport(doc), nil
}

// parallel runs fn(0…n-1) on every core.
func parallel(n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
