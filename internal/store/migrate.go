package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migrations are numbered SQL files, one directory per dialect, compiled into
// the binary so a store can be created or upgraded anywhere sitrep runs.
// A file's number is its version; applied versions are rows of
// schema_migrations. Never edit an applied file: add the next number.
//
//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func migrations(d dialect) ([]migration, error) {
	dir := path.Join("migrations", d.String())
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, _ := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s: name must start with a positive number", e.Name())
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("store: migrations %s and %s share a number", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate brings the schema up to date and returns how many migrations it
// applied. An up-to-date store is only read: opening it writes nothing.
// Each migration runs in its own transaction with its schema_migrations row,
// so a failed one leaves no trace and the next Open retries it; on
// PostgreSQL an advisory lock makes concurrent Opens take turns.
func (s *sqlStore) migrate(ctx context.Context) (int, error) {
	ms, err := migrations(s.dialect)
	if err != nil {
		return 0, err
	}
	if applied, err := s.appliedVersions(ctx); err == nil {
		pending := false
		for _, m := range ms {
			if !applied[m.version] {
				pending = true
				break
			}
		}
		if !pending {
			return 0, nil
		}
	}
	return s.applyMigrations(ctx, ms)
}

// applyMigrations runs each migration not yet recorded, checking inside its
// transaction, after taking the lock, so two Opens cannot both apply it.
func (s *sqlStore) applyMigrations(ctx context.Context, ms []migration) (int, error) {
	n := 0
	for _, m := range ms {
		did := false
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			if s.dialect == postgresDialect {
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7369747265700001)`); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version    INTEGER PRIMARY KEY,
				name       TEXT NOT NULL,
				applied_at TEXT NOT NULL)`); err != nil {
				return err
			}
			var seen int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, m.version).Scan(&seen); err != nil {
				return err
			}
			if seen > 0 {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
				m.version, m.name, s.clock().Format(sqliteTime)); err != nil {
				return err
			}
			did = true
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if did {
			n++
			if err := s.vacuumAfter(ctx, m.sql); err != nil {
				return n, fmt.Errorf("store: migration %s: %w", m.name, err)
			}
		}
	}
	return n, nil
}

// vacuumPrefix starts a line of a PostgreSQL migration naming a table to
// VACUUM (ANALYZE) once the migration has committed (VACUUM cannot run in
// its transaction). A migration that UPDATEs every row of a table leaves
// a dead version of each and the table's visibility map cleared, and
// autovacuum is off on the project's servers: 0019 left actor_incidents
// at three times its size, and an actor's timeline, which reads only its
// covering index once the table is vacuumed, scanned the whole table
// instead (0.55-0.78 s for the most frequent actor on the 1M store, 0.12-
// 0.22 s before the migration).
const vacuumPrefix = "-- sitrep:vacuum "

// vacuumAfter vacuums the tables migration sql names (PostgreSQL only).
func (s *sqlStore) vacuumAfter(ctx context.Context, sql string) error {
	if s.dialect != postgresDialect {
		return nil
	}
	for _, line := range strings.Split(sql, "\n") {
		table, ok := strings.CutPrefix(line, vacuumPrefix)
		if !ok {
			continue
		}
		// A name from the store's own embedded migrations, not input.
		if _, err := s.db.ExecContext(ctx, `VACUUM (ANALYZE) `+strings.TrimSpace(table)); err != nil {
			return fmt.Errorf("vacuum %s: %w", table, err)
		}
	}
	return nil
}

func (s *sqlStore) appliedVersions(ctx context.Context) (map[int]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	applied := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		applied[v] = true
	}
	return applied, rows.Err()
}
