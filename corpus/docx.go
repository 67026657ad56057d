package corpus

import (
	"archive/zip"
	"encoding/xml"
	"path"
	"strings"
)

// docxRules read WordprocessingML (word/document.xml). Only the body is
// read: headers and footers live in parts of their own and are page
// furniture, as are footnotes and comments. Tracked deletions
// (w:delText, and text moved away, w:moveFrom), field codes (w:instrText:
// the field's result is read), and mc:Fallback, the copy of a drawing's
// text kept for older readers beside mc:Choice, are not read, so no text
// is read twice.
var docxRules = &xmlRules{
	para:      set("p"),
	cell:      "tc",
	row:       "tr",
	text:      set("t"),
	skip:      set("delText", "instrText", "Fallback", "moveFrom", "rPr", "pPr", "sectPr", "del"),
	tab:       set("tab", "ptab"),
	lineBreak: set("br", "cr"),
}

// set makes a set of names.
func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// readDocx reads the body text of a .docx.
func readDocx(raw []byte) (docText, error) {
	z, err := openZip(FormatDocx, raw)
	if err != nil {
		return docText{}, err
	}
	part := docxMainPart(z)
	data, err := readZipMember(FormatDocx, z, part)
	if err != nil {
		return docText{}, err
	}
	text, err := xmlText(FormatDocx, part, data, docxRules)
	if err != nil {
		return docText{}, err
	}
	return docText{text: text, enc: string(FormatDocx)}, nil
}

// docxMainPart returns the name of the document's main part: where the
// package relationships point, word/document.xml when they say nothing.
func docxMainPart(z *zip.Reader) string {
	const fallback = "word/document.xml"
	m := zipMember(z, "_rels/.rels")
	if m == nil {
		return fallback
	}
	data, err := readMember(FormatDocx, m)
	if err != nil {
		return fallback
	}
	var rels struct {
		Rel []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(data, &rels) != nil {
		return fallback
	}
	for _, r := range rels.Rel {
		if strings.HasSuffix(r.Type, "/officeDocument") && r.Target != "" {
			return strings.TrimPrefix(path.Clean("/"+r.Target), "/")
		}
	}
	return fallback
}
