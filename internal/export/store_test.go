package export

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// These tests run Write over the real store, filled by store.PutArticles
// as `sitrep ingest` fills it: a SQLite file, and a PostgreSQL schema of
// its own at $SITREP_TEST_POSTGRES (skipped when unreachable, except under
// CI=true, where that fails).

const defaultTestPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

var (
	pgOnce sync.Once
	pgErr  error
)

func postgresDSN(t testing.TB) string {
	base := os.Getenv("SITREP_TEST_POSTGRES")
	if base == "" {
		base = defaultTestPostgres
	}
	pgOnce.Do(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err = db.PingContext(ctx)
			cancel()
			db.Close()
		}
		pgErr = err
	})
	if pgErr != nil {
		msg := fmt.Sprintf("PostgreSQL at $SITREP_TEST_POSTGRES is unreachable: %v", pgErr)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	var rnd [6]byte
	rand.Read(rnd[:])
	schema := "sitrep_export_test_" + hex.EncodeToString(rnd[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("dropping %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

var backends = []struct {
	name string
	dsn  func(t testing.TB) string
}{
	{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "sitrep.db") }},
	{"postgres", postgresDSN},
}

// incidentsStore is the store as Write sees it.
type incidentsStore interface {
	store.Store
	store.Incidents
}

func openStore(t testing.TB, dsn string) incidentsStore {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	is, ok := s.(incidentsStore)
	if !ok {
		t.Fatalf("%T does not implement store.Incidents", s)
	}
	return is
}

// fictional words the generated articles draw on, so that no two texts are
// near-duplicates of each other.
var vocab = strings.Fields(`amber basalt cedar dune ember fjord garnet harbor indigo juniper kestrel lagoon
marble nectar orchid pebble quartz raven saffron tundra umber violet willow xenon yarrow zephyr anvil
bramble cobalt delta falcon glacier heron ivory jasper lantern meadow nimbus opal prairie quiver ridge
summit thistle upland valley wharf`)

// putIncidents stores n fictional articles, each reporting one incident
// at its own place, 45 days from the next (beyond the window in which the
// store merges follow-up reports), in batches as ingest does.
func putIncidents(t testing.TB, s store.Store, n int) {
	t.Helper()
	ctx := context.Background()
	day0 := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	var items []store.Item
	flush := func() {
		res, err := s.PutArticles(ctx, items)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
		items = items[:0]
	}
	for i := range n {
		d := day0.AddDate(0, 0, 45*i)
		town := fmt.Sprintf("Vellmora %d", i)
		words := make([]string, 0, 40)
		for j := range 40 {
			words = append(words, vocab[(i*7+j*j+i*j)%len(vocab)])
		}
		lat, lon := -40+float64(i%80), -170+float64(i%340)
		killed := i % 9
		items = append(items, store.Item{
			Article: store.Article{ExternalID: fmt.Sprintf("fixture-%05d", i), Article: article.Article{
				Source: "Fixture Wire", Title: fmt.Sprintf("Clash near %s leaves %d dead", town, killed),
				Published: d.Add(30 * time.Hour), Language: "en", URL: fmt.Sprintf("https://fixture.example/%d", i),
				Text: fmt.Sprintf("Fighting broke out near %s. %s.", town, strings.Join(words, " "))}},
			Events: []extract.Event{{
				Type: extract.Battles, Subtype: "armed_clash", Certainty: extract.Reported,
				Date:         &extract.Date{Start: d.Format(time.DateOnly), End: d.Format(time.DateOnly), Precision: "day"},
				Location:     &extract.Location{Name: town, Country: []string{"AF", "SY", "NG"}[i%3], Lat: &lat, Lon: &lon, Precision: "city"},
				Perpetrators: []extract.Participant{{Name: "Northern Ridge Brigade", Kind: "organization"}},
				Killed:       &extract.Count{Min: killed, Max: &killed},
			}},
		})
		if len(items) == 500 {
			flush()
		}
	}
	if len(items) > 0 {
		flush()
	}
}

// TestWriteThroughStore: every stored incident comes out once in every
// format, with every article that reports it, and a filter narrows it.
func TestWriteThroughStore(t *testing.T) {
	const n = 30
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			s := openStore(t, b.dsn(t))
			putIncidents(t, s, n)
			ctx := context.Background()

			var buf bytes.Buffer
			if err := Write(ctx, &buf, "jsonl", s, store.IncidentFilter{Sort: "id"}); err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
			for _, l := range lines {
				var row struct {
					ID       int64    `json:"id"`
					Articles []string `json:"articles"`
				}
				if err := json.Unmarshal([]byte(l), &row); err != nil {
					t.Fatalf("%v: %s", err, l)
				}
				for _, a := range row.Articles {
					seen[a]++
				}
			}
			if len(seen) != n {
				t.Errorf("%d articles across %d incidents, want all %d", len(seen), len(lines), n)
			}
			for a, k := range seen {
				if k != 1 || !strings.HasPrefix(a, "fixture-") {
					t.Errorf("article %q listed %d times", a, k)
				}
			}

			for _, format := range []string{"acled-csv", "gtd-csv"} {
				buf.Reset()
				if err := Write(ctx, &buf, format, s, store.IncidentFilter{}); err != nil {
					t.Fatal(err)
				}
				rows, err := csv.NewReader(&buf).ReadAll()
				if err != nil || len(rows) != len(lines)+1 {
					t.Errorf("%s: %d rows (%v), want a header and %d", format, len(rows), err, len(lines))
				}
			}
			buf.Reset()
			st, err := WriteStats(ctx, &buf, "geojson", s, store.IncidentFilter{})
			if err != nil || st.Incidents != len(lines) || st.Skipped != 0 || !json.Valid(buf.Bytes()) {
				t.Errorf("geojson: %v, stats %+v for %d incidents, valid %v", err, st, len(lines), json.Valid(buf.Bytes()))
			}

			buf.Reset()
			st, err = WriteStats(ctx, &buf, "acled-csv", s, store.IncidentFilter{Country: "SY"})
			if err != nil || st.Incidents != n/3 || strings.Count(buf.String(), "\nSYR") != n/3 {
				t.Errorf("country filter: %v, %d incidents, want %d Syrian ones:\n%s", err, st.Incidents, n/3, buf.String())
			}
		})
	}
}

