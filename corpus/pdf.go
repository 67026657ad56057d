package corpus

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/klippa-app/go-pdfium"
	pdferrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// PDFs are read by PDFium compiled to WebAssembly and run by wazero, in
// pure Go. The module is compiled once per machine: the compiled code is
// kept in the user's cache folder (pdfCacheDir), so a later run starts in
// a fraction of a second instead of several. Nothing of this happens
// before the first PDF is met: a run of .txt reports never pays for it.

// pdfTimeout bounds the reading of one PDF. A 300-page report is read in a
// few seconds; a file that takes minutes is built to hang its reader.
var pdfTimeout = 2 * time.Minute

// pdfMemoryPages bounds the memory of one PDFium instance, in 64 KiB
// WebAssembly pages (1 GiB). Reading a 64 MiB PDF takes a few hundred MB.
const pdfMemoryPages = 16384

// maxPDFPages bounds the pages read: a report has a few dozen, a bound
// volume of them a few hundred.
const maxPDFPages = 5000

// minCharsPerPage is the fewest letters a page must average for a PDF to
// have a text layer. A scan has none, or a page number stamped on it;
// a page of a report has hundreds.
const minCharsPerPage = 20

// hintScan says what to do with a PDF without a text layer.
const hintScan = "it is a scan; run OCR on it first (e.g. ocrmypdf -l chi_sim, or tesseract with tesseract-ocr-chi-sim) and read the result"

// pdfPool is the PDFium instances, made when the first PDF is read.
var pdfPool struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

// pdfCacheDir is where the compiled PDFium module is kept:
// $XDG_CACHE_HOME/baogao/pdfium (~/.cache/baogao/pdfium), or "" when the
// system has no cache folder.
func pdfCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "baogao", "pdfium")
}

