package segment

import (
	"math"
	"unicode"
	"unicode/utf8"
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
	raw, lower := cutText([]byte(text), true)
	terms := string(lower)
	toks := make([]Token, len(raw))
	for i, r := range raw {
		toks[i] = Token{Text: terms[r.lo:r.hi], Start: int(r.start), End: int(r.end), Position: int(r.pos), Sub: r.sub}
	}
	return toks
}

// Words returns the main words of text, as in Tokens without sub-words.
func Words(text string) []string {
	raw, lower := cutText([]byte(text), false)
	terms := string(lower)
	words := make([]string, len(raw))
	for i, r := range raw {
		words[i] = terms[r.lo:r.hi]
	}
	return words
}

// rawToken is a Token whose text is lower[lo:hi], lower being the text cut
// with full-width forms folded and ASCII letters lowered.
type rawToken struct {
	lo, hi, start, end, pos int32
	sub                     bool
}

// cutText segments text; with subs it adds sub-words. It returns the
// tokens and the folded, lowered text their terms are spans of, which may
// be text itself.
func cutText(text []byte, subs bool) ([]rawToken, []byte) {
	if len(text) == 0 {
		return nil, nil
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
	// lower is folded as the dictionary's keys are written, and the form of
	// terms; it has the same byte offsets.
	lower := lowerASCII(folded)
	t := fullTrie.Load()
	units := splitUnits(t, lower, make([]unit, 0, len(lower)/3+1))
	if t == nil {
		if t, err = trieFor(d, lower, units); err != nil {
			panic(err)
		}
		units = splitUnits(t, lower, units[:0])
	}
	ends := t.cut(units, make([]int32, 0, len(units)/2+1))

	toks := make([]rawToken, 0, len(ends)+len(ends)/2)
	pos := 0
	first := 0 // the word's first unit
	for _, u := range ends {
		start := 0
		if first > 0 {
			start = int(units[first-1].end)
		}
		end := int(units[u-1].end)
		word := lower[start:end]
		from := first
		first = int(u)
		if !isWord(word) {
			continue
		}
		pos++
		toks = append(toks, rawToken{int32(start), int32(end), int32(origin(start)), int32(origin(end)), int32(pos), false})
		if !subs || int(u)-from < 2 {
			continue
		}
		// Sub-words: every run of the word's units, other than the whole
		// word, that is a dictionary entry of two or more characters. The
		// trie holds every entry that occurs in text.
		for i := from; i < int(u); i++ {
			subStart := start
			if i > from {
				subStart = int(units[i-1].end)
			}
			node := int32(1)
			for j := i; j < int(u); j++ {
				s := t.next(node, units[j].sym)
				if node = s.child; node == 0 {
					break
				}
				if i == from && j == int(u)-1 {
					break // the word itself
				}
				// Entries of frequency 0 are no sub-words; their path
				// length is infinite.
				if s.dist < 0 || math.IsInf(float64(s.dist), 1) {
					continue
				}
				subEnd := int(units[j].end)
				sub := lower[subStart:subEnd]
				if j == i && utf8.RuneCount(sub) < 2 {
					continue
				}
				if isWord(sub) {
					toks = append(toks, rawToken{int32(subStart), int32(subEnd), int32(origin(subStart)), int32(origin(subEnd)), int32(pos), true})
				}
			}
		}
	}
	return toks, lower
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
