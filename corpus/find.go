package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// errNotFileOrFolder is the cause when a path named to Find is neither a
// regular file nor a folder (a device, a pipe, a socket).
var errNotFileOrFolder = errors.New("not a regular file or folder")

// Find returns the report files under paths, slash-separated.
//
// A path naming a file is returned as it is, whatever its extension. A path
// naming a folder (or a symbolic link to one) is searched recursively for
// files whose extension is one of ReadExtensions (.txt, .docx, .pdf…) in
// any case. Inside folders, names starting with "." are skipped, and
// symbolic links to folders are not followed, so links cannot make loops;
// a symbolic link to a regular report file is returned.
//
// The order is stable: paths in argument order, and the files found under
// one path in lexical order of their slash paths. A file reached twice, by
// a repeated or overlapping argument or through a link, is returned the
// first time only.
//
// A path that does not exist or cannot be listed gives one error in errs,
// naming it, as an *fs.PathError with Op "find"; the search goes on with
// the rest.
func Find(paths []string) (files []string, errs []error) {
	files, _, errs = FindReports(paths)
	return files, errs
}

// FindReports is Find that also returns the other files found in folders,
// whose types are not read (spreadsheets, images, archives…), each with
// what to do about it; system and office litter (Thumbs.db, ~$ lock
// files) and the manifest are left out.
func FindReports(paths []string) (files []string, skipped []Skipped, errs []error) {
	return FindOptions{}.FindReports(paths)
}

// FindOptions change how folders are searched.
type FindOptions struct {
	// FollowLinks reads files that a symbolic link inside a folder points
	// to outside that folder. Without it such a link is skipped, so that a
	// link to /etc/shadow dropped in a report folder is never read into an
	// index others can search.
	FollowLinks bool
}

// FindReports is the package's FindReports with these options.
func (o FindOptions) FindReports(paths []string) (files []string, skipped []Skipped, errs []error) {
	seen := make(map[string]bool)
	for _, p := range paths {
		found, ferrs := o.findOne(p, &skipped)
		errs = append(errs, ferrs...)
		sort.Strings(found)
		for _, f := range found {
			key := fileKey(f)
			if seen[key] {
				continue
			}
			seen[key] = true
			files = append(files, f)
		}
	}
	sort.SliceStable(skipped, func(i, j int) bool { return skipped[i].Path < skipped[j].Path })
	skipped = slices.CompactFunc(skipped, func(a, b Skipped) bool { return a.Path == b.Path })
	return files, skipped, errs
}

// findOne returns the files under one argument of Find, unsorted, and adds
// the files in folders that are not read to skipped.
func (o FindOptions) findOne(p string, skipped *[]Skipped) (files []string, errs []error) {
	info, err := os.Stat(p)
	switch {
	case err != nil:
		return nil, []error{findError(p, err)}
	case info.Mode().IsRegular():
		return []string{filepath.ToSlash(p)}, nil
	case !info.IsDir():
		return nil, []error{&fs.PathError{Op: "find", Path: p, Err: errNotFileOrFolder}}
	}
	root := fileKey(p)
	var walk func(dir string)
	walk = func(dir string) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			// ReadDir returns what it read before failing; use it.
			errs = append(errs, findError(dir, err))
		}
		for _, e := range entries {
			name := e.Name()
			if isHidden(name) {
				continue
			}
			path := filepath.Join(dir, name)
			switch t := e.Type(); {
			case t.IsDir():
				walk(path)
			case !isReport(name):
				if !isLitter(name) && (t.IsRegular() || t&fs.ModeSymlink != 0 && isRegularTarget(path)) {
					*skipped = append(*skipped, skippedFile(filepath.ToSlash(path)))
				}
			case t.IsRegular():
				files = append(files, filepath.ToSlash(path))
			case t&fs.ModeSymlink != 0:
				target, err := os.Stat(path)
				switch {
				case err != nil:
					errs = append(errs, findError(path, err))
				case !target.Mode().IsRegular():
				case !o.FollowLinks && !within(fileKey(path), root):
					*skipped = append(*skipped, Skipped{Path: filepath.ToSlash(path),
						What: "a link to a file outside the folder (" + fileKey(path) + ")",
						Hint: "pass --follow-links to read files that links lead to"})
				default:
					files = append(files, filepath.ToSlash(path))
				}
			}
		}
	}
	walk(p)
	return files, errs
}

// isRegularTarget reports whether the link at path leads to a regular
// file; links to folders are not followed, and say nothing.
func isRegularTarget(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.Mode().IsRegular()
}

// within reports whether the resolved path lies inside the resolved
// folder root.
func within(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// findError returns err, from the file system, as an error naming path.
func findError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return &fs.PathError{Op: "find", Path: path, Err: err}
}

// isHidden reports whether a name inside a folder is hidden.
func isHidden(name string) bool { return strings.HasPrefix(name, ".") }

// isReport reports whether name has one of the extensions of the formats
// read, in any case.
func isReport(name string) bool {
	_, ok := FormatByName(name)
	return ok && !isLitter(name)
}

// fileKey returns a key that is the same for two paths naming one file:
// its absolute path with symbolic links resolved, or as near as can be had.
func fileKey(path string) string {
	abs, err := filepath.Abs(filepath.FromSlash(path))
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}
