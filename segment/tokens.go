package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// The rules in this file decide which terms an index holds. Changing them
// means bumping revision in gen_dict.go and regenerating, so that
// DictVersion changes and old indexes are rebuilt.

// Token is a word or sub-word of a text.
type Token struct {
	// Text is the word with full-width forms folded and ASCII letters
	// lowered (see fold): the form that is indexed and searched.
	Text string
	// Start and End are byte offsets into the original text:
	// text[Start:End] folds to Text.
	Start, End int
	// Position is the 1-based index of the word among the main words. A
	// sub-word has the position of the word that contains it.
	Position int
	// Sub marks a sub-word: a dictionary word strictly inside a main word.
	Sub bool
}

// Tokens segments text into words and their sub-words. Main words
// (Sub=false) come in text order with positions 1, 2, 3, …, leaving out
// pure punctuation and whitespace. Each is followed by its sub-words
// (Sub=true, the position of their main word, ordered by start then
// length): every dictionary word of at least two characters that lies
// strictly inside it, so that a search for 调解 finds 调解成功率.
//
// Tokens panics if the embedded dictionary cannot be decoded, which tests
// rule out.
func Tokens(text string) []Token {
	return analyze([]byte(text), true)
}

// Words returns the main words of text, as in Tokens without sub-words.
func Words(text string) []string {
	toks := analyze([]byte(text), false)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	return words
}

// analyze segments text; with subs it adds sub-words.
func analyze(text []byte, subs bool) []Token {
	if len(text) == 0 {
		return nil
	}
	d, err := getDict()
	if err != nil {
		panic(err)
	}
	folded, orig := fold(text)
	origin := func(i int) int {
		if orig == nil {
			return i
		}
		return orig[i]
	}
	// gse cuts text into units (one rune, or one run of letters and digits,
	// ASCII letters lowered) and words into whole units. unitEnd[k] is where
	// unit k ends in folded.
	units := gse.SplitWords(folded)
	unitEnd := make([]int, len(units))
	n := 0
	for k, u := range units {
		n += len(u)
		unitEnd[k] = n
	}
	seg, err := segmenterFor(d, folded, units)
	if err != nil {
		panic(err)
	}
	// lower is folded as gse sees it, the form of dictionary keys and terms.
	lower := make([]byte, 0, len(folded))
	for _, u := range units {
		lower = append(lower, u...)
	}
	terms := string(lower)

	segs := seg.Segment(folded)
	toks := make([]Token, 0, len(segs)+len(segs)/2)
	pos := 0
	u := 0
	for _, s := range segs {
		// gse's words are runs of whole units, in order: units[first:u].
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
		if !subs || u-first < 2 {
			continue
		}
		// Sub-words: every run of the word's units, other than the whole
		// word, that is a dictionary entry of two or more characters. The
		// segmenter's dictionary holds every entry that occurs in text.
		for i := first; i < u; i++ {
			subStart := start
			if i > 0 {
				subStart = unitEnd[i-1]
			}
			for j := i; j < u; j++ {
				subEnd := unitEnd[j]
				if i == first && j == u-1 {
					break // the word itself
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

// isWord reports whether b holds a letter or digit, that is, is not pure
// punctuation, symbols or whitespace.
func isWord(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r < utf8.RuneSelf {
			if 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9' {
				return true
			}
		} else if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
		b = b[size:]
	}
	return false
}
