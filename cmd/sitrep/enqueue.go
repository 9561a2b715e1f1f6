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
	"time"

	"sitrep/internal/article"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// articleJobKind is the queue's job kind for "read, code and store this
// article" (see cmdEnqueue and cmdWorker).
const articleJobKind = "article"

// articleJob is the payload of an article job: the page's bytes, or the JSON
// Lines record, themselves — not a path. A path means something only on the
// machine that enqueued it; the bytes make a job self-contained, so a worker
// anywhere needs nothing but the database. The cost is the page's size in
// the jobs table, bounded by --max-bytes (the limit `sitrep ingest` reads
// with). Pages a feed, sitemap or URL list only names travel as their URL
// and are fetched by the worker that claims them, as `sitrep ingest` would
// fetch them. JSON keeps a payload readable with psql; bytes are base64.
type articleJob struct {
	Page   *pageJob `json:"page,omitempty"`
	Record *record  `json:"record,omitempty"`
	Source string   `json:"source"` // the record's JSON Lines file
}

// pageJob is an ingest.Page as a job carries it (Page.Err never travels:
// a page that could not be read is reported by enqueue, not queued).
type pageJob struct {
	Name        string    `json:"name"`
	Source      string    `json:"source"`
	URL         string    `json:"url,omitempty"`
	ExternalID  string    `json:"external_id,omitempty"`
	Data        []byte    `json:"data"` // not omitempty: an empty page is still a page
	ContentType string    `json:"content_type,omitempty"`
	Fallback    []byte    `json:"fallback,omitempty"`
	Title       string    `json:"title,omitempty"`
	Date        time.Time `json:"date,omitzero"`
}

func newPageJob(p ingest.Page) *pageJob {
	return &pageJob{Name: p.Name, Source: p.Source, URL: p.URL, ExternalID: p.ExternalID, Data: p.Data,
		ContentType: p.ContentType, Fallback: p.Fallback, Title: p.Title, Date: p.Date}
}

func (j *pageJob) page() ingest.Page {
	return ingest.Page{Name: j.Name, Source: j.Source, URL: j.URL, ExternalID: j.ExternalID, Data: j.Data,
		ContentType: j.ContentType, Fallback: j.Fallback, Title: j.Title, Date: j.Date}
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
	if j.Page != nil && j.Page.Data == nil && j.Page.URL == "" {
		return j, errors.New("job payload's page has neither data nor a URL")
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
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse pages (and records' text) larger than this many bytes")
	net := addFetchFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep enqueue [--db DSN] [--jsonl FILE|-] [SOURCE...]

Puts one job per article into the store's queue: a page's bytes (SOURCE is
what 'sitrep ingest' accepts: files, directories, feeds, sitemaps, WARC
archives, URL lists, URLs), the URL of a page a feed or sitemap lists, or a
JSON Lines record. 'sitrep worker' processes, on this or other machines,
claim the jobs, fetch, read and code the articles, and store them as
'sitrep ingest' would. Feeds and sitemaps named by URL are fetched here.`)
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
	opt := ingest.Options{Stdin: e.stdin, MaxBytes: *maxBytes, Fetcher: net.client(*maxBytes, nil)}
	for p := range ingest.Sources(ctx, inputs, opt) {
		if p.Err != nil {
			report(p.Name, p.Err)
			continue
		}
		if p.Data == nil && p.URL == "" {
			p.Data = []byte{} // an empty page is still a page: the worker reports it
		}
		if err := put(p.Name, articleJob{Page: newPageJob(p)}); err != nil {
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
