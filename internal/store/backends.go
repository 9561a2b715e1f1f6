package store

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
)

// sqlitePragmas are set on every connection: WAL so readers never block the
// writer, a busy timeout so concurrent writers queue instead of failing,
// foreign keys (off by default in SQLite) so deleting an article's events
// cascades, and synchronous=NORMAL, which in WAL mode loses at most the last
// commits on power failure, never consistency, and is several times faster.
// _txlock=immediate makes every transaction take the write lock at BEGIN:
// a transaction that reads then writes cannot fail half-way with SQLITE_BUSY,
// and Claim's read-and-mark is one writer at a time. temp_store(MEMORY)
// keeps the savepoint journal PutArticles writes for every article in
// memory: on disk it was a tenth of an ingest's CPU, all in pwrite.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_pragma=temp_store(MEMORY)&_txlock=immediate"

// openSQLite opens the file, retrying while another process is creating it:
// switching a new database to WAL takes a lock that SQLite does not wait
// for, so processes starting together against a new file can see
// SQLITE_BUSY once. An existing store never needs the retry.
func openSQLite(ctx context.Context, path string) (*sqlStore, error) {
	delay := 10 * time.Millisecond
	for attempt := 1; ; attempt++ {
		s, err := openSQLiteOnce(ctx, path)
		var se *sqlite.Error
		if err == nil || attempt == 10 || !errors.As(err, &se) || se.Code()&0xff != sqliteBusy {
			return s, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(delay):
		}
		delay *= 2
	}
}

// sqliteBusy is SQLITE_BUSY, the primary result code.
const sqliteBusy = 5

func openSQLiteOnce(ctx context.Context, path string) (*sqlStore, error) {
	dsn := path
	if strings.Contains(dsn, "?") {
		dsn += "&" + sqlitePragmas
	} else {
		dsn += "?" + sqlitePragmas
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	// Writers take turns on SQLite anyway; a bounded pool makes them queue
	// in database/sql rather than poll the busy timeout, while WAL still lets
	// several readers run beside the writer. Idle connections are kept, as
	// opening one re-reads the schema and re-runs the pragmas.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if path == ":memory:" || strings.Contains(path, "mode=memory") {
		// Each connection would get a database of its own.
		db.SetMaxOpenConns(1)
	}
	s, err := newSQLStore(ctx, db, sqliteDialect)
	if s != nil {
		s.dsn = dsn
	}
	return s, err
}

// pgTracer, when set (by tests), traces every statement sent to PostgreSQL.
var pgTracer pgx.QueryTracer

// openPostgres connects through pgx's database/sql driver; the DSN is pgx's
// (libpq URL), so search_path, pool and TLS settings go in it.
func openPostgres(ctx context.Context, dsn string) (*sqlStore, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	// pgx prepares and caches each statement per connection, and after
	// five runs PostgreSQL may switch to one generic plan for all
	// arguments: for an incident list filtered by a rare word it walked
	// all 1M incidents by date (25 s instead of 15 ms, measured on the
	// load store). Plan each run for its arguments, unless the DSN says.
	if _, ok := cfg.RuntimeParams["plan_cache_mode"]; !ok {
		cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	// No parallel workers for one query: the server answers many requests
	// at once, and a Gather's workers take the cores the other requests'
	// queries need (a word-search page walked its index in three processes
	// for 36 rows each). Measured on the 1M load store at 50 clients, cache
	// off, load average 20, runs alternated: 291 and 331 requests/s
	// without workers, 255 and 296 with. A DSN that sets it keeps its own.
	if _, ok := cfg.RuntimeParams["max_parallel_workers_per_gather"]; !ok {
		cfg.RuntimeParams["max_parallel_workers_per_gather"] = "0"
	}
	if pgTracer != nil {
		cfg.Tracer = pgTracer
	}
	db := stdlib.OpenDB(*cfg)
	// A PostgreSQL connection is a server process: keep idle ones rather
	// than fork a new one per burst (database/sql keeps only 2 by default),
	// and bound the pool so many workers cannot exhaust max_connections.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return newSQLStore(ctx, db, postgresDialect)
}

// ReadSlotter is a store that says how many read requests should run on
// it at once (a server's admission slots, when it is not told).
type ReadSlotter interface {
	ReadSlots() int
}

// ReadSlots implements ReadSlotter. A SQLite query runs in this process,
// on its CPUs: more of them at once than there are CPUs only interleave
// (each takes longer and holds its pooled connection longer), so the
// slots are the CPUs, at least 2 (one may wait on a page fault of the
// mapped file while the other computes) and at most the pool's 8. A
// PostgreSQL query runs in the database's own processes, and a request
// of this one mostly waits on it: 8. Measured on the 1M load stores (50
// clients, 2 CPUs, single runs): session 11, SQLite's p99 140-165 ms at 8
// slots and 121 ms at 2, PostgreSQL's 2-3 times slower at 2 than at 8;
// session 12, SQLite's 176 ms at 8 and 195 at 2, within noise (see
// docs/PERFORMANCE.md). Not settled: more runs should decide.
func (s *sqlStore) ReadSlots() int {
	if s.dialect != sqliteDialect {
		return 8
	}
	return min(max(runtime.GOMAXPROCS(0), 2), 8)
}
