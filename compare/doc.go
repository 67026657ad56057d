// Package compare lays indicator records out for review: terms resolved to
// indicators, tables of towns × years or of towns and years × indicators,
// towns grouped by county, city or province, and the statistics under a
// table.
//
// In: columns (Resolve), the reports a filter selected and their records,
// as extract.Record. Out: a Table of Values, each an extract.Record or,
// in a group, the figure its reports add up to. What always holds: no
// I/O, and nothing is formatted, escaped or shortened here (package
// render does that); every report selected has a row; two values of one
// indicator in one report are both kept; the figures of bodies other than
// the town (派出所, 司法所) are on rows of their own and never added to the
// town's.
package compare
