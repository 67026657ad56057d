package extract

import (
	"math"
	"strings"
)

// distribute reads 分别 lists: "建立矛盾纠纷、信访事项、民生诉求分类登记制度，
// 目前综治中心分别接受登记14件、7件、5件" gives the n-th number to the n-th item
// named before, when the counts match and the item names an indicator's
// noun. It returns the offsets of the quantities it used.
func (e *run) distribute(s span, clauses []span, qs []Quantity) map[int]bool {
	used := map[int]bool{}
	sent := e.text[s.start:s.end]
	i := strings.Index(sent, "分别")
	if i < 0 {
		return used
	}
	at := s.start + i
	c := clauseOf(clauses, at)
	var list []Quantity
	for _, q := range qs {
		if q.Start >= at && q.End <= c.end && !q.DateLike && !q.Ordinal {
			list = append(list, q)
		}
	}
	if len(list) < 2 {
		return used
	}
	items := listBefore(e.text, s.start, at, len(list))
	if items == nil {
		return used
	}
	for k, q := range list {
		r := e.nounRule(items[k], q)
		if r == nil {
			continue
		}
		trig := span{at, at + len("分别")}
		ind := e.record(r, q.Value, q.Unit, q.Qualifier, s, clauses, c, trig, q.Start)
		ind.Evidence, ind.Start, ind.End = sent, s.start, s.end
		ind.NumStart, ind.NumEnd = q.NumStart, q.NumEnd
		ind.Rule = r.ID + ":distributed:" + items[k]
		e.emit(ind)
		used[q.Start] = true
	}
	return used
}

// listBefore finds, in text[from:to], the last list of exactly n items
// joined by 、 (or with 和/及 before the last) inside one clause.
func listBefore(text string, from, to, n int) []string {
	clauses := splitSpans(text, span{from, to}, clauseEnd)
	for i := len(clauses) - 1; i >= 0; i-- {
		c := text[clauses[i].start:clauses[i].end]
		items := strings.Split(c, "、")
		if len(items) == n-1 {
			last := items[len(items)-1]
			for _, j := range []string{"和", "及", "与"} {
				if a, b, ok := strings.Cut(last, j); ok {
					items = append(items[:len(items)-1], a, b)
					break
				}
			}
		}
		if len(items) == n {
			return items
		}
	}
	return nil
}

// nounRule returns the first rule that names the item and takes the unit.
func (e *run) nounRule(item string, q Quantity) *Rule {
	for _, r := range e.cat.Rules {
		if !r.acceptsUnit(q.Unit, q.Qualifier) {
			continue
		}
		for _, n := range r.Nouns {
			if strings.Contains(item, n) {
				return r
			}
		}
	}
	return nil
}

// zeroAndAll reads values no number states: 尚无行政复议案例 (0) and 全部调解成功
// (as many as the whole before it).
func (e *run) zeroAndAll(s span, clauses []span) {
	sent := e.masked[s.start:s.end]
	for _, r := range e.cat.Rules {
		if r.zero != nil {
			for _, m := range r.zero.FindAllStringIndex(sent, -1) {
				if e.hasRecordIn(r.ID, s) {
					break
				}
				a := s.start + m[0]
				c := clauseOf(clauses, a)
				unit := ""
				if len(r.Units) > 0 {
					unit = r.Units[0]
				}
				ind := e.record(r, 0, unit, QualExact, s, clauses, c, span{a, s.start + m[1]}, a)
				ind.Evidence, ind.Start, ind.End = e.text[c.start:c.end], c.start, c.end
				ind.Rule = r.ID + ":zero:" + e.text[a:s.start+m[1]]
				e.emit(ind)
			}
		}
		if r.all == nil || r.Whole == "" {
			continue
		}
		for _, m := range r.all.FindAllStringIndex(sent, -1) {
			a := s.start + m[0]
			w := e.lastRecordBefore(r.Whole, s.start, a)
			if w == nil || e.hasRecordBetween(r.ID, w.NumEnd, a) {
				continue
			}
			c := clauseOf(clauses, a)
			ev := e.evidence(s, span{w.Start, w.End}, c)
			if w.Start < s.start || w.End > s.end {
				ev = span{min(w.Start, c.start), max(w.End, c.end)}
			}
			e.emit(Indicator{
				ID: r.ID, Label: r.Label, Value: w.Value, Unit: w.Unit, Qualifier: w.Qualifier,
				Scope: w.Scope, Subject: w.Subject, Derived: true, Section: w.Section,
				Evidence: e.text[ev.start:ev.end], Start: ev.start, End: ev.end,
				Rule: r.ID + ":all:" + e.text[a:s.start+m[1]],
			})
		}
	}
}

