package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"baogao/corpus"
	"baogao/index"
)

// TestMain lets a test run baogao as a separate process: the test binary
// runs Main when BAOGAO_RUN_MAIN is set. It removes the samples' shared
// index when the tests are done.
func TestMain(m *testing.M) {
	if os.Getenv("BAOGAO_RUN_MAIN") == "1" {
		os.Exit(Main())
	}
	code := m.Run()
	if shared != "" {
		os.RemoveAll(shared)
	}
	os.Exit(code)
}

// shared is the folder of the samples' shared index, once it is built.
var shared string

// sharedIndex is the samples ingested once for the whole package: the
// folder of the copied samples and the index.
var sharedIndex = sync.OnceValues(func() ([2]string, error) {
	var err error
	if shared, err = os.MkdirTemp("", "baogao-cli-test-"); err != nil {
		return [2]string{}, err
	}
	dir, idx, err := ingest(shared)
	return [2]string{dir, idx}, err
})

// samplesIndex returns the samples' shared index, for tests that only read
// it; tests that change an index make their own with ingested.
func samplesIndex(t *testing.T) (dir, idx string) {
	t.Helper()
	p, err := sharedIndex()
	if err != nil {
		t.Fatal(err)
	}
	return p[0], p[1]
}

// ingested copies the samples to a folder, ingests them into a fresh index
// and returns both paths.
func ingested(t *testing.T) (dir, idx string) {
	t.Helper()
	dir, idx, err := ingest(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return dir, idx
}

// ingest copies the samples to root/reports and ingests them into
// root/test.index.
func ingest(root string) (dir, idx string, err error) {
	dir = filepath.Join(root, "reports")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", "", err
	}
	if err := copySampleFiles(dir); err != nil {
		return "", "", err
	}
	idx = filepath.Join(root, "test.index")
	var out, errOut strings.Builder
	code := Run([]string{"ingest", "--index", idx, dir}, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	if code != ExitOK || !strings.Contains(out.String(), "added 5") {
		return "", "", fmt.Errorf("ingest: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	return dir, idx, nil
}

type searchHit struct {
	Path, Town, Section, Before, Match, After string
	Year                                      int
}

func searchJSON(t *testing.T, idx string, args ...string) []searchHit {
	t.Helper()
	out, errOut, code := run(t, append([]string{"search", "--index", idx, "--format", "json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("search %v: exit %d: %s", args, code, errOut)
	}
	var res struct{ Hits []searchHit }
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("search %v: %v\n%s", args, err, out)
	}
	return res.Hits
}

func towns(hits []searchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Town)
	}
	sort.Strings(out)
	return out
}

// containing returns the towns of the sample reports whose normalised text
// contains s, as the searches must find them.
func containing(t *testing.T, dir, s string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var l corpus.Loader
	var out []string
	for _, f := range files {
		doc, err := l.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(doc.Text, s) {
			out = append(out, doc.Meta.Town.Value)
		}
	}
	sort.Strings(out)
	return out
}

func TestSearch(t *testing.T) {
	dir, idx := samplesIndex(t)

	want := containing(t, dir, "枫桥经验")
	if len(want) == 0 {
		t.Fatal("no sample mentions 枫桥经验")
	}
	if got := towns(searchJSON(t, idx, "枫桥经验")); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("search 枫桥经验 = %v, want %v", got, want)
	}
	rate := searchJSON(t, idx, "调解成功率")
	if got := towns(rate); !contains(got, "王团镇") {
		t.Errorf("search 调解成功率 = %v, want 王团镇 among them", got)
	}
	for _, h := range rate {
		if h.Town == "王团镇" && h.Section != "三、始终坚持法治宣传,突出惠民作用 > (二)防范风险确保稳定和谐" {
			t.Errorf("hit section %q", h.Section)
		}
	}
	got := towns(searchJSON(t, idx, "调解"))
	if !contains(got, "王团镇") || !contains(got, "沙柳河镇") {
		t.Errorf("search 调解 = %v, want 王团镇 and 沙柳河镇 among them", got)
	}
	hits := searchJSON(t, idx, `"成功化解"`)
	if got := towns(hits); strings.Join(got, ",") != strings.Join(containing(t, dir, "成功化解"), ",") || !contains(got, "崇礼镇") {
		t.Errorf(`search "成功化解" = %v, want %v`, got, containing(t, dir, "成功化解"))
	}
	for _, h := range hits {
		if h.Match != "成功化解" {
			t.Errorf("phrase hit emphasises %q", h.Match)
		}
	}
	// filters
	if got := towns(searchJSON(t, idx, "调解", "--town", "王团镇")); strings.Join(got, ",") != "王团镇" {
		t.Errorf("--town 王团镇: %v", got)
	}
	if got := towns(searchJSON(t, idx, "调解", "--year", "2022")); strings.Join(got, ",") != "沙柳河镇" {
		t.Errorf("--year 2022: %v", got)
	}
	// two words: both must occur
	for _, h := range searchJSON(t, idx, "枫桥经验", "法律明白人") {
		text, _ := os.ReadFile(filepath.Join(dir, filepath.Base(h.Path)))
		if !strings.Contains(string(text), "法律明白人") {
			t.Errorf("%s matched without 法律明白人", h.Path)
		}
	}
	// table output: section, snippet with plain markers when piped
	out, _, code := run(t, "search", "--index", idx, "调解成功率")
	if code != ExitOK || !strings.Contains(out, "王团镇") || !strings.Contains(out, "«调解成功率»") {
		t.Errorf("table output:\n%s", out)
	}
	if regexp.MustCompile(`[\x00-\x08\x0b-\x1f\x7f]`).MatchString(out) {
		t.Errorf("control characters in piped output")
	}
	_, errOut, code := run(t, "search", "--index", idx, "没有这个词语的报告xyz")
	if code != ExitOK || !strings.Contains(errOut, "no report matches") {
		t.Errorf("no match: exit %d, %q", code, errOut)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestShow(t *testing.T) {
	dir, idx := samplesIndex(t)
	out, errOut, code := run(t, "show", "--index", idx, "王团镇", "2024")
	if code != ExitOK {
		t.Fatalf("show: exit %d: %s", code, errOut)
	}
	for _, want := range []string{"同心县", "(title)", "Outline", "调解成功率", "王团派出所共排查各类矛盾纠纷50起", "129 件"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	byPath, _, code := run(t, "show", "--index", idx, filepath.Join(dir, "004_1113006dcd718aa6.txt"))
	if code != ExitOK || byPath != out {
		t.Errorf("show by path differs from show by town and year")
	}
	if _, errOut, code := run(t, "show", "--index", idx, "不存在镇"); code != ExitFailure || !strings.Contains(errOut, "不存在镇") {
		t.Errorf("unknown town: exit %d, %q", code, errOut)
	}
}

func TestIngestIsIncremental(t *testing.T) {
	dir, idx := ingested(t)
	out, _, code := run(t, "ingest", "--index", idx, dir)
	if code != ExitOK || !strings.Contains(out, "added 0, updated 0, unchanged 5") {
		t.Fatalf("second ingest:\n%s", out)
	}
	total := func(out string) string {
		m := regexp.MustCompile(`(\d+) in the index`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no total in %q", out)
		}
		return m[1]
	}
	before := total(out)

	// Edit one report: exactly that one is updated, with no duplicates.
	f := filepath.Join(dir, "004_1113006dcd718aa6.txt")
	b, _ := os.ReadFile(f)
	edited := strings.Replace(string(b), "培养法律明白人159人", "培养法律明白人160人", 1)
	if edited == string(b) {
		t.Fatal("edit did not apply")
	}
	if err := os.WriteFile(f, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, code = run(t, "ingest", "--index", idx, dir)
	if code != ExitOK || !strings.Contains(out, "added 0, updated 1, unchanged 4") {
		t.Fatalf("ingest after edit:\n%s", out)
	}
	if got := total(out); got != before {
		t.Errorf("indicators after edit: %s, before %s", got, before)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.index")
	out2, _, _ := run(t, "ingest", "--index", fresh, dir)
	if total(out2) != total(out) {
		t.Errorf("incremental index holds %s records, a fresh one %s", total(out), total(out2))
	}
	ix, err := index.Open(idx)
	if err != nil {
		t.Fatal(err)
	}
	n1, _ := ix.DocCount()
	ix.Close()
	ix, err = index.Open(fresh)
	if err != nil {
		t.Fatal(err)
	}
	n2, _ := ix.DocCount()
	ix.Close()
	if n1 != n2 {
		t.Errorf("incremental index holds %d documents, a fresh one %d", n1, n2)
	}
	if hits := searchJSON(t, idx, "160人"); len(hits) != 1 {
		t.Errorf("edited text not searchable: %v", hits)
	}

	// Remove a file: --prune drops it.
	if err := os.Remove(filepath.Join(dir, "000_f9adefd3ba5a223a.txt")); err != nil {
		t.Fatal(err)
	}
	out, _, code = run(t, "ingest", "--prune", "--index", idx, dir)
	if code != ExitOK || !strings.Contains(out, "removed 1") {
		t.Errorf("prune:\n%s", out)
	}
	if hits := searchJSON(t, idx, "开城镇"); len(hits) != 0 {
		t.Errorf("pruned report still found: %v", hits)
	}
}

func TestIndexFailures(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.index")
	_, errOut, code := run(t, "search", "--index", missing, "调解")
	if code != ExitFailure || !strings.Contains(errOut, "run `baogao ingest DIR` first") {
		t.Errorf("no index: exit %d, %q", code, errOut)
	}
	// A damaged index names --rebuild.
	_, idx := ingested(t)
	if err := os.WriteFile(filepath.Join(idx, "index_meta.json"), []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code = run(t, "search", "--index", idx, "调解")
	if code != ExitFailure || !strings.Contains(errOut, "--rebuild") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
		t.Errorf("damaged index: exit %d, %q", code, errOut)
	}
	dir := filepath.Join("..", "..", "..", "testdata", "reports")
	out, errOut, code := run(t, "ingest", "--rebuild", "--index", idx, dir)
	if code != ExitOK || !strings.Contains(out, "added 5") {
		t.Errorf("rebuild: exit %d\n%s%s", code, out, errOut)
	}
	// A folder that is not an index is never removed.
	notIndex := t.TempDir()
	os.WriteFile(filepath.Join(notIndex, "keep.txt"), []byte("x"), 0o644)
	_, errOut, code = run(t, "ingest", "--rebuild", "--index", notIndex, dir)
	if code != ExitFailure {
		t.Errorf("rebuild over a non-index folder: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(notIndex, "keep.txt")); err != nil {
		t.Errorf("a non-index folder lost its file")
	}
}

// TestConcurrentIngest runs a second baogao process while this one holds
// the index for writing: it must say so quickly and exit 1, and this one
// must finish its work.
func TestConcurrentIngest(t *testing.T) {
	dir, idx := samplesIndex(t)
	ix, err := index.OpenWrite(idx, false)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "ingest", "--index", idx, dir)
	cmd.Env = append(os.Environ(), "BAOGAO_RUN_MAIN=1")
	start := time.Now()
	out, err := cmd.CombinedOutput()
	elapsed := time.Since(start)
	var ee *exec.ExitError
	if !errorsAs(err, &ee) || ee.ExitCode() != ExitFailure {
		t.Errorf("second ingest: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "in use by another baogao process") {
		t.Errorf("second ingest says: %s", out)
	}
	t.Logf("busy reported after %v", elapsed)
	sum, err := ix.Ingest([]string{dir}, index.IngestOptions{})
	if err != nil || sum.Unchanged != 5 {
		t.Errorf("first ingest after the second gave up: %+v, %v", sum, err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
}

func errorsAs(err error, target **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	if ok {
		*target = e
	}
	return ok
}
