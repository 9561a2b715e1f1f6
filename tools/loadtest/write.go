package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// writer bulk-loads batches into one backend.
type writer interface {
	count(ctx context.Context) (int64, error)
	write(ctx context.Context, b *batch) error
	// finish refreshes the planner's statistics, as the store's own
	// Close (PRAGMA optimize) and PostgreSQL's autovacuum would after a
	// large ingest, and moves PostgreSQL's id sequences past the rows.
	finish(ctx context.Context) error
	close()
}

func openWriter(ctx context.Context, dsn string) (writer, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return nil, err
		}
		// Bulk load with the triggers off (this session only; needs a
		// superuser, as the test and load databases have): the rollup and
		// actor-summary triggers run at commit once per row, and the actor
		// summary's once-per-incident list grows with the transaction, so
		// a chunk of 50,000 took over four minutes to commit and the whole
		// load hours. finish builds the derived tables afterwards with the
		// migrations' own backfill statements, as a store migrated with
		// rows already in it has them.
		if _, err := c.Exec(ctx, `SET session_replication_role = replica`); err != nil {
			c.Close(ctx)
			return nil, fmt.Errorf("bulk load: turning triggers off (needs a superuser): %w", err)
		}
		return &pgWriter{c: c, migrations: pgMigrations}, nil
	}
	// Bulk-load settings for this connection only: the store's own
	// connections keep theirs. A crash mid-load loses the load, never
	// another store.
	db, err := sql.Open("sqlite", dsn+"?_pragma=journal_mode(WAL)&_pragma=synchronous(OFF)&_pragma=cache_size(-400000)&_pragma=foreign_keys(0)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return &sqliteWriter{db: db}, nil
}

type sqliteWriter struct{ db *sql.DB }

func (w *sqliteWriter) close() { w.db.Close() }

func (w *sqliteWriter) count(ctx context.Context) (int64, error) {
	var n int64
	err := w.db.QueryRowContext(ctx, `SELECT count(*) FROM incidents`).Scan(&n)
	return n, err
}

// sqliteRowsPerInsert rows go in one INSERT: fewer statements, far below
// SQLite's limit of 32766 parameters.
const sqliteRowsPerInsert = 100

func (w *sqliteWriter) write(ctx context.Context, b *batch) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"articles", articleCols, b.articles}, {"events", eventCols, b.events}, {"incidents", incidentCols, b.incidents},
		{"incident_reports", reportCols, b.reports}, {"incident_actors", actorCols, b.actors},
	} {
		if err := sqliteInsert(ctx, tx, t.table, t.cols, t.rows); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	return tx.Commit()
}

func sqliteInsert(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	stmt := func(n int) string {
		one := "(" + strings.TrimSuffix(strings.Repeat("?,", len(cols)), ",") + ")"
		return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(one+",", n), ",")
	}
	full, err := tx.PrepareContext(ctx, stmt(sqliteRowsPerInsert))
	if err != nil {
		return err
	}
	defer full.Close()
	args := make([]any, 0, sqliteRowsPerInsert*len(cols))
	for len(rows) > 0 {
		n := min(len(rows), sqliteRowsPerInsert)
		args = args[:0]
		for _, r := range rows[:n] {
			for _, v := range r {
				switch x := v.(type) {
				case time.Time:
					v = x.UTC().Format("2006-01-02T15:04:05.000000Z") // the store's sqliteTime
				case bool:
					v = 0
					if x {
						v = 1
					}
				}
				args = append(args, v)
			}
		}
		if n == sqliteRowsPerInsert {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, stmt(n), args...)
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func (w *sqliteWriter) finish(ctx context.Context) error {
	_, err := w.db.ExecContext(ctx, `ANALYZE`)
	return err
}

type pgWriter struct {
	c          *pgx.Conn
	migrations string // directory of the PostgreSQL migrations, for their backfills
}

// pgMigrations is where finish reads the backfill statements (the tool
// runs from the repository root, as for the gazetteer).
var pgMigrations = "internal/store/migrations/postgres"

// backfills returns the statements of the migrations in dir that fill a
// derived table from the base tables: each "INSERT INTO" or "UPDATE" at
// the start of a line, up to the ";" that ends a line, in migration order.
// They are the definitions of the rollups and summaries their triggers
// keep; an UPDATE fills the columns a later migration added to one
// (0017's last day and wounded in actor_incidents, 0019's admin1 and
// roles, which 0019's actor_targets and actor_places are then built from).
func backfills(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no migrations in %s (run from the repository root): %v", dir, err)
	}
	sort.Strings(files)
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var cur []string
		for _, line := range strings.Split(string(b), "\n") {
			if cur == nil && !strings.HasPrefix(line, "INSERT INTO ") && !strings.HasPrefix(line, "UPDATE ") {
				continue
			}
			cur = append(cur, line)
			if strings.HasSuffix(strings.TrimSpace(line), ";") {
				out = append(out, strings.Join(cur, "\n"))
				cur = nil
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no backfill statements in %s", dir)
	}
	return out, nil
}

func (w *pgWriter) close() { w.c.Close(context.Background()) }

func (w *pgWriter) count(ctx context.Context) (int64, error) {
	var n int64
	err := w.c.QueryRow(ctx, `SELECT count(*) FROM incidents`).Scan(&n)
	return n, err
}

// write COPYs each table: PostgreSQL's bulk path, one round trip per table.
func (w *pgWriter) write(ctx context.Context, b *batch) error {
	tx, err := w.c.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	for _, t := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"articles", articleCols, b.articles}, {"events", eventCols, b.events}, {"incidents", incidentCols, b.incidents},
		{"incident_reports", reportCols, b.reports}, {"incident_actors", actorCols, b.actors},
	} {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.table}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			return fmt.Errorf("%s: %w", t.table, err)
		}
	}
	return tx.Commit(ctx)
}

func (w *pgWriter) finish(ctx context.Context) error {
	stmts, err := backfills(w.migrations)
	if err != nil {
		return err
	}
	for _, q := range stmts {
		if _, err := w.c.Exec(ctx, q); err != nil {
			return fmt.Errorf("backfill %.60q: %w", q, err)
		}
	}
	for _, t := range []string{"articles", "events", "incidents"} {
		if _, err := w.c.Exec(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT max(id) FROM `+t+`))`); err != nil {
			return fmt.Errorf("%s id sequence: %w", t, err)
		}
	}
	// VACUUM as well: autovacuum would have, on a store this old, and
	// until the visibility map is set every index-only scan reads the
	// heap too (3,261 heap fetches for one word-search page on the 1M
	// store).
	_, err = w.c.Exec(ctx, `VACUUM (ANALYZE)`)
	return err
}
