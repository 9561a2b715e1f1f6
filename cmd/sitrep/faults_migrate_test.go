package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// SIGKILL while sitrep creates a store — at a range of moments from the
// first byte of the new database on — and the next run finds the schema
// either absent or whole, completes it, and works: each migration is one
// transaction with its schema_migrations row.
func TestFaultsKillDuringMigration(t *testing.T) {
	if testing.Short() {
		t.Skip("kills sitrep sixteen times; run without -short")
	}
	bin := faultBinary(t)
	examples := filepath.Join("..", "..", "examples")
	// After the kill, a store at any point of its creation must open, finish
	// migrating and ingest.
	delays := []time.Duration{0, 500 * time.Microsecond, 2 * time.Millisecond, 8 * time.Millisecond,
		30 * time.Millisecond, 100 * time.Millisecond, 300 * time.Millisecond, time.Second}

	backends := []struct {
		name    string
		dialect string
		// fresh returns a new store's DSN, a function that reports when the
		// process has begun creating it, and the store's database handle.
		fresh func(t *testing.T, i int) (dsn string, begun func() bool, db func() *sql.DB)
	}{
		{
			name: "SQLite", dialect: "sqlite",
			fresh: func(t *testing.T, i int) (string, func() bool, func() *sql.DB) {
				path := filepath.Join(t.TempDir(), fmt.Sprintf("kill%d.db", i))
				begun := func() bool { _, err := os.Stat(path); return err == nil }
				return path, begun, func() *sql.DB {
					db, err := sql.Open("sqlite", path)
					if err != nil {
						t.Fatal(err)
					}
					t.Cleanup(func() { db.Close() })
					return db
				}
			},
		},
		{
			name: "PostgreSQL", dialect: "postgres",
			fresh: func(t *testing.T, i int) (string, func() bool, func() *sql.DB) {
				base := faultPostgres(t)
				dsn := freshPGDatabase(t, base)
				admin := openPG(t, base)
				name := databaseName(dsn)
				begun := func() bool {
					var n int
					admin.QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = $1`, name).Scan(&n)
					return n > 0
				}
				return dsn, begun, func() *sql.DB { return openPG(t, dsn) }
			},
		},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join("..", "..", "internal", "store", "migrations", b.dialect, "*.sql"))
			if len(files) == 0 {
				t.Fatal("no migration files found")
			}
			states := map[string]int{} // how far each kill let the migration get
			for i, d := range delays {
				dsn, begun, db := b.fresh(t, i)
				var errb bytes.Buffer
				// enqueue: it opens (creates) the store first, as every
				// command does, and costs nothing else.
				cmd := exec.Command(bin, "enqueue", "--db", dsn, examples)
				cmd.Stderr = &errb
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				for deadline := time.Now().Add(30 * time.Second); !begun(); time.Sleep(50 * time.Microsecond) {
					if time.Now().After(deadline) {
						cmd.Process.Kill()
						t.Fatalf("store never created:\n%s", errb.String())
					}
				}
				time.Sleep(d)
				cmd.Process.Kill()
				cmd.Wait()

				// Where did the kill leave it? Absent, or whole migrations.
				applied := -1 // no schema_migrations table
				db().QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&applied)
				state := fmt.Sprintf("%d of %d migrations", max(applied, 0), len(files))
				if cmd.ProcessState.Success() {
					state = "finished before the kill"
				}
				states[state]++

				// The next run completes the schema and works.
				runBinary(t, bin, "ingest", "--db", dsn, examples)
				if got := queryInt(t, db(), `SELECT count(*) FROM schema_migrations`); got != len(files) {
					t.Errorf("killed after %s: %d migrations applied on reopening, want %d", d, got, len(files))
				}
				if got := queryInt(t, db(), `SELECT count(*) FROM articles`); got != 2 {
					t.Errorf("killed after %s: %d articles after ingesting the 2 examples", d, got)
				}
				if out := runBinary(t, bin, "export", "--db", dsn); strings.Count(out, "\n") == 0 {
					t.Errorf("killed after %s: export printed no events", d)
				}
			}
			t.Logf("where the kills landed: %v", states)
			if states[fmt.Sprintf("%d of %d migrations", len(files), len(files))]+states["finished before the kill"] == len(delays) {
				t.Errorf("no kill landed before the schema was complete (%v): the test tested nothing", states)
			}
		})
	}
}
