package index

import (
	"encoding/json"
	"fmt"

	"baogao/corpus"
	"baogao/extract"
)

// A report's extraction is stored next to its text, so what the text gives
// back is left out of the stored form: a section's heading is usually the
// text between its start and the end of its heading, its path is its
// parent's path and its heading, a record's section path is a section's,
// and its evidence is the text between its start and end. Each is left out
// only when that is exactly what it is, so unpacking gives back what was
// packed, always (TestPackRoundTrip). This keeps the stored extraction at
// about a quarter of its JSON.

// packedInfo is reportInfo as stored.
type packedInfo struct {
	Path     string           `json:"path"`
	Encoding string           `json:"enc"`
	Meta     corpus.Meta      `json:"meta"`
	Warnings []corpus.Warning `json:"warn,omitempty"`
	Sections []packedSection  `json:"secs,omitempty"`
	Records  []packedRecord   `json:"recs,omitempty"`
}

// packedSection is an extract.Section; Heading and Path are nil when the
// text and the parents give them.
type packedSection struct {
	Heading *string       `json:"h,omitempty"`
	Path    *string       `json:"p,omitempty"`
	Level   int           `json:"l"`
	Scope   extract.Scope `json:"s,omitempty"`
	Part    extract.Part  `json:"pt,omitempty"`
	Start   int           `json:"a"`
	End     int           `json:"b"`
	HeadEnd int           `json:"he"`
	Parent  int           `json:"par"`
}

// packedRecord is a storedIndicator. Sec is 1 + the index of the section
// whose path is the record's, or 0 when Section holds it; Evidence is nil
// when the text gives it.
type packedRecord struct {
	ID        string        `json:"id"`
	Label     string        `json:"lb"`
	Value     float64       `json:"v"`
	Unit      string        `json:"u,omitempty"`
	Qualifier string        `json:"q,omitempty"`
	Scope     extract.Scope `json:"s,omitempty"`
	Subject   string        `json:"sj,omitempty"`
	Derived   bool          `json:"d,omitempty"`
	Computed  *float64      `json:"c,omitempty"`
	Sec       int           `json:"sec,omitempty"`
	Section   string        `json:"sp,omitempty"`
	Evidence  *string       `json:"e,omitempty"`
	Start     int           `json:"a"`
	End       int           `json:"b"`
	Rule      string        `json:"r"`
	NumStart  int           `json:"na,omitempty"`
	NumEnd    int           `json:"nb,omitempty"`
}

// span returns text[start:end], or false when that is not a span of text.
func span(text string, start, end int) (string, bool) {
	if start < 0 || end < start || end > len(text) {
		return "", false
	}
	return text[start:end], true
}

// textSpan is span for unpacking: a span the text does not have means the
// stored extraction and text disagree.
func textSpan(text string, start, end int, what string, i int) (string, error) {
	s, ok := span(text, start, end)
	if !ok {
		return "", fmt.Errorf("%s %d spans %d–%d of a text of %d bytes", what, i, start, end, len(text))
	}
	return s, nil
}

// sectionPath is the path extract gives a section: its parent's path and
// its heading, joined by " > ".
func sectionPath(parent, heading string) string {
	if parent == "" {
		return heading
	}
	return parent + " > " + heading
}

