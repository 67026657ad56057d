package corpus

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// maxXMLDepth is the deepest element nesting read. Word nests a paragraph
// in a table in a text box in a table about 20 levels down; thousands of
// levels are built to exhaust a parser's stack or time.
const maxXMLDepth = 256

// errTooDeep is the cause when XML nests beyond maxXMLDepth.
var errTooDeep = errors.New("XML nested more than " + strconv.Itoa(maxXMLDepth) + " levels deep")

// xmlRules say how one XML vocabulary holds text. Names are local names
// (without namespace prefix): Word and OpenDocument each use one name for
// each thing, whatever prefix a producer binds.
type xmlRules struct {
	// para ends a paragraph: a line, or a space inside a table cell.
	para map[string]bool
	// cell ends a table cell (a tab); row ends a table row (a line).
	cell, row string
	// text holds the character data that is text; when nil, all character
	// data inside a paragraph is.
	text map[string]bool
	// skip holds elements whose whole subtree is never read.
	skip map[string]bool
	// tab and lineBreak are empty elements standing for a tab and a line
	// break.
	tab, lineBreak map[string]bool
	// spaces is an element standing for spaces, as many as its attribute
	// count says (OpenDocument's text:s c="3").
	spaces, count string
}

// xmlText returns the text of an XML part read by rules: paragraphs on
// lines of their own, table rows on one line with their cells separated
// by tabs, so that numbers in neighbouring cells stay apart.
func xmlText(f Format, part string, data []byte, rules *xmlRules) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var (
		out       strings.Builder
		line      strings.Builder // the paragraph or table row being read
		depth     int
		skipUntil = -1 // depth at which a skipped subtree ends
		textDepth = -1 // depth of the element whose character data is text
		inPara    int  // paragraphs open
		inCell    int  // table cells open
	)
	out.Grow(len(data) / 4)
	endLine := func() {
		s := strings.TrimRight(line.String(), " \t")
		if strings.TrimSpace(s) != "" {
			out.WriteString(s)
			out.WriteByte('\n')
		}
		line.Reset()
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", damaged(f, part+": "+strings.TrimPrefix(err.Error(), "XML syntax error on "))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxXMLDepth {
				return "", &formatError{Reason: "." + string(f) + " part " + part + ": " + errTooDeep.Error(),
					Hint: "not a report as an office suite writes it; open it and save it as .txt", Err: errors.Join(ErrDamaged, errTooDeep)}
			}
			if skipUntil >= 0 {
				continue
			}
			name := t.Name.Local
			switch {
			case rules.skip[name]:
				skipUntil = depth
			case rules.para[name]:
				inPara++
			case rules.text[name]:
				textDepth = depth
			case rules.tab[name]:
				line.WriteByte('\t')
			case rules.lineBreak[name]:
				if inCell > 0 {
					line.WriteByte(' ')
				} else {
					endLine()
				}
			case name == rules.spaces:
				n := 1
				for _, a := range t.Attr {
					if a.Name.Local == rules.count {
						if c, err := strconv.Atoi(a.Value); err == nil && c > 0 {
							n = min(c, 80)
						}
					}
				}
				line.WriteString(strings.Repeat(" ", n))
			case name == rules.cell:
				inCell++
			}
		case xml.EndElement:
			if skipUntil >= 0 {
				if depth == skipUntil {
					skipUntil = -1
				}
				depth--
				continue
			}
			name := t.Name.Local
			switch {
			case depth == textDepth:
				textDepth = -1
			case rules.para[name]:
				inPara = max(inPara-1, 0)
				if inCell > 0 {
					line.WriteByte(' ')
				} else {
					endLine()
				}
			case name == rules.cell:
				inCell = max(inCell-1, 0)
				trimSpaceEnd(&line)
				line.WriteByte('\t')
			case name == rules.row:
				endLine()
			}
			depth--
		case xml.CharData:
			if skipUntil >= 0 {
				continue
			}
			if textDepth >= 0 || (rules.text == nil && inPara > 0) {
				line.Write(t)
			}
		}
	}
	endLine()
	return out.String(), nil
}

// trimSpaceEnd drops the spaces a cell's last paragraph left at the end of
// b.
func trimSpaceEnd(b *strings.Builder) {
	s := b.String()
	if t := strings.TrimRight(s, " "); len(t) != len(s) {
		b.Reset()
		b.WriteString(t)
	}
}
