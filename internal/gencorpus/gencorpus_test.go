package gencorpus

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"baogao/check"
	"baogao/corpus"
	"baogao/extract"
)

// genFiles generates n reports with seed into a new folder and returns the
// folder, the stats and the files by slash path relative to the folder.
func genFiles(t *testing.T, seed int64, n int) (string, Stats, map[string][]byte) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "corpus")
	st, err := Generate(Options{Seed: seed, Reports: n, Out: dir})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, st, files
}

// TestGenCorpusDeterministic: the same seed and count give the same tree,
// byte for byte; a smaller count gives the first reports of a larger one;
// another seed gives other reports.
func TestGenCorpusDeterministic(t *testing.T) {
	_, st1, a := genFiles(t, 7, 80)
	_, st2, b := genFiles(t, 7, 80)
	if len(a) != 80 || st1.Reports != 80 {
		t.Fatalf("%d files, %d reports, want 80", len(a), st1.Reports)
	}
	if len(a) != len(b) || st1.Bytes != st2.Bytes {
		t.Fatalf("two runs differ: %d and %d files, %d and %d bytes", len(a), len(b), st1.Bytes, st2.Bytes)
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Fatalf("%s differs between two runs", p)
		}
	}
	_, _, small := genFiles(t, 7, 30)
	for p, x := range small {
		if !bytes.Equal(x, a[p]) {
			t.Errorf("%s of 30 reports is not the same in 80", p)
		}
	}
	_, _, other := genFiles(t, 8, 80)
	same := 0
	for p, x := range other {
		if bytes.Equal(x, a[p]) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d files are the same under another seed", same)
	}
}

var genNameRE = regexp.MustCompile(`^(\p{Han}+)-(\d{4})\.txt$`)

