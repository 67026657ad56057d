package extract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// A user's catalogue
//
// Reviewers add the figures their province asks for (人民调解员人数,
// 合法性审查件数) in a TOML file of [[indicator]] tables, read with
// LoadCatalogue. The least an entry needs is an ID, a label and the words
// that name what is counted:
//
//	[[indicator]]
//	id = "mediators"
//	label = "人民调解员人数"
//	triggers = ["人民调解员", "专职调解员"]
//	units = ["名", "人"]
//
// Triggers are plain words, found before the number (人民调解员45名) or
// right after it and its unit (45名人民调解员). Every field of the built-in
// catalogue may be given as well, under the same names (before and after
// take regular expressions; see `baogao indicators --dump`); what an entry
// leaves out gets the default of its kind. An entry whose ID is built in
// replaces the built-in rule. Every error names the file and line.

// OriginBuiltIn is the Origin of the rules baogao carries.
const OriginBuiltIn = "built-in"

// ruleFile is one [[indicator]] table.
type ruleFile struct {
	ID       string     `toml:"id"`
	Label    string     `toml:"label"`
	Kind     string     `toml:"kind,omitempty"`
	Synonyms []string   `toml:"synonyms,omitempty"`
	Triggers []string   `toml:"triggers,omitempty"`
	Units    []string   `toml:"units,omitempty"`
	Bare     bool       `toml:"bare,omitempty"`
	Before   []string   `toml:"before,omitempty"`
	After    []string   `toml:"after,omitempty"`
	Context  []string   `toml:"context,omitempty"`
	Zero     []string   `toml:"zero,omitempty"`
	All      []string   `toml:"all,omitempty"`
	Whole    string     `toml:"whole,omitempty"`
	Nouns    []string   `toml:"nouns,omitempty"`
	Not      []string   `toml:"not,omitempty"`
	Exclude  []string   `toml:"exclude,omitempty"`
	Ratio    *ratioFile `toml:"ratio,omitempty"`
}

type ratioFile struct {
	Part  string `toml:"part"`
	Whole string `toml:"whole"`
}

// catalogueFile is a catalogue file.
type catalogueFile struct {
	Indicator []ruleFile `toml:"indicator"`
}

// defaultCountUnits are the units of a count that names none: those of
// the spec.
var defaultCountUnits = []string{"件", "起", "次", "场", "场次", "份", "册", "人", "名", "位", "人次", "条", "宗", "部", "个"}

// idRE is the form of an indicator ID: lower-case words joined by _.
var idRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// CatalogueError is a mistake in a catalogue file, at a line.
type CatalogueError struct {
	File string
	Line int // 1-based; 0 when the mistake has no line
	Msg  string
}

// Error returns "FILE:LINE: MSG".
func (e *CatalogueError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// LoadCatalogue reads the catalogue file at path and lays it over the
// built-in catalogue. Any mistake is a *CatalogueError naming the line.
func LoadCatalogue(path string) (*Catalogue, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read catalogue %s: %w", path, err)
	}
	return ParseCatalogueTOML(path, data, DefaultCatalogue)
}

