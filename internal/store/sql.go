package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"sitrep/internal/extract"
)

// dialect is what differs between the backends. Everything else — the
// queries, the transaction logic — is shared, with $1-style placeholders,
// which both drivers accept.
type dialect int

const (
	sqliteDialect dialect = iota
	postgresDialect
)

func (d dialect) String() string {
	if d == postgresDialect {
		return "postgres"
	}
	return "sqlite"
}

// sqlStore implements Store over database/sql for both dialects.
type sqlStore struct {
	db      *sql.DB
	dialect dialect
	// lease is how long a claimed job stays with its worker before Claim may
	// hand it to another (see Queue).
	lease time.Duration

	// now and failpoint are seams for tests: a clock to move past a lease,
	// and a hook PutArticle calls between its writes to make one fail.
	now       func() time.Time
	failpoint func(step string) error

	findArticle, insertArticle *sql.Stmt

	// Caches of what merging reads most (see merge.go).
	tokens   tokenCache
	vocab    vocabHolder
	prepared stmts
	reads    readStmts // the read paths' (readstmt.go)

	// dsn is the SQLite DSN the pool opened (pragmas included), for the
	// change signal's own connection; "" on PostgreSQL.
	dsn     string
	changes changeSignal

	// lastFold is when this store last folded the actor rollups' deltas
	// (UnixNano; see maybeFoldRollups).
	lastFold atomic.Int64
}

const defaultLease = 10 * time.Minute

func newSQLStore(ctx context.Context, db *sql.DB, d dialect) (*sqlStore, error) {
	s := &sqlStore{db: db, dialect: d, lease: defaultLease, now: time.Now}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connecting to %s: %w", d, err)
	}
	if _, err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// The statements every PutArticle runs are prepared once: on SQLite
	// that saves parsing them per article (pgx caches statements itself).
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&s.findArticle, findArticleSQL},
		{&s.insertArticle, insertArticleSQL},
	} {
		st, err := db.PrepareContext(ctx, p.sql)
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("store: preparing %q: %w", p.sql, err)
		}
		*p.stmt = st
	}
	return s, nil
}

// Close closes the database; on SQLite it first lets the query planner
// refresh the statistics it needs (cheap, and recommended before closing).
func (s *sqlStore) Close() error {
	s.prepared.mu.Lock()
	for _, st := range s.prepared.m {
		st.Close()
	}
	s.prepared.m = nil
	s.prepared.mu.Unlock()
	s.reads.mu.Lock()
	for _, el := range s.reads.m {
		el.Value.(*readStmt).st.Close()
	}
	s.reads.m = nil
	s.reads.lru.Init()
	s.reads.mu.Unlock()
	if s.dialect == sqliteDialect {
		s.db.Exec(`PRAGMA optimize`)
	}
	s.changes.close()
	return s.db.Close()
}

// clock is the current time as both backends keep it: UTC, microseconds
// (PostgreSQL's precision), so a value reads back as it was written.
func (s *sqlStore) clock() time.Time { return storedTime(s.now()) }

// sqliteTime is how SQLite keeps times: fixed-width text, so comparing the
// strings compares the times.
const sqliteTime = "2006-01-02T15:04:05.000000Z"

// tv turns a time into a query argument; the zero time is NULL.
func (s *sqlStore) tv(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = storedTime(t)
	if s.dialect == sqliteDialect {
		return t.Format(sqliteTime)
	}
	return t
}

// storedTime is t as it reads back from either backend: UTC, microseconds.
func storedTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Microsecond)
}

// timeParam is placeholder $n where PostgreSQL cannot infer it is a time
// (a CASE branch); SQLite's times are text anyway.
func (s *sqlStore) timeParam(n int) string {
	if s.dialect == postgresDialect {
		return "CAST($" + strconv.Itoa(n) + " AS TIMESTAMPTZ)"
	}
	return "$" + strconv.Itoa(n)
}

// timeCol scans a time column of either backend; NULL is the zero time.
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	switch x := v.(type) {
	case nil:
		*c.t = time.Time{}
	case time.Time:
		*c.t = x.UTC()
	case string:
		return c.parse(x)
	case []byte:
		return c.parse(string(x))
	default:
		return fmt.Errorf("store: cannot read %T as a time", v)
	}
	return nil
}

func (c timeCol) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("store: bad time %q: %w", s, err)
	}
	*c.t = t.UTC()
	return nil
}

// nullable turns "" into NULL, for the columns where absent is not a value:
// a UNIQUE url or external id may be missing from many rows.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// inTx runs fn in a transaction, committing if it returns nil and rolling
// back otherwise — including when ctx is cancelled part-way.
func (s *sqlStore) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.maybeFoldRollups(ctx)
	return nil
}

func (s *sqlStore) fail(step string) error {
	if s.failpoint == nil {
		return nil
	}
	return s.failpoint(step)
}

// --- articles ---

const articleCols = `id, external_id, source, url, title, subtitle, byline, dateline,
	published, updated, language, tags, text, content_hash, simhash, version, ingested_at, changed_at`

// findArticleSQL looks an article up by each of its identities at once; the
// URL wins over the external id, which wins over the text.
const findArticleSQL = `SELECT id, version, updated, content_hash FROM articles
	WHERE url = $1 OR external_id = $2 OR content_hash = $3
	ORDER BY CASE WHEN url = $1 THEN 0 WHEN external_id = $2 THEN 1 ELSE 2 END, id
	LIMIT 1`

const insertArticleSQL = `INSERT INTO articles (external_id, source, url, title, subtitle,
	byline, dateline, published, updated, language, tags, text, content_hash, simhash,
	version, ingested_at, changed_at, signature, tokens)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $15, $16, $17)
	RETURNING id`

