package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type checkJSON struct {
	Reports int
	Results []struct {
		File, Town string
		Year       int
		Findings   []struct {
			Severity, Code, Message, Evidence, Other string
		}
	}
}

func runCheck(t *testing.T, args ...string) checkJSON {
	t.Helper()
	out, errOut, code := run(t, append([]string{"check", "--format", "json"}, args...)...)
	if code != ExitOK {
		t.Fatalf("check %v: exit %d: %s", args, code, errOut)
	}
	var c checkJSON
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	return c
}

// codes returns, per town, the finding codes.
func codes(c checkJSON) map[string][]string {
	m := map[string][]string{}
	for _, r := range c.Results {
		for _, f := range r.Findings {
			m[r.Town] = append(m[r.Town], f.Code+":"+f.Message)
		}
	}
	return m
}

func has(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestCheckSamples(t *testing.T) {
	c := codes(runCheck(t, "../../../testdata/reports"))
	if !has(c["崇礼镇"], "foreign_text") {
		t.Errorf("崇礼镇's spam not reported: %v", c["崇礼镇"])
	}
	if !has(c["开城镇"], "no_year") {
		t.Errorf("开城镇's missing year not reported: %v", c["开城镇"])
	}
	if has(c["永兴镇"], "missing_part") {
		t.Errorf("永兴镇 lacks parts: %v", c["永兴镇"])
	}
	for _, town := range []string{"开城镇", "沙柳河镇", "崇礼镇", "王团镇"} {
		if !has(c[town], "missing_part:no part on 党政主要负责人") {
			t.Errorf("%s is not listed as lacking the 第一责任人 part: %v", town, c[town])
		}
	}
	for town, fs := range c {
		if has(fs, "near_duplicate") || has(fs, "identical_file") {
			t.Errorf("%s: the samples are not copies of each other: %v", town, fs)
		}
	}
}

func TestCheckFixtures(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	os.Mkdir(dir, 0o755)
	copySamples(t, dir)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// a stated rate that its counts contradict
	write("甲山乡_2023.txt", "甲山乡人民政府关于2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n今年以来,共排查矛盾纠纷50起,调解成功40起,调解成功率98%。\n二、存在的不足\n基层力量薄弱。\n三、第一责任人职责履行情况\n乡长带头学法。\n四、2024年主要安排\n继续做好普法工作。\n")
	// 王团镇's report under another town's name, two paragraphs changed
	orig, err := os.ReadFile(filepath.Join(dir, "004_1113006dcd718aa6.txt"))
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(strings.ReplaceAll(string(orig), "王团", "李家"), "\n")
	changed := 0
	for i, p := range paras {
		if len([]rune(p)) > 80 && changed < 2 && i > 5 {
			paras[i] = "我镇在乡村振兴中统筹推进产业发展、人居环境整治和基层组织建设，新建蔬菜大棚若干座，修缮道路十余公里，群众满意度持续提升。"
			changed++
		}
	}
	write("李家镇_2024.txt", strings.Join(paras, "\n"))
	// two different reports that share only a slogan
	slogan := "坚持尊崇宪法、学习宪法、遵守宪法、维护宪法、运用宪法，"
	write("乙河镇_2023.txt", "乙河镇人民政府关于2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n"+slogan+"我镇组织开展宪法宣传周活动,在集市设立咨询台,发放宣传资料一千余份,并邀请律师讲解土地承包和婚姻家庭法律知识。\n")
	write("丙岭镇_2023.txt", "丙岭镇人民政府关于2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n"+slogan+"全镇推进综合行政执法改革,梳理执法事项清单,对餐饮门店开展食品安全检查,督促整改隐患二十余处。\n")

	c := runCheck(t, dir)
	by := codes(c)
	if !has(by["甲山乡"], "rate_mismatch") {
		t.Errorf("98%% over 40 of 50 not flagged: %v", by["甲山乡"])
	}
	found := false
	for _, r := range c.Results {
		for _, f := range r.Findings {
			if r.Town == "李家镇" && f.Code == "near_duplicate" && strings.Contains(f.Message, "王团镇") && strings.Contains(f.Message, "%") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("the copy of 王团镇 is not reported: %v", by["李家镇"])
	}
	if has(by["乙河镇"], "near_duplicate") || has(by["丙岭镇"], "near_duplicate") {
		t.Errorf("a shared slogan made duplicates: %v %v", by["乙河镇"], by["丙岭镇"])
	}
	// --fail-on turns findings into an exit code
	if _, _, code := run(t, "check", "--fail-on", "error", dir); code != ExitFailure {
		t.Errorf("--fail-on error: exit %d", code)
	}
	if _, _, code := run(t, "check", dir); code != ExitOK {
		t.Errorf("without --fail-on: exit %d", code)
	}
}

func TestCheckFromIndexAndFormats(t *testing.T) {
	_, idx := samplesIndex(t)
	c := runCheck(t, "--index", idx)
	if c.Reports != 5 || !has(codes(c)["崇礼镇"], "foreign_text") {
		t.Errorf("from the index: %d reports, %v", c.Reports, codes(c))
	}
	for _, format := range []string{"table", "csv", "md"} {
		out, _, code := run(t, "check", "--index", idx, "--format", format)
		if code != ExitOK || !strings.Contains(out, "foreign_text") || !strings.Contains(out, "崇礼镇") {
			t.Errorf("%s output:\n%s", format, out)
		}
	}
}
