//go:build ignore

// Gen writes the sources from which make.sh builds the same report in
// every format baogao reads, and the formats no office suite writes here.
// Run it from this folder (make.sh does):
//
//	go run gen.go
//
// From report.txt, the report's text, it writes
//
//	report.fodt                  flat OpenDocument with a running header and
//	                             page numbers, which LibreOffice turns into
//	                             .docx, .doc, .odt and .pdf
//	report-utf8.html             the report as a government site publishes it
//	                             (navigation, 发布时间 line, share links,
//	                             related articles, site footer), UTF-8
//	report-gbk.html              the same page in GBK, declared gb2312
//	report-gbk-as-utf8.html      the same GBK bytes wrongly declared utf-8
//	report.ofd                   an OFD laid out on A4 pages as a document
//	                             system writes it: a running header, page
//	                             numbers, every third line one glyph per
//	                             text object, objects in shuffled order
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"log"
	"math/rand"
	"os"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	raw, err := os.ReadFile("report.txt")
	if err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	write("report.fodt", []byte(fodt(lines)))
	page := webPage(lines)
	write("report-utf8.html", []byte(strings.Replace(page, "CHARSET", "utf-8", 1)))
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(strings.Replace(page, "CHARSET", "gb2312", 1))
	if err != nil {
		log.Fatal(err)
	}
	write("report-gbk.html", []byte(gbk))
	mislabelled, err := simplifiedchinese.GBK.NewEncoder().String(strings.Replace(page, "CHARSET", "utf-8", 1))
	if err != nil {
		log.Fatal(err)
	}
	write("report-gbk-as-utf8.html", []byte(mislabelled))
	write("report.ofd", ofd(lines))
}

func write(name string, b []byte) {
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

// kind tells how a line of report.txt is set: the letterhead and title
// centred, the addressee flush left, the signature and date flush right,
// everything else an indented paragraph.
func kind(lines []string, i int) string {
	switch {
	case i < 2:
		return "center"
	case i == 3:
		return "left"
	case i >= len(lines)-2:
		return "right"
	}
	return "body"
}

func fodt(lines []string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="WenQuanYi Zen Hei" svg:font-family="'WenQuanYi Zen Hei'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:line-height="140%"/><style:text-properties style:font-name="WenQuanYi Zen Hei" fo:font-size="16pt" style:font-name-asian="WenQuanYi Zen Hei" style:font-size-asian="16pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
</office:styles>
<office:automatic-styles>
<style:style style:name="center" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="18pt" style:font-size-asian="18pt"/></style:style>
<style:style style:name="left" style:family="paragraph"/>
<style:style style:name="right" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>
<style:style style:name="body" style:family="paragraph"><style:paragraph-properties fo:text-indent="32pt" fo:text-align="justify"/></style:style>
<style:style style:name="furniture" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
<style:page-layout style:name="a4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2.5cm" fo:margin-bottom="2.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/><style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="a4">
<style:header><text:p text:style-name="furniture">王团镇人民政府文件</text:p></style:header>
<style:footer><text:p text:style-name="furniture">- <text:page-number text:select-page="current">1</text:page-number> -</text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
`)
	for i, l := range lines {
		if l == "" {
			continue
		}
		fmt.Fprintf(&b, "<text:p text:style-name=%q>%s</text:p>\n", kind(lines, i), html.EscapeString(l))
	}
	b.WriteString("</office:text></office:body></office:document>\n")
	return b.String()
}

func webPage(lines []string) string {
	title := lines[0] + lines[1]
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=CHARSET">
<title>%s_同心县人民政府</title>
<meta name="SiteName" content="同心县人民政府">
<meta name="ArticleTitle" content="%s">
<meta name="PubDate" content="2024-01-05 09:30">
<meta name="ColumnName" content="法治政府建设">
<style>body{font-family:"WenQuanYi Zen Hei",sans-serif;font-size:16px} .nav a{margin:0 8px}</style>
</head>
<body>
<div class="header"><div class="logo">同心县人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zfxxgk/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</div>
<div class="article">
<h1 class="title">%s</h1>
<div class="info">发布时间：2024-01-05 09:30　来源：王团镇人民政府　浏览次数：318　字体：【<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="content" id="zoom">
`, html.EscapeString(title), html.EscapeString(title), html.EscapeString(title))
	for i, l := range lines {
		if i < 2 || l == "" {
			continue
		}
		style := ""
		switch kind(lines, i) {
		case "right":
			style = ` style="text-align:right"`
		case "body":
			style = ` style="text-indent:2em"`
		}
		fmt.Fprintf(&b, "<p%s>%s</p>\n", style, html.EscapeString(l))
	}
	b.WriteString(`</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a>　【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="related"><h3>相关文章</h3><ul>
<li><a href="/a/1.html">预旺镇2023年度法治政府建设工作报告</a> 2024-01-04</li>
<li><a href="/a/2.html">河西镇开展“宪法宣传周”活动发放资料3000份</a> 2023-12-06</li>
<li><a href="/a/3.html">丁塘镇调解矛盾纠纷58件 成功率98%</a> 2023-11-20</li>
</ul></div>
<div class="footer"><p>主办：同心县人民政府办公室　承办：同心县融媒体中心</p><p>网站标识码：6403240001　宁ICP备05001234号　宁公网安备 64032402000123号</p><p>地址：同心县豫海镇　联系电话：0953-8012345</p></div>
</body>
</html>
`)
	return b.String()
}

