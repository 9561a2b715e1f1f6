package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/internal/store"
)

// feedSite serves a fictional feed that answers conditional requests, the
// pages it links to, and a feed that always fails; it counts requests.
type feedSite struct {
	*httptest.Server
	mu    sync.Mutex
	items []string // page paths, newest last
	hits  map[string]int
}

func newFeedSite(t *testing.T) *feedSite {
	s := &feedSite{hits: map[string]int{}, items: []string{"/news/blast", "/news/ambush"}}
	bodies := map[string]string{
		"/news/blast":  "A car bomb exploded outside a police station in Varn on Monday, killing six officers.",
		"/news/ambush": "Militants ambushed a patrol near Kessa on Sunday, killing three soldiers, the army said.",
		"/news/raid":   "Gunmen raided a village near Ostra on Tuesday, killing five people, residents said.",
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		key := r.URL.Path
		if r.Header.Get("If-None-Match") != "" {
			key += " (conditional)"
		}
		s.hits[key]++
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/broken.xml":
			http.Error(w, "down", http.StatusInternalServerError)
		case "/feed.xml":
			etag := fmt.Sprintf(`"v%d"`, len(s.items))
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`)
			for i := len(s.items) - 1; i >= 0; i-- {
				fmt.Fprintf(w, "<item><title>%s</title><link>%s%s</link><guid>wire%s</guid></item>", s.items[i], s.URL, s.items[i], s.items[i])
			}
			fmt.Fprint(w, `</channel></rss>`)
		default:
			body, ok := bodies[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>", r.URL.Path, body)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *feedSite) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[key]
}

func TestWatchOnce(t *testing.T) {
	site := newFeedSite(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "sitrep.db")
	feeds := filepath.Join(dir, "feeds.txt")
	writeFileForIngest(t, feeds, "# fictional wires\n"+site.URL+"/feed.xml\n"+site.URL+"/broken.xml\n")
	watch := func() string {
		var out, errb strings.Builder
		e := env{strings.NewReader(""), &out, &errb}
		if code := e.cmdWatch([]string{"--db", db, "--once", "--allow-private", "--host-delay", "0", "--retries", "0", "--interval", "1h", feeds}); code != 0 {
			t.Fatalf("watch: exit %d\n%s", code, errb.String())
		}
		return errb.String()
	}

	log := watch()
	if !strings.Contains(log, "inserted=2") || site.count("/news/blast") != 1 || site.count("/news/ambush") != 1 {
		t.Fatalf("first round: pages fetched %v, log:\n%s", site.hits, log)
	}
	var st watchState
	data, err := os.ReadFile(db + ".watch.json")
	if err != nil || json.Unmarshal(data, &st) != nil {
		t.Fatalf("state file: %v\n%s", err, data)
	}
	good, bad := st.Feeds[site.URL+"/feed.xml"], st.Feeds[site.URL+"/broken.xml"]
	if good == nil || len(good.Seen) != 2 || good.Failures != 0 {
		t.Errorf("feed state: %+v", good)
	}
	if bad == nil || bad.Failures != 1 || bad.NextPoll.Sub(bad.LastPoll) != 2*time.Hour || !strings.Contains(bad.LastError, "HTTP 500") {
		t.Errorf("broken feed state: %+v", bad)
	}

	// Nothing new: the feed answers 304, no page is fetched again, and the
	// broken feed waits out its backoff.
	log = watch()
	if site.count("/feed.xml (conditional)") != 1 || site.count("/news/blast") != 1 || site.count("/broken.xml") != 1 {
		t.Errorf("second round: requests %v, log:\n%s", site.hits, log)
	}
	if !strings.Contains(log, "new_items=0") {
		t.Errorf("second round log:\n%s", log)
	}

	// One new item: only its page is fetched.
	site.mu.Lock()
	site.items = append(site.items, "/news/raid")
	site.mu.Unlock()
	log = watch()
	if !strings.Contains(log, "inserted=1") || site.count("/news/raid") != 1 || site.count("/news/blast") != 1 || site.count("/news/ambush") != 1 {
		t.Errorf("third round: requests %v, log:\n%s", site.hits, log)
	}
}

func TestWatchBadFeedList(t *testing.T) {
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds.txt")
	writeFileForIngest(t, feeds, "https://wire.example/feed.xml\nfeed.xml\n")
	var out, errb strings.Builder
	e := env{strings.NewReader(""), &out, &errb}
	if code := e.cmdWatch([]string{"--db", filepath.Join(dir, "db"), "--once", feeds}); code != 2 || !strings.Contains(errb.String(), feeds+`:2: not an http(s) URL: "feed.xml"`) {
		t.Errorf("exit %d, stderr:\n%s", code, errb.String())
	}
}

// Cancelling (what SIGINT and SIGTERM do) stops the watcher between
// rounds, with its state saved.
func TestWatchStopsCleanly(t *testing.T) {
	site := newFeedSite(t)
	dir := t.TempDir()
	var out, errb strings.Builder
	e := env{strings.NewReader(""), &out, &errb}
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	net := addFetchFlags(fs)
	if err := fs.Parse([]string{"--allow-private", "--host-delay", "0"}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := &watcher{e: e, s: st, feeds: []string{site.URL + "/feed.xml"}, statePath: filepath.Join(dir, "state.json"),
		interval: time.Hour, jobs: 2, batch: 10, maxBytes: 1 << 20, net: net, log: e.logger()}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.run(ctx, false) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		if _, err := os.Stat(w.statePath); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no state after 30s:\n%s", errb.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("watcher did not stop within 10s of being cancelled")
	}
	if !strings.Contains(errb.String(), "watch: stopped") {
		t.Errorf("log:\n%s", errb.String())
	}
}
