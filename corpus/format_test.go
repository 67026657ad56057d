package corpus

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// formatsDir holds one report in every format read; make.sh there says
// how each file was made.
const formatsDir = "../testdata/formats"

// formatFixtures are the files of formatsDir that hold the report, with
// the format each must be read as.
var formatFixtures = []struct {
	name   string
	format Format
}{
	{"report.txt", FormatTxt},
	{"report.docx", FormatDocx},
	{"report.doc", FormatDoc},
	{"report.wps", FormatWPS},
	{"report.odt", FormatODT},
	{"report.pdf", FormatPDF},
	{"report-chromium.pdf", FormatPDF},
	{"report.ofd", FormatOFD},
	{"report-utf8.html", FormatHTML},
	{"report-gbk.html", FormatHTML},
	{"report-gbk-as-utf8.html", FormatHTML},
}

// reportSentences are sentences of report.txt that every format must give
// back whole, however its lines were broken.
var reportSentences = []string{
	"全年共排查调处各类矛盾纠纷136件,调解成功131件,调解成功率96.3%",
	"开展法治宣传活动26场,举办法治讲座9场,发放宣传资料5800余份",
	"培育法律明白人64名,为全镇14个行政村各配备1名法律顾问",
	"一是部分村干部运用法治方式解决问题的能力还不强",
}

// TestReadFormats reads the report in every format: each is told by its
// content, gives back the report's sentences, and leaves out what is not
// the report (running headers, page numbers, a page's navigation and
// related articles).
func TestReadFormats(t *testing.T) {
	var l Loader
	for _, f := range formatFixtures {
		t.Run(f.name, func(t *testing.T) {
			doc, err := l.Load(filepath.Join(formatsDir, f.name))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != f.format {
				t.Errorf("format %q, want %q", doc.Format, f.format)
			}
			text := strings.ReplaceAll(doc.Text, " ", "")
			for _, s := range reportSentences {
				if !strings.Contains(text, s) {
					t.Errorf("text lacks %q:\n%s", s, doc.Text)
				}
			}
			for _, furniture := range []string{"王团镇人民政府文件", "相关文章", "预旺镇", "丁塘镇", "网站标识码", "内部资料", "file://"} {
				if strings.Contains(doc.Text, furniture) {
					t.Errorf("text holds furniture %q:\n%s", furniture, doc.Text)
				}
			}
			if doc.Meta.Town.Value != "王团镇" || doc.Meta.Year != 2023 || doc.Meta.Date.Value != "2023-12-28" {
				t.Errorf("meta town %q year %d date %q, want 王团镇 2023 2023-12-28", doc.Meta.Town.Value, doc.Meta.Year, doc.Meta.Date.Value)
			}
		})
	}
}

