package extract_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"baogao/corpus"
	"baogao/extract"
)

const mediatorsTOML = `[[indicator]]
id = "mediators"
label = "人民调解员人数"
triggers = ["人民调解员", "专职调解员"]
units = ["名", "人"]
`

func TestUserCatalogueFindsItsIndicator(t *testing.T) {
	cat, err := extract.ParseCatalogueTOML("mine.toml", []byte(mediatorsTOML), extract.DefaultCatalogue)
	if err != nil {
		t.Fatal(err)
	}
	r := cat.Rule("mediators")
	if r == nil || r.Origin != "mine.toml" || r.Label != "人民调解员人数" {
		t.Fatalf("rule %+v", r)
	}
	if cat.Rule("disputes_handled") == nil || cat.Rule("disputes_handled").Origin != extract.OriginBuiltIn {
		t.Fatal("the built-in rules are gone")
	}
	doc, err := corpus.Parse("r.txt", []byte("新华镇2023年法治政府建设工作报告\n全镇共有人民调解员45名，其中专职调解员12名。全年共排查矛盾纠纷36起，调解成功35起。\n"))
	if err != nil {
		t.Fatal(err)
	}
	x := extract.Extractor{Catalogue: cat}
	var got []string
	for _, ind := range x.Extract(doc).Indicators {
		got = append(got, ind.ID+"="+num(ind.Value))
		if ind.ID == "mediators" && doc.Text[ind.Start:ind.End] != ind.Evidence {
			t.Errorf("evidence %q is not its span", ind.Evidence)
		}
	}
	want := "mediators=45 mediators=12 disputes_handled=36 disputes_resolved=35 mediation_success_rate=97.2"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
	// After the number too: 45名人民调解员.
	doc, _ = corpus.Parse("r.txt", []byte("新华镇2023年法治政府建设工作报告\n全镇配备45名人民调解员。\n"))
	if inds := x.Extract(doc).Indicators; len(inds) != 1 || inds[0].ID != "mediators" || inds[0].Value != 45 {
		t.Errorf("after the number: %+v", inds)
	}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func TestUserCatalogueReplacesBuiltIn(t *testing.T) {
	data := `[[indicator]]
id = "petitions"
label = "来信来访数"
triggers = ["来信来访"]
`
	cat, err := extract.ParseCatalogueTOML("mine.toml", []byte(data), extract.DefaultCatalogue)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Rules) != len(extract.DefaultCatalogue.Rules) {
		t.Errorf("%d rules, want %d", len(cat.Rules), len(extract.DefaultCatalogue.Rules))
	}
	if r := cat.Rule("petitions"); r.Label != "来信来访数" || r.Origin != "mine.toml" {
		t.Errorf("rule %+v", r)
	}
	if cat.Version() == extract.DefaultCatalogue.Version() {
		t.Error("a changed catalogue keeps its version")
	}
}

// TestUserCatalogueErrors names the file and line of every mistake.
func TestUserCatalogueErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"syntax", "[[indicator]]\nid = \"x\nlabel = \"y\"\n", "bad.toml:2:"},
		{"unknown field", "[[indicator]]\nid = \"x\"\nlabel = \"某\"\ntrigger = [\"a\"]\n", "bad.toml:4: unknown field"},
		{"empty trigger", "[[indicator]]\nid = \"x\"\nlabel = \"某\"\n\ntriggers = [\"\"]\n", "bad.toml:5: indicator \"x\": an empty trigger"},
		{"unknown unit", "[[indicator]]\nid = \"x\"\nlabel = \"某\"\ntriggers = [\"某某\"]\nunits = [\"斤\"]\n", "bad.toml:5: indicator \"x\": unknown unit \"斤\""},
		{"duplicate id", mediatorsTOML + "\n" + mediatorsTOML, "bad.toml:8: indicator \"mediators\": listed twice"},
		{"bad pattern", "[[indicator]]\nid = \"x\"\nlabel = \"某\"\nbefore = [\"(某\"]\n", "bad.toml:4: indicator \"x\": pattern \"(某\" does not compile"},
		{"no label", "[[indicator]]\nid = \"x\"\ntriggers = [\"某\"]\n", "bad.toml:2: indicator \"x\": needs a label"},
		{"no triggers", "[[indicator]]\nid = \"x\"\nlabel = \"某\"\n", "bad.toml:2: indicator \"x\": needs triggers"},
		{"bad id", "[[indicator]]\nid = \"My Figure\"\nlabel = \"某\"\n", "bad.toml:2:"},
		{"bad kind", "[[indicator]]\nid = \"x\"\nlabel = \"某\"\nkind = \"ratio\"\ntriggers = [\"某\"]\n", "bad.toml:4: indicator \"x\": kind is count or rate"},
		{"ratio of nothing", "[[indicator]]\nid = \"x\"\nlabel = \"某\"\nkind = \"rate\"\ntriggers = [\"某率\"]\nratio = { part = \"nope\", whole = \"disputes_handled\" }\n", "bad.toml:6: indicator \"x\": ratio names no indicator \"nope\""},
	}
	for _, tt := range tests {
		_, err := extract.ParseCatalogueTOML("bad.toml", []byte(tt.data), extract.DefaultCatalogue)
		var ce *extract.CatalogueError
		if !errors.As(err, &ce) {
			t.Errorf("%s: error %v, want a CatalogueError", tt.name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: %q, want it to start with %q", tt.name, err, tt.want)
		}
	}
}

// TestDumpReadsBack holds the dump of the built-in catalogue to the rules
// it came from.
func TestDumpReadsBack(t *testing.T) {
	data, err := extract.DefaultCatalogue.DumpTOML()
	if err != nil {
		t.Fatal(err)
	}
	empty, err := extract.ParseCatalogueTOML("empty.toml", nil, &extract.Catalogue{})
	if err != nil || len(empty.Rules) != 0 {
		t.Fatalf("empty file: %v, %d rules", err, len(empty.Rules))
	}
	back, err := extract.ParseCatalogueTOML("dump.toml", data, &extract.Catalogue{})
	if err != nil {
		t.Fatal(err)
	}
	if back.Version() != extract.DefaultCatalogue.Version() {
		t.Error("the dump reads back to other rules")
	}
}
