package cli

import (
	"fmt"
	"math"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"baogao/extract"
	"baogao/index"
)

// CompareOptions are the flags of baogao compare.
type CompareOptions struct {
	IO       *IOStreams
	Terms    []string
	Index    string
	Years    string
	Towns    []string
	County   string
	Scope    string
	Evidence bool
	Sort     string
	Format   string
	Output   string
	By       string
}

// NewCmdCompare builds baogao compare.
func NewCmdCompare(f *Factory) *cobra.Command {
	opts := &CompareOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "compare TERM...",
		Short: "Compare figures across towns and years, from the index",
		Long: `Tabulates what the ingested reports state. TERM is an indicator ID, its
Chinese label or a synonym (化解率 and 调处成功率 mean mediation_success_rate),
or any other word: then the numbers written next to it in the reports' sentences
are shown (ad hoc).

One TERM: a row per town, a column per year. Several: a row per town and year,
a column per indicator — the review sheet. Each cell is what the report said
(≥4000 份 is not 4000 份; * marks a value computed from other figures); bodies
other than the town (派出所, 司法所) get rows of their own; — is no value.`,
		Example: `  baogao compare 调解成功率
  baogao compare 调解成功率 --years 2021-2024 --county 同心县 --evidence
  baogao compare disputes_handled disputes_resolved mediation_success_rate 法律明白人 --format xlsx -o review.xlsx
  baogao compare 法律援助`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Terms = args
			if err := checkFormat(opts.Format, "table", "csv", "json", "md", "xlsx"); err != nil {
				return err
			}
			if err := checkFormat(opts.Scope, "achievement", "plan", "all"); err != nil {
				return usageError{fmt.Errorf("--scope: %w", err)}
			}
			if err := checkFormat(opts.Sort, "town", "value"); err != nil {
				return usageError{fmt.Errorf("--sort: %w", err)}
			}
			if err := checkFormat(opts.By, "town", "county", "city", "province"); err != nil {
				return usageError{fmt.Errorf("--by: %w", err)}
			}
			if opts.Format == "xlsx" && opts.Output == "" {
				return usageError{fmt.Errorf("--format xlsx needs -o FILE")}
			}
			return compareRun(opts)
		},
	}
	addIndexFlag(cmd, &opts.Index)
	cmd.Flags().StringVar(&opts.Years, "years", "", "years, like 2023 or 2021-2024")
	cmd.Flags().StringArrayVar(&opts.Towns, "town", nil, "only this town (repeatable)")
	cmd.Flags().StringVar(&opts.County, "county", "", "only this county")
	cmd.Flags().StringVar(&opts.Scope, "scope", "achievement", "achievement, plan or all")
	cmd.Flags().BoolVar(&opts.Evidence, "evidence", false, "show the sentence and file of every value")
	cmd.Flags().StringVar(&opts.Sort, "sort", "town", "order rows by town or by value")
	cmd.Flags().StringVar(&opts.By, "by", "town", "rows by town, county, city or province (counts summed, rates recomputed or the median)")
	cmd.Flags().StringVar(&opts.Format, "format", "table", "table, csv, json, md or xlsx")
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "write to FILE instead of standard output")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("table", "csv", "json", "md", "xlsx"))
	return cmd
}

// parseYears reads 2023, 2021-2024 or 2021-.
func parseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	a, b, isRange := strings.Cut(s, "-")
	if from, err = strconv.Atoi(strings.TrimSpace(a)); err != nil {
		return 0, 0, usageError{fmt.Errorf("--years %q: want 2023 or 2021-2024", s)}
	}
	if !isRange {
		return from, from, nil
	}
	if strings.TrimSpace(b) == "" {
		return from, 0, nil
	}
	if to, err = strconv.Atoi(strings.TrimSpace(b)); err != nil || to < from {
		return 0, 0, usageError{fmt.Errorf("--years %q: want 2023 or 2021-2024", s)}
	}
	return from, to, nil
}

// column is one compared term.
type column struct {
	Term  string // as the user wrote it
	ID    string // indicator ID, "" for an ad-hoc term
	Label string
}

