package corpus

import (
	"bytes"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
)

// Format is the kind of file a report arrived in, told by its content.
type Format string

// The formats baogao reads.
const (
	FormatTxt  Format = "txt"  // plain text in any encoding Decode reads
	FormatDocx Format = "docx" // Office Open XML (Word 2007 and later, WPS)
	FormatDoc  Format = "doc"  // Word 97–2003 binary
	FormatWPS  Format = "wps"  // the Word 97 binary format that Kingsoft WPS writes under .wps
	FormatODT  Format = "odt"  // OpenDocument text
	FormatPDF  Format = "pdf"  // PDF with a text layer
	FormatOFD  Format = "ofd"  // GB/T 33190 fixed-layout document
	FormatHTML Format = "html" // a saved web page
)

// Formats lists the formats read, in the order summaries show them.
var Formats = []Format{FormatTxt, FormatDocx, FormatDoc, FormatWPS, FormatODT, FormatPDF, FormatOFD, FormatHTML}

// readExts maps the extensions Find looks for in folders to their format.
var readExts = map[string]Format{
	".txt": FormatTxt, ".docx": FormatDocx, ".doc": FormatDoc, ".wps": FormatWPS,
	".odt": FormatODT, ".pdf": FormatPDF, ".ofd": FormatOFD,
	".html": FormatHTML, ".htm": FormatHTML, ".shtml": FormatHTML,
}

// ReadExtensions is the list of extensions searched in folders, for
// messages.
const ReadExtensions = ".txt .docx .doc .wps .odt .pdf .ofd .html .htm .shtml"

// FormatByName returns the format a file's extension promises, and false
// for an extension that is not read.
func FormatByName(name string) (Format, bool) {
	f, ok := readExts[strings.ToLower(filepath.Ext(name))]
	return f, ok
}

// More kinds of failure, besides those of Decode; test for them with
// errors.Is.
var (
	// ErrNotRead is a file of a type baogao does not read: a spreadsheet,
	// an image, an archive.
	ErrNotRead = errors.New("file type not read")
	// ErrDamaged is a file of a format baogao reads that is cut off or
	// broken inside.
	ErrDamaged = errors.New("damaged file")
	// ErrNoText is a file with no text to read: a scanned PDF, a document
	// of images.
	ErrNoText = errors.New("no text")
)

// fileType describes a kind of file that is not read, and what to do
// with it.
type fileType struct {
	What string // "a spreadsheet"
	Hint string // what to do
}

// Kinds of file that are not read.
var (
	typeSheet   = fileType{"a spreadsheet", "baogao reads reports, not tables; move it out of the report folder"}
	typeSlides  = fileType{"a presentation", "save it as PDF if it is a report"}
	typeImage   = fileType{"an image", "run OCR on it first (e.g. tesseract FILE out -l chi_sim, from tesseract-ocr-chi-sim) and read the .txt"}
	typeArchive = fileType{"an archive", "unpack it and read the folder"}
	typeRTF     = fileType{"an RTF document", "open it in Word or WPS and save it as .docx"}
	typeMHT     = fileType{"a web archive (MHTML)", "open it in a browser and save the page as .html, or print it to PDF"}
	typeWorks   = fileType{"a Microsoft Works document", "open it in Word or LibreOffice and save it as .docx"}
	typeOther   = fileType{"not a report format", "baogao reads " + ReadExtensions}
)

// skipExts maps the extensions of files that are not read to their kind.
var skipExts = map[string]fileType{
	".xls": typeSheet, ".xlsx": typeSheet, ".xlsm": typeSheet, ".et": typeSheet, ".ods": typeSheet, ".csv": typeSheet,
	".ppt": typeSlides, ".pptx": typeSlides, ".dps": typeSlides, ".odp": typeSlides,
	".jpg": typeImage, ".jpeg": typeImage, ".png": typeImage, ".gif": typeImage, ".bmp": typeImage,
	".tif": typeImage, ".tiff": typeImage, ".webp": typeImage, ".heic": typeImage,
	".zip": typeArchive, ".rar": typeArchive, ".7z": typeArchive, ".tar": typeArchive, ".gz": typeArchive, ".tgz": typeArchive,
	".rtf": typeRTF, ".mht": typeMHT, ".mhtml": typeMHT,
}

