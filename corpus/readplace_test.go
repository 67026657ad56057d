package corpus

import (
	"strings"
	"testing"
)

// placed writes a Doc's place the way Place.String does, with the year.
func placed(d *Doc) string {
	m := d.Meta
	p := Place{Code: m.DivisionCode.Value, Town: m.Town.Value, County: m.County.Value, City: m.City.Value, Province: m.Province.Value}
	return p.String() + " " + itoa(m.Year)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestPlaceFromGazetteer holds the place rules to sentences written for
// them: a place is a gazetteer word, whatever stands before it.
func TestPlaceFromGazetteer(t *testing.T) {
	tests := []struct {
		name, path, text, want string
	}{
		// Towns whose first character also begins common words.
		{"first character is a word (file name)", "武汉市洪山区和平街道_2023.txt",
			"法治政府建设工作总结\n今年以来，街道扎实推进依法行政。\n",
			"湖北省 · 武汉市 · 洪山区 · 和平街道 420111008 2023"},
		{"first character is a word (title)", "r.txt",
			"于家务回族乡2022年法治政府建设工作报告\n一年来，全乡扎实推进依法行政。\n",
			"北京市 · 北京市 · 通州区 · 于家务回族乡 110112209 2022"},
		{"first character is a word (body)", "r.txt",
			"2021年，在区委区政府的坚强领导下，将军堡街道坚持依法行政，推进法治政府建设。\n",
			"辽宁省 · 抚顺市 · 顺城区 · 将军堡街道 210411004 2021"},
		// Words before a name are not part of it.
		{"garbage before a name", "r.txt",
			"近日，县司法局工作组一行来到殷祖镇，开展“法律明白人”培训。\n此次培训共有80余人参加。\n",
			"湖北省 · 黄石市 · 大冶市 · 殷祖镇 420281105 0"},
		{"words ending in 乡 and 镇 are not towns", "r.txt",
			"进一步增强乡村治理能力，推进新型城镇化，促进乡风文明。\n",
			"  0"},
		// County-level cities and banners are counties.
		{"county-level city", "r.txt",
			"山西省高平市寺庄镇人民政府\n关于2024年度法治政府建设情况的报告\n2024年，我镇坚持依法行政。\n",
			"山西省 · 晋城市 · 高平市 · 寺庄镇 140581109 2024"},
		{"banner", "r.txt",
			"鄂温克族自治旗伊敏河镇2023年法治政府建设工作报告\n2023年，我镇坚持依法行政。\n",
			"内蒙古自治区 · 呼伦贝尔市 · 鄂温克族自治旗 · 伊敏河镇 150724111 2023"},
		{"district of a municipality", "r.txt",
			"重庆市江北区观音桥街道2023年法治政府建设工作报告\n2023年，街道坚持依法行政。\n",
			"重庆市 · 重庆市 · 江北区 · 观音桥街道 500105006 2023"},
		// A headline's short county name picks the namesake.
		{"short county name in a headline", "r.txt",
			"巩义竹林镇：“法律明白人”培训会召开\n近日，竹林镇组织开展“法律明白人”专题培训。\n",
			"河南省 · 郑州市 · 巩义市 · 竹林镇 410181103 0"},
		{"short county name of a unique town", "r.txt",
			"宜都红花套镇：开展宪法宣传活动\n活动现场发放宣传资料500余份。\n",
			"湖北省 · 宜昌市 · 宜都市 · 红花套镇 420581100 0"},
		// A name the gazetteer writes with a character Simplify changes.
		{"official spelling kept", "r.txt",
			"汉川垌塚镇：开展普法宣传活动\n近日，垌塚镇开展普法宣传活动。\n",
			"湖北省 · 孝感市 · 汉川市 · 垌塚镇 420984108 0"},
		// The town's own name does not name a county (湖滨街道 is not in
		// 湖滨区), and how the report names its superiors (市委、市政府)
		// leaves one namesake under a county-level city.
		{"superiors of one kind", "r.txt",
			"湖滨街道2022年法治政府建设工作报告\n2022年，在市委、市政府的正确领导下，湖滨街道坚持依法行政。\n",
			"福建省 · 泉州市 · 石狮市 · 湖滨街道 350581001 2022"},
		{"superiors of two kinds decide nothing", "r.txt",
			"湖滨街道2022年法治政府建设工作报告\n2022年，在市委、区委的正确领导下，湖滨街道坚持依法行政。\n",
			"湖滨街道  2022"},
		{"a county in full outweighs a short form", "r.txt",
			"长宁镇2025年度法治政府建设情况报告\n2025年，在寻乌县委、县政府的坚强领导下，长宁党委政府认真落实法治建设各项任务。\n",
			"江西省 · 赣州市 · 寻乌县 · 长宁镇 360734100 2025"},
		{"a two-character town under its county", "r.txt",
			"2023年，神木市马镇综治中心全年受理矛盾纠纷58起。\n",
			"陕西省 · 榆林市 · 神木市 · 马镇 610881111 2023"},
		// A committee of the county is not a county.
		{"区委依法治区 names no county", "r.txt",
			"在区委依法治区委员会的指导下，观音桥街道扎实推进法治政府建设。\n",
			"观音桥街道  0"},
		// A town named only by its bodies, with its county in the text.
		{"town by its stem", "r.txt",
			"近日，武定县公安局狮山派出所深入辖区开展矛盾纠纷排查，全镇共排查纠纷12起。\n",
			"云南省 · 楚雄彝族自治州 · 武定县 · 狮山镇 532329101 0"},
		// A news item's town is the one it is about.
		{"news item names the town most", "r.txt",
			"近日，湘潭县司法局干部来到云湖桥镇，与云湖桥镇司法所一道开展普法活动。云湖桥镇党委书记出席。\n",
			"湖南省 · 湘潭市 · 湘潭县 · 云湖桥镇 430321111 0"},
		// Traditional characters are read as simplified ones.
		{"traditional characters", "r.txt",
			"2023年雲湖橋鎮法治政府建設工作總結\n2023年，我鎮堅持依法行政。\n",
			"湖南省 · 湘潭市 · 湘潭县 · 云湖桥镇 430321111 2023"},
		// Years of web pages and news items.
		{"publishing date and 近日", "r.txt",
			"发布日期：2024-03-05  信息来源：湘潭县司法局\n近日，湘潭县司法局走进云湖桥镇开展普法宣传活动。\n",
			"湖南省 · 湘潭市 · 湘潭县 · 云湖桥镇 430321111 2024"},
		{"numbered observance", "r.txt",
			"12月4日是第十个国家宪法日，云湖桥镇开展宪法宣传活动。\n",
			"湖南省 · 湘潭市 · 湘潭县 · 云湖桥镇 430321111 2023"},
		{"the year the text names most, not a plan's range", "r.txt",
			"为落实《法治建设规划（2021—2025年）》，2022年10月，云湖桥镇开展普法宣传，截至2022年底共发放资料300份。\n",
			"湖南省 · 湘潭市 · 湘潭县 · 云湖桥镇 430321111 2022"},
	}
	for _, tt := range tests {
		doc, err := Parse(tt.path, []byte(tt.text))
		if err != nil {
			t.Fatal(err)
		}
		if got := placed(doc); got != tt.want {
			t.Errorf("%s: got %q, want %q (warnings %v)", tt.name, got, tt.want, doc.Warnings)
		}
	}
}

// TestTownUnderCounty reads a town the gazetteer lacks from running text
// only when its county is written before it.
func TestTownUnderCounty(t *testing.T) {
	doc, err := Parse("r.txt", []byte("本报告由无锡市锡山区人民政府云杉街道党政办公室编制。\n"))
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Meta
	if m.Town.Value != "云杉街道" || m.County.Value != "锡山区" || m.City.Value != "无锡市" {
		t.Errorf("town %q county %q city %q", m.Town.Value, m.County.Value, m.City.Value)
	}
	unknown := false
	for _, w := range doc.Warnings {
		unknown = unknown || w.Code == "place_unknown"
	}
	if !unknown {
		t.Errorf("no place_unknown warning: %v", doc.Warnings)
	}
	// Without its county, an unknown name in running text is no town.
	doc, _ = Parse("r.txt", []byte("今年以来，云杉街道扎实推进法治建设。\n"))
	if doc.Meta.Town.Known() {
		t.Errorf("took %q from running text", doc.Meta.Town.Value)
	}
}

// TestTitleKeepsTraditional checks that metadata read through Simplify
// keeps the title as written.
func TestTitleKeepsTraditional(t *testing.T) {
	doc, err := Parse("r.txt", []byte("2023年雲湖橋鎮法治政府建設工作總結\n2023年，我鎮堅持依法行政。\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Meta.Title.Value; got != "2023年雲湖橋鎮法治政府建設工作總結" {
		t.Errorf("title %q", got)
	}
	if !strings.Contains(doc.Text, "雲湖橋鎮") {
		t.Error("the text lost its traditional characters")
	}
}

func TestSimplifyKeepsOffsets(t *testing.T) {
	for _, s := range []string{"", "abc", "乡镇", "鄉鎮調解成功率達98%", "雲湖橋鎮 2023年 𠀀 x"} {
		got := Simplify(s)
		if len(got) != len(s) {
			t.Errorf("Simplify(%q) = %q: length %d, want %d", s, got, len(got), len(s))
		}
	}
	if got := Simplify("鄉鎮調解"); got != "乡镇调解" {
		t.Errorf("Simplify = %q", got)
	}
}

// TestPageDateDatesAWebPage reads a saved page's year from its own
// publishing date when its text dates things by it (近日).
func TestPageDateDatesAWebPage(t *testing.T) {
	page := `<html><head><title>云湖桥镇开展宪法宣传活动</title><meta name="PubDate" content="2024-12-05 10:00"></head>` +
		`<body><div class="article"><h1>云湖桥镇开展宪法宣传活动</h1><p>近日，湘潭县云湖桥镇组织开展宪法宣传活动，共发放宣传资料500余份，` +
		`接受群众咨询60余人次。活动现场，工作人员向群众讲解宪法知识，引导群众尊法学法守法用法。</p><p>此次活动进一步增强了群众的宪法意识。</p></div></body></html>`
	doc, err := Parse("p.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if got := placed(doc); got != "湖南省 · 湘潭市 · 湘潭县 · 云湖桥镇 430321111 2024" {
		t.Errorf("got %q", got)
	}
}
