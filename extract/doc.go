// Package extract turns a report's normalised text into indicator records.
//
// In: a corpus.Doc. Out: a Result holding the section tree, the indicator
// records and the warnings for that report.
//
// Every Indicator carries the evidence clause it was read from, verbatim,
// and the half-open byte span [Start, End) of that clause in Doc.Text, so
// Doc.Text[Start:End] == Evidence always holds. Indicator rules are data
// (see catalogue.go): adding an indicator is adding a row, not a branch.
// A Record is an Indicator with the Source it comes from (file, place,
// year): the one shape every later stage (index, compare, render, check)
// uses. Which required part of a report a heading stands for is decided
// here too (Section.Parts). Nothing here reads files, decodes bytes or
// touches the index.
package extract
