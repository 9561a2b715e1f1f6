package store

import (
	"container/list"
	"context"
	"database/sql"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"sitrep/internal/extract"
)

// readStmts keeps the read paths' statements prepared on SQLite. Their
// texts are built per request (the filter's conditions, the page's
// placeholders) but come in a few hundred shapes, and the Go driver parses
// every unprepared statement anew: on a 100k store at 50 clients with the
// response cache off, parsing was a fifth of the server's CPU (the list's
// count, page and sources queries, the counts). A *sql.Stmt is prepared on
// each pooled connection the first time it runs there and kept.
// PostgreSQL needs none of this: pgx keeps each connection's statements.
//
// The cache is bounded, least recently used out: a text that embeds its
// values (an IN list of another length) is one more entry, never a leak.
// Closing an evicted statement is safe while its rows are still being
// read: database/sql closes it when they are.
type readStmts struct {
	mu  sync.Mutex
	m   map[string]*list.Element
	lru list.List // of *readStmt, most recent first
}

type readStmt struct {
	query string
	st    *sql.Stmt
}

// maxReadStmts bounds the prepared read statements (each is prepared on
// up to the pool's 8 connections).
const maxReadStmts = 512

// maxReadStmtText is the longest text kept prepared: longer ones embed
// their values (a bounding box's cells) and would only churn the cache.
const maxReadStmtText = 4096

// readStmt returns query prepared, or nil when it is not to be kept
// (PostgreSQL, a long text) or could not be prepared (the caller runs it
// unprepared, which reports the error).
func (s *sqlStore) readStmt(ctx context.Context, query string) *sql.Stmt {
	if s.dialect != sqliteDialect || len(query) > maxReadStmtText {
		return nil
	}
	c := &s.reads
	c.mu.Lock()
	if el := c.m[query]; el != nil {
		c.lru.MoveToFront(el)
		st := el.Value.(*readStmt).st
		c.mu.Unlock()
		return st
	}
	c.mu.Unlock()
	st, err := s.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.m[query]; el != nil { // prepared meanwhile by another request
		st.Close()
		c.lru.MoveToFront(el)
		return el.Value.(*readStmt).st
	}
	if c.m == nil {
		c.m = map[string]*list.Element{}
	}
	c.m[query] = c.lru.PushFront(&readStmt{query: query, st: st})
	for c.lru.Len() > maxReadStmts {
		old := c.lru.Remove(c.lru.Back()).(*readStmt)
		delete(c.m, old.query)
		old.st.Close()
	}
	return st
}

// readQuery is s.db.QueryContext through the read statements' cache. A
// statement another request evicted and closed between the lookup and
// this use fails with "statement is closed": the query then runs
// unprepared, as does any query whose prepared run failed (a real error
// is reported by that second run).
func (s *sqlStore) readQuery(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := s.readStmt(ctx, query); st != nil {
		rows, err := st.QueryContext(ctx, args...)
		if err == nil || ctx.Err() != nil {
			return rows, err
		}
	}
	return s.db.QueryContext(ctx, query, args...)
}

// readRow is s.db.QueryRowContext through the read statements' cache.
// Its callers' texts are fixed and short, each run often enough to stay
// near the front of the cache, so the eviction readQuery guards against
// would need hundreds of new texts between this lookup and its use.
func (s *sqlStore) readRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := s.readStmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.db.QueryRowContext(ctx, query, args...)
}

// eventJSON are the options decodeEvent reads a stored event with: those
// of encoding/json's Unmarshal where they could differ (names matched
// without regard to case, duplicate names and invalid UTF-8 allowed), so
// that it reads every stored event as encoding/json did.
var eventJSON = jsonv2.JoinOptions(jsonv2.MatchCaseInsensitiveNames(true),
	jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))

// decodeEvent reads an event's stored JSON (incidents.data, events.data).
// It is encoding/json v2's decoder: about half the time of v1's Unmarshal
// and half its allocations (7.2 against 14.0 µs for a load-store event),
// and decoding was an eighth of the server's CPU on a 100k store with the
// response cache off (50 rows a list page). Both read the same values:
// every incident and event of the 100k load store decoded by both compared
// equal (reflect.DeepEqual).
func decodeEvent(data []byte, e *extract.Event) error {
	return jsonv2.Unmarshal(data, e, eventJSON)
}
