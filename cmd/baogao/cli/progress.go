package cli

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// progressEvery is how often the progress line is redrawn at most.
const progressEvery = 100 * time.Millisecond

// etaAfter is how long a step runs before its progress line guesses when
// it ends: earlier guesses jump about.
const etaAfter = time.Second

// progress draws a bar with a count and the time left on ErrOut when it is
// a terminal, and nothing otherwise. It is safe for concurrent use.
type progress struct {
	io    *IOStreams
	mu    sync.Mutex
	what  string
	start time.Time
	last  time.Time
	shown bool
	now   func() time.Time
}

// newProgress starts a progress line for a step that counts what (files,
// reports).
func newProgress(io *IOStreams, what string) *progress {
	p := &progress{io: io, what: what, now: time.Now}
	p.start = p.now()
	return p
}

// step starts another step on the same line, counting what.
func (p *progress) step(what string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.what, p.start, p.last = what, p.now(), time.Time{}
}

// update shows that done of total are done.
func (p *progress) update(done, total int) {
	if !p.io.ErrTTY || total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if now.Sub(p.last) < progressEvery && done < total {
		return
	}
	p.last = now
	const width = 30
	n := min(done, total) * width / total
	line := fmt.Sprintf("\r[%s%s] %d/%d %s", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total, p.what)
	if elapsed := now.Sub(p.start); elapsed >= etaAfter && done > 0 && done < total {
		left := time.Duration(float64(elapsed) / float64(done) * float64(total-done))
		line += fmt.Sprintf(", about %s left", left.Round(time.Second))
	}
	fmt.Fprint(p.io.ErrOut, line+"\033[K")
	p.shown = true
}

// done clears the line.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.io.ErrOut, "\r\033[K")
		p.shown = false
	}
}
