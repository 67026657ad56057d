package render

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// TestDrawGridIsTablewriter draws random tables with drawGrid and with
// tablewriter: where drawGrid draws, the bytes must be the same, and it
// must decline cells it cannot measure.
func TestDrawGridIsTablewriter(t *testing.T) {
	pool := []string{"王", "团镇", "·", " ", "—", "≥", "4000", "份", "%", "*", "（", "）", "，", "、", "…", "ａ", "x", "㐀", "×", "‰", ""}
	odd := []string{"é", "́", "😀", "ﾊ", "α", "​"}
	rng := rand.New(rand.NewPCG(7, 8))
	cell := func(withOdd bool) string {
		var b strings.Builder
		for range rng.IntN(6) {
			if withOdd && rng.IntN(8) == 0 {
				b.WriteString(odd[rng.IntN(len(odd))])
			} else {
				b.WriteString(pool[rng.IntN(len(pool))])
			}
		}
		return b.String()
	}
	drawn, declined := 0, 0
	for trial := range 300 {
		cols := 1 + rng.IntN(6)
		withOdd := trial%3 == 0
		header := make([]string, cols)
		for i := range header {
			header[i] = cell(false)
		}
		rows := make([][]string, rng.IntN(12))
		for k := range rows {
			rows[k] = make([]string, cols)
			for i := range rows[k] {
				rows[k][i] = cell(withOdd)
			}
		}
		var want, got strings.Builder
		tab := newTable(&want, header)
		for _, r := range rows {
			tab.Append(r)
		}
		if err := tab.Render(); err != nil {
			t.Fatal(err)
		}
		ok, err := drawGrid(&got, header, rows)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			declined++
			if got.Len() != 0 {
				t.Fatalf("declined but wrote %q", got.String())
			}
			continue
		}
		drawn++
		if want.String() != got.String() {
			t.Fatalf("header %q rows %q:\ntablewriter\n%s\ndrawGrid\n%s", header, rows, want.String(), got.String())
		}
	}
	if drawn < 150 || declined < 20 {
		t.Errorf("drawn %d, declined %d: the trials do not cover both", drawn, declined)
	}
	// A ragged row is left to tablewriter.
	if ok, _ := drawGrid(io.Discard, []string{"a", "b"}, [][]string{{"x"}}); ok {
		t.Error("drew a ragged row")
	}
}

// TestPlainWidthAgrees checks every character plainWidth accepts against
// tablewriter's own measure.
func TestPlainWidthAgrees(t *testing.T) {
	n := 0
	for r := rune(0); r < 0x10000; r++ {
		w, ok := plainWidth(string(r))
		if !ok {
			continue
		}
		n++
		if tw := twwidth.Width(string(r)); tw != w {
			t.Errorf("%U: plainWidth %d, tablewriter %d", r, w, tw)
		}
		if dw := displayWidth.RuneWidth(r); dw != w {
			t.Errorf("%U: plainWidth %d, displayWidth %d", r, w, dw)
		}
	}
	if n < 20000 {
		t.Errorf("only %d plain characters", n)
	}
}

// TestLargeTableIsTheSameTable draws a table above largeTable rows through
// renderRows and through tablewriter, with and without a cell drawGrid
// declines.
func TestLargeTableIsTheSameTable(t *testing.T) {
	var rows [][]string
	for i := 0; i < largeTable+333; i++ {
		rows = append(rows, []string{strings.Repeat("王团镇", i%3+1) + " · 派出所", "≥4000 份", "—", strings.Repeat("9", i%7), "100%*"})
	}
	header := []string{"", "2021", "2022年度", "x", "调解成功率"}
	for _, odd := range []bool{false, true} {
		if odd {
			rows[17][2] = "café"
		}
		var whole, fast strings.Builder
		tab := newTable(&whole, header)
		for _, r := range rows {
			tab.Append(r)
		}
		if err := tab.Render(); err != nil {
			t.Fatal(err)
		}
		if err := Grid(&fast, header, rows); err != nil {
			t.Fatal(err)
		}
		if whole.String() != fast.String() {
			t.Fatalf("odd cell %v: renderRows differs from tablewriter", odd)
		}
	}
}
