package cli

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/xuri/excelize/v2"
)

// sharedIndex is one index of the samples for the read-only tests.
var sharedIndex string

func samplesIndex(t *testing.T) string {
	t.Helper()
	if sharedIndex == "" {
		_, sharedIndex = ingested(t)
	}
	if _, err := os.Stat(sharedIndex); err != nil {
		_, sharedIndex = ingested(t)
	}
	return sharedIndex
}

type cmpJSON struct {
	Title   string
	Columns []string
	Rows    []struct {
		Label, Town, County, Subject string
		Year                         int
		Cells                        [][]struct {
			Text, Evidence, File string
		}
	}
}

func compareJSON(t *testing.T, idx string, args ...string) cmpJSON {
	t.Helper()
	out, errOut, code := run(t, append([]string{"compare", "--index", idx, "--format", "json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("compare %v: exit %d: %s", args, code, errOut)
	}
	var c cmpJSON
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("compare %v: %v\n%s", args, err, out)
	}
	return c
}

// cells maps "town[ · subject] year" to the cell text.
func cells(c cmpJSON) map[string]string {
	m := map[string]string{}
	for _, r := range c.Rows {
		key := r.Town
		if key == "" {
			key = r.Label // a group
		}
		if r.Subject != "" {
			key += " · " + r.Subject
		}
		for i, cell := range r.Cells {
			var parts []string
			for _, v := range cell {
				parts = append(parts, v.Text)
			}
			text := strings.Join(parts, " / ")
			if text == "" {
				text = "—"
			}
			m[key+" "+c.Columns[i]] = text
		}
	}
	return m
}

func TestCompareRate(t *testing.T) {
	idx := samplesIndex(t)
	got := cells(compareJSON(t, idx, "调解成功率"))
	want := map[string]string{
		"沙柳河镇 2022":      "100%*",
		"崇礼镇 2023":       "98%",
		"永兴镇 2021":       "97%",
		"王团镇 · 派出所 2024": "80%",
		"王团镇 · 司法所 2024": "100%*",
		"开城镇 ?":          "—",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
	for _, alias := range []string{"化解率", "mediation_success_rate", "调处成功率"} {
		if other := cells(compareJSON(t, idx, alias)); !equalMaps(other, got) {
			t.Errorf("compare %s differs from compare 调解成功率:\n%v\n%v", alias, other, got)
		}
	}
	lit := cells(compareJSON(t, idx, "法律明白人"))
	if lit["崇礼镇 2023"] != "44 个" || lit["王团镇 2024"] != "159 人" {
		t.Errorf("法律明白人: %v", lit)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestCompareAdHocAndUnknown(t *testing.T) {
	idx := samplesIndex(t)
	c := compareJSON(t, idx, "法律援助", "--evidence")
	if !strings.Contains(c.Title, "ad hoc") {
		t.Errorf("ad-hoc title %q", c.Title)
	}
	n := 0
	for _, r := range c.Rows {
		for _, cell := range r.Cells {
			for _, v := range cell {
				n++
				if !strings.Contains(v.Evidence, "法律援助") || v.File == "" {
					t.Errorf("ad-hoc value %q without its sentence: %q", v.Text, v.Evidence)
				}
			}
		}
	}
	if n == 0 {
		t.Error("ad-hoc term gave no values")
	}
	_, errOut, code := run(t, "compare", "--index", idx, "调解成功律")
	if code != ExitFailure || !strings.Contains(errOut, "did you mean") || !strings.Contains(errOut, "调解成功率") {
		t.Errorf("unknown term: exit %d, %q", code, errOut)
	}
}

// TestCompareFormatsAgree checks that csv, md and the table hold the cells
// the json holds.
func TestCompareFormatsAgree(t *testing.T) {
	idx := samplesIndex(t)
	args := []string{"disputes_handled", "disputes_resolved", "mediation_success_rate", "法律明白人"}
	j := compareJSON(t, idx, args...)
	want := map[string]bool{}
	for _, r := range j.Rows {
		for _, cell := range r.Cells {
			var parts []string
			for _, v := range cell {
				parts = append(parts, v.Text)
			}
			if len(parts) > 0 {
				want[strings.Join(parts, " / ")] = true
			}
		}
	}
	if len(want) < 5 {
		t.Fatalf("too few cells: %v", want)
	}
	out, _, _ := run(t, append([]string{"compare", "--index", idx, "--format", "csv"}, args...)...)
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != len(j.Rows) {
		t.Errorf("csv has %d rows, json %d", len(recs)-1, len(j.Rows))
	}
	inCSV := map[string]bool{}
	for _, r := range recs[1:] {
		for _, c := range r[5:] {
			inCSV[c] = true
		}
	}
	md, _, _ := run(t, append([]string{"compare", "--index", idx, "--format", "md"}, args...)...)
	table, _, _ := run(t, append([]string{"compare", "--index", idx}, args...)...)
	for c := range want {
		if !inCSV[c] {
			t.Errorf("csv lacks %q", c)
		}
		if !strings.Contains(md, "| "+c+" |") {
			t.Errorf("md lacks %q", c)
		}
		if !strings.Contains(table, c) {
			t.Errorf("table lacks %q", c)
		}
	}
}

// TestCompareTableLinesUp checks that every line of the grid has the same
// display width, Chinese text included.
func TestCompareTableLinesUp(t *testing.T) {
	idx := samplesIndex(t)
	for _, args := range [][]string{{"调解成功率"}, {"disputes_handled", "法律明白人", "调解成功率"}} {
		out, _, code := run(t, append([]string{"compare", "--index", idx}, args...)...)
		if code != ExitOK {
			t.Fatalf("exit %d", code)
		}
		width := -1
		for _, line := range strings.Split(out, "\n") {
			if !strings.ContainsAny(line, "│┌└├") {
				continue
			}
			w := displayWidth.StringWidth(line)
			if width < 0 {
				width = w
			} else if w != width {
				t.Errorf("%v: line of width %d, others %d: %q", args, w, width, line)
			}
		}
		if width < 0 {
			t.Errorf("%v: no table:\n%s", args, out)
		}
	}
}

func TestXLSXReadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	os.Mkdir(dir, 0o755)
	copySamples(t, dir)
	hostile := "某某镇人民政府关于2023年度法治政府建设工作情况的报告\n一、主要成效\n=1+1,今年共受理矛盾纠纷12件,调解成功12件。\n"
	if err := os.WriteFile(filepath.Join(dir, "某某镇_2023.txt"), []byte(hostile), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(t.TempDir(), "x.index")
	if _, errOut, code := run(t, "ingest", "--index", idx, dir); code != ExitOK {
		t.Fatal(errOut)
	}
	xl := filepath.Join(t.TempDir(), "c.xlsx")
	if _, errOut, code := run(t, "compare", "--index", idx, "调解成功率", "--evidence", "--format", "xlsx", "-o", xl); code != ExitOK {
		t.Fatal(errOut)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "compare" {
		t.Errorf("sheets %v", got)
	}
	rows, _ := f.GetRows("compare")
	found := false
	for _, r := range rows {
		for _, c := range r {
			found = found || c == "98%"
		}
	}
	if !found {
		t.Errorf("no 98%% cell in %v", rows)
	}
	comments, err := f.GetComments("compare")
	if err != nil || len(comments) == 0 {
		t.Fatalf("comments: %v %v", comments, err)
	}
	hasEvidence := false
	for _, c := range comments {
		for _, p := range c.Paragraph {
			hasEvidence = hasEvidence || strings.Contains(p.Text, "化解率为98%")
		}
	}
	if !hasEvidence {
		t.Errorf("no comment holds the evidence: %+v", comments)
	}
	f.Close()

	ex := filepath.Join(t.TempDir(), "e.xlsx")
	if _, errOut, code := run(t, "export", "--index", idx, "-o", ex); code != ExitOK {
		t.Fatal(errOut)
	}
	f, err = excelize.OpenFile(ex)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 4 || sheets[0] != "records" || sheets[1] != "warnings" || !contains(sheets, "调解成功率") {
		t.Errorf("export sheets %v", sheets)
	}
	recs, _ := f.GetRows("records")
	formulaSafe := false
	for i, r := range recs {
		for j, c := range r {
			if strings.HasPrefix(c, "=1+1") {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if fm, _ := f.GetCellFormula("records", cell); fm != "" {
					t.Errorf("%s holds formula %q", cell, fm)
				}
				formulaSafe = true
			}
		}
	}
	if !formulaSafe {
		t.Error("the evidence starting with =1+1 is not in the records sheet as text")
	}
}

// TestCompareByCounty puts a second town of 同心县 next to the samples:
// the county row sums the two towns' counts and says so.
func TestCompareByCounty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	os.Mkdir(dir, 0o755)
	copySamples(t, dir)
	second := "同心县预旺镇人民政府关于2024年度法治政府建设工作情况的报告\n一、主要成效\n今年以来,共排查矛盾纠纷60起,成功化解57起,化解率为95%。\n"
	if err := os.WriteFile(filepath.Join(dir, "预旺镇_2024.txt"), []byte(second), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(t.TempDir(), "g.index")
	if _, errOut, code := run(t, "ingest", "--index", idx, dir); code != ExitOK {
		t.Fatal(errOut)
	}
	c := compareJSON(t, idx, "矛盾纠纷排查调处数", "--by", "county")
	if !strings.Contains(c.Title, "summed") {
		t.Errorf("title does not state the method: %q", c.Title)
	}
	got := cells(c)
	// 王团镇 gives only bodies' figures (派出所 50, 司法所 129, 综治中心
	// 14): the largest counts, never their sum; 预旺镇 gives 60.
	if cell := got["同心县 (吴忠市) 2024"]; cell != "189 件 (2 reports)" {
		t.Errorf("同心县 2024: %q (all: %v)", cell, got)
	}
	r := compareJSON(t, idx, "调解成功率", "--by", "county")
	if !strings.Contains(r.Title, "recomputed from summed counts") && !strings.Contains(r.Title, "median") {
		t.Errorf("rate title: %q", r.Title)
	}
	if _, _, code := run(t, "compare", "--index", idx, "法律援助", "--by", "county"); code != ExitUsage {
		t.Errorf("ad-hoc term with --by: exit %d", code)
	}
}

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
		if err := renderRows(&fast, header, rows); err != nil {
			t.Fatal(err)
		}
		if whole.String() != fast.String() {
			t.Fatalf("odd cell %v: renderRows differs from tablewriter", odd)
		}
	}
}
