package corpus

import (
	"bytes"
	"encoding/binary"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"
	"golang.org/x/text/encoding/charmap"
)

// How a Word 97–2003 file (.doc, and .wps as Kingsoft WPS writes it) holds
// its text ([MS-DOC]): the WordDocument stream opens with the File
// Information Block (FIB), which gives the length of the main text in
// characters (ccpText) and where the piece table (the Clx) lies in the
// table stream, 0Table or 1Table as a flag in the FIB says. The piece
// table cuts the text into pieces, each stored either as UTF-16 or, when
// "compressed", one byte per character in Windows-1252. Only the main
// text is read: footnotes, headers, footers, comments and text boxes
// follow it and are left out. Fields are stored as 0x13 code 0x14 result
// 0x15; the code is dropped and the result kept.

// Offsets and values in the FIB.
const (
	fibIdent        = 0xA5EC // wIdent of a Word 8 (97) and later file
	fibMinWord97    = 101    // the lowest nFib of Word 97 and later; Word 6 and 95 write less
	fibFlagsAt      = 0x0A
	fibEncrypted    = 0x0100 // fEncrypted
	fibWhichTable   = 0x0200 // fWhichTblStm: the table stream is 1Table
	fibBaseLen      = 32
	fibCcpTextIndex = 3  // ccpText in FibRgLw97
	fibClxIndex     = 33 // fcClx/lcbClx in FibRgFcLcb97
)

// maxPieces bounds the piece table: a document edited for years without a
// full save has a few thousand pieces.
const maxPieces = 1 << 20

// sniffOLE tells the formats an OLE compound file may be by its streams.
func sniffOLE(raw []byte) (Format, error) {
	doc, err := mscfb.New(bytes.NewReader(raw))
	if err != nil {
		return "", &formatError{Reason: "damaged OLE compound file (" + err.Error() + ")",
			Hint: "if it is a .doc or .wps report, open it and save it again", Err: ErrDamaged}
	}
	var works bool
	for _, f := range doc.File {
		switch f.Name {
		case "WordDocument":
			return FormatDoc, nil
		case "Workbook", "Book":
			return "", notRead(typeSheet, "Excel 97 workbook")
		case "PowerPoint Document":
			return "", notRead(typeSlides, "PowerPoint 97 presentation")
		case "CONTENTS", "MatOST":
			works = true
		}
	}
	if works {
		return "", notRead(typeWorks, "Microsoft Works word processor")
	}
	return "", notRead(typeOther, "OLE compound file without a Word document")
}

// readWordDoc reads the main text of a Word 97–2003 binary file.
func readWordDoc(raw []byte) (docText, error) {
	doc, err := mscfb.New(bytes.NewReader(raw))
	if err != nil {
		return docText{}, damaged(FormatDoc, err.Error())
	}
	streams := map[string]*mscfb.File{}
	for _, f := range doc.File {
		switch f.Name {
		case "WordDocument", "0Table", "1Table":
			if _, seen := streams[f.Name]; !seen {
				streams[f.Name] = f
			}
		}
	}
	wd, err := readStream(streams["WordDocument"], len(raw))
	if err != nil || len(wd) < 0x1AA {
		return docText{}, damaged(FormatDoc, "no readable WordDocument stream")
	}
	if binary.LittleEndian.Uint16(wd) != fibIdent {
		return docText{}, damaged(FormatDoc, "no Word file information block")
	}
	if nFib := binary.LittleEndian.Uint16(wd[2:]); nFib < fibMinWord97 {
		return docText{}, &formatError{Reason: "a Word 6 or Word 95 document (nFib " + strconv.Itoa(int(nFib)) + ")",
			Hint: "open it in Word, WPS or LibreOffice and save it as .docx", Err: ErrNotRead}
	}
	flags := binary.LittleEndian.Uint16(wd[fibFlagsAt:])
	if flags&fibEncrypted != 0 {
		return docText{}, &formatError{Reason: "a password-protected Word document",
			Hint: "open it, remove the password and save it again", Err: ErrNotRead}
	}
	table := "0Table"
	if flags&fibWhichTable != 0 {
		table = "1Table"
	}
	ccpText, fcClx, lcbClx, ok := fibFields(wd)
	if !ok {
		return docText{}, damaged(FormatDoc, "file information block cut short")
	}
	tbl, err := readStream(streams[table], len(raw))
	if err != nil {
		return docText{}, damaged(FormatDoc, "no readable "+table+" stream")
	}
	if uint64(fcClx)+uint64(lcbClx) > uint64(len(tbl)) {
		return docText{}, damaged(FormatDoc, "piece table outside the "+table+" stream")
	}
	pieces, err := pieceTable(tbl[fcClx : fcClx+lcbClx])
	if err != nil {
		return docText{}, err
	}
	text, err := pieceText(wd, pieces, ccpText)
	if err != nil {
		return docText{}, err
	}
	return docText{text: wordText(text)}, nil
}