// isLitter reports whether a file in a report folder is something the
// system or an office suite leaves behind, never worth a line: the
// manifest, thumbnail caches, Office's lock files (~$报告.docx).
func isLitter(name string) bool {
	switch strings.ToLower(name) {
	case ManifestName, "thumbs.db", "desktop.ini":
		return true
	}
	return strings.HasPrefix(name, "~$")
}

// Skipped is a file found in a folder whose type is not read.
type Skipped struct {
	Path string // slash-separated
	Ext  string // its extension, lower case, without the dot ("xls"); "" for none
	What string // what it is: "a spreadsheet"
	Hint string // what to do
}

// String returns the one line said about the file, e.g.
//
//	skip 汇总.xls: a spreadsheet (.xls), not read; baogao reads reports, not tables; move it out of the report folder
func (s Skipped) String() string {
	what := s.What
	if s.Ext != "" {
		what += " (." + s.Ext + ")"
	}
	return "skip " + quoteLine(s.Path) + ": " + what + ", not read; " + s.Hint
}

// skippedFile returns the Skipped entry for a file of a type not read.
func skippedFile(path string) Skipped {
	ext := strings.ToLower(filepath.Ext(path))
	t, ok := skipExts[ext]
	if !ok {
		t = typeOther
	}
	return Skipped{Path: path, Ext: strings.TrimPrefix(ext, "."), What: t.What, Hint: t.Hint}
}

// Magic numbers at the start of files.
var (
	magicZip  = []byte("PK\x03\x04")
	magicOLE  = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	magicPDF  = []byte("%PDF-")
	magicRTF  = []byte(`{\rtf`)
	magicPNG  = []byte("\x89PNG\r\n\x1a\n")
	magicJPEG = []byte{0xFF, 0xD8, 0xFF}
	magicGIF  = []byte("GIF8")
	magicTIFF = [][]byte{[]byte("II*\x00"), []byte("MM\x00*")}
	magicRAR  = []byte("Rar!\x1a\x07")
	magic7z   = []byte{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C}
	magicGzip = []byte{0x1F, 0x8B}
)

// pdfHeaderWindow is how far into a file the PDF header may start: the
// specification allows leading junk, and readers accept it within 1 KB.
const pdfHeaderWindow = 1024

// isContainer reports whether raw starts like a binary format that is
// read (a zip, an OLE compound file, a PDF), which may be larger than a
// text file.
func isContainer(head []byte) bool {
	return bytes.HasPrefix(head, magicZip) || bytes.HasPrefix(head, magicOLE) || bytes.HasPrefix(head, magicPDF)
}

// sniffNotRead returns the kind of a file that starts with the magic
// number of a type not read, and false for anything else.
func sniffNotRead(raw []byte) (fileType, string, bool) {
	switch {
	case bytes.HasPrefix(raw, magicRTF):
		return typeRTF, "RTF", true
	case bytes.HasPrefix(raw, magicPNG):
		return typeImage, "PNG", true
	case bytes.HasPrefix(raw, magicJPEG):
		return typeImage, "JPEG", true
	case bytes.HasPrefix(raw, magicGIF):
		return typeImage, "GIF", true
	case bytes.HasPrefix(raw, magicTIFF[0]) || bytes.HasPrefix(raw, magicTIFF[1]):
		return typeImage, "TIFF", true
	case bytes.HasPrefix(raw, magicRAR):
		return typeArchive, "RAR", true
	case bytes.HasPrefix(raw, magic7z):
		return typeArchive, "7-Zip", true
	case bytes.HasPrefix(raw, magicGzip):
		return typeArchive, "gzip", true
	case bytes.HasPrefix(raw, []byte("MIME-Version:")):
		return typeMHT, "MHTML", true
	}
	return fileType{}, "", false
}

// sniff returns the format of raw as its content tells: zip members,
// OLE streams, the PDF header, HTML tags; anything else is text. A file
// of a type that is not read is an error wrapping ErrNotRead.
func sniff(raw []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(raw, magicZip):
		return sniffZip(raw)
	case bytes.HasPrefix(raw, magicOLE):
		return sniffOLE(raw)
	case bytes.Contains(raw[:min(len(raw), pdfHeaderWindow)], magicPDF):
		return FormatPDF, nil
	case isHTML(raw):
		return FormatHTML, nil
	}
	if t, name, ok := sniffNotRead(raw); ok {
		return "", notRead(t, name)
	}
	return FormatTxt, nil
}

