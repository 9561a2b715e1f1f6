package article_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"sitrep/internal/article"
	"sitrep/internal/eval"
)

// benchPages loads the Scrapinghub benchmark pages from ../shared/eval, the
// set the speed targets are stated on.
func benchPages(b *testing.B) [][]byte {
	b.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "eval", "article-extraction")
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("benchmark pages not found at %s (they live in ../shared/eval beside the repo)", dir)
	}
	set, err := eval.LoadReadSet(dir)
	if err != nil {
		b.Fatal(err)
	}
	pages, err := set.ReadPages()
	if err != nil {
		b.Fatal(err)
	}
	return pages
}

// BenchmarkRead compares sitrep's reader with go-trafilatura alone on the
// same pages in one run, so that the ratio is measured on one machine under
// one load. One op is one pass over all pages; pages/s is reported.
func BenchmarkRead(b *testing.B) {
	pages := benchPages(b)
	var total int
	for _, p := range pages {
		total += len(p)
	}
	run := func(b *testing.B, read func([]byte)) {
		b.SetBytes(int64(total))
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range pages {
				read(p)
			}
		}
		b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages))/1000, "ms/page")
	}
	b.Run("sitrep", func(b *testing.B) {
		run(b, func(p []byte) { article.Read("bench", p, article.Options{}) })
	})
	b.Run("go-trafilatura", func(b *testing.B) {
		opts := trafilatura.Options{ExcludeComments: true}
		run(b, func(p []byte) { trafilatura.Extract(bytes.NewReader(p), opts) })
	})
}
