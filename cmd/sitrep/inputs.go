package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/ingest"
)

// record is one line of a JSON Lines input (`sitrep times --jsonl`): an
// article already extracted elsewhere, so it is used as is rather than read
// again through article.Read.
type record struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Text      string `json:"text"`
	Published string `json:"published"`
	URL       string `json:"url"`
}

// publishedTime parses a record's date: RFC 3339, or a bare date or
// date-time as feeds often write them. Zero when absent or unreadable.
func (r record) publishedTime() time.Time {
	s := strings.TrimSpace(r.Published)
	for _, f := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(f, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// records yields the records of a JSON Lines file ("-" for stdin), with
// the line number; a bad line yields its error and reading goes on, so one
// broken record does not lose the rest of a large batch.
func records(path string, stdin io.Reader) iter.Seq2[record, error] {
	return func(yield func(record, error) bool) {
		var r io.Reader = stdin
		if path != "-" {
			f, err := os.Open(path)
			if err != nil {
				yield(record{}, err)
				return
			}
			defer f.Close()
			r = f
		}
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 64<<20)
		for n := 1; sc.Scan(); n++ {
			line := sc.Bytes()
			if len(strings.TrimSpace(string(line))) == 0 {
				continue
			}
			var rec record
			if err := json.Unmarshal(line, &rec); err != nil {
				if !yield(record{}, fmt.Errorf("%s:%d: %v", path, n, err)) {
					return
				}
				continue
			}
			if !yield(rec, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			yield(record{}, fmt.Errorf("%s: %v", path, err))
		}
	}
}

// article turns a record into the Article it stands for; source names the
// JSON Lines file it came from.
func (r record) article(source string) article.Article {
	return article.Article{Source: source, Title: r.Title, Text: r.Text, Published: r.publishedTime(), URL: r.URL}
}

// eachArticle calls fn for every record of the JSON Lines file jsonl (if
// given; id is the record's id) and every page named by inputs (id nil).
// An input that cannot be read gets one line on stderr naming it; a page
// read with a warning is reported and still passed on. It returns 1 if
// any input failed, else 0.
func (e env) eachArticle(inputs []string, jsonl string, maxBytes int64, format string, fn func(id *string, source string, a article.Article)) int {
	status := 0
	if jsonl != "" {
		for rec, err := range records(jsonl, e.stdin) {
			if err != nil {
				fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
				status = 1
				continue
			}
			id := rec.ID
			fn(&id, jsonl, rec.article(jsonl))
		}
	}
	for in := range ingest.Files(inputs, e.stdin, maxBytes) {
		a, err := readInput(in, format)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", in.Source, err)
			status = 1
			var w *article.Warning
			if !errors.As(err, &w) {
				continue
			}
		}
		fn(nil, in.Source, a)
	}
	return status
}

// readInput reads one input as an article.
func readInput(in ingest.Input, format string) (article.Article, error) {
	if in.Err != nil {
		return article.Article{}, in.Err
	}
	return article.Read(in.Source, in.Data, article.Options{Format: format})
}

// parsePublished reads a --published flag: RFC 3339, or a bare date, which
// is what a reader usually knows. Empty gives the zero time.
func parsePublished(cmd, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t := (record{Published: s}).publishedTime(); !t.IsZero() {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("sitrep %s: --published: want RFC 3339 (2024-03-27T10:00:00Z) or a date (2024-03-27), got %q", cmd, s)
}
