package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
)

// The contract tests run every test against each backend, over real
// connections: SQLite in a temporary directory, and PostgreSQL in a schema
// of its own (so parallel runs cannot collide) at $SITREP_TEST_POSTGRES.
// Without a reachable PostgreSQL its half skips — except under CI=true,
// where a missing database is a failure, not a pass.

const defaultTestPostgres = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

type backend struct {
	name string
	// dsn returns the DSN of a new, empty store for t.
	dsn func(t testing.TB) string
}

var backends = []backend{
	{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "sitrep.db") }},
	{"postgres", postgresDSN},
}

func forEachBackend(t *testing.T, test func(t *testing.T, dsn string)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { test(t, b.dsn(t)) })
	}
}

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
		shown := base
		if u, err := url.Parse(base); err == nil {
			shown = u.Redacted()
		}
		msg := fmt.Sprintf("PostgreSQL at %s is unreachable (%v); set SITREP_TEST_POSTGRES or start it with "+
			"pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", shown, pgErr)
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
	schema := "sitrep_test_" + hex.EncodeToString(rnd[:])
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

func open(t testing.TB, dsn string) *sqlStore {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s.(*sqlStore)
}

// counts is the number of rows in every table PutArticle writes, plus what
// the full-text index finds for one word: "the store is exactly as it was".
func counts(t testing.TB, s *sqlStore, word string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"articles", "article_versions", "events", "evidence"} {
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	hits, err := s.SearchArticles(context.Background(), word, 100)
	if err != nil {
		t.Fatal(err)
	}
	out["search:"+word] = len(hits)
	return out
}

func ptr[T any](v T) *T { return &v }

func date(t string) time.Time {
	d, err := time.Parse(time.RFC3339, t)
	if err != nil {
		panic(err)
	}
	return d
}

func sampleArticle() Article {
	return Article{
		ExternalID: "feed:1",
		Article: article.Article{
			Source:    "https://news.example/2024/03/ambush.html",
			Title:     "Ambush on convoy near Gao",
			Subtitle:  "Army says 12 soldiers killed",
			Byline:    "A. Reporter",
			Dateline:  "BAMAKO",
			Published: date("2024-03-02T08:00:00Z"),
			Language:  "en",
			Tags:      []string{"Mali", "Sahel"},
			URL:       "https://news.example/2024/03/ambush.html",
			Text:      "Gunmen ambushed an army convoy near Gao on Friday, killing at least 12 soldiers.\n\nFive more were wounded, the army said.",
		},
	}
}

// twoTownEvents is sampleEvents with the second event placed in another
// town: two incidents of one article (an event placed nowhere would be
// the first told again; see sameTelling).
func twoTownEvents() []extract.Event {
	evs := sampleEvents()
	evs[1].Location = &extract.Location{Name: "Kidal", Country: "ML", Admin1: "Kidal", Precision: "city"}
	return evs
}

func sampleEvents() []extract.Event {
	return []extract.Event{{
		Type:         extract.Battles,
		Subtype:      "armed_clash",
		AttackType:   ptr("armed_assault"),
		Date:         &extract.Date{Start: "2024-03-01", End: "2024-03-01", Precision: "day", Text: "on Friday"},
		Location:     &extract.Location{Name: "Gao", Country: "ML", Admin1: "Gao", Lat: ptr(16.27), Lon: ptr(-0.04), Precision: "city"},
		Perpetrators: []extract.Participant{{Name: "Gunmen", Kind: "unknown"}},
		Targets:      []extract.Participant{{Name: "army convoy", Actor: ptr("Military Forces of Mali"), Kind: "state"}},
		Weapons:      []string{"firearms"},
		Killed:       &extract.Count{Min: 12},
		Wounded:      &extract.Count{Min: 5, Max: ptr(5)},
		Certainty:    extract.Reported,
		Claims:       []extract.Claim{{By: "JNIM", Kind: "claims_responsibility"}},
		Evidence: []extract.Evidence{
			{Start: 0, End: 81, Text: "Gunmen ambushed an army convoy near Gao on Friday, killing at least 12 soldiers."},
			{Start: 83, End: 122, Text: "Five more were wounded, the army said."},
		},
	}, {
		Type:      extract.StrategicDevelopments,
		Subtype:   "other",
		Certainty: extract.Claimed,
	}}
}

// jsonEqual compares through the wire form, where a nil and an empty list
// are the same absence.
func jsonEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func eventsOf(stored []StoredEvent) []extract.Event {
	var out []extract.Event
	for _, e := range stored {
		out = append(out, e.Event)
	}
	return out
}