// readStream reads an OLE stream whole; it cannot be longer than the file.
func readStream(f *mscfb.File, limit int) ([]byte, error) {
	if f == nil {
		return nil, io.ErrUnexpectedEOF
	}
	if f.Size < 0 || f.Size > int64(limit) {
		return nil, io.ErrUnexpectedEOF
	}
	b := make([]byte, f.Size)
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, err
	}
	return b, nil
}

// fibFields reads ccpText and the position of the Clx from the FIB.
func fibFields(wd []byte) (ccpText, fcClx, lcbClx uint32, ok bool) {
	at := fibBaseLen
	if at+2 > len(wd) {
		return 0, 0, 0, false
	}
	csw := int(binary.LittleEndian.Uint16(wd[at:]))
	at += 2 + csw*2
	if at+2 > len(wd) {
		return 0, 0, 0, false
	}
	cslw := int(binary.LittleEndian.Uint16(wd[at:]))
	lw := at + 2
	at = lw + cslw*4
	if cslw <= fibCcpTextIndex || at+2 > len(wd) {
		return 0, 0, 0, false
	}
	ccpText = binary.LittleEndian.Uint32(wd[lw+fibCcpTextIndex*4:])
	cb := int(binary.LittleEndian.Uint16(wd[at:]))
	fc := at + 2
	if cb <= fibClxIndex || fc+(fibClxIndex+1)*8 > len(wd) {
		return 0, 0, 0, false
	}
	fcClx = binary.LittleEndian.Uint32(wd[fc+fibClxIndex*8:])
	lcbClx = binary.LittleEndian.Uint32(wd[fc+fibClxIndex*8+4:])
	return ccpText, fcClx, lcbClx, true
}

// piece is one run of text in the WordDocument stream: characters
// [cpStart, cpEnd) stored from byte fc, one byte each when compressed.
type piece struct {
	cpStart, cpEnd uint32
	fc             uint32
	compressed     bool
}

