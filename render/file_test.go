package render

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("disk full")
	for name, write := range map[string]func(io.Writer) error{
		"error returned": func(w io.Writer) error { io.WriteString(w, "half"); return failed },
		"error ignored":  func(w io.Writer) error { w.(*ErrWriter).Err = failed; return nil },
	} {
		if err := WriteFile(path, write); !errors.Is(err, failed) {
			t.Errorf("%s: %v", name, err)
		}
		if b, _ := os.ReadFile(path); string(b) != "old" {
			t.Errorf("%s: the old file holds %q", name, b)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%s: %d files in the folder", name, len(entries))
		}
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" || st.Mode().Perm() != 0o600 {
		t.Errorf("written: %q, mode %v", b, st.Mode().Perm())
	}
	// A link is written where it leads, and stays a link.
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, func(w io.Writer) error { _, err := io.WriteString(w, "linked"); return err }); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}
	if b, _ := os.ReadFile(path); string(b) != "linked" {
		t.Errorf("through the link: %q", b)
	}
	// A device is written in place, never replaced.
	if _, err := os.Stat(os.DevNull); err == nil {
		if err := WriteFile(os.DevNull, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); err != nil {
			t.Error(err)
		}
		if fi, _ := os.Stat(os.DevNull); fi.Mode().IsRegular() {
			t.Errorf("%s became a file", os.DevNull)
		}
	}
}
