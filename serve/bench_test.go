package serve

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime/debug"
	"testing"
)

// BenchmarkPages measures each page's server time: the handler, from the
// request to the last byte, with the index opened for the request as the
// workbench does, the report list and the review already read (as after
// the first page). BAOGAO_BENCH_INDEX names the index (a generated
// corpus: baogao bench gen --reports 10000 --out DIR; baogao ingest
// --index DIR.index DIR); without it, the sample reports'.
//
//	BAOGAO_BENCH_INDEX=/tmp/s10k.index go test ./serve -run '^$' -bench Pages
func BenchmarkPages(b *testing.B) {
	// The binary collects garbage at 400 % (cli.Main); so does this.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	path := os.Getenv("BAOGAO_BENCH_INDEX")
	if path == "" {
		path = fixtureIndex(b)
	}
	srv, err := New(path, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	ix, st, err := srv.open()
	if err != nil {
		b.Fatal(err)
	}
	st.coverage(ix)
	ix.Close()
	<-st.startReview(path).done
	report := "/report/" + st.ids[len(st.ids)/2]
	rate := url.QueryEscape("调解成功率")
	h := srv.Handler()
	for _, page := range []struct{ name, url string }{
		{"home", "/"},
		{"search", "/search?q=" + rate},
		{"search-phrase", "/search?q=" + url.QueryEscape(`"成功化解"`)},
		{"compare", "/compare?term=" + rate},
		{"compare-lines", "/compare?term=" + rate + "&chart=line"},
		{"compare-sorted", "/compare?term=" + rate + "&sort=-2023"},
		{"compare-sheet", "/compare?term=disputes_handled&term=disputes_resolved&term=" + rate},
		{"compare-county", "/compare?term=" + rate + "&by=county"},
		{"compare-csv", "/compare.csv?term=" + rate},
		{"compare-api", "/api/compare?term=" + rate},
		{"report", report},
		{"check", "/check"},
		{"check-near", "/check?code=near_duplicate"},
	} {
		b.Run(page.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, page.url, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %.300s", page.url, rec.Code, rec.Body.String())
				}
				size = rec.Body.Len()
			}
			b.SetBytes(int64(size))
			b.ReportMetric(float64(size), "page-bytes")
		})
	}
}