func put(t *testing.T, s Store, a Article, events []extract.Event, want Status) PutResult {
	t.Helper()
	res, err := s.PutArticle(context.Background(), a, events)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != want {
		t.Fatalf("PutArticle(%q) = %s, want %s", a.URL, res.Status, want)
	}
	return res
}

func TestPutArticleIdempotent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		a, evs := sampleArticle(), sampleEvents()
		first := put(t, s, a, evs, Inserted)
		before := counts(t, s, "ambushed")
		want := map[string]int{"articles": 1, "article_versions": 0, "events": 2, "evidence": 2, "search:ambushed": 1}
		if !reflect.DeepEqual(before, want) {
			t.Fatalf("after one put: %v, want %v", before, want)
		}

		// The same article again, then recognised by each identity alone.
		same := put(t, s, a, evs, Unchanged)
		byExt := a
		byExt.URL, byExt.Text = "", a.Text+" "
		byText := a
		byText.URL, byText.ExternalID = "https://mirror.example/copy", ""
		byText.Text = strings.ToUpper(strings.ReplaceAll(a.Text, "\n\n", "  "))
		byURL := a
		byURL.ExternalID = ""
		byURL.URL = "HTTPS://NEWS.EXAMPLE:443/2024/03/ambush.html#comments"
		for _, b := range []Article{byExt, byText, byURL} {
			r := put(t, s, b, nil, Unchanged)
			if r.ID != first.ID {
				t.Errorf("recognised as article %d, want %d", r.ID, first.ID)
			}
		}
		if same.ID != first.ID || same.Version != 1 {
			t.Errorf("re-put = %+v, want id %d version 1", same, first.ID)
		}
		if after := counts(t, s, "ambushed"); !reflect.DeepEqual(after, before) {
			t.Errorf("re-puts changed the store: %v, was %v", after, before)
		}

		// What was stored reads back as it was put.
		got, err := s.Article(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Article, a) {
			t.Errorf("article read back:\n got %+v\nwant %+v", got.Article, a)
		}
		if got.ContentHash != ContentHash(a.Text) || got.Version != 1 || got.IngestedAt.IsZero() || got.Simhash == 0 {
			t.Errorf("stored fields: hash %q version %d ingested %v simhash %d", got.ContentHash, got.Version, got.IngestedAt, got.Simhash)
		}
		byU, err := s.ArticleByURL(ctx, "https://NEWS.example/2024/03/ambush.html#top")
		if err != nil || byU.ID != first.ID {
			t.Errorf("ArticleByURL = %d, %v; want %d", byU.ID, err, first.ID)
		}
		if _, err := s.Article(ctx, first.ID+1000); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing article: err = %v, want ErrNotFound", err)
		}
		stored, err := s.ArticleEvents(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		jsonEqual(t, "events read back", eventsOf(stored), evs)
		for i, e := range stored {
			if e.ArticleID != first.ID || e.Seq != i {
				t.Errorf("event %d: article %d seq %d", i, e.ArticleID, e.Seq)
			}
		}
	})
}

