package render

import (
	"bufio"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// newTable returns a table writer set up the way baogao prints tables:
// headers as written, no wrapping, widths measured with displayWidth.
func newTable(w io.Writer, header []string) *tablewriter.Table {
	t := tablewriter.NewTable(w,
		// Ocean draws the same grid as the default renderer, faster.
		tablewriter.WithRenderer(renderer.NewOcean()),
		tablewriter.WithEastAsian(false),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
	)
	t.Header(header)
	return t
}

// largeTable is the row count from which a table is drawn by drawGrid
// rather than by tablewriter, when every cell is plain (see plainWidth):
// the same bytes, without measuring every character as a grapheme cluster
// several times over. Drawing was most of the time of a national
// comparison.
const largeTable = 2000

// Grid draws a table of header and rows in a box of lines, as wide as its
// cells; see largeTable.
func Grid(w io.Writer, header []string, rows [][]string) error {
	if len(rows) >= largeTable {
		if ok, err := drawGrid(w, header, rows); ok || err != nil {
			return err
		}
	}
	t := newTable(w, header)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

// plainWidth returns the display width of s when every character in it is
// one whose width tablewriter and displayWidth agree on and which never
// joins its neighbours into one grapheme: printable ASCII, CJK ideographs
// and punctuation, full-width forms and the common signs of reports
// (· — … ≥ ≤ ×). ok is false otherwise.
func plainWidth(s string) (width int, ok bool) {
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
			width++
		case r == 0xb7 || r == 0xd7 || (r >= 0x2010 && r <= 0x2027) || (r >= 0x2030 && r <= 0x203a) || r == 0x2264 || r == 0x2265:
			width++
		case (r >= 0x3000 && r <= 0x303e) || (r >= 0x3400 && r <= 0x4dbf) || (r >= 0x4e00 && r <= 0x9fff) || (r >= 0xff01 && r <= 0xff60):
			width += 2
		default:
			return 0, false
		}
	}
	return width, true
}

// drawGrid draws header and rows in the grid that newTable draws, byte for
// byte. It draws nothing and returns false when a row's length differs
// from the header's or a cell is not plain; the caller then uses
// tablewriter.
func drawGrid(w io.Writer, header []string, rows [][]string) (bool, error) {
	widths := make([]int, len(header))
	cellW := make([]int, 0, (len(rows)+1)*len(header))
	measure := func(r []string) bool {
		if len(r) != len(header) {
			return false
		}
		for i, c := range r {
			cw, ok := plainWidth(c)
			if !ok {
				return false
			}
			widths[i] = max(widths[i], cw)
			cellW = append(cellW, cw)
		}
		return true
	}
	if !measure(header) {
		return false, nil
	}
	for _, r := range rows {
		if !measure(r) {
			return false, nil
		}
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	border := func(left, mid, right string) {
		bw.WriteString(left)
		for i, cw := range widths {
			if i > 0 {
				bw.WriteString(mid)
			}
			for range cw + 2 {
				bw.WriteString("─")
			}
		}
		bw.WriteString(right)
		bw.WriteByte('\n')
	}
	k := 0
	pad := strings.Repeat(" ", slices.Max(widths)+1)
	line := func(r []string) {
		bw.WriteString("│")
		for i, c := range r {
			bw.WriteByte(' ')
			bw.WriteString(c)
			bw.WriteString(pad[:widths[i]-cellW[k]+1])
			bw.WriteString("│")
			k++
		}
		bw.WriteByte('\n')
	}
	border("┌", "┬", "┐")
	line(header)
	if len(rows) > 0 {
		border("├", "┼", "┤")
	}
	for _, r := range rows {
		line(r)
	}
	border("└", "┴", "┘")
	return true, bw.Flush()
}
