package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"baogao/compare"
	"baogao/extract"
	"baogao/index"
	"baogao/render"
)

// describe words an error for the user, with what to do about it.
func describe(err error) string {
	var ie *index.Error
	if !errors.As(err, &ie) {
		return err.Error()
	}
	p := indexDisplay(ie.Path)
	cause := ""
	if ie.Err != nil {
		// The index library puts whole dumps (its mapping) into some of
		// its errors, after the first line.
		cause, _, _ = strings.Cut(ie.Err.Error(), "\n")
		cause = strings.TrimRight(cause, ": ")
	}
	switch {
	case errors.Is(err, index.ErrNoIndex):
		return fmt.Sprintf("no index at %s; run `baogao ingest DIR` first", p)
	case errors.Is(err, index.ErrBusy):
		return fmt.Sprintf("index %s is in use by another baogao process (an ingest is running); try again when it has finished", p)
	case errors.Is(err, index.ErrVersion):
		return fmt.Sprintf("index %s was %s; run `baogao ingest --rebuild DIR` to build it again", p, cause)
	case errors.Is(err, index.ErrStaleTable):
		return fmt.Sprintf("the figures in index %s are out of date (an ingest did not finish); run `baogao ingest DIR` again", p)
	case errors.Is(err, index.ErrNotIndex):
		if cause != "" {
			cause = " (" + cause + ")"
		}
		return fmt.Sprintf("%s is not a baogao index%s; baogao removes nothing it did not write: choose another --index", p, cause)
	case errors.Is(err, index.ErrNoReport):
		return fmt.Sprintf("%s is not in the index %s", cause, p)
	case errors.Is(err, index.ErrCatalogueChanging):
		return fmt.Sprintf("index %s is being read again with another catalogue, and that ingest did not finish; run the same `baogao ingest --catalogue FILE DIR` again", p)
	case errors.Is(err, index.ErrWrite):
		return fmt.Sprintf("cannot write index %s (%s); is the disk full or the folder read-only?", p, cause)
	}
	return fmt.Sprintf("index %s cannot be read (%s); run `baogao ingest --rebuild DIR` to build it again", p, cause)
}

// sayError writes err on w as one inert line: an error names files and
// repeats arguments, which may hold anything.
func sayError(w io.Writer, err error) {
	fmt.Fprintf(w, "baogao: %s\n", render.Inert(err.Error()))
}

// indexDisplay writes an index's path as the user would type it:
// relative (./baogao.index) when under the working directory.
func indexDisplay(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			if !strings.Contains(rel, string(filepath.Separator)) {
				return "./" + rel
			}
			return rel
		}
	}
	return path
}

// sayEmpty tells on ErrOut why f selected none of all, and returns
// whether it did.
func sayEmpty(ios *IOStreams, all []extract.Source, f extract.Filter) bool {
	e := compare.WhyEmpty(all, f)
	if e == nil {
		return false
	}
	fmt.Fprintf(ios.ErrOut, "baogao: %s\n", render.Inert(render.EmptyMessage(e)))
	return true
}

// openSelected opens the index and returns the reports that filter
// selects, in table order; when it selects none, it says why on ErrOut
// and returns none. The caller closes the index.
func openSelected(ios *IOStreams, indexFlag string, filter extract.Filter) (*index.Index, []extract.Source, error) {
	ix, err := index.Open(indexPath(indexFlag))
	if err != nil {
		return nil, nil, err
	}
	all, err := ix.Reports(extract.Filter{})
	if err != nil {
		ix.Close()
		return nil, nil, err
	}
	if sayEmpty(ios, all, filter) {
		return ix, nil, nil
	}
	selected := make([]extract.Source, 0, len(all))
	for _, s := range all {
		if filter.Selects(s) {
			selected = append(selected, s)
		}
	}
	return ix, selected, nil
}
