package cli

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"baogao/serve"
)

// ServeOptions are the flags of baogao serve.
type ServeOptions struct {
	IO    *IOStreams
	Index string
	Addr  string
	// Ready, when set, hears the address the workbench listens on (tests).
	Ready func(addr string)
	// Context, when set, stops the workbench when it ends (tests); else
	// Ctrl-C (SIGINT or SIGTERM) does.
	Context context.Context
}

// NewCmdServe builds baogao serve.
func NewCmdServe(f *Factory, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Open the index in a browser: search, compare with charts, read each report at its figures",
		Long: `Runs the workbench, a local web app over the index: the corpus at a glance
(reports, towns, years, counties, coverage, findings by code), search with
facets, comparisons with sortable columns, charts and CSV/XLSX downloads of
exactly what the table shows, each report with every figure highlighted in its
text (a click on a value in a comparison lands on its sentence), and the
review. Every view is also JSON under /api/, and every URL can be shared.

It listens on 127.0.0.1:8080 by default, so only this machine can reach it.
Any other --addr lets anyone who can reach that address read every report in
the index; baogao says so when it starts. It only reads: an ingest may run
beside it, and its pages say the index is busy meanwhile.`,
		Example: `  baogao serve
  baogao serve --index reports.index --addr 127.0.0.1:9000
  # then open http://127.0.0.1:8080/compare?term=调解成功率`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return serveRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().StringVar(&opts.Addr, "addr", serve.DefaultAddr, "address to listen on (host:port); the default, 127.0.0.1, is this machine only")
	return cmd
}

func serveRun(opts *ServeOptions) error {
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return usagef("--addr %q: want host:port, like %s", opts.Addr, serve.DefaultAddr)
	}
	path := indexPath(opts.Index)
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: no index at %s yet; the pages say so until `baogao ingest DIR` has made one\n", indexDisplay(path))
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.Addr, err)
	}
	if !isLoopback(host) {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: warning: listening on %s: anyone who can reach this address can read every report in the index\n", ln.Addr())
	}
	srv, err := serve.New(path, func(format string, args ...any) {
		fmt.Fprintf(opts.IO.ErrOut, "baogao: "+format+"\n", args...)
	})
	if err != nil {
		ln.Close()
		return err
	}
	srv.Warm()
	fmt.Fprintf(opts.IO.ErrOut, "baogao: serving %s at http://%s/ (Ctrl-C stops)\n", indexDisplay(path), ln.Addr())
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}
	ctx := opts.Context
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	return serve.Serve(ctx, ln, srv.Handler())
}

// isLoopback reports whether host names this machine only: 127.0.0.0/8,
// ::1 or localhost.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
