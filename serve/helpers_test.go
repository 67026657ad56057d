package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"baogao/index"
)

// hostileReport is a report written to attack the pages that show it:
// markup, an event handler, a javascript: link and a direction override
// in its text and its file name.
const hostileReport = "恶意镇2024年法治政府建设工作报告\n" +
	"<script>alert('script')</script>\n" +
	"<img src=x onerror=alert('img')>\n" +
	"<a href=\"javascript:alert('link')\">点此</a>\u202e反转文字\n" +
	"一、主要举措和成效\n" +
	"全镇共排查调处各类矛盾纠纷20起，成功调解19起，调解成功率95%<script>alert('figure')</script>。\n" +
	"二、存在问题\n" +
	"<iframe src=\"javascript:alert('frame')\"></iframe>宣传不够深入。\n"

// hostileName is its file name, with a direction override.
const hostileName = "恶意镇_2024_\u202etxt.exe.txt"

// fixture is an index of the sample reports and the hostile one, built
// once for the package's tests.
var fixture = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "baogao-serve-test-")
	if err != nil {
		return "", err
	}
	hostile := filepath.Join(dir, "hostile")
	if err := os.MkdirAll(hostile, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(hostile, hostileName), []byte(hostileReport), 0o644); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "index")
	ix, err := index.OpenWrite(path, false)
	if err != nil {
		return "", err
	}
	defer ix.Close()
	if _, err := ix.Ingest([]string{filepath.Join("..", "testdata", "reports"), hostile}, index.IngestOptions{}); err != nil {
		return "", err
	}
	return path, nil
})

// fixtureIndex returns the path of the fixture's index.
func fixtureIndex(t testing.TB) string {
	t.Helper()
	path, err := fixture()
	if err != nil {
		t.Fatalf("build the test index: %v", err)
	}
	return path
}

// TestMain removes the fixture's index after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if path, err := fixture(); err == nil && strings.Contains(path, "baogao-serve-test-") {
		os.RemoveAll(filepath.Dir(path))
	}
	os.Exit(code)
}

// newTestServer serves the index at path; the review of the corpus has
// finished before it returns, so that pages that show it are complete.
func newTestServer(t testing.TB, path string) (*Server, *httptest.Server) {
	t.Helper()
	srv, err := New(path, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	ix, st, err := srv.open()
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	<-st.startReview(path).done
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return srv, ts
}

// get fetches a URL of the test server.
func get(t testing.TB, ts *httptest.Server, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := ts.Client().Transport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	if _, err := io.Copy(&b, res.Body); err != nil {
		t.Fatal(err)
	}
	return res, b.String()
}

// serveFor serves srv for a test.
func serveFor(t testing.TB, srv *Server) *httptest.Server {
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}
