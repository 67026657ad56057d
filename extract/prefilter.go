package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"baogao/corpus"
)

// matcher is a regular expression with a cheap test in front: when every
// match must contain one of a few literal words, text without any of them
// is rejected with strings.Contains instead of running the expression.
// Catalogue patterns nearly always name a word (纠纷, 普法, 法律顾问), and
// most clauses contain none of a rule's words, so this keeps extraction
// fast with many rules.
type matcher struct {
	*regexp.Regexp
	lits []string // nil: no literal is required
	// words, when the expression is nothing but alternative words: they
	// are then found by plain search, in the expression's leftmost-first
	// order, without running it.
	words []string
	// byFirst indexes many words by their first rune (in the words' order)
	// so that one pass over the text finds them all; nil for a few words,
	// which are searched for one by one.
	byFirst map[rune][]int
}

// manyWords is how many words make one pass over the text, testing each
// rune against the words' first runes, cheaper than a search per word.
const manyWords = 12

func mustMatcher(pattern string) *matcher { return newMatcher(regexp.MustCompile(pattern)) }

func newMatcher(re *regexp.Regexp) *matcher {
	m := &matcher{Regexp: re}
	if p, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		m.lits = requiredLiterals(p.Simplify())
	}
	if w, ok := literalAlternatives(re.String()); ok && len(w) > 0 {
		m.words = w
		if len(w) > manyWords {
			m.byFirst = map[rune][]int{}
			for i, word := range w {
				r, _ := utf8.DecodeRuneInString(word)
				m.byFirst[r] = append(m.byFirst[r], i)
			}
		}
	}
	return m
}

// literalAlternatives returns the words of a pattern that is only words
// separated by |, possibly grouped in (?:…): 司法所|派出所|(?:我镇|全镇).
// ok is false when the pattern has any other syntax.
func literalAlternatives(pattern string) (words []string, ok bool) {
	depth, from := 0, 0
	var pieces []string
	for i := 0; i < len(pattern); i++ {
		switch pattern[i] {
		case '\\':
			return nil, false
		case '(':
			depth++
		case ')':
			depth--
		case '|':
			if depth == 0 {
				pieces = append(pieces, pattern[from:i])
				from = i + 1
			}
		}
	}
	pieces = append(pieces, pattern[from:])
	for _, p := range pieces {
		if inner, found := strings.CutPrefix(p, "(?:"); found && strings.HasSuffix(inner, ")") {
			sub, ok := literalAlternatives(inner[:len(inner)-1])
			if !ok {
				return nil, false
			}
			words = append(words, sub...)
			continue
		}
		if p == "" || regexp.QuoteMeta(p) != p {
			return nil, false
		}
		words = append(words, p)
	}
	return words, true
}

// findWords returns up to n (all when n < 0) matches of the words in s, as
// the expression would: leftmost first, at one position the word listed
// first, the next search after the end of a match.
func (m *matcher) findWords(s string, n int) [][]int {
	if m.byFirst != nil {
		return m.scanWords(s, n)
	}
	var out [][]int
	next := make([]int, len(m.words)) // the next occurrence of each word; -1 none
	for i, w := range m.words {
		next[i] = corpus.IndexWord(s, w)
	}
	for pos := 0; n < 0 || len(out) < n; {
		best := -1
		for i, at := range next {
			if at >= 0 && (best < 0 || at < next[best]) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		a := next[best]
		end := a + len(m.words[best])
		out = append(out, []int{a, end})
		pos = end
		for i, at := range next {
			if at >= 0 && at < pos {
				if j := corpus.IndexWord(s[pos:], m.words[i]); j >= 0 {
					next[i] = pos + j
				} else {
					next[i] = -1
				}
			}
		}
	}
	return out
}

// scanWords is findWords in one pass: at each rune, the words that start
// with it are tried in their order, and the first that matches is taken.
func (m *matcher) scanWords(s string, n int) [][]int {
	var out [][]int
	for i := 0; i < len(s) && (n < 0 || len(out) < n); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		matched := false
		for _, k := range m.byFirst[r] {
			if w := m.words[k]; strings.HasPrefix(s[i:], w) {
				out = append(out, []int{i, i + len(w)})
				i += len(w)
				matched = true
				break
			}
		}
		if !matched {
			i += size
		}
	}
	return out
}

// possible reports whether s may contain a match.
func (m *matcher) possible(s string) bool {
	return m.lits == nil || containsAny(s, m.lits)
}

// containsAny reports whether s contains one of words.
func containsAny(s string, words []string) bool {
	for _, w := range words {
		if corpus.IndexWord(s, w) >= 0 {
			return true
		}
	}
	return false
}

func (m *matcher) MatchString(s string) bool {
	if m.byFirst != nil {
		return len(m.scanWords(s, 1)) > 0
	}
	if m.words != nil {
		return containsAny(s, m.words)
	}
	return m.possible(s) && m.Regexp.MatchString(s)
}

func (m *matcher) FindStringIndex(s string) []int {
	if m.words != nil {
		if ms := m.findWords(s, 1); len(ms) > 0 {
			return ms[0]
		}
		return nil
	}
	if !m.possible(s) {
		return nil
	}
	return m.Regexp.FindStringIndex(s)
}

func (m *matcher) FindAllStringIndex(s string, n int) [][]int {
	if m.words != nil {
		if n == 0 {
			return nil
		}
		return m.findWords(s, n)
	}
	if !m.possible(s) {
		return nil
	}
	return m.Regexp.FindAllStringIndex(s, n)
}

// requiredLiterals returns a set of words one of which every match of re
// contains, or nil when it finds none worth testing for.
func requiredLiterals(re *syntax.Regexp) []string {
	if re.Flags&syntax.FoldCase != 0 {
		return nil
	}
	switch re.Op {
	case syntax.OpLiteral:
		return []string{string(re.Rune)}
	case syntax.OpCapture:
		return requiredLiterals(re.Sub[0])
	case syntax.OpPlus:
		return requiredLiterals(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return requiredLiterals(re.Sub[0])
		}
		return nil
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				return nil
			}
			out = append(out, l...)
		}
		return out
	case syntax.OpCharClass:
		// a small class of runes: each is a literal
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 8 {
				return nil
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, string(r))
			}
		}
		if len(out) == 0 || len(out) > 8 {
			return nil
		}
		return out
	case syntax.OpConcat:
		var best []string
		bestScore := -1
		for _, sub := range re.Sub {
			l := requiredLiterals(sub)
			if l == nil {
				continue
			}
			if s := literalScore(l); s > bestScore {
				best, bestScore = l, s
			}
		}
		return best
	}
	return nil
}

// literalScore ranks a literal set: longer shortest word first, then fewer
// words.
func literalScore(l []string) int {
	short := 1 << 20
	for _, w := range l {
		short = min(short, utf8.RuneCountInString(w))
	}
	return short*1000 - len(l)
}
