// Package check does the review a reviewer would otherwise do by hand:
// whether each report covers the parts the rules require, whether its
// figures agree with one another and with its own past years, whether it
// was copied, and whether it holds text or metadata that is wrong.
package check

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"baogao/corpus"
	"baogao/extract"
)

// Severity ranks findings.
type Severity string

// The severities, most serious first.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Rank orders severities: error 3, warning 2, info 1.
func (s Severity) Rank() int {
	switch s {
	case Error:
		return 3
	case Warning:
		return 2
	case Info:
		return 1
	}
	return 0
}

// Finding is one thing a check found in one report.
type Finding struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`
	Message  string   `json:"message"`
	Evidence string   `json:"evidence,omitempty"`
	Section  string   `json:"section,omitempty"`
	File     string   `json:"file"`
	Other    string   `json:"other,omitempty"` // the other file of a pair
}

// Codes lists every finding code with its severity and what it means, for
// the README and --help.
var Codes = []struct {
	Code     string
	Severity Severity
	Means    string
}{
	{"missing_part", Error, "a part the 督察工作规定 requires is missing (举措和成效, 不足和原因, 第一责任人职责, 下一年度安排)"},
	{"rate_mismatch", Error, "a written rate differs from the rate its counts give by more than a point"},
	{"part_exceeds_whole", Error, "a part (调解成功 47) is larger than its whole (受理 40)"},
	{"rate_over_100", Error, "a rate above 100%"},
	{"sum_mismatch", Warning, "parts that the text says make up a total (其中…) do not add up to it"},
	{"unit_mismatch", Warning, "a value's unit does not fit its indicator"},
	{"year_jump", Info, "a town's figure changed more than 5× either way from one year to the next"},
	{"identical_file", Error, "the same file is in the corpus under another name"},
	{"near_duplicate", Warning, "most of the report's own text (boilerplate aside) is shared with another town's report or the same town's earlier one"},
	{"foreign_text", Error, "text that does not belong to a report (advertising, gambling-site spam) was found and removed"},
	{"no_town", Error, "the town is unknown"},
	{"no_year", Error, "the year reported on is unknown"},
	{"year_conflict", Warning, "the year reported on and the signing date disagree"},
	{"place", Warning, "the town could not be placed in the division codes (ambiguous or unknown)"},
	{"manifest", Warning, "the manifest.csv that covers the report could not be read"},
	{"text_removed", Info, "web-page furniture or footers repeated on every page were removed from the text"},
	{"implausible_value", Warning, "a figure larger than any town counts (over ten million), kept as written"},
	{"encoding", Warning, "the file says one encoding and holds another (UTF-8 behind a UTF-16 byte-order mark); it was read as what it holds"},
	{"not_all_read", Warning, "the file holds more figures or headings than a report can (over 2,000 of either); only the first are read"},
}

// warningCodes maps the codes of the warnings that reading and extraction
// give a report to the finding codes above, so that every command speaks
// of a report's problems with one set of codes.
var warningCodes = map[string]string{
	"rate_mismatch":          "rate_mismatch",
	"part_exceeds_whole":     "part_exceeds_whole",
	"rate_over_100":          "rate_over_100",
	"sum_mismatch":           "sum_mismatch",
	"spam_removed":           "foreign_text",
	"place_unknown":          "place",
	"place_ambiguous":        "place",
	"place_mismatch":         "place",
	"gazetteer_error":        "place",
	"manifest_error":         "manifest",
	"furniture_removed":      "text_removed",
	"footer_repeated":        "text_removed",
	"page_furniture_removed": "text_removed",
	"implausible_value":      "implausible_value",
	"encoding_mismatch":      "encoding",
	"too_many_figures":       "not_all_read",
	"too_many_headings":      "not_all_read",
}

// CodeOf returns the finding code and severity of a report's warning. A
// warning this table does not know keeps its own code, as a warning.
func CodeOf(w corpus.Warning) (string, Severity) {
	code, ok := warningCodes[w.Code]
	if !ok {
		return w.Code, Warning
	}
	for _, c := range Codes {
		if c.Code == code {
			return code, c.Severity
		}
	}
	return code, Warning
}

// Input is one report with what the checks need besides its records.
type Input struct {
	Report *extract.Report
	Text   string // normalised text
}

// Options tune the checks.
type Options struct {
	Dup DupOptions
	// Catalogue has the rules the reports were read with (units, the
	// coverage matrix's indicators); nil means the built-in one.
	Catalogue *extract.Catalogue
	// Progress, when set, is told how far each step of the check is.
	Progress Progress
}

// Progress is told that done of total items of a step are done; it may
// be called from several goroutines at once.
type Progress func(step string, done, total int)

// catalogue returns the catalogue of the checks.
func (o Options) catalogue() *extract.Catalogue {
	if o.Catalogue != nil {
		return o.Catalogue
	}
	return extract.DefaultCatalogue
}

// report calls p when it is set.
func (p Progress) report(step string, done, total int) {
	if p != nil {
		p(step, done, total)
	}
}

// ReportFindings are the findings of one report.
type ReportFindings struct {
	File     string    `json:"file"`
	Town     string    `json:"town"`
	Year     int       `json:"year"`
	Findings []Finding `json:"findings"`
}

// Coverage marks, for every report, which indicators it reports, states as
// zero, or leaves out.
type Coverage struct {
	Indicators []string            `json:"indicators"` // IDs, catalogue order
	Labels     []string            `json:"labels"`
	Rows       []CoverageRow       `json:"rows"`
	Counts     map[string][3]int   `json:"counts"` // per indicator: reported, zero, absent
	Marks      map[string][]string `json:"-"`
}

// CoverageRow is one report's line of the coverage matrix: "reported",
// "zero" or "absent" per indicator.
type CoverageRow struct {
	File  string   `json:"file"`
	Town  string   `json:"town"`
	Year  int      `json:"year"`
	Marks []string `json:"marks"`
}

// Result is the whole check.
type Result struct {
	Reports    int              `json:"reports"`
	BySeverity map[Severity]int `json:"by_severity"`
	ByCode     map[string]int   `json:"by_code"`
	Results    []ReportFindings `json:"results"`
	Coverage   Coverage         `json:"coverage"`
	Boiler     int              `json:"boilerplate_shingles"`
}

// completeness lists the required parts that no heading of the report
// stands for (extract decides which part a heading is).
func completeness(r *extract.Report) []Finding {
	have := map[extract.Part]bool{}
	for _, s := range r.Sections {
		for _, p := range s.Parts() {
			have[p] = true
		}
	}
	var out []Finding
	for _, p := range extract.RequiredParts() {
		if !have[p.Part] {
			out = append(out, Finding{Severity: Error, Code: "missing_part", File: r.Path,
				Message: fmt.Sprintf("no part on %s (%s)", p.Name, p.Part)})
		}
	}
	return out
}

// warnings turns each warning of the report into its finding.
func warnings(r *extract.Report) []Finding {
	var out []Finding
	for _, w := range r.Warnings {
		code, sev := CodeOf(w)
		f := Finding{Severity: sev, Code: code, Message: w.Message, Evidence: w.Evidence, File: r.Path}
		if w.Code == code { // the extraction's own checks, about figures
			f.Section = sectionOf(r, w.Evidence)
		}
		out = append(out, f)
	}
	return out
}

// units reports values whose unit their indicator does not take.
func units(r *extract.Report, cat *extract.Catalogue) []Finding {
	var out []Finding
	for _, ind := range r.Indicators {
		rule := cat.Rule(ind.ID)
		if rule == nil || ind.Unit == "" {
			continue
		}
		ok := false
		for _, u := range rule.Units {
			ok = ok || u == ind.Unit
		}
		if !ok {
			out = append(out, Finding{Severity: Warning, Code: "unit_mismatch", File: r.Path, Section: ind.Section, Evidence: ind.Evidence,
				Message: fmt.Sprintf("%s is given in %s; it is counted in %s", ind.Label, ind.Unit, strings.Join(rule.Units, "/"))})
		}
	}
	return out
}

// sectionOf finds the section of the record whose evidence is ev.
func sectionOf(r *extract.Report, ev string) string {
	for _, ind := range r.Indicators {
		if ind.Evidence == ev || ev != "" && strings.Contains(ev, ind.Evidence) {
			return ind.Section
		}
	}
	return ""
}

// metadata reports missing or contradictory metadata.
func metadata(r *extract.Report) []Finding {
	var out []Finding
	m := r.Meta
	if !m.Town.Known() {
		out = append(out, Finding{Severity: Error, Code: "no_town", File: r.Path, Message: "the report does not name its town; name the file like 王团镇_2024.txt or list it in manifest.csv"})
	}
	if m.Year == 0 {
		msg := "the year reported on is unknown"
		if m.YearHint != "" {
			msg += ": " + m.YearHint
		}
		out = append(out, Finding{Severity: Error, Code: "no_year", File: r.Path, Message: msg})
	}
	if m.Year != 0 && m.Date.Known() && len(m.Date.Value) >= 4 {
		if dy, err := strconv.Atoi(m.Date.Value[:4]); err == nil && (dy < m.Year || dy > m.Year+1) {
			out = append(out, Finding{Severity: Warning, Code: "year_conflict", File: r.Path,
				Message: fmt.Sprintf("it reports on %d (%s) but is signed %s", m.Year, m.YearSource, m.Date.Value)})
		}
	}
	return out
}

// jumpKey is a series of figures year after year: a town's (its name and
// county), one indicator's, one body's.
type jumpKey struct{ town, county, id, subject string }

// jumpPoint is one report's figure in a series.
type jumpPoint struct {
	key   jumpKey
	year  int
	value float64
	file  string
	ev    string
	label string
}

// jumpPoints are the figures of a report that yearJumps compares: each
// achievement above 0, the first where the report gives several. The
// evidence is a copy, so that the report's text can go.
func jumpPoints(r *extract.Report) []jumpPoint {
	if !r.Meta.Town.Known() || r.Meta.Year == 0 {
		return nil
	}
	var out []jumpPoint
	seen := map[jumpKey]bool{}
	for _, ind := range r.Indicators {
		if ind.Scope != extract.ScopeAchievement || ind.Value <= 0 {
			continue
		}
		k := jumpKey{r.Meta.Town.Value, r.Meta.County.Value, ind.ID, ind.Subject}
		if seen[k] {
			continue // a second value of one report: the first stands for it
		}
		seen[k] = true
		out = append(out, jumpPoint{k, r.Meta.Year, ind.Value, r.Path, strings.Clone(ind.Evidence), ind.Label})
	}
	return slices.Clip(out)
}

// yearJumps compares each town's figures with its previous year's: a
// change of more than 5× either way is worth a look.
func yearJumps(points []jumpPoint) []Finding {
	series := map[jumpKey][]jumpPoint{}
	for _, p := range points {
		series[p.key] = append(series[p.key], p)
	}
	var out []Finding
	for _, ps := range series {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].year < ps[j].year })
		for i := 1; i < len(ps); i++ {
			a, b := ps[i-1], ps[i]
			if b.year != a.year+1 {
				continue
			}
			ratio := b.value / a.value
			if ratio > 5 || ratio < 0.2 {
				out = append(out, Finding{Severity: Info, Code: "year_jump", File: b.file, Evidence: b.ev, Other: a.file,
					Message: fmt.Sprintf("%s went from %s in %d to %s in %d (×%.1f)", b.label, num(a.value), a.year, num(b.value), b.year, ratio)})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].File < out[j].File || out[i].File == out[j].File && out[i].Message < out[j].Message
	})
	return out
}

func num(v float64) string {
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// coverageMarks is a report's row of the coverage matrix: for each
// indicator of the catalogue, "reported", "zero" or "absent".
func coverageMarks(r *extract.Report, cat *extract.Catalogue) CoverageRow {
	row := CoverageRow{File: r.Path, Town: r.Meta.Town.Value, Year: r.Meta.Year}
	for _, rule := range cat.Rules {
		mark := "absent"
		for k := range r.Indicators {
			if r.Indicators[k].ID == rule.ID {
				mark = Mark(mark, &r.Indicators[k])
			}
		}
		row.Marks = append(row.Marks, mark)
	}
	return row
}

// Mark is a report's coverage mark for an indicator ("absent" before its
// first record) once one more record of that indicator, ind, is counted:
// an achievement above zero makes it "reported", an achievement of zero
// makes an absent one "zero"; plans and problems change nothing.
func Mark(mark string, ind *extract.Indicator) string {
	switch {
	case ind.Scope != extract.ScopeAchievement:
		return mark
	case ind.Value != 0:
		return "reported"
	case mark == "absent":
		return "zero"
	}
	return mark
}

// coverage builds the towns × indicators matrix from the reports' rows.
func coverage(rows []CoverageRow, cat *extract.Catalogue) Coverage {
	c := Coverage{Counts: map[string][3]int{}, Rows: rows}
	for _, r := range cat.Rules {
		c.Indicators = append(c.Indicators, r.ID)
		c.Labels = append(c.Labels, r.Label)
	}
	for _, row := range rows {
		for k, id := range c.Indicators {
			n := c.Counts[id]
			switch row.Marks[k] {
			case "reported":
				n[0]++
			case "zero":
				n[1]++
			default:
				n[2]++
			}
			c.Counts[id] = n
		}
	}
	return c
}
