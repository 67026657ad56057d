package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// run runs baogao in-process and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return out.String(), errOut.String(), code
}

// copySamples copies the sample reports into dir and returns their names.
func copySamples(t *testing.T, dir string) []string {
	t.Helper()
	if err := copySampleFiles(dir); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// copySampleFiles copies the sample reports into dir.
func copySampleFiles(dir string) error {
	files, _ := filepath.Glob("../../../testdata/reports/*.txt")
	if len(files) == 0 {
		return fmt.Errorf("no sample reports")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// TestBadFilesDoNotStopTheBatch puts a binary, an empty, an undecodable and
// a 60 MB file next to the samples.
func TestBadFilesDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	samples := copySamples(t, dir)
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("binary.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 512)...))
	write("empty.txt", nil)
	write("undecodable.txt", []byte(strings.Repeat("法治政府建设工作报告", 20)+"\xff\xfe\xff 完"))
	huge, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := huge.Truncate(60 << 20); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	huge.Close()

	out, errOut, code := run(t, "extract", "--format", "json", dir)
	if code != ExitFailure {
		t.Errorf("exit code %d, want %d", code, ExitFailure)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 5 || !strings.Contains(lines[4], "4 of 9") {
		t.Errorf("want one stderr line per bad file and a count, got %d lines:\n%s", len(lines), errOut)
	}
	for _, bad := range []string{"binary.txt", "empty.txt", "undecodable.txt", "huge.txt"} {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, bad) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s named on %d stderr lines, want 1:\n%s", bad, n, errOut)
		}
	}
	var reports []struct {
		Path       string            `json:"path"`
		Indicators []json.RawMessage `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(out), &reports); err != nil {
		t.Fatalf("stdout is not the JSON array: %v", err)
	}
	if len(reports) != len(samples) {
		t.Fatalf("%d reports extracted, want the %d samples", len(reports), len(samples))
	}
	for _, r := range reports {
		if len(r.Indicators) == 0 && !strings.HasPrefix(filepath.Base(r.Path), "000_") {
			t.Errorf("%s: no indicators", r.Path)
		}
	}
}

// TestHelpDocumentsExitCodes checks that --help lists every command with
// its summary and explains the exit codes, word for word.
func TestHelpDocumentsExitCodes(t *testing.T) {
	out, _, code := run(t, "--help")
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	if !strings.HasSuffix(out, exitCodeHelp) {
		t.Errorf("help does not end with the exit codes:\n%s", out)
	}
	for _, line := range []string{"  0  done", "  1  something failed", "  2  the command line was wrong"} {
		if !strings.Contains(out, "\n"+line) {
			t.Errorf("help lacks %q", line)
		}
	}
	root := NewCmdRoot(&Factory{IO: &IOStreams{}})
	for _, c := range root.Commands() {
		if c.Hidden || c.Name() == "completion" {
			continue
		}
		if !regexp.MustCompile(`(?m)^\s+` + regexp.QuoteMeta(c.Name()) + `\s+` + regexp.QuoteMeta(c.Short) + `$`).MatchString(out) {
			t.Errorf("help does not list %s with %q", c.Name(), c.Short)
		}
	}
	// A command's help lists its flags with the values they take.
	out, _, _ = run(t, "compare", "--help")
	for _, want := range []string{"--by", "town, county, city or province", "--sort", "--year", "--town", "--county", "Exit codes:"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare --help lacks %q", want)
		}
	}
}

func TestUsageErrorExitsTwo(t *testing.T) {
	_, errOut, code := run(t, "extract", "--format", "yaml", "../../../testdata/reports")
	if code != ExitUsage {
		t.Errorf("exit %d, want %d; stderr %s", code, ExitUsage, errOut)
	}
	if _, _, code := run(t, "extract"); code != ExitUsage {
		t.Errorf("extract without paths: exit %d, want %d", code, ExitUsage)
	}
}

func TestMissingPathFails(t *testing.T) {
	_, errOut, code := run(t, "extract", filepath.Join(t.TempDir(), "nope"))
	if code != ExitFailure || !strings.Contains(errOut, "nope") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestFormats(t *testing.T) {
	for _, format := range []string{"table", "compare", "csv", "json"} {
		out, errOut, code := run(t, "extract", "--format", format, "../../../testdata/reports")
		if code != ExitOK || errOut != "" {
			t.Errorf("%s: exit %d, stderr %q", format, code, errOut)
		}
		for _, want := range []string{"王团镇", "调解成功率"} {
			if format == "json" {
				want = map[string]string{"王团镇": "王团镇", "调解成功率": "mediation_success_rate"}[want]
			}
			if !strings.Contains(out, want) {
				t.Errorf("%s output lacks %q", format, want)
			}
		}
	}
}