// TestGenCorpusShape checks the tree, the encodings, the sizes and that
// the reports read as reports: metadata from the text alone, sections and
// figures.
func TestGenCorpusShape(t *testing.T) {
	const n = 200
	dir, st, files := genFiles(t, 1, n)
	if len(files) != n || st.Reports != n {
		t.Fatalf("%d files, %d reports; want %d", len(files), st.Reports, n)
	}
	var x extract.Extractor
	var l corpus.Loader
	encs := map[string]int{}
	years := map[string]map[int]bool{}
	var textBytes int64
	crlf, fromText, titled, withFigures, resolved, placed := 0, 0, 0, 0, 0, 0
	for rel, raw := range files {
		parts := strings.Split(rel, "/")
		if len(parts) != 3 {
			t.Fatalf("%s: want <province>/<county>/<town>-<year>.txt", rel)
		}
		m := genNameRE.FindStringSubmatch(parts[2])
		if m == nil {
			t.Fatalf("%s: file name is not <town>-<year>.txt", rel)
		}
		town, year := m[1], m[2]
		y, _ := strconv.Atoi(year)
		if y < genFirstYear || y > genLastYear {
			t.Errorf("%s: year %d", rel, y)
		}
		places, err := corpus.Towns(town)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range places {
			if p.Province == parts[0] && countyDir(&p) == parts[1] {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no %s in %s %s in the gazetteer", rel, town, parts[0], parts[1])
		}
		key := parts[0] + "/" + parts[1] + "/" + town
		if years[key] == nil {
			years[key] = map[int]bool{}
		}
		years[key][y] = true

		// Read from the bytes alone: no help from the path.
		doc, err := corpus.Parse("report.txt", raw)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		encs[doc.Encoding]++
		if bytes.Contains(raw, []byte("\r\n")) || bytes.Contains(raw, []byte{'\r', 0, '\n', 0}) {
			crlf++
		}
		textBytes += int64(len(strings.ReplaceAll(mustDecode(t, raw), "\r\n", "\n")))
		if doc.Meta.Town.Value == town && doc.Meta.Year == y {
			fromText++
		}
		if title := doc.Meta.Title.Value; strings.Contains(title, town) && strings.Contains(title, year) {
			titled++
		}
		res := x.Extract(doc)
		if len(res.Indicators) >= 3 && len(res.Sections) >= 3 {
			withFigures++
		}
		// As ingest reads it, with the path.
		ldoc, err := l.Load(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		if ldoc.Meta.Town.Value == town && ldoc.Meta.Year == y {
			resolved++
		}
		if ldoc.Meta.DivisionCode.Known() {
			placed++
		}
	}
	t.Logf("encodings %v, CR LF %d; town and year from the text %d, title %d, figures %d, with the path %d, placed %d of %d",
		encs, crlf, fromText, titled, withFigures, resolved, placed, n)
	for _, e := range []string{corpus.EncUTF8BOM, corpus.EncGB18030, corpus.EncUTF16LE} {
		if encs[e] == 0 {
			t.Errorf("no %s file", e)
		}
		if encs[e] != st.Encodings[e] {
			t.Errorf("%s: %d files, stats say %d", e, encs[e], st.Encodings[e])
		}
	}
	if encs[corpus.EncUTF8] < n*8/10 {
		t.Errorf("%d UTF-8 files of %d, want most", encs[corpus.EncUTF8], n)
	}
	if crlf == 0 || crlf > n/3 || crlf != st.CRLF {
		t.Errorf("%d files with CR LF (stats %d)", crlf, st.CRLF)
	}
	if textBytes != st.TextBytes {
		t.Errorf("text is %d bytes, stats say %d", textBytes, st.TextBytes)
	}
	if avg := float64(textBytes) / n; avg < 9500 || avg > 11800 {
		t.Errorf("average report is %.0f bytes of UTF-8, want about 10–11 KB", avg)
	}
	several := 0
	for _, ys := range years {
		if len(ys) > 1 {
			several++
		}
	}
	if several < len(years)/4 {
		t.Errorf("%d of %d towns have reports of several years", several, len(years))
	}
	if fromText < n*85/100 {
		t.Errorf("town and year read from the text of %d of %d reports", fromText, n)
	}
	if titled < n*80/100 {
		t.Errorf("a title with town and year in %d of %d reports", titled, n)
	}
	if withFigures < n*95/100 {
		t.Errorf("sections and figures in %d of %d reports", withFigures, n)
	}
	if resolved < n*97/100 || placed < n*80/100 {
		t.Errorf("with the path: town and year of %d, division of %d, of %d reports", resolved, placed, n)
	}
}

func mustDecode(t *testing.T, raw []byte) string {
	t.Helper()
	text, _, err := corpus.Decode(raw)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// TestGenCorpusFigures: parts stay within their wholes, rates follow their
// counts, and the figures differ from the samples'.
func TestGenCorpusFigures(t *testing.T) {
	dir, _, _ := genFiles(t, 3, 120)
	files, errs := corpus.Find([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs[0])
	}
	var l corpus.Loader
	var x extract.Extractor
	var in []check.Input
	for _, f := range files {
		doc, err := l.Load(f)
		if err != nil {
			t.Fatal(err)
		}
		in = append(in, check.Input{Report: x.NewReport(doc), Text: doc.Text})
	}
	res := check.Run(in, check.Options{})
	for _, c := range []string{"part_exceeds_whole", "sum_mismatch", "rate_mismatch"} {
		if n := res.ByCode[c]; n > 3 {
			t.Errorf("%d %s findings in 120 generated reports", n, c)
		}
	}
	for _, sample := range []string{"共受理各类矛盾纠纷 29 件", "发放宣传资料 3620 册", "培养法律明白人159人"} {
		if n := strings.Count(readAll(t, dir), sample); n > 5 {
			t.Errorf("%q, a sample's figure, is in %d reports", sample, n)
		}
	}
}

func readAll(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	files, _ := corpus.Find([]string{dir})
	for _, f := range files {
		_, text, _, err := corpus.ReadFile(f, 0)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(text)
	}
	return b.String()
}

// TestEmbeddedSamplesAreTheSamples holds the samples built into the
// generator to testdata/reports, byte for byte, and checks that a corpus
// generated from that folder is the one generated from the built-in copy.
func TestEmbeddedSamplesAreTheSamples(t *testing.T) {
	const dir = "../../testdata/reports"
	onDisk, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	built, err := fs.Glob(samples, "samples/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(onDisk) == 0 || len(onDisk) != len(built) {
		t.Fatalf("%d samples in %s, %d built in", len(onDisk), dir, len(built))
	}
	for _, f := range onDisk {
		want, _ := os.ReadFile(f)
		got, err := fs.ReadFile(samples, "samples/"+filepath.Base(f))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: the built-in copy differs (%v); copy testdata/reports/*.txt to internal/gencorpus/samples/", f, err)
		}
	}
	_, _, a := genFiles(t, 4, 30)
	out := filepath.Join(t.TempDir(), "from-dir")
	if _, err := Generate(Options{Seed: 4, Reports: 30, Samples: dir, Out: out}); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		b, _ := os.ReadFile(p)
		if !bytes.Equal(b, a[filepath.ToSlash(rel)]) {
			t.Errorf("%s differs between the folder and the built-in samples", rel)
		}
		n++
		return nil
	})
	if n != 30 {
		t.Errorf("%d files from the folder, want 30", n)
	}
}
