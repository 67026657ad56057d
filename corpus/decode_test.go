package corpus

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// encodingsDir holds one report excerpt in every encoding Decode reads,
// written by its gen.go.
const encodingsDir = "../testdata/encodings"

// TestDecodeEncodings checks that every stored encoding of the excerpt
// decodes to exactly the UTF-8 text.
func TestDecodeEncodings(t *testing.T) {
	want := readTestdata(t, "utf8.txt")
	tests := []struct {
		file string
		enc  string
	}{
		{"utf8.txt", EncUTF8},
		{"utf8-bom.txt", EncUTF8BOM},
		{"utf16le-bom.txt", EncUTF16LE},
		{"utf16be-bom.txt", EncUTF16BE},
		{"gb18030.txt", EncGB18030},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			text, enc, err := Decode(readTestdata(t, tt.file))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if enc != tt.enc {
				t.Errorf("encoding = %q, want %q", enc, tt.enc)
			}
			if text != string(want) {
				t.Errorf("text differs from utf8.txt:\n%s", firstDiff(text, string(want)))
			}
		})
	}
}

// TestDecodeCRLFFullWidth checks that Decode leaves line ends and
// full-width digits alone: folding them is the normaliser's job.
func TestDecodeCRLFFullWidth(t *testing.T) {
	raw := readTestdata(t, "crlf-fullwidth.txt")
	text, enc, err := Decode(raw)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if enc != EncUTF8 || text != string(raw) {
		t.Errorf("Decode = %s, want the file unchanged as utf-8", dumpDecode(text, enc, nil))
	}
	if !strings.Contains(text, "\r\n") || !strings.Contains(text, "２０２１") {
		t.Errorf("fixture lacks CRLF or full-width digits; rerun gen.go")
	}
}

