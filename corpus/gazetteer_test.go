package corpus

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestSamplesArePlaced(t *testing.T) {
	want := map[string]string{
		"004_1113006dcd718aa6.txt": "宁夏回族自治区 · 吴忠市 · 同心县 · 王团镇 640324105",
		"003_270b13dd14b0033c.txt": "四川省 · 攀枝花市 · 盐边县 · 永兴镇 510422103",
		"000_f9adefd3ba5a223a.txt": "宁夏回族自治区 · 固原市 · 原州区 · 开城镇 640402104",
		"001_c359d3da704c1f05.txt": "青海省 · 海北藏族自治州 · 刚察县 · 沙柳河镇 632224100",
		"002_0ca269bc21c17480.txt": "四川省 · 眉山市 · 东坡区 · 崇礼镇 511402113",
	}
	var l Loader
	for file, path := range want {
		doc, err := l.Load(filepath.Join("..", "testdata", "reports", file))
		if err != nil {
			t.Fatal(err)
		}
		m := doc.Meta
		got := Place{Code: m.DivisionCode.Value, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value}.String()
		if got != path {
			t.Errorf("%s: %s, want %s", file, got, path)
		}
		if m.DivisionCode.Source != SourceGazetteer {
			t.Errorf("%s: code source %s", file, m.DivisionCode.Source)
		}
		for _, w := range doc.Warnings {
			if strings.HasPrefix(w.Code, "place_") {
				t.Errorf("%s: %s", file, w.Message)
			}
		}
	}
}

func TestAmbiguousTownWarns(t *testing.T) {
	doc, err := Parse("r.txt", []byte("永兴镇2023年法治政府建设工作报告\n今年以来，我镇共受理矛盾纠纷12件。\n"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Meta.County.Known() || doc.Meta.DivisionCode.Known() {
		t.Errorf("guessed %s %s", doc.Meta.County.Value, doc.Meta.DivisionCode.Value)
	}
	var msg string
	for _, w := range doc.Warnings {
		if w.Code == "place_ambiguous" {
			msg = w.Message
		}
	}
	for _, county := range []string{"盐边县 (攀枝花市, 四川省", "凉城县 (乌兰察布市, 内蒙古自治区"} {
		if !strings.Contains(msg, county) {
			t.Errorf("warning does not name %s: %q", county, msg)
		}
	}
}

func TestPlaceQuirks(t *testing.T) {
	tests := []struct{ text, want string }{
		// a municipality: its city level is 市辖区 in the data
		{"东华门街道2023年法治政府建设工作报告\n北京市东城区东华门街道办事处\n", "北京市 · 北京市 · 东城区 · 东华门街道 110101001"},
		// a city without counties
		{"东城街道2023年法治政府建设工作报告\n广东省东莞市东城街道\n", "广东省 · 东莞市 · 东城街道 441900003"},
		// a name outside GB2312 (漷)
		{"漷县镇2023年法治政府建设工作报告\n", "北京市 · 北京市 · 通州区 · 漷县镇 110112106"},
	}
	for _, tt := range tests {
		doc, err := Parse("r.txt", []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		m := doc.Meta
		got := Place{Code: m.DivisionCode.Value, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value}.String()
		if got != tt.want {
			t.Errorf("%q: %s, want %s (warnings %v)", tt.text, got, tt.want, doc.Warnings)
		}
	}
	doc, _ := Parse("r.txt", []byte("不存在乡2023年法治政府建设工作报告\n"))
	found := false
	for _, w := range doc.Warnings {
		found = found || w.Code == "place_unknown"
	}
	if !found {
		t.Errorf("unknown town: %v", doc.Warnings)
	}
}

// BenchmarkResolvePlace measures placing one report (the 19 永兴镇 make it
// the hard case); ns/op × 40,000 is what a national ingest pays.
func BenchmarkResolvePlace(b *testing.B) {
	var l Loader
	doc, err := l.Load(filepath.Join("..", "testdata", "reports", "003_270b13dd14b0033c.txt"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := gaz(); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(doc.Text)))
	for b.Loop() {
		m := doc.Meta
		m.County, m.City, m.Province, m.DivisionCode = unknown(), unknown(), unknown(), unknown()
		resolvePlace(&m, doc.Text)
	}
}

// BenchmarkResolveSamples places each sample report in turn: ns/op is the
// mean per report over towns with one to nineteen namesakes.
func BenchmarkResolveSamples(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "reports", "*.txt"))
	var l Loader
	var docs []*Doc
	for _, f := range files {
		d, err := l.Load(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d := docs[i%len(docs)]
		m := d.Meta
		m.County, m.City, m.Province, m.DivisionCode = unknown(), unknown(), unknown(), unknown()
		resolvePlace(&m, d.Text)
	}
}

// TestGazetteerIsSmall keeps the embedded data, and so the binary's growth,
// well under a megabyte.
func TestGazetteerIsSmall(t *testing.T) {
	if n := len(gazetteerData); n > 600<<10 {
		t.Errorf("gazetteer.tsv.gz is %d bytes", n)
	}
	g, err := loadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.names) < 40000 || len(g.towns) < 30000 {
		t.Errorf("gazetteer holds %d divisions, %d town names", len(g.names), len(g.towns))
	}
}

func BenchmarkLoadGazetteer(b *testing.B) {
	b.SetBytes(int64(len(gazetteerData)))
	for b.Loop() {
		if _, err := loadGazetteer(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPlaceFromFolders checks folder names that the gazetteer disambiguates:
// a county-level city is a county, and a real town whose name begins with a
// character that usually begins other words (各, 和) is still a town.
func TestPlaceFromFolders(t *testing.T) {
	tests := []struct{ path, want string }{
		{"吉林省/大安市/安广镇-2023.txt", "吉林省 · 白城市 · 大安市 · 安广镇 220882101"},
		{"四川省/阿坝藏族羌族自治州/阿坝县/各莫镇-2023.txt", "四川省 · 阿坝藏族羌族自治州 · 阿坝县 · 各莫镇 513231104"},
		{"安徽省/马鞍山市/和县/和平镇_2023.txt", ""}, // no 和平镇 in 和县: a mismatch, but read as written
	}
	for _, tt := range tests {
		doc, err := Parse(tt.path, []byte("2023年法治政府建设工作报告\n今年以来，我镇扎实推进法治政府建设。\n"))
		if err != nil {
			t.Fatal(err)
		}
		m := doc.Meta
		if tt.want == "" {
			if m.Town.Value != "和平镇" || m.County.Value != "和县" {
				t.Errorf("%s: town %q county %q", tt.path, m.Town.Value, m.County.Value)
			}
			continue
		}
		got := Place{Code: m.DivisionCode.Value, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value}.String()
		if got != tt.want {
			t.Errorf("%s: %s, want %s (warnings %v)", tt.path, got, tt.want, doc.Warnings)
		}
	}
	// Words around a town are still not towns.
	for _, w := range []string{"各乡镇", "全镇", "和乡镇"} {
		if got := cleanTown(w); got != "" {
			t.Errorf("cleanTown(%q) = %q", w, got)
		}
	}
}
