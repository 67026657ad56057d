package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyFormats copies the report in every format (testdata/formats) and a
// scanned PDF into a new folder, and returns it with the report files'
// names.
func copyFormats(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var names []string
	for _, pattern := range []string{"report*", "scan.pdf"} {
		files, _ := filepath.Glob(filepath.Join("../../../testdata/formats", pattern))
		for _, f := range files {
			name := filepath.Base(f)
			if name == "report.fodt" {
				continue // the source LibreOffice converts, not a format a report arrives in
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
			if name != "scan.pdf" {
				names = append(names, name)
			}
		}
	}
	if len(names) < 11 {
		t.Fatalf("found %d report files in testdata/formats, want the 11 formats", len(names))
	}
	return dir, names
}

// TestIngestEveryFormat ingests one report in every format in one go:
// every file is indexed, the scan is named as one, a spreadsheet beside
// them gets a line and is no failure, and the summary counts files per
// format and outcome.
func TestIngestEveryFormat(t *testing.T) {
	dir, names := copyFormats(t)
	if err := os.WriteFile(filepath.Join(dir, "汇总.xls"), []byte("not a report"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx := filepath.Join(t.TempDir(), "formats.index")
	out, errOut, code := run(t, "ingest", "--index", idx, dir)
	if code != ExitFailure {
		t.Errorf("exit %d, want %d (the scan fails)", code, ExitFailure)
	}
	for _, want := range []string{
		"found 12, added 11, updated 0, unchanged 0, removed 0, failed 1\n",
		"by format:\n  txt    1 added\n  docx   1 added\n  doc    1 added\n  wps    1 added\n  odt    1 added\n  pdf    2 added, 1 failed\n  ofd    1 added\n  html   3 added\n  not read: xls 1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 {
		t.Errorf("want 2 lines on stderr (the spreadsheet, the scan), got:\n%s", errOut)
	}
	for _, want := range []string{"汇总.xls: a spreadsheet (.xls), not read", "scan.pdf: PDF with no text layer; it is a scan; run OCR"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	var indexed []string
	for _, h := range searchJSON(t, idx, "枫桥经验", "--limit", "50") {
		if h.Town != "王团镇" || h.Year != 2023 {
			t.Errorf("%s: town %s year %d, want 王团镇 2023", h.Path, h.Town, h.Year)
		}
		indexed = append(indexed, filepath.Base(h.Path))
	}
	slices.Sort(indexed)
	slices.Sort(names)
	if !slices.Equal(indexed, names) {
		t.Errorf("indexed\n%q\nwant\n%q", indexed, names)
	}
	// A second ingest reads nothing again.
	out, _, _ = run(t, "ingest", "--index", idx, dir)
	if !strings.Contains(out, "found 12, added 0, updated 0, unchanged 11, removed 0, failed 1\n") || !strings.Contains(out, "  pdf    2 unchanged, 1 failed\n") {
		t.Errorf("second ingest:\n%s", out)
	}
}

// TestNothingReadable checks that a folder of files that are not read
// says so and fails, in ingest and extract alike.
func TestNothingReadable(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"表.xlsx", "photo.jpg"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"ingest", "--index", filepath.Join(t.TempDir(), "x.index"), dir},
		{"extract", dir},
	} {
		_, errOut, code := run(t, args...)
		if code != ExitFailure {
			t.Errorf("%s: exit %d, want %d", args[0], code, ExitFailure)
		}
		for _, want := range []string{"photo.jpg: an image (.jpg), not read", "表.xlsx: a spreadsheet (.xlsx), not read", "no reports found in " + dir + "; baogao reads .txt .docx"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr lacks %q:\n%s", args[0], want, errOut)
			}
		}
	}
}

// TestExtractEveryFormat extracts the report in every format: the same
// figures come out of each, as TestFormatsGiveSameFigures holds in detail.
func TestExtractEveryFormat(t *testing.T) {
	dir, names := copyFormats(t)
	if err := os.Remove(filepath.Join(dir, "scan.pdf")); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "extract", "--format", "csv", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, ",disputes_handled,") && strings.Contains(l, ",136,") {
			rows++
		}
	}
	if rows != len(names) {
		t.Errorf("%d files give 136 disputes handled, want %d:\n%s", rows, len(names), out)
	}
}
