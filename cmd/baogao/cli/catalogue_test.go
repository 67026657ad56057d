package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baogao/extract"
)

const mineTOML = `[[indicator]]
id = "mediators"
label = "人民调解员人数"
triggers = ["人民调解员", "专职调解员"]
units = ["名", "人"]
`

// catalogueCorpus writes two years of one town and the catalogue above,
// and returns the folder of reports and the catalogue's path.
func catalogueCorpus(t *testing.T) (reports, mine string) {
	t.Helper()
	dir := t.TempDir()
	reports = filepath.Join(dir, "r", "同心县")
	if err := os.MkdirAll(reports, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"王团镇-2023.txt": "王团镇2023年法治政府建设工作报告\n全镇共有人民调解员45名，其中专职调解员12名。全年共排查矛盾纠纷36起，调解成功35起。\n",
		"王团镇-2024.txt": "王团镇2024年法治政府建设工作报告\n全镇共有人民调解员50名。全年共排查矛盾纠纷40起，调解成功40起。\n",
		"预旺镇-2024.txt": "预旺镇2024年法治政府建设工作报告\n全镇共有人民调解员38名。全年共排查矛盾纠纷52起，调解成功50起。\n",
	} {
		if err := os.WriteFile(filepath.Join(reports, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mine = filepath.Join(dir, "mine.toml")
	if err := os.WriteFile(mine, []byte(mineTOML), 0o644); err != nil {
		t.Fatal(err)
	}
	return reports, mine
}

func TestExtractWithOwnCatalogue(t *testing.T) {
	reports, mine := catalogueCorpus(t)
	out, errOut, code := run(t, "extract", "--format", "json", "--catalogue", mine, filepath.Join(reports, "王团镇-2023.txt"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []struct {
		Indicators []struct {
			ID       string  `json:"indicator"`
			Value    float64 `json:"value"`
			Evidence string  `json:"evidence"`
		} `json:"indicators"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ind := range got[0].Indicators {
		ids = append(ids, ind.ID+"="+strings.TrimSuffix(strings.TrimRight(jsonNum(ind.Value), "0"), "."))
		if ind.ID == "mediators" && !strings.Contains(ind.Evidence, "人民调解员45名") {
			t.Errorf("evidence %q", ind.Evidence)
		}
	}
	if want := "mediators=45 mediators=12 disputes_handled=36 disputes_resolved=35 mediation_success_rate=97.2"; strings.Join(ids, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(ids, " "), want)
	}
	// The environment names the catalogue as the flag does.
	t.Setenv(catalogueEnv, mine)
	if out, _, _ := run(t, "indicators"); !strings.Contains(out, "人民调解员人数") || !strings.Contains(out, "mine.toml") || !strings.Contains(out, "built-in") {
		t.Errorf("indicators:\n%s", out)
	}
}

func jsonNum(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestBrokenCatalogueNamesItsLine(t *testing.T) {
	reports, _ := catalogueCorpus(t)
	bad := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(bad, []byte("[[indicator]]\nid = \"x\"\nlabel = \"某\"\ntriggers = [\"\"]\n"), 0o644)
	for _, args := range [][]string{
		{"extract", "--catalogue", bad, reports},
		{"indicators", "--catalogue", bad},
		{"ingest", "--index", filepath.Join(t.TempDir(), "idx"), "--catalogue", bad, reports},
	} {
		_, errOut, code := run(t, args...)
		if code != ExitUsage || !strings.Contains(errOut, "bad.toml:4: indicator \"x\": an empty trigger") {
			t.Errorf("%s: exit %d, %q", args[0], code, errOut)
		}
	}
}

// TestIndexKeepsOneCatalogue holds an index to one catalogue: ingest with
// a new one reads every report again, also those not under the folders
// given; an ingest without --catalogue keeps the index's; compare, check
// and export speak of the user's indicator.
func TestIndexKeepsOneCatalogue(t *testing.T) {
	reports, mine := catalogueCorpus(t)
	idx := filepath.Join(t.TempDir(), "idx")
	if _, errOut, code := run(t, "ingest", "--index", idx, reports); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	if _, errOut, code := run(t, "compare", "--index", idx, "mediators"); code == 0 || !strings.Contains(errOut, "mediators") {
		t.Errorf("an index without the catalogue knows mediators: %s", errOut)
	}
	// Only one file named: the others are read again from the index.
	out, errOut, code := run(t, "ingest", "--index", idx, "--catalogue", mine, filepath.Join(reports, "王团镇-2024.txt"))
	if code != 0 || !strings.Contains(out, "read again with the catalogue: 3 report(s)") {
		t.Fatalf("ingest with a catalogue (exit %d):\n%s%s", code, out, errOut)
	}
	out, _, _ = run(t, "compare", "--index", idx, "人民调解员人数", "--format", "csv")
	for _, want := range []string{"45 名 / 12 名", "50 名", "38 名"} {
		if !strings.Contains(out, want) {
			t.Errorf("compare lacks %s:\n%s", want, out)
		}
	}
	out, _, code = run(t, "ingest", "--index", idx, reports)
	if code != 0 || !strings.Contains(out, "unchanged 3") || strings.Contains(out, "read again") {
		t.Errorf("an ingest without --catalogue did not keep the index's:\n%s", out)
	}
	out, _, _ = run(t, "check", "--index", idx, "--format", "json")
	if !strings.Contains(out, "人民调解员人数") {
		t.Error("check's coverage matrix lacks the user's indicator")
	}
	xlsx := filepath.Join(t.TempDir(), "all.xlsx")
	if _, errOut, code := run(t, "export", "--index", idx, "-o", xlsx); code != 0 {
		t.Errorf("export: %s", errOut)
	}
	out, _, _ = run(t, "ingest", "--index", idx, "--catalogue", "built-in", reports)
	if !strings.Contains(out, "read again with the catalogue: 3 report(s)") {
		t.Errorf("back to the built-in catalogue:\n%s", out)
	}
	if _, _, code := run(t, "compare", "--index", idx, "mediators"); code == 0 {
		t.Error("the user's indicator outlived its catalogue")
	}
}

// TestChangeAndRankInEveryFormat checks that --change and --rank reach
// each output format.
func TestChangeAndRankInEveryFormat(t *testing.T) {
	reports, mine := catalogueCorpus(t)
	idx := filepath.Join(t.TempDir(), "idx")
	if _, errOut, code := run(t, "ingest", "--index", idx, "--catalogue", mine, reports); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	args := []string{"compare", "--index", idx, "disputes_handled", "--change", "--rank"}
	for _, format := range []string{"table", "csv", "md"} {
		out, errOut, code := run(t, append(args, "--format", format)...)
		if code != 0 || !strings.Contains(out, "40 起 (+4, +11.1%) #2/2") || !strings.Contains(out, "52 起 #1/2") {
			t.Errorf("%s (exit %d): %s\n%s", format, code, errOut, out)
		}
	}
	out, _, _ := run(t, append(args, "--format", "json")...)
	if !strings.Contains(out, `"change": {`) || !strings.Contains(out, `"from_year": 2023`) || !strings.Contains(out, `"rank": 2`) {
		t.Errorf("json:\n%s", out)
	}
	xlsx := filepath.Join(t.TempDir(), "c.xlsx")
	if _, errOut, code := run(t, append(args, "-o", xlsx)...); code != 0 {
		t.Errorf("xlsx: %s", errOut)
	}
	if _, errOut, code := run(t, "compare", "--index", idx, "disputes_handled", "--by", "county", "--rank-within", "county"); code != ExitUsage {
		t.Errorf("--rank-within with --by: exit %d %s", code, errOut)
	}
}

func TestIndicatorsDumpReadsBack(t *testing.T) {
	out, _, code := run(t, "indicators", "--dump")
	if code != 0 {
		t.Fatal(code)
	}
	cat, err := extract.ParseCatalogueTOML("dump.toml", []byte(out), &extract.Catalogue{})
	if err != nil {
		t.Fatal(err)
	}
	if cat.Version() != extract.DefaultCatalogue.Version() {
		t.Error("the dump is not the built-in catalogue")
	}
}
