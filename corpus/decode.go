package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encoding names recorded in Doc.Encoding.
const (
	EncUTF8    = "utf-8"
	EncUTF8BOM = "utf-8-bom"
	EncUTF16LE = "utf-16le"
	EncUTF16BE = "utf-16be"
	EncGB18030 = "gb18030"
	EncBig5    = "big5"
	// EncUTF8UnderUTF16BOM is UTF-8 text behind a UTF-16 byte-order mark,
	// which some converters write; the report gets a warning.
	EncUTF8UnderUTF16BOM = "utf-8-under-utf16-bom"
)

// The kinds of file Decode and ReadFile refuse. Test for them with
// errors.Is; the error itself is a *DecodeError or a *ReadError that says
// more.
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary file")
	ErrTooLarge    = errors.New("file too large")
	ErrUndecodable = errors.New("neither UTF-8 nor GB18030")
)

// maxControlRatio is the share of control bytes (other than tab, line feed,
// carriage return, vertical tab and form feed) above which a file is binary.
// Typed text has none; a stray DOS end-of-file mark or escape sequence should
// not make a report unreadable, but a file that is a tenth control bytes is
// not something a township office typed.
const maxControlRatio = 0.10

// minTextRatio is the share of characters that must be ordinary report text
// (ASCII, Han, CJK punctuation and the symbols GB2312 carries) before a
// guess is accepted: GB18030 for a file that is not UTF-8, or UTF-16 for a
// file without a byte-order mark. A real report scores close to 1; bytes
// that happen to decode score far lower because most of the code space is
// other scripts, private use and unassigned.
const minTextRatio = 0.95

// minCJKRatio is the share of non-space characters that must be Han or CJK
// punctuation before a file without a byte-order mark is read as UTF-16.
// A report is mostly Chinese; binary data read as UTF-16 is not.
const minCJKRatio = 0.5

// minUTF16Units is the fewest UTF-16 code units a file without a byte-order
// mark must hold before it is read as UTF-16: below that the ratios above
// say nothing, and a short file with NUL bytes is far more likely binary.
const minUTF16Units = 16

// mostlyUTF8Factor decides that a file which is not valid UTF-8 was still
// meant as UTF-8: when it has at least this many valid multi-byte sequences
// per run of invalid bytes. GBK text read as UTF-8 has far more invalid bytes than
// valid sequences; a UTF-8 report with a damaged byte has the reverse, and
// must not be misread as GB18030 mojibake.
const mostlyUTF8Factor = 10

// DecodeError says why raw bytes could not be read as a report.
type DecodeError struct {
	Err    error  // ErrEmpty, ErrBinary or ErrUndecodable
	Reason string // detail, e.g. "NUL byte"; may be empty
	Offset int    // byte offset in the raw input the Reason refers to, or -1
	// Enc is set when a byte-order mark named the encoding and the bytes
	// are not valid in it; GB18030 was then not tried.
	Enc string
}

// Error returns the kind and detail on one line, e.g.
// "binary file (NUL byte at offset 12)".
func (e *DecodeError) Error() string {
	kind := e.Err.Error()
	if e.Enc != "" {
		kind = "invalid " + e.Enc
	}
	switch {
	case e.Reason != "" && e.Offset >= 0:
		return fmt.Sprintf("%s (%s at offset %d)", kind, e.Reason, e.Offset)
	case e.Reason != "":
		return fmt.Sprintf("%s (%s)", kind, e.Reason)
	}
	return kind
}

