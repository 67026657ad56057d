package extract

import (
	"math"
	"strings"
	"unicode/utf8"
)

// TermValue is a number that a sentence writes next to a term that is no
// indicator: an ad-hoc figure.
type TermValue struct {
	Value            float64
	Unit, Qualifier  string
	Evidence         string // the sentence
	Start, End       int    // the sentence in the text
	NumStart, NumEnd int    // the number as written
}

// TermValues returns, for every sentence of text that contains term, the
// quantity written nearest after it (else before it) in its clause; dates,
// ordinals and numbers without a unit are left out.
func TermValues(text, term string) []TermValue {
	if term == "" {
		return nil
	}
	var out []TermValue
	for from := 0; ; {
		i := strings.Index(text[from:], term)
		if i < 0 {
			return out
		}
		at := from + i
		from = at + len(term)
		cs, ce := clauseAround(text, at, at+len(term))
		qs := ScanQuantities(text[cs:ce])
		var best *Quantity
		bestGap := math.MaxInt
		for k := range qs {
			q := &qs[k]
			if q.DateLike || q.Ordinal || q.Unit == "" {
				continue
			}
			var gap int
			if cs+q.Start >= at+len(term) {
				gap = utf8.RuneCountInString(text[at+len(term) : cs+q.Start])
			} else if cs+q.End <= at {
				gap = 1000 + utf8.RuneCountInString(text[cs+q.End:at])
			} else {
				continue
			}
			if gap < bestGap {
				best, bestGap = q, gap
			}
		}
		if best == nil || bestGap > 1030 {
			continue
		}
		es, ee := sentenceAround(text, at)
		out = append(out, TermValue{
			Value: best.Value, Unit: best.Unit, Qualifier: best.Qualifier,
			Evidence: text[es:ee], Start: es, End: ee, NumStart: cs + best.NumStart, NumEnd: cs + best.NumEnd,
		})
	}
}

func clauseAround(text string, a, b int) (int, int) {
	return spanAround(text, a, b, "。！？!?；;\n,，:：")
}

func sentenceAround(text string, at int) (int, int) {
	return spanAround(text, at, at, "。！？!?；;\n")
}

// spanAround widens [a, b) to the nearest stop characters on either side,
// stops left out.
func spanAround(text string, a, b int, stops string) (int, int) {
	s := strings.LastIndexAny(text[:a], stops)
	if s < 0 {
		s = 0
	} else {
		_, n := utf8.DecodeRuneInString(text[s:])
		s += n
	}
	e := strings.IndexAny(text[b:], stops)
	if e < 0 {
		e = len(text)
	} else {
		e += b
	}
	return s, e
}
