package render

import (
	"io"
	"strings"

	"baogao/extract"
)

// Indicators prints the catalogue as a table: ID, label, kind, units,
// synonyms and origin (built-in or the user's file) of each indicator, in
// catalogue order.
func Indicators(w io.Writer, cat *extract.Catalogue) error {
	rows := make([][]string, 0, len(cat.Rules))
	for _, r := range cat.Rules {
		rows = append(rows, []string{r.ID, r.Label, string(r.Kind), strings.Join(r.Units, " "), strings.Join(r.Synonyms, "、"), Inert(DisplayPath(r.Origin))})
	}
	return Grid(w, []string{"ID", "label", "kind", "units", "synonyms", "from"}, rows)
}

// indicatorJSON is an indicator in the JSON list.
type indicatorJSON struct {
	ID       string         `json:"id"`
	Label    string         `json:"label"`
	Kind     extract.Kind   `json:"kind"`
	Units    []string       `json:"units"`
	Synonyms []string       `json:"synonyms"`
	Ratio    *extract.Ratio `json:"ratio,omitempty"`
	Origin   string         `json:"from"`
}

// IndicatorsJSON writes the catalogue as a JSON array, in catalogue order.
func IndicatorsJSON(w io.Writer, cat *extract.Catalogue) error {
	out := make([]indicatorJSON, 0, len(cat.Rules))
	for _, r := range cat.Rules {
		out = append(out, indicatorJSON{r.ID, r.Label, r.Kind, nonNil(r.Units), nonNil(r.Synonyms), r.Ratio, r.Origin})
	}
	return writeJSON(w, out)
}

// nonNil makes a nil list empty, so that JSON shows [] rather than null.
func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}
