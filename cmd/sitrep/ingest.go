package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/fetch"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

// cmdIngest reads pages from every kind of source (files, directories,
// URLs, URL lists, feeds, sitemaps, WARC archives) or JSON Lines records,
// codes their events and puts both in the store. Re-running it over the
// same inputs changes nothing: the store recognises each article by URL,
// external id (a feed item's GUID) or text (see store.Articles.PutArticle).
//
// Fetching, reading and coding run on --jobs workers; writing is one
// goroutine that puts --batch articles per transaction, in input order, so
// ids follow the input.
func (e env) cmdIngest(args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store: a SQLite file, or a postgres:// URL (default $SITREP_DB or ./sitrep.db)")
	jsonl := fs.String("jsonl", "", `read records {"id","title","text","published","url"} from this JSON Lines file ("-" for stdin); "id" is kept as the article's external id`)
	urls := fs.String("urls", "", "read this file as a list of URLs, one a line, whatever it looks like")
	batch := fs.Int("batch", 500, "articles per transaction at most (fewer when the writer would wait for more)")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "pages fetched, read and coded at once")
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse pages (and feed items, WARC records) larger than this many bytes")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (for 'go tool pprof')")
	net := addFetchFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep ingest [--db DSN] [--jobs N] [--jsonl FILE|-] [--urls FILE] [SOURCE...]