// findOrInsertFileSQL is findArticleSQL and insertArticleSQL (whose
// arguments it takes) in one statement, for PostgreSQL, where each is a
// round trip: it returns the stored article found, or inserts one when
// none is and returns that, with inserted true. SQLite has no INSERT in
// WITH, and no round trips to save.
//
// The lookup is findArticleSQL's as one index lookup per identity, the
// first identity that finds any row winning (the same row findArticleSQL
// picks: no row matches an earlier identity, so every row of the winning
// lookup has its rank). Written with OR, the writer's generic plan (see
// PutArticles), made while the table was small, was a sequential scan of
// articles kept as the table grew: one whole scan an article, 40 % of
// the server's time in a gva ingest. An equality on one index's key is
// an index lookup at any size.
//
// When it inserts, it also files the new article's near-duplicate bands
// ($18, an array; $19 its week) and returns the articles sharing a band
// with it within a week ($20 to $21) — nearDuplicates' work, which was a
// round trip more for every new article. Those come as rows of their own
// with their signature (inserted NULL); a found article's update finds
// them itself. The snapshot sees neither the new article nor its bands.
const findOrInsertFileSQL = `WITH found AS (SELECT id, version, updated, content_hash FROM (
	(SELECT id, version, updated, content_hash, 0 AS k FROM articles WHERE url = $3)
	UNION ALL (SELECT id, version, updated, content_hash, 1 FROM articles WHERE external_id = $1)
	UNION ALL (SELECT id, version, updated, content_hash, 2 FROM articles WHERE content_hash = $13)) f
	ORDER BY k, id LIMIT 1),
	ins AS (INSERT INTO articles (external_id, source, url, title, subtitle,
	byline, dateline, published, updated, language, tags, text, content_hash, simhash,
	version, ingested_at, changed_at, signature, tokens)
	SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1, $15, $15, $16, $17
	WHERE NOT EXISTS (SELECT 1 FROM found)
	RETURNING id),
	bands AS (INSERT INTO article_bands (key, week, article_id)
	SELECT k, $19, ins.id FROM ins, unnest(CAST($18 AS BIGINT[])) AS k ON CONFLICT DO NOTHING),
	near AS (SELECT DISTINCT a.id, a.signature FROM article_bands b
	JOIN articles a ON a.id = b.article_id
	WHERE b.key = ANY(CAST($18 AS BIGINT[])) AND b.week BETWEEN $20 AND $21 AND EXISTS (SELECT 1 FROM ins))
	SELECT id, version, updated, content_hash, FALSE, CAST(NULL AS BIGINT) FROM found
	UNION ALL SELECT id, 1, NULL, NULL, TRUE, NULL FROM ins
	UNION ALL SELECT id, 0, NULL, NULL, NULL, signature FROM near`

// The previous version goes to history as it stands; its changed_at (when
// it was stored) becomes the history row's ingested_at.
const saveVersionSQL = `INSERT INTO article_versions (article_id, version, external_id,
	source, url, title, subtitle, byline, dateline, published, updated, language, tags,
	text, content_hash, simhash, ingested_at, replaced_at)
	SELECT id, version, external_id, source, url, title, subtitle, byline, dateline,
	published, updated, language, tags, text, content_hash, simhash, changed_at, $2
	FROM articles WHERE id = $1`

// An update keeps identities and dates the new copy lacks.
const updateArticleSQL = `UPDATE articles SET
	external_id = COALESCE($2, external_id), source = $3, url = COALESCE($4, url),
	title = $5, subtitle = $6, byline = $7, dateline = $8,
	published = COALESCE($9, published), updated = COALESCE($10, updated),
	language = $11, tags = $12, text = $13, content_hash = $14, simhash = $15,
	version = version + 1, changed_at = $16, signature = $17, tokens = $18
	WHERE id = $1
	RETURNING version`

// articleRow is an Article reduced to column values, computed before the
// transaction starts so the transaction holds its locks only for writing.
type articleRow struct {
	a       Article
	url     string
	hash    string
	simhash int64
	tags    string
	events  []eventRow
	merge   mergeInfo
}

type eventRow struct {
	e    extract.Event
	data string
}

func makeArticleRow(a Article, events []extract.Event, now time.Time) (articleRow, error) {
	if err := checkText(a); err != nil {
		return articleRow{}, err
	}
	// Times as the store keeps them, so that comparing a re-put copy with
	// the stored one is not thrown by nanoseconds the store dropped.
	a.Published = storedTime(a.Published)
	a.Updated = storedTime(a.Updated)
	ws := words(a.Text)
	r := articleRow{a: a, url: NormalizeURL(a.URL), hash: contentHash(ws), simhash: simhash(ws)}
	tags := a.Tags
	if tags == nil {
		tags = []string{}
	}
	b, err := json.Marshal(tags)
	if err != nil {
		return r, err
	}
	r.tags = string(b)
	r.merge = makeMergeInfo(a, events, now)
	for i, e := range events {
		// Evidence has its own table; the JSON holds the rest.
		d := e
		d.Evidence = nil
		b, err := json.Marshal(d)
		if err != nil {
			return r, fmt.Errorf("store: event %d: %w", i, err)
		}
		// PostgreSQL's jsonb refuses \u0000; refuse it on both backends.
		if bytes.Contains(b, []byte(`\u0000`)) {
			return r, fmt.Errorf("store: event %d: %w", i, ErrInvalidText)
		}
		for j, ev := range e.Evidence {
			if !validText(ev.Text) {
				return r, fmt.Errorf("store: event %d evidence %d: %w", i, j, ErrInvalidText)
			}
		}
		r.events = append(r.events, eventRow{e: e, data: string(b)})
	}
	return r, nil
}