func TestPutArticleUpdateKeepsHistory(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		v1 := sampleArticle()
		v1.Updated = date("2024-03-02T09:00:00Z")
		first := put(t, s, v1, sampleEvents(), Inserted)

		v2 := v1
		v2.Updated = date("2024-03-02T15:00:00Z")
		v2.Title = "Ambush on convoy near Gao kills 20"
		v2.Text = "Gunmen ambushed an army convoy near Gao on Friday, killing 20 soldiers, the army said on Saturday."
		ev2 := []extract.Event{{Type: extract.Battles, Subtype: "armed_clash", Killed: &extract.Count{Min: 20, Max: ptr(20)},
			Certainty: extract.Reported, Evidence: []extract.Evidence{{Start: 0, End: 98, Text: v2.Text}}}}
		r := put(t, s, v2, ev2, Updated)
		if r.ID != first.ID || r.Version != 2 {
			t.Fatalf("update = %+v, want id %d version 2", r, first.ID)
		}
		got, err := s.Article(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != v2.Title || got.Text != v2.Text || !got.Updated.Equal(v2.Updated) || got.Version != 2 {
			t.Errorf("current version: %+v", got)
		}
		stored, err := s.ArticleEvents(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		jsonEqual(t, "events after update", eventsOf(stored), ev2)
		hist, err := s.ArticleVersions(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 1 || hist[0].Version != 1 || hist[0].Text != v1.Text || hist[0].Title != v1.Title {
			t.Fatalf("history = %+v, want version 1 with the first text", hist)
		}
		if hits, _ := s.SearchArticles(ctx, "saturday", 10); len(hits) != 1 {
			t.Errorf("search finds the new text %d times, want 1", len(hits))
		}
		if hits, _ := s.SearchArticles(ctx, "wounded", 10); len(hits) != 0 {
			t.Errorf("search still finds the replaced text: %+v", hits)
		}

		// A late copy of the old version does not undo the correction; the
		// same text with a newer update time is a new version.
		put(t, s, v1, sampleEvents(), Unchanged)
		// Nanoseconds the store cannot keep do not make a copy newer.
		v2ns := v2
		v2ns.Updated = v2.Updated.Add(300 * time.Nanosecond).In(time.FixedZone("CET", 3600))
		put(t, s, v2ns, ev2, Unchanged)
		v3 := v2
		v3.Updated = date("2024-03-03T10:00:00Z")
		if r := put(t, s, v3, ev2, Updated); r.Version != 3 {
			t.Errorf("version = %d, want 3", r.Version)
		}
		// Changed text without any update time is a new version too.
		v4 := v3
		v4.Updated = time.Time{}
		v4.Text += " A curfew was declared."
		if r := put(t, s, v4, nil, Updated); r.Version != 4 {
			t.Errorf("version = %d, want 4", r.Version)
		}
		want := map[string]int{"articles": 1, "article_versions": 3, "events": 0, "evidence": 0, "search:curfew": 1}
		if c := counts(t, s, "curfew"); !reflect.DeepEqual(c, want) {
			t.Errorf("counts = %v, want %v", c, want)
		}
	})
}

func TestPutArticleRollsBack(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		// One article stored, so the failures hit both the insert and the
		// update path.
		base := put(t, s, sampleArticle(), sampleEvents(), Inserted)
		fresh := sampleArticle()
		fresh.URL, fresh.ExternalID = "https://other.example/raid", "feed:2"
		fresh.Text = "Troops raided a village at dawn, arresting nine people."
		update := sampleArticle()
		update.Text = "Gunmen ambushed an army convoy; the toll rose to 30 with a raid."
		bad := sampleEvents()
		bad[1].Killed = &extract.Count{Min: 5, Max: ptr(2)} // violates CHECK (killed_max >= killed_min)

		for _, a := range []Article{fresh, update} {
			for _, tc := range []struct {
				name   string
				events []extract.Event
				fail   func(cancel context.CancelFunc) func(string) error
				want   error
			}{
				{"check constraint", bad, nil, nil},
				{"cancelled mid-transaction", sampleEvents(), func(cancel context.CancelFunc) func(string) error {
					return func(step string) error {
						if step == "article" {
							cancel() // the next statement runs on a dead context
						}
						return nil
					}
				}, context.Canceled},
				{"disk full after an event", sampleEvents(), func(context.CancelFunc) func(string) error {
					return func(step string) error {
						if step == "event" {
							return errDiskFull
						}
						return nil
					}
				}, errDiskFull},
			} {
				before := counts(t, s, "raid")
				ctx, cancel := context.WithCancel(ctx)
				s.failpoint = nil
				if tc.fail != nil {
					s.failpoint = tc.fail(cancel)
				}
				_, err := s.PutArticle(ctx, a, tc.events)
				s.failpoint = nil
				cancel()
				if err == nil || (tc.want != nil && !errors.Is(err, tc.want)) {
					t.Errorf("%s %s: err = %v, want %v", a.URL, tc.name, err, tc.want)
				}
				if after := counts(t, s, "raid"); !reflect.DeepEqual(after, before) {
					t.Errorf("%s %s: store changed: %v, was %v", a.URL, tc.name, after, before)
				}
			}
		}
		got, err := s.Article(ctx, base.ID)
		if err != nil || got.Version != 1 || got.Text != sampleArticle().Text {
			t.Errorf("article after failed updates: version %d text %q err %v", got.Version, got.Text, err)
		}
		// The store still works after the failures.
		put(t, s, fresh, sampleEvents(), Inserted)
	})
}

var errDiskFull = errors.New("disk full")

func TestPutArticleRefusesInvalidText(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		s := open(t, dsn)
		nul := sampleArticle()
		nul.Text = "Gunmen\x00 attacked"
		latin1 := sampleArticle()
		latin1.Title = "Caf\xe9 attacked"
		evNul := sampleEvents()
		evNul[0].Perpetrators[0].Name = "a\x00b"
		evBad := sampleEvents()
		evBad[0].Evidence[0].Text = "\xff"
		for i, tc := range []struct {
			a   Article
			evs []extract.Event
		}{{nul, nil}, {latin1, nil}, {sampleArticle(), evNul}, {sampleArticle(), evBad}} {
			if _, err := s.PutArticle(context.Background(), tc.a, tc.evs); !errors.Is(err, ErrInvalidText) {
				t.Errorf("case %d: err = %v, want ErrInvalidText", i, err)
			}
		}
		if c := counts(t, s, "gunmen"); c["articles"] != 0 {
			t.Errorf("counts %v", c)
		}
	})
}

