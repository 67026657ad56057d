package serve

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"baogao/index"
)

func TestPagesAnswer(t *testing.T) {
	srv, ts := newTestServer(t, fixtureIndex(t))
	_, st, err := srv.open()
	if err != nil {
		t.Fatal(err)
	}
	report := "/report/" + st.ids[0]
	for _, tc := range []struct {
		path, ctype string
		status      int
		has         string
	}{
		{"/", "text/html", 200, "Coverage"},
		{"/search?q=" + url.QueryEscape("调解"), "text/html", 200, "<mark>调解</mark>"},
		{"/compare?term=" + url.QueryEscape("调解成功率"), "text/html", 200, `id="compare-table"`},
		{"/compare", "text/html", 200, "mediation_success_rate"},
		{report, "text/html", 200, `class="anchor" id="f0"`},
		{"/check", "text/html", 200, "missing_part"},
		{"/api/", "application/json", 200, `"coverage"`},
		{"/api/search?q=" + url.QueryEscape("枫桥经验"), "application/json", 200, `"facets"`},
		{"/api/compare?term=" + url.QueryEscape("调解成功率"), "application/json", 200, `"rows"`},
		{"/api" + report, "application/json", 200, `"findings"`},
		{"/api/check?code=missing_part", "application/json", 200, `"missing_part"`},
		{"/compare.csv?term=" + url.QueryEscape("调解成功率"), "text/csv", 200, "row,town,county,year,subject"},
		{"/compare.xlsx?term=" + url.QueryEscape("调解成功率"), "application/vnd.openxmlformats", 200, "PK"},
		{"/compare?term=" + url.QueryEscape("调解成功率") + "&by=nation", "text/html", 400, "by &#34;nation&#34;"},
		{"/compare?term=" + url.QueryEscape("调解成功率") + "&years=2024-2021", "text/html", 400, "reversed"},
		{"/compare?term=" + url.QueryEscape("调解成功率") + "&county=" + url.QueryEscape("同新县"), "text/html", 200, "did you mean 同心县"},
		{"/compare?term=" + url.QueryEscape("调解成功率") + "&rank=1", "text/html", 200, "98% #1/1"},
		{"/compare?term=" + url.QueryEscape("调解成功率") + "&by=county&rank-within=county", "text/html", 400, "rank-within ranks towns"},
		{"/search?q=" + url.QueryEscape("调解 OR 枫桥"), "text/html", 400, "search has no OR"},
		{"/report/0123456789abcdef", "text/html", 404, "no such page or report"},
		{"/report/..%2f..%2fetc%2fpasswd", "text/html", 404, "no such page or report"},
		{"/api/report/..%2fREADME.md", "application/json", 404, `"error"`},
		{"/nothing/here", "text/html", 404, "no such page"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, body := get(t, ts, tc.path)
			if res.StatusCode != tc.status {
				t.Errorf("status %d, want %d", res.StatusCode, tc.status)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %s", ct, tc.ctype)
			}
			if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
				t.Errorf("Content-Security-Policy %q", csp)
			}
			if !strings.Contains(body, tc.has) {
				t.Errorf("no %q in %.300s", tc.has, body)
			}
			if strings.HasPrefix(tc.ctype, "text/html") && strings.Contains(body, "<script>") {
				t.Errorf("a page holds an inline script")
			}
		})
	}
}

func TestReadOnly(t *testing.T) {
	_, ts := newTestServer(t, fixtureIndex(t))
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		req, _ := http.NewRequest(method, ts.URL+"/compare?term=x", strings.NewReader("a=b"))
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", method, res.StatusCode)
		}
	}
}

func TestHostileReportIsEscaped(t *testing.T) {
	srv, ts := newTestServer(t, fixtureIndex(t))
	_, st, _ := srv.open()
	id := ""
	for i, r := range st.reports {
		if strings.Contains(r.Path, "恶意镇") {
			id = st.ids[i]
		}
	}
	if id == "" {
		t.Fatal("the hostile report is not in the index")
	}
	for _, path := range []string{"/report/" + id, "/search?q=alert", "/check", "/compare?term=" + url.QueryEscape("<script>")} {
		_, body := get(t, ts, path)
		for _, bad := range []string{"<script>alert", "<img src=x", `href="javascript:`, "<iframe", "\u202e"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s holds %q", path, bad)
			}
		}
	}
	_, body := get(t, ts, "/report/"+id)
	if !strings.Contains(body, "&lt;script&gt;alert(&#39;script&#39;)&lt;/script&gt;") {
		t.Errorf("the report's markup is not shown as text")
	}
}