// hasRecordIn reports whether a record of id was read inside s.
func (e *run) hasRecordIn(id string, s span) bool {
	return e.hasRecordBetween(id, s.start, s.end)
}

// hasRecordBetween reports whether a record of id has its number in [a, b).
func (e *run) hasRecordBetween(id string, a, b int) bool {
	for i := len(e.out) - 1; i >= 0; i-- {
		r := e.out[i]
		if r.ID == id && r.NumEnd > a && r.NumStart < b {
			return true
		}
	}
	return false
}

// lastRecordBefore returns the last record of id whose number lies in [a, b).
func (e *run) lastRecordBefore(id string, a, b int) *Indicator {
	for i := len(e.out) - 1; i >= 0; i-- {
		r := &e.out[i]
		if r.ID == id && r.NumEnd > 0 && r.NumStart >= a && r.NumEnd <= b {
			return r
		}
	}
	return nil
}

// rateTolerance is how far, in percentage points, a written rate may stand
// from the one its counts give before that is worth a warning: reports
// round to whole percent.
const rateTolerance = 1.0

// deriveRates pairs the counts of a paragraph that a rate is computed from
// (resolved after handled, same subject). A written rate after the pair
// gets the computed value beside it, and a warning when they differ; with
// no written rate, a derived rate record is added after the part.
func (e *run) deriveRates(from int) {
	recs := e.out[from:]
	var out []Indicator
	for _, r := range recs {
		out = append(out, r)
		if rate := e.cat.Rule(r.ID); rate != nil && rate.Kind == KindRate && r.Value > 100 {
			e.warn("rate_over_100", r.Label+" "+num(r.Value)+"% is over 100%", r.Evidence)
		}
	}
	for _, rate := range e.cat.Rules {
		if rate.Ratio == nil {
			continue
		}
		out = e.pairRatio(rate, out)
	}
	e.out = append(e.out[:from], out...)
}

func (e *run) pairRatio(rate *Rule, recs []Indicator) []Indicator {
	var out []Indicator
	wholes := map[string]int{} // index of the pending whole, by subject
	for i := 0; i < len(recs); i++ {
		r := recs[i]
		out = append(out, r)
		switch r.ID {
		case rate.Ratio.Whole:
			wholes[r.Subject] = i
		case rate.Ratio.Part:
			wi, ok := wholes[r.Subject]
			if !ok || recs[wi].Scope != r.Scope {
				continue
			}
			w := &recs[wi]
			delete(wholes, r.Subject)
			if r.Value > w.Value && w.Qualifier != QualAtLeast {
				e.warn("part_exceeds_whole", r.Label+" "+num(r.Value)+" is larger than "+w.Label+" "+num(w.Value), r.Evidence)
			}
			if w.Value <= 0 {
				continue
			}
			computed := math.Round(r.Value/w.Value*1000) / 10
			// A written rate for the same subject after the whole: after
			// the part (化解47起，化解率98%), or before a part the rate
			// itself gave (化解27件，调解成功率达100%).
			written := -1
			for j := wi + 1; j < len(recs); j++ {
				if j == i {
					continue
				}
				if recs[j].ID == rate.Ratio.Whole && recs[j].Subject == r.Subject {
					break
				}
				if recs[j].ID == rate.ID && recs[j].Subject == r.Subject && !recs[j].Derived {
					written = j
					break
				}
			}
			if written >= 0 {
				c := computed
				recs[written].Computed = &c
				if math.Abs(recs[written].Value-computed) > rateTolerance {
					e.warn("rate_mismatch", rate.Label+" is written as "+num(recs[written].Value)+"% but "+num(r.Value)+"/"+num(w.Value)+" gives "+num(computed)+"%", recs[written].Evidence)
				}
				continue
			}
			start, end := min(w.Start, r.Start), max(w.End, r.End)
			qual := QualExact
			if w.Qualifier != QualExact || r.Qualifier != QualExact {
				qual = QualAbout
			}
			out = append(out, Indicator{
				ID: rate.ID, Label: rate.Label, Value: computed, Unit: "%", Qualifier: qual,
				Scope: r.Scope, Subject: r.Subject, Derived: true, Section: r.Section,
				Evidence: e.text[start:end], Start: start, End: end,
				Rule: rate.ID + ":ratio:" + num(r.Value) + "/" + num(w.Value),
			})
		}
	}
	return out
}