func TestPutArticlesBatch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		mk := func(i int) Article {
			return Article{Article: article.Article{URL: fmt.Sprintf("https://b.example/%d", i), Text: fmt.Sprintf("Clashes in district %d left a patrol stranded.", i)}}
		}
		bad := sampleEvents()
		bad[0].Evidence[1].Start = -1 // violates CHECK (start_offset >= 0)
		items := []Item{{mk(1), sampleEvents()}, {mk(2), bad}, {mk(3), nil}, {mk(1), sampleEvents()}}
		res, err := s.PutArticles(ctx, items)
		if err != nil {
			t.Fatal(err)
		}
		want := []Status{Inserted, "", Inserted, Unchanged}
		for i, r := range res {
			if r.Status != want[i] || (r.Err != nil) != (want[i] == "") {
				t.Errorf("item %d: %+v, want %s", i, r, want[i])
			}
		}
		if res[3].ID != res[0].ID {
			t.Errorf("duplicate in batch got id %d, want %d", res[3].ID, res[0].ID)
		}
		wantCounts := map[string]int{"articles": 2, "article_versions": 0, "events": 2, "evidence": 2, "search:patrol": 2}
		if c := counts(t, s, "patrol"); !reflect.DeepEqual(c, wantCounts) {
			t.Errorf("counts = %v, want %v", c, wantCounts)
		}

		// A batch cancelled part-way writes nothing at all.
		cctx, cancel := context.WithCancel(ctx)
		n := 0
		s.failpoint = func(step string) error {
			if n++; step == "article" && n > 3 {
				cancel()
			}
			return nil
		}
		defer func() { s.failpoint = nil }()
		_, err = s.PutArticles(cctx, []Item{{mk(4), nil}, {mk(5), sampleEvents()}, {mk(6), nil}, {mk(7), nil}})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled batch: err = %v", err)
		}
		if c := counts(t, s, "patrol"); !reflect.DeepEqual(c, wantCounts) {
			t.Errorf("after a cancelled batch: %v, want %v", c, wantCounts)
		}
	})
}

func TestSearchArticles(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		texts := []struct{ title, text string }{
			{"Ambush near Gao", "Gunmen ambushed a convoy."},
			{"Protest in Dakar", "Students marched to the ministry; police used tear gas."},
			{"SQL in the news", "Hackers tried '; DROP TABLE articles; -- on the ministry's site."},
			{"Émeute à Zinder", "Des manifestants ont incendié la mairie."},
		}
		ids := map[string]int64{}
		for i, x := range texts {
			a := Article{Article: article.Article{Title: x.title, Text: x.text, URL: fmt.Sprintf("https://n.example/%d", i)}}
			ids[x.title] = put(t, s, a, nil, Inserted).ID
		}
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"convoy", []string{"Ambush near Gao"}},
			{"AMBUSH", []string{"Ambush near Gao"}},
			{"ministry", []string{"Protest in Dakar", "SQL in the news"}},
			{"tear gas", []string{"Protest in Dakar"}},
			{"gas tear", []string{"Protest in Dakar"}},
			{"tear convoy", nil},
			{"'; DROP TABLE articles; --", []string{"SQL in the news"}},
			{"mairie", []string{"Émeute à Zinder"}},
			{`"unbalanced`, nil},
			{`NEAR(convoy gunmen) OR title:* AND ^ -`, nil},
			{`convoy*`, []string{"Ambush near Gao"}},
			{"!!! ;;; --", nil},
			{"", nil},
		} {
			hits, err := s.SearchArticles(ctx, tc.q, 10)
			if err != nil {
				t.Errorf("search %q: %v", tc.q, err)
				continue
			}
			got := map[int64]bool{}
			for _, h := range hits {
				got[h.ID] = true
			}
			want := map[int64]bool{}
			for _, w := range tc.want {
				want[ids[w]] = true
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("search %q = %+v, want %v", tc.q, hits, tc.want)
			}
		}
		if n := counts(t, s, "x")["articles"]; n != len(texts) {
			t.Errorf("articles = %d after searching, want %d", n, len(texts))
		}
		// Titles weigh more than text.
		hits, _ := s.SearchArticles(ctx, "ministry", 10)
		if len(hits) == 2 && hits[0].Rank < hits[1].Rank {
			t.Errorf("hits not ordered by rank: %+v", hits)
		}
	})
}

