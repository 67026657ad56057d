package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// tidyAfter is how many new or changed reports make ingest tidy the
// index's segments before it returns.
const tidyAfter = 500

// tidy merges the index's small segments into one. Merging as it goes
// leaves a few large segments and a tail of small ones (at 10,000 reports,
// three of about 40 MB and seven of about 4.6 MB); the tail carries most of
// what many segments cost in size, and rewriting only the tail takes a
// quarter of the time of merging everything into one segment. A segment is
// small when it holds less than a sixth of the index's documents.
func (ix *Index) tidy() error {
	s := ix.scorch()
	if s == nil {
		return nil
	}
	n, err := ix.b.DocCount()
	if err != nil {
		return ix.writeErr(err)
	}
	if err := s.ForceMerge(context.Background(), tidyPlan(n)); err != nil {
		return ix.writeErr(err)
	}
	return nil
}

// tidyPlan is the merge plan of tidy for an index of docs documents: the
// planner takes segments of fewer than MaxSegmentSize/2 live documents, and
// merges them, as few tasks as it can, into segments of fewer than
// MaxSegmentSize.
func tidyPlan(docs uint64) *mergeplan.MergePlanOptions {
	o := mergeplan.SingleSegmentMergePlanOptions
	o.MaxSegmentSize = max(int64(docs)/3, 2)
	o.FloorSegmentSize = 1
	o.CalcBudget = func(int64, int64, *mergeplan.MergePlanOptions) int { return 1 }
	return &o
}

// scorch is the index's scorch engine, or nil.
func (ix *Index) scorch() *scorch.Scorch {
	adv, err := ix.b.Advanced()
	if err != nil {
		return nil
	}
	s, _ := adv.(*scorch.Scorch)
	return s
}
