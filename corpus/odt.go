package corpus

// odtRules read OpenDocument text (content.xml). Headers and footers are
// in styles.xml and not read; tracked changes (text:tracked-changes holds
// the deleted text), notes, annotations and the sequence and field
// declarations are not read either.
var odtRules = &xmlRules{
	para:      set("p", "h"),
	cell:      "table-cell",
	row:       "table-row",
	skip:      set("tracked-changes", "note", "annotation", "sequence-decls", "variable-decls", "user-field-decls", "forms", "soft-page-break"),
	tab:       set("tab"),
	lineBreak: set("line-break"),
	spaces:    "s",
	count:     "c",
}

// readODT reads the body text of an .odt.
func readODT(raw []byte) (docText, error) {
	z, err := openZip(FormatODT, raw)
	if err != nil {
		return docText{}, err
	}
	const part = "content.xml"
	data, err := readZipMember(FormatODT, z, part)
	if err != nil {
		return docText{}, err
	}
	text, err := xmlText(FormatODT, part, data, odtRules)
	if err != nil {
		return docText{}, err
	}
	return docText{text: text, enc: string(FormatODT)}, nil
}
