package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"baogao/index"
)

// child starts baogao as a separate process.
func child(t *testing.T, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "BAOGAO_RUN_MAIN=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &stderr
}

var totalRE = regexp.MustCompile(`(\d+) in the index`)

// state is what must not depend on how an ingest was interrupted.
func state(t *testing.T, idx string) (string, uint64) {
	t.Helper()
	out, errOut, code := run(t, "ingest", "--index", idx, "--max-size", "20000000", filepath.Join(filepath.Dir(idx), "..", "corpus"))
	if code != ExitOK {
		t.Fatalf("re-ingest: exit %d\n%s%s", code, out, errOut)
	}
	m := totalRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no total in %q", out)
	}
	ix, err := index.Open(idx)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := ix.DocCount()
	ix.Close()
	// search and compare answer
	if _, errOut, code := run(t, "search", "--index", idx, "调解成功率"); code != ExitOK {
		t.Fatalf("search after recovery: %s", errOut)
	}
	if _, errOut, code := run(t, "compare", "--index", idx, "调解成功率", "--format", "csv"); code != ExitOK {
		t.Fatalf("compare after recovery: %s", errOut)
	}
	return m[1], n
}

// TestKilledIngestRecovers kills an ingest with SIGKILL at ten moments,
// from before the index exists to its last batches: a plain ingest
// afterwards must complete, and the index must then hold exactly what a
// clean ingest gives.
func TestKilledIngestRecovers(t *testing.T) {
	if testing.Short() {
		t.Skip("starts many processes")
	}
	root := t.TempDir()
	corpusDir := filepath.Join(root, "corpus")
	if err := generateCorpus(corpusDir, 150); err != nil {
		t.Fatal(err)
	}
	cleanIdx := filepath.Join(root, "idx", "clean.index")
	os.MkdirAll(filepath.Dir(cleanIdx), 0o755)
	start := time.Now()
	cmd, _ := child(t, "ingest", "--index", cleanIdx, corpusDir)
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	wantTotal, wantDocs := state(t, cleanIdx)
	for k := 0; k < 10; k++ {
		idx := filepath.Join(root, "idx", "k"+string(rune('0'+k))+".index")
		cmd, _ := child(t, "ingest", "--index", idx, corpusDir)
		time.Sleep(took * time.Duration(k) / 10)
		cmd.Process.Kill()
		cmd.Wait()
		total, docs := state(t, idx)
		if total != wantTotal || docs != wantDocs {
			t.Errorf("killed after %v: %s records, %d documents; a clean ingest gives %s, %d", took*time.Duration(k)/10, total, docs, wantTotal, wantDocs)
		}
	}
}

// TestInterruptedIngestStopsAndSaves sends SIGINT to an ingest once it has
// saved a batch: it stops before it has read every file, says what was
// saved, and a plain ingest then finishes it. It waits for evidence (a
// segment file of the index), never for a fixed time, so a busy machine
// only makes it slower.
func TestInterruptedIngestStopsAndSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	root := t.TempDir()
	corpusDir := filepath.Join(root, "corpus")
	if err := generateCorpus(corpusDir, 2000); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(root, "idx", "i.index")
	os.MkdirAll(filepath.Dir(idx), 0o755)
	cmd, stderr := child(t, "ingest", "--index", idx, corpusDir)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// A segment file on disk means a batch of reports was saved.
	saved := func() bool {
		zaps, _ := filepath.Glob(filepath.Join(idx, "store", "*.zap"))
		return len(zaps) > 0
	}
	var err error
wait:
	for {
		select {
		case err = <-exited:
			t.Fatalf("the ingest finished before a batch was seen on disk: %v, %s", err, stderr.String())
		case <-time.After(10 * time.Millisecond):
			if saved() {
				break wait
			}
		}
	}
	sent := time.Now()
	cmd.Process.Signal(syscall.SIGINT)
	err = <-exited
	t.Logf("stopped %v after SIGINT", time.Since(sent))
	if err == nil || !strings.Contains(stderr.String(), "interrupted") || !strings.Contains(stderr.String(), "saved") {
		t.Errorf("after SIGINT: %v, %q", err, stderr.String())
	}
	out, errOut, code := run(t, "ingest", "--index", idx, corpusDir)
	if code != ExitOK || !strings.Contains(out, "found 2000") || strings.Contains(out, "added 0,") {
		t.Errorf("finishing ingest: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "unchanged") || strings.Contains(out, "unchanged 0,") {
		t.Errorf("the interrupted ingest saved nothing:\n%s", out)
	}
}
