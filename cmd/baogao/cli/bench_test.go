package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"baogao/corpus"
	"baogao/internal/gencorpus"
)

// TestBenchEndToEnd runs baogao bench on two small corpora, so that the
// command keeps working; it asserts nothing about timings.
func TestBenchEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	dir := t.TempDir()
	out, errOut, code := run(t, "bench", "--reports", "30,40", "--queries", "5", "--dir", dir)
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
	out, errOut, code := run(t, "bench", "--reports", "12", "--queries", "1", "--dir", dir, "--keep")
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

// generateCorpus writes n reports generated from the built-in samples
// (seed 1) into dir.
func generateCorpus(dir string, n int) error {
	_, err := gencorpus.Generate(gencorpus.Options{Seed: 1, Reports: n, Out: dir})
	return err
}

// TestGenCorpusCommand runs baogao bench gen.
func TestGenCorpusCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	out, errOut, code := run(t, "bench", "gen", "--reports", "20", "--seed", "5", "--samples", "../../../testdata/reports", "--out", dir)
	if code != ExitOK || !strings.Contains(out, "generated 20 reports") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	files, _ := corpus.Find([]string{dir})
	if len(files) != 20 {
		t.Errorf("%d files, want 20", len(files))
	}
	if _, errOut, code := run(t, "bench", "gen", "--reports", "20", "--out", dir); code != ExitFailure || !strings.Contains(errOut, "not empty") {
		t.Errorf("into a full folder: exit %d: %s", code, errOut)
	}
	if _, _, code := run(t, "bench", "gen", "--reports", "20"); code != ExitUsage {
		t.Errorf("without --out: exit %d, want %d", code, ExitUsage)
	}
}

// TestBenchGenAnywhere runs bench gen as its own process in an empty
// folder, as an installed binary runs: the samples are built in.
func TestBenchGenAnywhere(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "bench", "gen", "--reports", "7", "--out", "corpus")
	cmd.Env = append(os.Environ(), "BAOGAO_RUN_MAIN=1")
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "generated 7 reports") {
		t.Fatalf("bench gen in an empty folder: %v\n%s", err, out)
	}
	files, _ := corpus.Find([]string{filepath.Join(cmd.Dir, "corpus")})
	if len(files) != 7 {
		t.Errorf("%d files, want 7", len(files))
	}
}
