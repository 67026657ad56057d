package index

import (
	"os"
	"path/filepath"
	"testing"

	"baogao/extract"
)

// TestLinkedKeysOfOlderIndexes: an index made when keys did not resolve
// links holds a folder ingested through a link under the link's paths.
// Ingesting through the link again replaces them with the real paths, and
// --prune drops those that duplicate a real path.
func TestLinkedKeysOfOlderIndexes(t *testing.T) {
	root := t.TempDir()
	link := filepath.Join(root, "link")
	real, _ := filepath.Abs(samples)
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	ingest := func(path string, opt IngestOptions, old bool) *Summary {
		t.Helper()
		if old {
			keyOf = absKey
			defer func() { keyOf = fileKey }()
		}
		ix, err := OpenWrite(filepath.Join(root, "k.index"), false)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		sum, err := ix.Ingest([]string{path}, opt)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	ingest(link, IngestOptions{}, true)
	if sum := ingest(link, IngestOptions{}, false); sum.Added != 5 || sum.Removed != 5 || len(sum.Failures) > 0 {
		t.Errorf("through the link again: %+v", sum)
	}
	ingest(link, IngestOptions{}, true) // the old keys once more, beside the real ones
	if sum := ingest(real, IngestOptions{Prune: true}, false); sum.Unchanged != 5 || sum.Removed != 5 {
		t.Errorf("prune: %+v", sum)
	}
	ix, err := Open(filepath.Join(root, "k.index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if reps, err := ix.Reports(extract.Filter{}); err != nil || len(reps) != 5 {
		t.Errorf("%d reports, %v", len(reps), err)
	}
}