// ParseCatalogueTOML reads a catalogue file's bytes (name is used in
// errors and as the rules' Origin) and lays its entries over base: an
// entry with one of base's IDs replaces that rule in place, others follow
// base's rules in file order.
func ParseCatalogueTOML(name string, data []byte, base *Catalogue) (*Catalogue, error) {
	var f catalogueFile
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, tomlError(name, err)
	}
	lines := newEntryLines(data)
	c := &Catalogue{byID: map[string]*Rule{}}
	for _, r := range base.Rules {
		c.Rules = append(c.Rules, r)
		c.byID[r.ID] = r
	}
	seen := map[string]bool{}
	var added []*Rule
	for i, rf := range f.Indicator {
		at := func(key string) int { return lines.key(i, key) }
		fail := func(key, format string, args ...any) error {
			return &CatalogueError{File: name, Line: at(key), Msg: fmt.Sprintf("indicator %q: ", rf.ID) + fmt.Sprintf(format, args...)}
		}
		switch {
		case rf.ID == "":
			return nil, &CatalogueError{File: name, Line: lines.entry(i), Msg: "indicator without an id"}
		case !idRE.MatchString(rf.ID):
			return nil, fail("id", "an id is lower-case letters, digits and _ (like mediators)")
		case seen[rf.ID]:
			return nil, fail("id", "listed twice in this file")
		case rf.Label == "":
			return nil, fail("id", "needs a label (the Chinese name tables show)")
		}
		seen[rf.ID] = true
		r, err := rf.rule(fail)
		if err != nil {
			return nil, err
		}
		r.Origin = name
		if old, ok := c.byID[r.ID]; ok {
			c.Rules[slices.Index(c.Rules, old)] = r
		} else {
			added = append(added, r)
		}
		c.byID[r.ID] = r
	}
	c.Rules = append(c.Rules, added...)
	c.fileName, c.fileData = name, data
	// Names of other indicators must name one.
	for i, rf := range f.Indicator {
		check := func(key, id string) error {
			if id != "" && c.byID[id] == nil {
				return &CatalogueError{File: name, Line: lines.key(i, key), Msg: fmt.Sprintf("indicator %q: %s names no indicator %q", rf.ID, key, id)}
			}
			return nil
		}
		if err := check("whole", rf.Whole); err != nil {
			return nil, err
		}
		if rf.Ratio != nil {
			if err := errors.Join(check("ratio", rf.Ratio.Part), check("ratio", rf.Ratio.Whole)); err != nil {
				return nil, err
			}
		}
	}
	return c, nil
}

// rule makes the Rule of an entry, with the defaults of its kind, and
// compiles it; fail makes the error for a key.
func (rf ruleFile) rule(fail func(key, format string, args ...any) error) (*Rule, error) {
	r := &Rule{
		ID: rf.ID, Label: rf.Label, Kind: Kind(rf.Kind), Synonyms: rf.Synonyms, Units: rf.Units, Bare: rf.Bare,
		Before: rf.Before, After: rf.After, Context: rf.Context, Zero: rf.Zero, All: rf.All,
		Whole: rf.Whole, Nouns: rf.Nouns, Not: rf.Not, Exclude: rf.Exclude,
	}
	switch r.Kind {
	case "":
		r.Kind = KindCount
	case KindCount, KindRate:
	default:
		return nil, fail("kind", "kind is count or rate, not %q", rf.Kind)
	}
	if rf.Ratio != nil {
		r.Ratio = &Ratio{Part: rf.Ratio.Part, Whole: rf.Ratio.Whole}
	}
	for _, t := range rf.Triggers {
		if strings.TrimSpace(t) == "" {
			return nil, fail("triggers", "an empty trigger would match everywhere")
		}
	}
	if len(rf.Triggers) > 0 {
		words := make([]string, len(rf.Triggers))
		for k, t := range rf.Triggers {
			words[k] = regexp.QuoteMeta(strings.TrimSpace(t))
		}
		r.Before = append(r.Before, words...)
		r.After = append(r.After, strings.Join(words, "|"))
		if len(r.Nouns) == 0 {
			r.Nouns = rf.Triggers
		}
	}
	if len(r.Before) == 0 && len(r.After) == 0 && len(r.Zero) == 0 {
		return nil, fail("id", "needs triggers (the words that name what is counted) or before/after patterns")
	}
	if len(r.Units) == 0 {
		r.Units = defaultCountUnits
		if r.Kind == KindRate {
			r.Units = []string{"%"}
		}
	}
	for _, u := range r.Units {
		if !isUnit(u) {
			return nil, fail("units", "unknown unit %q; units are counting words such as %s", u, strings.Join(defaultCountUnits, " "))
		}
	}
	for _, key := range []struct {
		name string
		pats []string
	}{{"before", r.Before}, {"after", r.After}, {"context", r.Context}, {"zero", r.Zero}, {"all", r.All}, {"not", r.Not}, {"exclude", r.Exclude}} {
		for _, p := range key.pats {
			if p == "" {
				return nil, fail(key.name, "an empty pattern would match everywhere")
			}
			if _, err := regexp.Compile(p); err != nil {
				return nil, fail(key.name, "pattern %q does not compile: %v", p, err)
			}
		}
	}
	if err := r.compile(); err != nil {
		return nil, fail("id", "%v", err)
	}
	return r, nil
}