// notRead returns the error for a file of kind t; name says what the
// content showed ("PNG", "Excel workbook").
func notRead(t fileType, name string) error {
	return &formatError{Reason: t.What + " (" + name + "), not a report", Hint: t.Hint, Err: ErrNotRead}
}

// htmlSniffWindow is how many bytes at the start of a file are looked at
// for HTML tags: a saved page opens with a doctype, <html> or a comment
// and <head> within its first kilobytes.
const htmlSniffWindow = 2048

// htmlOpeners are the tags, in lower case, that make a file starting with
// one of them (after white space and a byte-order mark) a web page.
var htmlOpeners = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<!--"}

// isHTML reports whether raw is a web page: after a byte-order mark and
// white space it opens with an HTML tag, and a comment opening is followed
// by <html> or <head> within htmlSniffWindow bytes. A text report never
// starts with '<'.
func isHTML(raw []byte) bool {
	head := raw[:min(len(raw), htmlSniffWindow)]
	head = bytes.TrimPrefix(head, bomUTF8)
	head = bytes.TrimLeft(head, " \t\r\n\f")
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	lower := bytes.ToLower(head)
	for _, o := range htmlOpeners {
		if !bytes.HasPrefix(lower, []byte(o)) {
			continue
		}
		if o == "<!--" || o == "<meta" {
			return bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<head")) || bytes.Contains(lower, []byte("<body"))
		}
		return true
	}
	return false
}

// formatError says why a file of a known format could not be read. Load
// turns it into a *ReadError naming the file.
type formatError struct {
	Reason string
	Hint   string
	Err    error // ErrNotRead, ErrDamaged, ErrNoText, ErrTooLarge
}

func (e *formatError) Error() string { return e.Reason }
func (e *formatError) Unwrap() error { return e.Err }

// damaged returns the error for a file of format f that cannot be read
// because of what is inside; why is lower case and names what was wrong.
func damaged(f Format, why string) error {
	return &formatError{
		Reason: "damaged ." + string(f) + " file (" + why + ")",
		Hint:   "open it and save it again, or save it as .txt",
		Err:    ErrDamaged,
	}
}

// docText is a report's text as a reader got it from a file, before
// normalisation.
type docText struct {
	format Format
	text   string
	enc    string    // Doc.Encoding
	page   pageMeta  // what a web page says about itself outside its text
	warns  []Warning // what the reader removed
}

// readText detects raw's format and returns its text. name is the file's
// name, used only to tell a .wps from a .doc of the same content.
func readText(name string, raw []byte) (docText, error) {
	f, err := sniff(raw)
	if err != nil {
		return docText{}, err
	}
	var d docText
	switch f {
	case FormatTxt:
		var enc string
		d.text, enc, err = Decode(raw)
		d.enc = enc
		if enc == EncUTF8UnderUTF16BOM {
			d.warns = append(d.warns, Warning{Code: "encoding_mismatch",
				Message: "the file starts with a UTF-16 byte-order mark but holds UTF-8 text; read as UTF-8 (re-save it as UTF-8 without the mark)"})
		}
	case FormatDocx:
		d, err = readDocx(raw)
	case FormatODT:
		d, err = readODT(raw)
	case FormatOFD:
		d, err = readOFD(raw)
	case FormatDoc:
		d, err = readWordDoc(raw)
		if byName, _ := FormatByName(name); byName == FormatWPS {
			f = FormatWPS
		}
	case FormatPDF:
		d, err = readPDF(raw)
	case FormatHTML:
		d, err = readHTML(raw)
	}
	if err != nil {
		return docText{}, err
	}
	d.format = f
	if d.enc == "" {
		d.enc = string(f)
	}
	if f != FormatTxt && strings.TrimSpace(d.text) == "" {
		return docText{}, &formatError{Reason: "no text in the ." + string(f) + " file", Hint: hintEmpty, Err: ErrNoText}
	}
	return d, nil
}

// textError turns an error from readText into a *ReadError naming the
// file.
func textError(path string, err error) error {
	var fe *formatError
	if errors.As(err, &fe) {
		return &ReadError{Path: path, Reason: fe.Reason, Hint: fe.Hint, Err: fe.Err}
	}
	return &ReadError{Path: path, Reason: err.Error(), Hint: decodeHint(err), Err: err}
}

// quoteLine quotes s when it holds a line break, so that a message about
// it stays on one line.
func quoteLine(s string) string {
	if strings.ContainsAny(s, "\n\r") {
		return strconv.Quote(s)
	}
	return s
}