// checkText refuses text PostgreSQL cannot store — invalid UTF-8 or NUL —
// on both backends, so the contract does not depend on the backend. The
// text is not repaired: evidence offsets point into it byte by byte.
func checkText(a Article) error {
	for _, f := range []struct{ name, v string }{
		{"source", a.Source}, {"title", a.Title}, {"subtitle", a.Subtitle}, {"byline", a.Byline},
		{"dateline", a.Dateline}, {"language", a.Language}, {"url", a.URL}, {"text", a.Text},
		{"external id", a.ExternalID},
	} {
		if !validText(f.v) {
			return fmt.Errorf("store: article %s: %w", f.name, ErrInvalidText)
		}
	}
	for _, t := range a.Tags {
		if !validText(t) {
			return fmt.Errorf("store: article tag: %w", ErrInvalidText)
		}
	}
	return nil
}

func validText(s string) bool { return utf8.ValidString(s) && !strings.Contains(s, "\x00") }

func (s *sqlStore) PutArticle(ctx context.Context, a Article, events []extract.Event) (PutResult, error) {
	r, err := makeArticleRow(a, events, s.clock())
	if err != nil {
		return PutResult{}, err
	}
	var res PutResult
	b := newBatch(s.vocab.current())
	r.merge.numberTokens(b.v)
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.lockIdentities(ctx, tx, []*articleRow{&r}); err != nil {
			return err
		}
		var err error
		if res, err = s.putArticle(ctx, tx, b, &r); err != nil {
			return err
		}
		b.commitStage()
		if err := s.reconcileBatch(ctx, tx, b); err != nil {
			return err
		}
		return s.flushDF(ctx, tx, b)
	})
	s.afterMerge(b, err)
	if err != nil {
		return PutResult{}, fmt.Errorf("store: putting article %q: %w", r.name(), err)
	}
	return res, nil
}

// madeRow is makeArticleRow's result for one item.
type madeRow struct {
	r   articleRow
	err error
}

// makeArticleRows runs makeArticleRow for every item, on all cores:
// hashing, tokenising and encoding a batch's articles was 5% of the single
// writer's CPU in a profile of the gva ingest, and none of it needs the
// transaction. The clock is read once per item, in order, as when they
// were made one by one.
func makeArticleRows(items []Item, clock func() time.Time, v *vocab) []madeRow {
	out := make([]madeRow, len(items))
	nows := make([]time.Time, len(items))
	for i := range items {
		nows[i] = clock()
	}
	workers := min(runtime.GOMAXPROCS(0), len(items))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(items) {
					return
				}
				out[i].r, out[i].err = makeArticleRow(items[i].Article, items[i].Events, nows[i])
				if out[i].err == nil {
					out[i].r.merge.numberTokens(v)
				}
			}
		})
	}
	wg.Wait()
	return out
}

func (s *sqlStore) PutArticles(ctx context.Context, items []Item) ([]PutResult, error) {
	results := make([]PutResult, len(items))
	rows := make([]*articleRow, 0, len(items))
	index := make([]int, 0, len(items)) // rows[k] is items[index[k]]
	v := s.vocab.current()
	made := makeArticleRows(items, s.clock, v)
	for i := range items {
		if made[i].err != nil {
			results[i].Err = made[i].err
			continue
		}
		rows = append(rows, &made[i].r)
		index = append(index, i)
	}
	// Nearly every batch puts every article: it runs first without a
	// savepoint an article, which on PostgreSQL was a round trip an
	// article (a sixth of an ingest's). If an article fails, that
	// transaction is rolled back whole and the batch put again with them,
	// so that the failing article is undone alone, as before.
	err := s.putRows(ctx, v, rows, index, results, false)
	if errors.Is(err, errArticleFailed) {
		err = s.putRows(ctx, v, rows, index, results, true)
	}
	if err != nil {
		return nil, fmt.Errorf("store: putting %d articles: %w", len(items), err)
	}
	return results, nil
}

// errArticleFailed is why putRows without savepoints gave up: an
// article failed, and only a savepoint can undo it alone.
var errArticleFailed = errors.New("an article failed")

