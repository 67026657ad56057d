package index

import (
	"encoding/json"

	"baogao/extract"
)

// outlineEntry is one section as search needs it. It is stored as a JSON
// array [start, end, parent, headEnd] when the heading is the text from
// start to headEnd, which it nearly always is, else [start, end, parent,
// heading]; the path is rebuilt from the parents, which keeps it small.
type outlineEntry struct {
	Start, End, Parent int
	Heading            string
	HeadEnd            int // -1 when Heading is stored
}

func (o outlineEntry) MarshalJSON() ([]byte, error) {
	if o.HeadEnd >= 0 {
		return json.Marshal([]int{o.Start, o.End, o.Parent, o.HeadEnd})
	}
	return json.Marshal([]any{o.Start, o.End, o.Parent, o.Heading})
}

func (o *outlineEntry) UnmarshalJSON(b []byte) error {
	var a [4]json.RawMessage
	if err := json.Unmarshal(b, &a); err != nil {
		return err
	}
	for i, dst := range []any{&o.Start, &o.End, &o.Parent} {
		if err := json.Unmarshal(a[i], dst); err != nil {
			return err
		}
	}
	if json.Unmarshal(a[3], &o.HeadEnd) == nil {
		return nil
	}
	o.HeadEnd = -1
	return json.Unmarshal(a[3], &o.Heading)
}

// newOutline makes the outline of sections of text.
func newOutline(secs []extract.Section, text string) []outlineEntry {
	out := make([]outlineEntry, len(secs))
	for i, sec := range secs {
		out[i] = outlineEntry{sec.Start, sec.End, sec.Parent, sec.Heading, -1}
		if h, ok := span(text, sec.Start, sec.HeadEnd); ok && h == sec.Heading {
			out[i].Heading, out[i].HeadEnd = "", sec.HeadEnd
		}
	}
	return out
}

// fillHeadings sets the headings an outline takes from text.
func fillHeadings(outline []outlineEntry, text string) {
	for i := range outline {
		if o := &outline[i]; o.HeadEnd >= 0 {
			o.Heading, _ = span(text, o.Start, o.HeadEnd)
		}
	}
}
