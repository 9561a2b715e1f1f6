// Package store keeps sitrep's articles, the events coded from them, the
// incidents merged from those events, and a work queue, in SQL.
//
// Two backends sit behind one contract: SQLite, one file and nothing to run,
// for an analyst's laptop (the default); and PostgreSQL, for several machines
// ingesting into one database. Both are plain database/sql with pure-Go
// drivers, so sitrep stays a single cgo-free binary. The same contract tests
// run against both (see store_test.go).
//
// The store is write-once-per-fact: an article put twice changes nothing, an
// updated article replaces its events and keeps its previous version, and
// everything one PutArticle writes is one transaction.
package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"

	// The two database/sql drivers sitrep speaks, both pure Go.
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// DefaultDSN is where the store lives when no DSN is given: a SQLite file in
// the working directory, created on first use.
const DefaultDSN = "./sitrep.db"

// Store is the storage contract. The HTTP API, the ingest command and the
// incident merger are written against it, never against a backend, so a
// deployment can move from one file to a shared PostgreSQL without code
// changes.
//
// It is split by who uses it: Articles for ingest, Events for queries,
// Incidents for what the API and exports show, Queue for distributing work.
type Store interface {
	Articles
	Events
	Incidents
	Queue
	// Close releases the database connections.
	Close() error
}

// Articles writes and reads articles. Writes go through PutArticle and
// PutArticles only, so that an article and its events can never disagree.
type Articles interface {
	// PutArticle stores an article and the events coded from it, in one
	// transaction: on any error nothing has changed.
	//
	// An article already stored — same canonical URL, or same external id,
	// or same normalised text — is recognised. If the incoming copy is not
	// newer (no later Updated time) and its text is the same, nothing is
	// written and the result is Unchanged; re-running an ingest is free. If
	// it is newer or its text differs, the stored version moves to the
	// history (ArticleVersions) and the article's events are replaced. A copy
	// whose Updated time is older than the stored one is Unchanged too: a late
	// crawl of an old version must not undo a correction.
	//
	// A copy recognised by its text alone (a wire story under another
	// outlet's URL) is stored once; its other URL is not recorded.
	PutArticle(ctx context.Context, a Article, events []extract.Event) (PutResult, error)
	// PutArticles is PutArticle for many articles in one transaction, which
	// is what makes bulk ingest fast: one commit (one fsync) per batch rather
	// than per article. Each article is still all-or-nothing — one that fails
	// is rolled back alone, to a savepoint, and its result's Err says why —
	// and the rest are committed together. A non-nil error means the batch
	// as a whole failed (cancelled, connection lost) and nothing was written.
	PutArticles(ctx context.Context, items []Item) ([]PutResult, error)
	// Article returns the article with the given id, or ErrNotFound.
	Article(ctx context.Context, id int64) (StoredArticle, error)
	// ArticleByURL returns the article with the given canonical URL (compared
	// after the same normalisation PutArticle applies), or ErrNotFound.
	ArticleByURL(ctx context.Context, url string) (StoredArticle, error)
	// ListArticles returns articles in id order, limit at a time; pass the
	// page's Next to get the following page ("" starts at the beginning).
	ListArticles(ctx context.Context, cursor string, limit int) (ArticlePage, error)
	// ArticleVersions returns the versions an article's updates replaced,
	// oldest first. The current version is not among them. In each,
	// IngestedAt is when that version was stored and ChangedAt when it was
	// replaced.
	ArticleVersions(ctx context.Context, id int64) ([]StoredArticle, error)
	// SearchArticles finds articles whose title or text contain all the words
	// of q, best match first. q is words, not a query language: punctuation
	// and operators are ignored, so any user input is safe.
	SearchArticles(ctx context.Context, q string, limit int) ([]SearchHit, error)
}

// Events reads the events coded from articles.
type Events interface {
	// ArticleEvents returns one article's events in the order they were put.
	ArticleEvents(ctx context.Context, articleID int64) ([]StoredEvent, error)
	// QueryEvents returns the events matching f in a stable order (by id), a
	// page at a time. Following Next until it is "" returns every matching
	// event exactly once, provided the matching rows do not change meanwhile.
	QueryEvents(ctx context.Context, f EventFilter) (EventPage, error)
}

// Queue is a table of jobs that workers on any number of machines share.
// Each job is handed to one worker at a time; a job a worker has claimed and
// neither completed nor failed within its lease of ten minutes (a crashed
// machine) goes back to the queue, so delivery is exactly once while workers live and at least
// once when they die. Handlers should therefore be idempotent, as PutArticle
// is.
type Queue interface {
	// Enqueue adds a job of the given kind; payload is opaque to the store.
	Enqueue(ctx context.Context, kind string, payload []byte) (int64, error)
	// Claim takes up to n ready jobs for worker, oldest first, and marks them
	// running. It never hands the same job to two workers at once.
	Claim(ctx context.Context, worker string, n int) ([]Job, error)
	// Complete marks a claimed job done. It fails with ErrLostClaim if the
	// claim is no longer this worker's (its lease ran out and another took it).
	Complete(ctx context.Context, j Job) error
	// Fail records cause and puts the job back to run later, with a growing
	// delay, until it has been attempted MaxAttempts times; then it stays
	// failed. Like Complete it needs a live claim.
	Fail(ctx context.Context, j Job, cause error) error
}

