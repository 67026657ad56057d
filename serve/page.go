package serve

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"html/template"

	"baogao/index"
	"baogao/render"
)

// request is what a view is built from: the request, the open index and
// the state of its files.
type request struct {
	r  *http.Request
	q  url.Values
	ix *index.Index
	st *state
	s  *Server
}

// view is what a page shows and its /api/ twin returns. Status is the
// HTTP status (200 when 0).
type view interface{ status() int }

// base is what every page has: its title and the navigation.
type base struct {
	Title  string `json:"title"`
	Nav    string `json:"-"` // which entry of the navigation is this page
	Status int    `json:"-"`
	// Refresh, when above 0, reloads the page after that many seconds
	// (the review is still running).
	Refresh int `json:"-"`
}

func (b base) status() int {
	if b.Status == 0 {
		return http.StatusOK
	}
	return b.Status
}

// problem is a page that says what went wrong and what to do.
type problem struct {
	base
	Message string `json:"error"`
	Hint    string `json:"hint,omitempty"`
}

// userError is a request that cannot be answered as asked (400).
type userError struct{ msg string }

func (e userError) Error() string { return e.msg }

// badRequest returns a userError.
func badRequest(format string, args ...any) error { return userError{fmt.Sprintf(format, args...)} }

// errNotFound is a report ID or page that does not exist.
var errNotFound = errors.New("not found")

// describe turns an error into the page that says it.
func describe(err error) *problem {
	var ue userError
	switch {
	case errors.As(err, &ue):
		return &problem{base: base{Title: "Cannot show this", Status: http.StatusBadRequest}, Message: ue.msg}
	case errors.Is(err, errNotFound):
		return &problem{base: base{Title: "Not found", Status: http.StatusNotFound},
			Message: "There is no such page or report in this index.", Hint: "Reports are addressed by the ID their links give; start from the corpus page."}
	case errors.Is(err, index.ErrBusy):
		return &problem{base: base{Title: "Index busy", Status: http.StatusServiceUnavailable, Refresh: 5},
			Message: "The index is in use by an ingest that is writing to it.",
			Hint:    "This page loads again by itself every 5 seconds and shows the index once the ingest has finished."}
	case errors.Is(err, index.ErrNoIndex):
		return &problem{base: base{Title: "No index", Status: http.StatusServiceUnavailable},
			Message: "There is no index here yet.", Hint: "Run `baogao ingest DIR` with the same --index, then load this page again."}
	case errors.Is(err, index.ErrVersion):
		return &problem{base: base{Title: "Index of another version", Status: http.StatusServiceUnavailable},
			Message: err.Error(), Hint: "Run `baogao ingest --rebuild DIR` to build it again."}
	case errors.Is(err, index.ErrStaleTable):
		return &problem{base: base{Title: "Index out of date", Status: http.StatusServiceUnavailable},
			Message: "An ingest did not finish, so the figures in the index are out of date.", Hint: "Run `baogao ingest DIR` again."}
	case errors.Is(err, index.ErrNotIndex), errors.Is(err, index.ErrDamaged):
		return &problem{base: base{Title: "Index cannot be read", Status: http.StatusInternalServerError},
			Message: err.Error(), Hint: "Run `baogao ingest --rebuild DIR` to build it again."}
	}
	return &problem{base: base{Title: "Something went wrong", Status: http.StatusInternalServerError}, Message: err.Error()}
}

// build runs a view's builder with the index open, turning a panic into
// an error so that one bad report never takes the workbench down.
func (s *Server) build(r *http.Request, fn func(*request) (view, error)) (v view, err error) {
	defer func() {
		if p := recover(); p != nil {
			v, err = nil, fmt.Errorf("internal error: %v", p)
		}
	}()
	ix, st, err := s.open()
	if err != nil {
		return nil, err
	}
	defer ix.Close()
	return fn(&request{r: r, q: r.URL.Query(), ix: ix, st: st, s: s})
}