// OFD page geometry, in mm: A4, the margins and body size of a 公文 (GB/T
// 9704: 3号 type, 16 pt = 5.6 mm, 28 characters to a line, 22 lines to a
// page).
const (
	pageW, pageH   = 210.0, 297.0
	left, top      = 27.0, 37.0
	glyph          = 5.6
	perLine        = 28
	linesPerPage   = 22
	lineStep       = 10.6
	headerY        = 20.0
	footerY        = 280.0
	glyphPerObject = 3 // every third line is written one glyph per object
)

// placed is one line of text at a place on a page.
type placed struct {
	x, y float64
	text string
}

func ofd(lines []string) []byte {
	var body []placed // x, y relative to the page; pages cut later
	row := 0
	emit := func(x float64, s string) {
		body = append(body, placed{x, top + float64(row%linesPerPage)*lineStep, s})
		body[len(body)-1].y += float64(row/linesPerPage) * 1000 // page in the thousands
		row++
	}
	for i, l := range lines {
		if l == "" {
			continue
		}
		r := []rune(l)
		switch kind(lines, i) {
		case "center":
			emit(left+(perLine-float64(len(r)))*glyph/2, l)
		case "right":
			emit(left+(perLine-float64(len(r))-2)*glyph, l)
		case "left":
			emit(left, l)
		default:
			first := true
			for len(r) > 0 {
				n, x := perLine, left
				if first {
					n, x = perLine-2, left+2*glyph
					first = false
				}
				n = min(n, len(r))
				emit(x, string(r[:n]))
				r = r[n:]
			}
		}
	}
	pages := row/linesPerPage + 1
	rnd := rand.New(rand.NewSource(2023))
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, content string) {
		w, err := z.Create(name)
		if err != nil {
			log.Fatal(err)
		}
		w.Write([]byte(content))
	}
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	add("OFD.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD `+ns+` Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>5f1c0a0e2a6b4d7c9e3f2023122800a1</ofd:DocID><ofd:Title>`+lines[1]+`</ofd:Title><ofd:CreationDate>2023-12-28</ofd:CreationDate><ofd:Creator>baogao testdata/formats/gen.go</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>
`)
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document ` + ns + `><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>`)
	for p := 0; p < pages; p++ {
		fmt.Fprintf(&doc, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, 10+p, p)
	}
	doc.WriteString("</ofd:Pages></ofd:Document>\n")
	add("Doc_0/Document.xml", doc.String())
	add("Doc_0/PublicRes.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res `+ns+` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="仿宋" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>
`)
	add("Doc_0/Tpls/Tpl_0/Content.xml", `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page `+ns+`><ofd:Content><ofd:Layer ID="4"><ofd:TextObject ID="5" Boundary="150 8 40 6" Font="3" Size="3.7"><ofd:TextCode X="0" Y="3.7" DeltaX="g 3 3.7">内部资料</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>
`)
	id := 100
	for p := 0; p < pages; p++ {
		var objs []string
		object := func(x, y, size float64, s string) {
			n := len([]rune(s))
			delta := ""
			if n > 1 {
				delta = fmt.Sprintf(` DeltaX="g %d %g"`, n-1, size)
			}
			objs = append(objs, fmt.Sprintf(`<ofd:TextObject ID="%d" Boundary="%g %g %g %g" Font="3" Size="%g"><ofd:TextCode X="0" Y="%g"%s>%s</ofd:TextCode></ofd:TextObject>`,
				id, x, y-size, float64(n)*size, size*1.25, size, size, delta, html.EscapeString(s)))
			id++
		}
		object(left+(perLine-9)*glyph/2, headerY, 4.2, "王团镇人民政府文件")
		object(left+(perLine-5)*glyph/2, footerY, 4.2, fmt.Sprintf("- %d -", p+1))
		for i, pl := range body {
			if int(pl.y/1000) != p {
				continue
			}
			y := pl.y - float64(p)*1000
			if i%glyphPerObject == 1 {
				for k, r := range []rune(pl.text) {
					object(pl.x+float64(k)*glyph, y, glyph, string(r))
				}
				continue
			}
			object(pl.x, y, glyph, pl.text)
		}
		rnd.Shuffle(len(objs), func(i, j int) { objs[i], objs[j] = objs[j], objs[i] })
		add(fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", p), `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page `+ns+`><ofd:Template TemplateID="2"/><ofd:Content><ofd:Layer ID="`+fmt.Sprint(1000+p)+`">`+strings.Join(objs, "")+`</ofd:Layer></ofd:Content></ofd:Page>
`)
	}
	if err := z.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}
