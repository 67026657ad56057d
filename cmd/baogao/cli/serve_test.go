package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestServeHelpSaysLoopback(t *testing.T) {
	out, _, code := run(t, "serve", "--help")
	if code != ExitOK || !strings.Contains(out, "listens on 127.0.0.1:8080 by default") || !strings.Contains(out, `(default "127.0.0.1:8080")`) {
		t.Errorf("serve --help (exit %d):\n%s", code, out)
	}
}

func TestServeWarnsOffLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		warn bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:0", false},
		{"0.0.0.0:0", true},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			var errOut bytes.Buffer
			ctx, stop := context.WithCancel(context.Background())
			opts := &ServeOptions{IO: &IOStreams{Out: io.Discard, ErrOut: &errOut}, Index: t.TempDir() + "/none", Addr: tc.addr, Context: ctx}
			var page string
			fetched := make(chan struct{})
			// Ready is told before requests are answered: the request is
			// made beside serveRun, which stops when it has its answer.
			opts.Ready = func(addr string) {
				go func() {
					defer close(fetched)
					defer stop()
					host := strings.Replace(addr, "0.0.0.0", "127.0.0.1", 1)
					res, err := (&http.Client{Timeout: time.Minute}).Get("http://" + host + "/")
					if err != nil {
						t.Error(err)
						return
					}
					defer res.Body.Close()
					b, _ := io.ReadAll(res.Body)
					page = res.Status + " " + string(b)
				}()
			}
			if err := serveRun(opts); err != nil {
				t.Fatal(err)
			}
			<-fetched
			warned := strings.Contains(errOut.String(), "anyone who can reach this address can read every report")
			if warned != tc.warn {
				t.Errorf("warning %v, want %v:\n%s", warned, tc.warn, errOut.String())
			}
			if !strings.Contains(page, "503") || !strings.Contains(page, "baogao ingest") {
				t.Errorf("a page without an index: %.200s", page)
			}
		})
	}
	if _, errOut, code := run(t, "serve", "--addr", "8080"); code != ExitUsage || !strings.Contains(errOut, "want host:port") {
		t.Errorf("--addr 8080: exit %d, %s", code, errOut)
	}
}