func TestBusyIndex(t *testing.T) {
	dir := t.TempDir() + "/index"
	ix, err := index.OpenWrite(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(dir, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	ts := serveFor(t, srv)
	res, body := get(t, ts, "/")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "in use by an ingest") {
		t.Errorf("while an ingest holds the index: %d %.200s", res.StatusCode, body)
	}
	if res.Header.Get("Retry-After") == "" {
		t.Errorf("no Retry-After")
	}
	res, body = get(t, ts, "/api/compare?term=x")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, `"error"`) {
		t.Errorf("api while an ingest holds the index: %d %.200s", res.StatusCode, body)
	}
	ix.Close()
	res, _ = get(t, ts, "/")
	if res.StatusCode != http.StatusOK {
		t.Errorf("after the ingest: status %d", res.StatusCode)
	}
}

func TestNoIndex(t *testing.T) {
	srv, err := New(t.TempDir()+"/none", t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	res, body := get(t, serveFor(t, srv), "/compare?term=x")
	if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "baogao ingest") {
		t.Errorf("no index: %d %.200s", res.StatusCode, body)
	}
}

func TestAssets(t *testing.T) {
	_, ts := newTestServer(t, fixtureIndex(t))
	js := assetURL("echarts.min.js")
	res, body := get(t, ts, js, "Accept-Encoding", "gzip, deflate")
	if res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("headers %v", res.Header)
	}
	zr, err := gzip.NewReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Contains(plain[:2000], []byte("Apache Software Foundation")) || len(plain) < 1_000_000 {
		t.Errorf("echarts.min.js: %d bytes, %v", len(plain), err)
	}
	res, body = get(t, ts, js, "Accept-Encoding", "identity")
	if res.Header.Get("Content-Encoding") != "" || len(body) != len(plain) {
		t.Errorf("without gzip: %q, %d bytes", res.Header.Get("Content-Encoding"), len(body))
	}
	for _, name := range []string{"app.js", "style.css", "echarts-LICENSE", "echarts-NOTICE"} {
		if res, _ := get(t, ts, assetURL(name)); res.StatusCode != 200 {
			t.Errorf("%s: %d", name, res.StatusCode)
		}
	}
	if res, _ := get(t, ts, "/assets/..%2fserver.go"); res.StatusCode != 404 {
		t.Errorf("a path outside the assets: %d", res.StatusCode)
	}
}

func TestReviewRunsInBackground(t *testing.T) {
	srv, err := New(fixtureIndex(t), t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	ts := serveFor(t, srv)
	res, body := get(t, ts, "/api/check")
	switch res.StatusCode {
	case http.StatusAccepted:
		if !strings.Contains(body, `"running": true`) {
			t.Errorf("while the review runs: %.300s", body)
		}
	case http.StatusOK: // it finished first
	default:
		t.Fatalf("status %d: %.300s", res.StatusCode, body)
	}
	srv.mu.Lock()
	rv := srv.cur.review
	srv.mu.Unlock()
	<-rv.done
	res, body = get(t, ts, "/api/check")
	var out struct{ Reports int }
	if err := json.Unmarshal([]byte(body), &out); res.StatusCode != http.StatusOK || err != nil || out.Reports != 6 {
		t.Errorf("after the review: status %d, %d reports (%v)", res.StatusCode, out.Reports, err)
	}
}

func TestHasActingIsIsActing(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		s := "ab" + string(r) + "·“中”"
		if got, want := hasActing([]byte(s)), strings.ContainsFunc(s, isActing); got != want {
			t.Errorf("U+%04X: hasActing %v, isActing %v", r, got, want)
		}
	}
}
