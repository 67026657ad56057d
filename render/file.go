package render

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrWriter remembers the first error of the writes to W, so that a
// writer that does not check each write (a table drawn line by line) can
// still be told to have failed.
type ErrWriter struct {
	W   io.Writer
	Err error
}

func (e *ErrWriter) Write(p []byte) (int, error) {
	if e.Err != nil {
		return 0, e.Err
	}
	n, err := e.W.Write(p)
	if err != nil {
		e.Err = err
	}
	return n, err
}

// WriteFile writes the file at path with write, all or nothing: into a
// new file beside it, which is synced, closed and only then renamed over
// path. A failed write (a full disk, a file-size limit) leaves whatever
// was at path as it was, and returns an error naming path. A path that is
// a link is written where the link leads; a path that is not a regular
// file (/dev/stdout, a pipe) is written in place.
func WriteFile(path string, write func(io.Writer) error) error {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	old, err := os.Stat(path)
	if err == nil && !old.Mode().IsRegular() {
		return writeInPlace(path, write)
	}
	f, tmp, err := createBeside(path)
	if err != nil {
		return writeError(path, err)
	}
	ok := false
	defer func() {
		if !ok {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if old != nil {
		// A file written again keeps its permissions.
		if err := f.Chmod(old.Mode().Perm()); err != nil {
			return writeError(path, err)
		}
	}
	w := &ErrWriter{W: f}
	err = write(w)
	if err == nil {
		err = w.Err
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		err = f.Close()
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return writeError(path, err)
	}
	ok = true
	return nil
}

// writeError is the error of a failed write of path, naming path rather
// than the temporary file the cause may name.
func writeError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("write %s: %w", path, err)
}

// createBeside creates a new file in path's folder, named after path so
// that one left behind by a killed process says what it was.
func createBeside(path string) (*os.File, string, error) {
	dir, base := filepath.Split(path)
	for {
		var b [4]byte
		rand.Read(b[:])
		tmp := filepath.Join(dir, "."+base+"."+hex.EncodeToString(b[:])+".tmp")
		// 0644 less the umask, as os.Create gives.
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		return f, tmp, err
	}
}

// writeInPlace writes to a path that is not a regular file.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return writeError(path, err)
	}
	w := &ErrWriter{W: f}
	err = write(w)
	if err == nil {
		err = w.Err
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return writeError(path, err)
	}
	return nil
}
