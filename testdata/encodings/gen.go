//go:build ignore

// Gen writes the same report excerpt in each encoding baogao reads, for the
// corpus tests. Run it from this folder:
//
//	go run gen.go
//
// It takes the first lines of ../reports/003_270b13dd14b0033c.txt and writes
//
//	utf8.txt            UTF-8, no byte-order mark
//	utf8-bom.txt        UTF-8 with a byte-order mark
//	utf16le-bom.txt     UTF-16 little-endian with a byte-order mark
//	utf16be-bom.txt     UTF-16 big-endian with a byte-order mark
//	gb18030.txt         GB18030
//	crlf-fullwidth.txt  UTF-8 with CRLF line ends and full-width digits
package main

import (
	"bytes"
	"log"
	"os"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// source is the report the excerpt is taken from.
const source = "../reports/003_270b13dd14b0033c.txt"

// lines is how many lines the excerpt keeps: enough for a title, headings
// and figures, small enough to read in a diff.
const lines = 40

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	raw, err := os.ReadFile(source)
	if err != nil {
		log.Fatal(err)
	}
	all := strings.SplitAfter(string(raw), "\n")
	text := strings.Join(all[:min(lines, len(all))], "")

	write("utf8.txt", []byte(text))
	write("utf8-bom.txt", append([]byte("\uFEFF"), text...))
	write("utf16le-bom.txt", encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), text))
	write("utf16be-bom.txt", encode(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), text))
	write("gb18030.txt", encode(simplifiedchinese.GB18030, text))

	wide := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r - '0' + '０'
		}
		return r
	}, text)
	write("crlf-fullwidth.txt", []byte(strings.ReplaceAll(wide, "\n", "\r\n")))
}

// encode returns text in enc, failing on any character enc cannot hold.
func encode(enc encoding.Encoding, text string) []byte {
	b, err := enc.NewEncoder().Bytes([]byte(text))
	if err != nil {
		log.Fatalf("encode: %v", err)
	}
	return b
}

// write writes b to name unless it already holds exactly b.
func write(name string, b []byte) {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, b) {
		return
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s (%d bytes)", name, len(b))
}
