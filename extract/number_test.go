package extract

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// render writes quantities compactly: ">=40次", "date:2022年", "ord:126".
func render(s string, qs []Quantity) string {
	var parts []string
	for _, q := range qs {
		p := q.Qualifier + strconv.FormatFloat(q.Value, 'f', -1, 64) + q.Unit
		switch {
		case q.DateLike:
			p = "date:" + p
		case q.Ordinal:
			p = "ord:" + p
		}
		if q.Chinese {
			p += "(zh)"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestScanQuantities(t *testing.T) {
	tests := []struct{ in, want string }{
		// plain counts and units
		{"受理各类矛盾纠纷29件", "29件"},
		{"共受理矛盾纠纷 29 件", "29件"},
		{"调处纠纷48起", "48起"},
		{"发放宣传资料3620册", "3620册"},
		{"接受咨询1000人次", "1000人次"},
		{"开展送法下村共6场次", "6场次"},
		{"印发宣传单 2000 张", "2000张"},
		{"学习法律法规12部", "12部"},
		{"主动公开信息275条", "275条"},
		{"完成49宗行政处罚案件", "49宗"},
		{"与11个村签订合同", "11个"},
		{"培养法律明白人159人", "159人"},
		{"配备法律顾问20名", "20名"},
		{"办理信访3批次", "3批次"},
		{"投入经费5万元", "5万元"},
		{"开展讲座3期", "3期"},
		// qualifiers, every word
		{"开展普法宣传40余次", ">=40次"},
		{"开展普法宣传 40 余次", ">=40次"},
		{"发放资料3000多份", ">=3000份"},
		{"参训人员20人以上", ">=20人"},
		{"惠及群众逾5000人", ">=5000人"},
		{"超过200人次", ">=200人次"},
		{"受众超2000人", ">=2000人"},
		{"覆盖群众达3万人次之多", ">=30000人次(zh)"},
		{"发放资料约3000份", "~3000份"},
		{"发放资料大约3000份", "~3000份"},
		{"发放资料3000份左右", "~3000份"},
		{"受理纠纷近50件", "<=50件"},
		{"受理纠纷将近50件", "<=50件"},
		{"受理纠纷不到50件", "<=50件"},
		{"受理纠纷不足50件", "<=50件"},
		{"开展活动20余", ">=20"},
		{"调解成功率95%以上", ">=95%"},
		// multipliers and Chinese numerals
		{"印发宣传单2千余份", ">=2000份(zh)"},
		{"印发宣传单 2 千余份", ">=2000份(zh)"},
		{"受教育人员3千多人次", ">=3000人次(zh)"},
		{"发放资料1.2万份", "12000份(zh)"},
		{"覆盖20余万人次", ">=200000人次"},
		{"开展讲座二十场", "20场(zh)"},
		{"开展讲座二十余场", ">=20场(zh)"},
		{"开展讲座十场", "10场(zh)"},
		{"开展讲座十五场", "15场(zh)"},
		{"共一百二十三件", "123件(zh)"},
		{"发放两千份", "2000份(zh)"},
		{"发放三万五千份", "35000份(zh)"},
		{"开展一次", "1次(zh)"},
		{"聘请两名法律顾问", "2名(zh)"},
		// decimals and percentages
		{"调解成功率98.5%", "98.5%"},
		{"调解成功率为100%", "100%"},
		{"化解率达97%", "97%"},
		{"成功率百分之九十八", "98%(zh)"},
		{"成功率百分之百", "100%(zh)"},
		{"成功率百分之98.5", "98.5%"},
		{"发放1,200份", "1200份"},
		{"投入3.5万元", "3.5万元"},
		// dates and years
		{"2022年法治政府建设", "date:2022年"},
		{"二〇二二年工作总结", "date:2022年(zh)"},
		{"2022-10-27", "date:2022 date:10 date:27"},
		{"12月4日国家宪法日", "date:12月 date:4日"},
		{"3.15消费者权益日", "date:3.15"},
		{"12.4宪法宣传周", "date:12.4"},
		{"6·26国际禁毒日", "date:6 date:26"},
		{"1-10月共受理", "date:1 date:10月"},
		{"近3年来", "date:<=3年"},
		// ordinals and names
		{"第3次会议", "ord:3次"},
		{"沙政〔2022〕126号", "date:2022 ord:126"},
		{"12345便民热线", "ord:12345"},
		{"拨打12348", "ord:12348"},
		{"5G网络", "ord:5"},
		{"电话13912345678", "ord:13912345678"},
		// Chinese numerals that count nothing
		{"一是加强领导", ""},
		{"党的十九届六中全会", ""},
		{"八五普法规划", ""},
		{"统一部署", ""},
		{"进一步加强", ""},
		{"一村一法律顾问", ""},
		{"一户一档", ""},
		{"一次性告知", ""},
		{"一部分群众", ""},
		{"与各部门一起开展", ""},
		{"千方百计", ""},
		{"服务百姓", ""},
		{"三四个村", ""},
		{"“三会一课”", ""},
		{"", ""},
		{"没有数字", ""},
	}
	if len(tests) < 60 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		got := render(tt.in, ScanQuantities(tt.in))
		if got != tt.want {
			t.Errorf("ScanQuantities(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestScanQuantitiesOffsets(t *testing.T) {
	in := "发放资料约 3000 份,接受咨询1000多人次"
	qs := ScanQuantities(in)
	if len(qs) != 2 {
		t.Fatalf("got %d quantities", len(qs))
	}
	if got := in[qs[0].Start:qs[0].End]; got != "约 3000 份" {
		t.Errorf("span %q", got)
	}
	if got := in[qs[0].NumStart:qs[0].NumEnd]; got != "3000" {
		t.Errorf("number %q", got)
	}
	if got := in[qs[1].Start:qs[1].End]; got != "1000多人次" {
		t.Errorf("span %q", got)
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"29", 29, true}, {"1,200", 1200, true}, {"98.5", 98.5, true}, {"2万", 20000, true},
		{"1.5千", 1500, true}, {"二十", 20, true}, {"十", 10, true}, {"十九", 19, true},
		{"一百零五", 105, true}, {"两千", 2000, true}, {"三万五千", 35000, true},
		{"二〇二二", 2022, true}, {"一亿", 1e8, true}, {"九十八点五", 98.5, true},
		{"百分之九十八", 98, true}, {"三四", 0, false}, {"二三十", 0, false}, {"十百", 0, false},
		{"", 0, false}, {"abc", 0, false}, {"1,20", 0, false}, {"12.", 0, false}, {"千", 1000, true},
	}
	for _, tt := range tests {
		got, ok := ParseNumber(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzScanQuantities(f *testing.F) {
	for _, s := range []string{"受理纠纷29件,调解成功率98.5%", "2 千余份", "百分之九十八", "〔2022〕126号", "3.15", "二〇二二年", "约 3000 份左右", "1,200,300", "十百千万亿", "百分之"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range ScanQuantities(s) {
			if q.Start < 0 || q.Start > q.NumStart || q.NumStart > q.NumEnd || q.NumEnd > q.End || q.End > len(s) {
				t.Fatalf("bad offsets %+v in %q", q, s)
			}
			if !utf8.ValidString(s) {
				continue
			}
			if !utf8.ValidString(s[q.Start:q.End]) {
				t.Fatalf("span cuts a character: %+v in %q", q, s)
			}
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"29", "1,200", "二十", "三万五千", "九十八点五", "百分之百", "1.5千"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseNumber(s)
		if ok && (v < 0 || v != v) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
	})
}

func BenchmarkScanQuantities(b *testing.B) {
	s := strings.Repeat("截至目前,全镇人民调解组织共受理各类矛盾纠纷 29 件,调解成功 29 件,发放宣传资料约3000份,开展普法宣传40余次,2022年12月4日。", 50)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		ScanQuantities(s)
	}
}

func TestTermValues(t *testing.T) {
	text := "今年以来,我镇共建法律援助工作室12个,为群众提供服务。司法所进行法律援助和法律咨询共达 50 余次;2023年法律援助。"
	got := TermValues(text, "法律援助")
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	if got[0].Value != 12 || got[0].Unit != "个" || got[1].Value != 50 || got[1].Qualifier != QualAtLeast {
		t.Errorf("got %+v", got)
	}
	for _, v := range got {
		if text[v.Start:v.End] != v.Evidence || !strings.Contains(v.Evidence, "法律援助") {
			t.Errorf("evidence %q", v.Evidence)
		}
	}
	if TermValues(text, "") != nil || TermValues(text, "不存在") != nil {
		t.Error("values for no term")
	}
}
