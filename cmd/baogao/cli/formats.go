package cli

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"baogao/corpus"
	"baogao/index"
	"baogao/render"
)

// writeSkipped writes one line on w for each file found in a folder whose
// type is not read, naming its type and what to do. Such files are not
// failures: a report folder often holds a spreadsheet or photographs.
func writeSkipped(w io.Writer, skipped []corpus.Skipped) {
	for _, s := range skipped {
		fmt.Fprintf(w, "baogao: %s\n", render.Inert(s.String()))
	}
}

// nothingReadable is the error when the paths hold no file to read.
func nothingReadable(paths []string, skipped []corpus.Skipped) error {
	msg := "no reports found in " + strings.Join(paths, ", ") + "; baogao reads " + corpus.ReadExtensions
	if len(skipped) > 0 {
		msg += "; " + strconv.Itoa(len(skipped)) + " file(s) of other types are listed above"
	}
	return fmt.Errorf("%s", render.Inert(msg))
}

// writeByFormat writes how many files of each format an ingest added,
// updated, left unchanged and failed on, the formats read first in their
// usual order, then the files not read by type.
func writeByFormat(w io.Writer, sum *index.Summary) {
	if len(sum.ByFormat) == 0 && len(sum.Skipped) == 0 {
		return
	}
	fmt.Fprintln(w, "by format:")
	var names []string
	for f := range sum.ByFormat {
		names = append(names, f)
	}
	rank := func(f string) int {
		for i, known := range corpus.Formats {
			if string(known) == f {
				return i
			}
		}
		return len(corpus.Formats)
	}
	sort.Slice(names, func(i, j int) bool {
		if ri, rj := rank(names[i]), rank(names[j]); ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})
	for _, f := range names {
		o := sum.ByFormat[f]
		var parts []string
		for _, c := range []struct {
			n    int
			what string
		}{{o.Added, "added"}, {o.Updated, "updated"}, {o.Unchanged, "unchanged"}, {o.Failed, "failed"}} {
			if c.n > 0 {
				parts = append(parts, strconv.Itoa(c.n)+" "+c.what)
			}
		}
		label := f
		if label == "" {
			label = "(no extension)"
		}
		fmt.Fprintf(w, "  %-6s %s\n", render.Inert(label), strings.Join(parts, ", "))
	}
	if len(sum.Skipped) > 0 {
		byExt := map[string]int{}
		for _, s := range sum.Skipped {
			byExt[s.Ext]++
		}
		var exts []string
		for e := range byExt {
			exts = append(exts, e)
		}
		sort.Strings(exts)
		var parts []string
		for _, e := range exts {
			label := e
			if label == "" {
				label = "(no extension)"
			}
			parts = append(parts, render.Inert(label)+" "+strconv.Itoa(byExt[e]))
		}
		fmt.Fprintf(w, "  not read: %s\n", strings.Join(parts, ", "))
	}
}
