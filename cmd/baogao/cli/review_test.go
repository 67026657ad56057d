package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"baogao/corpus"
	"baogao/extract"
	"baogao/render"
	"baogao/segment"
)

// runTTY runs baogao in-process as on a terminal of width columns, with
// stderr a terminal too.
func runTTY(t *testing.T, width int, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTTY: true, ErrTTY: true, Width: width})
	return out.String(), errOut.String(), code
}

// TestFilterFlagsEverywhere: every command that takes reports takes the
// same filter flags.
func TestFilterFlagsEverywhere(t *testing.T) {
	root := NewCmdRoot(&Factory{IO: &IOStreams{}})
	for _, name := range []string{"extract", "search", "compare", "export", "check"} {
		cmd, _, err := root.Find([]string{name})
		if err != nil || cmd.Name() != name {
			t.Fatalf("%s: %v", name, err)
		}
		for _, flag := range []string{"town", "county", "year"} {
			if cmd.Flags().Lookup(flag) == nil {
				t.Errorf("%s has no --%s", name, flag)
			}
		}
	}
}

// TestFiltersMatchWithoutSuffix: 同心 selects 同心县, 王团 selects 王团镇,
// in every command.
func TestFiltersMatchWithoutSuffix(t *testing.T) {
	dir, idx := samplesIndex(t)
	c := compareJSON(t, idx, "调解成功率", "--county", "同心")
	for _, r := range c.Rows {
		if r.Town != "王团镇" {
			t.Errorf("--county 同心 gave a row of %s", r.Town)
		}
	}
	if len(c.Rows) == 0 {
		t.Error("--county 同心 selected nothing")
	}
	if got := towns(searchJSON(t, idx, "调解", "--town", "王团")); strings.Join(got, ",") != "王团镇" {
		t.Errorf("search --town 王团: %v", got)
	}
	if got := towns(searchJSON(t, idx, "调解", "--year", "2021-2023")); strings.Join(got, ",") != "崇礼镇,永兴镇,沙柳河镇" {
		t.Errorf("search --year 2021-2023: %v", got)
	}
	out, _, code := run(t, "extract", "--format", "json", "--town", "王团", dir)
	if code != ExitOK || strings.Count(out, `"path"`) != 1 || !strings.Contains(out, "王团镇") {
		t.Errorf("extract --town 王团: exit %d\n%.300s", code, out)
	}
	if n := runCheck(t, "--index", idx, "--county", "同心县", "--town", "王团").Reports; n != 1 {
		t.Errorf("check --county 同心县 --town 王团: %d reports", n)
	}
}

// TestEmptyResultNamesTheFilter: an empty table or search says which
// filter emptied it, and what there is near it.
func TestEmptyResultNamesTheFilter(t *testing.T) {
	dir, idx := samplesIndex(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "--index", idx, "调解成功率", "--county", "同新县"}, "no report in county 同新县; did you mean 同心县"},
		{[]string{"search", "--index", idx, "调解", "--town", "王家镇"}, "no report of town 王家镇; did you mean 王团镇"},
		{[]string{"compare", "--index", idx, "调解成功率", "--town", "王团镇", "--year", "2021"}, "no report of 2021; there are reports of 2024"},
		{[]string{"export", "--index", idx, "-o", filepath.Join(t.TempDir(), "x.csv"), "--year", "2030-"}, "no report of 2030-; there are reports of 2021, 2022, 2023, 2024"},
		{[]string{"check", "--index", idx, "--county", "蓝山"}, "no report in county 蓝山"},
		{[]string{"extract", dir, "--town", "开城镇", "--county", "同心县"}, "no report in county 同心县; there are for example 原州区"},
	} {
		out, errOut, code := run(t, c.args...)
		if code != ExitOK || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, code, errOut, c.want)
		}
		if strings.Contains(out, "│") {
			t.Errorf("%v: a table of nothing:\n%s", c.args, out)
		}
	}
}