// Unwrap returns the sentinel kind so errors.Is works.
func (e *DecodeError) Unwrap() error { return e.Err }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Decode detects the encoding of raw and returns its text as UTF-8 and the
// encoding name (one of the Enc* constants).
//
// It tries, in order: a UTF-8 byte-order mark; a UTF-16 LE or BE byte-order
// mark; NUL bytes or mostly control bytes, which mean binary unless the
// bytes read cleanly as Chinese UTF-16 without a byte-order mark; valid
// UTF-8; GB18030 (of which GBK and GB2312 are subsets) when it decodes
// without a replacement character and the result looks like report text.
// Anything else is undecodable.
//
// The byte-order mark is not part of the text. A multi-byte sequence cut
// off at the very end of raw (an interrupted copy) is dropped; any other
// invalid byte is an error. A file that holds only white space is empty.
//
// On failure text and enc are empty and err is a *DecodeError whose Err is
// ErrEmpty, ErrBinary or ErrUndecodable.
func Decode(raw []byte) (text string, enc string, err error) {
	if len(raw) == 0 {
		return "", "", &DecodeError{Err: ErrEmpty, Offset: -1}
	}
	switch {
	case bytes.HasPrefix(raw, bomUTF8):
		text, err = decodeUTF8(raw, len(bomUTF8))
		enc = EncUTF8BOM
	case bytes.HasPrefix(raw, bomUTF16LE):
		text, enc, err = decodeUnderUTF16BOM(raw, len(bomUTF16LE), xunicode.LittleEndian)
	case bytes.HasPrefix(raw, bomUTF16BE):
		text, enc, err = decodeUnderUTF16BOM(raw, len(bomUTF16BE), xunicode.BigEndian)
	default:
		text, enc, err = decodeNoBOM(raw)
	}
	if err != nil {
		return "", "", err
	}
	if strings.TrimSpace(text) == "" {
		e := &DecodeError{Err: ErrEmpty, Offset: -1}
		if text != "" {
			e.Reason = "only white space"
		}
		return "", "", e
	}
	return text, enc, nil
}

// decodeNoBOM decodes raw, which starts with no byte-order mark.
func decodeNoBOM(raw []byte) (string, string, error) {
	if nul := bytes.IndexByte(raw, 0); nul >= 0 {
		for _, order := range []xunicode.Endianness{xunicode.LittleEndian, xunicode.BigEndian} {
			if text, ok := sniffUTF16(raw, order); ok {
				return text, utf16Name(order), nil
			}
		}
		return "", "", &DecodeError{Err: ErrBinary, Reason: "NUL byte", Offset: nul}
	}
	if err := checkControls(raw); err != nil {
		return "", "", err
	}
	bad, cut := invalidUTF8(raw)
	if bad < 0 {
		return string(raw[:cut]), EncUTF8, nil
	}
	if isMostlyUTF8(raw) {
		return "", "", &DecodeError{Err: ErrUndecodable, Reason: "invalid byte", Offset: bad}
	}
	text, gbBad := decodeGB18030(raw)
	if gbBad < 0 && isPlausibleText(text) && isCommonGB(raw) {
		return text, EncGB18030, nil
	}
	// Traditional Chinese from Taiwan or Hong Kong arrives in Big5, which
	// reads as GBK's rare characters.
	if text, ok := decodeBig5(raw); ok {
		return text, EncBig5, nil
	}
	if gbBad >= 0 {
		return "", "", &DecodeError{Err: ErrUndecodable, Reason: "invalid byte", Offset: max(bad, gbBad)}
	}
	if isPlausibleText(text) {
		// Valid GB18030 made mostly of characters a Chinese text hardly
		// uses: Japanese Shift-JIS reads like this.
		return "", "", &DecodeError{Err: ErrUndecodable, Reason: "mostly rare characters, not Chinese text (Shift-JIS?)", Offset: -1}
	}
	return "", "", &DecodeError{Err: ErrUndecodable, Reason: "invalid byte", Offset: bad}
}

// minCommonGBRatio is the share of a GB18030 file's two-byte Han
// characters that must be GB2312's (rows 0xB0–0xF7), which hold every
// character in common use. A Chinese report is nearly all of them; Big5
// or Shift-JIS bytes read as GBK land in its extension rows instead.
const minCommonGBRatio = 0.5

