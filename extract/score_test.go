package extract_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"baogao/extract"
)

// The gold answers for the sample reports, as ../shared/gold/seeds.json
// has them, and the bar the extractor must clear on them.
const (
	goldFile   = "../testdata/gold.json"
	minF1      = 0.95
	maxTraps   = 0
	minMetaAcc = 1.0
)

type goldRecord struct {
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	Qualifier *string `json:"qualifier"`
	Subject   string  `json:"subject"`
	Scope     string  `json:"scope"`
}

type goldReport struct {
	File string `json:"file"`
	Meta struct {
		Town       string `json:"town"`
		County     string `json:"county"`
		City       string `json:"city"`
		Province   string `json:"province"`
		YearAccept []int  `json:"year_accept"`
	} `json:"meta"`
	Required  []goldRecord `json:"required"`
	Optional  []goldRecord `json:"optional"`
	Forbidden []goldRecord `json:"forbidden"`
}

// score is the outcome of scoring, computed as the project's score.py does.
type score struct {
	tp, fp, fn, traps int
	metaOK, metaN     int
	notes             []string
}

func (s score) f1() float64 {
	p := ratio(s.tp, s.tp+s.fp)
	r := ratio(s.tp, s.tp+s.fn)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// goldTol is score.py's tolerance for equal values.
const goldTol = 0.051

func sameValue(g goldRecord, r extract.Indicator) bool {
	return (g.Indicator == "*" || g.Indicator == r.ID) && math.Abs(g.Value-r.Value) < goldTol
}

func scoreReports(t *testing.T, reports map[string]*extract.Report) score {
	t.Helper()
	data, err := os.ReadFile(goldFile)
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Reports []goldReport `json:"reports"`
	}
	if err := json.Unmarshal(data, &gold); err != nil {
		t.Fatal(err)
	}
	var s score
	for _, g := range gold.Reports {
		r := reports[g.File]
		if r == nil {
			s.fn += len(g.Required)
			s.notes = append(s.notes, g.File+": NO OUTPUT")
			continue
		}
		m := r.Meta
		check := func(name string, ok bool, got, want any) {
			s.metaN++
			if ok {
				s.metaOK++
			} else {
				s.notes = append(s.notes, fmt.Sprintf("%s: meta %s got %v want %v", g.File, name, got, want))
			}
		}
		if g.Meta.Town != "" {
			check("town", m.Town.Value == g.Meta.Town, m.Town.Value, g.Meta.Town)
		}
		for _, f := range []struct{ name, got, want string }{
			{"county", m.County.Value, g.Meta.County}, {"city", m.City.Value, g.Meta.City}, {"province", m.Province.Value, g.Meta.Province},
		} {
			if f.want != "" {
				check(f.name, f.got != "" && (strings.HasPrefix(f.got, f.want) || strings.HasPrefix(f.want, f.got)), f.got, f.want)
			}
		}
		if g.Meta.YearAccept != nil {
			ok := false
			for _, y := range g.Meta.YearAccept {
				ok = ok || y == m.Year
			}
			check("year", ok, m.Year, g.Meta.YearAccept)
		}
		recs := r.Indicators
		used := make([]bool, len(recs))
		for _, want := range g.Required {
			scope := want.Scope
			if scope == "" {
				scope = "achievement"
			}
			hit := -1
			for i, x := range recs {
				if used[i] || !sameValue(want, x) || string(x.Scope) != scope {
					continue
				}
				if want.Subject != "" && !strings.Contains(x.Subject, want.Subject) {
					if hit < 0 {
						hit = i
					}
					continue
				}
				hit = i
				break
			}
			if hit < 0 {
				s.fn++
				s.notes = append(s.notes, fmt.Sprintf("%s: MISS %s=%v %s %s", g.File, want.Indicator, want.Value, want.Subject, scope))
				continue
			}
			used[hit] = true
			s.tp++
		}
		for i, x := range recs {
			if used[i] || x.Scope != extract.ScopeAchievement {
				continue
			}
			optional := false
			for _, o := range g.Optional {
				optional = optional || sameValue(o, x)
			}
			if optional {
				continue
			}
			s.fp++
			trap := false
			for _, f := range g.Forbidden {
				trap = trap || sameValue(f, x)
			}
			if trap {
				s.traps++
			}
			kind := map[bool]string{true: "TRAP", false: "EXTRA"}[trap]
			s.notes = append(s.notes, fmt.Sprintf("%s: %s %s=%v %s «%s»", g.File, kind, x.ID, x.Value, x.Subject, x.Evidence))
		}
	}
	return s
}

// TestSampleScore extracts the sample reports and scores them against the
// hand-checked answers; it fails below the project's bar.
func TestSampleScore(t *testing.T) {
	reports := map[string]*extract.Report{}
	for _, r := range loadSamples(t) {
		reports[filepath.Base(r.Path)] = r
	}
	s := scoreReports(t, reports)
	for _, n := range s.notes {
		t.Log(n)
	}
	metaAcc := ratio(s.metaOK, s.metaN)
	t.Logf("tp=%d fp=%d fn=%d traps=%d meta=%d/%d F1=%.3f", s.tp, s.fp, s.fn, s.traps, s.metaOK, s.metaN, s.f1())
	if s.f1() < minF1 || s.traps > maxTraps || metaAcc < minMetaAcc {
		t.Errorf("F1=%.3f (want ≥ %.2f), traps=%d (want ≤ %d), meta_acc=%.3f (want ≥ %.3f)", s.f1(), minF1, s.traps, maxTraps, metaAcc, minMetaAcc)
	}
}
