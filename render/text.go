package render

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/mattn/go-runewidth"
)

// displayWidth measures terminal columns the way the tables do: CJK
// characters are two columns, ambiguous ones (“ ” ·) one.
var displayWidth = &runewidth.Condition{EastAsianWidth: false}

// Width returns the display width of s in terminal columns.
func Width(s string) int { return displayWidth.StringWidth(s) }

// PipedWidth is the width assumed when output is not a terminal, so that
// piped output is the same everywhere.
const PipedWidth = 140

// SafeCSV makes every cell inert (InertData) and guards cells that a
// spreadsheet would run as a formula (=, +, -, @, tab or carriage return
// first) by putting a ' in front; a plain negative number stays as it is.
func SafeCSV(rec []string) []string {
	for i, c := range rec {
		c = InertData(c)
		rec[i] = c
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			if _, err := strconv.ParseFloat(c, 64); err == nil && c[0] == '-' {
				continue
			}
			rec[i] = "'" + c
		}
	}
	return rec
}

// mdEscape keeps a cell from breaking a Markdown table.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(Inert(s))
}

// Shorten makes s inert and cuts it to at most max display columns,
// keeping the part around byte offset focus and marking cuts with "…". A
// max of 0 or less keeps all of it.
func Shorten(s string, focus, max int) string {
	s = Inert(s)
	if max <= 0 || displayWidth.StringWidth(s) <= max || max < 4 {
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

// wrap breaks inert text into lines of at most width display columns,
// after a space where one stands in the second half of a line; a width of
// 0 or less keeps one line.
func wrap(s string, width int) []string {
	s = Inert(s)
	if width <= 0 || displayWidth.StringWidth(s) <= width {
		return []string{s}
	}
	var lines []string
	rs := []rune(s)
	for len(rs) > 0 {
		w, end, space := 0, 0, -1
		for end < len(rs) {
			rw := displayWidth.RuneWidth(rs[end])
			if w+rw > width && end > 0 {
				break
			}
			if rs[end] == ' ' && w >= width/2 {
				space = end
			}
			w += rw
			end++
		}
		if end < len(rs) && space > 0 {
			end = space + 1
		}
		lines = append(lines, strings.TrimRight(string(rs[:end]), " "))
		rs = rs[end:]
	}
	return lines
}

// writeWrapped writes inert s wrapped to width, the lines after the
// first indented by indent spaces; a width of 0 or less keeps one line.
func writeWrapped(w io.Writer, s string, width, indent int) {
	s = Inert(s)
	first := wrap(s, width)
	io.WriteString(w, first[0]+"\n")
	if len(first) == 1 {
		return
	}
	for _, l := range wrap(strings.TrimLeft(s[len(first[0]):], " "), width-indent) {
		io.WriteString(w, strings.Repeat(" ", indent)+l+"\n")
	}
}

// orUnknown shows an unknown metadata value as "?".
func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

// DisplayPath shows a file relative to the working directory when it is
// under it, as the user would type it.
func DisplayPath(key string) string {
	p := filepath.FromSlash(key)
	if wd, err := workDir(); err == nil && filepath.IsAbs(p) {
		if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return key
}

// workDir is the working directory, read once.
var workDir = sync.OnceValues(os.Getwd)