// isCommonGB reports whether most two-byte Han characters of raw, read as
// GB18030, are in GB2312's Han rows.
func isCommonGB(raw []byte) bool {
	common, han := 0, 0
	for i := 0; i < len(raw); {
		c := raw[i]
		switch {
		case c < 0x80:
			i++
			continue
		case c >= 0x81 && c <= 0xFE && i+1 < len(raw) && raw[i+1] >= 0x30 && raw[i+1] <= 0x39:
			i += 4 // a four-byte sequence
			continue
		}
		if i+1 >= len(raw) {
			break
		}
		if c < 0xA1 || c > 0xA9 { // rows A1–A9 are symbols
			han++
			if c >= 0xB0 && c <= 0xF7 && raw[i+1] >= 0xA1 {
				common++
			}
		}
		i += 2
	}
	return han == 0 || float64(common) >= minCommonGBRatio*float64(han)
}

// decodeBig5 reads raw as Big5 when that gives plausible, mostly Chinese
// text with no undecodable byte.
func decodeBig5(raw []byte) (string, bool) {
	out, err := traditionalchinese.Big5.NewDecoder().Bytes(raw)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	text := string(out)
	// Prose has its commas and full stops; bytes that merely decode have
	// none of Big5's.
	return text, isPlausibleText(text) && isMostlyCJK(text) && strings.ContainsAny(text, "，。")
}

// decodeUnderUTF16BOM decodes raw, which starts with a UTF-16 byte-order
// mark of length start. Some converters write that mark in front of UTF-8
// text; read as UTF-16 it gives Hangul and Yi. When it does not read as
// plausible UTF-16 but does as UTF-8, it is read as UTF-8.
func decodeUnderUTF16BOM(raw []byte, start int, order xunicode.Endianness) (string, string, error) {
	text, err := decodeUTF16(raw, start, order)
	if err == nil && isPlausibleText(text) {
		return text, utf16Name(order), nil
	}
	body := raw[start:]
	if bad, cut := invalidUTF8(body); bad < 0 && bytes.IndexByte(body, 0) < 0 {
		if t := string(body[:cut]); isPlausibleText(t) {
			return t, EncUTF8UnderUTF16BOM, nil
		}
	}
	if err != nil {
		return "", "", err
	}
	return "", "", &DecodeError{Err: ErrUndecodable, Reason: "not text in the encoding its byte-order mark names", Offset: -1, Enc: utf16Name(order)}
}

// utf16Name returns the encoding name for a UTF-16 byte order.
func utf16Name(order xunicode.Endianness) string {
	if order == xunicode.BigEndian {
		return EncUTF16BE
	}
	return EncUTF16LE
}

// decodeUTF8 decodes raw[start:], which must be UTF-8.
func decodeUTF8(raw []byte, start int) (string, error) {
	body := raw[start:]
	if nul := bytes.IndexByte(body, 0); nul >= 0 {
		return "", &DecodeError{Err: ErrBinary, Reason: "NUL byte", Offset: start + nul}
	}
	if err := checkControls(body); err != nil {
		return "", err
	}
	bad, cut := invalidUTF8(body)
	if bad >= 0 {
		return "", &DecodeError{Err: ErrUndecodable, Reason: "invalid byte", Offset: start + bad, Enc: EncUTF8BOM}
	}
	return string(body[:cut]), nil
}

// invalidUTF8 returns the offset of the first invalid byte in b, or -1, and
// the length of the valid prefix to keep: len(b), or less when b ends in a
// cut-off multi-byte sequence.
func invalidUTF8(b []byte) (bad, keep int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRune(b[i:]) {
				// A valid start of a sequence that runs off the end.
				return -1, i
			}
			return i, i
		}
		i += size
	}
	return -1, len(b)
}

// isMostlyUTF8 reports whether b, which is not valid UTF-8, still has many
// more valid multi-byte UTF-8 sequences than runs of invalid bytes: a
// damaged UTF-8 file rather than text in another encoding.
func isMostlyUTF8(b []byte) bool {
	valid, invalid := 0, 0
	inRun := false
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			inRun = false
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r != utf8.RuneError || size > 1:
			valid++
			inRun = false
		case !inRun:
			invalid++
			inRun = true
		}
		i += size
	}
	return valid >= mostlyUTF8Factor*invalid
}