// pieceTable reads the pieces from a Clx: property runs (0x01) to skip,
// then the piece table (0x02).
func pieceTable(clx []byte) ([]piece, error) {
	for i := 0; i < len(clx); {
		switch clx[i] {
		case 0x01: // Prc: cbGrpprl, grpprl
			if i+3 > len(clx) {
				return nil, damaged(FormatDoc, "property run cut short")
			}
			i += 3 + int(binary.LittleEndian.Uint16(clx[i+1:]))
		case 0x02: // Pcdt: lcb, PlcPcd
			if i+5 > len(clx) {
				return nil, damaged(FormatDoc, "piece table cut short")
			}
			lcb := int(binary.LittleEndian.Uint32(clx[i+1:]))
			plc := clx[i+5:]
			if lcb < 4 || lcb > len(plc) || (lcb-4)%12 != 0 {
				return nil, damaged(FormatDoc, "piece table of a wrong size")
			}
			n := (lcb - 4) / 12
			if n > maxPieces {
				return nil, damaged(FormatDoc, "more than "+strconv.Itoa(maxPieces)+" pieces")
			}
			pieces := make([]piece, n)
			pcds := plc[(n+1)*4:]
			for k := range pieces {
				fc := binary.LittleEndian.Uint32(pcds[k*8+2:])
				pieces[k] = piece{
					cpStart:    binary.LittleEndian.Uint32(plc[k*4:]),
					cpEnd:      binary.LittleEndian.Uint32(plc[(k+1)*4:]),
					fc:         fc &^ (1 << 30),
					compressed: fc&(1<<30) != 0,
				}
			}
			return pieces, nil
		default:
			return nil, damaged(FormatDoc, "unknown entry in the piece table")
		}
	}
	return nil, damaged(FormatDoc, "no piece table")
}

// pieceText returns the first ccp characters of the text the pieces hold,
// with Word's control characters still in it.
func pieceText(wd []byte, pieces []piece, ccp uint32) (string, error) {
	var b strings.Builder
	var units []uint16
	dec := charmap.Windows1252.NewDecoder()
	for _, p := range pieces {
		if p.cpStart >= ccp {
			break
		}
		end := min(p.cpEnd, ccp)
		if end <= p.cpStart {
			continue
		}
		n := uint64(end - p.cpStart)
		if p.compressed {
			at := uint64(p.fc / 2)
			if at+n > uint64(len(wd)) {
				return "", damaged(FormatDoc, "text piece outside the WordDocument stream")
			}
			s, err := dec.Bytes(wd[at : at+n])
			if err != nil {
				return "", damaged(FormatDoc, "undecodable text piece")
			}
			b.Write(s)
			continue
		}
		at := uint64(p.fc)
		if at+2*n > uint64(len(wd)) {
			return "", damaged(FormatDoc, "text piece outside the WordDocument stream")
		}
		units = units[:0]
		for i := uint64(0); i < n; i++ {
			units = append(units, binary.LittleEndian.Uint16(wd[at+2*i:]))
		}
		b.WriteString(string(utf16.Decode(units)))
	}
	return b.String(), nil
}

// wordText turns Word's control characters into text: paragraph marks and
// line breaks into line ends, table cell marks into tabs (two in a row end
// a table row), field codes dropped with their results kept, and anchors
// of pictures, notes and comments dropped.
func wordText(s string) string {
	b := make([]byte, 0, len(s))
	var fields []bool // open fields; true while in the code part
	inCode := func() bool {
		for _, c := range fields {
			if c {
				return true
			}
		}
		return false
	}
	prev := rune(-1)
	for _, r := range s {
		last := prev
		prev = r
		switch r {
		case 0x13: // field begin: its code follows
			fields = append(fields, true)
			continue
		case 0x14: // field separator: its result follows
			if n := len(fields); n > 0 {
				fields[n-1] = false
			}
			continue
		case 0x15: // field end
			if n := len(fields); n > 0 {
				fields = fields[:n-1]
			}
			continue
		}
		if inCode() {
			continue
		}
		switch r {
		case '\r', 0x0B, 0x0C: // paragraph mark, line break, page or section break
			b = append(b, '\n')
		case 0x07: // end of a table cell; a second one ends the row
			if last == 0x07 && len(b) > 0 && b[len(b)-1] == '\t' {
				b[len(b)-1] = '\n'
			} else {
				b = append(b, '\t')
			}
		case 0x1E: // non-breaking hyphen
			b = append(b, '-')
		case '\t':
			b = append(b, '\t')
		case 0xA0:
			b = append(b, ' ')
		default:
			if r >= 0x20 && r != utf8.RuneError {
				b = utf8.AppendRune(b, r)
			}
		}
	}
	return string(b)
}
