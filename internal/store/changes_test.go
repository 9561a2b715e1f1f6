package store

import (
	"context"
	"runtime"
	"testing"

	"sitrep/internal/article"
	"sitrep/internal/extract"
)

// TestChangeVersion: the version moves when a write commits through
// another handle on the same store (as another process would write), or
// through the reading store itself, and stays put while nothing is
// written, on both backends. A cache keyed by it would otherwise serve an
// answer older than a committed write, or never hit.
func TestChangeVersion(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		reader, writer := open(t, dsn), open(t, dsn)
		version := func() int64 {
			t.Helper()
			v, err := reader.ChangeVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		v0 := version()
		// Reads, by this handle and the other, change nothing.
		if _, err := writer.QueryIncidents(ctx, IncidentFilter{}); err != nil {
			t.Fatal(err)
		}
		if _, err := reader.CountIncidents(ctx, IncidentFilter{}, ByType); err != nil {
			t.Fatal(err)
		}
		if v := version(); v != v0 {
			t.Fatalf("version moved from %d to %d without a write", v0, v)
		}
		put := func(s *sqlStore, url, where string) {
			t.Helper()
			a := Article{Article: article.Article{URL: url, Title: "Clash near " + where, Language: "en",
				Text: "Herders and farmers clashed near the fictional town of " + where + ", leaving three dead."}}
			ev := extract.Event{Type: extract.Battles, Subtype: "armed_clash",
				Date:     &extract.Date{Start: "2024-05-02", End: "2024-05-02", Precision: "day"},
				Location: &extract.Location{Name: "Oru", Country: "NG", Lat: ptr(7.1), Lon: ptr(4.2), Precision: "city"},
				Killed:   &extract.Count{Min: 3, Max: ptr(3)}, Certainty: extract.Reported}
			res, err := s.PutArticles(ctx, []Item{{Article: a, Events: []extract.Event{ev}}})
			if err != nil || res[0].Err != nil {
				t.Fatal(err, res)
			}
		}
		put(writer, "https://oru.example/1", "Oru")
		v1 := version()
		if v1 == v0 {
			t.Fatalf("version %d did not move after another handle's write", v0)
		}
		if v := version(); v != v1 {
			t.Fatalf("version moved from %d to %d without a write", v1, v)
		}
		put(reader, "https://oru.example/2", "Ilaro")
		if v := version(); v == v1 {
			t.Fatalf("version %d did not move after the reading handle's own write", v1)
		}
	})
}

// TestChangeVersionMemory: an in-memory SQLite store has no change signal
// (a second connection would open another database), and says so rather
// than return a version that never moves.
func TestChangeVersionMemory(t *testing.T) {
	s := open(t, ":memory:")
	if _, err := s.ChangeVersion(context.Background()); err != ErrNoChangeSignal {
		t.Fatalf("ChangeVersion on :memory: = %v, want ErrNoChangeSignal", err)
	}
}

// TestGateReadsAfterArrival: a caller never gets a version read that began
// before it arrived; callers arriving during a read share the next one.
func TestGateReadsAfterArrival(t *testing.T) {
	var g gate
	var reads int64
	started, release := make(chan struct{}, 10), make(chan struct{})
	read := func() (int64, error) {
		reads++ // one read at a time: the gate's promise, checked by -race
		n := reads
		started <- struct{}{}
		<-release
		return n, nil
	}
	first := make(chan int64)
	go func() { v, _ := g.do(context.Background(), read); first <- v }()
	<-started // read 1 is under way
	later := make(chan int64, 3)
	for range 3 {
		go func() { v, _ := g.do(context.Background(), read); later <- v }()
	}
	// Let the three queue behind read 1 before it ends.
	for {
		g.mu.Lock()
		queued := g.next != nil && g.next.callers == 3
		g.mu.Unlock()
		if queued {
			break
		}
		runtime.Gosched()
	}
	release <- struct{}{}
	if v := <-first; v != 1 {
		t.Fatalf("first caller got read %d, want 1", v)
	}
	<-started
	release <- struct{}{}
	for range 3 {
		if v := <-later; v != 2 {
			t.Fatalf("a caller that arrived during read 1 got read %d, want 2 (shared, begun after it arrived)", v)
		}
	}
}
