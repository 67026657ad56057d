package corpus

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// MaxFileSize is the default limit on the size of one report file. Reports
// run from 5 to 200 KB; a file eighty times the largest is a scan, an
// archive or several years of reports pasted together, and reading it
// whole would cost memory for nothing worth extracting.
const MaxFileSize = 16 << 20

// MaxContainerSize is the limit on a Word, OpenDocument, OFD or PDF file
// when it is above MaxFileSize. Such a report carries photographs of its
// events and embedded fonts, and reaches 20–40 MB with a few hundred KB of
// text; above 64 MiB it is a scan or an archive of reports.
const MaxContainerSize = 64 << 20

// ReadError says why a report file could not be read and what to do.
// It prints on one line as "read PATH: REASON; HINT".
type ReadError struct {
	Path   string // the file, as given
	Reason string // what is wrong, e.g. "empty file"
	Hint   string // what to do about it; may be empty
	Err    error  // the cause: a sentinel, a *DecodeError or an fs error
}

// Error returns "read PATH: REASON; HINT", leaving out "; HINT" when there
// is none. A path holding line breaks is quoted so the message stays on one
// line.
func (e *ReadError) Error() string {
	path := e.Path
	if strings.ContainsAny(path, "\n\r") {
		path = strconv.Quote(path)
	}
	msg := "read " + path + ": " + e.Reason
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

// Unwrap returns the cause, so errors.Is(err, ErrBinary) and the like work.
func (e *ReadError) Unwrap() error { return e.Err }

// Hints printed after the reason, saying what to do.
const (
	hintEmpty       = "nothing to extract"
	hintBinary      = "not a text report, remove it or convert it to .txt"
	hintTooLarge    = "split the file or pass a larger --max-size"
	hintUndecodable = "re-save the file as UTF-8"
	hintPermission  = "make the file readable (chmod a+r) or run as a user who can read it"
	hintNotExist    = "check the path"
	hintDir         = "pass the folder where folders are searched, or name the .txt files in it"
	hintNotRegular  = "pass a regular .txt file"
)

// ReadFile reads the report at path and decodes it (see Decode). A
// maxSize of zero or less means MaxFileSize; a larger file is refused
// before it is read.
//
// raw holds the file's bytes whenever they could be read, even when
// decoding fails, so the caller can hash them. Any error is a *ReadError
// that names the file, the reason and what to do, on one line, e.g.
//
//	read x.txt: binary file (NUL byte at offset 12); not a text report, remove it or convert it to .txt
//
// and that wraps ErrEmpty, ErrBinary, ErrTooLarge or ErrUndecodable when
// one of them is the cause.
func ReadFile(path string, maxSize int64) (raw []byte, text string, enc string, err error) {
	raw, err = readRaw(path, maxSize)
	if err != nil {
		return nil, "", "", err
	}
	text, enc, err = Decode(raw)
	if err != nil {
		return raw, "", "", &ReadError{Path: path, Reason: err.Error(), Hint: decodeHint(err), Err: err}
	}
	return raw, text, enc, nil
}

// readRaw reads the file at path whole, refusing one over maxSize (0 or
// less means MaxFileSize). A Word, OpenDocument, OFD or PDF file may be
// up to MaxContainerSize, or maxSize when that is larger: its text is a
// small part of it, beside images and fonts.
func readRaw(path string, maxSize int64) ([]byte, error) {
	if maxSize <= 0 {
		maxSize = MaxFileSize
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fsReadError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fsReadError(path, err)
	}
	switch {
	case info.IsDir():
		return nil, &ReadError{Path: path, Reason: "is a folder", Hint: hintDir}
	case !info.Mode().IsRegular():
		return nil, &ReadError{Path: path, Reason: "not a regular file", Hint: hintNotRegular}
	case info.Size() > maxSize:
		// Only files over the limit pay for a look at their first bytes.
		var head [8]byte
		if n, _ := f.ReadAt(head[:], 0); !isContainer(head[:n]) || maxSize >= MaxContainerSize {
			return nil, tooLarge(path, humanBytes(info.Size()), maxSize)
		}
		maxSize = MaxContainerSize
		if info.Size() > maxSize {
			return nil, tooLarge(path, humanBytes(info.Size()), maxSize)
		}
	}
	// The file may have grown since Stat: read one byte past the limit to
	// notice.
	raw, err := io.ReadAll(io.LimitReader(f, maxSize+1))
	if err != nil {
		return nil, fsReadError(path, err)
	}
	if int64(len(raw)) > maxSize {
		return nil, tooLarge(path, "more than "+humanBytes(maxSize), maxSize)
	}
	return raw, nil
}

// tooLarge returns the error for a file of the given size over maxSize.
func tooLarge(path, size string, maxSize int64) error {
	return &ReadError{
		Path:   path,
		Reason: fmt.Sprintf("%s, over the %s limit", size, humanBytes(maxSize)),
		Hint:   hintTooLarge,
		Err:    ErrTooLarge,
	}
}

// decodeHint returns what to do about an error from Decode.
func decodeHint(err error) string {
	switch {
	case errors.Is(err, ErrEmpty):
		return hintEmpty
	case errors.Is(err, ErrBinary):
		return hintBinary
	case errors.Is(err, ErrUndecodable):
		return hintUndecodable
	}
	return ""
}

// fsReadError turns an error from the file system into a *ReadError whose
// reason leaves out the operation and path the fs error repeats.
func fsReadError(path string, err error) error {
	e := &ReadError{Path: path, Reason: err.Error(), Err: err}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		e.Reason = pe.Err.Error()
	}
	switch {
	case errors.Is(err, fs.ErrPermission):
		e.Reason, e.Hint = "permission denied", hintPermission
	case errors.Is(err, fs.ErrNotExist):
		e.Reason, e.Hint = "no such file", hintNotExist
	}
	return e
}

// humanBytes writes a size the way people read it: 812 bytes, 16 MiB,
// 60.5 MiB.
func humanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	v, suffix := float64(n), ""
	for _, s := range []string{"KiB", "MiB", "GiB", "TiB"} {
		v /= unit
		suffix = s
		if v < unit {
			break
		}
	}
	if v == float64(int64(v)) {
		return fmt.Sprintf("%d %s", int64(v), suffix)
	}
	return fmt.Sprintf("%.1f %s", v, suffix)
}