// TestOutputFileFormat: -o FILE picks the format from its extension, in
// compare and export alike; a --format that disagrees is a usage error.
func TestOutputFileFormat(t *testing.T) {
	_, idx := samplesIndex(t)
	tmp := t.TempDir()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, cmd := range []string{"compare", "export"} {
		args := func(name string, more ...string) []string {
			a := []string{cmd, "--index", idx, "-o", filepath.Join(tmp, cmd+"-"+name)}
			if cmd == "compare" {
				a = append(a, "调解成功率")
			}
			return append(a, more...)
		}
		if out, errOut, code := run(t, args("a.csv")...); code != ExitOK || strings.Contains(out, "│") {
			t.Fatalf("%s -o a.csv: exit %d %s%s", cmd, code, out, errOut)
		}
		if recs, err := csv.NewReader(strings.NewReader(read(cmd + "-a.csv"))).ReadAll(); err != nil || len(recs) < 2 {
			t.Errorf("%s -o a.csv is not CSV: %v", cmd, err)
		}
		if _, errOut, code := run(t, args("a.json")...); code != ExitOK {
			t.Fatalf("%s -o a.json: %s", cmd, errOut)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(read(cmd+"-a.json")), &doc); err != nil {
			t.Errorf("%s -o a.json is not JSON: %v", cmd, err)
		}
		if _, errOut, code := run(t, args("b.csv", "--format", "json")...); code != ExitUsage || !strings.Contains(errOut, "disagrees") {
			t.Errorf("%s -o b.csv --format json: exit %d, %q", cmd, code, errOut)
		}
		if _, _, code := run(t, args("c.xlsx", "--format", "xlsx")...); code != ExitOK {
			t.Errorf("%s -o c.xlsx --format xlsx: exit %d", cmd, code)
		}
	}
	if _, errOut, code := run(t, "compare", "--index", idx, "调解成功率", "-o", filepath.Join(tmp, "t.md")); code != ExitOK || !strings.HasPrefix(read("t.md"), "**调解成功率**") {
		t.Errorf("compare -o t.md: %s", errOut)
	}
	if _, errOut, code := run(t, "export", "--index", idx, "-o", filepath.Join(tmp, "e.md")); code != ExitUsage || !strings.Contains(errOut, "export does not write md") {
		t.Errorf("export -o e.md: exit %d, %q", code, errOut)
	}
}

// TestTablesFitTheTerminal: at 80 columns every line of a report's table
// fits, the evidence cut or wrapped to its column; --wide keeps all of it.
func TestTablesFitTheTerminal(t *testing.T) {
	const sample = "../../../testdata/reports/004_1113006dcd718aa6.txt"
	out, _, code := runTTY(t, 80, "extract", sample)
	if code != ExitOK {
		t.Fatal(out)
	}
	for _, l := range strings.Split(out, "\n") {
		if w := render.Width(l); w > 80 {
			t.Errorf("a line of %d columns at 80:\n%s", w, l)
		}
	}
	long := ""
	doc, err := (&corpus.Loader{}).Load(sample)
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range extract.Extract(doc).Indicators {
		if render.Width(ind.Evidence) > render.Width(long) {
			long = ind.Evidence
		}
	}
	if strings.Contains(out, long) {
		t.Errorf("the longest sentence (%d columns) is whole at 80 columns", render.Width(long))
	}
	wide, _, _ := runTTY(t, 80, "extract", "--wide", sample)
	if !strings.Contains(wide, render.Inert(long)) {
		t.Errorf("--wide cut the sentence %q", long)
	}
	_, idx := samplesIndex(t)
	out, _, _ = runTTY(t, 80, "compare", "--index", idx, "调解成功率", "--evidence")
	notes := regexp.MustCompile(`(?m)^\[\d+\] .*$`).FindAllString(out, -1)
	if len(notes) == 0 {
		t.Fatalf("no notes:\n%s", out)
	}
	for _, n := range notes {
		if render.Width(n) > 80 {
			t.Errorf("a note of %d columns at 80: %s", render.Width(n), n)
		}
	}
}

// TestProgress: a step shows a bar with a count (and, once it has run a
// while, the time left) on stderr when it is a terminal, and nothing when
// it is not.
func TestProgress(t *testing.T) {
	var errOut bytes.Buffer
	p := newProgress(&IOStreams{ErrOut: &errOut, ErrTTY: true}, "files")
	now := time.Unix(0, 0)
	p.now = func() time.Time { return now }
	p.start = now
	p.update(1, 10)
	if !strings.Contains(errOut.String(), "1/10 files") || strings.Contains(errOut.String(), "left") {
		t.Errorf("first update: %q", errOut.String())
	}
	now = now.Add(2 * time.Second)
	p.update(5, 10)
	if !strings.Contains(errOut.String(), "5/10 files, about 2s left") {
		t.Errorf("after 2 s: %q", errOut.String())
	}
	p.done()
	if !strings.HasSuffix(errOut.String(), "\r\033[K") {
		t.Errorf("the line is not cleared: %q", errOut.String())
	}
	errOut.Reset()
	q := newProgress(&IOStreams{ErrOut: &errOut}, "files")
	q.update(5, 10)
	q.done()
	if errOut.Len() != 0 {
		t.Errorf("progress on a stderr that is no terminal: %q", errOut.String())
	}

	// The commands.
	dir, idx := samplesIndex(t)
	for _, args := range [][]string{
		{"ingest", "--index", filepath.Join(t.TempDir(), "p.index"), dir},
		{"check", "--index", idx},
		{"export", "--index", idx, "-o", filepath.Join(t.TempDir(), "p.csv")},
	} {
		_, errOut, code := runTTY(t, 100, args...)
		if code != ExitOK || !strings.Contains(errOut, "\r[") {
			t.Errorf("%s on a terminal: exit %d, no progress: %q", args[0], code, errOut)
		}
		_, errOut, _ = run(t, args...)
		if strings.Contains(errOut, "\r") {
			t.Errorf("%s piped: progress on stderr: %q", args[0], errOut)
		}
	}
}

