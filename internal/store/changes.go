package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// ErrNoChangeSignal is returned by ChangeVersion when the store cannot tell
// whether it changed (an in-memory SQLite store, where a second connection
// would be a different database): callers must not cache its answers.
var ErrNoChangeSignal = errors.New("store: this store gives no change signal")

// Versioned is a store that can tell, cheaply, whether anything it holds
// changed: the server caches read answers under the version and drops
// them all when it moves.
type Versioned interface {
	// ChangeVersion returns a value that differs from every value returned
	// before a write was committed, by any connection of any process, if
	// the write committed before this call began. A value read before a
	// commit may be returned once more while that commit is in flight:
	// an answer computed after the call is never older than the version.
	ChangeVersion(ctx context.Context) (int64, error)
}

// changeSignal reads the store's version: on SQLite "PRAGMA data_version"
// on a connection of its own, which never writes, so that every commit of
// any other connection (this process's pool, another sitrep, the sqlite3
// shell) moves it; on PostgreSQL the sum of store_changes, a row per
// server process that statement triggers bump once per writing
// transaction (migration 0010). Reading it is one cheap query, made by
// one caller at a time on behalf of all those waiting (see gate).
type changeSignal struct {
	once sync.Once
	db   *sql.DB // SQLite: the version's own connection
	err  error

	gate gate
}

// ChangeVersion implements Versioned.
func (s *sqlStore) ChangeVersion(ctx context.Context) (int64, error) {
	if s.dialect == sqliteDialect {
		s.changes.once.Do(s.openVersionConn)
		if s.changes.err != nil {
			return 0, s.changes.err
		}
	}
	return s.changes.gate.do(ctx, func() (int64, error) {
		// The read is shared: no one caller's cancellation may fail it
		// for the others.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		var v int64
		var err error
		if s.dialect == sqliteDialect {
			err = s.changes.db.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
		} else {
			err = s.db.QueryRowContext(ctx, `SELECT coalesce(sum(n), 0)::bigint FROM store_changes`).Scan(&v)
		}
		if err != nil {
			return 0, fmt.Errorf("store: reading the change version: %w", err)
		}
		return v, nil
	})
}

// openVersionConn opens SQLite's version connection: the same file and
// pragmas as the pool, one connection kept open (data_version is
// per connection: a new one would start afresh).
func (s *sqlStore) openVersionConn() {
	if s.dsn == "" || strings.HasPrefix(s.dsn, ":memory:") || strings.Contains(s.dsn, "mode=memory") {
		s.changes.err = ErrNoChangeSignal
		return
	}
	db, err := sql.Open("sqlite", s.dsn)
	if err != nil {
		s.changes.err = err
		return
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	s.changes.db = db
}

func (c *changeSignal) close() {
	if c.db != nil {
		c.db.Close()
	}
}

// gate runs one read of the version at a time for all callers, and gives
// each caller the result of a read that began after the caller arrived
// (joining one already under way could return a version older than a
// commit the caller has seen). With 50 requests at once that is at most
// two reads in flight instead of 50 queued for the pool.
type gate struct {
	mu      sync.Mutex
	running bool
	next    *gateCall // the read the next arrivals share; starts when the running one ends
}

type gateCall struct {
	done    chan struct{}
	v       int64
	err     error
	callers int // sharing this read (for tests)
}

func (g *gate) do(ctx context.Context, read func() (int64, error)) (int64, error) {
	g.mu.Lock()
	if g.next == nil {
		g.next = &gateCall{done: make(chan struct{})}
	}
	c := g.next
	c.callers++
	if !g.running {
		g.start(read)
	}
	g.mu.Unlock()
	select {
	case <-c.done:
		return c.v, c.err
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// start runs g.next; g.mu is held.
func (g *gate) start(read func() (int64, error)) {
	c := g.next
	g.next, g.running = nil, true
	go func() {
		c.v, c.err = read()
		close(c.done)
		g.mu.Lock()
		g.running = false
		if g.next != nil {
			g.start(read)
		}
		g.mu.Unlock()
	}()
}
