package cli

import (
	"fmt"
	"strings"

	"baogao/extract"
)

// defaultMatrixIndicators are the columns of `extract --format compare` when
// --indicators is not given: the figures reviewers compare first.
var defaultMatrixIndicators = []string{
	"disputes_handled", "disputes_resolved", "mediation_success_rate",
	"publicity_events", "materials_distributed", "legal_literate_persons",
}

// resolveIndicators maps the user's --indicators words (IDs, labels or
// synonyms) to catalogue rules.
func resolveIndicators(cat *extract.Catalogue, words []string) ([]*extract.Rule, error) {
	if len(words) == 0 {
		words = defaultMatrixIndicators
	}
	var out []*extract.Rule
	for _, w := range words {
		r := cat.Lookup(strings.TrimSpace(w))
		if r == nil {
			return nil, usageError{fmt.Errorf("unknown indicator %q; known: %s", w, strings.Join(cat.IDs(), ", "))}
		}
		out = append(out, r)
	}
	return out, nil
}

// matrixCell shows every achievement value a report gives for one
// indicator, each with its subject when that is not the town, so that
// nothing is added up silently.
func matrixCell(r *extract.Report, id string) string {
	var vals []string
	for _, ind := range r.Indicators {
		if ind.ID != id || ind.Scope != extract.ScopeAchievement {
			continue
		}
		v := formatValue(ind)
		if ind.Subject != "" {
			v = ind.Subject + " " + v
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return "—"
	}
	return strings.Join(vals, " / ")
}

// writeMatrix prints one row per report and one column per indicator.
func writeMatrix(ios *IOStreams, reports []*extract.Report, rules []*extract.Rule) error {
	header := []string{"报告"}
	for _, r := range rules {
		header = append(header, r.Label)
	}
	t := newTable(ios.Out, header)
	derived := false
	for _, r := range reports {
		row := []string{reportTitle(r)}
		for _, rule := range rules {
			c := matrixCell(r, rule.ID)
			derived = derived || strings.Contains(c, "*")
			row = append(row, c)
		}
		if err := t.Append(row); err != nil {
			return err
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	fmt.Fprintf(ios.Out, "%d report(s); achievement values only; — no value", len(reports))
	if derived {
		fmt.Fprint(ios.Out, "; * derived, computed from other figures in the same passage")
	}
	fmt.Fprintln(ios.Out)
	return nil
}
