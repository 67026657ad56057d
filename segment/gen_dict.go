//go:build ignore

// gen_dict turns gse's simplified-Chinese dictionary into the compact form
// that package segment embeds, and writes DictVersion.
//
// Usage, from the module root:
//
//	go run ./segment/gen_dict.go
//
// It reads data/dict/zh/s_1.txt from the gse module that go.mod requires
// (found with `go list -m`), keeps exactly the entries gse's own
// LoadDictStr would keep, and writes segment/zh_s.dict.gz and
// segment/dictversion.go. Run it again after editing segment/domain.txt:
// DictVersion hashes both files, and TestDictVersion fails until it is
// regenerated.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"flag"
	"fmt"
	"go/format"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// gseModule is the module whose dictionary is converted; its version comes
// from go.mod so that the artifact always matches the segmenter's code.
const gseModule = "github.com/go-ego/gse"

// revision names the layout of the artifact and the way package segment
// cuts text into terms. Bump it whenever either changes so that DictVersion
// changes and indexes built with the old terms are rebuilt.
const revision = "1"

// magic starts the uncompressed artifact; dict.go checks it.
const magic = "baogao-dict 1\n"

// minFreq and singleRuneFreq copy gse's Segmenter.Size with its default
// MinTokenFreq: rarer entries are dropped and single-rune entries get a
// fixed frequency.
const (
	minFreq        = 2
	singleRuneFreq = 2
)

type entry struct {
	key  string
	freq uint64
	pos  string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen_dict: ")
	src := flag.String("src", "", "gse s_1.txt to read (default: the one in the gse module go.mod requires)")
	out := flag.String("out", "segment", "directory to write zh_s.dict.gz and dictversion.go into")
	flag.Parse()

	version, dir, err := gseDir()
	if err != nil {
		log.Fatal(err)
	}
	if *src == "" {
		*src = filepath.Join(dir, "data", "dict", "zh", "s_1.txt")
	}
	raw, err := os.ReadFile(*src)
	if err != nil {
		log.Fatal(err)
	}
	entries, err := parse(raw)
	if err != nil {
		log.Fatalf("%s: %v", *src, err)
	}
	art, err := encode(entries)
	if err != nil {
		log.Fatal(err)
	}
	artPath := filepath.Join(*out, "zh_s.dict.gz")
	if err := os.WriteFile(artPath, art, 0o644); err != nil {
		log.Fatal(err)
	}
	domain, err := os.ReadFile(filepath.Join(*out, "domain.txt"))
	if err != nil {
		log.Fatal(err)
	}
	if err := writeVersion(filepath.Join(*out, "dictversion.go"), version, art, domain); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d entries from %s (gse %s) -> %s (%d bytes)", len(entries), *src, version, artPath, len(art))
}

// gseDir reports the version and source directory of the gse module.
func gseDir() (version, dir string, err error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}} {{.Dir}}", gseModule).Output()
	if err != nil {
		return "", "", fmt.Errorf("go list -m %s: %w", gseModule, err)
	}
	version, dir, ok := strings.Cut(strings.TrimSpace(string(out)), " ")
	if !ok || dir == "" {
		return "", "", fmt.Errorf("go list -m %s: module not downloaded (run go mod download %s)", gseModule, gseModule)
	}
	return version, dir, nil
}

// parse reads dictionary lines "text freq pos" the way gse's LoadDictStr
// does and returns the kept entries sorted by key. The key is the text as
// gse's trie stores it: full-width forms folded (none occur in s_1.txt, but
// package segment folds its input) and ASCII letters lowered. When two
// lines give the same key, the first wins, as in gse.
func parse(raw []byte) ([]entry, error) {
	seen := make(map[string]bool)
	var entries []entry
	sc := bufio.NewScanner(bytes.NewReader(raw))
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Split(sc.Text(), " ")
		if len(fields) < 2 {
			continue
		}
		text := strings.TrimSpace(fields[0])
		f, err := strconv.ParseFloat(strings.TrimSpace(fields[1]), 64)
		if err != nil || text == "" || f < minFreq {
			continue
		}
		if f != math.Trunc(f) || f > math.MaxUint32 {
			return nil, fmt.Errorf("line %d: frequency %v is not a small integer", line, f)
		}
		freq := uint64(f)
		if utf8.RuneCountInString(text) < 2 {
			freq = singleRuneFreq
		}
		pos := ""
		if len(fields) > 2 {
			pos = strings.TrimSpace(fields[2])
		}
		key := foldKey(text)
		if seen[key] {
			continue
		}
		seen[key] = true
		entries = append(entries, entry{key, freq, pos})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	return entries, nil
}

// foldKey folds full-width ASCII variants and the ideographic space to
// ASCII and lowers ASCII letters, matching package segment's fold and
// gse's toLower.
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFF01 - 0x21
		case r == 0x3000:
			r = ' '
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// encode writes the artifact: magic, the part-of-speech table, then the
// sorted entries front-coded (shared prefix length, suffix, frequency,
// part-of-speech index), all gzip-compressed.
func encode(entries []entry) ([]byte, error) {
	posIndex := make(map[string]int)
	var posNames []string
	for _, e := range entries {
		if _, ok := posIndex[e.pos]; !ok {
			posIndex[e.pos] = len(posNames)
			posNames = append(posNames, e.pos)
		}
	}
	if len(posNames) > 256 {
		return nil, fmt.Errorf("%d part-of-speech tags do not fit in a byte", len(posNames))
	}

	var buf bytes.Buffer
	var tmp [binary.MaxVarintLen64]byte
	uvarint := func(v uint64) { buf.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	buf.WriteString(magic)
	uvarint(uint64(len(posNames)))
	for _, p := range posNames {
		uvarint(uint64(len(p)))
		buf.WriteString(p)
	}
	uvarint(uint64(len(entries)))
	prev := ""
	for _, e := range entries {
		shared := 0
		for shared < len(prev) && shared < len(e.key) && prev[shared] == e.key[shared] {
			shared++
		}
		uvarint(uint64(shared))
		uvarint(uint64(len(e.key) - shared))
		buf.WriteString(e.key[shared:])
		uvarint(e.freq)
		buf.WriteByte(byte(posIndex[e.pos]))
		prev = e.key
	}

	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// writeVersion writes dictversion.go holding DictVersion.
func writeVersion(path, gseVersion string, art, domain []byte) error {
	src := fmt.Sprintf(`// Code generated by gen_dict.go; DO NOT EDIT.

package segment

// DictVersion names the dictionary and the way text is cut into terms: the
// gse version the dictionary came from, the layout revision, and a hash of
// zh_s.dict.gz and domain.txt. An index records it and refuses to mix terms
// cut by different versions.
const DictVersion = %q
`, "gse-"+gseVersion+"-zh_s-r"+revision+"-"+Hash(art, domain))
	formatted, err := format.Source([]byte(src))
	if err != nil {
		return err
	}
	return os.WriteFile(path, formatted, 0o644)
}

// Hash returns the hex digest that DictVersion ends with. dict_test.go
// computes the same digest over the embedded files.
func Hash(art, domain []byte) string {
	h := sha256.New()
	h.Write(art)
	h.Write([]byte{0})
	h.Write(domain)
	return hex.EncodeToString(h.Sum(nil))[:12]
}
