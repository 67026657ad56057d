package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// checkOutput refuses to write a file inside the index a command reads:
// export -o IDX/index_meta.json would destroy the index it exports. The
// paths are compared with links resolved, so a link into the index is
// refused too.
func checkOutput(indexFlag string, outputs ...string) error {
	idx := resolved(indexPath(indexFlag))
	for _, out := range outputs {
		if out == "" {
			continue
		}
		if p := resolved(out); p == idx || isWithin(p, idx) {
			return usagef("-o %s is inside the index %s; write it elsewhere", out, indexDisplay(idx))
		}
	}
	return nil
}

// resolved is path made absolute with its links resolved, as far as it
// exists: a file yet to be written is resolved through its folder.
func resolved(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	dir, base := filepath.Split(abs)
	if _, err := os.Lstat(abs); err == nil {
		// A dangling link: where it would lead.
		if target, err := os.Readlink(abs); err == nil {
			if !filepath.IsAbs(target) {
				target = filepath.Join(dir, target)
			}
			return resolved(target)
		}
	}
	if dir == abs || dir == "" {
		return abs
	}
	return filepath.Join(resolved(filepath.Clean(dir)), base)
}

// isWithin reports whether path lies inside the folder dir; both are
// absolute and clean.
func isWithin(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