func TestQueryEventsPagination(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		countries := []string{"ML", "NG", "BF"}
		types := []string{extract.Battles, extract.Protests, extract.ViolenceAgainstCivilians}
		type key struct {
			article int64
			seq     int
		}
		all := map[key]extract.Event{}
		for i := range 40 {
			var evs []extract.Event
			for j := range i%4 + 1 {
				day := 1 + (i*3+j)%28
				evs = append(evs, extract.Event{
					Type:      types[(i+j)%3],
					Certainty: []string{extract.Reported, extract.Claimed}[j%2],
					Date:      &extract.Date{Start: fmt.Sprintf("2024-05-%02d", day), End: fmt.Sprintf("2024-05-%02d", min(day+j, 28))},
					Location:  &extract.Location{Country: countries[(i+2*j)%3], Admin1: fmt.Sprintf("R%d", j%2)},
					Killed:    &extract.Count{Min: (i * j) % 9},
				})
			}
			a := Article{Article: article.Article{URL: fmt.Sprintf("https://e.example/%d", i), Text: fmt.Sprintf("story %d", i)}}
			id := put(t, s, a, evs, Inserted).ID
			for j, e := range evs {
				all[key{id, j}] = e
			}
		}
		for _, f := range []EventFilter{
			{},
			{Country: "ML"},
			{Country: "NG", Admin1: "R1"},
			{From: "2024-05-10", To: "2024-05-12"},
			{From: "2024-05-10", To: "2024-05-20", Country: "BF", Type: extract.Protests},
			{MinKilled: 4, Certainty: extract.Claimed},
			{To: "2024-05-03"},
			{Country: "XX"},
		} {
			want := map[key]bool{}
			for k, e := range all {
				if (f.From == "" || e.Date.End >= f.From) && (f.To == "" || e.Date.Start <= f.To) &&
					(f.Country == "" || e.Location.Country == f.Country) && (f.Admin1 == "" || e.Location.Admin1 == f.Admin1) &&
					(f.Type == "" || e.Type == f.Type) && (f.Certainty == "" || e.Certainty == f.Certainty) &&
					e.Killed.Min >= f.MinKilled {
					want[k] = true
				}
			}
			got := map[key]bool{}
			f.Limit = 7
			pages := 0
			for {
				page, err := s.QueryEvents(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				pages++
				if len(page.Events) > 7 {
					t.Fatalf("page of %d events, limit 7", len(page.Events))
				}
				for _, e := range page.Events {
					k := key{e.ArticleID, e.Seq}
					if got[k] {
						t.Errorf("filter %+v: event %v returned twice", f, k)
					}
					got[k] = true
					jsonEqual(t, "event", e.Event, all[k])
				}
				if page.Next == "" {
					break
				}
				f.Cursor = page.Next
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("filter %+v: got %d events, want %d", f, len(got), len(want))
			}
			if wantPages := max(1, (len(want)+6)/7); pages != wantPages && pages != wantPages+1 {
				t.Errorf("filter %+v: %d pages for %d events", f, pages, len(want))
			}
		}
		if _, err := s.QueryEvents(ctx, EventFilter{Cursor: "bogus"}); err == nil {
			t.Error("bad cursor accepted")
		}

		// Articles page the same way.
		seen := 0
		cursor := ""
		for {
			page, err := s.ListArticles(ctx, cursor, 6)
			if err != nil {
				t.Fatal(err)
			}
			seen += len(page.Articles)
			if cursor = page.Next; cursor == "" {
				break
			}
		}
		if seen != 40 {
			t.Errorf("listed %d articles, want 40", seen)
		}
	})
}

func TestConcurrentPutsOfOneArticle(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		// Separate stores stand for separate machines. The article has no URL
		// or external id, so only its text identifies it.
		a := Article{Article: article.Article{Title: "Wire", Text: "A bomb exploded at a market in Maiduguri."}}
		var wg sync.WaitGroup
		results := make([]Status, 6)
		errs := make([]error, 6)
		for i := range results {
			s := open(t, dsn)
			wg.Go(func() {
				r, err := s.PutArticle(context.Background(), a, sampleEvents())
				results[i], errs[i] = r.Status, err
			})
		}
		wg.Wait()
		inserted := 0
		for i, st := range results {
			if errs[i] != nil {
				t.Fatal(errs[i])
			}
			if st == Inserted {
				inserted++
			} else if st != Unchanged {
				t.Errorf("status %s", st)
			}
		}
		if c := counts(t, open(t, dsn), "maiduguri"); inserted != 1 || c["articles"] != 1 || c["events"] != 2 {
			t.Errorf("%d inserted; counts %v", inserted, c)
		}
	})
}

func TestQueueExactlyOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		const jobs = 200
		for i := range jobs {
			if _, err := s.Enqueue(ctx, "fetch", []byte(fmt.Sprint(i))); err != nil {
				t.Fatal(err)
			}
		}
		// Four workers, each with its own connection pool, as four machines.
		var mu sync.Mutex
		seen := map[int64]string{}
		payloads := map[string]bool{}
		var wg sync.WaitGroup
		for w := range 4 {
			ws := open(t, dsn)
			worker := fmt.Sprintf("machine-%d", w)
			wg.Go(func() {
				for {
					got, err := ws.Claim(ctx, worker, 5)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) == 0 {
						return
					}
					for _, j := range got {
						mu.Lock()
						if prev, dup := seen[j.ID]; dup {
							t.Errorf("job %d claimed by %s and %s", j.ID, prev, worker)
						}
						seen[j.ID] = worker
						payloads[string(j.Payload)] = true
						mu.Unlock()
						if j.Attempt != 1 || j.Worker != worker || j.Kind != "fetch" {
							t.Errorf("claimed %+v", j)
						}
						if err := ws.Complete(ctx, j); err != nil {
							t.Error(err)
						}
					}
				}
			})
		}
		wg.Wait()
		if len(seen) != jobs || len(payloads) != jobs {
			t.Errorf("%d jobs claimed (%d payloads), want %d", len(seen), len(payloads), jobs)
		}
		var done int
		if err := s.db.QueryRow(`SELECT count(*) FROM jobs WHERE status = 'done' AND attempts = 1`).Scan(&done); err != nil || done != jobs {
			t.Errorf("%d jobs done once (%v), want %d", done, err, jobs)
		}
		workers := map[string]int{}
		for _, w := range seen {
			workers[w]++
		}
		t.Logf("jobs per worker: %v", workers)
	})
}

func TestQueueRetryAndLease(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
		s.now = func() time.Time { return now }
		id, err := s.Enqueue(ctx, "extract", nil)
		if err != nil {
			t.Fatal(err)
		}
		claim := func(worker string, want int) []Job {
			t.Helper()
			jobs, err := s.Claim(ctx, worker, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(jobs) != want {
				t.Fatalf("%s claimed %d jobs, want %d", worker, len(jobs), want)
			}
			return jobs
		}
		j := claim("a", 1)[0]
		if j.ID != id || j.Attempt != 1 || !j.EnqueuedAt.Equal(now) {
			t.Fatalf("claimed %+v", j)
		}
		claim("b", 0) // running jobs are not handed out twice
		if err := s.Fail(ctx, j, errors.New("site down")); err != nil {
			t.Fatal(err)
		}
		if err := s.Complete(ctx, j); !errors.Is(err, ErrLostClaim) {
			t.Errorf("complete after fail: %v, want ErrLostClaim", err)
		}
		claim("b", 0) // not before its retry delay
		now = now.Add(31 * time.Second)
		j2 := claim("b", 1)[0]
		if j2.Attempt != 2 {
			t.Errorf("attempt %d, want 2", j2.Attempt)
		}
		// b dies; after the lease another worker gets the job, and b's
		// late completion is refused.
		now = now.Add(defaultLease + time.Second)
		j3 := claim("c", 1)[0]
		if j3.Attempt != 3 || j3.Worker != "c" {
			t.Errorf("reclaimed %+v", j3)
		}
		if err := s.Complete(ctx, j2); !errors.Is(err, ErrLostClaim) {
			t.Errorf("stale complete: %v, want ErrLostClaim", err)
		}
		// Failing on every attempt ends in 'failed', never claimed again.
		j = j3
		for j.Attempt < defaultMaxAttempts {
			if err := s.Fail(ctx, j, errors.New("parse error")); err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Hour)
			j = claim("c", 1)[0]
		}
		if err := s.Fail(ctx, j, errors.New("parse error")); err != nil {
			t.Fatal(err)
		}
		now = now.Add(24 * time.Hour)
		claim("c", 0)
		var status, lastErr string
		var attempts int
		if err := s.db.QueryRow(`SELECT status, attempts, last_error FROM jobs WHERE id = $1`, id).Scan(&status, &attempts, &lastErr); err != nil {
			t.Fatal(err)
		}
		if status != "failed" || attempts != defaultMaxAttempts || lastErr != "parse error" {
			t.Errorf("job ended %s after %d attempts (%s)", status, attempts, lastErr)
		}
	})
}