// isUnit reports whether u is a unit the number reader knows.
func isUnit(u string) bool {
	return slices.Contains(units, u)
}

// tomlError turns the TOML library's error into a *CatalogueError with a
// line: a syntax error, or the first key no indicator has.
func tomlError(name string, err error) error {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) && len(strict.Errors) > 0 {
		e := strict.Errors[0]
		line, _ := e.Position()
		return &CatalogueError{File: name, Line: line, Msg: fmt.Sprintf("unknown field %q (fields: %s)", strings.Join(e.Key(), "."), fieldNames())}
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		return &CatalogueError{File: name, Line: line, Msg: strings.TrimPrefix(de.Error(), "toml: ")}
	}
	return &CatalogueError{File: name, Msg: err.Error()}
}

// fieldNames lists the fields an [[indicator]] table may have.
func fieldNames() string {
	return "id label kind synonyms triggers units bare before after context zero all whole nouns not exclude ratio"
}

// entryLines finds the lines of a catalogue file's entries and keys, for
// errors about what the decoder does not place.
type entryLines struct {
	lines   []string
	headers []int // 0-based line of each [[indicator]]
}

var entryHeadRE = regexp.MustCompile(`^\s*\[\[\s*indicator\s*\]\]`)

func newEntryLines(data []byte) entryLines {
	el := entryLines{lines: strings.Split(string(data), "\n")}
	for i, l := range el.lines {
		if entryHeadRE.MatchString(l) {
			el.headers = append(el.headers, i)
		}
	}
	return el
}

// entry returns the 1-based line of the i-th entry, 0 when unknown.
func (el entryLines) entry(i int) int {
	if i < len(el.headers) {
		return el.headers[i] + 1
	}
	return 0
}

// key returns the 1-based line where the i-th entry sets key, else the
// entry's own line.
func (el entryLines) key(i int, key string) int {
	if i >= len(el.headers) {
		return 0
	}
	end := len(el.lines)
	if i+1 < len(el.headers) {
		end = el.headers[i+1]
	}
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*[=.]`)
	for l := el.headers[i] + 1; l < end; l++ {
		if re.MatchString(el.lines[l]) {
			return l + 1
		}
	}
	return el.headers[i] + 1
}

// DumpTOML writes c as a catalogue file that ParseCatalogueTOML reads back
// to the same rules: a starting point for a user's own.
func (c *Catalogue) DumpTOML() ([]byte, error) {
	var f catalogueFile
	for _, r := range c.Rules {
		rf := ruleFile{
			ID: r.ID, Label: r.Label, Kind: string(r.Kind), Synonyms: r.Synonyms, Units: r.Units, Bare: r.Bare,
			Before: r.Before, After: r.After, Context: r.Context, Zero: r.Zero, All: r.All,
			Whole: r.Whole, Nouns: r.Nouns, Not: r.Not, Exclude: r.Exclude,
		}
		if r.Ratio != nil {
			rf.Ratio = &ratioFile{Part: r.Ratio.Part, Whole: r.Ratio.Whole}
		}
		f.Indicator = append(f.Indicator, rf)
	}
	var b bytes.Buffer
	b.WriteString("# baogao indicator catalogue. Each [[indicator]] is one figure; see the README,\n" +
		"# \"Your own indicators\". before/after/context/zero/all/not/exclude are regular\n" +
		"# expressions (RE2); triggers are plain words.\n\n")
	enc := toml.NewEncoder(&b).SetArraysMultiline(true).SetIndentTables(true)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// File returns the name and contents of the user's catalogue file laid
// over the built-in catalogue; both are empty for the built-in one.
func (c *Catalogue) File() (name string, data []byte) { return c.fileName, c.fileData }

// Version identifies the catalogue's rules: two catalogues with the same
// rules have the same version, so an index can tell whether its records
// were read with the rules in use.
func (c *Catalogue) Version() string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, r := range c.Rules {
		_ = enc.Encode(r) // a Rule always encodes
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}
