package gencorpus

import "strings"

// parseMarked parses a template written with {names}: {town}, {short}, {s1},
// {gov}, {county}, {cshort}, {cl} (the county's level word), {city},
// {province}, {pshort}, {lvl}, {party}, {lvlgov}, {Y}, {Y+1}, {Y-1}.
func parseMarked(t string) sentence {
	var s sentence
	names := map[string]seg{
		"town": {kind: segTown}, "short": {kind: segTownShort}, "gov": {kind: segTownGov}, "s1": {kind: segTownInitial},
		"county": {kind: segCounty}, "cshort": {kind: segCountyShort}, "cl": {kind: segCountyLevel},
		"city": {kind: segCity}, "province": {kind: segProvince}, "pshort": {kind: segProvinceShort},
		"lvl": {kind: segLevel}, "party": {kind: segLevelParty}, "lvlgov": {kind: segLevelGov},
		"Y": {kind: segYear}, "Y+1": {kind: segYear, n: 1}, "Y-1": {kind: segYear, n: -1},
	}
	for t != "" {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			s.segs = append(s.segs, seg{kind: segText, text: t})
			break
		}
		j := strings.IndexByte(t[i:], '}')
		g, ok := names[t[i+1:i+j]]
		if !ok {
			panic("unknown template name " + t[i:i+j+1])
		}
		if i > 0 {
			s.segs = append(s.segs, seg{kind: segText, text: t[:i]})
		}
		s.segs = append(s.segs, g)
		t = t[i+j+1:]
	}
	return s
}

func parseAllMarked(ts []string) []sentence {
	out := make([]sentence, len(ts))
	for i, t := range ts {
		out[i] = parseMarked(t)
	}
	return out
}

// titles are the title blocks of generated reports; \n separates lines.
// The last one names no year: the opening paragraph then gives it.
var titles = parseAllMarked([]string{
	"{town}{Y}年法治政府建设工作情况报告",
	"{town}{Y}年法治政府建设工作报告",
	"{county}{town}{Y}年度法治政府建设工作报告",
	"{city}{county}{town}人民政府{Y}年法治政府建设工作报告",
	"{gov}\n关于{Y}年度法治政府建设工作情况的报告",
	"{town}关于{Y}年法治政府建设情况的报告",
	"{town}{Y}年度法治政府建设工作总结",
	"{gov}关于{Y}年法治政府建设工作的报告",
	"{gov}文件\n\n{s1}{lvl}发〔{Y+1}〕DOCNO号\n\n{gov}关于上报{Y}年度法治政府建设工作总结的报告\n\n{county}司法局：",
	"{county}{town}\n{Y}年度法治政府建设工作情况汇报",
	"{town}法治政府建设工作报告",
})

// titleNoYear is the index of the title that names no year.
var titleNoYear = len(titles) - 1

// preambles are opening paragraphs written for generated reports, beside
// the samples' own.
var preambles = parseAllMarked([]string{
	"{Y}年以来，{town}在{county}委、{county}人民政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实法治政府建设实施纲要和年度工作要点，紧紧围绕{party}、政府中心工作，推进严格规范公正文明执法，不断提升依法行政能力和水平。现将{Y}年度法治政府建设工作情况报告如下：",
	"{Y}年，我{lvl}在{county}委依法治{cl}办的具体指导下，以习近平法治思想为引领，认真落实党政主要负责人履行推进法治建设第一责任人职责，扎实推进法治政府建设各项工作，为全{lvl}经济社会高质量发展提供了有力法治保障。现将有关情况报告如下：",
	"{Y}年以来，根据《{county}{Y}年法治政府建设工作要点》要求，{gov}坚持把法治政府建设作为推进基层治理体系和治理能力现代化的重要抓手，统筹推进依法行政、普法宣传、矛盾纠纷化解等各项工作，取得了阶段性成效。现将{town}{Y}年法治政府建设工作情况报告如下：",
	"{Y}年以来，在{county}委、{county}人民政府的正确领导下，{town}以习近平新时代中国特色社会主义思想为指导，深入贯彻落实习近平法治思想和{pshort}法治建设工作会议精神，围绕中心、服务大局，扎实推进法治{lvl}建设，现将工作开展情况汇报如下。",
})

// signatures are the lines above the closing date.
var signatures = parseAllMarked([]string{
	"{gov}",
	"中共{town}委员会\n{gov}",
	"{town}党委  {gov}",
	"{town}",
})
