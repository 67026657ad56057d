package check

import (
	"fmt"
	"sort"
	"strings"

	"baogao/extract"
)

// Checker checks reports one at a time, keeping of each only what the
// checks across reports need (its findings, figures, coverage marks and
// shingle set), so that a corpus is checked without holding every text;
// Finish then checks the corpus as a whole.
type Checker struct {
	opt     Options
	reports []checked
}

// checked is what a Checker keeps of a report.
type checked struct {
	findings ReportFindings
	points   []jumpPoint
	row      CoverageRow
	doc      Doc // without its text
	set      []uint32
}

// NewChecker makes a Checker of n reports.
func NewChecker(n int, opt Options) *Checker {
	return &Checker{opt: opt, reports: make([]checked, n)}
}

// Add checks report i of the n. Calls for different i may run at once.
func (c *Checker) Add(i int, in Input) {
	r := in.Report
	rf := ReportFindings{File: r.Path, Town: r.Meta.Town.Value, Year: r.Meta.Year}
	for _, fs := range [][]Finding{completeness(r), warnings(r), units(r, c.opt.catalogue()), metadata(r)} {
		for _, f := range fs {
			// copies: a finding's evidence is a piece of the report's text
			f.Evidence, f.Section = strings.Clone(f.Evidence), strings.Clone(f.Section)
			rf.Findings = append(rf.Findings, f)
		}
	}
	c.reports[i] = checked{
		findings: rf,
		points:   jumpPoints(r),
		row:      coverageMarks(r, c.opt.catalogue()),
		doc:      Doc{ID: r.Path, Town: r.Meta.Town.Value, Year: r.Meta.Year, Hash: r.Hash},
		set:      shingleSet(in.Text, r.Meta.Town.Value),
	}
}

// Finish checks the corpus as a whole: figures that jump from one year to
// the next, identical files and near-duplicates, whose shared passages it
// reads from text(path), and coverage. Every report must have been added.
func (c *Checker) Finish(text func(path string) (string, error)) (*Result, error) {
	opt := c.opt
	res := &Result{Reports: len(c.reports), BySeverity: map[Severity]int{}, ByCode: map[string]int{}}
	byFile := map[string]*ReportFindings{}
	var points []jumpPoint
	docs := make([]Doc, len(c.reports))
	sets := make([][]uint32, len(c.reports))
	rows := make([]CoverageRow, len(c.reports))
	for i := range c.reports {
		r := &c.reports[i]
		byFile[r.findings.File] = &r.findings
		points = append(points, r.points...)
		docs[i], sets[i], rows[i] = r.doc, r.set, r.row
		r.points, r.set = nil, nil
	}
	for _, f := range yearJumps(points) {
		if rf := byFile[f.File]; rf != nil {
			rf.Findings = append(rf.Findings, f)
		}
	}
	if opt.Dup.Progress == nil {
		opt.Dup.Progress = opt.Progress
	}
	dup, err := findDuplicates(docs, sets, func(i int) (string, error) { return text(docs[i].ID) }, opt.Dup)
	if err != nil {
		return nil, err
	}
	res.Boiler = dup.Boilerplate
	for _, g := range dup.Identical {
		for _, a := range g {
			for _, b := range g {
				if a != b {
					byFile[a].Findings = append(byFile[a].Findings, Finding{Severity: Error, Code: "identical_file",
						Message: "the same file as " + b, File: a, Other: b})
				}
			}
		}
	}
	for _, p := range dup.Near {
		for _, side := range [][2]string{{p.A, p.B}, {p.B, p.A}} {
			rf := byFile[side[0]]
			if rf == nil {
				continue
			}
			other := byFile[side[1]]
			who := side[1]
			if other != nil && other.Town != "" {
				who = fmt.Sprintf("%s %s (%s)", other.Town, extract.YearLabel(other.Year), side[1])
			}
			rf.Findings = append(rf.Findings, Finding{Severity: Warning, Code: "near_duplicate",
				Message:  fmt.Sprintf("%.0f%% of its own text is shared with %s; the longest shared passage is %d characters", p.Similarity*100, who, p.SharedLen),
				Evidence: p.Shared, File: side[0], Other: side[1]})
		}
	}
	for i := range c.reports {
		rf := &c.reports[i].findings
		sort.SliceStable(rf.Findings, func(a, b int) bool {
			return rf.Findings[a].Severity.Rank() > rf.Findings[b].Severity.Rank()
		})
		for _, f := range rf.Findings {
			res.BySeverity[f.Severity]++
			res.ByCode[f.Code]++
		}
		if rf.Findings == nil {
			rf.Findings = []Finding{}
		}
		res.Results = append(res.Results, *rf)
	}
	res.Coverage = coverage(rows, c.opt.catalogue())
	return res, nil
}

// Run checks every report, and the corpus as a whole.
func Run(in []Input, opt Options) *Result {
	c := NewChecker(len(in), opt)
	texts := make(map[string]string, len(in))
	for i, x := range in {
		opt.Progress.report("reports checked", i+1, len(in))
		c.Add(i, x)
		texts[x.Report.Path] = x.Text
	}
	res, _ := c.Finish(func(path string) (string, error) { return texts[path], nil })
	return res
}
