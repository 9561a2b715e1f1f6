package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"
	"time"
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
