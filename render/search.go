package render

import (
	"fmt"
	"io"
	"strings"

	"baogao/extract"
	"baogao/index"
)

// Search prints hits, best first: place and file, section, and the
// passage with the match marked, in bold red on a terminal (color) and
// between « » otherwise.
func Search(w io.Writer, res *index.Result, color bool) {
	open, close := "«", "»"
	if color {
		open, close = "\033[1;31m", "\033[0m"
	}
	for i, h := range res.Hits {
		place := []string{orUnknown(h.Town), extract.YearLabel(h.Year)}
		if h.County != "" {
			place = append(place, h.County)
		}
		fmt.Fprintf(w, "%d. %s  %s\n", i+1, Inert(strings.Join(place, " · ")), Inert(DisplayPath(h.Path)))
		if h.Section != "" {
			fmt.Fprintf(w, "   %s\n", Inert(h.Section))
		}
		fmt.Fprintf(w, "   %s%s%s%s%s\n", Inert(h.Before), open, Inert(h.Match), close, Inert(h.After))
	}
	if res.Total > len(res.Hits) {
		fmt.Fprintf(w, "%d of %d matching reports shown; --limit shows more\n", len(res.Hits), res.Total)
	}
}

// SearchJSON writes hits as JSON, with files as DisplayPath shows them.
func SearchJSON(w io.Writer, res *index.Result) error {
	out := *res
	out.Hits = make([]index.Hit, len(res.Hits))
	for i, h := range res.Hits {
		h.Path = DisplayPath(h.Path)
		out.Hits[i] = h
	}
	return writeJSON(w, &out)
}
