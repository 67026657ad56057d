package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// findTree builds the folder tree the Find tests search, in dir:
//
//	tree/B.txt  tree/a.TXT  tree/notes.md  tree/sub.txt
//	tree/sub/c.txt  tree/sub/deeper/d.txt
//	tree/.hidden/e.txt  tree/.f.txt                  hidden
//	tree/loop -> .  tree/up -> ..                    links to folders
//	tree/link.txt -> ../other/x.txt                  link to a file
//	tree/sub/same.txt -> c.txt                       the same file again
//	treelink -> tree
//	loopy/a.txt -> b.txt  loopy/b.txt -> a.txt       a link loop
func findTree(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{
		"tree/B.txt", "tree/a.TXT", "tree/notes.md", "tree/sub.txt",
		"tree/sub/c.txt", "tree/sub/deeper/d.txt",
		"tree/.hidden/e.txt", "tree/.f.txt", "other/x.txt",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("法治"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "loopy"), 0o755); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"tree/loop":         ".",
		"tree/up":           "..",
		"tree/link.txt":     "../other/x.txt",
		"tree/sub/same.txt": "c.txt",
		"treelink":          "tree",
		"loopy/a.txt":       "b.txt",
		"loopy/b.txt":       "a.txt",
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
}

// TestFind checks which files Find lists, in which order, and its errors.
// Paths are relative to the tree findTree builds.
func TestFind(t *testing.T) {
	dir := t.TempDir()
	findTree(t, dir)
	t.Chdir(dir)

	// tree/link.txt leads out of tree: it is skipped (TestFindOutsideLinks).
	treeFiles := []string{
		"tree/B.txt", "tree/a.TXT", "tree/sub.txt",
		"tree/sub/c.txt", "tree/sub/deeper/d.txt",
	}
	tests := []struct {
		name  string
		paths []string
		files []string
		errs  []string
	}{
		{"folder", []string{"tree"}, treeFiles, nil},
		{"folder with slash", []string{"tree/"}, treeFiles, nil},
		{"folder with dot", []string{"tree/."}, treeFiles, nil},
		{"explicit file of any extension", []string{"tree/notes.md"}, []string{"tree/notes.md"}, nil},
		{"explicit hidden folder", []string{"tree/.hidden"}, []string{"tree/.hidden/e.txt"}, nil},
		{"explicit hidden file", []string{"tree/.f.txt"}, []string{"tree/.f.txt"}, nil},
		{"link to a folder as argument", []string{"treelink/sub"}, []string{"treelink/sub/c.txt", "treelink/sub/deeper/d.txt"}, nil},
		{"argument order", []string{"tree/sub", "tree/B.txt"}, []string{"tree/sub/c.txt", "tree/sub/deeper/d.txt", "tree/B.txt"}, nil},
		{"duplicate arguments", []string{"tree/B.txt", "tree/B.txt", "./tree/B.txt"}, []string{"tree/B.txt"}, nil},
		{"overlapping arguments", []string{"tree/sub", "tree", "tree/sub/c.txt"}, []string{
			"tree/sub/c.txt", "tree/sub/deeper/d.txt",
			"tree/B.txt", "tree/a.TXT", "tree/sub.txt",
		}, nil},
		{"same file through links", []string{"treelink", "tree", "other"}, []string{
			"treelink/B.txt", "treelink/a.TXT", "treelink/sub.txt",
			"treelink/sub/c.txt", "treelink/sub/deeper/d.txt", "other/x.txt",
		}, nil},
		{"missing path, others go on", []string{"nosuch", "tree/sub", "nosuch.txt"}, []string{"tree/sub/c.txt", "tree/sub/deeper/d.txt"}, []string{
			"find nosuch: no such file or directory",
			"find nosuch.txt: no such file or directory",
		}},
		{"link loop", []string{"loopy"}, nil, []string{
			"find loopy/a.txt: too many levels of symbolic links",
			"find loopy/b.txt: too many levels of symbolic links",
		}},
		{"nothing", nil, nil, nil},

		// Fixed bugs.
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files, errs := findWithin(t, tt.paths)
			if !slices.Equal(files, tt.files) {
				t.Errorf("Find(%q) files\n got %q\nwant %q", tt.paths, files, tt.files)
			}
			var msgs []string
			for _, err := range errs {
				msgs = append(msgs, err.Error())
			}
			if !slices.Equal(msgs, tt.errs) {
				t.Errorf("Find(%q) errors\n got %q\nwant %q", tt.paths, msgs, tt.errs)
			}
		})
	}
}