// TestDecode checks Decode on small inputs. want is the compact dump of
// dumpDecode.
func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		is   error // the sentinel the error wraps, if any
	}{
		// Empty.
		{"empty", nil, "error: empty file", ErrEmpty},
		{"only white space", []byte(" \t\r\n\u3000\n"), "error: empty file (only white space)", ErrEmpty},
		{"only UTF-8 BOM", []byte("\uFEFF"), "error: empty file", ErrEmpty},
		{"UTF-16 BOM and white space", encodeUTF16(t, xunicode.LittleEndian, "\uFEFF \n"), "error: empty file (only white space)", ErrEmpty},

		// Binary.
		{"PNG header", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), "error: binary file (NUL byte at offset 8)", ErrBinary},
		{"ELF header", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), "error: binary file (NUL byte at offset 7)", ErrBinary},
		{"NUL in UTF-8", []byte("法治\x00政府"), "error: binary file (NUL byte at offset 6)", ErrBinary},
		{"NUL after UTF-8 BOM", []byte("\uFEFF法治\x00"), "error: binary file (NUL byte at offset 9)", ErrBinary},
		{"control bytes", []byte("\x01\x02\x03\x04abcdef"), "error: binary file (4 of 10 bytes are control bytes)", ErrBinary},
		{"NUL in UTF-16", append(encodeUTF16(t, xunicode.LittleEndian, "\uFEFF法治"), 0, 0), "error: binary file (NUL character at offset 6)", ErrBinary},
		{"ASCII UTF-16 without BOM", encodeUTF16(t, xunicode.LittleEndian, "plain English text, not a report\n"), "error: binary file (NUL byte at offset 1)", ErrBinary},
		{"short UTF-16 without BOM", encodeUTF16(t, xunicode.LittleEndian, "法治2021\n"), "error: binary file (NUL byte at offset 5)", ErrBinary},

		// UTF-8.
		{"ASCII", []byte("Report 2021\n"), `utf-8 "Report 2021\n"`, nil},
		{"Chinese", []byte("法治政府建设\n"), `utf-8 "法治政府建设\n"`, nil},
		{"UTF-8 BOM", []byte("\uFEFF法治政府"), `utf-8-bom "法治政府"`, nil},
		{"few control bytes", []byte("法治政府建设工作报告\x1a"), `utf-8 "法治政府建设工作报告\x1a"`, nil},
		{"truncated tail 2 of 3", []byte("法治政府" + "建"[:2]), `utf-8 "法治政府"`, nil},
		{"truncated tail 1 of 3", []byte("法治政府" + "建"[:1]), `utf-8 "法治政府"`, nil},
		{"truncated tail 3 of 4", []byte("法治𠀀"[:9]), `utf-8 "法治"`, nil},
		{"truncated tail after BOM", []byte("\uFEFF法治" + "建"[:2]), `utf-8-bom "法治"`, nil},
		{"damaged UTF-8", []byte(strings.Repeat("法治政府建设工作报告", 3) + "\xff" + "完"), "error: neither UTF-8 nor GB18030 (invalid byte at offset 90)", ErrUndecodable},
		{"damaged UTF-8 after BOM", []byte("\uFEFF法治\xff政府"), "error: invalid utf-8-bom (invalid byte at offset 9)", ErrUndecodable},
		{"cut sequence not at end", []byte(strings.Repeat("法治政府建设", 2) + "建"[:2] + strings.Repeat("法治政府建设", 2)), "error: neither UTF-8 nor GB18030 (invalid byte at offset 36)", ErrUndecodable},

		// GB18030.
		{"GBK", mustEncode(t, simplifiedchinese.GBK, "关于2021年法治政府建设工作情况的报告\n"), `gb18030 "关于2021年法治政府建设工作情况的报告\n"`, nil},
		{"GB2312 symbols", mustEncode(t, simplifiedchinese.GBK, "（一）“法治”——①②№１０％"), `gb18030 "（一）“法治”——①②№１０％"`, nil},
		{"GB18030 four-byte", mustEncode(t, simplifiedchinese.GB18030, "法治𠀀政府\n"), `gb18030 "法治𠀀政府\n"`, nil},
		{"GB18030 truncated tail", append(mustEncode(t, simplifiedchinese.GB18030, "法治政府"), 0xBD), `gb18030 "法治政府"`, nil},
		{"GB18030 truncated four-byte tail", mustEncode(t, simplifiedchinese.GB18030, "法治𠀀")[:6], `gb18030 "法治"`, nil},
		{"invalid in both", []byte("abc\xff\x80\xffdef"), "error: neither UTF-8 nor GB18030 (invalid byte at offset 3)", ErrUndecodable},
		{"GB18030 bad trail byte", append(mustEncode(t, simplifiedchinese.GB18030, "法治政府"), 0xBD, '\n', 'x'), "error: neither UTF-8 nor GB18030 (invalid byte at offset 8)", ErrUndecodable},
		{"GB18030 private use", bytes.Repeat([]byte("\xaa\xa1"), 10), "error: neither UTF-8 nor GB18030 (invalid byte at offset 0)", ErrUndecodable},

		// UTF-16.
		{"UTF-16LE BOM", encodeUTF16(t, xunicode.LittleEndian, "\uFEFF法治2021"), `utf-16le "法治2021"`, nil},
		{"UTF-16BE BOM", encodeUTF16(t, xunicode.BigEndian, "\uFEFF法治2021"), `utf-16be "法治2021"`, nil},
		{"UTF-16 odd tail byte", append(encodeUTF16(t, xunicode.LittleEndian, "\uFEFF法治"), 'x'), `utf-16le "法治"`, nil},
		{"UTF-16 cut surrogate pair", encodeUTF16(t, xunicode.LittleEndian, "\uFEFF法治𠀀")[:8], `utf-16le "法治"`, nil},
		{"UTF-16 surrogate pair", encodeUTF16(t, xunicode.BigEndian, "\uFEFF法𠀀治"), `utf-16be "法𠀀治"`, nil},
		{"UTF-16 unpaired low surrogate", []byte{0xFF, 0xFE, 0x55, 0x6C, 0x00, 0xDC, 0xBB, 0x6C}, "error: invalid utf-16le (unpaired surrogate at offset 4)", ErrUndecodable},
		{"UTF-16 unpaired high surrogate", []byte{0xFF, 0xFE, 0x40, 0xD8, 0x55, 0x6C}, "error: invalid utf-16le (unpaired surrogate at offset 2)", ErrUndecodable},
		{"UTF-16LE without BOM", encodeUTF16(t, xunicode.LittleEndian, report), `utf-16le "` + reportQuoted + `"`, nil},
		{"UTF-16BE without BOM", encodeUTF16(t, xunicode.BigEndian, report), `utf-16be "` + reportQuoted + `"`, nil},

		// Fixed bugs.
		{"UTF-8 behind a UTF-16 byte-order mark", append([]byte{0xFF, 0xFE}, "关于2021年法治政府建设工作情况的报告\n"...), `utf-8-under-utf16-bom "关于2021年法治政府建设工作情况的报告\n"`, nil},
		{"Big5", mustEncode(t, traditionalchinese.Big5, "關於2021年法治政府建設工作情況的報告，全鎮調解糾紛48件。\n"), `big5 "關於2021年法治政府建設工作情況的報告，全鎮調解糾紛48件。\n"`, nil},
		{"Shift-JIS", mustEncode(t, japanese.ShiftJIS, "令和三年度の法治行政に関する報告書です。住民の皆様へのお知らせ。\n"), "error: neither UTF-8 nor GB18030 (mostly rare characters, not Chinese text (Shift-JIS?))", ErrUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.in)
			if got := dumpDecode(text, enc, err); got != tt.want {
				t.Errorf("Decode(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
			if err != nil {
				var de *DecodeError
				if !errors.As(err, &de) {
					t.Errorf("error %T is not a *DecodeError", err)
				}
			}
		})
	}
}