// packInfo encodes info, the extraction of a report whose normalised text
// is text.
func packInfo(info *reportInfo, text string) ([]byte, error) {
	p := packedInfo{Path: info.Path, Encoding: info.Encoding, Meta: info.Meta, Warnings: info.Warnings}
	p.Sections = make([]packedSection, len(info.Sections))
	bySecPath := make(map[string]int, len(info.Sections))
	for i, s := range info.Sections {
		ps := packedSection{Level: s.Level, Scope: s.Scope, Part: s.Part, Start: s.Start, End: s.End, HeadEnd: s.HeadEnd, Parent: s.Parent}
		if h, ok := span(text, s.Start, s.HeadEnd); !ok || h != s.Heading {
			ps.Heading = &info.Sections[i].Heading
		}
		parent := ""
		if s.Parent >= 0 && s.Parent < i {
			parent = info.Sections[s.Parent].Path
		}
		if s.Parent >= i || sectionPath(parent, s.Heading) != s.Path {
			ps.Path = &info.Sections[i].Path
		}
		p.Sections[i] = ps
		if _, ok := bySecPath[s.Path]; !ok {
			bySecPath[s.Path] = i
		}
	}
	p.Records = make([]packedRecord, len(info.Indicators))
	for i, r := range info.Indicators {
		pr := packedRecord{ID: r.ID, Label: r.Label, Value: r.Value, Unit: r.Unit, Qualifier: r.Qualifier, Scope: r.Scope,
			Subject: r.Subject, Derived: r.Derived, Computed: r.Computed, Start: r.Start, End: r.End, Rule: r.Rule,
			NumStart: r.NumStart, NumEnd: r.NumEnd}
		if k, ok := bySecPath[r.Section]; ok && r.Section != "" {
			pr.Sec = k + 1
		} else {
			pr.Section = r.Section
		}
		if ev, ok := span(text, r.Start, r.End); !ok || ev != r.Evidence {
			pr.Evidence = &info.Indicators[i].Evidence
		}
		p.Records[i] = pr
	}
	return json.Marshal(p)
}

// unpackInfo decodes what packInfo wrote. With text "" and full false it
// leaves out what the text would give (headings, paths, evidence), which
// the record table does not need.
func unpackInfo(raw []byte, text string, full bool) (*reportInfo, error) {
	var p packedInfo
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, err
	}
	info := &reportInfo{Path: p.Path, Encoding: p.Encoding, Meta: p.Meta, Warnings: p.Warnings}
	info.Sections = make([]extract.Section, len(p.Sections))
	for i, ps := range p.Sections {
		s := extract.Section{Level: ps.Level, Scope: ps.Scope, Part: ps.Part, Start: ps.Start, End: ps.End, HeadEnd: ps.HeadEnd, Parent: ps.Parent}
		switch {
		case ps.Heading != nil:
			s.Heading = *ps.Heading
		case full:
			h, err := textSpan(text, ps.Start, ps.HeadEnd, "section", i)
			if err != nil {
				return nil, err
			}
			s.Heading = h
		}
		switch {
		case ps.Path != nil:
			s.Path = *ps.Path
		case full:
			parent := ""
			if ps.Parent >= 0 && ps.Parent < i {
				parent = info.Sections[ps.Parent].Path
			}
			s.Path = sectionPath(parent, s.Heading)
		}
		info.Sections[i] = s
	}
	info.Indicators = make([]extract.Indicator, len(p.Records))
	for i, pr := range p.Records {
		r := extract.Indicator{ID: pr.ID, Label: pr.Label, Value: pr.Value, Unit: pr.Unit, Qualifier: pr.Qualifier, Scope: pr.Scope,
			Subject: pr.Subject, Derived: pr.Derived, Computed: pr.Computed, Section: pr.Section, Start: pr.Start, End: pr.End, Rule: pr.Rule,
			NumStart: pr.NumStart, NumEnd: pr.NumEnd}
		if pr.Sec > 0 {
			if pr.Sec > len(info.Sections) {
				return nil, fmt.Errorf("record %d names section %d of %d", i, pr.Sec-1, len(info.Sections))
			}
			r.Section = info.Sections[pr.Sec-1].Path
		}
		switch {
		case pr.Evidence != nil:
			r.Evidence = *pr.Evidence
		case full:
			ev, err := textSpan(text, pr.Start, pr.End, "record", i)
			if err != nil {
				return nil, err
			}
			r.Evidence = ev
		}
		info.Indicators[i] = r
	}
	return info, nil
}

// reportInfo is a report's extraction as the index keeps it, packed (see
// packInfo), in a stored field of the report's document.
type reportInfo struct {
	Path     string            `json:"path"`
	Encoding string            `json:"encoding"`
	Meta     corpus.Meta       `json:"meta"`
	Warnings []corpus.Warning  `json:"warnings"`
	Sections []extract.Section `json:"sections"`
	// Indicators are the records, each with where its number stands.
	Indicators []extract.Indicator `json:"indicators"`
}
