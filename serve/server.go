package serve

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"net"
	"net/http"
	"sync"
	"time"
)

// DefaultAddr is where the workbench listens unless told otherwise: this
// machine only, since every report in the index can be read through it.
const DefaultAddr = "127.0.0.1:8080"

// Request limits. A page of a 10,000-report index takes well under a
// second; the deadline only stops a request that something went wrong
// with, such as a client that stops reading.
const (
	// requestTimeout bounds a handler's work, an ad-hoc comparison of a
	// large index included.
	requestTimeout = 60 * time.Second
	readTimeout    = 10 * time.Second
	// writeTimeout leaves a handler its whole deadline and then the time
	// to send a large table.
	writeTimeout = requestTimeout + 30*time.Second
	idleTimeout  = 120 * time.Second
	// maxHeaderBytes is far more than any URL of the workbench needs.
	maxHeaderBytes = 64 << 10
)

//go:embed templates/*.html
var templateFiles embed.FS

// Server serves one index.
type Server struct {
	indexPath string
	pages     map[string]*template.Template
	logf      func(format string, args ...any)

	mu  sync.Mutex
	cur *state // what was read from the index as it last was
}

// New makes a workbench of the index at indexPath; logf, when not nil,
// hears of failed requests.
func New(indexPath string, logf func(format string, args ...any)) (*Server, error) {
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	if logf == nil {
		logf = func(string, ...any) {}
	}
	return &Server{indexPath: indexPath, pages: pages, logf: logf}, nil
}

// Handler returns the workbench's routes, behind the headers and limits
// every response gets.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page("home", s.home))
	mux.HandleFunc("GET /api/{$}", s.api(s.home))
	mux.HandleFunc("GET /search", s.page("search", s.search))
	mux.HandleFunc("GET /api/search", s.api(s.search))
	mux.HandleFunc("GET /compare", s.page("compare", s.compare))
	mux.HandleFunc("GET /api/compare", s.compareJSON)
	mux.HandleFunc("GET /compare.csv", s.compareCSV)
	mux.HandleFunc("GET /compare.xlsx", s.compareXLSX)
	mux.HandleFunc("GET /report/{id}", s.page("report", s.report))
	mux.HandleFunc("GET /api/report/{id}", s.api(s.report))
	mux.HandleFunc("GET /check", s.page("check", s.check))
	mux.HandleFunc("GET /api/check", s.checkJSON)
	mux.HandleFunc("GET /assets/{name}", serveAsset)
	mux.HandleFunc("GET /", s.notFound)
	return guard(mux)
}

// Serve answers requests on ln until ctx ends, then lets the requests in
// hand finish for a few seconds.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadTimeout:       readTimeout,
		ReadHeaderTimeout: readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}