// page serves a view as the HTML page of template name.
func (s *Server) page(name string, fn func(*request) (view, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		v, err := s.build(r, fn)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.html(w, name, v)
		s.logSlow(r, start)
	}
}

// api serves a view as JSON.
func (s *Server) api(fn func(*request) (view, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := s.build(r, fn)
		if err != nil {
			p := describe(err)
			s.logError(r, err, p.Status)
			writeJSON(w, p.status(), p)
			return
		}
		writeJSON(w, v.status(), v)
	}
}

// fail answers with the page that says what went wrong.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := describe(err)
	s.logError(r, err, p.Status)
	if p.Status == http.StatusServiceUnavailable && p.Refresh > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(p.Refresh))
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, p.status(), p)
		return
	}
	s.html(w, "problem", p)
}

// notFound answers every path that is no page.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) { s.fail(w, r, errNotFound) }

// logError tells the log of a request that failed on the server's side.
func (s *Server) logError(r *http.Request, err error, status int) {
	if status >= 500 {
		s.logf("%s %s: %d: %v", r.Method, r.URL.Path, status, err)
	}
}

// slowPage is how long a page may take before the log says so.
const slowPage = 2 * time.Second

// logSlow tells the log of a page that took long.
func (s *Server) logSlow(r *http.Request, start time.Time) {
	if d := time.Since(start); d > slowPage {
		s.logf("%s %s took %s", r.Method, r.URL.Path, d.Round(time.Millisecond))
	}
}

// html renders a view with its template into a buffer first, so that a
// template failure gives an error page rather than half a page.
func (s *Server) html(w http.ResponseWriter, name string, v view) {
	t := s.pages[name]
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		s.logf("render %s: %v", name, err)
		http.Error(w, "the page could not be rendered", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(v.status())
	w.Write(inertPage(buf.Bytes()))
}

// inertPage replaces, in a rendered page, every character that could
// make report text act on how the page reads: direction overrides and
// isolates (U+202A–U+202E, U+2066–U+2069), and control characters other
// than line breaks and tabs, which become U+FFFD as render.Inert makes
// them. The templates hold none, so only report text loses them, in
// whatever field it stands.
func inertPage(b []byte) []byte {
	if !hasActing(b) {
		return b
	}
	return bytes.Map(func(r rune) rune {
		if isActing(r) {
			return '\ufffd'
		}
		return r
	}, b)
}

// hasActing reports whether b holds a character isActing tells, looking
// at bytes rather than decoding characters (a 4 MB page in a few
// milliseconds): C0 controls and DEL, C1 controls (C2 80–9F), U+202A–202E
// (E2 80 AA–AE) and U+2066–2069 (E2 81 A6–A9).
func hasActing(b []byte) bool {
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t', c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0x9f:
			return true
		case c == 0xe2 && i+2 < len(b) && (b[i+1] == 0x80 && b[i+2] >= 0xaa && b[i+2] <= 0xae || b[i+1] == 0x81 && b[i+2] >= 0xa6 && b[i+2] <= 0xa9):
			return true
		}
	}
	return false
}

// isActing reports whether r is a direction override or isolate, or a
// control character other than a line break or tab.
func isActing(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		(r < 0x20 || r >= 0x7f && r < 0xa0) && r != '\n' && r != '\r' && r != '\t'
}

// writeJSON writes v as indented JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":"cannot encode"}`, http.StatusInternalServerError)
		return
	}
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// templateFuncs are the helpers templates use.
var templateFuncs = template.FuncMap{
	"asset": assetURL,
	"inert": render.Inert,
	"num":   func(n int) string { return groupDigits(n) },
}

// groupDigits writes n with thousands separators: 10,000.
func groupDigits(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + groupDigits(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// parseTemplates parses each page's template with the layout.
func parseTemplates() (map[string]*template.Template, error) {
	layout, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFiles, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.Must(layout.Clone()).ParseFS(templateFiles, n)
		if err != nil {
			return nil, err
		}
		pages[name] = t
	}
	return pages, nil
}
