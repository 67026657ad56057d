package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"baogao/render"
)

type cmpJSON struct {
	Title   string
	Methods []string
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
	_, idx := samplesIndex(t)
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
	_, idx := samplesIndex(t)
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
	_, idx := samplesIndex(t)
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
	_, idx := samplesIndex(t)
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
			w := render.Width(line)
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
	if got := f.GetSheetList(); strings.Join(got, ",") != "compare,statistics" {
		t.Errorf("sheets %v", got)
	}
	rows, _ := f.GetRows("compare")
	if len(rows) < 2 || strings.Join(rows[0], ",") != "town,county,year,subject,调解成功率 (%),调解成功率 note" {
		t.Fatalf("header %v", rows)
	}
	// Numbers in number cells, town, county and year in columns of their
	// own, the derived mark in the note column.
	found := map[string]bool{}
	for i, r := range rows[1:] {
		if len(r) < 5 {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(5, i+2)
		if typ, _ := f.GetCellType("compare", cell); r[4] != "" && typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s %q is not a number cell (%v)", cell, r[4], typ)
		}
		key := strings.Join(r[:5], ",")
		found[key] = true
		if r[0] == "沙柳河镇" && (len(r) < 6 || r[5] != "* derived") {
			t.Errorf("沙柳河镇's derived rate has no mark: %v", r)
		}
	}
	for _, want := range []string{"崇礼镇,东坡区,2023,,98", "王团镇,同心县,2024,派出所,80", "沙柳河镇,刚察县,2022,,100"} {
		if !found[want] {
			t.Errorf("no row %s in %v", want, rows)
		}
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
	stats, _ := f.GetRows("statistics")
	if len(stats) < 2 || stats[1][0] != "调解成功率" || stats[1][1] != "%" {
		t.Errorf("statistics sheet: %v", stats)
	}
	f.Close()
	assertMode(t, xl)

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
	if len(sheets) < 5 || sheets[0] != "records" || sheets[1] != "warnings" || !contains(sheets, "调解成功率") || sheets[len(sheets)-1] != "statistics" {
		t.Errorf("export sheets %v", sheets)
	}
	assertMode(t, ex)
	if typ, _ := f.GetCellType("records", "I2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("records' value is not a number cell: %v", typ)
	}
	rate, _ := f.GetRows("调解成功率")
	if len(rate) < 2 || strings.Join(rate[0][:5], ",") != "town,county,year,subject,调解成功率 (%)" {
		t.Errorf("indicator sheet: %v", rate)
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
	if !contains(c.Methods, "矛盾纠纷排查调处数: summed, a body's largest figure where a report gives no town total") {
		t.Errorf("methods do not say how counts were summed: %q", c.Methods)
	}
	got := cells(c)
	// 王团镇 gives only bodies' figures (派出所 50, 司法所 129, 综治中心
	// 14): the largest counts, never their sum; 预旺镇 gives 60.
	if cell := got["同心县 (吴忠市) 2024"]; cell != "189 件 (2 reports)" {
		t.Errorf("同心县 2024: %q (all: %v)", cell, got)
	}
	// 王团镇 gives only bodies' rates (派出所 80%, 司法所 100%*): the
	// 司法所's, the larger, counts with its counts 129 of 129; 预旺镇 gives
	// 57 of 60 and 95%: (129+57)/(129+60) is 98.4%, written as whole
	// rates are.
	r := compareJSON(t, idx, "调解成功率", "--by", "county")
	if got := cells(r)["同心县 (吴忠市) 2024"]; got != "98%*" {
		t.Errorf("同心县 2024 rate: %q (all: %v)", got, cells(r))
	}
	if !contains(r.Methods, "调解成功率: recomputed from summed counts, a body's largest figure where a report gives no town total") {
		t.Errorf("rate methods: %q", r.Methods)
	}
	table, _, _ := run(t, "compare", "--index", idx, "调解成功率", "--by", "county")
	if !strings.Contains(table, "┘\n* derived") || !strings.Contains(table, "\n调解成功率: as written (one report)\n调解成功率: recomputed from summed counts") {
		t.Errorf("the methods are not under the table, one a line:\n%s", table)
	}
	if _, _, code := run(t, "compare", "--index", idx, "法律援助", "--by", "county"); code != ExitUsage {
		t.Errorf("ad-hoc term with --by: exit %d", code)
	}
}

// assertMode checks that a written file has the mode other files get
// (0644 under the usual umask), never an executable bit.
func assertMode(t *testing.T, path string) {
	t.Helper()
	plain := filepath.Join(t.TempDir(), "plain")
	f, err := os.Create(plain)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	want, _ := os.Stat(plain)
	got, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Mode().Perm() != want.Mode().Perm()&0o644 || got.Mode().Perm()&0o111 != 0 {
		t.Errorf("%s has mode %v, want %v", path, got.Mode().Perm(), want.Mode().Perm()&0o644)
	}
}
