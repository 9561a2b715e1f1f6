package eval

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sitrep/internal/article"
)

// Extractor turns one raw page into plain body text. It is a parameter so
// that the same scorer can be run on sitrep's reader and, in benchmarks,
// on other extractors.
type Extractor func(source string, page []byte) string

// ArticleText is sitrep's reader as an Extractor: the body that
// article.Read finds. A page the reader refuses scores as empty output, as
// the benchmarks count a failed extraction.
func ArticleText(source string, page []byte) string {
	a, err := article.Read(source, page, article.Options{})
	var w *article.Warning
	if err != nil && !errors.As(err, &w) {
		return ""
	}
	return a.Text
}

// Page is one evaluation page: its raw bytes and what to expect of it.
type Page struct {
	ID, URL string
	Path    string   // the page's HTML file
	Truth   string   // article-extraction: annotated body
	With    []string // trafilatura-eval: segments that must appear
	Without []string // trafilatura-eval: segments that must not
}

// Set is a loaded reading-evaluation set.
type Set struct {
	Name  string // "article-extraction" or "trafilatura-eval"
	Pages []Page
}

// LoadReadSet loads a reading set from its folder in ../shared/eval,
// recognising which of the two it is by its files.
func LoadReadSet(dir string) (*Set, error) {
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.jsonl")); err == nil {
		return loadArticleExtraction(dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "pages.jsonl.gz")); err == nil {
		return loadTrafilaturaEval(dir)
	}
	return nil, fmt.Errorf("%s: not a reading set (want ground-truth.jsonl or pages.jsonl.gz)", dir)
}

func loadArticleExtraction(dir string) (*Set, error) {
	set := &Set{Name: "article-extraction"}
	err := eachJSONLine(filepath.Join(dir, "ground-truth.jsonl"), func(dec func(any) error) error {
		var rec struct {
			ID          string `json:"id"`
			URL         string `json:"url"`
			ArticleBody string `json:"articleBody"`
		}
		if err := dec(&rec); err != nil {
			return err
		}
		set.Pages = append(set.Pages, Page{
			ID: rec.ID, URL: rec.URL, Truth: rec.ArticleBody,
			Path: filepath.Join(dir, "html", rec.ID+".html.gz"),
		})
		return nil
	})
	return set, err
}

func loadTrafilaturaEval(dir string) (*Set, error) {
	set := &Set{Name: "trafilatura-eval"}
	err := eachJSONLine(filepath.Join(dir, "pages.jsonl.gz"), func(dec func(any) error) error {
		var rec struct {
			ID      string   `json:"id"`
			URL     string   `json:"url"`
			File    string   `json:"file"`
			With    []string `json:"with"`
			Without []string `json:"without"`
		}
		if err := dec(&rec); err != nil {
			return err
		}
		set.Pages = append(set.Pages, Page{
			ID: rec.ID, URL: rec.URL, With: rec.With, Without: rec.Without,
			Path: filepath.Join(dir, rec.File),
		})
		return nil
	})
	return set, err
}

// eachJSONLine calls fn for each line of a JSON Lines file, gzipped or not.
func eachJSONLine(path string, fn func(dec func(any) error) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var r io.Reader = f
	if filepath.Ext(path) == ".gz" {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		b := sc.Bytes()
		if err := fn(func(v any) error { return json.Unmarshal(b, v) }); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadPage returns the decompressed bytes of a page.
func ReadPage(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer zr.Close()
	return io.ReadAll(zr)
}

// ReadPages returns the decompressed bytes of every page of the set, in
// order: the input of the speed benchmarks.
func (s *Set) ReadPages() ([][]byte, error) {
	pages := make([][]byte, 0, len(s.Pages))
	for _, p := range s.Pages {
		data, err := ReadPage(p.Path)
		if err != nil {
			return nil, err
		}
		pages = append(pages, data)
	}
	return pages, nil
}

// PageResult is how one page scored.
type PageResult struct {
	ID, URL string
	F1      float64 // article-extraction: per-page F1 from P and R
	Shingle ShingleItem
	Snippet SnippetCounts
	Missed  []string // trafilatura-eval: "with" segments not found
	Kept    []string // trafilatura-eval: "without" segments found
}

// ReadReport is the result of scoring an extractor on a set.
type ReadReport struct {
	Set    string
	Pages  []PageResult
	Scores PRF
	Std    PRF           // article-extraction: bootstrap standard deviation
	Counts SnippetCounts // trafilatura-eval: micro counts
}

// Run scores extract on every page of the set, using all cores. progress,
// if not nil, is called after each page.
func (s *Set) Run(extract Extractor, progress func(done, total int)) (*ReadReport, error) {
	results := make([]PageResult, len(s.Pages))
	errs := make([]error, len(s.Pages))
	var done func(int)
	if progress != nil {
		done = func(finished int) { progress(finished, len(s.Pages)) }
	}
	Each(len(s.Pages), func(i int) { results[i], errs[i] = s.scorePage(s.Pages[i], extract) }, done)
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	rep := &ReadReport{Set: s.Name, Pages: results}
	if s.Name == "article-extraction" {
		items := make([]ShingleItem, len(results))
		for i, r := range results {
			items[i] = r.Shingle
		}
		rep.Scores = AggregateShingles(items)
		rep.Std = Bootstrap(items, 1000)
	} else {
		for _, r := range results {
			rep.Counts.Add(r.Snippet)
		}
		rep.Scores = rep.Counts.Scores()
	}
	return rep, nil
}

func (s *Set) scorePage(p Page, extract Extractor) (PageResult, error) {
	data, err := ReadPage(p.Path)
	if err != nil {
		return PageResult{}, err
	}
	out := extract(p.URL, data)
	r := PageResult{ID: p.ID, URL: p.URL}
	if s.Name == "article-extraction" {
		r.Shingle = ScoreShingles(p.Truth, out)
		pr, rc := r.Shingle.precision(), r.Shingle.recall()
		if pr+rc > 0 {
			r.F1 = 2 * pr * rc / (pr + rc)
		}
		return r, nil
	}
	r.Snippet = ScoreSnippets(out, p.With, p.Without)
	norm := NormSpace(out)
	for _, w := range p.With {
		if !containsNorm(norm, w) {
			r.Missed = append(r.Missed, w)
		}
	}
	for _, w := range p.Without {
		if containsNorm(norm, w) {
			r.Kept = append(r.Kept, w)
		}
	}
	total := len(p.With) + len(p.Without)
	if total > 0 {
		r.F1 = 1 - float64(len(r.Missed)+len(r.Kept))/float64(total)
	}
	return r, nil
}

func containsNorm(normOut, seg string) bool {
	return len(seg) > 0 && strings.Contains(normOut, NormSpace(seg))
}

// Worst returns the n lowest-scoring pages, worst first.
func (r *ReadReport) Worst(n int) []PageResult {
	ps := append([]PageResult(nil), r.Pages...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].F1 < ps[j].F1 })
	return ps[:min(n, len(ps))]
}
