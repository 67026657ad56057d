package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
)

// How an OFD (GB/T 33190) holds its text: OFD.xml names each document's
// root (DocBody/DocRoot, e.g. Doc_0/Document.xml); the document lists its
// pages (Pages/Page BaseLoc, relative to the document's folder); each
// page's content holds TextObjects with a Boundary ("x y w h", in mm) and
// TextCode runs placed at X, Y within it, with DeltaX giving the advance
// of each glyph after the first. Producers write objects in any order,
// some one glyph per object, so text is put back in reading order by
// position: lines by baseline (Y), runs on a line by X. Templates (the
// page furniture a page draws under its content) and annotations are not
// read.

// maxOFDPages bounds the pages read: a report has a few dozen.
const maxOFDPages = 5000

// ofdRun is one TextCode placed on a page.
type ofdRun struct {
	x, y   float64 // start of the run's baseline, mm from the page's top left
	end    float64 // x where the run's last glyph ends
	size   float64 // font size, mm
	text   string
	object int // order of the text object in the page, for ties
}

// readOFD reads the text of every page of the first document in an OFD.
func readOFD(raw []byte) (docText, error) {
	z, err := openZip(FormatOFD, raw)
	if err != nil {
		return docText{}, err
	}
	data, err := readZipMember(FormatOFD, z, "OFD.xml")
	if err != nil {
		return docText{}, err
	}
	var root struct {
		DocBody []struct {
			DocRoot string `xml:"DocRoot"`
		} `xml:"DocBody"`
	}
	if err := decodeXML(data, &root); err != nil || len(root.DocBody) == 0 || strings.TrimSpace(root.DocBody[0].DocRoot) == "" {
		return docText{}, damaged(FormatOFD, "OFD.xml names no document")
	}
	docPath := ofdPath("", root.DocBody[0].DocRoot)
	data, err = readZipMember(FormatOFD, z, docPath)
	if err != nil {
		return docText{}, err
	}
	var doc struct {
		Pages struct {
			Page []struct {
				BaseLoc string `xml:"BaseLoc,attr"`
			} `xml:"Page"`
		} `xml:"Pages"`
	}
	if err := decodeXML(data, &doc); err != nil {
		return docText{}, damaged(FormatOFD, docPath+": "+err.Error())
	}
	if len(doc.Pages.Page) > maxOFDPages {
		return docText{}, damaged(FormatOFD, strconv.Itoa(len(doc.Pages.Page))+" pages, more than "+strconv.Itoa(maxOFDPages))
	}
	dir := path.Dir(docPath)
	var pages [][]layoutLine
	for _, p := range doc.Pages.Page {
		runs, err := ofdPageRuns(z, ofdPath(dir, p.BaseLoc))
		if err != nil {
			return docText{}, err
		}
		pages = append(pages, ofdLines(runs))
	}
	text, warns := joinPages(pages)
	return docText{text: text, enc: string(FormatOFD), warns: warns}, nil
}

// ofdPath resolves a location in an OFD package: absolute from the root
// when it starts with a slash, else relative to dir.
func ofdPath(dir, loc string) string {
	loc = strings.TrimSpace(strings.ReplaceAll(loc, "\\", "/"))
	if strings.HasPrefix(loc, "/") {
		return strings.TrimPrefix(path.Clean(loc), "/")
	}
	return strings.TrimPrefix(path.Clean("/"+path.Join(dir, loc)), "/")
}

// decodeXML unmarshals a small XML part (OFD.xml, Document.xml), within
// maxXMLDepth levels.
func decodeXML(data []byte, v any) error {
	if err := checkDepth(data); err != nil {
		return err
	}
	return xml.Unmarshal(data, v)
}

// checkDepth returns an error when XML nests more than maxXMLDepth levels.
func checkDepth(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return errTooDeep
			}
		case xml.EndElement:
			depth--
		}
	}
}

