package segment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// reports returns the sample reports in ../testdata/reports.
func reports(tb testing.TB) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "reports", "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Fatal("no sample reports in ../testdata/reports")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// sentences splits the sample reports on 。，； and newlines, and also
// returns each line whole.
func sentences(tb testing.TB) []string {
	var out []string
	for _, r := range reports(tb) {
		for line := range strings.SplitSeq(r, "\n") {
			if strings.TrimSpace(line) != "" {
				out = append(out, line)
			}
			for _, s := range strings.FieldsFunc(line, func(r rune) bool { return r == '。' || r == '，' || r == '；' }) {
				if strings.TrimSpace(s) != "" {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

func mainWords(toks []Token) []string {
	var out []string
	for _, t := range toks {
		if !t.Sub {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestDomainWordsWhole(t *testing.T) {
	for _, c := range []struct{ text, word string }{
		{"全镇调解成功率达100%", "调解成功率"},
		{"全镇共有法律明白人86名", "法律明白人"},
		{"坚持和发展新时代枫桥经验", "枫桥经验"},
		{"全面推行一村一法律顾问制度", "一村一法律顾问"},
		{"排查化解矛盾纠纷32起", "矛盾纠纷"},
		{"全年无行政复议案件", "行政复议"},
		{"深入开展八五普法工作", "八五普法"},
	} {
		words := Words(c.text)
		if !slices.Contains(words, c.word) {
			t.Errorf("Words(%q) = %q, want %q whole", c.text, words, c.word)
		}
		if got := mainWords(Tokens(c.text)); !slices.Equal(got, words) {
			t.Errorf("main words of Tokens(%q) = %q, Words = %q", c.text, got, words)
		}
	}
	// Every entry of domain.txt is a word of its own.
	domain, err := parseDomain(domainDict)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range domain {
		if words := Words(e.key); !slices.Equal(words, []string{e.key}) {
			t.Errorf("Words(%q) = %q, want it whole", e.key, words)
		}
	}
}

func TestSubWords(t *testing.T) {
	toks := Tokens("调解成功率")
	want := []Token{
		{Text: "调解成功率", Start: 0, End: 15, Position: 1},
		{Text: "调解", Start: 0, End: 6, Position: 1, Sub: true},
		{Text: "成功", Start: 6, End: 12, Position: 1, Sub: true},
		{Text: "成功率", Start: 6, End: 15, Position: 1, Sub: true},
	}
	for _, w := range want {
		if !slices.Contains(toks, w) {
			t.Errorf("Tokens(调解成功率) = %v, want it to include %v", toks, w)
		}
	}
	for _, tk := range toks {
		if tk.Sub && len([]rune(tk.Text)) < 2 {
			t.Errorf("single-character sub-word %v", tk)
		}
	}

	toks = Tokens("全镇调解成功率达100%")
	i := slices.IndexFunc(toks, func(t Token) bool { return t.Text == "调解" })
	if i < 0 || !toks[i].Sub || toks[i].Start != 6 || toks[i].End != 12 || toks[i].Position != 2 {
		t.Errorf("Tokens(全镇调解成功率达100%%) = %v, want 调解 as a sub-word at 6:12, position 2", toks)
	}
	if got := Words("全镇调解成功率达100%"); !slices.Equal(got, []string{"全镇", "调解成功率", "达", "100"}) {
		t.Errorf("Words = %q", got)
	}
}

// checkTokens checks offsets, positions and order of Tokens(text).
func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	pos := 0
	var parent Token
	for _, tk := range toks {
		if tk.Start < 0 || tk.End > len(text) || tk.Start >= tk.End {
			t.Fatalf("%q: token %v out of range", text, tk)
		}
		if got := foldKey(text[tk.Start:tk.End]); got != tk.Text {
			t.Fatalf("%q: token %v covers %q, which folds to %q", text, tk, text[tk.Start:tk.End], got)
		}
		if !isWord([]byte(tk.Text)) {
			t.Fatalf("%q: token %v is punctuation or space", text, tk)
		}
		if !tk.Sub {
			pos++
			if tk.Position != pos {
				t.Fatalf("%q: token %v, want position %d", text, tk, pos)
			}
			if tk.Start < parent.End {
				t.Fatalf("%q: word %v overlaps %v", text, tk, parent)
			}
			parent = tk
			continue
		}
		if !inDict(t, tk.Text) {
			t.Fatalf("%q: sub-word %v is not in the dictionary", text, tk)
		}
		if pos == 0 || tk.Position != parent.Position || tk.Start < parent.Start || tk.End > parent.End ||
			tk.End-tk.Start == parent.End-parent.Start {
			t.Fatalf("%q: sub-word %v not strictly inside %v", text, tk, parent)
		}
	}
}

// inDict reports whether key is a dictionary entry.
func inDict(t *testing.T, key string) bool {
	d, err := getDict()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	d.matches([]byte(key), splitUnits(nil, []byte(key), nil), 0, func(i, _ int) { found = found || string(d.key(i)) == key })
	return found
}

func TestOffsets(t *testing.T) {
	texts := append(reports(t),
		"全镇调解成功率达100%",
		"ＡＢＣ法治Ｘ县　２０２３年，调解成功率９８．５％",
		"mixed CASE Text 和 12345热线",
		"\xff\xfe坏字节调解",
		"，。、；：",
		"",
	)
	for _, text := range texts {
		checkTokens(t, text, Tokens(text))
		if len(text) > 300 {
			checkTokens(t, text[:300], Tokens(text[:300])) // short: possibly a subset segmenter
		}
	}
	if toks := Tokens("，。！？  \n"); len(toks) != 0 {
		t.Errorf("Tokens of punctuation = %v, want none", toks)
	}
}

func TestFullWidth(t *testing.T) {
	full, half := "１２３４５热线", "12345热线"
	if got, want := Words(full), Words(half); !slices.Equal(got, want) || !slices.Equal(got, []string{"12345", "热线"}) {
		t.Errorf("Words(%q) = %q, Words(%q) = %q, want [12345 热线]", full, got, half, want)
	}
	toks := Tokens(full)
	if toks[0].Start != 0 || toks[0].End != len("１２３４５") || toks[1].Start != len("１２３４５") || toks[1].End != len(full) {
		t.Errorf("Tokens(%q) = %v, want offsets into the full-width text", full, toks)
	}
	if got := Words("ＡＢＣ　Ｄｅｆ"); !slices.Equal(got, []string{"abc", "def"}) {
		t.Errorf("Words(ＡＢＣ　Ｄｅｆ) = %q, want [abc def]", got)
	}
}

// TestSubsetEquivalence checks that a trie of the dictionary entries that
// occur in a text cuts it exactly like the full trie.
func TestSubsetEquivalence(t *testing.T) {
	d, err := getDict()
	if err != nil {
		t.Fatal(err)
	}
	if err := Preload(); err != nil {
		t.Fatal(err)
	}
	full := fullTrie.Load()
	texts := append(sentences(t), "全镇调解成功率达100%", "１２３４５热线", "ABC法治xyz 2023年", "\xee\x80\x80调解", "Wi-Fi和3D打印")
	texts = append(texts, mixedTexts(d, 500)...)
	for _, text := range texts {
		folded, _ := fold([]byte(text))
		lower := lowerASCII(folded)
		sub := subsetTrie(d, lower, splitUnits(nil, lower, nil))
		if len(sub.entry) >= d.len()/100 {
			t.Fatalf("subset for %q has %d nodes", text, len(sub.entry))
		}
		got := sub.cut(splitUnits(sub, lower, nil), nil)
		want := full.cut(splitUnits(full, lower, nil), nil)
		if !slices.Equal(got, want) {
			t.Errorf("%q:\nsubset %v\nfull   %v", text, got, want)
		}
	}
	t.Logf("%d texts", len(texts))
}

// TestConcurrent runs Tokens on several goroutines, across the switch from
// subset segmenters to the full one; run it with -race.
func TestConcurrent(t *testing.T) {
	texts := sentences(t)
	want := make([][]Token, len(texts))
	for i, s := range texts {
		want[i] = Tokens(s)
	}
	// Start again without the full segmenter, so that the goroutines below
	// use subset segmenters until one of them has loaded it.
	fullOnce, fullErr = sync.Once{}, nil
	fullTrie.Store(nil)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			if g == 0 {
				if err := Preload(); err != nil {
					t.Error(err)
				}
			}
			for i := g; i < len(texts); i += 2 {
				if got := Tokens(texts[i]); !slices.Equal(got, want[i]) {
					t.Errorf("%q: concurrent %v, want %v", texts[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkTokens(b *testing.B) {
	texts := reports(b)
	if err := Preload(); err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, s := range texts {
			Tokens(s)
		}
	}
}

// BenchmarkLoad measures building the full trie, which Preload does once.
func BenchmarkLoad(b *testing.B) {
	d, err := getDict()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		newTrie(d, nil)
	}
}

// BenchmarkDecodeDict measures decoding the embedded dictionary, which the
// first call to Tokens does once.
func BenchmarkDecodeDict(b *testing.B) {
	for b.Loop() {
		if _, err := loadDict(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubset measures segmenting a query without the full dictionary:
// building its subset trie and cutting it.
func BenchmarkSubset(b *testing.B) {
	d, err := getDict()
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"调解成功率", "坚持和发展新时代枫桥经验 矛盾纠纷化解"} {
		b.Run(q, func(b *testing.B) {
			text := []byte(q)
			for b.Loop() {
				sub := subsetTrie(d, text, splitUnits(nil, text, nil))
				sub.cut(splitUnits(sub, text, nil), nil)
			}
		})
	}
}

// TestShortTextNeedsNoFullLoad checks that short texts, including ones
// with no dictionary word at all, are cut without loading the full
// dictionary: a search process must start fast.
func TestShortTextNeedsNoFullLoad(t *testing.T) {
	// Start again without the full segmenter; a later test loads it anew.
	fullOnce, fullErr = sync.Once{}, nil
	fullTrie.Store(nil)
	for _, q := range []string{"xyzabc", "调解成功率", "12345", "“成功化解”", ""} {
		Tokens(q)
		if fullTrie.Load() != nil {
			t.Fatalf("Tokens(%q) loaded the full dictionary", q)
		}
	}
}
