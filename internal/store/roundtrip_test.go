package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"sitrep/internal/article"
	"sitrep/internal/extract"
)

// statementLog records the statements sent to PostgreSQL (see pgTracer).
type statementLog struct {
	mu   sync.Mutex
	sent []string
}

func (l *statementLog) TraceQueryStart(ctx context.Context, _ *pgx.Conn, d pgx.TraceQueryStartData) context.Context {
	l.mu.Lock()
	l.sent = append(l.sent, d.SQL)
	l.mu.Unlock()
	return ctx
}

func (l *statementLog) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

// take returns the statements sent since the last take.
func (l *statementLog) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.sent
	l.sent = nil
	return s
}

func countContaining(stmts []string, sub string) int {
	n := 0
	for _, s := range stmts {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

// On PostgreSQL every statement is a round trip: a batch whose articles
// all go in opens no savepoint, reads the document frequencies it needs
// once and writes them once; a batch with an article that fails is put
// again with savepoints, and stores the others as one article at a time
// would.
func TestPutArticlesRoundTrips(t *testing.T) {
	log := &statementLog{}
	pgTracer = log
	defer func() { pgTracer = nil }()
	s := open(t, postgresDSN(t))
	ctx := context.Background()
	mk := func(i int) Item {
		a := Article{Article: article.Article{
			URL:       fmt.Sprintf("https://rt.example/%d", i),
			Title:     fmt.Sprintf("Convoy attacked near town %d", i),
			Published: date("2024-03-02T08:00:00Z"),
			Text:      fmt.Sprintf("Gunmen attacked a supply convoy outside district %d on Friday; officials named Amadou Kessler among the dead.", i),
		}}
		return Item{Article: a, Events: sampleEvents()}
	}
	log.take()
	var items []Item
	for i := range 10 {
		items = append(items, mk(i))
	}
	res, err := s.PutArticles(ctx, items)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range res {
		if r.Err != nil || r.Status != Inserted {
			t.Fatalf("item %d: %+v", i, r)
		}
	}
	sent := log.take()
	if n := countContaining(sent, "SAVEPOINT"); n != 0 {
		t.Errorf("%d statements with a savepoint, want 0", n)
	}
	if n := countContaining(sent, "FROM token_df"); n > 1 {
		t.Errorf("token_df read %d times, want at most once", n)
	}
	if n := countContaining(sent, "INSERT INTO token_df"); n != 1 {
		t.Errorf("token_df written %d times, want once", n)
	}
	t.Logf("%d statements for %d articles", len(sent), len(items))

	bad := mk(20)
	bad.Events = sampleEvents()
	bad.Events[0].Killed = &extract.Count{Min: 5, Max: ptr(2)} // violates a CHECK
	res, err = s.PutArticles(ctx, []Item{mk(21), bad, mk(22)})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].Status != Inserted || res[1].Err == nil || res[2].Status != Inserted {
		t.Errorf("batch with a failing article: %+v", res)
	}
	if n := countContaining(log.take(), "SAVEPOINT"); n == 0 {
		t.Error("a batch with a failing article was not put again with savepoints")
	}
	want := map[string]int{"articles": 12, "article_versions": 0, "events": 24, "evidence": 24, "search:convoy": 12}
	if c := counts(t, s, "convoy"); fmt.Sprint(c) != fmt.Sprint(want) {
		t.Errorf("counts = %v, want %v", c, want)
	}
}
