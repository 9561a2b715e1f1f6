package article

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// BenchmarkReadMeta measures the metadata walk alone on the benchmark
// pages in ../shared/eval (skipped when they are not there): it must stay
// a small part of Read's ~2.5 ms/page budget.
func BenchmarkReadMeta(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "eval", "article-extraction", "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skip("benchmark pages not found in ../shared/eval")
	}
	var docs []*html.Node
	var paras [][]string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			b.Fatal(err)
		}
		data, _ := io.ReadAll(zr)
		fh.Close()
		doc, err := html.Parse(strings.NewReader(string(data)))
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
		// The body as the extractor gives it, from a second copy of the
		// tree because extraction may prune it.
		doc2, _ := html.Parse(strings.NewReader(string(data)))
		paras = append(paras, extractBody(doc2))
	}
	b.Run("readMeta", func(b *testing.B) {
		for b.Loop() {
			for _, d := range docs {
				readMeta(d)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs))/1000, "ms/page")
	})
	b.Run("finishArticle", func(b *testing.B) {
		for b.Loop() {
			for i, d := range docs {
				a := readMeta(d)
				finishArticle(&a, paras[i])
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(docs))/1000, "ms/page")
	})
}
