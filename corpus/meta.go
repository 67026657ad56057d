package corpus

// Source says where a metadata field was read from.
type Source string

// The sources a metadata field can have.
const (
	SourceTitle     Source = "title"     // the report's title line(s)
	SourceHeader    Source = "header"    // the letterhead above the title
	SourceBody      Source = "body"      // running text
	SourceFooter    Source = "footer"    // signature and date at the end
	SourceFileName  Source = "filename"  // the file's name or folder
	SourceManifest  Source = "manifest"  // a manifest.csv next to the report
	SourcePage      Source = "page"      // a web page's title or date, outside its text
	SourceGazetteer Source = "gazetteer" // the division gazetteer
	SourceUnknown   Source = "unknown"   // nothing said it
)

// Field is one metadata value with the place it came from.
// An unknown field has Value "" and Source SourceUnknown.
type Field struct {
	Value  string
	Source Source
}

// Known reports whether the field has a value.
func (f Field) Known() bool { return f.Value != "" }

// Meta is what a report says about itself.
type Meta struct {
	Town     Field
	County   Field
	City     Field
	Province Field
	// DivisionCode is the town's 9-digit statistical division code, from
	// the gazetteer.
	DivisionCode Field
	// Year is the year reported on, 0 when unknown.
	Year       int
	YearSource Source
	// YearHint says why the year is unknown, or what else was seen.
	YearHint string
	Date     Field // signing date as YYYY-MM-DD
	DocNo    Field // 文号, e.g. 沙政〔2022〕126号
	Title    Field
}
