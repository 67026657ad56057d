package corpus

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// seedFormats adds the fixtures of testdata/formats named by patterns to
// a fuzz target's corpus, and the extra seeds.
func seedFormats(f *testing.F, patterns []string, extra ...[]byte) {
	for _, p := range patterns {
		files, _ := filepath.Glob(filepath.Join(formatsDir, p))
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	for _, b := range extra {
		f.Add(b)
	}
}

// checkRead holds what every reader promises on any input: an error, or
// valid UTF-8 text; never a panic.
func checkRead(t *testing.T, d docText, err error) {
	if err == nil && !utf8.ValidString(d.text) {
		t.Errorf("text is not valid UTF-8: %q", d.text)
	}
}

// FuzzDocx feeds damaged .docx files to the reader.
func FuzzDocx(f *testing.F) {
	seedFormats(f, []string{"*.docx"}, docx(f, `<w:p><w:r><w:t>调解</w:t><w:delText>1</w:delText></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := readDocx(raw)
		checkRead(t, d, err)
	})
}

// FuzzODT feeds damaged .odt files to the reader.
func FuzzODT(f *testing.F) {
	seedFormats(f, []string{"*.odt"})
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := readODT(raw)
		checkRead(t, d, err)
	})
}

// FuzzOFD feeds damaged .ofd files to the reader.
func FuzzOFD(f *testing.F) {
	seedFormats(f, []string{"*.ofd"})
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := readOFD(raw)
		checkRead(t, d, err)
	})
}

// FuzzWordDoc feeds damaged Word 97 files to the reader.
func FuzzWordDoc(f *testing.F) {
	seedFormats(f, []string{"*.doc"})
	f.Fuzz(func(t *testing.T, raw []byte) {
		if _, err := sniffOLE(raw); err != nil {
			return
		}
		d, err := readWordDoc(raw)
		checkRead(t, d, err)
	})
}

// FuzzHTML feeds damaged web pages to the reader.
func FuzzHTML(f *testing.F) {
	seedFormats(f, []string{"*.html"}, []byte(`<html><head><meta charset="big5"><title>a_b</title></head><body><p>`+"\xa4\xa4\xa4\xe5"+`</p></body></html>`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := readHTML(raw)
		checkRead(t, d, err)
	})
}

// FuzzPDF feeds damaged PDFs to PDFium. It is slow (PDFium runs in
// WebAssembly), so it is not in the CI loop: go test runs its seeds, and
// it is worth minutes of fuzzing after a change to pdf.go.
func FuzzPDF(f *testing.F) {
	seedFormats(f, []string{"*.pdf"}, []byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := readPDF(raw)
		checkRead(t, d, err)
	})
}

// FuzzSniff feeds any bytes to format detection and the reader it picks.
func FuzzSniff(f *testing.F) {
	seedFormats(f, []string{"*.txt", "*.docx", "*.odt", "*.ofd", "*.doc", "*.html"})
	f.Fuzz(func(t *testing.T, raw []byte) {
		if format, err := sniff(raw); err == nil && format == FormatPDF {
			return // FuzzPDF's business
		}
		d, err := readText("fuzz", raw)
		checkRead(t, d, err)
	})
}
