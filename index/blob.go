package index

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"io"
	"math"
)

// A part of the record table is gzip of: a magic string, a head, a string
// table and a body. Strings in the body are numbers into the string table
// (str), or written out where they are few (inline); numbers are varints,
// values float64 bits. A part decodes in milliseconds, which a fresh
// compare process needs.

// blobWriter writes one part.
type blobWriter struct {
	ids  map[string]uint64
	strs []string
	body []byte
}

// str appends s as its number in the string table.
func (w *blobWriter) str(s string) {
	if w.ids == nil {
		w.ids = map[string]uint64{}
	}
	id, ok := w.ids[s]
	if !ok {
		id = uint64(len(w.strs))
		w.ids[s] = id
		w.strs = append(w.strs, s)
	}
	w.uvarint(id)
}

// inline appends s written out.
func (w *blobWriter) inline(s string) {
	w.uvarint(uint64(len(s)))
	w.body = append(w.body, s...)
}

func (w *blobWriter) uvarint(v uint64) { w.body = binary.AppendUvarint(w.body, v) }
func (w *blobWriter) varint(v int64)   { w.body = binary.AppendVarint(w.body, v) }

func (w *blobWriter) float(v float64) {
	w.body = binary.LittleEndian.AppendUint64(w.body, math.Float64bits(v))
}

// number appends v as a varint when it is a whole number, as most figures
// are, else as its float64 bits.
func (w *blobWriter) number(v float64) {
	if v == math.Trunc(v) && math.Abs(v) < 1<<52 {
		w.varint(int64(v) * 2)
		return
	}
	w.varint(1)
	w.float(v)
}

func (w *blobWriter) flag(b bool) {
	if b {
		w.body = append(w.body, 1)
	} else {
		w.body = append(w.body, 0)
	}
}

// finish returns the part: magic, head, string table, body, compressed
// unless plain is set (for a part every command reads, which is faster to
// read plain than to decompress).
func (w *blobWriter) finish(magic string, head []byte, plain bool) ([]byte, error) {
	table := blobWriter{}
	table.uvarint(uint64(len(w.strs)))
	for _, s := range w.strs {
		table.inline(s)
	}
	if plain {
		return bytes.Join([][]byte{[]byte(magic), head, table.body, w.body}, nil), nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if err != nil {
		return nil, err
	}
	for _, b := range [][]byte{[]byte(magic), head, table.body, w.body} {
		if _, err := zw.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// blobReader reads a part, remembering the first error: a damaged part
// gives an error, never a panic.
type blobReader struct {
	b    []byte
	strs []string
	err  error
}

// openBlob decompresses a part unless it is plain, checks its magic, lets
// readHead read the head, and reads the string table.
func openBlob(raw []byte, magic string, readHead func(*blobReader)) (*blobReader, error) {
	data := raw
	if !bytes.HasPrefix(raw, []byte(magic)) {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, err
		}
		if data, err = io.ReadAll(zr); err != nil {
			return nil, err
		}
	}
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("unknown format")
	}
	r := &blobReader{b: data[len(magic):]}
	if readHead != nil {
		readHead(r)
	}
	r.strs = make([]string, r.count())
	for i := range r.strs {
		r.strs[i] = r.inline()
	}
	return r, r.err
}

func (r *blobReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *blobReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items that follow, each at least a byte long.
func (r *blobReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return 0
	}
	return int(n)
}

func (r *blobReader) take(n uint64) []byte {
	if uint64(len(r.b)) < n {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *blobReader) inline() string { return string(r.take(r.uvarint())) }

func (r *blobReader) str() string {
	i := r.uvarint()
	if i >= uint64(len(r.strs)) {
		r.fail()
		return ""
	}
	return r.strs[i]
}

func (r *blobReader) float() float64 {
	if b := r.take(8); len(b) == 8 {
		return math.Float64frombits(binary.LittleEndian.Uint64(b))
	}
	return 0
}

// number reads what blobWriter.number wrote.
func (r *blobReader) number() float64 {
	n := r.varint()
	if n == 1 {
		return r.float()
	}
	return float64(n / 2)
}

func (r *blobReader) flag() bool {
	b := r.take(1)
	return len(b) == 1 && b[0] == 1
}

func (r *blobReader) fail() {
	if r.err == nil {
		r.err = errors.New("truncated or damaged")
	}
	r.b = nil
}