// TestFlagMessages: a reversed range says it is reversed, a bad --sort or
// --by gets its own message, and both are usage errors.
func TestFlagMessages(t *testing.T) {
	_, idx := samplesIndex(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "--index", idx, "调解成功率", "--year", "2024-2021"}, "--year 2024-2021 is reversed; did you mean 2021-2024?"},
		{[]string{"search", "--index", idx, "调解", "--year", "twenty"}, `--year "twenty": want a year`},
		{[]string{"compare", "--index", idx, "调解成功率", "--sort", "size"}, `invalid argument "size" for "--sort" flag: want town or value`},
		{[]string{"compare", "--index", idx, "调解成功率", "--by", "village"}, `invalid argument "village" for "--by" flag: want town, county, city or province`},
		{[]string{"check", "--fail-on", "info"}, `invalid argument "info" for "--fail-on" flag: want warning or error`},
		{[]string{"frobnicate"}, `unknown command "frobnicate" for "baogao"`},
		{[]string{"indicators", "extra"}, `unknown command "extra" for "baogao indicators"`},
	} {
		_, errOut, code := run(t, c.args...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, errOut, c.want)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, "--version")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{"baogao ", "commit ", "dictionary " + segment.DictVersion, "gazetteer  " + corpus.GazetteerEdition, "index      schema "}
	if len(lines) != len(want) {
		t.Fatalf("version:\n%s", out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d is %q, want it to start %q", i+1, lines[i], w)
		}
	}
}

// TestVersionNamesTheCommit builds baogao from this checkout as go build
// does and checks that --version names the commit checked out.
func TestVersionNamesTheCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds baogao")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("no git checkout here (%v)", err)
	}
	bin := filepath.Join(t.TempDir(), "baogao")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, ".")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	info, err := exec.Command("go", "version", "-m", bin).Output()
	if err != nil || !strings.Contains(string(info), "vcs.revision") {
		t.Skipf("go records no commit for this checkout (a git worktree?): %v", err)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := "commit     " + strings.TrimSpace(string(head)); !strings.Contains(string(out), want) {
		t.Errorf("--version:\n%s\nwant a line %q", out, want)
	}
}

func TestIndicators(t *testing.T) {
	cat := extract.DefaultCatalogue
	out, _, code := run(t, "indicators")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, r := range cat.Rules {
		if !strings.Contains(out, r.ID) || !strings.Contains(out, r.Label) {
			t.Errorf("the table lacks %s %s", r.ID, r.Label)
		}
	}
	out, _, _ = run(t, "indicators", "--format", "json")
	var list []struct {
		ID, Label, Kind string
		Units, Synonyms []string
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != len(cat.Rules) {
		t.Fatalf("json: %v, %d of %d", err, len(list), len(cat.Rules))
	}
	for _, ind := range list {
		if ind.ID == "mediation_success_rate" && (!contains(ind.Synonyms, "化解率") || !contains(ind.Units, "%") || ind.Kind != "rate") {
			t.Errorf("mediation_success_rate: %+v", ind)
		}
	}
}

// TestOneSetOfWarningCodes: check, show and export name a report's
// problems with the same codes.
func TestOneSetOfWarningCodes(t *testing.T) {
	_, idx := samplesIndex(t)
	show, _, _ := run(t, "show", "--index", idx, "崇礼镇")
	if !strings.Contains(show, "! foreign_text:") || strings.Contains(show, "spam_removed") {
		t.Errorf("show does not say foreign_text:\n%s", show)
	}
	path := filepath.Join(t.TempDir(), "w.json")
	if _, errOut, code := run(t, "export", "--index", idx, "-o", path); code != ExitOK {
		t.Fatal(errOut)
	}
	b, _ := os.ReadFile(path)
	var doc struct {
		Warnings []struct{ Town, Code, Severity string }
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range doc.Warnings {
		found = found || w.Town == "崇礼镇" && w.Code == "foreign_text" && w.Severity == "error"
		if w.Code == "spam_removed" {
			t.Errorf("export says %q", w.Code)
		}
	}
	if !found {
		t.Errorf("export lacks 崇礼镇's foreign_text: %+v", doc.Warnings)
	}
	if !has(codes(runCheck(t, "--index", idx))["崇礼镇"], "foreign_text") {
		t.Error("check lacks 崇礼镇's foreign_text")
	}
}

// TestREADMELinks: every file the README links to is in the repository.
func TestREADMELinks(t *testing.T) {
	b, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`\]\(([^)#]+)(#[^)]*)?\)`).FindAllStringSubmatch(string(b), -1)
	n := 0
	for _, l := range links {
		target := l[1]
		if strings.Contains(target, "://") {
			continue
		}
		n++
		if _, err := os.Stat(filepath.Join("../../..", target)); err != nil {
			t.Errorf("README links to %s, which is not in the repository", target)
		}
	}
	if n < 2 || !strings.Contains(string(b), "](spec/indicators.md)") {
		t.Errorf("the README links %d files, and not spec/indicators.md", n)
	}
}
