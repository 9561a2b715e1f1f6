package extract

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"sitrep/internal/article"
)

// BenchmarkPlacer is the per-article cost of the story's place and the
// placer's context (newPlacer) over the gva dev half's articles, read in
// place from ../shared/eval/gva (skipped when absent). One op is one
// article.
func BenchmarkPlacer(b *testing.B) {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "eval", "gva", "articles.jsonl.gz"))
	if err != nil {
		b.Skipf("gva set not found: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	var arts []article.Article
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && len(arts) < 500 {
		var a struct {
			Title, Text string
			URL         string `json:"original_url"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, article.Article{Title: a.Title, Text: a.Text, URL: a.URL})
	}
	newPlacer(arts[0], nil) // load the gazetteer outside the timed loop
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		newPlacer(arts[i%len(arts)], nil)
		i++
	}
}
