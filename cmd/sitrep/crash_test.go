package main

import (
	"database/sql"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestCrashResume kills 'sitrep ingest' with SIGKILL at random moments,
// many times, resuming each time, and then checks that the SQLite store is
// whole: every article stored exactly once, every event a report of one
// incident, every incident's counts those of its reports, the document
// frequencies those of the articles, and SQLite's own integrity check.
// A transaction is all or nothing, so whatever the moment of the kill the
// store must read as if the process had stopped between two batches.
func TestCrashResume(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it 20 times; skipped under -short")
	}
	bin := faultBinary(t)
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "reports.jsonl")
	const n = 1000
	writeFictionalJSONL(t, jsonl, n)
	db := filepath.Join(dir, "crash.db")
	args := []string{"ingest", "--db", db, "--jsonl", jsonl, "--batch", "25"}

	rnd := rand.New(rand.NewPCG(1, 2))
	const kills = 20
	for i := range kills {
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// From the process start (opening, migrating) to well into the
		// ingest: the whole run takes a few seconds.
		time.Sleep(time.Duration(rnd.IntN(1000)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		if i%5 == 4 {
			checkCrashStore(t, db, -1)
		}
	}
	runBinary(t, bin, args...)
	checkCrashStore(t, db, n)
}

// checkCrashStore checks a store's invariants; want is the number of
// articles it must hold, or -1 for any.
func checkCrashStore(t *testing.T, path string, want int) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	if queryInt(t, db, `SELECT count(*) FROM sqlite_master WHERE name = 'incident_actors'`) == 0 {
		return // killed before the schema was complete
	}
	articles := queryInt(t, db, `SELECT count(*) FROM articles`)
	if want >= 0 && articles != want {
		t.Errorf("%d articles stored, want %d", articles, want)
	}
	for _, c := range []struct {
		what, query string
	}{
		{"articles stored twice", `SELECT count(*) - count(DISTINCT external_id) FROM articles`},
		{"events in no incident", `SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM incident_reports ir WHERE ir.event_id = e.id)`},
		{"incidents with no report", `SELECT count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM incident_reports ir WHERE ir.incident_id = i.id)`},
		{"incidents whose report count is wrong", `SELECT count(*) FROM incidents i
			WHERE report_count <> (SELECT count(*) FROM incident_reports ir WHERE ir.incident_id = i.id AND NOT ir.duplicate)`},
		{"incidents whose toll is not within their reports'", `SELECT count(*) FROM incidents i
			WHERE killed_min IS NOT (SELECT min(ir.killed_min) FROM incident_reports ir WHERE ir.incident_id = i.id AND NOT ir.duplicate)`},
		{"articles the document frequencies miss", `SELECT (SELECT count(*) FROM articles) - COALESCE((SELECT n FROM token_df WHERE token = ''), 0)`},
		{"articles with the wrong near-duplicate bands", `SELECT count(*) FROM articles a WHERE signature IS NOT NULL AND signature <> 0
			AND (SELECT count(*) FROM article_bands b WHERE b.article_id = a.id) <> 7`},
		{"near-duplicates of missing articles", `SELECT count(*) FROM articles a WHERE duplicate_of IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = a.duplicate_of)`},
	} {
		if got := queryInt(t, db, c.query); got != 0 {
			t.Errorf("%s: %d", c.what, got)
		}
	}
}
