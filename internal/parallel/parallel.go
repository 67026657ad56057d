// Package parallel is baogao's one worker pool: it runs the items of a
// batch (files to read, reports to check, shingle sets to build) on every
// core.
//
// In: a count n and a function of an item's index. Out: nothing but the
// calls; fn writes its result into a slice slot of its own. What always
// holds: every item in [0, n) is run exactly once, items are started in
// increasing order, and no call is running once For or Close returns.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For runs fn(i) for every i in [0, n) on every core and returns when all
// calls have returned.
func For(n int, fn func(i int)) {
	if n <= 0 {
		return
	}
	if runtime.GOMAXPROCS(0) == 1 || n == 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	p := start(n, 0, fn)
	p.wg.Wait()
}

// Pool runs fn(i) for i in [0, n) on every core, at most window items
// ahead of the caller, who takes the items in order with Wait. It bounds
// memory when each item holds much (a report's text) until the caller has
// used it.
type Pool struct {
	n     int
	fn    func(int)
	next  atomic.Int64
	slots chan struct{}   // one per item started and not yet waited for; nil for no window
	ready []chan struct{} // closed when item i is done; nil when nobody waits
	stop  chan struct{}
	once  sync.Once
	wg    sync.WaitGroup
}

// Start starts the workers of a Pool of n items with a window of window
// items.
func Start(n, window int, fn func(i int)) *Pool {
	return start(n, max(window, 1), fn)
}

func start(n, window int, fn func(i int)) *Pool {
	p := &Pool{n: n, fn: fn, stop: make(chan struct{})}
	if window > 0 {
		p.slots = make(chan struct{}, window)
		p.ready = make([]chan struct{}, n)
		for i := range p.ready {
			p.ready[i] = make(chan struct{})
		}
	}
	for range min(runtime.GOMAXPROCS(0), n) {
		p.wg.Add(1)
		go p.work()
	}
	return p
}

// work takes the next item until none is left or the pool is closed.
func (p *Pool) work() {
	defer p.wg.Done()
	for {
		if p.slots != nil {
			select {
			case p.slots <- struct{}{}:
			case <-p.stop:
				return
			}
		}
		i := int(p.next.Add(1) - 1)
		if i >= p.n {
			return
		}
		p.fn(i)
		if p.ready != nil {
			close(p.ready[i])
		}
	}
}

// Wait waits until item i is done and frees its place in the window. Items
// are waited for in order: 0, 1, 2… It returns false, without waiting
// further, when cancel is closed first.
func (p *Pool) Wait(i int, cancel <-chan struct{}) bool {
	select {
	case <-p.ready[i]:
	case <-cancel:
		return false
	}
	<-p.slots
	return true
}

// Close starts no more items and waits for the ones running.
func (p *Pool) Close() {
	p.once.Do(func() { close(p.stop) })
	p.wg.Wait()
}
