package cli

// The adversarial cases: what a careless or hostile user, file or disk
// does to baogao, and what baogao must do about it. Each test names the
// promise it holds (README, Reliability); add a case to the table of the
// promise it tries, or a test of its own beside them.

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"baogao/extract"
	"baogao/index"
)

// writeFiles creates files (slash paths relative to dir, with their
// contents) and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// assertFilesKept fails unless every file still exists with its contents.
func assertFilesKept(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil || string(b) != body {
			t.Errorf("%s lost %s: %v", dir, name, err)
		}
	}
}

// assertOneLine fails unless stderr is one line that contains want and
// no trace of a panic.
func assertOneLine(t *testing.T, what, errOut, want string) {
	t.Helper()
	if strings.Count(strings.TrimRight(errOut, "\n"), "\n") > 0 || !strings.Contains(errOut, want) ||
		strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
		t.Errorf("%s: want one line with %q, got %q", what, want, errOut)
	}
}

// TestNeverRemovesWhatIsNotOurs: --index pointed at folders that are not
// baogao's (a project with a store/ folder, a folder whose store/ holds
// orders, an index someone put notes into) is refused, and every file in
// them stays.
func TestNeverRemovesWhatIsNotOurs(t *testing.T) {
	samples := filepath.Join("..", "..", "..", "testdata", "reports")
	for _, c := range []struct {
		name  string
		files map[string]string
		args  []string
	}{
		{"project with a store folder, --rebuild", map[string]string{"README": "read me", "src/main.go": "package main", "store/a": "x"}, []string{"--rebuild"}},
		{"orders under store", map[string]string{"store/orders/2024.csv": "id,sum\n1,2\n"}, nil},
		{"orders under store, --rebuild", map[string]string{"store/orders/2024.csv": "id,sum\n1,2\n"}, []string{"--rebuild"}},
		{"only a store file", map[string]string{"store": "not a folder"}, []string{"--rebuild"}},
		{"a bleve-like folder with a stranger", map[string]string{"index_meta.json": "{}", "store/root.bolt": "", "notes.txt": "mine"}, []string{"--rebuild"}},
	} {
		dir := writeFiles(t, t.TempDir(), c.files)
		_, errOut, code := run(t, append(append([]string{"ingest", "--index", dir}, c.args...), samples)...)
		if code != ExitFailure {
			t.Errorf("%s: exit %d", c.name, code)
		}
		assertOneLine(t, c.name, errOut, "is not a baogao index")
		assertFilesKept(t, dir, c.files)
	}

	// A file named as the index.
	file := filepath.Join(t.TempDir(), "notes.txt")
	writeFiles(t, filepath.Dir(file), map[string]string{"notes.txt": "mine"})
	for _, args := range [][]string{{"ingest", "--rebuild", "--index", file, samples}, {"ingest", "--index", file, samples}} {
		_, errOut, code := run(t, args...)
		if code != ExitFailure {
			t.Errorf("%v: exit %d", args, code)
		}
		assertOneLine(t, "a file as the index", errOut, "it is a file, not a folder")
	}
	assertFilesKept(t, filepath.Dir(file), map[string]string{"notes.txt": "mine"})

	// An index of baogao's into which someone put files of their own:
	// --rebuild refuses, and the index still answers.
	_, idx := ingested(t)
	mine := map[string]string{"notes.txt": "mine", "store/extra.csv": "a,b\n"}
	writeFiles(t, idx, mine)
	_, errOut, code := run(t, "ingest", "--rebuild", "--index", idx, samples)
	if code != ExitFailure || !strings.Contains(errOut, "notes.txt") || !strings.Contains(errOut, "store/extra.csv") {
		t.Errorf("rebuild of an index holding other files: exit %d, %q", code, errOut)
	}
	assertFilesKept(t, idx, mine)
	if hits := searchJSON(t, idx, "调解"); len(hits) == 0 {
		t.Error("the index no longer answers")
	}

	// An index made before indexes were marked is proven by its version:
	// --rebuild works, and the rebuilt index carries the marker.
	_, idx = ingested(t)
	if err := os.Remove(filepath.Join(idx, index.MarkerName)); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := run(t, "ingest", "--rebuild", "--index", idx, samples); code != ExitOK || !strings.Contains(out, "added 5") {
		t.Errorf("rebuild of an unmarked index: exit %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(idx, index.MarkerName)); err != nil {
		t.Errorf("the rebuilt index has no marker: %v", err)
	}
}

// TestMissingMetaKeepsTheIndex: an index without index_meta.json is never
// silently replaced by a new one; the error names --rebuild, and that
// works.
func TestMissingMetaKeepsTheIndex(t *testing.T) {
	dir, idx := ingested(t)
	segments, _ := filepath.Glob(filepath.Join(idx, "store", "*.zap"))
	if err := os.Remove(filepath.Join(idx, "index_meta.json")); err != nil {
		t.Fatal(err)
	}
	one := filepath.Join(dir, "000_f9adefd3ba5a223a.txt")
	_, errOut, code := run(t, "ingest", "--index", idx, one)
	if code != ExitFailure {
		t.Errorf("ingest into an index without index_meta.json: exit %d", code)
	}
	assertOneLine(t, "ingest", errOut, "ingest --rebuild")
	after, _ := filepath.Glob(filepath.Join(idx, "store", "*.zap"))
	if len(after) != len(segments) || len(segments) == 0 {
		t.Errorf("segments before %v, after %v", segments, after)
	}
	_, errOut, code = run(t, "search", "--index", idx, "调解")
	if code != ExitFailure {
		t.Errorf("search: exit %d", code)
	}
	assertOneLine(t, "search", errOut, "ingest --rebuild")
	if out, errOut, code := run(t, "ingest", "--rebuild", "--index", idx, dir); code != ExitOK || !strings.Contains(out, "added 5") {
		t.Errorf("rebuild: exit %d\n%s%s", code, out, errOut)
	}
}

// TestDamagedStoreIsRepaired: a store/root.bolt that is truncated or
// overwritten never makes a command panic; each says the index cannot be
// read and names ingest --rebuild, which builds it again.
func TestDamagedStoreIsRepaired(t *testing.T) {
	dir, good := ingested(t)
	bolt, err := os.ReadFile(filepath.Join(good, "store", "root.bolt"))
	if err != nil {
		t.Fatal(err)
	}
	random := func(n int) []byte {
		b := make([]byte, n)
		rand.New(rand.NewSource(int64(n))).Read(b)
		return b
	}
	for _, c := range []struct {
		name string
		bolt []byte
	}{
		{"empty", nil},
		{"first page", bolt[:4096]},
		{"two pages", bolt[:8192]},
		{"four pages", bolt[:16384]},
		{"cut inside a page", bolt[:20000]},
		{"random bytes", random(len(bolt))},
		{"random after the first page", append(append([]byte{}, bolt[:4096]...), random(len(bolt)-4096)...)},
		{"zeroed meta pages", append(make([]byte, 8192), bolt[8192:]...)},
	} {
		idx := filepath.Join(t.TempDir(), "d.index")
		if err := os.CopyFS(idx, os.DirFS(good)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(idx, "store", "root.bolt"), c.bolt, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{{"ingest", "--index", idx, dir}, {"search", "--index", idx, "调解"}, {"compare", "--index", idx, "调解成功率"}} {
			_, errOut, code := run(t, args...)
			if code != ExitFailure {
				t.Errorf("%s: %s: exit %d", c.name, args[0], code)
			}
			assertOneLine(t, c.name+": "+args[0], errOut, "ingest --rebuild")
		}
		out, errOut, code := run(t, "ingest", "--rebuild", "--index", idx, dir)
		if code != ExitOK || !strings.Contains(out, "added 5") {
			t.Errorf("%s: rebuild: exit %d\n%s%s", c.name, code, out, errOut)
			continue
		}
		if hits := searchJSON(t, idx, "调解"); len(hits) == 0 {
			t.Errorf("%s: the rebuilt index does not answer", c.name)
		}
	}
}

// devFull opens /dev/full, where every write fails as on a full disk.
func devFull(t *testing.T) *os.File {
	t.Helper()
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full to write to: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestFailedWritesExitOne: output that cannot be written, to standard
// output or to -o FILE, is a failure (exit 1) with one line saying why.
func TestFailedWritesExitOne(t *testing.T) {
	dir, idx := samplesIndex(t)
	full := devFull(t)
	for _, args := range [][]string{
		{"search", "--index", idx, "调解"},
		{"search", "--index", idx, "调解", "--format", "json"},
		{"extract", dir},
		{"extract", "--format", "json", dir},
		{"extract", "--format", "csv", dir},
		{"check", dir},
		{"check", "--format", "csv", "--index", idx},
		{"compare", "--index", idx, "调解成功率"},
		{"compare", "--index", idx, "调解成功率", "--format", "csv"},
		{"show", "--index", idx, "王团镇"},
		{"indicators"},
		{"compare", "--index", idx, "调解成功率", "-o", full.Name(), "--format", "md"},
		{"compare", "--index", idx, "调解成功率", "-o", full.Name(), "--format", "xlsx"},
		{"export", "--index", idx, "-o", full.Name(), "--format", "json"},
		{"export", "--index", idx, "-o", full.Name(), "--format", "xlsx"},
	} {
		var errOut strings.Builder
		code := Run(args, &IOStreams{In: strings.NewReader(""), Out: full, ErrOut: &errOut})
		if code != ExitFailure {
			t.Errorf("%v: exit %d", args, code)
		}
		assertOneLine(t, strings.Join(args, " "), errOut.String(), "no space left on device")
	}
}

// TestFailedExportKeepsTheOldFile: an export or comparison that fails
// half-way (here at a file-size limit) exits 1 and leaves the file of an
// earlier run as it was, with nothing beside it.
func TestFailedExportKeepsTheOldFile(t *testing.T) {
	prlimit, err := exec.LookPath("prlimit")
	if err != nil {
		t.Skip("prlimit (util-linux) is needed to limit the size of the files a process writes")
	}
	_, idx := samplesIndex(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, args := range [][]string{
		{"export", "--index", idx, "-o", filepath.Join(out, "figures.csv")},
		{"export", "--index", idx, "-o", filepath.Join(out, "figures.json")},
		{"export", "--index", idx, "-o", filepath.Join(out, "figures.xlsx")},
		{"compare", "--index", idx, "调解成功率", "--evidence", "-o", filepath.Join(out, "review.md")},
	} {
		file := args[len(args)-1]
		const earlier = "the earlier, good file\n"
		if err := os.WriteFile(file, []byte(earlier), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(prlimit, append([]string{"--fsize=1024", exe}, args...)...)
		cmd.Env = append(os.Environ(), "BAOGAO_RUN_MAIN=1")
		stderr, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if !errorsAs(err, &ee) || ee.ExitCode() != ExitFailure {
			t.Errorf("%v: %v, want exit 1\n%s", args, err, stderr)
		}
		assertOneLine(t, args[0], string(stderr), "write "+file)
		if b, err := os.ReadFile(file); err != nil || string(b) != earlier {
			t.Errorf("%v: the earlier file now holds %d bytes (%v)", args, len(b), err)
		}
		left, _ := filepath.Glob(filepath.Join(out, ".*"))
		if len(left) > 0 {
			t.Errorf("%v: left behind %v", args, left)
		}
	}
}

// TestNoOutputInsideTheIndex: -o naming a file inside the index read (or
// a link into it) is refused before anything is written.
func TestNoOutputInsideTheIndex(t *testing.T) {
	_, idx := ingested(t)
	meta, _ := os.ReadFile(filepath.Join(idx, "index_meta.json"))
	link := filepath.Join(t.TempDir(), "out.json")
	if err := os.Symlink(filepath.Join(idx, "index_meta.json"), link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"export", "--index", idx, "-o", filepath.Join(idx, "index_meta.json")},
		{"export", "--index", idx, "-o", filepath.Join(idx, "store", "x.csv")},
		{"export", "--index", idx, "-o", link},
		{"compare", "--index", idx, "调解成功率", "-o", filepath.Join(idx, "store", "root.bolt")},
	} {
		_, errOut, code := run(t, args...)
		if code != ExitUsage || !strings.Contains(errOut, "is inside the index") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(idx, "index_meta.json")); string(b) != string(meta) {
		t.Error("index_meta.json was written over")
	}
	if hits := searchJSON(t, idx, "调解"); len(hits) == 0 {
		t.Error("the index no longer answers")
	}
}

// TestExportNamesEveryFile: a CSV export says that it wrote the warnings
// to a file of their own, and where.
func TestExportNamesEveryFile(t *testing.T) {
	_, idx := samplesIndex(t)
	out := filepath.Join(t.TempDir(), "x.csv")
	_, errOut, code := run(t, "export", "--index", idx, "-o", out)
	if code != ExitOK || !strings.Contains(errOut, filepath.Join(filepath.Dir(out), "x.warnings.csv")) {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), "x.warnings.csv")); err != nil {
		t.Error(err)
	}
}

// hostileNames are file names and manifest cells that try to act on a
// terminal: escape sequences, BEL, a line break, a right-to-left override.
const (
	hostileFile   = "a\nb\x1b[2J\x07\u202eevil.txt"
	hostileEmpty  = "empty\n\x1b]0;title\x07.txt"
	hostileTown   = "\x1b[31m恶意镇\x07"
	hostileCounty = "\u202e同心县\x1b]0;x\x07\u0085"
)

// isActive reports whether s holds a character that could act on a
// terminal, raw or as a JSON escape.
func isActive(s string) bool {
	return strings.ContainsAny(s, "\x1b\x07\u202e\u0085\r") || strings.Contains(s, `\u001b`) || strings.Contains(s, `\u0007`)
}

// TestUntrustedTextIsInert: manifest cells and file names, which no
// clean-up touches, reach no output as they are, in any command or
// format; every line on stderr is one line.
func TestUntrustedTextIsInert(t *testing.T) {
	dir := t.TempDir()
	sample, err := os.ReadFile(filepath.Join("..", "..", "..", "testdata", "reports", "000_f9adefd3ba5a223a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, hostileFile), sample, 0o644); err != nil {
		t.Skipf("this file system takes no such name: %v", err)
	}
	writeFiles(t, dir, map[string]string{
		hostileEmpty: "",
		"plain.txt":  string(sample),
		"manifest.csv": "path,town,county\n" +
			`"` + hostileFile + `","` + hostileTown + `","` + hostileCounty + "\"\n" +
			`plain.txt,"` + hostileTown + `","` + hostileCounty + "\"\n",
	})
	idx := filepath.Join(t.TempDir(), "h.index")
	out, errOut, _ := run(t, "ingest", "--warnings", "--index", idx, dir)
	outputs := map[string][2]string{"ingest": {out, errOut}}
	cmds := [][]string{
		{"search", "--index", idx, "调解"},
		{"search", "--index", idx, "调解", "--format", "json"},
		{"show", "--index", idx, filepath.Join(dir, hostileFile)},
		{"compare", "--index", idx, "调解成功率", "矛盾纠纷排查调处数", "--evidence"},
		{"compare", "--index", idx, "调解成功率", "--by", "county"},
		{"search", "--index", idx, "\x1b[31m调解\u202e"},
		{"compare", "--index", idx, "调解成功率", "--town", hostileTown},
		{"show", "--index", idx, hostileTown},
		{"extract", filepath.Join(dir, "missing\n\x1b[2J.txt")},
	}
	for _, f := range []string{"table", "json", "csv", "compare"} {
		cmds = append(cmds, []string{"extract", "--format", f, dir})
	}
	for _, f := range []string{"csv", "json", "md"} {
		cmds = append(cmds, []string{"compare", "--index", idx, "调解成功率", "--evidence", "--format", f})
	}
	for _, f := range []string{"table", "json", "csv", "md"} {
		cmds = append(cmds, []string{"check", "--index", idx, "--format", f}, []string{"check", "--format", f, dir})
	}
	for _, args := range cmds {
		out, errOut, _ := run(t, args...)
		outputs[strings.Join(args, " ")] = [2]string{out, errOut}
	}
	files := t.TempDir()
	for _, name := range []string{"x.csv", "x.json", "x.xlsx"} {
		_, errOut, _ := run(t, "export", "--index", idx, "-o", filepath.Join(files, name))
		outputs["export "+name] = [2]string{"", errOut}
	}
	for _, name := range []string{"x.csv", "x.warnings.csv", "x.json"} {
		b, _ := os.ReadFile(filepath.Join(files, name))
		outputs["file "+name] = [2]string{string(b), ""}
	}
	for name, o := range outputs {
		if isActive(o[0]) {
			t.Errorf("%s: stdout carries active text:\n%q", name, o[0])
		}
		if isActive(o[1]) {
			t.Errorf("%s: stderr carries active text:\n%q", name, o[1])
		}
		for _, line := range strings.Split(strings.TrimRight(o[1], "\n"), "\n") {
			if line != "" && !strings.HasPrefix(line, "baogao: ") && !strings.HasPrefix(line, "wrote ") && !strings.HasPrefix(line, "Run 'baogao") && !strings.HasPrefix(line, "  baogao show ") {
				t.Errorf("%s: a message was split: %q", name, line)
			}
		}
	}
	if o := outputs["extract --format csv "+dir][0]; !strings.Contains(o, "␛[31m恶意镇�") {
		t.Errorf("the manifest's town is not shown inert:\n%s", o)
	}
}

// TestHugeFilesAreBounded: a file dense with figures keeps at most
// extract.MaxRecords of them, with a warning, in extract and ingest alike;
// a file of blank lines is read as the little it holds. (Their peak memory
// is measured, not asserted: see the README.)
func TestHugeFilesAreBounded(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("某某镇人民政府关于2024年度法治政府建设工作情况的报告\n一、主要成效\n")
	for i := 0; b.Len() < 1<<20; i++ {
		fmt.Fprintf(&b, "调解纠纷%d件，开展普法宣传活动%d场，发放宣传资料%d份。\n", i%90+1, i%50+1, i%70+1)
	}
	writeFiles(t, dir, map[string]string{
		"dense.txt": b.String(),
		"blank.txt": "某镇2024年法治政府建设报告\n" + strings.Repeat("\n", 1<<20) + "开展普法宣传活动12场。\n",
	})
	out, errOut, code := run(t, "extract", "--format", "json", dir)
	if code != ExitOK {
		t.Fatalf("extract: exit %d: %s", code, errOut)
	}
	var reports []struct {
		Path       string
		Indicators []struct{ Indicator string }
		Warnings   []struct{ Code string }
	}
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		capped := false
		for _, w := range r.Warnings {
			capped = capped || w.Code == "too_many_figures"
		}
		switch filepath.Base(r.Path) {
		case "dense.txt":
			if len(r.Indicators) != extract.MaxRecords || !capped {
				t.Errorf("dense: %d records, warned %v", len(r.Indicators), capped)
			}
		case "blank.txt":
			if len(r.Indicators) != 1 || capped {
				t.Errorf("blank: %d records, warned %v", len(r.Indicators), capped)
			}
		}
	}
	idx := filepath.Join(t.TempDir(), "h.index")
	out, errOut, code = run(t, "ingest", "--index", idx, dir)
	if code != ExitOK || !strings.Contains(out, fmt.Sprintf("indicators: %d from changed reports", extract.MaxRecords+1)) {
		t.Errorf("ingest: exit %d\n%s%s", code, out, errOut)
	}
}

// TestSearchTellsTheTruth: a phrase is checked in every candidate, not the
// first 1,000; a word of punctuation is left out, and said so, instead of
// emptying the result; operators of other search engines, over-long
// queries and a --limit below 1 are refused with a message.
func TestSearchTellsTheTruth(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 1100 {
		// Every report holds both words; half of them the phrase, in
		// longer text, which ranks them last.
		body := "调解员成功地化解纠纷3件。"
		if i%2 == 0 {
			body = "调解员成功化解纠纷3件，另有其他工作若干，全年开展活动多次。"
		}
		files[fmt.Sprintf("r%04d.txt", i)] = fmt.Sprintf("第%d镇2024年法治政府建设报告\n%s\n", i, body)
	}
	writeFiles(t, dir, files)
	idx := filepath.Join(t.TempDir(), "s.index")
	if _, errOut, code := run(t, "ingest", "--index", idx, dir); code != ExitOK {
		t.Fatal(errOut)
	}
	total := func(args ...string) int {
		t.Helper()
		out, errOut, code := run(t, append([]string{"search", "--index", idx, "--format", "json"}, args...)...)
		if code != ExitOK {
			t.Fatalf("search %v: exit %d: %s", args, code, errOut)
		}
		var res struct{ Total int }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	if n := total(`"成功化解"`); n != 550 {
		t.Errorf("phrase: %d reports, want 550", n)
	}
	if n := total("化解"); n != 1100 {
		t.Errorf("word: %d reports, want 1100", n)
	}
	if n := total("化解", "，"); n != 1100 {
		t.Errorf("word and a comma: %d reports, want 1100", n)
	}
	if _, errOut, _ := run(t, "search", "--index", idx, "化解 ，"); !strings.Contains(errOut, "searched without ,") {
		t.Errorf("the comma left out silently: %q", errOut)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"化解 -纠纷"}, "search cannot leave words out (-纠纷)"},
		{[]string{"化解", "OR", "纠纷"}, "search has no OR"},
		{[]string{strings.Repeat("调解 纠纷 ", 1667)}, "baogao searches at most"},
		{[]string{"a b c d e f g h i j k l m n o p q"}, "baogao searches at most 16"},
		{[]string{"，"}, "nothing to search for"},
		{[]string{"化解", "--limit", "0"}, "--limit 0: want how many hits to show, 1 or more"},
		{[]string{"化解", "--limit", "-5"}, "--limit -5: want how many hits to show, 1 or more"},
	} {
		_, errOut, code := run(t, append([]string{"search", "--index", idx}, c.args...)...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("search %.60q: exit %d, %q; want %q", c.args, code, errOut, c.want)
		}
	}
}

// TestLinkedFolderCountedOnce: a folder ingested by its real path and
// through a link to it is one set of reports, whichever comes first and
// whether in one ingest or two: sums by province are those of one.
func TestLinkedFolderCountedOnce(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "reports")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	copySamples(t, real)
	link := filepath.Join(root, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	idx := filepath.Join(root, "l.index")
	for _, args := range [][]string{{real}, {link}, {link, real}} {
		out, errOut, code := run(t, append([]string{"ingest", "--index", idx}, args...)...)
		if code != ExitOK || !strings.Contains(out, "found 5,") {
			t.Fatalf("ingest %v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	if hits := searchJSON(t, idx, "调解"); len(hits) > 5 {
		t.Errorf("%d hits for 5 reports", len(hits))
	}
	fresh := filepath.Join(root, "fresh.index")
	run(t, "ingest", "--index", fresh, real)
	want, _, _ := run(t, "compare", "--index", fresh, "legal_literate_persons", "--by", "province", "--format", "json")
	got, _, _ := run(t, "compare", "--index", idx, "legal_literate_persons", "--by", "province", "--format", "json")
	if got != want {
		t.Errorf("sums by province differ from one ingest of the folder:\n%s\nwant\n%s", got, want)
	}
}

// TestLinksOutOfTheFolder: a link inside a report folder to a file outside
// it is skipped with a line naming --follow-links, in ingest, extract and
// check alike; with --follow-links it is read.
func TestLinksOutOfTheFolder(t *testing.T) {
	root := t.TempDir()
	secret := filepath.Join(root, "secret.txt")
	writeFiles(t, root, map[string]string{"secret.txt": "机密镇2024年法治政府建设报告\n开展普法宣传活动12场,口令绝密词语。\n"})
	dir := filepath.Join(root, "reports")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copySamples(t, dir)
	if err := os.Symlink(secret, filepath.Join(dir, "shadow.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	idx := filepath.Join(root, "o.index")
	for _, args := range [][]string{
		{"ingest", "--index", idx, dir},
		{"extract", dir},
		{"check", dir},
	} {
		out, errOut, code := run(t, args...)
		if code != ExitOK || !strings.Contains(errOut, "shadow.txt") || !strings.Contains(errOut, "--follow-links") || strings.Contains(out, "机密镇") {
			t.Errorf("%s: exit %d\n%s%s", args[0], code, out, errOut)
		}
	}
	if _, errOut, code := run(t, "search", "--index", idx, "绝密"); code != ExitOK || !strings.Contains(errOut, "no report matches") {
		t.Errorf("the linked file was indexed: %s", errOut)
	}
	for _, args := range [][]string{
		{"ingest", "--follow-links", "--index", idx, dir},
		{"extract", "--follow-links", dir},
		{"check", "--follow-links", dir},
	} {
		out, errOut, code := run(t, args...)
		if code != ExitOK || strings.Contains(errOut, "shadow.txt") || args[0] != "ingest" && !strings.Contains(out, "机密镇") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	if hits := searchJSON(t, idx, "绝密"); len(hits) != 1 {
		t.Errorf("with --follow-links: %d hits", len(hits))
	}
}

// TestEmptiedFileLosesItsFigures: a report file that becomes empty or
// binary is a failure, and its old figures leave the index, with or
// without --prune; a file too large for this run's --max-size keeps them.
func TestEmptiedFileLosesItsFigures(t *testing.T) {
	for _, prune := range []bool{false, true} {
		dir, idx := ingested(t)
		before := len(searchJSON(t, idx, "调解"))
		for name, body := range map[string]string{
			"000_f9adefd3ba5a223a.txt": "",
			"004_1113006dcd718aa6.txt": "\x00\x01\x02binary\x00",
		} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		args := []string{"ingest", "--index", idx, dir}
		if prune {
			args = append(args, "--prune")
		}
		out, errOut, code := run(t, args...)
		if code != ExitFailure || !strings.Contains(out, "removed 2") || strings.Count(errOut, "its earlier report was removed from the index") != 2 {
			t.Errorf("prune %v: exit %d\n%s%s", prune, code, out, errOut)
		}
		if after := len(searchJSON(t, idx, "调解")); after != before-2 {
			t.Errorf("prune %v: %d reports mention 调解, %d before", prune, after, before)
		}
		if hits := searchJSON(t, idx, "开城镇"); len(hits) != 0 {
			t.Errorf("prune %v: the emptied report is still found", prune)
		}
	}
	dir, idx := ingested(t)
	big := filepath.Join(dir, "001_c359d3da704c1f05.txt")
	b, _ := os.ReadFile(big)
	if err := os.WriteFile(big, append(b, "\n补充。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code := run(t, "ingest", "--index", idx, "--max-size", "100", dir)
	if code != ExitFailure || !strings.Contains(out, "removed 0") {
		t.Errorf("a file over --max-size lost its report:\n%s", out)
	}
}

// TestIndexLibraryStaysQuiet: an index whose segment is gone makes the
// index library log and dump its mapping; the user sees one line of
// baogao's, naming the command that repairs it (run as its own process,
// for the library logs to the process's stderr).
func TestIndexLibraryStaysQuiet(t *testing.T) {
	dir, idx := ingested(t)
	segments, _ := filepath.Glob(filepath.Join(idx, "store", "*.zap"))
	for _, s := range segments {
		os.Remove(s)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"search", "--index", idx, "调解"}, {"ingest", "--index", idx, dir}} {
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), "BAOGAO_RUN_MAIN=1")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var ee *exec.ExitError
		if !errorsAs(err, &ee) || ee.ExitCode() != ExitFailure {
			t.Errorf("%s: %v", args[0], err)
		}
		assertOneLine(t, args[0], stderr.String(), "ingest --rebuild")
		if strings.Contains(stderr.String(), "mapping contents") || strings.Contains(stderr.String(), "unable to load snapshot") {
			t.Errorf("%s: the index library speaks: %q", args[0], stderr.String())
		}
	}
	if out, errOut, code := run(t, "ingest", "--rebuild", "--index", idx, dir); code != ExitOK || !strings.Contains(out, "added 5") {
		t.Errorf("rebuild: exit %d\n%s%s", code, out, errOut)
	}
}

// TestFlagErrorsNameTheirFlag: a wrong value of an enum flag is named
// with its own flag and the values it takes, on every command that has it
// (they all once said "unknown --format").
func TestFlagErrorsNameTheirFlag(t *testing.T) {
	_, idx := samplesIndex(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", "--index", idx, "调解成功率", "--sort", "size"}, `invalid argument "size" for "--sort" flag: want town or value`},
		{[]string{"compare", "--index", idx, "调解成功率", "--scope", "future"}, `invalid argument "future" for "--scope" flag: want achievement, plan or all`},
		{[]string{"compare", "--index", idx, "调解成功率", "--by", "village"}, `invalid argument "village" for "--by" flag: want town, county, city or province`},
		{[]string{"export", "--index", idx, "-o", "x.csv", "--scope", "future"}, `invalid argument "future" for "--scope" flag`},
		{[]string{"export", "--index", idx, "-o", "x.csv", "--by", "village"}, `invalid argument "village" for "--by" flag`},
		{[]string{"check", "--index", idx, "--fail-on", "info"}, `invalid argument "info" for "--fail-on" flag: want warning or error`},
		{[]string{"search", "--index", idx, "调解", "--format", "xml"}, `invalid argument "xml" for "--format" flag: want table or json`},
	} {
		_, errOut, code := run(t, c.args...)
		if code != ExitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want %q", c.args, code, errOut, c.want)
		}
	}
}