// checkControls returns a binary-file error when more than maxControlRatio
// of b are control bytes.
func checkControls(b []byte) error {
	n := 0
	for _, c := range b {
		if isControlByte(c) {
			n++
		}
	}
	if n > 0 && float64(n) > maxControlRatio*float64(len(b)) {
		return &DecodeError{Err: ErrBinary, Reason: fmt.Sprintf("%d of %d bytes are control bytes", n, len(b)), Offset: -1}
	}
	return nil
}

// isControlByte reports whether c is an ASCII control byte that typed text
// does not contain. Tab, line feed, vertical tab, form feed and carriage
// return are text.
func isControlByte(c byte) bool {
	switch c {
	case '\t', '\n', '\v', '\f', '\r':
		return false
	}
	return c < 0x20 || c == 0x7F
}

// decodeGB18030 decodes b as GB18030. It returns the text and -1, or the
// offset of the first byte that is not GB18030. A multi-byte sequence cut
// off at the end of b is dropped.
func decodeGB18030(b []byte) (string, int) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
		return string(out), -1
	}
	bad, keep := firstBadGB18030(b)
	if bad >= 0 {
		return "", bad
	}
	out, err = simplifiedchinese.GB18030.NewDecoder().Bytes(b[:keep])
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", keep // cannot happen: firstBadGB18030 checked b[:keep]
	}
	return string(out), -1
}

// maxGB18030Len is the longest GB18030 byte sequence for one character.
const maxGB18030Len = 4

// firstBadGB18030 walks b one character at a time and returns the offset of
// the first byte that does not start a GB18030 character, or -1, and the
// length of the prefix to keep: len(b), or less when b ends in a cut-off
// multi-byte sequence.
func firstBadGB18030(b []byte) (bad, keep int) {
	dec := simplifiedchinese.GB18030.NewDecoder()
	var dst [utf8.UTFMax]byte
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		// Offer the decoder 1, 2, then 4 bytes, so the first rune it
		// writes is the only one and nSrc is its length.
		n := 0
		for w := 1; n == 0; w *= 2 {
			end := min(i+w, len(b))
			nDst, nSrc, err := dec.Transform(dst[:], b[i:end], false)
			switch {
			case nSrc > 0:
				if r, _ := utf8.DecodeRune(dst[:nDst]); r == utf8.RuneError {
					return i, i
				}
				n = nSrc
			case !errors.Is(err, transform.ErrShortSrc):
				return i, i
			case end == len(b):
				return -1, i // cut off at the end
			case w >= maxGB18030Len:
				return i, i // cannot happen: no character is longer
			}
		}
		i += n
	}
	return -1, len(b)
}

// decodeUTF16 decodes raw, which starts with a UTF-16 byte-order mark of
// length start.
func decodeUTF16(raw []byte, start int, order xunicode.Endianness) (string, error) {
	keep, err := checkUTF16(raw, start, order)
	if err != nil {
		return "", err
	}
	return utf16Bytes(raw[start:keep], order), nil
}

// utf16Bytes decodes b, UTF-16 in the given byte order with no byte-order
// mark, and already checked by checkUTF16.
func utf16Bytes(b []byte, order xunicode.Endianness) string {
	out, err := xunicode.UTF16(order, xunicode.IgnoreBOM).NewDecoder().Bytes(b)
	if err != nil {
		// checkUTF16 has ruled out everything the decoder rejects.
		panic("corpus: UTF-16 decoder failed on checked input: " + err.Error())
	}
	return string(out)
}

