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
				doc, err := loader.Load(files[i])
				if err != nil {
					fail[i] = err
					continue
				}
				out[i] = x.NewReport(doc)
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
