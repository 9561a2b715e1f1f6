package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sitrep/internal/store"
)

func TestLoopbackOnly(t *testing.T) {
	for _, tc := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1", true},
		{"127.0.0.53", true},
		{"::1", true},
		{"localhost", true},
		{"10.0.0.1", false},
		{"192.168.1.10", false},
		{"8.8.8.8", false},
		{"example.org", false},
		{"", false},
	} {
		if err := loopbackOnly(tc.host); (err == nil) != tc.ok {
			t.Errorf("loopbackOnly(%q) = %v, want ok %v", tc.host, err, tc.ok)
		}
	}
}

func TestSummarize(t *testing.T) {
	ds := make([]time.Duration, 100)
	for i := range ds {
		ds[i] = time.Duration(100-i) * time.Millisecond // 100 ms down to 1 ms
	}
	l := summarize("x", ds, 3)
	if l.Requests != 100 || l.Errors != 3 || l.P50ms != 50 || l.P90ms != 90 || l.P99ms != 99 || l.Maxms != 100 {
		t.Errorf("summarize = %+v, want p50 50, p90 90, p99 99, max 100", l)
	}
	if l := summarize("empty", nil, 0); l.Requests != 0 || l.P99ms != 0 {
		t.Errorf("summarize(nil) = %+v", l)
	}
}

// TestGenStore: what gen writes, the store reads back through the same
// queries the API runs: every incident once, counts that add up, each
// incident's articles as sources.
func TestGenStore(t *testing.T) {
	const n = 300
	dsn := filepath.Join(t.TempDir(), "load.db")
	if err := cmdGen([]string{"--db", dsn, "--n", "300", "--chunk", "70", "--gazetteer", "../../internal/resolve/data/places.tsv.gz"}); err != nil {
		t.Fatal(err)
	}
	// A second run refuses to add to a filled store.
	if err := cmdGen([]string{"--db", dsn, "--n", "10", "--gazetteer", "../../internal/resolve/data/places.tsv.gz"}); err == nil {
		t.Error("gen filled a store that already had incidents")
	}
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	src := s.(store.Incidents)
	seen := map[int64]bool{}
	f := store.IncidentFilter{Limit: 1000, Sort: "id"}
	for {
		p, err := src.QueryIncidents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, inc := range p.Incidents {
			if seen[inc.ID] || len(inc.Sources) == 0 || inc.Type == "" || inc.Date == nil {
				t.Fatalf("incident %d: seen %v, %d sources, type %q", inc.ID, seen[inc.ID], len(inc.Sources), inc.Type)
			}
			seen[inc.ID] = true
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	if len(seen) != n {
		t.Fatalf("%d incidents read back, want %d", len(seen), n)
	}
	buckets, err := src.CountIncidents(ctx, store.IncidentFilter{}, store.ByType)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, b := range buckets {
		sum += b.Incidents
	}
	if sum != n || len(buckets) != 6 {
		t.Errorf("by type: %d buckets summing to %d, want 6 summing to %d", len(buckets), sum, n)
	}
	actors, err := src.Actors(ctx, store.IncidentFilter{}, 10)
	if err != nil || len(actors) == 0 {
		t.Errorf("actors: %v, %d", err, len(actors))
	}
}

func TestParseStatCPU(t *testing.T) {
	for _, tc := range []struct {
		line string
		want time.Duration
		ok   bool
	}{
		{"4242 (sitrep) S 1 4242 4242 0 -1 4194304 9000 0 3 0 1234 56 0 0 20 0 12 0 100 0 0", 12900 * time.Millisecond, true},
		// A command name with spaces and a parenthesis still parses.
		{"7 (a b) c) R 1 7 7 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 1 0 0", 100 * time.Millisecond, true},
		{"no parentheses here", 0, false},
		{"1 (x) S 1 2", 0, false},
	} {
		got, err := parseStatCPU(tc.line)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("parseStatCPU(%q) = %v, %v; want %v (ok %v)", tc.line, got, err, tc.want, tc.ok)
		}
	}
}

// TestBackfills: the PostgreSQL bulk load rebuilds every derived table the
// migrations fill, each statement whole.
func TestBackfills(t *testing.T) {
	stmts, err := backfills("../../internal/store/migrations/postgres")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for _, q := range stmts {
		if !strings.HasSuffix(q, ";") || strings.Count(q, ";") != 1 {
			t.Errorf("not one whole statement: %q", q)
		}
		f := strings.Fields(q)
		if f[0] == "UPDATE" {
			tables = append(tables, "update "+f[1])
		} else {
			tables = append(tables, f[2])
		}
	}
	want := []string{"incident_days", "incident_places", "incident_months", "actor_incidents", "actor_summary",
		"incident_day_types", "incident_spans", "incident_type_countries", "incident_certainties",
		"update actor_incidents", "incident_killed", "update actor_incidents", "update actor_incidents", "actor_targets", "actor_places"}
	if !slices.Equal(tables, want) {
		t.Errorf("backfilled tables %v, want %v", tables, want)
	}
}

func TestTimed(t *testing.T) {
	big := strings.Repeat("x", 100000)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/ok":
			w.Header().Set("X-Sitrep-Cache", "hit")
			io.WriteString(w, big)
		case "/fail":
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, big)
		}
	}))
	defer ts.Close()
	for _, base := range []string{ts.URL, ts.URL + "/"} {
		u, _ := url.Parse(base)
		c := &client{http: ts.Client(), base: u}
		for _, tc := range []struct {
			path string
			code int
			head int
			hit  bool
		}{
			{"/ok", 200, 0, true},
			{"/fail", 500, errHead, false},
		} {
			code, head, hit, err := c.timed(context.Background(), tc.path)
			if err != nil || code != tc.code || len(head) != tc.head || hit != tc.hit {
				t.Errorf("%s: timed(%s) = %d, %d bytes, hit %v, %v; want %d, %d bytes, hit %v", base, tc.path, code, len(head), hit, err, tc.code, tc.head, tc.hit)
			}
		}
	}
}
