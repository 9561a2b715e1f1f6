package store

import (
	"context"
	"fmt"
	"os"
	"sort"
	"syscall"
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
			// The gazetteer and the extractor's tables load on the
			// first extraction: once a process, not per article.
			extract.Extract(article.Article{Title: arts[0].Title, Text: arts[0].Text}, extract.Options{})
			b.ResetTimer()
			cpu0 := cpuTime(b)
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
			reportCPU(b, cpu0)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// cpuTime is the CPU time (user and system, all threads) the process has
// used. On a machine shared with other work, wall time per article
// measures the load as much as the code; CPU time per article does not.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU milliseconds per b.N since cpu0, and the
// articles per second one core would put at that cost.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	per := (cpuTime(b) - cpu0).Seconds() / float64(b.N)
	b.ReportMetric(per*1000, "cpu-ms/article")
	b.ReportMetric(1/per, "articles/cpu-s")
}