// checkUTF16 checks raw[start:] as UTF-16 in the given byte order and
// returns the end of the part to decode: a final odd byte or a final high
// surrogate without its partner, cut off by an interrupted copy, is
// dropped. NUL characters, too many control characters and unpaired
// surrogates are errors.
func checkUTF16(raw []byte, start int, order xunicode.Endianness) (int, error) {
	end := start + (len(raw)-start)&^1
	controls, units := 0, (end-start)/2
	for i := start; i < end; i += 2 {
		u := utf16Unit(raw[i:], order)
		switch {
		case u == 0:
			return 0, &DecodeError{Err: ErrBinary, Reason: "NUL character", Offset: i}
		case u < 0x80 && isControlByte(byte(u)):
			controls++
		case utf16.IsSurrogate(rune(u)):
			if u >= 0xDC00 {
				return 0, &DecodeError{Err: ErrUndecodable, Reason: "unpaired surrogate", Offset: i, Enc: utf16Name(order)}
			}
			if i+2 >= end {
				return i, nil // cut-off surrogate pair
			}
			if v := utf16Unit(raw[i+2:], order); v < 0xDC00 || v > 0xDFFF {
				return 0, &DecodeError{Err: ErrUndecodable, Reason: "unpaired surrogate", Offset: i, Enc: utf16Name(order)}
			}
			i += 2
		}
	}
	if controls > 0 && float64(controls) > maxControlRatio*float64(units) {
		return 0, &DecodeError{Err: ErrBinary, Reason: fmt.Sprintf("%d of %d characters are control characters", controls, units), Offset: -1}
	}
	return end, nil
}

// utf16Unit returns the UTF-16 code unit at the start of b.
func utf16Unit(b []byte, order xunicode.Endianness) uint16 {
	if order == xunicode.BigEndian {
		return uint16(b[0])<<8 | uint16(b[1])
	}
	return uint16(b[1])<<8 | uint16(b[0])
}

// sniffUTF16 reads raw, which has NUL bytes and no byte-order mark, as
// UTF-16 in the given order. It succeeds only when raw is long enough,
// checks cleanly and the text is plausible and mostly Chinese, so binary
// data is not mistaken for text.
func sniffUTF16(raw []byte, order xunicode.Endianness) (string, bool) {
	if len(raw)/2 < minUTF16Units {
		return "", false
	}
	keep, err := checkUTF16(raw, 0, order)
	if err != nil {
		return "", false
	}
	text := utf16Bytes(raw[:keep], order)
	if !isPlausibleText(text) || !isMostlyCJK(text) {
		return "", false
	}
	return text, true
}

// isPlausibleText reports whether at least minTextRatio of the characters in
// s are ones a report is made of.
func isPlausibleText(s string) bool {
	good, all := 0, 0
	for _, r := range s {
		all++
		if isTextRune(r) {
			good++
		}
	}
	return all > 0 && float64(good) >= minTextRatio*float64(all)
}

// isMostlyCJK reports whether at least minCJKRatio of the non-space
// characters in s are Han or CJK punctuation.
func isMostlyCJK(s string) bool {
	cjk, all := 0, 0
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		all++
		if unicode.Is(unicode.Han, r) || isCJKPunct(r) {
			cjk++
		}
	}
	return all > 0 && float64(cjk) >= minCJKRatio*float64(all)
}

// isCJKPunct reports whether r is in the CJK symbols and punctuation or the
// half- and full-width forms blocks.
func isCJKPunct(r rune) bool {
	return (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF && r != utf8.RuneError)
}

// isTextRune reports whether r is a character a report is made of: white
// space, printable ASCII, Han, CJK punctuation and full-width forms, and
// the symbol, Latin, Greek and Cyrillic blocks GB2312 draws from.
func isTextRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
		return true
	case r >= 0x20 && r < 0x7F:
		return true
	case r == utf8.RuneError:
		return false
	case unicode.Is(unicode.Han, r), isCJKPunct(r):
		return true
	case r >= 0x00A0 && r <= 0x02FF, // Latin-1, Latin extended (pinyin), modifiers
		r >= 0x0370 && r <= 0x04FF, // Greek, Cyrillic
		r >= 0x2000 && r <= 0x27BF, // punctuation, letterlike, numbers, arrows, maths, boxes, shapes, dingbats
		r >= 0x3100 && r <= 0x33FF, // bopomofo, enclosed CJK, CJK compatibility
		r >= 0xF900 && r <= 0xFAFF, // CJK compatibility ideographs
		r >= 0xFE10 && r <= 0xFE4F: // vertical and compatibility forms
		return true
	case r == 0xFEFF: // a byte-order mark left between joined files
		return true
	}
	return false
}
