package compare

import (
	"sort"
	"strings"

	"baogao/extract"
)

// Column is one compared term: an indicator, or any other word whose
// numbers the reports' sentences write next to it (ad hoc).
type Column struct {
	Term  string // as the user wrote it
	ID    string // the indicator's ID; "" for an ad-hoc term
	Label string
}

// AdHoc reports whether c is an ad-hoc term.
func (c Column) AdHoc() bool { return c.ID == "" }

// RecordID is the ID its records carry: the indicator's, or AdHocID of
// the term.
func (c Column) RecordID() string {
	if c.AdHoc() {
		return AdHocID(c.Term)
	}
	return c.ID
}

// AdHocID is the ID of the records read for an ad-hoc term.
func AdHocID(term string) string { return "adhoc:" + term }

// Resolve maps each term to the indicator it names (an ID, label or
// synonym: 化解率 is mediation_success_rate) or, when it names none, to an
// ad-hoc column; whether the reports contain an ad-hoc term is for the
// caller to find out.
func Resolve(cat *extract.Catalogue, terms []string) []Column {
	cols := make([]Column, 0, len(terms))
	for _, t := range terms {
		t = strings.TrimSpace(t)
		if r := cat.Lookup(t); r != nil {
			cols = append(cols, Column{Term: t, ID: r.ID, Label: r.Label})
		} else {
			cols = append(cols, Column{Term: t, Label: t + " (ad hoc)"})
		}
	}
	return cols
}

// IDs returns the indicators whose records a table of cols needs: the
// columns' own, and for a rate the counts it is recomputed from when
// towns are grouped.
func IDs(cat *extract.Catalogue, cols []Column, by By) []string {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, c := range cols {
		if c.AdHoc() {
			continue
		}
		add(c.ID)
		if r := cat.Rule(c.ID); r != nil && r.Ratio != nil && by != ByTown {
			add(r.Ratio.Part)
			add(r.Ratio.Whole)
		}
	}
	return ids
}

// Suggest returns up to three indicators, as "label (ID)", whose names
// share the most characters with word, best first.
func Suggest(cat *extract.Catalogue, word string) []string {
	type cand struct {
		label string
		score int
	}
	var cs []cand
	for _, r := range cat.Rules {
		best := 0
		for _, name := range append([]string{r.Label, r.ID}, r.Synonyms...) {
			best = max(best, shared(word, name))
		}
		if best > 0 {
			cs = append(cs, cand{r.Label + " (" + r.ID + ")", best})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].label)
	}
	return out
}

// shared counts the characters of word that name holds.
func shared(word, name string) int {
	n := 0
	for _, c := range word {
		if strings.ContainsRune(name, c) {
			n++
		}
	}
	return n
}
