package compare

import "baogao/extract"

// Scope says which statements a table shows.
type Scope string

// The scopes of a table.
const (
	Achievement Scope = "achievement" // what was done (the default)
	Plan        Scope = "plan"        // what is planned
	All         Scope = "all"         // everything, plans and problems marked
)

// Scopes lists the scopes, for flags.
var Scopes = []string{string(Achievement), string(Plan), string(All)}

// Keeps reports whether a table of scope s shows record r; a record
// without a scope (an ad-hoc figure) counts as an achievement.
func (s Scope) Keeps(r extract.Record) bool {
	switch s {
	case All:
		return true
	case Plan:
		return r.Scope == extract.ScopePlan
	}
	return r.Scope == extract.ScopeAchievement || r.Scope == ""
}

// By says what a row stands for.
type By string

// The groupings.
const (
	ByTown     By = "town" // a town (the default)
	ByCounty   By = "county"
	ByCity     By = "city"
	ByProvince By = "province"
)

// Bys lists the groupings, for flags.
var Bys = []string{string(ByTown), string(ByCounty), string(ByCity), string(ByProvince)}

// Sort says how rows are ordered.
type Sort string

// The orders.
const (
	// ByPlace orders rows by division code (the statistical order of
	// provinces, cities, counties and towns), then by name.
	ByPlace Sort = "town"
	// ByValue orders rows by their latest value, largest first; rows
	// without a value come last, in division order.
	ByValue Sort = "value"
)

// Sorts lists the orders, for flags.
var Sorts = []string{string(ByPlace), string(ByValue)}

// Options tune a table.
type Options struct {
	Scope Scope
	By    By
	Sort  Sort
	// Evidence numbers every value that has evidence as a note.
	Evidence bool
	// YearRows gives a row per town (or group) and year even to a table of
	// one column, where years are otherwise its columns: the layout of a
	// spreadsheet, with the year in a column of its own.
	YearRows bool
	// Change gives every value its change from the same row's value a
	// year before (Value.Change).
	Change bool
	// Rank ranks the values of each year and column (Value.Rank): the
	// towns' own figures among the towns, or the groups among the groups;
	// with RankWithin, the towns within their county, city or province.
	Rank       bool
	RankWithin By
	// Catalogue has the rules of the indicators; nil means the built-in
	// one.
	Catalogue *extract.Catalogue
}

// catalogue returns the catalogue the table's indicators are read with.
func (o Options) catalogue() *extract.Catalogue {
	if o.Catalogue != nil {
		return o.Catalogue
	}
	return extract.DefaultCatalogue
}
