package index

import (
	"errors"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

func TestCheckQuery(t *testing.T) {
	for _, c := range []struct {
		q, words, phrases, ignored, err string
	}{
		{q: "调解", words: "调解"},
		{q: "调解 ，", words: "调解", ignored: ","},
		{q: `调解 "，"`, words: "调解", phrases: ","},
		{q: "调解 调解 纠纷", words: "调解|纠纷"},
		{q: "，", err: "nothing to search for"},
		{q: "  ", err: "empty query"},
		{q: "调解 OR 枫桥", err: "search has no OR"},
		{q: "调解 -枫桥", err: "cannot leave words out (-枫桥)"},
		{q: `调解 "-枫桥"`, words: "调解", phrases: "-枫桥"},
		{q: "-", ignored: "-", err: "nothing to search for"},
		{q: strings.Repeat("调解 ", 3334), words: "", err: "characters long"},
		{q: "a b c d e f g h i j k l m n o p q", err: "has 17 words and phrases"},
	} {
		words, phrases, ignored, err := checkQuery(c.q)
		var qe *QueryError
		switch {
		case c.err != "":
			if !errors.As(err, &qe) || !strings.Contains(err.Error(), c.err) {
				t.Errorf("checkQuery(%.40q): %v, want an error with %q", c.q, err, c.err)
			}
		case err != nil:
			t.Errorf("checkQuery(%q): %v", c.q, err)
		case strings.Join(words, "|") != c.words || strings.Join(phrases, "|") != c.phrases || strings.Join(ignored, "|") != c.ignored:
			t.Errorf("checkQuery(%q) = %q %q %q", c.q, words, phrases, ignored)
		}
	}
}

// bestPlacePlain is bestPlace as it was first written: every place
// compared with every other, each word found ignoring ASCII case.
func bestPlacePlain(text string, words []string) (start, end int, ok bool) {
	type place struct{ word, start, end int }
	indexFold := func(s, sub string) int {
		if i := strings.Index(s, sub); i >= 0 {
			return i
		}
		return strings.Index(strings.ToLower(s), strings.ToLower(sub))
	}
	var all []place
	for wi, w := range words {
		for from, n := 0, 0; n < 200; n++ {
			i := indexFold(text[from:], w)
			if i < 0 {
				break
			}
			all = append(all, place{wi, from + i, from + i + len(w)})
			from += i + len(w)
		}
	}
	if len(all) == 0 {
		return 0, 0, false
	}
	sort.Slice(all, func(i, j int) bool { return all[i].start < all[j].start })
	best, bestScore := 0, -1
	for i, p := range all {
		near := map[int]bool{}
		for _, o := range all {
			if o.start >= p.start-150 && o.start <= p.end+150 {
				near[o.word] = true
			}
		}
		if len(near) > bestScore {
			best, bestScore = i, len(near)
		}
	}
	return all[best].start, all[best].end, true
}

// TestBestPlaceIsPlain holds bestPlace, which looks only at the places
// near each, to bestPlacePlain on random texts and queries.
func TestBestPlaceIsPlain(t *testing.T) {
	vocab := []string{"调解", "纠纷", "成功", "调解成功率", "法治", "ABC", "abc", "镇", "。", "，", "x", "宣传活动"}
	rng := rand.New(rand.NewSource(7))
	for range 2000 {
		var b strings.Builder
		for range rng.Intn(300) {
			b.WriteString(vocab[rng.Intn(len(vocab))])
		}
		text := b.String()
		var words []string
		for range 1 + rng.Intn(5) {
			words = append(words, vocab[rng.Intn(len(vocab))])
		}
		s1, e1, ok1 := bestPlace(text, words, nil)
		s2, e2, ok2 := bestPlacePlain(text, words)
		if s1 != s2 || e1 != e2 || ok1 != ok2 {
			t.Fatalf("bestPlace(%q, %q) = %d %d %v, want %d %d %v", text, words, s1, e1, ok1, s2, e2, ok2)
		}
	}
}
