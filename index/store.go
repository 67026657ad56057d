package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// checkStore reads every page of the index's root.bolt, the file in which
// the index library keeps its state, before the library opens it. The
// library panics, or faults on the memory it maps, on a file that is
// truncated or overwritten, and then leaves the file open and locked,
// sometimes in a goroutine of its own where nothing can recover. Read
// here, on this goroutine, with a file handle that is closed whatever
// happens, the damage is an error (ErrDamaged) and leaves no lock behind.
//
// It takes the lock a reader takes: another process writing the index
// makes it an ErrBusy error after lockWait.
func checkStore(path string) (err error) {
	var f *os.File
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			if f != nil {
				f.Close()
			}
			err = &Error{path, ErrDamaged, errors.New(firstLine(fmt.Sprint(p)))}
		}
	}()
	opts := &bolt.Options{ReadOnly: true, Timeout: lockWait, OpenFile: func(name string, _ int, mode os.FileMode) (*os.File, error) {
		file, err := os.OpenFile(name, os.O_RDONLY, mode)
		f = file
		return file, err
	}}
	db, err := bolt.Open(filepath.Join(path, storeName, "root.bolt"), 0o600, opts)
	if errors.Is(err, bolterrors.ErrTimeout) {
		lockWaits.Add(1)
		return &Error{path, ErrBusy, nil}
	}
	if err != nil {
		return &Error{path, ErrDamaged, errors.New(firstLine(err.Error()))}
	}
	defer db.Close()
	if err := db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walkBucket(b) })
	}); err != nil {
		return &Error{path, ErrDamaged, errors.New(firstLine(err.Error()))}
	}
	return nil
}

// walkBucket visits every key of b and of the buckets inside it, so that
// every page of the tree is read.
func walkBucket(b *bolt.Bucket) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if sub := b.Bucket(k); sub != nil {
				return walkBucket(sub)
			}
		}
		return nil
	})
}
