package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

//go:embed catalogue.json
var catalogueJSON []byte

// Kind says how an indicator's values combine.
type Kind string

// The kinds of indicator.
const (
	KindCount Kind = "count" // a number of things; parts add up
	KindRate  Kind = "rate"  // a percentage
)

// Rule is one row of the indicator catalogue: how to recognise one
// indicator in text. It is data; the extractor has no per-indicator code.
type Rule struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Kind     Kind     `json:"kind"`
	Synonyms []string `json:"synonyms"`
	Units    []string `json:"units"`
	Bare     bool     `json:"bare"`    // a qualified number without unit (20余) counts
	Before   []string `json:"before"`  // trigger patterns before the number
	After    []string `json:"after"`   // trigger patterns right after number and unit
	Context  []string `json:"context"` // the sentence must match one
	Zero     []string `json:"zero"`    // phrases that state 0
	All      []string `json:"all"`     // phrases that state "all of the whole" (全部调解成功)
	Nouns    []string `json:"nouns"`   // names of what is counted, for 分别 lists
	Not      []string `json:"not"`     // words between trigger and number that mean something else is counted
	Exclude  []string `json:"exclude"` // words in the clause before the number that mean something else is counted
	Whole    string   `json:"whole"`   // the indicator an All phrase takes its value from
	Ratio    *Ratio   `json:"ratio"`   // for rates: the counts it is computed from
	// Origin says where the rule comes from: OriginBuiltIn, or the path
	// of the user's catalogue file.
	Origin string `json:"-"`

	before                                  []*matcher // one per pattern, so none hides another
	after, context, zero, all, not, exclude *matcher
	units                                   map[string]bool
}

// acceptsUnit reports whether a quantity with unit u and qualifier q can be
// a value of r.
func (r *Rule) acceptsUnit(u, q string) bool {
	if u == "" {
		return r.Bare && q != QualExact && r.Kind == KindCount
	}
	return r.units[u]
}

// counts reports whether the word w names what r counts: one of its
// trigger patterns matches all of w.
func (r *Rule) counts(w string) bool {
	for _, re := range r.before {
		if m := re.FindStringIndex(w); m != nil && m[0] == 0 && m[1] == len(w) {
			return true
		}
	}
	return false
}

// Ratio names the two count indicators a rate is computed from:
// part / whole × 100.
type Ratio struct {
	Part  string `json:"part"`
	Whole string `json:"whole"`
}

// Catalogue is the set of indicator rules, in catalogue order.
type Catalogue struct {
	Rules []*Rule
	byID  map[string]*Rule
	// fileName and fileData are the user's file laid over the built-in
	// rules, if any (see File).
	fileName string
	fileData []byte
}

// Rule returns the rule with the given ID, or nil.
func (c *Catalogue) Rule(id string) *Rule { return c.byID[id] }

// DefaultCatalogue is the built-in catalogue of spec/indicators.md.
var DefaultCatalogue = mustCatalogue(catalogueJSON)

func mustCatalogue(data []byte) *Catalogue {
	c, err := ParseCatalogue(data)
	if err != nil {
		panic("extract: built-in catalogue: " + err.Error())
	}
	return c
}

// ParseCatalogue reads a catalogue in the JSON form of catalogue.json and
// compiles its patterns.
func ParseCatalogue(data []byte) (*Catalogue, error) {
	var doc struct {
		Indicators []*Rule `json:"indicators"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	c := &Catalogue{byID: map[string]*Rule{}}
	for _, r := range doc.Indicators {
		if r.ID == "" || r.Label == "" {
			return nil, fmt.Errorf("indicator %q: id and label are required", r.ID)
		}
		if c.byID[r.ID] != nil {
			return nil, fmt.Errorf("indicator %q listed twice", r.ID)
		}
		if r.Kind == "" {
			r.Kind = KindCount
		}
		r.Origin = OriginBuiltIn
		if err := r.compile(); err != nil {
			return nil, err
		}
		c.Rules = append(c.Rules, r)
		c.byID[r.ID] = r
	}
	return c, nil
}

// compile makes the matchers of r's patterns and its unit set.
func (r *Rule) compile() error {
	var err error
	compile := func(field string, pats []string) *matcher {
		if len(pats) == 0 || err != nil {
			return nil
		}
		re, e := regexp.Compile("(?:" + strings.Join(pats, ")|(?:") + ")")
		if e != nil {
			err = fmt.Errorf("indicator %q %s: %w", r.ID, field, e)
			return nil
		}
		return newMatcher(re)
	}
	r.before = nil
	for _, p := range r.Before {
		r.before = append(r.before, compile("before", []string{p}))
	}
	r.after = compile("after", r.After)
	r.context = compile("context", r.Context)
	r.zero = compile("zero", r.Zero)
	r.all = compile("all", r.All)
	r.not = compile("not", r.Not)
	r.exclude = compile("exclude", r.Exclude)
	if err != nil {
		return err
	}
	r.units = map[string]bool{}
	for _, u := range r.Units {
		r.units[u] = true
	}
	return nil
}

// Lookup finds the rule a user's word names: an ID, a label or a synonym.
// It returns nil when the word names none.
func (c *Catalogue) Lookup(word string) *Rule {
	if r := c.byID[word]; r != nil {
		return r
	}
	for _, r := range c.Rules {
		if r.Label == word {
			return r
		}
	}
	for _, r := range c.Rules {
		for _, s := range r.Synonyms {
			if s == word {
				return r
			}
		}
	}
	return nil
}

// IDs lists the indicator IDs in catalogue order.
func (c *Catalogue) IDs() []string {
	ids := make([]string, len(c.Rules))
	for i, r := range c.Rules {
		ids[i] = r.ID
	}
	return ids
}
