package corpus

import (
	"regexp"
	"strings"
)

// pageFields is what the furniture of a saved web page says about the
// report: the publishing body (发布机构, 信息来源), the publishing date and
// the breadcrumb trail (首页 > 柳河镇人民政府 > 信息公开). Normalisation
// removes those lines from the text; metadata still reads them.
type pageFields struct {
	orgs  []string // publishing bodies and sources, in order
	crumb string   // the breadcrumb trail
	date  string   // the publishing date as YYYY-MM-DD, or ""
}

// pageKeyRE finds the keys of furniture fields. Several may share a line
// ("来源: 作者:李佳蕾 时间:2023年04月27日"), or a table row
// ("发布机构: | 院桥镇 | 成文日期: | 2025-02-25 |").
var pageKeyRE = regexp.MustCompile(`(?:索引号|主题分类|体裁分类|发文字号|文号|文件编号|发布机构|发文机关|信息来源|来源|发布时间|发布日期|发文日期|成文日期|生成日期|时间|日期|作者|责任编辑|编辑|点击率|点击数|浏览次数|阅读次数|访问量|公开方式|公开范围|有效性|字号|您当前所在位置|您当前的位置|当前位置|您的位置|所在位置)\s*[:：]`)

// pageDateRE reads a date written as 2025-02-25, 2025/2/25, 2025.2.25 or
// 2025年02月25日.
var pageDateRE = regexp.MustCompile(`((?:19|20)\d{2})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})`)

// readPageFields reads the fields of the furniture lines Normalize removed.
func readPageFields(lines []string) pageFields {
	var pf pageFields
	for _, l := range lines {
		l = compactKeys(l)
		keys := pageKeyRE.FindAllStringIndex(l, -1)
		for i, k := range keys {
			end := len(l)
			if i+1 < len(keys) {
				end = keys[i+1][0]
			}
			key := strings.TrimRight(l[k[0]:k[1]], ":： ")
			val := strings.Trim(l[k[1]:end], " |•·\t")
			if val == "" {
				continue
			}
			switch key {
			case "发布机构", "发文机关", "信息来源", "来源":
				// The value ends at the first gap: "海东日报    时间".
				if f := strings.Fields(val); len(f) > 0 {
					pf.orgs = append(pf.orgs, strings.Trim(f[0], "|"))
				}
			case "发布时间", "发布日期", "发文日期", "成文日期", "生成日期", "时间", "日期":
				if pf.date == "" {
					if m := pageDateRE.FindStringSubmatch(val); m != nil {
						pf.date = dateOf(m[1], m[2], m[3])
					}
				}
			case "您当前所在位置", "您当前的位置", "当前位置", "您的位置", "所在位置":
				pf.crumb = val
			}
		}
	}
	return pf
}

// compactKeys removes the spaces that some pages put inside a field's
// key (索 引 号, 发 布 机 构) and the bullets before it, so the key reads
// as one word.
func compactKeys(l string) string {
	if !strings.Contains(l, " ") && !strings.Contains(l, "•") {
		return l
	}
	var b strings.Builder
	rs := []rune(l)
	for i, r := range rs {
		if r == '•' {
			b.WriteByte(' ')
			continue
		}
		// A space between two Han characters that are not separated by a
		// colon or pipe sits inside a key.
		if r == ' ' && i > 0 && i+1 < len(rs) && isHan(rs[i-1]) && isHan(rs[i+1]) && i < 2*maxKeyRunes {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// maxKeyRunes bounds how far into a line a spaced-out key may reach.
const maxKeyRunes = 8