// Errors callers test for with errors.Is.
var (
	ErrNotFound  = errors.New("store: not found")
	ErrLostClaim = errors.New("store: job is no longer claimed by this worker")
	// ErrInvalidText is an article or event holding invalid UTF-8 or a NUL
	// byte, which PostgreSQL cannot store; sitrep's reader never produces
	// either.
	ErrInvalidText = errors.New("store: text is not valid UTF-8 or contains NUL")
	// ErrBadCursor is a page cursor the store did not issue (or issued for
	// another sort): cursors come from API query strings, so this is the
	// client's error, not the store's.
	ErrBadCursor = errors.New("store: bad cursor")
)

// Article is what PutArticle stores: an article as read, plus the id the
// record had where it came from (a feed's GUID, a dataset's row id), which
// the article itself does not carry.
type Article struct {
	article.Article
	// ExternalID identifies the record in its source collection; optional.
	// A second record with the same ExternalID is the same article.
	ExternalID string
}

// StoredArticle is an article as the store keeps it.
type StoredArticle struct {
	ID int64
	Article
	// ContentHash is the SHA-256 of the normalised text (see ContentHash);
	// empty for an article without text.
	ContentHash string
	// Simhash is a 64-bit locality-sensitive signature of the text's word
	// shingles: near-duplicates differ in few bits. (Merging compares
	// articles by cluster.SimHash of title and text, kept apart.)
	Simhash int64
	// Version counts the texts this article has had, from 1.
	Version    int
	IngestedAt time.Time // when the article was first stored
	ChangedAt  time.Time // when this version was stored (replaced, for history rows)
}

// Status says what PutArticle did.
type Status string

// The three outcomes of PutArticle.
const (
	Inserted  Status = "inserted"
	Updated   Status = "updated"
	Unchanged Status = "unchanged"
)

// PutResult is the article's id and what PutArticle did with it.
type PutResult struct {
	ID      int64
	Status  Status
	Version int
	// Err is why PutArticles did not store this article; the other fields
	// are then zero. (PutArticle returns it as its error instead.)
	Err error
}

// Item is one article and its events, for PutArticles.
type Item struct {
	Article Article
	Events  []extract.Event
}

// ArticlePage is one page of ListArticles.
type ArticlePage struct {
	Articles []StoredArticle
	Next     string // cursor for the next page; "" after the last
}

// SearchHit is one article SearchArticles found.
type SearchHit struct {
	ID        int64
	Title     string
	URL       string
	Source    string
	Published time.Time
	// Rank orders hits, higher is better; its scale differs by backend.
	Rank float64
}

// StoredEvent is an event as stored, with its place in its article.
type StoredEvent struct {
	ID        int64
	ArticleID int64
	Seq       int // position among the article's events, from 0
	// IncidentID is the incident the event was merged into (see
	// Incidents); every stored event has one.
	IncidentID int64
	extract.Event
}

// MaxEventSpanDays is the longest date range a date filter is exact for. An
// event's range is its date's precision — a day, a week, a month, at most a
// year — so bounding it lets a date window be an index range scan rather
// than a scan of every earlier event.
const MaxEventSpanDays = 366

// EventFilter selects events for QueryEvents. Zero fields do not filter.
type EventFilter struct {
	// From and To (YYYY-MM-DD, inclusive) keep events whose date range
	// overlaps [From, To]. Events without a date never match a date filter,
	// nor do events starting more than MaxEventSpanDays before From.
	From, To  string
	Country   string // ISO 3166-1 alpha-2
	Admin1    string
	Type      string
	Subtype   string
	Certainty string
	// MinKilled keeps events whose lower bound of killed is at least this.
	MinKilled int
	ArticleID int64
	Limit     int    // page size; default 100, at most 1000
	Cursor    string // Next of the previous page
}

// EventPage is one page of QueryEvents.
type EventPage struct {
	Events []StoredEvent
	Next   string // cursor for the next page; "" after the last
}

// Job is a claimed unit of work. Worker and Attempt together are the claim:
// Complete and Fail check them, so a worker whose lease ran out cannot
// finish a job someone else now holds.
type Job struct {
	ID          int64
	Kind        string
	Payload     []byte
	Worker      string
	Attempt     int // 1 on the first claim
	MaxAttempts int
	EnqueuedAt  time.Time
}

// Open opens (creating and migrating on first use) the store named by dsn:
// a postgres:// or postgresql:// URL selects PostgreSQL, anything else is a
// SQLite file path ("" means DefaultDSN). A "file:" URI is passed to SQLite as
// is, with sitrep's pragmas added.
func Open(ctx context.Context, dsn string) (Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	if dsn == "" {
		dsn = DefaultDSN
	}
	return openSQLite(ctx, dsn)
}
