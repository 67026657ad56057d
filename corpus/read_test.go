package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestReadFile checks ReadFile's results and one-line error messages. In
// want, $DIR stands for the test's temporary folder.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	big := write("big.txt", nil)
	// Sparse: the size is recorded, no blocks are written.
	if err := os.Truncate(big, 60<<20); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name    string
		path    string
		maxSize int64
		want    string // dumpDecode of text, enc and err
		is      error
		raw     bool // raw is returned
	}{
		{"UTF-8", write("utf8.txt", []byte("法治政府建设\n")), 0, `utf-8 "法治政府建设\n"`, nil, true},
		{"GBK", write("gbk.txt", mustEncode(t, simplifiedchinese.GBK, "法治政府建设\n")), 0, `gb18030 "法治政府建设\n"`, nil, true},
		{"at the limit", write("limit.txt", []byte("0123456789")), 10, `utf-8 "0123456789"`, nil, true},
		{"empty", write("empty.txt", nil), 0, "error: read $DIR/empty.txt: empty file; nothing to extract", ErrEmpty, true},
		{"binary", write("x.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), 0, "error: read $DIR/x.png: binary file (NUL byte at offset 8); not a text report, remove it or convert it to .txt", ErrBinary, true},
		{"undecodable", write("bad.txt", []byte("abc\xff\x80\xffdef")), 0, "error: read $DIR/bad.txt: neither UTF-8 nor GB18030 (invalid byte at offset 3); re-save the file as UTF-8", ErrUndecodable, true},
		{"over a small limit", write("small.txt", []byte("01234567890")), 10, "error: read $DIR/small.txt: 11 bytes, over the 10 bytes limit; split the file or pass a larger --max-size", ErrTooLarge, false},
		{"over the default limit", big, 0, "error: read $DIR/big.txt: 60 MiB, over the 16 MiB limit; split the file or pass a larger --max-size", ErrTooLarge, false},
		{"missing", filepath.Join(dir, "missing.txt"), 0, "error: read $DIR/missing.txt: no such file; check the path", fs.ErrNotExist, false},
		{"folder", dir, 0, "error: read $DIR: is a folder; pass the folder where folders are searched, or name the .txt files in it", nil, false},

		// Fixed bugs.
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw, text, enc, err := ReadFile(tt.path, tt.maxSize)
			got := strings.ReplaceAll(dumpDecode(text, enc, err), dir, "$DIR")
			if got != tt.want {
				t.Errorf("ReadFile\n got %s\nwant %s", got, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if err != nil {
				var re *ReadError
				if !errors.As(err, &re) {
					t.Errorf("error %T is not a *ReadError", err)
				}
			}
			if got := raw != nil; got != tt.raw {
				t.Errorf("raw returned = %v, want %v", got, tt.raw)
			}
		})
	}
}

// TestReadFileUnreadable checks the error for a file without read
// permission.
func TestReadFileUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any file")
	}
	path := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(path, []byte("法治"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, _, _, err := ReadFile(path, 0)
	want := "read " + path + ": permission denied; " + hintPermission
	if err == nil || err.Error() != want {
		t.Fatalf("ReadFile error = %v, want %s", err, want)
	}
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("errors.Is(%v, fs.ErrPermission) = false", err)
	}
}

// TestReadFileDecodeError checks that a decoding failure can be taken
// apart with errors.As.
func TestReadFileDecodeError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.txt")
	if err := os.WriteFile(path, []byte("abc\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, _, err := ReadFile(path, 0)
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("ReadFile error %v holds no *DecodeError", err)
	}
	if de.Err != ErrBinary || de.Offset != 3 {
		t.Errorf("DecodeError = %+v, want ErrBinary at offset 3", *de)
	}
}

// TestReadErrorError checks how a ReadError prints.
func TestReadErrorError(t *testing.T) {
	tests := []struct {
		name string
		err  ReadError
		want string
	}{
		{"with hint", ReadError{Path: "a.txt", Reason: "empty file", Hint: "nothing to extract"}, "read a.txt: empty file; nothing to extract"},
		{"without hint", ReadError{Path: "a.txt", Reason: "input/output error"}, "read a.txt: input/output error"},
		{"line break in path", ReadError{Path: "a\nb.txt", Reason: "empty file"}, `read "a\nb.txt": empty file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}
