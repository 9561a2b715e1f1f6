package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/fetch"
	"sitrep/internal/ingest"
	"sitrep/internal/store"
)

func init() {
	register(command{name: "watch", args: "FEEDS.txt", order: 41, run: env.cmdWatch,
		summary: "poll feeds on an interval and ingest their new items"})
}

// cmdWatch polls a list of feeds and ingests what is new in them, until
// stopped. Each feed is fetched conditionally (ETag, Last-Modified), so an
// unchanged feed costs one 304; only items not seen before have their
// pages fetched; a feed that fails is retried later and later (doubling
// the interval, up to a day) without holding up the others. What it knows
// of each feed is kept in a JSON file beside the store, so a restart
// carries on where it stopped.
func (e env) cmdWatch(args []string) int {
	fs := flag.NewFlagSet("watch", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store: a SQLite file, or a postgres:// URL (default $SITREP_DB or ./sitrep.db)")
	statePath := fs.String("state", "", "the watcher's state file (default: the SQLite file's path + .watch.json, or ./sitrep-watch.json)")
	interval := fs.Duration("interval", 15*time.Minute, "time between two polls of one feed")
	once := fs.Bool("once", false, "poll every feed once and exit")
	jobs := fs.Int("jobs", runtime.GOMAXPROCS(0), "pages fetched, read and coded at once")
	batch := fs.Int("batch", 100, "articles per transaction")
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse feeds and pages larger than this many bytes")
	net := addFetchFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep watch [--interval 15m] [--db DSN] [--once] FEEDS.txt

Polls each feed URL listed in FEEDS.txt (one a line, # for comments) every
--interval, and ingests its new items as 'sitrep ingest' would. Stops
cleanly on Ctrl-C or SIGTERM; logs to stderr.`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) != 1 || *interval <= 0 || *jobs < 1 || *batch < 1 {
		fs.Usage()
		return 2
	}
	feeds, err := readFeedList(rest[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return 2
	}
	if *statePath == "" {
		*statePath = "sitrep-watch.json"
		if !strings.Contains(*dsn, "://") {
			*statePath = *dsn + ".watch.json"
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return 1
	}
	defer s.Close()
	w := &watcher{e: e, s: s, feeds: feeds, statePath: *statePath, interval: *interval,
		jobs: *jobs, batch: *batch, maxBytes: *maxBytes, net: net, log: e.logger()}
	if err := w.run(ctx, *once); err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return 1
	}
	return 0
}

// readFeedList reads FEEDS.txt: one http(s) URL a line.
func readFeedList(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var feeds []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !strings.HasPrefix(line, "http://") && !strings.HasPrefix(line, "https://") || strings.ContainsAny(line, " \t") {
			return nil, fmt.Errorf("%s:%d: not an http(s) URL: %.80q", path, n, line)
		}
		if !seen[line] {
			seen[line] = true
			feeds = append(feeds, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("%s: no feed URLs", path)
	}
	return feeds, nil
}

// watchState is what the watcher keeps between polls and restarts.
type watchState struct {
	Feeds map[string]*feedState `json:"feeds"`
	// Validators make each feed's next request conditional.
	Validators *fetch.MemoryCache `json:"validators"`
}

type feedState struct {
	LastPoll    time.Time `json:"last_poll,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	NextPoll    time.Time `json:"next_poll,omitzero"`
	Failures    int       `json:"failures,omitempty"` // in a row
	LastError   string    `json:"last_error,omitempty"`
	// Seen holds the keys (GUID, else link) of the items already stored,
	// newest last, at most maxSeen: enough to cover what a feed shows.
	Seen []string `json:"seen,omitempty"`
}

const (
	maxSeen    = 2000
	maxBackoff = 24 * time.Hour
)

type watcher struct {
	e         env
	s         store.Store
	feeds     []string
	statePath string
	interval  time.Duration
	jobs      int
	batch     int
	maxBytes  int64
	net       fetchFlags
	log       *slog.Logger
	state     watchState
}

// feedOnlyCache applies conditional GET to the feeds alone: a page is
// fetched once per new item and needs its body, not a 304.
type feedOnlyCache struct {
	*fetch.MemoryCache
	feeds map[string]bool
}

func (c feedOnlyCache) Validators(url string) (fetch.Validators, bool) {
	if !c.feeds[url] {
		return fetch.Validators{}, false
	}
	return c.MemoryCache.Validators(url)
}

func (c feedOnlyCache) SetValidators(url string, v fetch.Validators) {
	if c.feeds[url] {
		c.MemoryCache.SetValidators(url, v)
	}
}

func (w *watcher) run(ctx context.Context, once bool) error {
	if err := w.load(); err != nil {
		return err
	}
	isFeed := map[string]bool{}
	for _, f := range w.feeds {
		isFeed[f] = true
		if w.state.Feeds[f] == nil {
			w.state.Feeds[f] = &feedState{}
		}
	}
	client := w.net.client(w.maxBytes, feedOnlyCache{w.state.Validators, isFeed})
	w.log.Info("watch: started", "feeds", len(w.feeds), "interval", w.interval, "state", w.statePath)
	for {
		if err := w.round(ctx, client, once); err != nil {
			return err
		}
		if err := w.save(); err != nil {
			return err
		}
		if once || ctx.Err() != nil {
			break
		}
		next := time.Now().Add(w.interval)
		for _, f := range w.feeds {
			if t := w.state.Feeds[f].NextPoll; t.Before(next) {
				next = t
			}
		}
		t := time.NewTimer(time.Until(next))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
		}
		if ctx.Err() != nil {
			break
		}
	}
	w.log.Info("watch: stopped")
	return nil
}

// round polls every feed that is due and ingests the new items of all of
// them in one run.
func (w *watcher) round(ctx context.Context, client *fetch.Client, all bool) error {
	now := time.Now()
	seen := map[string]map[string]bool{}
	in := newIngester(w.e, w.s, w.jobs, w.batch, newProgress(w.e.stderr, "watch", 0))
	in.stored = func(source, key string) {
		if st := w.state.Feeds[source]; st != nil && key != "" {
			st.Seen = append(st.Seen, key)
			if len(st.Seen) > maxSeen {
				st.Seen = st.Seen[len(st.Seen)-maxSeen:]
			}
		}
	}
	polled := 0
	err := in.run(ctx, func(send func(task) bool) {
		for _, feed := range w.feeds {
			st := w.state.Feeds[feed]
			// --once polls every healthy feed, but a failing one only when
			// its backoff is over.
			due := !st.NextPoll.After(now) || all && st.Failures == 0
			if !due {
				continue
			}
			if ctx.Err() != nil {
				return
			}
			polled++
			known := seen[feed]
			if known == nil {
				known = map[string]bool{}
				for _, k := range st.Seen {
					known[k] = true
				}
				seen[feed] = known
			}
			if !w.poll(ctx, client, feed, st, known, send) {
				return
			}
		}
	})
	if err != nil {
		return err
	}
	t := in.total
	w.log.Info("watch: round done", "feeds_polled", polled, "new_items", t.pages,
		"inserted", t.inserted, "updated", t.updated, "unchanged", t.unchanged, "failed", t.failed, "events", t.events)
	return nil
}

// poll fetches one feed and sends its unseen items; false when the run
// was stopped.
func (w *watcher) poll(ctx context.Context, client *fetch.Client, feed string, st *feedState, known map[string]bool, send func(task) bool) bool {
	st.LastPoll = time.Now().UTC()
	resp, err := client.Get(ctx, feed)
	if err != nil {
		if ctx.Err() != nil {
			return false
		}
		st.Failures++
		st.LastError = err.Error()
		wait := min(w.interval<<min(st.Failures, 16), maxBackoff)
		st.NextPoll = st.LastPoll.Add(wait)
		w.log.Warn("watch: feed failed", "feed", feed, "err", err, "failures", st.Failures, "next_poll", st.NextPoll.Format(time.RFC3339))
		return true
	}
	st.Failures, st.LastError = 0, ""
	st.LastSuccess = st.LastPoll
	st.NextPoll = st.LastPoll.Add(w.interval)
	if resp.NotModified {
		w.log.Debug("watch: feed not modified", "feed", feed)
		return true
	}
	opt := ingest.Options{MaxBytes: w.maxBytes, Fetcher: client, Kind: ingest.KindFeed}
	fresh := 0
	defer func() { w.log.Info("watch: feed polled", "feed", feed, "new_items", fresh) }()
	for p := range ingest.Read(ctx, feed, bytes.NewReader(resp.Body), opt) {
		key := pageKey(p)
		if p.Err == nil && known[key] {
			continue
		}
		if p.Err != nil {
			st.LastError = p.Err.Error()
		}
		if key != "" {
			known[key] = true // once per round, even if listed twice
		}
		fresh++
		if !send(pageTask(client, p)) {
			return false
		}
	}
	return ctx.Err() == nil
}

func (w *watcher) load() error {
	w.state = watchState{Feeds: map[string]*feedState{}, Validators: &fetch.MemoryCache{}}
	data, err := os.ReadFile(w.statePath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, &w.state); err != nil {
		return fmt.Errorf("%s: %v (move it aside to start afresh)", w.statePath, err)
	}
	if w.state.Feeds == nil {
		w.state.Feeds = map[string]*feedState{}
	}
	if w.state.Validators == nil {
		w.state.Validators = &fetch.MemoryCache{}
	}
	return nil
}

func (w *watcher) save() error {
	data, err := json.MarshalIndent(&w.state, "", "  ")
	if err != nil {
		return err
	}
	return fetch.WriteFileAtomic(w.statePath, data)
}

// logger is the structured logger long-running commands write to stderr.
func (e env) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, nil))
}
