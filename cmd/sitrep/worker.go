package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/ingest"
	"sitrep/internal/store"

	"github.com/jackc/pgx/v5/pgconn"
)

// cmdWorker claims article jobs from the store's queue (see cmdEnqueue),
// fetches (when the job holds only a URL), reads and codes each article as
// `sitrep ingest` does, stores it and marks the job done. Any number of workers on any number of machines can share
// one PostgreSQL store: Claim hands each job to one worker at a time, and
// storing is idempotent (PutArticle recognises an article it already has),
// so a job run again after a crash changes nothing.
//
// A worker outlives its database: when PostgreSQL goes away it logs, backs
// off and retries the same step, so the claims it holds are completed once
// the database is back rather than lost. SIGTERM or SIGINT stops it
// cleanly: it claims nothing more and finishes the jobs in hand within
// --grace; those it cannot finish in time it hands back to the queue.
func (e env) cmdWorker(args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store whose queue to work: a postgres:// URL shared with other workers (a SQLite file works on one machine)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "batches processed at once (each by its own claimer)")
	host, _ := os.Hostname()
	id := fs.String("id", fmt.Sprintf("%s-%d", host, os.Getpid()), "this worker's name in the queue (it must differ between workers)")
	batch := fs.Int("batch", 10, "jobs claimed at a time, and stored in one transaction")
	drain := fs.Bool("drain", false, "exit once no job is ready instead of waiting for more")
	poll := fs.Duration("poll", 2*time.Second, "how long to wait before asking again when no job is ready")
	grace := fs.Duration("grace", 30*time.Second, "on SIGTERM, how long to finish the jobs in hand before handing them back")
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse pages fetched for a job larger than this many bytes")
	net := addFetchFlags(fs)
	retryFor := fs.Duration("retry-for", 5*time.Minute, "how long to keep retrying a step while the database is unreachable before giving up the jobs in hand (the queue's lease returns them)")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep worker [--db DSN] [--workers N] [--id NAME] [--drain]

Claims the article jobs 'sitrep enqueue' queued, reads and codes each
article and stores it, as 'sitrep ingest' does. Run one per machine
against one PostgreSQL store. Logs (log/slog) to stderr. Stops cleanly on
SIGTERM or Ctrl-C, finishing or handing back the jobs it holds.`)
		fs.PrintDefaults()
	}
	if rest, err := parseFlags(fs, args); err != nil {
		return 2
	} else if len(rest) > 0 || *workers < 1 || *batch < 1 || *id == "" {
		fs.Usage()
		return 2
	}

	log := slog.New(slog.NewTextHandler(e.stderr, nil)).With("worker", *id)
	// stop ends claiming; work in hand runs on until grace after it.
	stop, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	work, cancelWork := context.WithCancel(context.WithoutCancel(stop))
	defer cancelWork()
	go func() {
		select {
		case <-stop.Done():
		case <-work.Done(): // finished without a signal
			return
		}
		log.Info("stopping: claiming no more jobs", "grace", *grace)
		select {
		case <-time.After(*grace):
			cancelWork()
		case <-work.Done():
		}
	}()

	var s store.Store
	err := retry(stop, log, "opening the store", *retryFor, func() error {
		var err error
		s, err = store.Open(stop, *dsn)
		return err
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return 1
	}
	defer s.Close()
	log.Info("started", "workers", *workers, "batch", *batch)

	w := &worker{s: s, log: log, retryFor: *retryFor, pr: newProgress(e.stderr, "worker", 0),
		fetcher: net.client(*maxBytes, nil)}
	var wg sync.WaitGroup
	for i := range *workers {
		name := fmt.Sprintf("%s/%d", *id, i)
		wg.Go(func() { w.loop(stop, work, name, *batch, *drain, *poll) })
	}
	wg.Wait()
	cancelWork()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.pr.finish(w.done+w.failed, w.failed)
	log.Info("stopped", "done", w.done, "failed", w.failed, "inserted", w.byStatus[store.Inserted],
		"updated", w.byStatus[store.Updated], "unchanged", w.byStatus[store.Unchanged])
	return 0
}

// worker is the state a worker process's goroutines share.
type worker struct {
	s        store.Store
	log      *slog.Logger
	retryFor time.Duration
	pr       *progress
	// fetcher gets the pages jobs carry only the URL of. Politeness
	// (robots.txt, one request per host per --host-delay) holds per worker
	// process, not across machines.
	fetcher ingest.Fetcher

	mu           sync.Mutex
	done, failed int
	byStatus     map[store.Status]int
}

// loop claims and processes batches until stop ends (or, with drain, until
// no job is ready).
func (w *worker) loop(stop, work context.Context, name string, batch int, drain bool, poll time.Duration) {
	for stop.Err() == nil {
		var jobs []store.Job
		err := retry(stop, w.log, "claiming jobs", 0, func() error {
			// The claim itself is not cut short by the signal: a claim
			// cancelled while its COMMIT is on the wire can be committed
			// by the server and still fail here, leaving jobs marked
			// running by a worker that never heard of them (until their
			// lease ran out). A claim that succeeds after the signal is
			// processed within the grace period like any other.
			ctx, cancel := context.WithTimeout(context.WithoutCancel(stop), claimTimeout)
			defer cancel()
			var err error
			jobs, err = w.s.Claim(ctx, name, batch)
			return err
		})
		if err != nil {
			return // stopped
		}
		if len(jobs) == 0 {
			if drain {
				return
			}
			select {
			case <-stop.Done():
			case <-time.After(poll):
			}
			continue
		}
		w.process(work, jobs)
	}
}

// claimTimeout bounds one claim, which the stop signal does not cancel.
const claimTimeout = 30 * time.Second

// process reads, codes and stores one claimed batch, then completes or
// fails each job. The batch goes into the store in one transaction; a job
// whose input is unreadable, or that the store refuses, fails alone.
func (w *worker) process(ctx context.Context, jobs []store.Job) {
	var items []store.Item
	var held []store.Job // jobs whose item is in items, same order
	for _, j := range jobs {
		item, err := w.codeJob(ctx, j)
		if err != nil {
			w.fail(ctx, j, err)
			continue
		}
		items = append(items, item)
		held = append(held, j)
	}
	if len(items) == 0 {
		return
	}
	res, err := w.put(ctx, items)
	if err != nil {
		// Stopped or the store stayed away: hand the jobs back.
		w.release(held, err)
		return
	}
	for i, j := range held {
		if res[i].Err != nil {
			w.fail(ctx, j, res[i].Err)
			continue
		}
		err := retry(ctx, w.log, "completing a job", w.retryFor, func() error {
			return permanentIf(w.s.Complete(ctx, j), store.ErrLostClaim)
		})
		if err != nil {
			// The article is stored either way; a lost claim means another
			// worker has the job and will find it unchanged.
			w.log.Warn("job not completed", "job", j.ID, "err", err)
			continue
		}
		w.count(1, 0, res[i].Status)
	}
}

// put stores items, retrying the batch while the store is unreachable and
// the articles PostgreSQL rolled back to break a deadlock or a
// serialization conflict with another worker: those are the other
// worker's timing, not the article's fault, so they are put again at once
// (up to conflictRetries times) rather than failed and delayed by the
// queue's retry backoff.
func (w *worker) put(ctx context.Context, items []store.Item) ([]store.PutResult, error) {
	results := make([]store.PutResult, len(items))
	todo := make([]int, len(items)) // indexes into items still to put
	for i := range todo {
		todo[i] = i
	}
	for round := 0; ; round++ {
		batch := make([]store.Item, len(todo))
		for k, i := range todo {
			batch[k] = items[i]
		}
		var res []store.PutResult
		err := retry(ctx, w.log, "storing articles", w.retryFor, func() error {
			var err error
			res, err = w.s.PutArticles(ctx, batch)
			return err
		})
		if err != nil {
			return nil, err
		}
		var again []int
		for k, i := range todo {
			results[i] = res[k]
			if res[k].Err != nil && isConflict(res[k].Err) && round < conflictRetries {
				again = append(again, i)
			}
		}
		if len(again) == 0 {
			return results, nil
		}
		w.log.Info("putting again after a conflict with another worker", "articles", len(again), "round", round+1)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(time.Duration(10*(round+1)) * time.Millisecond):
		}
		todo = again
	}
}

// conflictRetries bounds how often put retries an article PostgreSQL
// rolled back for a conflict.
const conflictRetries = 5

// isConflict reports whether err is PostgreSQL's deadlock_detected
// (40P01) or serialization_failure (40001).
func isConflict(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40P01" || pg.Code == "40001")
}

// codeJob fetches (if the job carries only a URL), reads and codes the
// article a job carries, through the same functions `sitrep ingest` uses. A
// page read with a warning (truncated, a few bad bytes) is stored, as
// ingest stores it.
func (w *worker) codeJob(ctx context.Context, j store.Job) (store.Item, error) {
	if j.Kind != articleJobKind {
		return store.Item{}, fmt.Errorf("job %d: unknown kind %q", j.ID, j.Kind)
	}
	p, err := decodeArticleJob(j.Payload)
	if err != nil {
		return store.Item{}, fmt.Errorf("job %d: %w", j.ID, err)
	}
	var a store.Article
	if p.Record != nil {
		a = store.Article{ExternalID: p.Record.ID, Article: p.Record.article(p.Source)}
	} else {
		a, err = readPage(ctx, w.fetcher, p.Page.page())
		var warn *article.Warning
		if err != nil && !errors.As(err, &warn) {
			return store.Item{}, fmt.Errorf("%s: %w", p.Page.Name, err)
		}
		if err != nil {
			w.log.Warn("stored with a warning", "job", j.ID, "page", p.Page.Name, "err", err)
		}
	}
	return store.Item{Article: a, Events: extract.Extract(a.Article, extract.Options{}).Events}, nil
}

// fail records why a job failed; the queue retries it later, up to its
// attempts.
func (w *worker) fail(ctx context.Context, j store.Job, cause error) {
	w.log.Warn("job failed", "job", j.ID, "attempt", j.Attempt, "err", cause)
	err := retry(ctx, w.log, "failing a job", w.retryFor, func() error {
		return permanentIf(w.s.Fail(ctx, j, cause), store.ErrLostClaim)
	})
	if err != nil {
		w.log.Warn("job not marked failed", "job", j.ID, "err", err)
	}
	w.count(0, 1, "")
}

// release hands jobs back to the queue when a worker stops or gives up:
// Fail with the reason, if the store answers; if not, their lease returns
// them to the queue.
func (w *worker) release(jobs []store.Job, why error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, j := range jobs {
		if err := w.s.Fail(ctx, j, fmt.Errorf("released by worker: %w", why)); err != nil {
			w.log.Warn("job not released; its lease will return it", "job", j.ID, "err", err)
		}
	}
	w.log.Info("released jobs", "n", len(jobs), "why", why)
}

func (w *worker) count(done, failed int, st store.Status) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.done += done
	w.failed += failed
	if st != "" {
		if w.byStatus == nil {
			w.byStatus = map[store.Status]int{}
		}
		w.byStatus[st]++
	}
	w.pr.update(w.done+w.failed, w.failed)
}

// permanentError is an error retry must not retry.
type permanentError struct{ error }

func (p permanentError) Unwrap() error { return p.error }

// permanentIf marks err permanent when it is target.
func permanentIf(err, target error) error {
	if errors.Is(err, target) {
		return permanentError{err}
	}
	return err
}

// retry runs op until it succeeds, returns a permanentError, ctx ends, or
// (when giveUp > 0) giveUp has passed since the first failure. Between
// tries it sleeps 100 ms doubling to 5 s and logs the failure: a database
// restart costs a few log lines and a short wait, not the work in hand.
// database/sql replaces broken connections itself, so retrying the step is
// all reconnecting takes.
func retry(ctx context.Context, log *slog.Logger, what string, giveUp time.Duration, op func() error) error {
	delay := 100 * time.Millisecond
	var first time.Time
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil {
			if attempt > 1 {
				log.Info("database back", "step", what, "attempts", attempt)
			}
			return nil
		}
		var perm permanentError
		if errors.As(err, &perm) {
			return perm.error
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if first.IsZero() {
			first = time.Now()
		}
		if giveUp > 0 && time.Since(first) > giveUp {
			return fmt.Errorf("%s: gave up after %s: %w", what, giveUp, err)
		}
		log.Warn("retrying", "step", what, "attempt", attempt, "in", delay, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 5*time.Second)
	}
}

func init() {
	register(command{name: "worker", order: 42, run: env.cmdWorker,
		summary: "claim queued articles and read, code and store them (one per machine)"})
}
