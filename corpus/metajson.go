package corpus

import "encoding/json"

// metaJSON is the JSON form of Meta fixed by spec/indicators.md: every
// field is always present, with a *_source beside it.
type metaJSON struct {
	Town           string `json:"town"`
	TownSource     Source `json:"town_source"`
	County         string `json:"county"`
	CountySource   Source `json:"county_source"`
	City           string `json:"city"`
	CitySource     Source `json:"city_source"`
	Province       string `json:"province"`
	ProvinceSource Source `json:"province_source"`
	DivisionCode   string `json:"division_code"`
	DivisionSource Source `json:"division_code_source"`
	Year           int    `json:"year"`
	YearSource     Source `json:"year_source"`
	YearHint       string `json:"year_hint,omitempty"`
	Date           string `json:"date"`
	DateSource     Source `json:"date_source"`
	DocNo          string `json:"doc_no"`
	DocNoSource    Source `json:"doc_no_source"`
	Title          string `json:"title"`
	TitleSource    Source `json:"title_source"`
}

// MarshalJSON writes m in the form of the extract JSON contract.
func (m Meta) MarshalJSON() ([]byte, error) {
	ys := m.YearSource
	if ys == "" {
		ys = SourceUnknown
	}
	return json.Marshal(metaJSON{
		Town: m.Town.Value, TownSource: src(m.Town),
		County: m.County.Value, CountySource: src(m.County),
		City: m.City.Value, CitySource: src(m.City),
		Province: m.Province.Value, ProvinceSource: src(m.Province),
		DivisionCode: m.DivisionCode.Value, DivisionSource: src(m.DivisionCode),
		Year: m.Year, YearSource: ys, YearHint: m.YearHint,
		Date: m.Date.Value, DateSource: src(m.Date),
		DocNo: m.DocNo.Value, DocNoSource: src(m.DocNo),
		Title: m.Title.Value, TitleSource: src(m.Title),
	})
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (m *Meta) UnmarshalJSON(b []byte) error {
	var j metaJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*m = Meta{
		Town: Field{j.Town, j.TownSource}, County: Field{j.County, j.CountySource},
		City: Field{j.City, j.CitySource}, Province: Field{j.Province, j.ProvinceSource},
		DivisionCode: Field{j.DivisionCode, j.DivisionSource},
		Year:         j.Year, YearSource: j.YearSource, YearHint: j.YearHint,
		Date: Field{j.Date, j.DateSource}, DocNo: Field{j.DocNo, j.DocNoSource}, Title: Field{j.Title, j.TitleSource},
	}
	return nil
}

func src(f Field) Source {
	if f.Source == "" {
		return SourceUnknown
	}
	return f.Source
}
