package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForRunsEachOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		counts := make([]atomic.Int32, n)
		For(n, func(i int) { counts[i].Add(1) })
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Fatalf("n=%d: item %d ran %d times", n, i, c)
			}
		}
	}
}

// TestPoolWindow checks that no item starts more than window items ahead
// of the last one waited for, and that every item is waited in order.
func TestPoolWindow(t *testing.T) {
	const n, window = 200, 4
	var waited atomic.Int64
	var worst atomic.Int64
	p := Start(n, window, func(i int) {
		ahead := int64(i) - waited.Load()
		for {
			w := worst.Load()
			if ahead <= w || worst.CompareAndSwap(w, ahead) {
				break
			}
		}
	})
	for i := range n {
		if !p.Wait(i, nil) {
			t.Fatalf("item %d: Wait gave up", i)
		}
		waited.Store(int64(i + 1))
	}
	p.Close()
	if w := worst.Load(); w > window {
		t.Errorf("an item started %d items ahead, window %d", w, window)
	}
}

// TestPoolCancel stops waiting when cancel is closed, and Close returns
// with items left unstarted.
func TestPoolCancel(t *testing.T) {
	var ran atomic.Int32
	p := Start(1000, 2, func(int) { ran.Add(1) })
	if !p.Wait(0, nil) {
		t.Fatal("first item")
	}
	cancel := make(chan struct{})
	close(cancel)
	block := make(chan struct{})
	q := Start(1, 1, func(int) { <-block })
	if q.Wait(0, cancel) {
		t.Error("Wait did not see cancel")
	}
	close(block)
	q.Close()
	p.Close()
	if n := ran.Load(); n >= 1000 {
		t.Errorf("closed pool ran all %d items", n)
	}
}
