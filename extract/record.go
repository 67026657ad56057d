package extract

import "strconv"

// Source is the report a figure comes from: its file, its place and the
// year it reports on. Unknown fields are "" and 0.
type Source struct {
	Path     string `json:"path"`
	Town     string `json:"town"`
	County   string `json:"county"`
	City     string `json:"city"`
	Province string `json:"province"`
	// Code is the town's 9-digit statistical division code, "" when the
	// town could not be placed; a county's code is its first 6 digits, a
	// city's 4 and a province's 2.
	Code string `json:"division_code,omitempty"`
	Year int    `json:"year"`
}

// Record is one figure with the report it comes from: the one shape every
// stage after extraction uses, from the index to every writer. Its
// Indicator is the record of spec/indicators.md; a record read from the
// index without its evidence has Section, Evidence, Start and End empty.
type Record struct {
	Source
	Indicator
	// Seq is the record's place among its report's records.
	Seq int `json:"-"`
}

// Source returns the report's file, place and year.
func (r *Report) Source() Source {
	m := r.Meta
	return Source{Path: r.Path, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value,
		Code: m.DivisionCode.Value, Year: m.Year}
}

// Records returns the report's figures as records.
func (r *Report) Records() []Record {
	src := r.Source()
	out := make([]Record, len(r.Indicators))
	for i, ind := range r.Indicators {
		out[i] = Record{Source: src, Indicator: ind, Seq: i}
	}
	return out
}

// YearLabel writes a year for tables and messages: "?" when it is unknown.
func YearLabel(y int) string {
	if y == 0 {
		return "?"
	}
	return strconv.Itoa(y)
}