// cmpValue is one value in a cell.
type cmpValue struct {
	Text      string  `json:"text"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Qualifier string  `json:"qualifier"`
	Derived   bool    `json:"derived"`
	Scope     string  `json:"scope"`
	Note      int     `json:"note,omitempty"` // evidence note number
	Evidence  string  `json:"evidence,omitempty"`
	Section   string  `json:"section,omitempty"`
	File      string  `json:"file,omitempty"`
	focus     int
}

// cmpRow is one row: a town (one TERM) or a town's report (several), and
// a body when the values are not the town's own.
type cmpRow struct {
	Label   string       `json:"label"`
	Town    string       `json:"town"`
	County  string       `json:"county"`
	Year    int          `json:"year,omitempty"`
	Subject string       `json:"subject,omitempty"`
	Cells   [][]cmpValue `json:"cells"`
}

// cmpTable is a comparison, ready to print in any format.
type cmpTable struct {
	Title   string   `json:"title"`
	Columns []string `json:"columns"`
	Rows    []cmpRow `json:"rows"`
	Stats   []string `json:"stats"`
	Notes   []string `json:"-"`
	single  bool     // one term: columns are years
	name    string   // what the statistics line is about
	derived bool
	adHoc   []string
}

func compareRun(opts *CompareOptions) error {
	// A comparison is built and printed in one go from data already in
	// memory; collecting garbage only when memory grows large makes a
	// national table print much sooner.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 30))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	from, to, err := parseYears(opts.Years)
	if err != nil {
		return err
	}
	ix, err := index.Open(indexPath(opts.Index))
	if err != nil {
		return err
	}
	defer ix.Close()
	filter := index.RecordFilter{Towns: opts.Towns, County: opts.County, YearFrom: from, YearTo: to}
	cols, err := resolveColumns(ix, opts.Terms)
	if err != nil {
		return err
	}
	reports, err := ix.Reports(filter)
	if err != nil {
		return err
	}
	var recs []index.Record
	var ids []string
	for _, c := range cols {
		if c.ID != "" {
			ids = append(ids, c.ID)
		} else if opts.By != "town" {
			return usageError{fmt.Errorf("--by %s needs indicators; %q is an ad-hoc term", opts.By, c.Term)}
		}
	}
	if opts.By != "town" {
		return compareGrouped(opts, ix, cols, ids, filter, reports)
	}
	if len(ids) > 0 {
		f := filter
		f.IDs = ids
		if recs, err = ix.Records(f); err != nil {
			return err
		}
		if opts.Evidence {
			if err := ix.AddEvidence(recs); err != nil {
				return err
			}
		}
	}
	for _, c := range cols {
		if c.ID == "" {
			ad, err := adHocRecords(ix, c.Term, filter)
			if err != nil {
				return err
			}
			recs = append(recs, ad...)
		}
	}
	kept := recs[:0]
	for _, r := range recs {
		if opts.Scope == "all" || r.Scope == opts.Scope || r.Scope == "" && opts.Scope == "achievement" {
			kept = append(kept, r)
		}
	}
	return writeComparison(opts, buildCompare(cols, reports, kept, opts.Evidence, opts.Sort))
}

// compareGrouped answers compare --by county|city|province.
func compareGrouped(opts *CompareOptions, ix *index.Index, cols []column, ids []string, filter index.RecordFilter, reports []index.ReportMeta) error {
	need := append([]string{}, ids...)
	for _, c := range cols {
		if r := extract.DefaultCatalogue.Rule(c.ID); r != nil && r.Ratio != nil {
			need = append(need, r.Ratio.Part, r.Ratio.Whole)
		}
	}
	f := filter
	f.IDs = need
	all, err := ix.Records(f)
	if err != nil {
		return err
	}
	var recs []index.Record
	for _, r := range all {
		if opts.Scope == "all" || r.Scope == opts.Scope {
			recs = append(recs, r)
		}
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var shown []index.Record
	for _, r := range recs {
		if want[r.ID] {
			shown = append(shown, r)
		}
	}
	return writeComparison(opts, buildGrouped(cols, reports, shown, recs, opts.By))
}

// writeComparison writes a table in the format asked for.
func writeComparison(opts *CompareOptions, t *cmpTable) error {
	out := opts.IO.Out
	if opts.Output != "" && opts.Format != "xlsx" {
		f, err := os.Create(opts.Output)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	switch opts.Format {
	case "csv":
		return writeCompareCSV(out, t, opts.Evidence)
	case "json":
		return writeCompareJSON(out, t)
	case "md":
		return writeCompareMD(out, t)
	case "xlsx":
		return writeCompareXLSX(opts.Output, t)
	}
	width := opts.IO.Width
	if width <= 0 {
		width = pipedWidth
	}
	return writeCompareTable(out, t, width)
}

// resolveColumns maps each term to an indicator, or keeps it as an ad-hoc
// term when the reports contain it; a word that matches nothing is an error
// with suggestions.
func resolveColumns(ix *index.Index, terms []string) ([]column, error) {
	cat := extract.DefaultCatalogue
	var cols []column
	for _, t := range terms {
		t = strings.TrimSpace(t)
		if r := cat.Lookup(t); r != nil {
			cols = append(cols, column{Term: t, ID: r.ID, Label: r.Label})
			continue
		}
		res, err := ix.Search(index.Query{Text: `"` + t + `"`, Limit: 1})
		if err != nil {
			return nil, err
		}
		if res.Total == 0 {
			msg := fmt.Sprintf("%q is no indicator and no ingested report contains it", t)
			if s := suggest(cat, t); len(s) > 0 {
				msg += "; did you mean " + strings.Join(s, ", ") + "?"
			}
			return nil, fmt.Errorf("%s", msg)
		}
		cols = append(cols, column{Term: t, Label: t + " (ad hoc)"})
	}
	return cols, nil
}

// suggest returns up to three indicator labels closest to word: most
// characters in common.
func suggest(cat *extract.Catalogue, word string) []string {
	type cand struct {
		label string
		score int
	}
	var cs []cand
	for _, r := range cat.Rules {
		best := 0
		for _, name := range append([]string{r.Label, r.ID}, r.Synonyms...) {
			n := 0
			for _, c := range word {
				if strings.ContainsRune(name, c) {
					n++
				}
			}
			best = max(best, n)
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

// adHocRecords finds the numbers that the reports' sentences containing
// term write next to it: the nearest counted quantity after the term, else
// before it, in the same clause.
func adHocRecords(ix *index.Index, term string, f index.RecordFilter) ([]index.Record, error) {
	var out []index.Record
	towns := f.Towns
	if len(towns) == 0 {
		towns = []string{""}
	}
	for _, town := range towns {
		res, err := ix.Search(index.Query{Text: `"` + term + `"`, Town: town, County: f.County, Limit: 100000})
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if f.YearFrom != 0 && h.Year < f.YearFrom || f.YearTo != 0 && h.Year > f.YearTo {
				continue
			}
			text, err := ix.Text(h.Path)
			if err != nil {
				return nil, err
			}
			for seq, tv := range extract.TermValues(text, term) {
				out = append(out, index.Record{
					ID: "adhoc:" + term, Value: tv.Value, Unit: tv.Unit, Qualifier: tv.Qualifier,
					Evidence: tv.Evidence, Start: tv.Start, End: tv.End, NumStart: tv.NumStart, NumEnd: tv.NumEnd,
					Path: h.Path, Town: h.Town, County: h.County, Year: h.Year, Seq: seq,
				})
			}
		}
	}
	return out, nil
}

// recordValue turns a record into a cell value.
func recordValue(r index.Record) cmpValue {
	ind := extract.Indicator{Value: r.Value, Unit: r.Unit, Qualifier: r.Qualifier, Derived: r.Derived}
	text := formatValue(ind)
	if r.Scope == string(extract.ScopePlan) {
		text += " (计划)"
	} else if r.Scope == string(extract.ScopeProblem) {
		text += " (问题)"
	}
	return cmpValue{Text: text, Value: r.Value, Unit: r.Unit, Qualifier: r.Qualifier, Derived: r.Derived, Scope: r.Scope,
		Evidence: r.Evidence, Section: r.Section, File: displayPath(r.Path), focus: r.NumStart - r.Start}
}

func yearLabel(y int) string {
	if y == 0 {
		return "?"
	}
	return strconv.Itoa(y)
}

// buildCompare lays records out: one column term gives town rows and year
// columns; several give town·year rows and term columns. Every report the
// filters select has a row, with — where it states nothing.
func buildCompare(cols []column, reports []index.ReportMeta, recs []index.Record, evidence bool, sortBy string) *cmpTable {
	single := len(cols) == 1
	t := &cmpTable{single: single}
	colOf := map[string]int{}
	for i, c := range cols {
		key := c.ID
		if key == "" {
			key = "adhoc:" + c.Term
			t.adHoc = append(t.adHoc, c.Term)
		}
		colOf[key] = i
	}
	type rowKey struct {
		town, county, subject string
		year                  int
		path                  string
	}
	rows := map[rowKey]*cmpRow{}
	var order []rowKey
	years := map[int]bool{}
	addRow := func(k rowKey, ncol int) *cmpRow {
		if r := rows[k]; r != nil {
			return r
		}
		label := orUnknown(k.town)
		if k.county != "" {
			label += " (" + k.county + ")"
		}
		if !single {
			label = orUnknown(k.town) + " · " + yearLabel(k.year)
			if k.county != "" {
				label += " (" + k.county + ")"
			}
		}
		if k.subject != "" {
			label += " · " + k.subject
		}
		r := &cmpRow{Label: label, Town: k.town, County: k.county, Subject: k.subject, Cells: make([][]cmpValue, ncol)}
		if !single {
			r.Year = k.year
		}
		rows[k] = r
		order = append(order, k)
		return r
	}
	keyFor := func(town, county, subject string, year int, path string) rowKey {
		if single {
			return rowKey{town: town, county: county, subject: subject}
		}
		return rowKey{town: town, county: county, subject: subject, year: year, path: path}
	}
	for _, rep := range reports {
		years[rep.Year] = true
	}
	for _, r := range recs {
		years[r.Year] = true
	}
	var yearList []int
	for y := range years {
		yearList = append(yearList, y)
	}
	sort.Ints(yearList)
	yearCol := map[int]int{}
	if single {
		for i, y := range yearList {
			yearCol[y] = i
			t.Columns = append(t.Columns, yearLabel(y))
		}
		t.Title = cols[0].Label
	} else {
		for _, c := range cols {
			t.Columns = append(t.Columns, c.Label)
		}
		t.Title = "review sheet"
	}
	ncol := len(t.Columns)
	for _, rep := range reports {
		addRow(keyFor(rep.Town, rep.County, "", rep.Year, rep.Path), ncol)
	}
	for _, r := range recs {
		row := addRow(keyFor(r.Town, r.County, r.Subject, r.Year, r.Path), ncol)
		c := 0
		if single {
			c = yearCol[r.Year]
		} else {
			c = colOf[r.ID]
		}
		v := recordValue(r)
		t.derived = t.derived || v.Derived
		if evidence && v.Evidence != "" {
			t.Notes = append(t.Notes, fmt.Sprintf("%s — %s", inert(v.Evidence), inert(v.File)))
			v.Note = len(t.Notes)
		}
		row.Cells[c] = append(row.Cells[c], v)
	}
	// A row for the town's own values is dropped when it stays empty but
	// a body of the same report has values.
	for _, k := range order {
		t.Rows = append(t.Rows, *rows[k])
	}
	t.Rows = dropShadowedEmpty(t.Rows)
	sortRows(t.Rows, sortBy)
	t.Stats = compareStats(t)
	return t
}

// dropShadowedEmpty removes an empty town row when a subject row of the
// same town (and year) has values.
func dropShadowedEmpty(rows []cmpRow) []cmpRow {
	has := map[string]bool{}
	for _, r := range rows {
		if r.Subject != "" && !rowEmpty(r) {
			has[r.Town+"\x00"+r.County+"\x00"+strconv.Itoa(r.Year)] = true
		}
	}
	out := rows[:0]
	for _, r := range rows {
		if r.Subject == "" && rowEmpty(r) && has[r.Town+"\x00"+r.County+"\x00"+strconv.Itoa(r.Year)] {
			continue
		}
		out = append(out, r)
	}
	return out
}

func rowEmpty(r cmpRow) bool {
	for _, c := range r.Cells {
		if len(c) > 0 {
			return false
		}
	}
	return true
}

// sortRows orders rows by town (then county, year, body), or by value:
// the row's latest value, largest first, rows without values last.
func sortRows(rows []cmpRow, by string) {
	latest := func(r cmpRow) (float64, bool) {
		for i := len(r.Cells) - 1; i >= 0; i-- {
			if len(r.Cells[i]) > 0 {
				return r.Cells[i][0].Value, true
			}
		}
		return 0, false
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if by == "value" {
			va, oka := latest(a)
			vb, okb := latest(b)
			if oka != okb {
				return oka
			}
			if va != vb {
				return va > vb
			}
		}
		if a.Town != b.Town {
			return a.Town < b.Town
		}
		if a.County != b.County {
			return a.County < b.County
		}
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		return a.Subject < b.Subject
	})
}

// compareStats says how many rows have a value and, per column (or for the
// whole table with one term), min / median / max of the values in the most
// common unit.
func compareStats(t *cmpTable) []string {
	var out []string
	summarise := func(name string, vals []cmpValue, rowsWith int) {
		if len(vals) == 0 {
			out = append(out, fmt.Sprintf("%s: no values", name))
			return
		}
		units := map[string]int{}
		for _, v := range vals {
			units[v.Unit]++
		}
		unit, n := "", -1
		for u, c := range units {
			if c > n || c == n && u < unit {
				unit, n = u, c
			}
		}
		var nums []float64
		qualified := 0
		for _, v := range vals {
			if v.Unit == unit {
				nums = append(nums, v.Value)
				if v.Qualifier != "" {
					qualified++
				}
			}
		}
		sort.Float64s(nums)
		med := nums[len(nums)/2]
		if len(nums)%2 == 0 {
			med = (nums[len(nums)/2-1] + nums[len(nums)/2]) / 2
		}
		u := unit
		if u != "%" && u != "" {
			u = " " + u
		}
		s := fmt.Sprintf("%s: %d of %d rows have a value; in %s: min %s%s, median %s%s, max %s%s (%d values",
			name, rowsWith, len(t.Rows), orUnknown(unit), formatNumber(nums[0]), u, formatNumber(math.Round(med*100)/100), u, formatNumber(nums[len(nums)-1]), u, len(nums))
		if qualified > 0 {
			s += fmt.Sprintf(", %d of them qualified (≥ ~ ≤) and counted as written", qualified)
		}
		if len(nums) < len(vals) {
			s += fmt.Sprintf("; %d in other units left out", len(vals)-len(nums))
		}
		out = append(out, s+")")
	}
	if len(t.Columns) > 0 && t.single {
		var vals []cmpValue
		with := 0
		for _, r := range t.Rows {
			if !rowEmpty(r) {
				with++
			}
			for _, c := range r.Cells {
				vals = append(vals, c...)
			}
		}
		name := t.name
		if name == "" {
			name = t.Title
		}
		summarise(name, vals, with)
		return out
	}
	for i, name := range t.Columns {
		var vals []cmpValue
		with := 0
		for _, r := range t.Rows {
			if len(r.Cells[i]) > 0 {
				with++
			}
			vals = append(vals, r.Cells[i]...)
		}
		summarise(name, vals, with)
	}
	return out
}

// cellText writes a cell: its values joined, with note numbers.
func cellText(c []cmpValue, notes bool) string {
	if len(c) == 0 {
		return "—"
	}
	parts := make([]string, len(c))
	for i, v := range c {
		parts[i] = v.Text
		if notes && v.Note > 0 {
			parts[i] += " [" + strconv.Itoa(v.Note) + "]"
		}
	}
	return strings.Join(parts, " / ")
}
