package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// maxZipEntries is the most members a .docx, .odt or .ofd may have. A
// report has a few dozen (parts, styles, images, one folder per OFD page);
// a zip that claims hundreds of thousands is built to exhaust memory with
// its directory alone.
const maxZipEntries = 20000

// maxMemberSize is the most bytes read from one member once uncompressed.
// The document part of a 300-page report is about 2 MB; a part that
// inflates beyond 64 MiB is a zip bomb, and is refused after that much
// work, not after all of it.
const maxMemberSize = 64 << 20

// maxInflateRatio is the most a member may claim to inflate, against its
// compressed size. Office XML compresses 5 to 20 times; a member that
// claims hundreds of times more is a zip bomb, or a damaged header that
// would send the inflater through megabytes of nothing.
const maxInflateRatio = 200

// minRatioCheck is the uncompressed size below which the ratio is not
// looked at: a small member of repeated text compresses very well.
const minRatioCheck = 1 << 20

// openZip opens raw as a zip archive after checking that its directory
// does not claim more than maxZipEntries members.
func openZip(f Format, raw []byte) (*zip.Reader, error) {
	if n, ok := zipEntries(raw); ok && n > maxZipEntries {
		return nil, damaged(f, strconv.Itoa(n)+" members in the zip, more than "+strconv.Itoa(maxZipEntries))
	}
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, damaged(f, strings.TrimPrefix(err.Error(), "zip: "))
	}
	if len(z.File) > maxZipEntries {
		return nil, damaged(f, strconv.Itoa(len(z.File))+" members in the zip, more than "+strconv.Itoa(maxZipEntries))
	}
	return z, nil
}

// zipEntries returns the member count that the end of central directory
// record at the end of raw states, and false when there is none to read.
func zipEntries(raw []byte) (int, bool) {
	const eocdLen = 22
	sig := []byte("PK\x05\x06")
	from := max(0, len(raw)-eocdLen-0xFFFF)
	i := bytes.LastIndex(raw[from:], sig)
	if i < 0 || from+i+eocdLen > len(raw) {
		return 0, false
	}
	rec := raw[from+i:]
	return int(binary.LittleEndian.Uint16(rec[10:12])), true
}

// zipMember returns the member called name, ignoring case and a leading
// slash, or nil.
func zipMember(z *zip.Reader, name string) *zip.File {
	name = strings.TrimPrefix(path.Clean("/"+name), "/")
	for _, f := range z.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return f
		}
	}
	return nil
}

// errMemberTooLarge is the cause when a member inflates beyond
// maxMemberSize.
var errMemberTooLarge = errors.New("member too large")

// readMember reads a zip member whole, at most maxMemberSize bytes of it.
func readMember(f Format, m *zip.File) ([]byte, error) {
	if m.UncompressedSize64 > maxMemberSize ||
		(m.UncompressedSize64 > minRatioCheck && m.UncompressedSize64/maxInflateRatio > m.CompressedSize64) {
		return nil, memberTooLarge(f, m.Name)
	}
	rc, err := m.Open()
	if err != nil {
		return nil, damaged(f, m.Name+": "+strings.TrimPrefix(err.Error(), "zip: "))
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxMemberSize+1))
	if err != nil {
		return nil, damaged(f, m.Name+": "+strings.TrimPrefix(err.Error(), "zip: "))
	}
	if len(b) > maxMemberSize {
		return nil, memberTooLarge(f, m.Name)
	}
	return b, nil
}

// memberTooLarge returns the error for a member over maxMemberSize.
func memberTooLarge(f Format, name string) error {
	return &formatError{
		Reason: "." + string(f) + " member " + name + " inflates to more than " + humanBytes(maxMemberSize) + " or " + strconv.Itoa(maxInflateRatio) + " times its size",
		Hint:   "not a report as an office suite writes it; open it and save it as .txt",
		Err:    errors.Join(ErrDamaged, errMemberTooLarge),
	}
}

// readZipMember reads the member called name; a missing member is
// damage.
func readZipMember(f Format, z *zip.Reader, name string) ([]byte, error) {
	m := zipMember(z, name)
	if m == nil {
		return nil, damaged(f, "no "+name)
	}
	return readMember(f, m)
}

// sniffZip tells the formats a zip file may be by their members.
func sniffZip(raw []byte) (Format, error) {
	if n, ok := zipEntries(raw); ok && n > maxZipEntries {
		return "", &formatError{Reason: "zip file of " + strconv.Itoa(n) + " members, more than " + strconv.Itoa(maxZipEntries),
			Hint: "not a report; unpack it and read the folder", Err: ErrNotRead}
	}
	z, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		// A cut-off .docx is still a .docx: let its reader say what is wrong.
		return "", &formatError{Reason: "damaged zip file (" + strings.TrimPrefix(err.Error(), "zip: ") + ")",
			Hint: "if it is a .docx, .odt or .ofd report, open it and save it again", Err: ErrDamaged}
	}
	var sheet, slides bool
	for i, f := range z.File {
		if i > maxZipEntries {
			break
		}
		name := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		switch {
		case name == "word/document.xml":
			return FormatDocx, nil
		case name == "ofd.xml":
			return FormatOFD, nil
		case name == "mimetype":
			if b, err := readMember(FormatODT, f); err == nil {
				switch mt := strings.TrimSpace(string(b)); {
				case mt == "application/vnd.oasis.opendocument.text":
					return FormatODT, nil
				case strings.Contains(mt, "spreadsheet"):
					sheet = true
				case strings.Contains(mt, "presentation"):
					slides = true
				}
			}
		case strings.HasPrefix(name, "xl/"):
			sheet = true
		case strings.HasPrefix(name, "ppt/"):
			slides = true
		}
	}
	switch {
	case sheet:
		return "", notRead(typeSheet, "zipped spreadsheet")
	case slides:
		return "", notRead(typeSlides, "zipped presentation")
	}
	if m := zipMember(z, "[Content_Types].xml"); m != nil {
		// An Office file whose main part is not where Word puts it.
		return FormatDocx, nil
	}
	return "", notRead(typeArchive, "zip")
}