// putRows puts rows in one transaction, each result in results (at
// index[k] for rows[k]). With savepoints, an article that fails is
// undone alone and its result says why; without, putRows rolls back
// everything and returns errArticleFailed.
func (s *sqlStore) putRows(ctx context.Context, v *vocab, rows []*articleRow, index []int, results []PutResult, savepoints bool) error {
	b := newBatch(v)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		locked, err := s.lockIdentities(ctx, tx, rows)
		if err != nil {
			return err
		}
		if err := s.prefetchCounts(ctx, tx, b, rows); err != nil {
			return err
		}
		// Each article runs in a savepoint, so one that fails is undone
		// alone. On PostgreSQL every statement is a round trip, and these
		// were two an article: releasing one article's savepoint and
		// opening the next's go as one multi-statement Exec (sent in the
		// simple protocol, having no arguments; SQLite runs both as well).
		open := `SAVEPOINT put_article`
		if s.dialect == postgresDialect {
			// The store's connections plan every run of a prepared
			// statement for its arguments (see openPostgres), for the
			// read paths. The writer's statements are lookups by key,
			// and so are the foreign-key checks and trigger statements
			// each of its inserts runs, which that re-planned every
			// time: planning was a quarter of the server's work in an
			// ingest. In this transaction PostgreSQL may keep a generic
			// plan. Sent with the first savepoint, or with the locks
			// (lockIdentities): no round trip more.
			open = `SET LOCAL plan_cache_mode = auto; ` + open
			if !savepoints && !locked {
				if _, err := tx.ExecContext(ctx, `SET LOCAL plan_cache_mode = auto`); err != nil {
					return err
				}
			}
		}
		for k, r := range rows {
			i := index[k]
			if savepoints {
				if _, err := tx.ExecContext(ctx, open); err != nil {
					return err
				}
			}
			res, err := s.putArticle(ctx, tx, b, r)
			if err != nil {
				b.dropStage()
				if ctx.Err() != nil {
					return ctx.Err()
				}
				if !savepoints {
					return fmt.Errorf("%w: %q: %w", errArticleFailed, r.name(), err)
				}
				if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT put_article`); rerr != nil {
					// Some errors (SQLite's "database or disk is full",
					// a lost connection) end the whole transaction, taking
					// the savepoint with it: the article's own error is
					// the one to report, and the batch fails as a whole.
					return fmt.Errorf("putting article %q: %w", r.name(), err)
				}
				res = PutResult{Err: fmt.Errorf("store: putting article %q: %w", r.name(), err)}
			} else {
				b.commitStage()
			}
			results[i] = res
			open = `RELEASE SAVEPOINT put_article; SAVEPOINT put_article`
		}
		if savepoints && len(rows) > 0 {
			if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT put_article`); err != nil {
				return err
			}
		}
		if err := s.reconcileBatch(ctx, tx, b); err != nil {
			return err
		}
		return s.flushDF(ctx, tx, b)
	})
	s.afterMerge(b, err)
	return err
}

// name is how errors refer to the article.
func (r *articleRow) name() string {
	return firstNonEmpty(r.url, r.a.ExternalID, r.a.Source, r.a.Title)
}

// putArticle is PutArticle's work inside the caller's transaction, after
// lockIdentities.
func (s *sqlStore) putArticle(ctx context.Context, tx *sql.Tx, b *batch, r *articleRow) (PutResult, error) {
	now := s.clock()
	var (
		id       int64
		version  int
		updated  time.Time
		prevHash sql.NullString
	)
	insertArgs := []any{nullable(r.a.ExternalID), r.a.Source, nullable(r.url), r.a.Title, r.a.Subtitle,
		r.a.Byline, r.a.Dateline, s.tv(r.a.Published), s.tv(r.a.Updated), r.a.Language,
		r.tags, r.a.Text, nullable(r.hash), r.simhash, s.tv(now),
		int64(r.merge.sig), strings.Join(r.merge.tokens, " ")}
	var err error
	inserted := false
	var filed *[]int64 // near-duplicates found as the article was inserted
	if s.dialect == postgresDialect {
		filed, err = s.findOrInsert(ctx, tx, r, insertArgs, &id, &version, &updated, &prevHash, &inserted)
	} else {
		err = tx.StmtContext(ctx, s.findArticle).QueryRowContext(ctx,
			nullable(r.url), nullable(r.a.ExternalID), nullable(r.hash),
		).Scan(&id, &version, timeCol{&updated}, &prevHash)
		if errors.Is(err, sql.ErrNoRows) {
			err = tx.StmtContext(ctx, s.insertArticle).QueryRowContext(ctx, insertArgs...).Scan(&id)
			inserted = err == nil
		}
	}
	switch {
	case inserted:
		version = 1
		if err := s.fail("article"); err != nil {
			return PutResult{}, err
		}
		eventIDs, err := s.putEvents(ctx, tx, id, r.events)
		if err != nil {
			return PutResult{}, err
		}
		if err := s.mergeArticle(ctx, tx, b, id, r, eventIDs, false, nil, "", filed); err != nil {
			return PutResult{}, err
		}
		if err := s.fail("merge"); err != nil {
			return PutResult{}, err
		}
		return PutResult{ID: id, Status: Inserted, Version: version}, nil
	case err != nil:
		return PutResult{}, err
	}

	newer := !r.a.Updated.IsZero() && r.a.Updated.After(updated)
	older := !r.a.Updated.IsZero() && !updated.IsZero() && r.a.Updated.Before(updated)
	if older || (!newer && prevHash.String == r.hash) {
		return PutResult{ID: id, Status: Unchanged, Version: version}, nil
	}
	if _, err := tx.ExecContext(ctx, saveVersionSQL, id, s.tv(now)); err != nil {
		return PutResult{}, err
	}
	// The incidents the old events reported are recomputed after the new
	// ones are merged; the old tokens stop counting.
	old, oldTokens, err := s.oldMerge(ctx, tx, id)
	if err != nil {
		return PutResult{}, err
	}
	// Cascades to the events' evidence and incident links: the merger links
	// the new events afresh.
	if _, err := tx.ExecContext(ctx, `DELETE FROM events WHERE article_id = $1`, id); err != nil {
		return PutResult{}, err
	}
	err = tx.QueryRowContext(ctx, updateArticleSQL, id,
		nullable(r.a.ExternalID), r.a.Source, nullable(r.url), r.a.Title, r.a.Subtitle,
		r.a.Byline, r.a.Dateline, s.tv(r.a.Published), s.tv(r.a.Updated), r.a.Language,
		r.tags, r.a.Text, nullable(r.hash), r.simhash, s.tv(now),
		int64(r.merge.sig), strings.Join(r.merge.tokens, " "),
	).Scan(&version)
	if err != nil {
		return PutResult{}, err
	}
	if err := s.fail("article"); err != nil {
		return PutResult{}, err
	}
	eventIDs, err := s.putEvents(ctx, tx, id, r.events)
	if err != nil {
		return PutResult{}, err
	}
	if err := s.mergeArticle(ctx, tx, b, id, r, eventIDs, true, old, oldTokens, nil); err != nil {
		return PutResult{}, err
	}
	return PutResult{ID: id, Status: Updated, Version: version}, nil
}

