package store

import (
	"context"
	"database/sql"
	"strings"
)

// sqlitePragmas are set on every connection: WAL so readers never block the
// writer, a busy timeout so concurrent writers queue instead of failing,
// foreign keys (off by default in SQLite) so deleting an article's events
// cascades, and synchronous=NORMAL, which in WAL mode loses at most the last
// commits on power failure, never consistency, and is several times faster.
// _txlock=immediate makes every transaction take the write lock at BEGIN:
// a transaction that reads then writes cannot fail half-way with SQLITE_BUSY,
// and Claim's read-and-mark is one writer at a time.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"

func openSQLite(ctx context.Context, path string) (*sqlStore, error) {
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
	if path == ":memory:" || strings.Contains(path, "mode=memory") {
		// Each connection would get a database of its own.
		db.SetMaxOpenConns(1)
	}
	return newSQLStore(ctx, db, sqliteDialect)
}

// openPostgres connects through pgx's database/sql driver; the DSN is pgx's
// (libpq URL), so search_path, pool and TLS settings go in it.
func openPostgres(ctx context.Context, dsn string) (*sqlStore, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	return newSQLStore(ctx, db, postgresDialect)
}