// heapProbe measures the live heap each time Write asks for a page, after
// a collection, so what it reports is what Write keeps, not garbage.
type heapProbe struct {
	store.Incidents
	peak uint64
}

func (p *heapProbe) QueryIncidents(ctx context.Context, f store.IncidentFilter) (store.IncidentPage, error) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	p.peak = max(p.peak, ms.HeapAlloc)
	return p.Incidents.QueryIncidents(ctx, f)
}

// TestWriteMemoryFlat: writing 1,000 incidents keeps no more memory than
// writing 10. Pages are shrunk to 25 so that 1,000 incidents are 40 pages
// and anything kept per incident would show.
func TestWriteMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a store with 1,000 incidents")
	}
	defer func(n int) { pageSize = n }(pageSize)
	pageSize = 25
	peak := map[int]uint64{}
	for _, n := range []int{10, 1000} {
		s := openStore(t, filepath.Join(t.TempDir(), "sitrep.db"))
		putIncidents(t, s, n)
		for _, format := range Formats {
			p := &heapProbe{Incidents: s}
			st, err := WriteStats(context.Background(), io.Discard, format, p, store.IncidentFilter{})
			if err != nil || st.Incidents+st.Skipped != n {
				t.Fatalf("%s of %d: %v, %+v", format, n, err, st)
			}
			peak[n] = max(peak[n], p.peak)
		}
	}
	// 1,000 incidents held would be over 1 MB; allow 512 KiB of noise.
	if grow := int64(peak[1000]) - int64(peak[10]); grow > 512<<10 {
		t.Errorf("live heap %d bytes writing 10 incidents, %d writing 1,000: grows with rows", peak[10], peak[1000])
	}
	t.Logf("peak live heap: %d bytes for 10 incidents, %d for 1,000", peak[10], peak[1000])
}

// BenchmarkWrite measures each format over a SQLite store of 1,000
// incidents: time and allocations per incident written.
func BenchmarkWrite(b *testing.B) {
	s := openStore(b, filepath.Join(b.TempDir(), "sitrep.db"))
	const n = 1000
	putIncidents(b, s, n)
	for _, format := range Formats {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(context.Background(), io.Discard, format, s, store.IncidentFilter{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/incident")
		})
	}
}
