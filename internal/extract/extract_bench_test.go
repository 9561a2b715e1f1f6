package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// BenchmarkPipeline measures the whole 'sitrep extract' pipeline (read the
// page, then find and code its events) beside go-trafilatura alone on the
// same Scrapinghub benchmark pages, in one run. The target is that the
// whole pipeline is no slower than go-trafilatura's extraction alone.
func BenchmarkPipeline(b *testing.B) {
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
	// Load the gazetteer and codebook outside the timed loop: they load
	// once per process, not once per page.
	extract.Extract(article.Article{Text: "Gunmen killed two people in Kabul on Monday."}, extract.Options{})

	run := func(b *testing.B, do func([]byte)) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range pages {
				do(p)
			}
		}
		b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages))/1000, "ms/page")
	}
	b.Run("sitrep-extract", func(b *testing.B) {
		run(b, func(p []byte) {
			a, err := article.Read("bench", p, article.Options{})
			if err == nil || a.Text != "" {
				extract.Extract(a, extract.Options{})
			}
		})
	})
	b.Run("go-trafilatura", func(b *testing.B) {
		opts := trafilatura.Options{ExcludeComments: true}
		run(b, func(p []byte) { trafilatura.Extract(bytes.NewReader(p), opts) })
	})
}
