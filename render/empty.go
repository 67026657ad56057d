package render

import (
	"strings"

	"baogao/compare"
)

// EmptyMessage words why a filter selected no report: which filter, and
// what there is near it.
func EmptyMessage(e *compare.Emptied) string {
	values := strings.Join(e.Values, ", ")
	var msg, near string
	switch e.Flag {
	case "":
		return "no report to look at"
	case "town":
		msg = "no report of town " + values
	case "county":
		msg = "no report in county " + values
	default:
		msg = "no report of " + values
		if len(e.Nearby) > 0 {
			near = "; there are reports of " + strings.Join(e.Nearby, ", ")
		}
		return msg + near
	}
	switch {
	case len(e.Nearby) == 0:
	case e.Similar:
		near = "; did you mean " + strings.Join(e.Nearby, ", ") + "?"
	default:
		near = "; there are for example " + strings.Join(e.Nearby, ", ")
	}
	return msg + near
}
