package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// cachedPaths are the cached API reads, one of each kind the load tool
// sends and then some.
var cachedPaths = []string{
	"/api/v1/events?limit=50",
	"/api/v1/events?limit=2&country=AF",
	reordered, // the same filter as the line before, parameters in another order: always a hit
	"/api/v1/events?limit=50&country=NG&from=2020-01-01&to=2030-01-01",
	"/api/v1/events?limit=50&sort=killed&min_killed=1&type=battles",
	"/api/v1/events?limit=50&bbox=-20,-40,90,60",
	"/api/v1/events?limit=50&q=market",
	"/api/v1/events/1",
	"/api/v1/events/999999",
	"/api/v1/stats?by=month&country=NG",
	"/api/v1/stats?by=week&by=type&from=2020-01-01&to=2030-12-31",
	"/api/v1/stats?by=country",
	"/api/v1/actors?limit=20",
	"/api/v1/articles/1",
	"/api/v1/events?limit=0", // a 400: answered, never kept
}

const reordered = "/api/v1/events?country=AF&limit=2"

// fetch returns the status, body and X-Sitrep-Cache of a GET.
func fetch(t *testing.T, ts *httptest.Server, path string) (int, string, string) {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b), resp.Header.Get(cacheHeader)
}

// TestCacheAnswersAsStore: with the cache on, every answer is byte for
// byte the uncached answer, the second time from the cache; after another
// handle on the same store (as another process would) puts an article,
// no answer computed before the write is served again. On both backends.
func TestCacheAnswersAsStore(t *testing.T) {
	for _, b := range []struct {
		name string
		dsn  func(t *testing.T) string
	}{
		{"sqlite", func(t *testing.T) string { return fixtureStoreDSN(t) }},
		{"postgres", func(t *testing.T) string {
			dsn := postgresDSN(t)
			fill(t, openStore(t, dsn))
			return dsn
		}},
	} {
		t.Run(b.name, func(t *testing.T) {
			dsn := b.dsn(t)
			s := openStore(t, dsn)
			plain := newTestServer(t, s)
			cached := newTestServer(t, s, func(c *Config) { c.CacheBytes = 1 << 20 })
			check := func(when string, wantHit bool) map[string]string {
				out := map[string]string{}
				for _, p := range cachedPaths {
					code, want, _ := fetch(t, plain, p)
					code2, got, how := fetch(t, cached, p)
					if code2 != code || got != want {
						t.Errorf("%s: GET %s: cached %d %.200s\nwant %d %.200s", when, p, code2, got, code, want)
					}
					if code == http.StatusOK && (how == "hit") != (wantHit || p == reordered) {
						t.Errorf("%s: GET %s: %s, want hit %v", when, p, how, wantHit)
					}
					out[p] = got
				}
				return out
			}
			before := check("first", false)
			check("again", true)

			// Another handle writes: an incident newer than every fixture.
			w := openStore(t, dsn)
			a := store.Article{Article: article.Article{URL: "https://oru.example/cache", Title: "Clash near Oru",
				Language: "en", Text: "Herders and farmers clashed near the fictional town of Oru, leaving three dead."}}
			ev := extract.Event{Type: extract.Battles, Subtype: "armed_clash",
				Date:      &extract.Date{Start: "2029-05-02", End: "2029-05-02", Precision: "day"},
				Location:  &extract.Location{Name: "Oru", Country: "NG", Lat: new(7.1), Lon: new(4.2), Precision: "city"},
				Killed:    &extract.Count{Min: 3, Max: new(3)},
				Certainty: extract.Reported}
			res, err := w.PutArticles(context.Background(), []store.Item{{Article: a, Events: []extract.Event{ev}}})
			if err != nil || res[0].Err != nil {
				t.Fatal(err, res)
			}
			after := check("after a write", false)
			for _, p := range []string{"/api/v1/events?limit=50", "/api/v1/stats?by=month&country=NG"} {
				if after[p] == before[p] {
					t.Errorf("GET %s: the same answer before and after the write; the test proves nothing", p)
				}
			}
			check("again after the write", true)
		})
	}
}

// blockingStore holds every incident list until released.
type blockingStore struct {
	Store
	entered, release chan struct{}
}

func (b blockingStore) QueryIncidents(ctx context.Context, f store.IncidentFilter) (store.IncidentPage, error) {
	b.entered <- struct{}{}
	<-b.release
	return b.Store.QueryIncidents(context.WithoutCancel(ctx), f) // the held read has outlived its own deadline
}

// TestAdmission: with one read slot, a second read does not reach the
// store while the first holds it, and answers 503 when its deadline
// passes in the queue; the first then answers normally.
func TestAdmission(t *testing.T) {
	bs := blockingStore{Store: fixtureStore(t), entered: make(chan struct{}, 2), release: make(chan struct{})}
	ts := newTestServer(t, bs, func(c *Config) { c.MaxReads, c.ReadTimeout = 1, 300*time.Millisecond })
	first := make(chan int)
	go func() {
		code, _, _ := fetch(t, ts, "/api/v1/events?limit=1")
		first <- code
	}()
	<-bs.entered
	code, _, _ := fetch(t, ts, "/api/v1/events?limit=2")
	if code != http.StatusServiceUnavailable {
		t.Errorf("queued read: %d, want 503", code)
	}
	select {
	case <-bs.entered:
		t.Error("the queued read reached the store while the slot was taken")
	default:
	}
	close(bs.release)
	if code := <-first; code != http.StatusOK {
		t.Errorf("admitted read: %d, want 200", code)
	}
	// The slot is free again.
	if code, _, _ := fetch(t, ts, "/api/v1/events?limit=1"); code != http.StatusOK {
		t.Errorf("read after: %d", code)
	}
}

// TestCacheVersionGoesBack: a version lower than the cache's drops the
// entries like a higher one, so that a counter that starts again cannot
// climb back to a value whose entries are stale.
func TestCacheVersionGoesBack(t *testing.T) {
	c := newResponseCache(nil, 1<<20)
	keep := func(key string, v int64) {
		t.Helper()
		e, f, mine := c.lookup(key, v)
		if e != nil || !mine {
			t.Fatalf("%s at %d: want a miss to answer", key, v)
		}
		c.mu.Lock()
		c.entries[key] = c.lru.PushFront(&cacheEntry{key: key})
		delete(c.inflight, key)
		c.mu.Unlock()
		close(f.done)
	}
	keep("/a", 5)
	if e, _, _ := c.lookup("/a", 5); e == nil {
		t.Fatal("no hit at the same version")
	}
	if e, _, _ := c.lookup("/a", 3); e != nil {
		t.Fatal("hit at a lower version")
	}
	if e, _, _ := c.lookup("/a", 5); e != nil {
		t.Fatal("an entry survived the version going back and forth")
	}
}