Reads articles, codes the events they report as 'sitrep extract' does, and
stores articles, events and evidence. A SOURCE is a file or directory
('sitrep read' inputs, walked recursively), "-" for stdin, or an http(s)
URL; what it holds is told from its content:
  a page (HTML or text)        a list of URLs, one a line (e.g. urls.txt)
  an RSS, Atom or JSON feed    (each item's link is fetched; its GUID kept)
  a sitemap or sitemap index   (.xml, .xml.gz)
  a WARC archive               (.warc, .warc.gz: its HTML responses)
URLs are fetched politely (robots.txt, one host at a time, --host-delay
apart) and never from loopback or private addresses unless --allow-private.
An article already stored is left as it is unless its text changed or it
carries a newer update time; then its events are replaced and the previous
version kept. Prints a summary at the end, per source when there are several.`)
		fs.PrintDefaults()
	}
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if (len(inputs) == 0 && *jsonl == "" && *urls == "") || *batch < 1 || *jobs < 1 {
		fs.Usage()
		return 2
	}
	if *cpuProfile != "" {
		// Where an ingest spends its CPU is what decides what to make
		// faster; a benchmark sees only the part it calls.
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
			return 1
		}
		defer stopProfile()
	}

	// Ctrl-C or SIGTERM stops after rolling back the batch in flight;
	// earlier batches are committed.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return 1
	}
	defer s.Close()

	client := net.client(*maxBytes, nil)
	opt := ingest.Options{Stdin: e.stdin, MaxBytes: *maxBytes, Fetcher: client}
	in := newIngester(e, s, *jobs, *batch, newProgress(e.stderr, "ingest", 0))
	if *jsonl == "" && *urls == "" {
		go in.countPages(ctx, inputs)
	}
	start := time.Now()
	err = in.run(ctx, func(send func(task) bool) {
		if *jsonl != "" && !sendRecords(*jsonl, e.stdin, send) {
			return
		}
		if *urls != "" {
			listOpt := opt
			listOpt.Kind = ingest.KindURLs
			if !sendPages(ctx, client, ingest.Sources(ctx, []string{*urls}, listOpt), send) {
				return
			}
		}
		sendPages(ctx, client, ingest.Sources(ctx, inputs, opt), send)
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return 1
	}
	in.summary(time.Since(start))
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "sitrep ingest: interrupted; the batches before it are stored")
		return 1
	}
	return in.status
}

// fetchFlags are the network flags ingest and watch share.
type fetchFlags struct {
	allowPrivate *bool
	ignoreRobots *bool
	hostDelay    *time.Duration
	timeout      *time.Duration
	retries      *int
}

func addFetchFlags(fs *flag.FlagSet) fetchFlags {
	return fetchFlags{
		allowPrivate: fs.Bool("allow-private", false, "let URLs reach loopback and private addresses (an intranet; never for URLs from outside)"),
		ignoreRobots: fs.Bool("ignore-robots", false, "do not read robots.txt (only for sites that asked you to crawl them)"),
		hostDelay:    fs.Duration("host-delay", time.Second, "least time between two requests to one host (a robots.txt Crawl-delay may raise it)"),
		timeout:      fs.Duration("timeout", 30*time.Second, "longest time for one request, body included"),
		retries:      fs.Int("retries", 3, "retries of a request answered 429 or 5xx, with backoff (Retry-After honoured)"),
	}
}

func (f fetchFlags) client(maxBytes int64, cache fetch.Cache) *fetch.Client {
	delay := *f.hostDelay
	if delay == 0 {
		delay = -1 // fetch.Options: negative is none
	}
	retries := *f.retries
	if retries <= 0 {
		retries = -1 // fetch.Options: negative is none
	}
	return fetch.New(fetch.Options{
		Retries: retries, Timeout: *f.timeout, MaxBytes: maxBytes, AllowPrivate: *f.allowPrivate,
		HostDelay: delay, IgnoreRobots: *f.ignoreRobots, Cache: cache,
	})
}

// task is one article to read and code: a page from a source or a JSON
// Lines record.
type task struct {
	name, source string
	key          string // the page's identity in its source (GUID or URL), if any
	read         func(ctx context.Context) (store.Article, error)
}

// coded is one input read and coded, ready to store.
type coded struct {
	name, source string
	key          string
	item         store.Item
	err          error
	usable       bool // err is a warning: item is still worth storing
	early        bool // not a page: put the batch gathered now (see ingester.next)
}

// sendRecords queues the records of a JSON Lines file; false when the
// run was stopped.
func sendRecords(jsonl string, stdin io.Reader, send func(task) bool) bool {
	line := 0
	for rec, err := range records(jsonl, stdin) {
		line++
		name := fmt.Sprintf("%s:%d", jsonl, line)
		if err != nil {
			if !send(task{name: name, source: jsonl, read: func(context.Context) (store.Article, error) { return store.Article{}, err }}) {
				return false
			}
			continue
		}
		if rec.ID != "" {
			name = fmt.Sprintf("%s (id %s)", jsonl, rec.ID)
		}
		ok := send(task{name: name, source: jsonl, key: rec.ID, read: func(context.Context) (store.Article, error) {
			return store.Article{ExternalID: rec.ID, Article: rec.article(jsonl)}, nil
		}})
		if !ok {
			return false
		}
	}
	return true
}

// sendPages queues the pages of sources, to be fetched with f if need be;
// false when the run was stopped.
func sendPages(ctx context.Context, f ingest.Fetcher, pages iter.Seq[ingest.Page], send func(task) bool) bool {
	for p := range pages {
		if !send(pageTask(f, p)) {
			return false
		}
	}
	return ctx.Err() == nil
}

// pageTask is the task of fetching (with f, if need be), reading and
// coding one page.
func pageTask(f ingest.Fetcher, p ingest.Page) task {
	read := func(ctx context.Context) (store.Article, error) { return readPage(ctx, f, p) }
	return task{name: p.Name, source: p.Source, key: pageKey(p), read: read}
}

// pageKey is a page's identity in its source: a feed item's GUID, else
// its URL.
func pageKey(p ingest.Page) string {
	if p.ExternalID != "" {
		return p.ExternalID
	}
	return p.URL
}

// readPage fetches a page if the source gave only its URL, reads it, and
// fills what the page did not say from what the source said: URL, title,
// date (a feed item's date, a WARC record's Last-Modified), external id.
func readPage(ctx context.Context, f ingest.Fetcher, p ingest.Page) (store.Article, error) {
	fetchErr := ingest.Resolve(ctx, f, &p)
	if p.Err != nil {
		return store.Article{}, p.Err
	}
	source := p.URL
	if source == "" {
		source = p.Name
	}
	a, err := article.Read(source, p.Data, article.Options{ContentType: p.ContentType})
	var w *article.Warning
	if err != nil && !errors.As(err, &w) {
		return store.Article{}, err
	}
	if a.URL == "" {
		a.URL = p.URL
	}
	if a.Title == "" {
		a.Title = p.Title
	}
	if a.Published.IsZero() {
		a.Published = p.Date
	}
	if fetchErr != nil && err == nil {
		err = &article.Warning{Err: fetchErr}
	}
	return store.Article{Article: a, ExternalID: p.ExternalID}, err
}

// tally counts what happened to one source's pages.
type tally struct {
	pages, inserted, updated, unchanged, failed, events int
	// warned counts pages stored although read with a warning (a few
	// bytes invalid in their charset, truncated HTML): they set the exit
	// status to 1 like a failure, so the summary must say why.
	warned int
}

// problems is the summary's tail after the unchanged count.
func (t tally) problems() string {
	if t.warned == 0 {
		return fmt.Sprintf("%d failed", t.failed)
	}
	return fmt.Sprintf("%d failed, %d stored with a warning", t.failed, t.warned)
}

// ingester codes tasks on workers and stores them in batches, counting
// per source.
type ingester struct {
	e        env
	s        store.Store
	jobs     int
	batch    int
	pr       *progress
	total    tally
	bySource map[string]*tally
	order    []string // sources in the order first seen
	status   int
	// stored, if set, is called with each page's key once it is in the
	// store (inserted, updated or unchanged).
	stored func(source, key string)
}

func newIngester(e env, s store.Store, jobs, batch int, pr *progress) *ingester {
	return &ingester{e: e, s: s, jobs: jobs, batch: batch, pr: pr, bySource: map[string]*tally{}}
}

func (in *ingester) source(name string) *tally {
	t := in.bySource[name]
	if t == nil {
		t = &tally{}
		in.bySource[name] = t
		in.order = append(in.order, name)
	}
	return t
}

// fail reports a page that could not be read or stored, naming it once:
// errors from the source readers and the fetcher already name their input.
func (in *ingester) fail(c coded) {
	in.pr.clearLine()
	// "-" (stdin) is in every message that mentions --max-bytes: name it.
	// The name counts as said only where it stands as a name ("NAME: ..."
	// or "GET NAME: ..."): "-" is in every message about --max-bytes.
	if msg := c.err.Error(); c.name != "" && (strings.HasPrefix(msg, c.name+": ") || strings.Contains(msg, " "+c.name+": ")) {
		fmt.Fprintf(in.e.stderr, "sitrep: %s\n", msg)
	} else {
		fmt.Fprintf(in.e.stderr, "sitrep: %s: %s\n", c.name, msg)
	}
	in.status = 1
}

// run stores every task produce sends. It returns an error only when the
// store fails; bad inputs are reported and counted.
func (in *ingester) run(ctx context.Context, produce func(send func(task) bool)) error {
	var items []store.Item
	var batch []coded
	flush := func() error {
		if len(items) == 0 {
			return nil
		}
		res, err := in.s.PutArticles(ctx, items)
		if err != nil {
			return err
		}
		for i, r := range res {
			t := in.source(batch[i].source)
			if r.Err != nil {
				in.fail(coded{name: batch[i].name, err: r.Err})
				t.failed++
				in.total.failed++
				continue
			}
			if in.stored != nil {
				in.stored(batch[i].source, batch[i].key)
			}
			for _, t := range []*tally{t, &in.total} {
				switch r.Status {
				case store.Inserted:
					t.inserted++
				case store.Updated:
					t.updated++
				default:
					t.unchanged++
				}
				if r.Status != store.Unchanged {
					t.events += len(items[i].Events)
				}
			}
		}
		items, batch = items[:0], batch[:0]
		return nil
	}
	// The workers code up to a whole batch ahead, so that reading and
	// extracting the next batch runs on the other cores while the writer
	// puts this one; with only a few slots they would wait for the writer.
	slots := codeInParallel(ctx, in.jobs, in.batch+4*in.jobs, produce)
	var head chan coded // the next slot, taken from slots and not yet filled
	for {
		c, ok := in.next(ctx, slots, &head, len(items))
		if !ok {
			break
		}
		if c.early {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		t := in.source(c.source)
		t.pages++
		in.total.pages++
		if c.err != nil {
			in.fail(c)
			if !c.usable {
				t.failed++
				in.total.failed++
				in.pr.update(in.total.pages, in.total.failed)
				continue
			}
			t.warned++
			in.total.warned++
		}
		in.pr.update(in.total.pages, in.total.failed)
		items = append(items, c.item)
		batch = append(batch, c)
		if len(items) == in.batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil && ctx.Err() == nil {
		return err
	}
	in.pr.finish(in.total.pages, in.total.failed)
	return nil
}

// minEarlyBatch is the fewest articles a batch is put with before it is
// full, when the next page is not coded yet (see next).
const minEarlyBatch = 50

// next is the next coded page, from the next of slots (*head, once taken
// from slots). When it is not coded yet and have pages (the batch
// gathered so far) are at least minEarlyBatch, or a tenth of the batch,
// it returns a coded with early set instead: the batch is put now rather
// than the writer waiting for the workers. A batch is one transaction,
// and the writer's cost per article falls as batches grow (what a batch's
// articles share: candidate incidents loaded, incidents reconciled,
// document frequencies written). Putting what is ready keeps the writer
// working beside the workers when they are slower than it (raw HTML
// pages); when it is the slower (plain texts with many events), pages
// pile up while it puts a batch, and batches fill. It returns false when
// there are no more pages or ctx is done.
func (in *ingester) next(ctx context.Context, slots <-chan chan coded, head *chan coded, have int) (coded, bool) {
	early := have > 0 && have >= min(minEarlyBatch, max(in.batch/10, 1))
	if *head == nil {
		var ok bool
		if early {
			select {
			case *head, ok = <-slots:
			default:
				return coded{early: true}, true
			}
		} else {
			select {
			case *head, ok = <-slots:
			case <-ctx.Done():
				return coded{}, false
			}
		}
		if !ok {
			return coded{}, false
		}
	}
	if early {
		select {
		case c := <-*head:
			*head = nil
			return c, true
		default:
			return coded{early: true}, true
		}
	}
	select {
	case c := <-*head:
		*head = nil
		return c, true
	case <-ctx.Done():
		return coded{}, false
	}
}

// countPages gives the progress line a total, and so an ETA, when it can
// be known cheaply: when every source is a local file or directory whose
// files are each one page (no WARC, feed, sitemap or URL list among them).
// It runs beside the ingest and gives up at the first file that is not.
func (in *ingester) countPages(ctx context.Context, inputs []string) {
	n := 0
	for _, arg := range inputs {
		info, err := os.Stat(arg)
		if err != nil || arg == "-" {
			return
		}
		if !info.IsDir() {
			if k, err := ingest.KindOf(arg); err == nil && k != ingest.KindPage {
				return
			}
			n++
			continue
		}
		stop := errors.New("not all single pages")
		err = filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				n++ // reported when read, and counted then
				return nil
			}
			if path != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			if k, err := ingest.KindOf(path); err == nil && k != ingest.KindPage {
				return stop
			}
			n++
			return nil
		})
		if err != nil {
			return
		}
	}
	in.pr.mu.Lock()
	in.pr.total = n
	in.pr.mu.Unlock()
}

// summary prints the totals, and a line per source when there are several.
// "failed" counts pages that could not be read or stored.
func (in *ingester) summary(elapsed time.Duration) {
	t := in.total
	stored := t.inserted + t.updated + t.unchanged
	secs := elapsed.Seconds()
	fmt.Fprintf(in.e.stdout, "%d articles: %d inserted, %d updated, %d unchanged, %s; %d events stored (%.1f s, %.0f articles/s)\n",
		stored, t.inserted, t.updated, t.unchanged, t.problems(), t.events, secs, float64(stored)/secs)
	if len(in.order) < 2 {
		return
	}
	for _, name := range in.order {
		s := in.bySource[name]
		fmt.Fprintf(in.e.stdout, "  %s: %d pages: %d inserted, %d updated, %d unchanged, %s; %d events\n",
			name, s.pages, s.inserted, s.updated, s.unchanged, s.problems(), s.events)
	}
}

// codeInParallel runs the tasks produce sends on jobs workers — fetching,
// reading, extracting — and yields their results' slots in the order
// sent: each task gets a one-slot channel, queued in order, that its
// worker fills. At most ahead tasks are sent and not yet taken, which
// bounds the coded articles held in memory. It stops taking tasks when
// ctx is done.
func codeInParallel(ctx context.Context, jobs, ahead int, produce func(send func(task) bool)) <-chan chan coded {
	type job struct {
		task
		out chan coded
	}
	work := make(chan job)
	pending := make(chan chan coded, ahead)
	for range jobs {
		go func() {
			for j := range work {
				a, err := j.read(ctx)
				var w *article.Warning
				c := coded{name: j.name, source: j.source, key: j.key, err: err, usable: err == nil || errors.As(err, &w)}
				if c.usable {
					c.item = store.Item{Article: a, Events: extract.Extract(a.Article, extract.Options{}).Events}
				}
				j.out <- c
			}
		}()
	}
	go func() {
		defer close(work)
		defer close(pending)
		produce(func(t task) bool {
			out := make(chan coded, 1)
			select {
			case pending <- out:
			case <-ctx.Done():
				return false
			}
			select {
			case work <- job{t, out}:
				return true
			case <-ctx.Done():
				out <- coded{name: t.name, source: t.source, err: ctx.Err()}
				return false
			}
		})
	}()
	return pending
}

// startCPUProfile starts writing a CPU profile to path; the function it
// returns stops it and closes the file.
func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