func TestMigrationsRerunAreNoOps(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		put(t, s, sampleArticle(), sampleEvents(), Inserted)
		ms, err := migrations(s.dialect)
		if err != nil {
			t.Fatal(err)
		}
		rows := func(st *sqlStore) (n int) {
			if err := st.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if n := rows(s); n != len(ms) {
			t.Fatalf("%d migrations recorded, want %d", n, len(ms))
		}
		if n, err := s.migrate(ctx); n != 0 || err != nil {
			t.Errorf("migrate again applied %d (%v), want 0", n, err)
		}
		// Past the up-to-date check, each migration's own guard holds.
		if n, err := s.applyMigrations(ctx, ms); n != 0 || err != nil {
			t.Errorf("applying migrations again applied %d (%v), want 0", n, err)
		}
		s2 := open(t, dsn)
		if n := rows(s2); n != len(ms) {
			t.Errorf("reopen recorded %d migrations, want %d", n, len(ms))
		}
		before := counts(t, s2, "ambushed")
		if before["articles"] != 1 || before["events"] != 2 {
			t.Errorf("data after reopen: %v", before)
		}
		s.Close()
		s2.Close()
		s3 := open(t, dsn)
		if after := counts(t, s3, "ambushed"); !reflect.DeepEqual(after, before) {
			t.Errorf("reopen changed data: %v, was %v", after, before)
		}
	})
}

// The incident tables have no Go API yet (the merger will bring it), but
// their contract is in the schema: an incident links events, and re-coding
// an article unlinks its old events while the incident stays.
func TestIncidentReportsFollowEvents(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		a := sampleArticle()
		evs := twoTownEvents()
		id := put(t, s, a, evs, Inserted).ID
		check := func(when string) {
			t.Helper()
			evs, err := s.ArticleEvents(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			var reports, incidents, linked int
			s.db.QueryRow(`SELECT count(*) FROM incident_reports`).Scan(&reports)
			s.db.QueryRow(`SELECT count(*) FROM incidents`).Scan(&incidents)
			s.db.QueryRow(`SELECT count(*) FROM incident_reports ir JOIN events e ON e.id = ir.event_id
				WHERE e.article_id = $1`, id).Scan(&linked)
			// Each event is one report of one incident; two events of one
			// article are two incidents.
			if reports != len(evs) || incidents != len(evs) || linked != len(evs) {
				t.Errorf("%s: %d reports (%d of the current events), %d incidents; want %d of each",
					when, reports, linked, incidents, len(evs))
			}
		}
		check("after the first put")
		// An event belongs to one incident only.
		if _, err := s.db.Exec(`INSERT INTO incident_reports (incident_id, event_id, article_id, linked_at)
			SELECT incident_id, event_id, article_id, linked_at FROM incident_reports`); err == nil {
			t.Error("an event was linked to an incident twice")
		}
		a.Text += " The toll rose to 20."
		put(t, s, a, evs, Updated)
		check("after re-coding")
	})
}