// ofdPageRuns reads the text runs of one page's content.
func ofdPageRuns(z *zip.Reader, name string) ([]ofdRun, error) {
	m := zipMember(z, name)
	if m == nil {
		return nil, damaged(FormatOFD, "no page "+name)
	}
	data, err := readMember(FormatOFD, m)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	var (
		runs    []ofdRun
		depth   int
		objects int
		skip    = -1 // depth of a skipped subtree
		box     []float64
		size    float64
		code    *ofdRun // the TextCode being read
		deltas  []float64
		inCode  bool
		textBuf strings.Builder
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, damaged(FormatOFD, name+": "+strings.TrimPrefix(err.Error(), "XML syntax error on "))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return nil, damaged(FormatOFD, name+": "+errTooDeep.Error())
			}
			if skip >= 0 {
				continue
			}
			switch t.Name.Local {
			case "Template", "Annotations", "Actions", "Clips":
				skip = depth
			case "TextObject":
				objects++
				box, size = []float64{0, 0, 0, 0}, 0
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "Boundary":
						if v := numbers(a.Value); len(v) == 4 {
							box = v
						}
					case "Size":
						size, _ = strconv.ParseFloat(strings.TrimSpace(a.Value), 64)
					}
				}
			case "TextCode":
				code = &ofdRun{size: size, object: objects}
				deltas = nil
				var x, y float64
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "X":
						x, _ = strconv.ParseFloat(strings.TrimSpace(a.Value), 64)
					case "Y":
						y, _ = strconv.ParseFloat(strings.TrimSpace(a.Value), 64)
					case "DeltaX":
						deltas = deltaX(a.Value)
					}
				}
				if len(box) == 4 {
					code.x, code.y = box[0]+x, box[1]+y
				}
				inCode = true
				textBuf.Reset()
			}
		case xml.EndElement:
			if skip >= 0 {
				if depth == skip {
					skip = -1
				}
				depth--
				continue
			}
			if t.Name.Local == "TextCode" && code != nil {
				code.text = textBuf.String()
				code.end = runEnd(code, deltas)
				if strings.TrimSpace(code.text) != "" && finite(code.x, code.y, code.end) {
					runs = append(runs, *code)
				}
				code, inCode = nil, false
			}
			depth--
		case xml.CharData:
			if inCode && skip < 0 {
				textBuf.Write(t)
			}
		}
	}
	return runs, nil
}

// finite reports whether every value is a finite number.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// numbers parses a space-separated list of numbers; nil if one is not a
// number.
func numbers(s string) []float64 {
	var out []float64
	for _, f := range strings.Fields(s) {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil
		}
		out = append(out, v)
	}
	return out
}

// maxDeltaRepeat bounds "g N d" in DeltaX: no run has more glyphs than
// its page could hold.
const maxDeltaRepeat = 10000

// deltaX expands a DeltaX list, where "g 3 5.2" stands for 5.2 three times.
func deltaX(s string) []float64 {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if f[i] == "g" && i+2 < len(f) {
			n, err1 := strconv.Atoi(f[i+1])
			d, err2 := strconv.ParseFloat(f[i+2], 64)
			if err1 == nil && err2 == nil && n > 0 && n <= maxDeltaRepeat && len(out)+n <= maxDeltaRepeat {
				for range n {
					out = append(out, d)
				}
			}
			i += 2
			continue
		}
		if d, err := strconv.ParseFloat(f[i], 64); err == nil && len(out) < maxDeltaRepeat {
			out = append(out, d)
		}
	}
	return out
}

// runEnd returns where a run's last glyph ends: its start, the advances
// DeltaX gives, and one glyph's width (the font size; Chinese glyphs are
// square) for the last, or for every glyph DeltaX leaves out.
func runEnd(r *ofdRun, deltas []float64) float64 {
	size := r.size
	if size <= 0 {
		size = 3.5 // 10.5 pt, the body size of official documents, in mm
	}
	glyphs := len([]rune(r.text))
	end := r.x
	for i := 0; i < glyphs-1; i++ {
		if i < len(deltas) {
			end += deltas[i]
		} else {
			end += size
		}
	}
	return end + size
}

// ofdLines puts a page's runs into reading order: lines by baseline, top
// to bottom, and runs left to right within a line. Runs whose baselines
// lie within a third of the font size share a line; they are joined
// directly, with a space only where a gap of more than one glyph lies
// between them.
func ofdLines(runs []ofdRun) []layoutLine {
	sort.SliceStable(runs, func(i, j int) bool {
		if runs[i].y != runs[j].y {
			return runs[i].y < runs[j].y
		}
		return runs[i].x < runs[j].x
	})
	var lines [][]ofdRun
	for _, r := range runs {
		if n := len(lines); n > 0 {
			last := lines[n-1]
			tol := math.Max(last[0].size, r.size) / 3
			if tol <= 0 {
				tol = 1
			}
			if math.Abs(r.y-last[0].y) <= tol {
				lines[n-1] = append(last, r)
				continue
			}
		}
		lines = append(lines, []ofdRun{r})
	}
	out := make([]layoutLine, 0, len(lines))
	for _, l := range lines {
		sort.SliceStable(l, func(i, j int) bool { return l[i].x < l[j].x })
		var b strings.Builder
		ll := layoutLine{left: l[0].x}
		for i, r := range l {
			if i > 0 {
				gap := r.x - l[i-1].end
				size := math.Max(r.size, 1)
				if gap > size {
					b.WriteByte(' ')
				}
			}
			b.WriteString(r.text)
			ll.right = math.Max(ll.right, r.end)
			ll.size = math.Max(ll.size, r.size)
		}
		ll.text = b.String()
		out = append(out, ll)
	}
	return out
}