// findOrInsert runs findOrInsertFileSQL for r (insertArgs its first 17
// arguments), scanning the article's row into the rest; when it inserted
// the article, it returns its near-duplicates (see nearest).
func (s *sqlStore) findOrInsert(ctx context.Context, tx *sql.Tx, r *articleRow, insertArgs []any,
	id *int64, version *int, updated *time.Time, prevHash *sql.NullString, inserted *bool) (*[]int64, error) {
	keys := bandKeys(r.merge.sig)
	list := make([]string, len(keys))
	for i, k := range keys {
		list[i] = strconv.FormatInt(k, 10)
	}
	week := days(r.merge.pub) / 7
	args := append(insertArgs[:len(insertArgs):len(insertArgs)], "{"+strings.Join(list, ",")+"}", week, week-1, week+1)
	rows, err := s.stmt(ctx, tx, findOrInsertFileSQL).QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	// The article's row is the one whose inserted column is not NULL.
	var found []storedSig
	got := false
	for rows.Next() {
		var (
			c   storedSig
			v   int
			u   time.Time
			h   sql.NullString
			ins sql.NullBool
		)
		if err := rows.Scan(&c.id, &v, timeCol{&u}, &h, &ins, &c.sig); err != nil {
			return nil, err
		}
		if !ins.Valid {
			found = append(found, c)
			continue
		}
		*id, *version, *updated, *prevHash, *inserted = c.id, v, u, h, ins.Bool
		got = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !got {
		return nil, sql.ErrNoRows
	}
	if !*inserted {
		return nil, nil
	}
	dups := nearest(r, found)
	return &dups, nil
}

// lockIdentities, on PostgreSQL, takes a transaction-scoped advisory lock
// on each identity (URL, external id, text hash) of the articles about to be
// put. Without it two machines putting the same new article at once would
// both find nothing and both insert; with it the second waits, then finds
// the first's row. It takes the merge locks too (see mergeLockKeys). The
// locks are taken in one statement in sorted order, so two transactions
// cannot deadlock on them. (SQLite has one writer at a time already.)
// It reports whether it set plan_cache_mode (see putRows).
func (s *sqlStore) lockIdentities(ctx context.Context, tx *sql.Tx, rows []*articleRow) (bool, error) {
	if s.dialect != postgresDialect {
		return false, nil
	}
	exclusive := map[int64]bool{}
	for _, r := range rows {
		for _, id := range []string{"url\x00" + r.url, "ext\x00" + r.a.ExternalID, "hash\x00" + r.hash} {
			if strings.HasSuffix(id, "\x00") {
				continue
			}
			h := fnv.New64a()
			h.Write([]byte("sitrep.article\x00" + id))
			exclusive[int64(h.Sum64())] = true
		}
		mergeLockKeys(r, exclusive)
	}
	if len(exclusive) == 0 {
		return false, nil
	}
	keys := make([]int64, 0, len(exclusive))
	for k := range exclusive {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	list := make([]string, len(keys))
	modes := make([]string, len(keys))
	for i, k := range keys {
		list[i] = strconv.FormatInt(k, 10)
		modes[i] = strconv.FormatBool(exclusive[k])
	}
	// PostgreSQL evaluates a volatile function in the select list after
	// ORDER BY, so the locks are taken in key order, all in one order
	// whatever their kind. The statement also lets the transaction's
	// statements keep a generic plan (see putRows) without a round trip
	// of its own: it returns true when it ran.
	_, err := tx.ExecContext(ctx, `SELECT CASE WHEN x THEN pg_advisory_xact_lock(k) ELSE pg_advisory_xact_lock_shared(k) END,
		set_config('plan_cache_mode', 'auto', true)
		FROM unnest(CAST($1 AS BIGINT[]), CAST($2 AS BOOLEAN[])) AS t (k, x) ORDER BY k`,
		"{"+strings.Join(list, ",")+"}", "{"+strings.Join(modes, ",")+"}")
	return true, err
}

// putEvents writes an article's events with one multi-row INSERT, and all
// their evidence with another: two statements per article whatever its
// size (on PostgreSQL one, see putEventsArrays).
func (s *sqlStore) putEvents(ctx context.Context, tx *sql.Tx, articleID int64, events []eventRow) ([]int64, error) {
	if len(events) == 0 {
		return nil, nil
	}
	// On PostgreSQL, the events and their evidence go in one statement
	// whatever their number (see putEventsArrays).
	if s.dialect == postgresDialect {
		return s.putEventsArrays(ctx, tx, articleID, events)
	}
	const eventCols = 19
	ids := make([]int64, len(events))
	for lo := 0; lo < len(events); lo += maxRowsPerInsert {
		chunk := events[lo:min(lo+maxRowsPerInsert, len(events))]
		args := make([]any, 0, eventCols*len(chunk))
		for i, er := range chunk {
			args = appendEventArgs(args, articleID, lo+i, er)
		}
		q := `INSERT INTO events (article_id, seq, type, subtype,
			attack_type, date_start, date_end, date_precision, location, country, admin1, lat, lon,
			killed_min, killed_max, wounded_min, wounded_max, certainty, data)
			VALUES ` + valuesList(len(chunk), eventCols) + ` RETURNING id, seq`
		rows, err := s.stmtRows(ctx, tx, q, len(chunk)).QueryContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		for rows.Next() {
			var id int64
			var seq int
			if err := rows.Scan(&id, &seq); err != nil {
				rows.Close()
				return nil, err
			}
			ids[seq] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
	}
	if err := s.fail("event"); err != nil {
		return nil, err
	}

	const evidenceCols = 5
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		n := len(args) / evidenceCols
		_, err := s.stmtRows(ctx, tx, `INSERT INTO evidence (event_id, seq, start_offset, end_offset, text)
			VALUES `+valuesList(n, evidenceCols), n).ExecContext(ctx, args...)
		args = args[:0]
		if err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
		return nil
	}
	for i, er := range events {
		for j, ev := range er.e.Evidence {
			args = append(args, ids[i], j, ev.Start, ev.End, ev.Text)
			if len(args) == evidenceCols*maxRowsPerInsert {
				if err := flush(); err != nil {
					return nil, err
				}
			}
		}
	}
	return ids, flush()
}

// appendEventArgs appends the events row of er, the article's seq-th
// event, in the order of the events INSERT's columns.
func appendEventArgs(args []any, articleID int64, seq int, er eventRow) []any {
	e := er.e
	var attack, start, end, lat, lon any
	prec := ""
	if e.AttackType != nil {
		attack = *e.AttackType
	}
	if e.Date != nil {
		start, end, prec = nullable(e.Date.Start), nullable(e.Date.End), e.Date.Precision
	}
	var place, country, admin1 string
	if l := e.Location; l != nil {
		place, country, admin1 = l.Name, l.Country, l.Admin1
		if l.Lat != nil {
			lat = *l.Lat
		}
		if l.Lon != nil {
			lon = *l.Lon
		}
	}
	kmin, kmax := countCols(e.Killed)
	wmin, wmax := countCols(e.Wounded)
	return append(args, articleID, seq, e.Type, e.Subtype, attack,
		start, end, prec, place, country, admin1, lat, lon,
		kmin, kmax, wmin, wmax, e.Certainty, er.data)
}

// putEventsArraysSQL inserts an article's events ($1 the article; $2 on,
// one array a column, in the order of appendEventArgs) and their evidence
// ($20 on: its order, event seq, seq, offsets and text), returning the
// events' ids and seqs. Rows go in in array order, so the ids come out
// as from a multi-row VALUES; its text is the same for any number of
// rows, so it is parsed and prepared once a connection, where a VALUES
// list was a statement for each count of events and evidence.
const putEventsArraysSQL = `WITH ev AS (INSERT INTO events (article_id, seq, type, subtype,
	attack_type, date_start, date_end, date_precision, location, country, admin1, lat, lon,
	killed_min, killed_max, wounded_min, wounded_max, certainty, data)
	SELECT $1, seq, type, subtype, attack_type, date_start, date_end, date_precision, location, country,
	admin1, lat, lon, killed_min, killed_max, wounded_min, wounded_max, certainty, CAST(data AS JSONB)
	FROM unnest(CAST($2 AS INTEGER[]), CAST($3 AS TEXT[]), CAST($4 AS TEXT[]), CAST($5 AS TEXT[]),
	CAST($6 AS TEXT[]), CAST($7 AS TEXT[]), CAST($8 AS TEXT[]), CAST($9 AS TEXT[]), CAST($10 AS TEXT[]),
	CAST($11 AS TEXT[]), CAST($12 AS DOUBLE PRECISION[]), CAST($13 AS DOUBLE PRECISION[]),
	CAST($14 AS INTEGER[]), CAST($15 AS INTEGER[]), CAST($16 AS INTEGER[]), CAST($17 AS INTEGER[]),
	CAST($18 AS TEXT[]), CAST($19 AS TEXT[])) WITH ORDINALITY
	AS x (seq, type, subtype, attack_type, date_start, date_end, date_precision, location, country,
	admin1, lat, lon, killed_min, killed_max, wounded_min, wounded_max, certainty, data, k)
	ORDER BY k
	RETURNING id, seq), evi AS (
	INSERT INTO evidence (event_id, seq, start_offset, end_offset, text)
	SELECT ev.id, x.seq, x.s, x.e, x.t FROM ev
	JOIN unnest(CAST($20 AS INTEGER[]), CAST($21 AS INTEGER[]), CAST($22 AS INTEGER[]),
	CAST($23 AS INTEGER[]), CAST($24 AS INTEGER[]), CAST($25 AS TEXT[])) AS x (k, ev_seq, seq, s, e, t)
	ON x.ev_seq = ev.seq
	ORDER BY x.k)
	SELECT id, seq FROM ev`

// putEventsArrays is putEvents on PostgreSQL: one statement an article
// (putEventsArraysSQL).
func (s *sqlStore) putEventsArrays(ctx context.Context, tx *sql.Tx, articleID int64, events []eventRow) ([]int64, error) {
	const cols = len(eventColKinds)
	colArrays := make([][]any, cols)
	row := make([]any, 0, cols+1)
	for i, er := range events {
		row = appendEventArgs(row[:0], articleID, i, er)
		for c := range cols {
			colArrays[c] = append(colArrays[c], row[c+1])
		}
	}
	args := []any{articleID}
	for c, col := range colArrays {
		a, err := pgArray(col, eventColKinds[c])
		if err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		args = append(args, a)
	}
	var evK, evSeq, seq, start, end []int64
	var text []string
	for i, er := range events {
		for j, ev := range er.e.Evidence {
			evK, evSeq, seq = append(evK, int64(len(evK))), append(evSeq, int64(i)), append(seq, int64(j))
			start, end, text = append(start, int64(ev.Start)), append(end, int64(ev.End)), append(text, ev.Text)
		}
	}
	args = append(args, evK, evSeq, seq, start, end, text)
	ids := make([]int64, len(events))
	rows, err := s.stmt(ctx, tx, putEventsArraysSQL).QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	for rows.Next() {
		var id int64
		var sq int
		if err := rows.Scan(&id, &sq); err != nil {
			rows.Close()
			return nil, err
		}
		ids[sq] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	if err := s.fail("event"); err != nil {
		return nil, err
	}
	return ids, nil
}

// pgArray is a column of appendEventArgs' values as a typed slice pgx
// sends as an array: text, float or integer, a nil pointer for NULL.
func pgArray(col []any, kind reflect.Kind) (any, error) {
	switch kind {
	case reflect.String:
		out := make([]*string, len(col))
		for i, v := range col {
			if v != nil {
				x := reflect.ValueOf(v).String()
				out[i] = &x
			}
		}
		return out, nil
	case reflect.Float64:
		out := make([]*float64, len(col))
		for i, v := range col {
			if v != nil {
				x := reflect.ValueOf(v).Float()
				out[i] = &x
			}
		}
		return out, nil
	case reflect.Int:
		out := make([]*int64, len(col))
		for i, v := range col {
			if v != nil {
				x := reflect.ValueOf(v).Int()
				out[i] = &x
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("no array for a column of %s", kind)
}

// eventColKinds are the kinds of appendEventArgs' columns after the
// article id, as putEventsArraysSQL casts them.
var eventColKinds = [...]reflect.Kind{reflect.Int, reflect.String, reflect.String, reflect.String,
	reflect.String, reflect.String, reflect.String, reflect.String, reflect.String, reflect.String,
	reflect.Float64, reflect.Float64, reflect.Int, reflect.Int, reflect.Int, reflect.Int,
	reflect.String, reflect.String}

// maxRowsPerInsert keeps a multi-row INSERT well under both databases'
// limits on parameters per statement (SQLite 32766, PostgreSQL 65535).
const maxRowsPerInsert = 500

// valuesList is "($1, $2), ($3, $4)" for rows rows of cols columns.
func valuesList(rows, cols int) string {
	var b strings.Builder
	n := 1
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			n++
		}
		b.WriteByte(')')
	}
	return b.String()
}

func countCols(c *extract.Count) (lo, hi any) {
	if c == nil {
		return nil, nil
	}
	if c.Max != nil {
		hi = *c.Max
	}
	return c.Min, hi
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

type scanner interface{ Scan(dest ...any) error }

func scanArticle(row scanner) (StoredArticle, error) {
	var (
		a                  StoredArticle
		ext, url, hash     sql.NullString
		simhash            sql.NullInt64
		tags               []byte
		published, updated time.Time
	)
	err := row.Scan(&a.ID, &ext, &a.Source, &url, &a.Title, &a.Subtitle, &a.Byline,
		&a.Dateline, timeCol{&published}, timeCol{&updated}, &a.Language, &tags, &a.Text,
		&hash, &simhash, &a.Version, timeCol{&a.IngestedAt}, timeCol{&a.ChangedAt})
	if err != nil {
		return a, err
	}
	a.ExternalID, a.URL, a.ContentHash, a.Simhash = ext.String, url.String, hash.String, simhash.Int64
	a.Published, a.Updated = published, updated
	if err := json.Unmarshal(tags, &a.Tags); err != nil {
		return a, fmt.Errorf("store: article %d tags: %w", a.ID, err)
	}
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
	return a, nil
}

func (s *sqlStore) oneArticle(ctx context.Context, where string, arg any) (StoredArticle, error) {
	a, err := scanArticle(s.db.QueryRowContext(ctx, `SELECT `+articleCols+` FROM articles WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return a, ErrNotFound
	}
	return a, err
}

func (s *sqlStore) Article(ctx context.Context, id int64) (StoredArticle, error) {
	return s.oneArticle(ctx, `id = $1`, id)
}

func (s *sqlStore) ArticleByURL(ctx context.Context, url string) (StoredArticle, error) {
	return s.oneArticle(ctx, `url = $1`, NormalizeURL(url))
}

func (s *sqlStore) ListArticles(ctx context.Context, cursor string, limit int) (ArticlePage, error) {
	after, err := parseCursor(cursor)
	if err != nil {
		return ArticlePage{}, err
	}
	limit = pageSize(limit)
	rows, err := s.db.QueryContext(ctx, `SELECT `+articleCols+` FROM articles
		WHERE id > $1 ORDER BY id LIMIT $2`, after, limit+1)
	if err != nil {
		return ArticlePage{}, err
	}
	defer rows.Close()
	var page ArticlePage
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return ArticlePage{}, err
		}
		page.Articles = append(page.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return ArticlePage{}, err
	}
	if len(page.Articles) > limit {
		page.Articles = page.Articles[:limit]
		page.Next = strconv.FormatInt(page.Articles[limit-1].ID, 10)
	}
	return page, nil
}

func (s *sqlStore) ArticleVersions(ctx context.Context, id int64) ([]StoredArticle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT article_id, external_id, source, url, title,
		subtitle, byline, dateline, published, updated, language, tags, text, content_hash,
		simhash, version, ingested_at, replaced_at
		FROM article_versions WHERE article_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredArticle
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *sqlStore) SearchArticles(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	ws := searchWords(q)
	if len(ws) == 0 {
		return nil, nil
	}
	limit = pageSize(limit)
	var query string
	var arg string
	switch s.dialect {
	case sqliteDialect:
		// Each word quoted is an FTS5 string, never an operator; quoted
		// strings side by side must all match. Title hits weigh double.
		arg = `"` + strings.Join(ws, `" "`) + `"`
		query = `SELECT a.id, a.title, a.url, a.source, a.published, -bm25(articles_fts, 2.0, 1.0) AS rank
			FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
			WHERE articles_fts MATCH $1
			ORDER BY rank DESC, a.id LIMIT $2`
	default:
		// plainto_tsquery reads words only and ANDs them.
		arg = strings.Join(ws, " ")
		query = `SELECT id, title, url, source, published, ts_rank(search, q) AS rank
			FROM articles, plainto_tsquery('simple', $1) AS q
			WHERE search @@ q
			ORDER BY rank DESC, id LIMIT $2`
	}
	rows, err := s.db.QueryContext(ctx, query, arg, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		var url sql.NullString
		if err := rows.Scan(&h.ID, &h.Title, &url, &h.Source, timeCol{&h.Published}, &h.Rank); err != nil {
			return nil, err
		}
		h.URL = url.String
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// --- events ---

func (s *sqlStore) ArticleEvents(ctx context.Context, articleID int64) ([]StoredEvent, error) {
	page, err := s.queryEvents(ctx, `article_id = $1`, []any{articleID}, `seq`, 0)
	return page, err
}

func (s *sqlStore) QueryEvents(ctx context.Context, f EventFilter) (EventPage, error) {
	where, args, err := eventWhere(f)
	if err != nil {
		return EventPage{}, err
	}
	limit := pageSize(f.Limit)
	events, err := s.queryEvents(ctx, where, args, "id", limit+1)
	if err != nil {
		return EventPage{}, err
	}
	page := EventPage{Events: events}
	if len(events) > limit {
		page.Events = events[:limit]
		page.Next = strconv.FormatInt(page.Events[limit-1].ID, 10)
	}
	return page, nil
}

// eventWhere is the WHERE clause and arguments for f.
func eventWhere(f EventFilter) (string, []any, error) {
	after, err := parseCursor(f.Cursor)
	if err != nil {
		return "", nil, err
	}
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", "$"+strconv.Itoa(len(args))))
	}
	if f.From != "" {
		from, err := time.Parse(time.DateOnly, f.From)
		if err != nil {
			return "", nil, fmt.Errorf("store: bad From date %q (want YYYY-MM-DD)", f.From)
		}
		add("date_end >= ?", f.From)
		// Implied by the one above for any event within MaxEventSpanDays,
		// and what lets the date indexes bound the scan from below.
		add("date_start >= ?", from.AddDate(0, 0, -MaxEventSpanDays).Format(time.DateOnly))
	}
	if f.To != "" {
		if _, err := time.Parse(time.DateOnly, f.To); err != nil {
			return "", nil, fmt.Errorf("store: bad To date %q (want YYYY-MM-DD)", f.To)
		}
		add("date_start <= ?", f.To)
	}
	for _, c := range []struct{ col, v string }{
		{"country", f.Country}, {"admin1", f.Admin1}, {"type", f.Type},
		{"subtype", f.Subtype}, {"certainty", f.Certainty},
	} {
		if c.v != "" {
			add(c.col+" = ?", c.v)
		}
	}
	if f.MinKilled > 0 {
		add("killed_min >= ?", f.MinKilled)
	}
	if f.ArticleID != 0 {
		add("article_id = ?", f.ArticleID)
	}
	if after > 0 {
		add("id > ?", after)
	}
	if len(where) == 0 {
		return "1 = 1", nil, nil
	}
	return strings.Join(where, " AND "), args, nil
}

// queryEvents reads the events matching where (with args), in order, with
// their evidence; limit 0 means all.
func (s *sqlStore) queryEvents(ctx context.Context, where string, args []any, order string, limit int) ([]StoredEvent, error) {
	q := `SELECT id, article_id, seq, data,
		(SELECT incident_id FROM incident_reports WHERE event_id = events.id)
		FROM events WHERE ` + where + ` ORDER BY ` + order
	if limit > 0 {
		q += ` LIMIT ` + strconv.Itoa(limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var out []StoredEvent
	byID := map[int64]int{}
	for rows.Next() {
		var e StoredEvent
		var data []byte
		var inc sql.NullInt64
		if err := rows.Scan(&e.ID, &e.ArticleID, &e.Seq, &data, &inc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(data, &e.Event); err != nil {
			return nil, fmt.Errorf("store: event %d: %w", e.ID, err)
		}
		e.IncidentID = inc.Int64
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if len(out) == 0 {
		return nil, nil
	}
	// Evidence for the whole page in one query.
	ph := make([]string, len(out))
	ids := make([]any, len(out))
	for i, e := range out {
		ph[i] = "$" + strconv.Itoa(i+1)
		ids[i] = e.ID
	}
	erows, err := s.db.QueryContext(ctx, `SELECT event_id, start_offset, end_offset, text
		FROM evidence WHERE event_id IN (`+strings.Join(ph, ", ")+`) ORDER BY event_id, seq`, ids...)
	if err != nil {
		return nil, fmt.Errorf("store: evidence: %w", err)
	}
	defer erows.Close()
	for erows.Next() {
		var id int64
		var ev extract.Evidence
		if err := erows.Scan(&id, &ev.Start, &ev.End, &ev.Text); err != nil {
			return nil, err
		}
		e := &out[byID[id]]
		e.Evidence = append(e.Evidence, ev)
	}
	return out, erows.Err()
}

// Cursors are the last id of the previous page. Callers treat them as opaque
// so the encoding can change when ordering by date arrives.
func parseCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(c, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w %q", ErrBadCursor, c)
	}
	return n, nil
}

func pageSize(n int) int {
	switch {
	case n <= 0:
		return 100
	case n > 1000:
		return 1000
	}
	return n
}
