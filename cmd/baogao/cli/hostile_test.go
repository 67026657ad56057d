package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// TestHostileFolder ingests a folder of more than 1,000 files that mixes
// good reports with every kind of broken input: every good file is
// indexed, every bad one is named once with its reason, nothing panics.
func TestHostileFolder(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a large folder")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "in")
	if err := generateCorpus(dir, 990); err != nil {
		t.Fatal(err)
	}
	good := 990
	write := func(rel string, b []byte) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	report := "某某镇人民政府关于2023年度法治政府建设工作情况的报告\n一、主要成效\n今年以来,共排查矛盾纠纷12件,调解成功12件。\n"
	gb, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(report))
	u16, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(report))
	bad := map[string]bool{}
	// bad files
	write("bad/nul.txt", append([]byte(report), 0, 0, 0, 'x'))
	bad["nul.txt"] = true
	write("bad/damaged-utf8.txt", []byte(strings.Repeat(report, 3)+"\xff\xfe"+report))
	bad["damaged-utf8.txt"] = true
	write("bad/empty.txt", nil)
	bad["empty.txt"] = true
	write("bad/one-line-50MB.txt", bytes.Repeat([]byte("调解成功率"), 50<<20/15))
	bad["one-line-50MB.txt"] = true
	// good files, however odd
	write("odd/truncated-utf8.txt", []byte(report+"调解"[:4]))
	write("odd/truncated-gb18030.txt", gb[:len(gb)-1])
	write("odd/utf16-no-bom.txt", u16)
	write("odd/tiny lines 10万行.txt", bytes.Repeat([]byte("a\n"), 100000))
	write("odd/全是数字.txt", []byte(strings.Repeat("1234567890 ", 20000)))
	nested := "odd"
	for i := 0; i < 40; i++ {
		nested = filepath.Join(nested, "层"+strconv.Itoa(i))
	}
	write(filepath.Join(nested, "深处 的 报告.txt"), []byte(report))
	good += 6
	// a symlink loop and an unreadable file
	if err := os.Symlink(filepath.Join(dir, "odd"), filepath.Join(dir, "odd", "loop")); err != nil {
		t.Fatal(err)
	}
	write("bad/unreadable.txt", []byte(report))
	os.Chmod(filepath.Join(dir, "bad", "unreadable.txt"), 0)
	if os.Geteuid() != 0 {
		bad["unreadable.txt"] = true
	} else {
		good++ // root reads it anyway
	}

	idx := filepath.Join(root, "h.index")
	out, errOut, code := run(t, "ingest", "--index", idx, dir)
	if code != ExitFailure {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "added "+strconv.Itoa(good)+",") {
		t.Errorf("want %d good files added:\n%s", good, out)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	for name := range bad {
		n := 0
		for _, l := range lines {
			if strings.Contains(l, name) {
				n++
				if !strings.Contains(l, ":") {
					t.Errorf("no reason: %q", l)
				}
			}
		}
		if n != 1 {
			t.Errorf("%s named on %d lines:\n%s", name, n, errOut)
		}
	}
	if strings.Contains(errOut, "panic") || strings.Contains(errOut, "internal error") {
		t.Errorf("a fault:\n%s", errOut)
	}
	if strings.Count(errOut, "loop") > 1 {
		t.Errorf("the symlink loop is reported more than once:\n%s", errOut)
	}
}