// report is a short report line for the UTF-16 sniffing cases: long enough,
// mostly Chinese, with ASCII digits and a line end that put NULs in the
// encoded form.
const report = "关于2021年法治政府建设工作情况的报告\n一、主要举措和成效\n"

// reportQuoted is report as it appears inside a dumpDecode string.
var reportQuoted = strconv.Quote(report)[1 : len(strconv.Quote(report))-1]

// TestDecodeRandomBinary checks that random bytes holding NULs are binary
// and never read as UTF-16 without a byte-order mark.
func TestDecodeRandomBinary(t *testing.T) {
	for seed := range uint64(200) {
		rng := rand.New(rand.NewPCG(seed, 42))
		b := make([]byte, 64+rng.IntN(4096))
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		b[rng.IntN(len(b)-2)+2] = 0 // at least one NUL, after any BOM
		b[0] = 'x'                  // no byte-order mark
		if text, enc, err := Decode(b); !errors.Is(err, ErrBinary) {
			t.Errorf("seed %d: Decode = %s, want a binary-file error", seed, dumpDecode(text, enc, err))
		}
	}
}

// TestDecodeUTF16LookingBinary checks that data with NULs at every other
// byte, as UTF-16 has, is still binary unless it reads as Chinese.
func TestDecodeUTF16LookingBinary(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"Hangul", encodeUTF16(t, xunicode.LittleEndian, strings.Repeat("가나다라마바사 1\n", 4))},
		{"private use", encodeUTF16(t, xunicode.LittleEndian, strings.Repeat("\uE000\uE001\uE002 1\n", 8))},
		{"int16 samples", func() []byte {
			var b []byte
			for i := range 256 {
				b = append(b, byte(i*37), 0)
			}
			return b
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode(tt.in)
			if !errors.Is(err, ErrBinary) {
				t.Errorf("Decode = %s, want a binary-file error", dumpDecode(text, enc, err))
			}
		})
	}
}

// FuzzDecode checks that Decode never panics, and that whatever it accepts
// is valid, non-blank UTF-8 with a known encoding name.
func FuzzDecode(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(encodingsDir, "*.txt"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in %s: %v", encodingsDir, err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/3]) // a cut in the middle of a character, often
	}
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	f.Add([]byte("\xff\xfe\x00\xd8"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, enc, err := Decode(raw)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %T is not a *DecodeError: %v", err, err)
			}
			if text != "" || enc != "" {
				t.Fatalf("Decode returned text or encoding with error %v", err)
			}
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error message spans lines: %q", err)
			}
			return
		}
		if !utf8.ValidString(text) {
			t.Fatalf("Decode(%q) = invalid UTF-8 %q", raw, text)
		}
		if strings.TrimSpace(text) == "" {
			t.Fatalf("Decode(%q) = blank text without an error", raw)
		}
		switch enc {
		case EncUTF8, EncUTF8BOM, EncUTF16LE, EncUTF16BE, EncGB18030, EncBig5, EncUTF8UnderUTF16BOM:
		default:
			t.Fatalf("Decode(%q): unknown encoding %q", raw, enc)
		}
	})
}

// dumpDecode returns Decode's result on one line: the encoding and quoted
// text, or "error: " and the message.
func dumpDecode(text, enc string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return enc + " " + strconv.Quote(text)
}

// readTestdata returns the contents of a file in encodingsDir.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(encodingsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// mustEncode returns s in enc.
func mustEncode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// encodeUTF16 returns s as UTF-16 in the given order. A byte-order mark is
// written only if s starts with U+FEFF.
func encodeUTF16(t testing.TB, order xunicode.Endianness, s string) []byte {
	t.Helper()
	return mustEncode(t, xunicode.UTF16(order, xunicode.IgnoreBOM), s)
}

// firstDiff describes where got and want first differ.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	clip := func(s string) string {
		return strconv.Quote(s[i:min(len(s), i+40)])
	}
	return "at byte " + strconv.Itoa(i) + ": got " + clip(got) + ", want " + clip(want)
}
