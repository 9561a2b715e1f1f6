package server

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"sitrep/internal/store"
)

// gatedStore holds every word search until the request's context ends, as
// a query the database is still running is cancelled then, and counts
// those that gave up.
type gatedStore struct {
	Store
	cancelled atomic.Int32
}

func (g *gatedStore) QueryIncidents(ctx context.Context, f store.IncidentFilter) (store.IncidentPage, error) {
	if f.Q != "" {
		<-ctx.Done()
		g.cancelled.Add(1)
		return store.IncidentPage{}, ctx.Err()
	}
	return g.Store.QueryIncidents(ctx, f)
}

// TestReadTimeout checks that a read past Config.ReadTimeout has its
// query cancelled and answers 503 with Retry-After (API and page), while
// other reads are answered meanwhile.
func TestReadTimeout(t *testing.T) {
	g := &gatedStore{Store: fixtureStore(t)}
	ts := newTestServer(t, g, func(c *Config) { c.ReadTimeout = 500 * time.Millisecond })
	type answer struct {
		code  int
		retry string
	}
	answers := make(chan answer, 2)
	for _, path := range []string{"/api/v1/events?q=slow", "/?q=slow"} {
		go func() {
			resp, err := ts.Client().Get(ts.URL + path)
			if err != nil {
				answers <- answer{}
				return
			}
			resp.Body.Close()
			answers <- answer{resp.StatusCode, resp.Header.Get("Retry-After")}
		}()
	}
	if code := get(t, ts, "/api/v1/events?limit=5", nil); code != http.StatusOK {
		t.Errorf("list while two searches hang: %d, want 200", code)
	}
	for range 2 {
		if a := <-answers; a.code != http.StatusServiceUnavailable || a.retry == "" {
			t.Errorf("search past the read timeout: %d (Retry-After %q), want 503 with Retry-After", a.code, a.retry)
		}
	}
	// The API's search, and the page's list and map (read side by side).
	if n := g.cancelled.Load(); n != 3 {
		t.Errorf("%d searches were cancelled, want 3", n)
	}
}

// slotStore is a store that names its own read slots.
type slotStore struct {
	Store
	slots int
}

func (s slotStore) ReadSlots() int { return s.slots }

// TestReadSlotsDefault checks where the admission slots come from: the
// configuration, else the store (store.ReadSlotter), else 8.
func TestReadSlotsDefault(t *testing.T) {
	st := fixtureStore(t)
	for _, tc := range []struct {
		name   string
		store  Store
		config int
		want   int // 0: no admission
	}{
		{"store's", slotStore{st, 3}, 0, 3},
		{"configured", slotStore{st, 3}, 5, 5},
		{"no limit", slotStore{st, 3}, -1, 0},
		{"not said", struct{ Store }{st}, 0, 8},
	} {
		srv, err := New(Config{Store: tc.store, Logger: discardLogger(), MaxReads: tc.config})
		if err != nil {
			t.Fatal(err)
		}
		if got := cap(srv.reads); got != tc.want {
			t.Errorf("%s: %d read slots, want %d", tc.name, got, tc.want)
		}
	}
}
