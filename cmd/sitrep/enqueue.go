package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"sitrep/internal/article"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// articleJobKind is the queue's job kind for "read, code and store this
// article" (see cmdEnqueue and cmdWorker).
const articleJobKind = "article"

// articleJob is the payload of an article job: the page's bytes, or the JSON
// Lines record, themselves — not a path or a URL. A path means something
// only on the machine that enqueued it, and a URL would have the workers
// fetch (and the page may have changed or gone by then); the bytes make a
// job self-contained, so a worker anywhere needs nothing but the database.
// The cost is the page's size in the jobs table, bounded by --max-bytes
// (the same limit `sitrep ingest` reads with). JSON keeps a payload readable
// with psql; the page is base64 inside it.
type articleJob struct {
	Source string  `json:"source"` // the input's name, for messages and Article.Source
	Page   []byte  `json:"page"`   // not omitempty: an empty page is still a page
	Record *record `json:"record,omitempty"`
}

// decodeArticleJob parses a payload, refusing one that carries neither a
// page nor a record, so a malformed job fails with a reason instead of
// storing an empty article.
func decodeArticleJob(payload []byte) (articleJob, error) {
	var j articleJob
	if err := json.Unmarshal(payload, &j); err != nil {
		return j, fmt.Errorf("job payload is not an article job: %w", err)
	}
	if (j.Page == nil) == (j.Record == nil) {
		return j, errors.New("job payload must hold exactly one of page and record")
	}
	return j, nil
}

// cmdEnqueue puts one article job per input page or JSON Lines record into
// the store's queue, for `sitrep worker` processes on any machine to code and
// store. Enqueuing the same page twice makes two jobs; the second finds the
// article stored and changes nothing, as a second `sitrep ingest` would.
func (e env) cmdEnqueue(args []string) int {
	fs := flag.NewFlagSet("enqueue", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store whose queue gets the jobs: a postgres:// URL shared by the workers (a SQLite file works on one machine)")
	jsonl := fs.String("jsonl", "", `also enqueue the records {"id","title","text","published","url"} of this JSON Lines file ("-" for stdin)`)
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse inputs (and records' text) larger than this many bytes")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep enqueue [--db DSN] [--jsonl FILE|-] [INPUT...]

Puts one job per article into the store's queue: the page's bytes (INPUT
is what 'sitrep read' accepts) or the JSON Lines record. 'sitrep worker'
processes, on this or other machines, claim the jobs, read and code the
articles, and store them as 'sitrep ingest' would.`)
		fs.PrintDefaults()
	}
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(inputs) == 0 && *jsonl == "" {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep enqueue: %v\n", err)
		return 1
	}
	defer s.Close()

	pr := newProgress(e.stderr, "enqueue", 0)
	status, n, failed := 0, 0, 0
	report := func(name string, err error) {
		pr.clearLine()
		fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", name, err)
		status = 1
		failed++
	}
	put := func(name string, j articleJob) error {
		payload, err := json.Marshal(j)
		if err != nil {
			report(name, err)
			return nil
		}
		if _, err := s.Enqueue(ctx, articleJobKind, payload); err != nil {
			return err
		}
		n++
		pr.update(n+failed, failed)
		return nil
	}
	if *jsonl != "" {
		line := 0
		for rec, err := range records(*jsonl, e.stdin) {
			line++
			name := fmt.Sprintf("%s:%d", *jsonl, line)
			if err != nil {
				report(name, err)
				continue
			}
			if int64(len(rec.Text)) > *maxBytes {
				report(name, fmt.Errorf("%w: text of more than %d bytes (raise the limit with --max-bytes)", ingest.ErrTooLarge, *maxBytes))
				continue
			}
			if err := put(name, articleJob{Source: *jsonl, Record: &rec}); err != nil {
				fmt.Fprintf(e.stderr, "sitrep enqueue: %v\n", err)
				return 1
			}
		}
	}
	for in := range ingest.Files(inputs, e.stdin, *maxBytes) {
		if in.Err != nil {
			report(in.Source, in.Err)
			continue
		}
		if in.Data == nil {
			in.Data = []byte{} // an empty page is still a page: the worker reports it
		}
		if err := put(in.Source, articleJob{Source: in.Source, Page: in.Data}); err != nil {
			fmt.Fprintf(e.stderr, "sitrep enqueue: %v\n", err)
			return 1
		}
	}
	pr.finish(n+failed, failed)
	fmt.Fprintf(e.stdout, "%d jobs enqueued, %d inputs failed\n", n, failed)
	return status
}

func init() {
	register(command{name: "enqueue", args: "INPUT...", order: 41, run: env.cmdEnqueue,
		summary: "queue articles for sitrep worker processes on any machine"})
}
