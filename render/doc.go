// Package render writes what baogao found: values formatted as reports
// mean them (≥4000 份, ~20000 人次, 100%*), terminal grids, and CSV, JSON,
// Markdown and XLSX files of comparisons, exports, extractions, checks and
// searches.
//
// In: compare.Tables, extract.Records and Reports, check Results, index
// Hits. Out: bytes on a writer or a file. What always holds: report text
// is inert wherever it is printed (no control characters or escape
// sequences reach a terminal, no CSV cell starts like a formula, XLSX
// cells are text or numbers, never formulas); piped output is plain and
// the same everywhere; nothing here decides what a value is.
package render
