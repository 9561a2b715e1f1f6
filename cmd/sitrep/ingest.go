package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// cmdIngest reads pages or JSON Lines records, codes their events and puts
// both in the store. Re-running it over the same inputs changes nothing:
// the store recognises each article (see store.Articles.PutArticle).
//
// Reading and coding run on every core; writing is one goroutine that puts
// --batch articles per transaction, in input order, so ids follow the input.
func (e env) cmdIngest(args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store: a SQLite file, or a postgres:// URL (default $SITREP_DB or ./sitrep.db)")
	jsonl := fs.String("jsonl", "", `read records {"id","title","text","published","url"} from this JSON Lines file ("-" for stdin); "id" is kept as the article's external id`)
	batch := fs.Int("batch", 100, "articles per transaction")
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse inputs larger than this many bytes")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep ingest [--db DSN] [--batch N] [--jsonl FILE|-] [INPUT...]

Reads articles (INPUT is what 'sitrep read' accepts), codes the events
they report as 'sitrep extract' does, and stores articles, events and
evidence. An article already stored is left as it is unless its text
changed or it carries a newer update time; then its events are replaced
and the previous version kept. Prints a summary line at the end.`)
		fs.PrintDefaults()
	}
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if (len(inputs) == 0 && *jsonl == "") || *batch < 1 {
		fs.Usage()
		return 2
	}

	// Ctrl-C stops after rolling back the batch in flight; earlier batches
	// are committed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return 1
	}
	defer s.Close()

	start := time.Now()
	status := 0
	var n, events, failed, unreadable int
	pr := newProgress(e.stderr, "ingest", 0)
	byStatus := map[store.Status]int{}
	var items []store.Item
	var names []string
	flush := func() error {
		if len(items) == 0 {
			return nil
		}
		res, err := s.PutArticles(ctx, items)
		if err != nil {
			return err
		}
		for i, r := range res {
			if r.Err != nil {
				pr.clearLine()
				fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", names[i], r.Err)
				status = 1
				failed++
				continue
			}
			byStatus[r.Status]++
			if r.Status != store.Unchanged {
				events += len(items[i].Events)
			}
		}
		items, names = items[:0], names[:0]
		return nil
	}
	for c := range codeInParallel(ctx, e, inputs, *jsonl, *maxBytes) {
		if c.err != nil {
			pr.clearLine()
			fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", c.name, c.err)
			status = 1
			if !c.usable {
				unreadable++
				pr.update(n+unreadable, failed+unreadable)
				continue
			}
		}
		n++
		pr.update(n+unreadable, failed+unreadable)
		items = append(items, c.item)
		names = append(names, c.name)
		if len(items) == *batch {
			if err := flush(); err != nil {
				fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
				return 1
			}
		}
	}
	if err := flush(); err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return 1
	}
	pr.finish(n+unreadable, failed+unreadable)
	secs := time.Since(start).Seconds()
	fmt.Fprintf(e.stdout, "%d articles: %d inserted, %d updated, %d unchanged, %d failed; %d events stored (%.1f s, %.0f articles/s)\n",
		n, byStatus[store.Inserted], byStatus[store.Updated], byStatus[store.Unchanged], failed, events, secs, float64(n)/secs)
	return status
}

// coded is one input read and coded, ready to store.
type coded struct {
	name   string
	item   store.Item
	err    error
	usable bool // err is a warning: item is still worth storing
}

// codeInParallel reads the inputs and JSON Lines records and extracts their
// events on GOMAXPROCS workers, yielding results in input order: each input
// gets a one-slot channel, queued in order, that its worker fills. It stops
// reading when ctx is done.
func codeInParallel(ctx context.Context, e env, inputs []string, jsonl string, maxBytes int64) <-chan coded {
	workers := runtime.GOMAXPROCS(0)
	type task struct {
		name string
		read func() (store.Article, error)
		out  chan coded
	}
	tasks := make(chan task)
	pending := make(chan chan coded, 4*workers)
	for range workers {
		go func() {
			for t := range tasks {
				a, err := t.read()
				var w *article.Warning
				c := coded{name: t.name, err: err, usable: err == nil || errors.As(err, &w)}
				if c.usable {
					c.item = store.Item{Article: a, Events: extract.Extract(a.Article, extract.Options{}).Events}
				}
				t.out <- c
			}
		}()
	}
	go func() {
		defer close(tasks)
		defer close(pending)
		send := func(name string, read func() (store.Article, error)) bool {
			out := make(chan coded, 1)
			select {
			case pending <- out:
			case <-ctx.Done():
				return false
			}
			select {
			case tasks <- task{name, read, out}:
				return true
			case <-ctx.Done():
				out <- coded{name: name, err: ctx.Err()}
				return false
			}
		}
		if jsonl != "" {
			line := 0
			for rec, err := range records(jsonl, e.stdin) {
				line++
				name := fmt.Sprintf("%s:%d", jsonl, line)
				if err != nil {
					if !send(name, func() (store.Article, error) { return store.Article{}, err }) {
						return
					}
					continue
				}
				if rec.ID != "" {
					name = fmt.Sprintf("%s (id %s)", jsonl, rec.ID)
				}
				ok := send(name, func() (store.Article, error) {
					return store.Article{ExternalID: rec.ID, Article: article.Article{Source: jsonl, Title: rec.Title,
						Text: rec.Text, Published: rec.publishedTime(), URL: rec.URL}}, nil
				})
				if !ok {
					return
				}
			}
		}
		for in := range ingest.Files(inputs, e.stdin, maxBytes) {
			ok := send(in.Source, func() (store.Article, error) {
				a, err := readInput(in, "")
				return store.Article{Article: a}, err
			})
			if !ok {
				return
			}
		}
	}()
	out := make(chan coded)
	go func() {
		defer close(out)
		for c := range pending {
			select {
			case out <- <-c:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
