package gencorpus

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"baogao/corpus"
)

// genPlace is a town's names as reports write them.
type genPlace struct {
	town, short, gov, county, countyShort, countyLevel string
	city, cityShort, province, provinceShort           string
	region, regionShort                                string // 省/省, 自治区/区, 市/市
	level                                              int
}

func newGenPlace(p *corpus.Place) genPlace {
	stem, lv := townStem(p.Town)
	gp := genPlace{town: p.Town, short: stem, level: lv, city: p.City, province: p.Province}
	gp.gov = p.Town + "人民政府"
	if lv == levelStreet {
		gp.gov = p.Town + "办事处"
	}
	gp.county = countyDir(p)
	gp.countyShort = shortDivision(gp.county)
	gp.countyLevel = string([]rune(gp.county)[utf8.RuneCountInString(gp.county)-1:])
	if gp.city == p.Province {
		gp.city = "" // 北京市东城区, not 北京市北京市东城区
	}
	gp.cityShort = shortDivision(gp.city)
	gp.provinceShort = shortDivision(p.Province)
	switch {
	case strings.HasSuffix(p.Province, "自治区"):
		gp.region, gp.regionShort = "自治区", "区"
	case strings.HasSuffix(p.Province, "省"):
		gp.region, gp.regionShort = "省", "省"
	default:
		gp.region, gp.regionShort = "市", "市"
	}
	return gp
}

// style is how one report is written. A town keeps most of its style from
// year to year.
type style struct {
	title     int
	subHead   int // 0 （一）on its own line, 1 （一）with the text after it, 2 1. with the text, 3 1、on its own line
	numbered  int // 0 1. 1 1、 2 （1）
	fullWidth bool
	spaced    bool // 共 29 件, as text copied out of a PDF
	indent    bool
	blank     bool // a blank line between paragraphs
	wrap      bool // lines broken at the page width
	closing   int  // 0 none, else signature and date
	cnDate    bool // 二〇二三年十二月二十日
	factor    float64
}

// townStyle draws the style a town keeps; reportStyle varies it per report.
func (g *generator) townStyle(code string) style {
	c, _ := strconv.ParseUint(code, 10, 64)
	r := rand.New(rand.NewPCG(g.seed^0x7a11, c))
	st := style{
		title:     r.IntN(len(titles)),
		subHead:   pick(r, 0.45, 0.35, 0.12, 0.08),
		numbered:  pick(r, 0.6, 0.25, 0.15),
		fullWidth: r.Float64() < 0.82,
		indent:    r.Float64() < 0.3,
		blank:     r.Float64() < 0.35,
		closing:   pick(r, 0.22, 0.45, 0.13, 0.12, 0.08),
		cnDate:    r.Float64() < 0.12,
		factor:    math.Min(4, math.Max(0.25, math.Exp(r.NormFloat64()*0.5))),
	}
	if st.title == titleNoYear && r.Float64() < 0.5 {
		st.title = 0 // most titles name the year
	}
	return st
}

func (g *generator) reportStyle(r *rand.Rand, code string) style {
	st := g.townStyle(code)
	if r.Float64() < 0.2 { // a new hand writes this year's report
		st.title = r.IntN(len(titles))
		st.subHead = pick(r, 0.45, 0.35, 0.12, 0.08)
		st.fullWidth = r.Float64() < 0.82
	}
	st.spaced = r.Float64() < 0.12
	st.wrap = r.Float64() < 0.06
	return st
}

// pick returns i with probability ps[i].
func pick(r *rand.Rand, ps ...float64) int {
	u := r.Float64()
	for i, p := range ps {
		if u < p {
			return i
		}
		u -= p
	}
	return len(ps) - 1
}
