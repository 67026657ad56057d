package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/mattn/go-runewidth"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"baogao/extract"
)

// displayWidth measures terminal columns the way the tables do: CJK
// characters are two columns, ambiguous ones (“ ” ·) one.
var displayWidth = &runewidth.Condition{EastAsianWidth: false}

// pipedWidth is the table width assumed when output is not a terminal, so
// that piped output is the same everywhere.
const pipedWidth = 140

// formatNumber writes a value without float noise: 4000, 97.3.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// qualifierSign is how a qualifier is shown in front of a value.
var qualifierSign = map[string]string{extract.QualAtLeast: "≥", extract.QualAbout: "~", extract.QualAtMost: "≤"}

// formatValue writes a value as the report meant it: ≥4000 份, ~20000 人次,
// 98%, 100%* (derived).
func formatValue(ind extract.Indicator) string {
	s := qualifierSign[ind.Qualifier] + formatNumber(ind.Value)
	switch ind.Unit {
	case "%":
		s += "%"
	case "":
	default:
		s += " " + ind.Unit
	}
	if ind.Derived {
		s += "*"
	}
	return s
}

// inert makes report text safe to print on a terminal: control characters
// (escape sequences among them) become visible placeholders, and line breaks
// become spaces.
func inert(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			return ' '
		case r == 0x1b:
			return '␛'
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069):
			return '�'
		}
		return r
	}, s)
}

// safeCSV guards cells that a spreadsheet would run as a formula
// (=, +, -, @, tab or carriage return first) by putting a ' in front.
func safeCSV(rec []string) []string {
	for i, c := range rec {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			if _, err := strconv.ParseFloat(c, 64); err == nil && c[0] == '-' {
				continue // a plain negative number
			}
			rec[i] = "'" + c
		}
	}
	return rec
}

// shorten cuts s to at most max display columns, keeping the part around
// byte offset focus and marking cuts with "…".
func shorten(s string, focus, max int) string {
	s = inert(s)
	if displayWidth.StringWidth(s) <= max || max < 4 {
		return s
	}
	rs := []rune(s)
	fr := len([]rune(s[:min(max0(focus), len(s))]))
	lo, hi := fr, fr
	w := 2 // room for the two ellipses
	for w < max && (lo > 0 || hi < len(rs)) {
		if hi < len(rs) && (hi-fr <= fr-lo || lo == 0) {
			if w+displayWidth.RuneWidth(rs[hi]) > max {
				break
			}
			w += displayWidth.RuneWidth(rs[hi])
			hi++
		} else if lo > 0 {
			if w+displayWidth.RuneWidth(rs[lo-1]) > max {
				break
			}
			w += displayWidth.RuneWidth(rs[lo-1])
			lo--
		}
	}
	out := string(rs[lo:hi])
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(rs) {
		out += "…"
	}
	return out
}

func max0(n int) int {
	if n < 0 {
		return 0
	}
	return n
}

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

// orUnknown shows an unknown metadata value as "?".
func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// reportTitle is how a report is named in grouped output: town · year · county.
func reportTitle(r *extract.Report) string {
	y := "?"
	if r.Meta.Year != 0 {
		y = strconv.Itoa(r.Meta.Year)
	}
	parts := []string{orUnknown(r.Meta.Town.Value), y}
	if c := r.Meta.County.Value; c != "" {
		parts = append(parts, c)
	}
	return strings.Join(parts, " · ")
}

// scopeLabel shows a scope in tables; achievement, the usual case, is blank.
var scopeLabel = map[extract.Scope]string{extract.ScopePlan: "计划", extract.ScopeProblem: "问题"}

func writeExtractTable(ios *IOStreams, reports []*extract.Report) error {
	width := ios.Width
	if width <= 0 {
		width = pipedWidth
	}
	derived := false
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(ios.Out)
		}
		fmt.Fprintf(ios.Out, "%s  (%s, %d values)\n", reportTitle(r), inert(r.Path), len(r.Indicators))
		if len(r.Indicators) > 0 {
			rows := make([][]string, 0, len(r.Indicators))
			fixed := 0
			for _, ind := range r.Indicators {
				row := []string{ind.Label, formatValue(ind), ind.Subject, scopeLabel[ind.Scope]}
				rows = append(rows, row)
				derived = derived || ind.Derived
			}
			for c := 0; c < 4; c++ {
				w := 0
				for _, row := range rows {
					w = max(w, displayWidth.StringWidth(row[c]))
				}
				fixed += max(w, 4) + 3
			}
			evw := max(width-fixed-4, 20)
			t := newTable(ios.Out, []string{"指标", "值", "主体", "范围", "依据"})
			for k, ind := range r.Indicators {
				focus := ind.NumStart - ind.Start
				if ind.NumEnd == 0 {
					focus = 0
				}
				if err := t.Append(append(rows[k], shorten(ind.Evidence, focus, evw))); err != nil {
					return err
				}
			}
			if err := t.Render(); err != nil {
				return err
			}
		}
		for _, w := range r.Warnings {
			fmt.Fprintf(ios.Out, "  ! %s: %s\n", w.Code, inert(w.Message))
		}
	}
	if derived {
		fmt.Fprintln(ios.Out, "\n* derived: computed from other figures in the same passage, not written in the report")
	}
	return nil
}

// largeTable is the row count from which a table is drawn by drawGrid
// rather than by tablewriter, when every cell is plain (see plainWidth):
// the same bytes, without measuring every character as a grapheme cluster
// several times over. Drawing was most of the time of a national
// comparison.
const largeTable = 2000

// renderRows draws a table of header and rows; see largeTable.
func renderRows(w io.Writer, header []string, rows [][]string) error {
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
	line := func(r []string) {
		bw.WriteString("│")
		for i, c := range r {
			bw.WriteByte(' ')
			bw.WriteString(c)
			for range widths[i] - cellW[k] + 1 {
				bw.WriteByte(' ')
			}
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