// TestPageMeta checks that a web page's title feeds the metadata with the
// source "page" when its article does not repeat it.
func TestPageMeta(t *testing.T) {
	var l Loader
	doc, err := l.Load(filepath.Join(formatsDir, "report-gbk.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Meta
	if m.Title.Source != SourcePage || m.YearSource != SourcePage || !strings.Contains(m.Title.Value, "法治政府建设工作情况的报告") {
		t.Errorf("title %+v year source %q, want the page's title with source page", m.Title, m.YearSource)
	}
	if doc.Encoding != "html/"+EncGB18030 {
		t.Errorf("encoding %q, want html/gb18030", doc.Encoding)
	}
	// A page whose text gives no signing date has the publishing date.
	page := []byte(`<html><head><meta name="PubDate" content="2024-01-05 09:30"><title>王团镇2023年法治政府建设工作报告_同心县人民政府</title></head>
<body><div class="nav">首页 政务公开</div><div class="article"><p>` + strings.Repeat("2023年,王团镇全年共排查调处各类矛盾纠纷136件,调解成功131件。", 12) + `</p></div></body></html>`)
	doc, err = Parse("page.html", page)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.Date != (Field{"2024-01-05", SourcePage}) {
		t.Errorf("date %+v, want 2024-01-05 from the page", doc.Meta.Date)
	}
	if doc.Meta.Town != (Field{"王团镇", SourcePage}) {
		t.Errorf("town %+v, want 王团镇 from the page", doc.Meta.Town)
	}
}

// TestScanPDF checks that a PDF of page images is named as a scan, with
// what to do, and never read as empty.
func TestScanPDF(t *testing.T) {
	var l Loader
	_, err := l.Load(filepath.Join(formatsDir, "scan.pdf"))
	if !errors.Is(err, ErrNoText) {
		t.Fatalf("error %v, want ErrNoText", err)
	}
	msg := err.Error()
	for _, want := range []string{"scan.pdf", "no text layer", "it is a scan", "OCR", "tesseract-ocr-chi-sim"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("message %q is not one line", msg)
	}
}

// makeZip returns a zip of the given members, in order.
func makeZip(t testing.TB, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for i := 0; i+1 < len(members); i += 2 {
		w, err := z.Create(members[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(members[i+1]))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// docx returns a .docx whose body is body (WordprocessingML inside
// <w:body>).
func docx(t testing.TB, body string) []byte {
	return makeZip(t,
		"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>`+body+`</w:body></w:document>`,
		"word/header1.xml", `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>`)
}

// TestDocx checks what a .docx body gives: paragraphs on lines, table
// cells apart, no deleted text, no field codes, no fallback copies, no
// header.
func TestDocx(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"paragraphs", `<w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">第二</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>段</w:t></w:r></w:p>`, "第一段\n第二段\n"},
		{"table cells apart", `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>调解纠纷</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>136</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>131</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>宣传</w:t></w:r></w:p><w:p><w:r><w:t>活动</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>26</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
			"调解纠纷\t136\t131\n宣传 活动\t26\n"},
		{"tracked deletion", `<w:p><w:r><w:t>调解</w:t></w:r><w:del w:id="1"><w:r><w:delText>1</w:delText></w:r></w:del><w:r><w:t>36件</w:t></w:r></w:p>`, "调解36件\n"},
		{"deleted text outside w:del", `<w:p><w:r><w:t>共</w:t></w:r><w:r><w:delText>99</w:delText></w:r><w:r><w:t>12次</w:t></w:r></w:p>`, "共12次\n"},
		{"field code dropped, result kept", `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \* MERGEFORMAT 42 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>`, "3页\n"},
		{"fallback not read twice", `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框64名</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框64名</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`, "文本框64名\n"},
		{"tabs and breaks", `<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>`, "甲\t乙\n丙\n"},
		{"moved text once", `<w:p><w:moveFrom><w:r><w:t>旧处</w:t></w:r></w:moveFrom><w:r><w:t>正文</w:t></w:r><w:moveTo><w:r><w:t>旧处</w:t></w:r></w:moveTo></w:p>`, "正文旧处\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := readDocx(docx(t, tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if d.text != tt.want {
				t.Errorf("text %q, want %q", d.text, tt.want)
			}
		})
	}
}

// TestODT checks OpenDocument spaces, tables and tracked deletions.
func TestODT(t *testing.T) {
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:text>
<text:tracked-changes><text:changed-region><text:deletion><text:p>删掉的99件</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h>一、标题</text:h><text:p>调解<text:span>成功</text:span>131件<text:s text:c="2"/>完<text:note><text:note-body><text:p>脚注7</text:p></text:note-body></text:note></text:p>
<table:table><table:table-row><table:table-cell><text:p>纠纷</text:p></table:table-cell><table:table-cell><text:p>136</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document-content>`
	d, err := readODT(makeZip(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", content))
	if err != nil {
		t.Fatal(err)
	}
	if want := "一、标题\n调解成功131件  完\n纠纷\t136\n"; d.text != want {
		t.Errorf("text %q, want %q", d.text, want)
	}
}

// TestWordText checks how Word's control characters become text.
func TestWordText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"第一段\r第二段\r", "第一段\n第二段\n"},
		{"共\x13 PAGE \x145\x15页", "共5页"},
		{"\x13 HYPERLINK \"http://x\" \x13 INNER \x14内\x15\x14链接\x15。", "链接。"},
		{"\x13 TOC \x15目录", "目录"},
		{"甲\x07136\x07\x07乙\x0726\x07\x07", "甲\t136\n乙\t26\n"},
		{"非\x1e断\x1f字\x01图\x08", "非-断字图"},
	}
	for _, tt := range tests {
		if got := wordText(tt.in); got != tt.want {
			t.Errorf("wordText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestOFDOrder checks that text objects written in any order, one glyph
// each, come out in reading order, and that templates are not read.
func TestOFDOrder(t *testing.T) {
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	obj := func(x, y float64, s string) string {
		return `<ofd:TextObject Boundary="` + ftoa(x) + " " + ftoa(y) + ` 50 6" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 9 5">` + s + `</ofd:TextCode></ofd:TextObject>`
	}
	page := `<ofd:Page ` + ns + `><ofd:Template TemplateID="1"><ofd:TextObject Boundary="0 0 9 9"><ofd:TextCode X="0" Y="1">模板</ofd:TextCode></ofd:TextObject></ofd:Template><ofd:Content><ofd:Layer>` +
		obj(35, 30, "件") + obj(20, 40, "第二行") + obj(25, 30, "36") + obj(20, 30, "纠纷1") + obj(20, 30.8, "") +
		`</ofd:Layer></ofd:Content></ofd:Page>`
	raw := makeZip(t,
		"OFD.xml", `<ofd:OFD `+ns+`><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml", `<ofd:Document `+ns+`><ofd:Pages><ofd:Page ID="2" BaseLoc="Pages\Page_0\Content.xml"/></ofd:Pages></ofd:Document>`,
		"Doc_0/Pages/Page_0/Content.xml", page)
	d, err := readOFD(raw)
	if err != nil {
		t.Fatal(err)
	}
	if want := "纠纷136件\n第二行\n"; d.text != want {
		t.Errorf("text %q, want %q", d.text, want)
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// TestJoinPages checks furniture removal and the joining of lines cut by
// the page.
func TestJoinPages(t *testing.T) {
	line := func(text string, left, right float64) layoutLine {
		return layoutLine{text: text, left: left, right: right, size: 10}
	}
	pages := [][]layoutLine{
		{line("某某镇人民政府文件", 200, 290), line("关于工作的报告", 150, 300), line("全年共排查调处矛盾纠纷1", 100, 500), line("36件,调解成功131件。", 100, 300), line("第 1 页", 280, 310)},
		{line("某某镇人民政府文件", 200, 290), line("二、存在问题", 100, 200), line("力量薄弱,专职调解员只有", 100, 498), line("- 2 -", 280, 310)},
		{line("某某镇人民政府文件", 200, 290), line("3名。", 100, 130), line("某某镇人民政府", 420, 500), line("2023年12月28日", 430, 500), line("第 3 页", 280, 310)},
	}
	text, warns := joinPages(pages)
	want := "关于工作的报告\n全年共排查调处矛盾纠纷136件,调解成功131件。\n二、存在问题\n力量薄弱,专职调解员只有3名。\n某某镇人民政府\n2023年12月28日\n"
	if text != want {
		t.Errorf("text\n%q\nwant\n%q", text, want)
	}
	if len(warns) != 1 || warns[0].Evidence != "某某镇人民政府文件" {
		t.Errorf("warnings %+v, want the running header", warns)
	}
}

// TestSniff checks that formats are told by content, whatever the name.
func TestSniff(t *testing.T) {
	ole, err := os.ReadFile(filepath.Join(formatsDir, "report.doc"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		raw    []byte
		format Format
		is     error
		reason string
	}{
		{"text", []byte("王团镇2023年工作报告"), FormatTxt, nil, ""},
		{"docx", docx(t, ""), FormatDocx, nil, ""},
		{"odt", makeZip(t, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>"), FormatODT, nil, ""},
		{"ofd", makeZip(t, "OFD.xml", "<x/>"), FormatOFD, nil, ""},
		{"doc", ole, FormatDoc, nil, ""},
		{"pdf", []byte("%PDF-1.7\n"), FormatPDF, nil, ""},
		{"pdf after junk", append(bytes.Repeat([]byte{' '}, 100), "%PDF-1.4"...), FormatPDF, nil, ""},
		{"html doctype", []byte("\ufeff  <!DOCTYPE html><html>"), FormatHTML, nil, ""},
		{"html comment", []byte("<!-- saved from url -->\n<html><head>"), FormatHTML, nil, ""},
		{"text starting with a tag-like line", []byte("<一>王团镇"), FormatTxt, nil, ""},
		{"xlsx", makeZip(t, "[Content_Types].xml", "<x/>", "xl/workbook.xml", "<x/>"), "", ErrNotRead, "a spreadsheet (zipped spreadsheet), not a report"},
		{"zip archive", makeZip(t, "a.txt", "x"), "", ErrNotRead, "an archive (zip), not a report"},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00"), "", ErrNotRead, "an image (PNG), not a report"},
		{"rtf", []byte(`{\rtf1\ansi 王团镇}`), "", ErrNotRead, "an RTF document (RTF), not a report"},
		{"cut-off zip", []byte("PK\x03\x04\x14\x00"), "", ErrDamaged, "damaged zip file (not a valid zip file)"},
		{"cut-off OLE", ole[:600], "", ErrDamaged, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := sniff(tt.raw)
			if f != tt.format || !errors.Is(err, tt.is) || (err == nil) != (tt.is == nil) {
				t.Fatalf("sniff = %q, %v; want %q, %v", f, err, tt.format, tt.is)
			}
			if tt.reason != "" && err.Error() != tt.reason {
				t.Errorf("reason %q, want %q", err.Error(), tt.reason)
			}
		})
	}
}

// TestWorksWPS checks that a Microsoft Works .wps is refused by name.
func TestWorksWPS(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "works.wps")
	if err := os.WriteFile(path, worksFile(t), 0o644); err != nil {
		t.Fatal(err)
	}
	var l Loader
	_, err := l.Load(path)
	if !errors.Is(err, ErrNotRead) || !strings.Contains(err.Error(), "Microsoft Works") || !strings.Contains(err.Error(), "save it as .docx") {
		t.Errorf("error %v, want a Microsoft Works document refused with advice", err)
	}
}

// worksFile returns an OLE compound file with the streams of a Microsoft
// Works document and no WordDocument stream: report.doc with that
// stream's directory entry renamed CONTENTS.
func worksFile(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(formatsDir, "report.doc"))
	if err != nil {
		t.Fatal(err)
	}
	name := func(s string) []byte {
		var b []byte
		for _, u := range utf16.Encode([]rune(s + "\x00")) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	at := bytes.Index(raw, name("WordDocument"))
	if at < 0 {
		t.Fatal("no WordDocument entry in report.doc")
	}
	entry := make([]byte, 64)
	copy(entry, name("CONTENTS"))
	copy(raw[at:at+64], entry)
	raw[at+64], raw[at+65] = byte(len(name("CONTENTS"))), 0
	return raw
}

// TestBombsStayBounded checks that a zip bomb and deeply nested XML are
// refused after bounded work.
func TestBombsStayBounded(t *testing.T) {
	var bomb bytes.Buffer
	z := zip.NewWriter(&bomb)
	w, _ := z.Create("word/document.xml")
	zeros := make([]byte, 1<<20)
	for range (maxMemberSize >> 20) + 8 {
		w.Write(zeros)
	}
	z.Close()
	if bomb.Len() > 1<<20 {
		t.Fatalf("bomb is %d bytes, want a small file", bomb.Len())
	}
	if _, err := readDocx(bomb.Bytes()); !errors.Is(err, errMemberTooLarge) {
		t.Errorf("zip bomb: error %v, want errMemberTooLarge", err)
	}
	deep := strings.Repeat("<w:p>", 10000) + strings.Repeat("</w:p>", 10000)
	if _, err := readDocx(docx(t, deep)); !errors.Is(err, errTooDeep) {
		t.Errorf("deep XML: error %v, want errTooDeep", err)
	}
	if _, err := readODT(makeZip(t, "content.xml", "<a>"+strings.Repeat("<b>", 5000))); !errors.Is(err, ErrDamaged) {
		t.Errorf("deep OpenDocument: error %v, want ErrDamaged", err)
	}
	many := makeZip(t)
	// An end of central directory record that claims 65,535 members.
	many = append(many[:len(many)-22], "PK\x05\x06\x00\x00\x00\x00\xff\xff\xff\xff\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"...)
	if _, err := readDocx(many); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "65535 members") {
		t.Errorf("many members: error %v, want refused by count", err)
	}
}

// TestFindReports checks which files in folders are read, which are
// named as not read, and which are passed over in silence.
func TestFindReports(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.DOCX", "c.pdf", "d.ofd", "e.htm", "f.shtml", "g.wps", "h.odt", "i.doc",
		"汇总.xls", "photo.JPG", "old.zip", "notes.md", "manifest.csv", "Thumbs.db", "~$b.docx", ".hidden.pdf"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, skipped, errs := FindReports([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f))
	}
	if want := "a.txt b.DOCX c.pdf d.ofd e.htm f.shtml g.wps h.odt i.doc"; strings.Join(got, " ") != want {
		t.Errorf("files %q, want %q", strings.Join(got, " "), want)
	}
	var lines []string
	for _, s := range skipped {
		lines = append(lines, strings.ReplaceAll(s.String(), filepath.ToSlash(dir)+"/", ""))
	}
	want := []string{
		"skip notes.md: not a report format (.md), not read; baogao reads " + ReadExtensions,
		"skip old.zip: an archive (.zip), not read; unpack it and read the folder",
		"skip photo.JPG: an image (.jpg), not read; run OCR on it first (e.g. tesseract FILE out -l chi_sim, from tesseract-ocr-chi-sim) and read the .txt",
		"skip 汇总.xls: a spreadsheet (.xls), not read; baogao reads reports, not tables; move it out of the report folder",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("skipped\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}
