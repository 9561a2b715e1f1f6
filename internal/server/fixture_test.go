package server

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// The server's tests run against the real store: a SQLite file in a
// temporary directory (and, in TestPostgres, a PostgreSQL schema of its
// own), filled by putting the fictional articles of testdata/articles
// through extract and store.PutArticles, as `sitrep ingest` does.

const (
	testWriteToken = "write-secret-0123456789"
	testReadToken  = "read-secret-9876543210"
	// payloadActor is a perpetrator name that would run script if a page
	// failed to escape it.
	payloadActor = `<img src=x onerror="window.__pwned=6">Brigade"</a><script>window.__pwned=7</script>`
)

// readFixture reads one testdata article: header lines, a blank line, text.
func readFixture(t testing.TB, path string) store.Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, text, ok := strings.Cut(string(b), "\n\n")
	if !ok {
		t.Fatalf("%s: no blank line after the headers", path)
	}
	a := store.Article{Article: article.Article{Source: filepath.Base(path), Text: strings.TrimSpace(text), Language: "en"}}
	for _, line := range strings.Split(head, "\n") {
		k, v, _ := strings.Cut(line, ": ")
		switch k {
		case "Title":
			a.Title = v
		case "Outlet":
			a.Source = v
		case "URL":
			a.URL = v
		case "Published":
			p, err := time.Parse(time.RFC3339, v)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			a.Published = p
		default:
			t.Fatalf("%s: unknown header %q", path, k)
		}
	}
	return a
}

// fill puts every fixture article with the events extract codes from it.
// The payload article also gets a perpetrator whose name is a script
// payload, which no extraction would produce but a crafted page might.
func fill(t testing.TB, s Store) {
	t.Helper()
	paths, err := filepath.Glob("testdata/articles/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	var items []store.Item
	for _, p := range paths {
		a := readFixture(t, p)
		evs := extract.Extract(a.Article, extract.Options{}).Events
		if len(evs) == 0 {
			t.Fatalf("%s: extract found no event; the fixture no longer tests anything", p)
		}
		if strings.HasPrefix(filepath.Base(p), "payload") {
			evs[0].Perpetrators = append(evs[0].Perpetrators, extract.Participant{Name: payloadActor, Kind: "organization"})
		}
		items = append(items, store.Item{Article: a, Events: evs})
	}
	res, err := s.PutArticles(context.Background(), items)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Err != nil {
			t.Fatalf("%s: %v", paths[i], r.Err)
		}
	}
}

// openStore opens a store at dsn as the server's Store.
func openStore(t testing.TB, dsn string) Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
)

// fixtureStore returns a new SQLite store holding the fixtures. The
// filled file is made once per test binary and copied, because coding
// the articles is the slow part.
func fixtureStore(t testing.TB) Store {
	t.Helper()
	return openStore(t, fixtureStoreDSN(t))
}

// fixtureStoreDSN is fixtureStore's file, not opened.
func fixtureStoreDSN(t testing.TB) string {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "sitrep-server-fixture-")
		if fixtureErr != nil {
			return
		}
		s := openStore(t, filepath.Join(fixtureDir, "sitrep.db"))
		fill(t, s)
		fixtureErr = s.(io.Closer).Close() // the store's Close; our Store interface does not need it
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	dst := filepath.Join(t.TempDir(), "sitrep.db")
	b, err := os.ReadFile(filepath.Join(fixtureDir, "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dst
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// newTestServer serves the store with the test tokens.
func newTestServer(t testing.TB, s Store, mod ...func(*Config)) *httptest.Server {
	t.Helper()
	cfg := Config{Store: s, WriteToken: testWriteToken, Logger: discardLogger()}
	for _, m := range mod {
		m(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// get fetches path and decodes a JSON answer into v (when v is not nil),
// returning the status.
func get(t testing.TB, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := ts.Client().Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(path, "/api/") && !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q, want JSON; body %s", path, ct, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
	}
	return resp.StatusCode
}

// allEvents follows the cursor from path to the end, checking that no
// incident comes twice.
func allEvents(t testing.TB, ts *httptest.Server, path string) []store.Incident {
	t.Helper()
	var out []store.Incident
	seen := map[int64]bool{}
	for i := 0; ; i++ {
		if i > 1000 {
			t.Fatalf("%s: more than 1000 pages", path)
		}
		var p struct {
			Events []store.Incident `json:"events"`
			Next   *string          `json:"next"`
		}
		if code := get(t, ts, path, &p); code != http.StatusOK {
			t.Fatalf("GET %s: %d", path, code)
		}
		for _, e := range p.Events {
			if seen[e.ID] {
				t.Fatalf("%s: incident %d on two pages", path, e.ID)
			}
			seen[e.ID] = true
		}
		out = append(out, p.Events...)
		if p.Next == nil {
			return out
		}
		u, _ := url.Parse(path)
		q := u.Query()
		q.Set("cursor", *p.Next)
		u.RawQuery = q.Encode()
		path = u.String()
	}
}

const defaultTestPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// postgresDSN makes a schema of its own in the test PostgreSQL and returns
// a DSN using it; it skips when PostgreSQL is unreachable, and fails then
// under CI=true.
func postgresDSN(t testing.TB) string {
	base := os.Getenv("SITREP_TEST_POSTGRES")
	if base == "" {
		base = defaultTestPostgres
	}
	admin, err := sql.Open("pgx", base)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		msg := fmt.Sprintf("PostgreSQL unreachable (%v); set SITREP_TEST_POSTGRES or start it", err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	var rnd [6]byte
	rand.Read(rnd[:])
	schema := "sitrep_server_test_" + hex.EncodeToString(rnd[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
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
