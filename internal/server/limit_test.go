package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"sitrep/internal/store"
)

func TestHeavyRead(t *testing.T) {
	tests := []struct {
		path  string
		heavy bool
	}{
		{"/api/v1/events?limit=50", false},
		{"/api/v1/events?country=NG&from=2024-01-01", false},
		{"/api/v1/events?q=attack", true},
		{"/api/v1/events?bbox=1,2,3,4", true},
		{"/api/v1/events?actor=Alpha+Front", true},
		{"/?q=attack", true},
		{"/api/v1/events/12", false},
		{"/api/v1/stats?by=month&country=NG", false},
		{"/api/v1/stats?by=week&by=actor", true},
		{"/api/v1/actors?country=NG&limit=20", false},
		{"/actors", false},
		{"/actors?type=riots&country=", false},
		{"/actors?from=2024-01-01", true},
		{"/api/v1/export?format=jsonl", true},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, tt.path, nil)
		if got := heavyRead(r); got != tt.heavy {
			t.Errorf("heavyRead(%s) = %v, want %v", tt.path, got, tt.heavy)
		}
	}
}

// gatedStore holds every word search until gate closes (or the request's
// context ends, as a real query is cancelled), counting those that reach
// the store.
type gatedStore struct {
	Store
	gate    chan struct{}
	mu      sync.Mutex
	entered int
}

func (g *gatedStore) QueryIncidents(ctx context.Context, f store.IncidentFilter) (store.IncidentPage, error) {
	if f.Q != "" {
		g.mu.Lock()
		g.entered++
		g.mu.Unlock()
		select {
		case <-g.gate:
		case <-ctx.Done():
			return store.IncidentPage{}, ctx.Err()
		}
	}
	return g.Store.QueryIncidents(ctx, f)
}

func (g *gatedStore) count() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.entered
}

// TestHeavyReadsLimited checks that with one heavy slot a second word
// search waits for it while a cheap list is answered at once, and that a
// read past ReadTimeout, in the store or waiting, is a 503 that frees its
// slot.
func TestHeavyReadsLimited(t *testing.T) {
	g := &gatedStore{Store: fixtureStore(t), gate: make(chan struct{})}
	ts := newTestServer(t, g, func(c *Config) { c.HeavyLimit, c.ReadTimeout = 1, time.Second })
	codes := make(chan int, 2)
	go func() { codes <- get(t, ts, "/api/v1/events?q=first", nil) }()
	for g.count() == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	go func() { codes <- get(t, ts, "/api/v1/events?q=second", nil) }()
	start := time.Now()
	if code := get(t, ts, "/api/v1/events?limit=5", nil); code != http.StatusOK {
		t.Errorf("cheap list while a search holds the slot: %d, want 200", code)
	}
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Errorf("cheap list took %v behind the heavy ones", d)
	}
	time.Sleep(100 * time.Millisecond)
	if n := g.count(); n != 1 {
		t.Errorf("%d searches reached the store at once, want 1 (the second waits for the slot)", n)
	}
	for range 2 {
		if code := <-codes; code != http.StatusServiceUnavailable {
			t.Errorf("search past the read timeout: %d, want 503", code)
		}
	}
	close(g.gate)
	if code := get(t, ts, "/api/v1/events?q=third", nil); code != http.StatusOK {
		t.Errorf("search after the slot was freed: %d, want 200", code)
	}
}
