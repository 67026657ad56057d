package index

import (
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

type fakeSegment struct {
	id   uint64
	live int64
}

func (s fakeSegment) Id() uint64          { return s.id }
func (s fakeSegment) FullSize() int64     { return s.live }
func (s fakeSegment) LiveSize() int64     { return s.live }
func (s fakeSegment) HasVector() bool     { return false }
func (s fakeSegment) FileSize() int64     { return s.live * 100 }
func (s fakeSegment) LiveFileSize() int64 { return s.live * 100 }

// TestTidyPlan holds tidy to merging the small segments only, into as few
// segments as the size bound allows.
func TestTidyPlan(t *testing.T) {
	for _, c := range []struct {
		sizes []int64
		want  [][]uint64 // the segments of each task, by id
	}{
		// Three large segments and a tail of seven small ones: the tail
		// becomes one segment.
		{[]int64{40000, 40000, 40000, 4500, 4500, 4500, 4500, 4500, 4500, 3500}, [][]uint64{{4, 5, 6, 7, 8, 9, 10}}},
		// Nothing small: nothing to do.
		{[]int64{50000, 50000}, nil},
		{[]int64{40000, 30000, 30000}, nil},
		// One small segment alone is left as it is.
		{[]int64{60000, 60000, 5000}, nil},
		// Only small segments: each merged segment stays under a third.
		{[]int64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, [][]uint64{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}},
		// A single segment.
		{[]int64{1000}, nil},
	} {
		var segs []mergeplan.Segment
		var total int64
		for i, n := range c.sizes {
			segs = append(segs, fakeSegment{uint64(i + 1), n})
			total += n
		}
		plan, err := mergeplan.Plan(segs, tidyPlan(uint64(total)))
		if err != nil {
			t.Fatal(err)
		}
		var got [][]uint64
		if plan != nil {
			for _, task := range plan.Tasks {
				var ids []uint64
				var merged int64
				for _, s := range task.Segments {
					ids = append(ids, s.Id())
					merged += s.LiveSize()
				}
				if merged >= total/3 {
					t.Errorf("%v: a merged segment of %d documents, a third or more of %d", c.sizes, merged, total)
				}
				slices.Sort(ids)
				got = append(got, ids)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%v: tasks %v, want %v", c.sizes, got, c.want)
		}
	}
}