// Machines starting at once against a new database migrate it once.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		var wg sync.WaitGroup
		stores := make([]*sqlStore, 4)
		errs := make([]error, 4)
		for i := range stores {
			wg.Go(func() {
				s, err := Open(context.Background(), dsn)
				if err == nil {
					stores[i] = s.(*sqlStore)
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("open %d: %v", i, err)
			}
			defer stores[i].Close()
		}
		ms, _ := migrations(stores[0].dialect)
		var n int
		if err := stores[0].db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil || n != len(ms) {
			t.Errorf("%d migrations recorded (%v), want %d", n, err, len(ms))
		}
	})
}

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"HTTPS://Example.COM:443/a?b=1#frag": "https://example.com/a?b=1",
		"http://example.com":                 "http://example.com/",
		"http://example.com:8080/x":          "http://example.com:8080/x",
		"  /local/path.html ":                "/local/path.html",
		"":                                   "",
	} {
		if got := NormalizeURL(in); got != want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContentHash(t *testing.T) {
	a := ContentHash("“Gunmen,” he said.\n\nTen   died.")
	b := ContentHash("\"gunmen\" HE said; ten died")
	if a != b || a == "" {
		t.Errorf("hashes differ for the same words: %s %s", a, b)
	}
	if ContentHash("ten died") == ContentHash("ten dead") {
		t.Error("different words hash the same")
	}
	if ContentHash(" — ") != "" {
		t.Error("text without words has a hash")
	}
	x := simhash(words("gunmen attacked a convoy near the town of gao on friday killing twelve soldiers and wounding five others"))
	y := simhash(words("gunmen attacked a convoy near the town of gao on friday killing twelve soldiers and wounding six others"))
	z := simhash(words("students marched peacefully through dakar demanding the release of the detained opposition leader today"))
	if d, e := hamming(x, y), hamming(x, z); d >= e {
		t.Errorf("near-duplicates %d bits apart, unrelated texts %d", d, e)
	}
}

func hamming(a, b int64) int {
	n := 0
	for x := uint64(a ^ b); x != 0; x &= x - 1 {
		n++
	}
	return n
}

func BenchmarkPutArticle(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := open(b, be.dsn(b))
			ctx := context.Background()
			base := sampleArticle()
			para := strings.Repeat("The army said the attackers fled on motorbikes towards the border after the clash. ", 30)
			evs := append(sampleEvents(), sampleEvents()[0])
			b.ResetTimer()
			for i := range b.N {
				a := base
				a.URL = fmt.Sprintf("https://news.example/%d", i)
				a.ExternalID = fmt.Sprintf("feed:%d", i)
				a.Text = fmt.Sprintf("Story %d. %s", i, para)
				if _, err := s.PutArticle(ctx, a, evs); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkPutArticles puts articles 100 to a transaction, as bulk ingest
// will; b.N counts articles.
func BenchmarkPutArticles(b *testing.B) {
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := open(b, be.dsn(b))
			ctx := context.Background()
			base := sampleArticle()
			para := strings.Repeat("The army said the attackers fled on motorbikes towards the border after the clash. ", 30)
			evs := append(sampleEvents(), sampleEvents()[0])
			const batch = 100
			items := make([]Item, 0, batch)
			flush := func() {
				res, err := s.PutArticles(ctx, items)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range res {
					if r.Err != nil || r.Status != Inserted {
						b.Fatal(r)
					}
				}
				items = items[:0]
			}
			b.ResetTimer()
			for i := range b.N {
				a := base
				a.URL = fmt.Sprintf("https://news.example/%d", i)
				a.ExternalID = fmt.Sprintf("feed:%d", i)
				a.Text = fmt.Sprintf("Story %d. %s", i, para)
				if items = append(items, Item{a, evs}); len(items) == batch {
					flush()
				}
			}
			if len(items) > 0 {
				flush()
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// TestCandidateQueriesUseIndexes checks that the merger's query — a date
// window within a country or an admin1 region — is an index range scan on
// both backends, not a scan of every event. (PostgreSQL is told not to seq
// scan, since on a test-sized table a seq scan is rightly cheaper.)
func TestCandidateQueriesUseIndexes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s := open(t, dsn)
		var items []Item
		for i := range 200 {
			items = append(items, Item{
				Article: Article{Article: article.Article{URL: fmt.Sprint("https://i.example/", i), Text: fmt.Sprint("item ", i)}},
				Events: []extract.Event{{Type: extract.Battles,
					Date:     &extract.Date{Start: fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28), End: fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)},
					Location: &extract.Location{Country: []string{"ML", "NG", "SY", "UA"}[i%4], Admin1: fmt.Sprint("R", i%9)}}},
			})
		}
		if _, err := s.PutArticles(ctx, items); err != nil {
			t.Fatal(err)
		}
		conn, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		explain := "EXPLAIN QUERY PLAN "
		if s.dialect == postgresDialect {
			explain = "EXPLAIN "
			if _, err := conn.ExecContext(ctx, `ANALYZE events`); err != nil {
				t.Fatal(err)
			}
			if _, err := conn.ExecContext(ctx, `SET enable_seqscan = off`); err != nil {
				t.Fatal(err)
			}
			defer conn.ExecContext(ctx, `RESET enable_seqscan`)
		}
		for _, f := range []EventFilter{
			{From: "2024-03-01", To: "2024-03-10", Country: "ML", Admin1: "R5"},
			{From: "2024-03-01", To: "2024-03-10", Country: "NG"},
		} {
			where, args, err := eventWhere(f)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := conn.QueryContext(ctx, explain+`SELECT id, article_id, seq, data FROM events WHERE `+where+` ORDER BY id LIMIT 101`, args...)
			if err != nil {
				t.Fatal(err)
			}
			var plan strings.Builder
			cols, _ := rows.Columns()
			for rows.Next() {
				vals := make([]any, len(cols))
				ptrs := make([]any, len(cols))
				for i := range vals {
					ptrs[i] = &vals[i]
				}
				if err := rows.Scan(ptrs...); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(&plan, vals[len(vals)-1])
			}
			rows.Close()
			p := plan.String()
			if !strings.Contains(p, "events_place_date") && !strings.Contains(p, "events_country_date") {
				t.Errorf("filter %+v does not use a place-and-date index:\n%s", f, p)
			}
		}
	})
}

// TestReadSlots checks each backend's read admission default: SQLite's
// CPUs (2 to 8), PostgreSQL's 8.
func TestReadSlots(t *testing.T) {
	want := map[string]int{"sqlite": min(max(runtime.GOMAXPROCS(0), 2), 8), "postgres": 8}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			st, err := Open(context.Background(), b.dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			rs, ok := st.(ReadSlotter)
			if !ok {
				t.Fatalf("%T is no ReadSlotter", st)
			}
			if got := rs.ReadSlots(); got != want[b.name] {
				t.Errorf("ReadSlots() = %d, want %d", got, want[b.name])
			}
		})
	}
}
