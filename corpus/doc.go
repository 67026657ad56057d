// Package corpus finds report files, decodes them, normalises their text and
// reads their metadata.
//
// In: paths to files or folders holding reports as they arrive: .txt in
// any of the encodings township offices produce (UTF-8 with or without BOM,
// UTF-16 with BOM, GB18030/GBK/GB2312), Word (.docx, and .doc or .wps in
// the Word 97 format), OpenDocument (.odt), PDF with a text layer, OFD and
// saved web pages (.html, .htm, .shtml). A file's format is told by its
// content (format.go), not by its name; each reader gives plain text that
// then goes the way of a .txt.
//
// Out: one Doc per readable report. Doc.Text is clean UTF-8: full-width
// characters folded, line ends unified, paragraphs that page layout broke
// joined again, page numbers, web-page furniture, repeated footers and text
// that does not belong to the report removed. Doc.Meta holds the town,
// county, city, province, year, date, document number and title, each with
// the Source it was read from.
//
// What always holds: every offset that later stages record is a byte offset
// into Doc.Text, the normalised text, so text[start:end] is the evidence.
// Removed text is reported as a Warning, never silently dropped. A file that
// cannot be read is an error that names the file and says what to do; it
// never stops the other files.
package corpus
