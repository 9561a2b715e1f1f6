package store

import (
	"context"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// gvaDir is the gva evaluation set beside the repository.
const gvaDir = "../../../shared/eval/gva"

// BenchmarkIngestGVA is the whole ingest pipeline — read, extract, put
// with merging, 100 articles to a transaction as 'sitrep ingest' does —
// over the gva articles in order of publication, into each backend; b.N
// counts articles (past the set's end it starts again under new URLs, so
// every put is an insert). Run with -benchtime 3000x.
func BenchmarkIngestGVA(b *testing.B) {
	if _, err := os.Stat(gvaDir); err != nil {
		b.Skipf("the gva set is not at %s: %v", gvaDir, err)
	}
	set, err := eval.LoadGVA(gvaDir)
	if err != nil {
		b.Fatal(err)
	}
	arts := set.Articles
	sort.SliceStable(arts, func(i, j int) bool { return arts[i].Published < arts[j].Published })
	for _, be := range backends {
		b.Run(be.name, func(b *testing.B) {
			s := open(b, be.dsn(b))
			ctx := context.Background()
			items := make([]Item, 0, 100)
			flush := func() {
				if _, err := s.PutArticles(ctx, items); err != nil {
					b.Fatal(err)
				}
				items = items[:0]
			}
			b.ResetTimer()
			for i := range b.N {
				g := arts[i%len(arts)]
				a, err := article.Read(g.ID, []byte(g.Title+"\n\n"+g.Text), article.Options{Format: "text"})
				if err != nil && a.Text == "" {
					continue
				}
				a.Title = g.Title
				a.Published, _ = time.Parse(time.DateOnly, g.Published)
				a.URL = fmt.Sprintf("%s#%d", g.URL, i/len(arts))
				evs := extract.Extract(a, extract.Options{Published: a.Published}).Events
				if items = append(items, Item{Article: Article{Article: a}, Events: evs}); len(items) == cap(items) {
					flush()
				}
			}
			flush()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