// pdfiumPool returns the PDFium pool, making it on first use.
func pdfiumPool() (pdfium.Pool, error) {
	p := &pdfPool
	p.once.Do(func() {
		rc := wazero.NewRuntimeConfig().
			WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
			WithCloseOnContextDone(true).
			WithMemoryLimitPages(pdfMemoryPages)
		if dir := pdfCacheDir(); dir != "" {
			if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
		n := runtime.GOMAXPROCS(0)
		p.pool, p.err = webassembly.Init(webassembly.Config{
			MinIdle:       0,
			MaxIdle:       n,
			MaxTotal:      n,
			ReuseWorkers:  true,
			RuntimeConfig: rc,
			FSConfig:      wazero.NewFSConfig(), // no file system: documents are passed as bytes
			Stdout:        io.Discard,
			Stderr:        io.Discard,
		})
	})
	return p.pool, p.err
}

// readPDF reads the text layer of every page of a PDF and removes running
// headers, footers and page numbers.
func readPDF(raw []byte) (docText, error) {
	pages, err := pdfPages(raw)
	if err != nil {
		return docText{}, err
	}
	letters := 0
	for _, p := range pages {
		for _, l := range p {
			for _, r := range l.text {
				if unicode.IsLetter(r) || unicode.IsDigit(r) {
					letters++
				}
			}
		}
	}
	if letters < minCharsPerPage*max(len(pages), 1) {
		reason := "no text layer"
		if letters > 0 {
			reason = "almost no text (" + strconv.Itoa(letters) + " letters on " + strconv.Itoa(len(pages)) + " page(s))"
		}
		return docText{}, &formatError{Reason: "PDF with " + reason, Hint: hintScan, Err: ErrNoText}
	}
	text, warns := joinPages(pages)
	if t, cut := dropRelated(text); cut != "" {
		text = t
		warns = append(warns, Warning{Code: "furniture_removed",
			Message: "removed the related articles and site footer after the article of a printed web page", Evidence: cut})
	}
	return docText{text: text, enc: string(FormatPDF), warns: warns}, nil
}

// errPDFTimeout is the cause when reading a PDF takes over pdfTimeout.
var errPDFTimeout = errors.New("PDF reading took too long")

// pdfPages returns the lines of text of each page of a PDF, as PDFium
// puts them in reading order.
func pdfPages(raw []byte) (pages [][]layoutLine, err error) {
	pool, err := pdfiumPool()
	if err != nil {
		return nil, &formatError{Reason: "the PDF reader could not start (" + err.Error() + ")",
			Hint: "check that the cache folder " + pdfCacheDir() + " is writable", Err: err}
	}
	inst, err := pool.GetInstanceWithContext(context.Background())
	if err != nil {
		return nil, &formatError{Reason: "the PDF reader could not start (" + err.Error() + ")", Err: err}
	}
	var killed atomic.Bool
	timer := time.AfterFunc(pdfTimeout, func() {
		killed.Store(true)
		inst.Kill()
	})
	defer func() {
		timer.Stop()
		if p := recover(); p != nil {
			inst.Kill()
			pages, err = nil, damaged(FormatPDF, "the PDF reader failed")
		} else if !killed.Load() {
			inst.Close()
		}
		if killed.Load() {
			pages, err = nil, &formatError{Reason: "reading the PDF took over " + pdfTimeout.String(),
				Hint: "open it and print it to a new PDF, or save it as .txt", Err: errors.Join(ErrDamaged, errPDFTimeout)}
		}
	}()
	doc, err := inst.OpenDocument(&requests.OpenDocument{File: &raw})
	if err != nil {
		if errors.Is(err, pdferrors.ErrPassword) || errors.Is(err, pdferrors.ErrSecurity) {
			return nil, &formatError{Reason: "a password-protected PDF",
				Hint: "open it, remove the password and save it again", Err: ErrNotRead}
		}
		return nil, damaged(FormatPDF, strings.TrimLeft(err.Error(), "0123456789: "))
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: doc.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: doc.Document})
	if err != nil {
		return nil, damaged(FormatPDF, "no page count")
	}
	if count.PageCount > maxPDFPages {
		return nil, damaged(FormatPDF, strconv.Itoa(count.PageCount)+" pages, more than "+strconv.Itoa(maxPDFPages))
	}
	for i := 0; i < count.PageCount; i++ {
		lines, err := pdfPageLines(inst, doc.Document, i)
		if err != nil {
			return nil, damaged(FormatPDF, "page "+strconv.Itoa(i+1)+": "+err.Error())
		}
		pages = append(pages, lines)
	}
	return pages, nil
}

// pdfPageLines returns the lines of one page, each with where its first
// and last characters stand.
func pdfPageLines(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT, i int) ([]layoutLine, error) {
	page, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: doc, Index: i})
	if err != nil {
		return nil, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: page.Page})
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &page.Page}})
	if err != nil {
		return nil, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil || n.Count <= 0 {
		return nil, err
	}
	t, err := inst.FPDFText_GetText(&requests.FPDFText_GetText{TextPage: tp.TextPage, StartIndex: 0, Count: n.Count})
	if err != nil {
		return nil, err
	}
	box := func(i int) (left, right, height float64, ok bool) {
		b, err := inst.FPDFText_GetCharBox(&requests.FPDFText_GetCharBox{TextPage: tp.TextPage, Index: i})
		if err != nil {
			return 0, 0, 0, false
		}
		return b.Left, b.Right, b.Top - b.Bottom, true
	}
	// PDFium numbers characters as GetText writes them, line ends (\r\n)
	// included.
	var lines []layoutLine
	first, last, idx := -1, -1, 0
	var cur strings.Builder
	flush := func() {
		l := layoutLine{text: cur.String()}
		if first >= 0 {
			l.left, _, _, _ = box(first)
			_, l.right, l.size, _ = box(last)
		}
		lines = append(lines, l)
		cur.Reset()
		first, last = -1, -1
	}
	for _, r := range t.Text {
		switch {
		case r == '\n':
			flush()
		case r == '\r':
		default:
			cur.WriteRune(r)
			if !unicode.IsSpace(r) {
				if first < 0 {
					first = idx
				}
				last = idx
			}
		}
		idx++
	}
	flush()
	return lines, nil
}
