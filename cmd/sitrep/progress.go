package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"
)

// progress reports long work: on a terminal, one status line rewritten in
// place (count, rate, ETA when the total is known, errors); otherwise a
// structured log line (log/slog) every logEvery, so that a service
// manager's log shows the work moving without a line per item.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	name     string
	total    int // 0 when unknown
	start    time.Time
	last     time.Time
	terminal bool
	log      *slog.Logger
}

const (
	drawEvery = 200 * time.Millisecond
	logEvery  = 10 * time.Second
)

func newProgress(w io.Writer, name string, total int) *progress {
	now := time.Now()
	return &progress{w: w, name: name, total: total, start: now, last: now,
		terminal: isTerminal(w), log: slog.New(slog.NewTextHandler(w, nil))}
}

// update reports that done items are finished, errors of them failed.
// It is cheap to call for every item: output is rate-limited.
func (p *progress) update(done, errors int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	every := logEvery
	if p.terminal {
		every = drawEvery
	}
	if now.Sub(p.last) < every {
		return
	}
	p.last = now
	p.report(done, errors, now, false)
}

// clearLine clears the status line on a terminal, so that a message
// printed next starts on a clean line; the next update redraws it.
func (p *progress) clearLine() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// finish clears the status line on a terminal, or logs the totals.
func (p *progress) finish(done, errors int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.report(done, errors, time.Now(), true)
}

func (p *progress) report(done, errors int, now time.Time, final bool) {
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(done) / elapsed
	}
	if !p.terminal {
		msg := "progress"
		if final {
			msg = "done"
		}
		attrs := []any{"task", p.name, "done", done, "errors", errors, "rate_per_s", fmt.Sprintf("%.1f", rate)}
		if p.total > 0 {
			attrs = append(attrs, "total", p.total)
		}
		p.log.Info(msg, attrs...)
		return
	}
	if final {
		fmt.Fprint(p.w, "\r\033[K")
		return
	}
	line := fmt.Sprintf("%s: %d", p.name, done)
	if p.total > 0 {
		line += fmt.Sprintf("/%d", p.total)
	}
	line += fmt.Sprintf("  %.0f/s", rate)
	if p.total > 0 && rate > 0 && done < p.total {
		eta := time.Duration(float64(p.total-done) / rate * float64(time.Second)).Round(time.Second)
		line += fmt.Sprintf("  ETA %s", eta)
	}
	if errors > 0 {
		line += fmt.Sprintf("  %d errors", errors)
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
