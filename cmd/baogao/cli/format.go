package cli

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
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

// parallelRows is the row count from which a table is drawn in pieces on
// every core: each piece is a table of the same column widths, and the
// pieces are joined where their borders meet. Drawing is most of the time
// of a national comparison.
const parallelRows = 2000

// renderRows draws a table of header and rows; see parallelRows.
func renderRows(w io.Writer, header []string, rows [][]string) error {
	if len(rows) < parallelRows || runtime.GOMAXPROCS(0) < 2 {
		t := newTable(w, header)
		for _, r := range rows {
			if err := t.Append(r); err != nil {
				return err
			}
		}
		return t.Render()
	}
	// Pad every cell to its column's width, so that every piece measures
	// the same widths and draws the same borders.
	widths := make([]int, len(header))
	cellW := make([][]int, len(rows)+1) // the header's last
	measure := func(k int, r []string) {
		cellW[k] = make([]int, len(r))
		for i, c := range r {
			cellW[k][i] = displayWidth.StringWidth(c)
			if i < len(widths) {
				widths[i] = max(widths[i], cellW[k][i])
			}
		}
	}
	for k, r := range rows {
		measure(k, r)
	}
	measure(len(rows), header)
	pad := func(k int, r []string) []string {
		out := make([]string, len(widths))
		for i := range widths {
			c, cw := "", 0
			if i < len(r) {
				c, cw = r[i], cellW[k][i]
			}
			out[i] = c + strings.Repeat(" ", widths[i]-cw)
		}
		return out
	}
	ph := pad(len(rows), header)
	n := runtime.GOMAXPROCS(0)
	size := (len(rows) + n - 1) / n
	parts := make([]bytes.Buffer, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for p := 0; p < n; p++ {
		lo, hi := p*size, min((p+1)*size, len(rows))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := newTable(&parts[p], ph)
			for k := lo; k < hi; k++ {
				if err := t.Append(pad(k, rows[k])); err != nil {
					errs[p] = err
					return
				}
			}
			errs[p] = t.Render()
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	// Piece 0 keeps its top and header; later pieces lose their first three
	// lines (top border, header, rule); all but the last lose their bottom.
	var used []int
	for p := range parts {
		if parts[p].Len() > 0 {
			used = append(used, p)
		}
	}
	for k, p := range used {
		lines := strings.SplitAfter(parts[p].String(), "\n")
		if len(lines) > 0 && lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		if k > 0 {
			lines = lines[3:]
		}
		if k < len(used)-1 {
			lines = lines[:len(lines)-1]
		}
		if _, err := io.WriteString(w, strings.Join(lines, "")); err != nil {
			return err
		}
	}
	return nil
}