// TestFindOutsideLinks checks that a link inside a folder that leads out
// of it is skipped with a line saying so, unless links are followed, and
// that a link within the folder is read.
func TestFindOutsideLinks(t *testing.T) {
	dir := t.TempDir()
	findTree(t, dir)
	t.Chdir(dir)
	files, skipped, _ := FindReports([]string{"tree"})
	if slices.Contains(files, "tree/link.txt") {
		t.Errorf("read a link out of the folder: %q", files)
	}
	var said []string
	for _, s := range skipped {
		said = append(said, s.String())
	}
	want := []string{
		"skip tree/link.txt: a link to a file outside the folder (" + filepath.Join(dir, "other", "x.txt") + "), not read; pass --follow-links to read files that links lead to",
		"skip tree/notes.md: not a report format (.md), not read; baogao reads .txt .docx .doc .wps .odt .pdf .ofd .html .htm .shtml",
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		want[0] = strings.Replace(want[0], dir, real, 1)
	}
	if !slices.Equal(said, want) {
		t.Errorf("skipped\n got %q\nwant %q", said, want)
	}
	files, _, _ = FindOptions{FollowLinks: true}.FindReports([]string{"tree"})
	if !slices.Contains(files, "tree/link.txt") {
		t.Errorf("FollowLinks did not read the link: %q", files)
	}
	// The folder itself named through a link: its own files are inside.
	files, _, _ = FindReports([]string{"treelink"})
	if !slices.Contains(files, "treelink/sub/c.txt") {
		t.Errorf("a folder named through a link: %q", files)
	}
}

// TestFindStable checks that Find gives the same answer every time.
func TestFindStable(t *testing.T) {
	dir := t.TempDir()
	findTree(t, dir)
	paths := []string{filepath.Join(dir, "tree"), filepath.Join(dir, "other")}
	first, _ := findWithin(t, paths)
	for range 5 {
		if again, _ := findWithin(t, paths); !slices.Equal(again, first) {
			t.Fatalf("Find changed its answer:\n%q\n%q", first, again)
		}
	}
}

// TestFindErrors checks that Find's errors name the path on one line and
// wrap the file system's error.
func TestFindErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "gone")
	_, errs := Find([]string{missing})
	if len(errs) != 1 {
		t.Fatalf("Find(%q) errors = %v, want one", missing, errs)
	}
	err := errs[0]
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", err)
	}
	if msg := err.Error(); !strings.Contains(msg, missing) || strings.Contains(msg, "\n") {
		t.Errorf("error %q does not name %s on one line", msg, missing)
	}
}

// TestFindUnreadableFolder checks that a folder that cannot be listed is an
// error and the search goes on.
func TestFindUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can list any folder")
	}
	dir := t.TempDir()
	findTree(t, dir)
	locked := filepath.Join(dir, "tree", "sub")
	if err := os.Chmod(locked, 0o000); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	files, errs := findWithin(t, []string{filepath.Join(dir, "tree")})
	if len(errs) != 1 || !errors.Is(errs[0], fs.ErrPermission) {
		t.Errorf("errors = %v, want one permission error", errs)
	}
	if want := filepath.ToSlash(filepath.Join(dir, "tree", "sub.txt")); !slices.Contains(files, want) {
		t.Errorf("files = %q, want %s among them", files, want)
	}
}

// findTimeout bounds one call to Find in tests, so a link loop fails the
// test instead of hanging it.
const findTimeout = 10 * time.Second

// findWithin calls Find and fails the test if it does not return within
// findTimeout.
func findWithin(t *testing.T, paths []string) ([]string, []error) {
	t.Helper()
	type result struct {
		files []string
		errs  []error
	}
	done := make(chan result, 1)
	go func() {
		files, errs := Find(paths)
		done <- result{files, errs}
	}()
	select {
	case r := <-done:
		return r.files, r.errs
	case <-time.After(findTimeout):
		t.Fatalf("Find(%q) did not return within %v", paths, findTimeout)
		return nil, nil
	}
}
