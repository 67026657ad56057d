package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchEndToEnd runs baogao bench on two small corpora, so that the
// command keeps working; it asserts nothing about timings.
func TestBenchEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	out, errOut, code := run(t, "bench", "--reports", "30,40", "--queries", "5", "--samples", genSamples, "--dir", dir)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"generated 30 reports", "generated 40 reports", "30 reports", "40 reports", "target",
		"ingest peak RSS", "re-ingest unchanged", "index size", "fresh search", "fresh compare",
		"warm query p50 / p95", "check, whole index", "check peak RSS",
		"40, 0; ", // reports added, failed
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("without --keep, %d entries are left in --dir", len(left))
	}
}

// TestBenchKeepAndFlags checks --keep and the flags' validation.
func TestBenchKeepAndFlags(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	out, errOut, code := run(t, "bench", "--reports", "12", "--queries", "1", "--samples", genSamples, "--dir", dir, "--keep")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	for _, p := range []string{"12/corpus", "12/bench.index"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("--keep: %v", err)
		}
	}
	for _, args := range [][]string{{"--reports", "0"}, {"--reports", "x"}, {"--queries", "-1"}} {
		if _, _, code := run(t, append([]string{"bench"}, args...)...); code != ExitUsage {
			t.Errorf("bench %v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}
