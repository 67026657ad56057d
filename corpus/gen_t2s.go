//go:build ignore

// gen_t2s writes the traditional-to-simplified character table that
// package corpus embeds, from OpenCC's TSCharacters dictionary as the Go
// module github.com/longbridgeapp/opencc carries it.
//
// Usage, from the module root:
//
//	go run ./corpus/gen_t2s.go
//
// It fetches the module with `go mod download` and writes corpus/t2s.txt:
// one line per traditional character that OpenCC turns into a different
// simplified one, the two characters side by side (鄉乡). Only pairs whose
// UTF-8 encodings have the same length are kept, so that a text folded
// with the table keeps every byte offset. OpenCC is released under the
// Apache License 2.0; see corpus/T2S.md.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

const (
	module = "github.com/longbridgeapp/opencc@v0.3.13"
	out    = "corpus/t2s.txt"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen_t2s: ")
	cmd := exec.Command("go", "mod", "download", "-json", module)
	cmd.Stderr = os.Stderr
	raw, err := cmd.Output()
	if err != nil {
		log.Fatalf("go mod download %s: %v", module, err)
	}
	var info struct{ Dir string }
	if err := json.Unmarshal(raw, &info); err != nil || info.Dir == "" {
		log.Fatalf("go mod download %s: no folder in %s", module, raw)
	}
	f, err := os.Open(filepath.Join(info.Dir, "dictionary", "TSCharacters.txt"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	var pairs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		trad, simps, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		simp := strings.Fields(simps)[0] // OpenCC's first choice
		if trad == simp || len([]rune(trad)) != 1 || len([]rune(simp)) != 1 || len(trad) != len(simp) {
			continue
		}
		pairs = append(pairs, trad+simp)
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	sort.Strings(pairs)
	if err := os.WriteFile(out, []byte(strings.Join(pairs, "\n")+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s: %d characters\n", out, len(pairs))
}
