package segment

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// The tests in this file hold the trie-based cut to gse's: the same
// dictionary loaded into a gse.Segmenter must give the same tokens.

var gseFull = sync.OnceValues(func() (*gse.Segmenter, error) {
	d, err := getDict()
	if err != nil {
		return nil, err
	}
	seg := &gse.Segmenter{SkipLog: true, NotLoadHMM: true}
	seg.Dict = gse.NewDict()
	for i := range d.len() {
		if err := seg.AddToken(string(d.key(i)), float64(d.freq[i]), d.tags[d.pos[i]]); err != nil {
			return nil, err
		}
	}
	if seg.Dict.NumTokens() != d.len() || seg.Dict.TotalFreq() != float64(d.total) {
		return nil, fmt.Errorf("gse kept %d of %d entries, total %v, want %d", seg.Dict.NumTokens(), d.len(), seg.Dict.TotalFreq(), d.total)
	}
	seg.CalcToken()
	return seg, nil
})

// gseTokens is Tokens computed with gse: its units, its Segment and its
// dictionary lookups.
func gseTokens(seg *gse.Segmenter, text string) []Token {
	if text == "" {
		return nil
	}
	folded, orig := fold([]byte(text))
	origin := func(i int) int {
		if orig == nil {
			return i
		}
		return orig[i]
	}
	units := gse.SplitWords(folded)
	unitEnd := make([]int, len(units))
	n := 0
	for k, u := range units {
		n += len(u)
		unitEnd[k] = n
	}
	var lower []byte
	for _, u := range units {
		lower = append(lower, u...)
	}
	terms := string(lower)
	var toks []Token
	pos, u := 0, 0
	for _, s := range seg.Segment(folded) {
		start, end := s.Start(), s.End()
		first := u
		for u < len(units) && unitEnd[u] <= end {
			u++
		}
		if !isWord(lower[start:end]) {
			continue
		}
		pos++
		toks = append(toks, Token{Text: terms[start:end], Start: origin(start), End: origin(end), Position: pos})
		if u-first < 2 {
			continue
		}
		for i := first; i < u; i++ {
			subStart := start
			if i > 0 {
				subStart = unitEnd[i-1]
			}
			for j := i; j < u; j++ {
				subEnd := unitEnd[j]
				if i == first && j == u-1 {
					break
				}
				sub := lower[subStart:subEnd]
				if j == i && utf8.RuneCount(sub) < 2 {
					continue
				}
				if freq, _, _ := seg.Dict.Find(sub); freq > 0 && isWord(sub) {
					toks = append(toks, Token{Text: terms[subStart:subEnd], Start: origin(subStart), End: origin(subEnd), Position: pos, Sub: true})
				}
			}
		}
	}
	return toks
}

// mixedTexts returns seeded random texts made of dictionary keys, runs of
// letters and digits in several scripts and cases, full-width forms and
// punctuation: the unit boundaries and ties the samples may not reach.
func mixedTexts(d *dict, n int) []string {
	rng := rand.New(rand.NewSource(7))
	pieces := []string{"，", "。", " ", "\n", "%", "ABC", "x", "2023", "12.5", "ＡＢ１２", "　", "α", "βγ", "Привет", "é",
		"ü2", "Ⅳ", "①", "〇", "٣", "\uE000", "\u00a0", "-", "·", "（", "）", "Wi-Fi", "3D", "K歌", "A股", "ktv"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 5 + rng.Intn(40) {
			if rng.Intn(3) == 0 {
				b.WriteString(pieces[rng.Intn(len(pieces))])
				continue
			}
			key := d.key(rng.Intn(d.len()))
			if rng.Intn(4) == 0 && len(key) > 3 {
				// Half a key, cut on a rune boundary.
				cut := len(key) / 2
				for cut > 0 && !utf8.RuneStart(key[cut]) {
					cut--
				}
				key = key[:cut]
			}
			b.Write(key)
		}
		out[i] = b.String()
	}
	return out
}

// TestMatchesGSE checks that Tokens gives exactly what gse gives with the
// same dictionary, on whole reports, on every sentence of the samples and
// on generated text.
func TestMatchesGSE(t *testing.T) {
	seg, err := gseFull()
	if err != nil {
		t.Fatal(err)
	}
	d, err := getDict()
	if err != nil {
		t.Fatal(err)
	}
	if err := Preload(); err != nil {
		t.Fatal(err)
	}
	texts := append(reports(t), sentences(t)...)
	texts = append(texts, mixedTexts(d, 3000)...)
	texts = append(texts, "", "a", "，", "全镇调解成功率达100%", "ABC法治xyz 2023年", strings.Repeat("调解", 300))
	bad := 0
	for _, text := range texts {
		got, want := Tokens(text), gseTokens(seg, text)
		if !slices.Equal(got, want) {
			bad++
			if bad <= 5 {
				t.Errorf("%q:\ntrie %v\ngse  %v", text, got, want)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d texts differ", bad, len(texts))
	}
	t.Logf("%d texts", len(texts))
}
