package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Four worker processes share one PostgreSQL queue of 20,000 articles, as
// four machines would: every article is stored once and every job is
// claimed once and completed once.
func TestFaultsFourWorkersExactlyOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 articles through 4 worker processes take a minute or two; run without -short")
	}
	const articles, procs = 20000, 4
	// Commits need not survive an OS crash here, and waiting for an fsync
	// per job would make this test measure the disk: PostgreSQL's own
	// switch (passed through by pgx as a runtime parameter) turns that off.
	dsn := withParam(freshPGDatabase(t, faultPostgres(t)), "synchronous_commit=off")
	bin := faultBinary(t)
	jsonl := filepath.Join(t.TempDir(), "articles.jsonl")
	writeFictionalJSONL(t, jsonl, articles)

	start := time.Now()
	if out := runBinary(t, bin, "enqueue", "--db", dsn, "--jsonl", jsonl); !strings.HasPrefix(out, fmt.Sprintf("%d jobs enqueued", articles)) {
		t.Fatalf("enqueue printed %q", out)
	}
	t.Logf("enqueued %d jobs in %s", articles, time.Since(start).Round(time.Millisecond))

	start = time.Now()
	workers := startWorkers(t, bin, dsn, procs, "--workers", "2", "--drain")
	for i, w := range workers {
		if err := w.cmd.Wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s", i, err, tail(w.stderr.String(), 3000))
		}
	}
	t.Logf("%d worker processes stored %d articles in %s", procs, articles, time.Since(start).Round(time.Millisecond))

	db := openPG(t, dsn)
	assertExactlyOnce(t, db, articles)
	rows, err := db.Query(`SELECT split_part(worker, '/', 1), count(*) FROM jobs GROUP BY 1 ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var shares []string
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		shares = append(shares, fmt.Sprintf("%s:%d", name, n))
	}
	if len(shares) != procs {
		t.Errorf("jobs done by %d worker processes, want all %d: %v", len(shares), procs, shares)
	}
	t.Logf("jobs per worker process: %v", shares)
}

// assertExactlyOnce checks that n distinct articles are stored once each,
// never replaced, and every job is done after exactly one claim.
func assertExactlyOnce(t *testing.T, db *sql.DB, n int) {
	t.Helper()
	for _, c := range []struct {
		what  string
		query string
		want  int
	}{
		{"articles", `SELECT count(*) FROM articles`, n},
		{"distinct external ids", `SELECT count(DISTINCT external_id) FROM articles`, n},
		{"articles stored again (versions kept)", `SELECT count(*) FROM article_versions`, 0},
		{"jobs", `SELECT count(*) FROM jobs`, n},
		{"jobs done", `SELECT count(*) FROM jobs WHERE status = 'done'`, n},
		{"claims (sum of attempts)", `SELECT coalesce(sum(attempts), 0) FROM jobs`, n},
	} {
		if got := queryInt(t, db, c.query); got != c.want {
			t.Errorf("%s: got %d, want %d", c.what, got, c.want)
		}
	}
}

// workerProc is a running `sitrep worker` and what it logged.
type workerProc struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
}

// startWorkers starts n worker processes named w0, w1, ..., killed at the
// end of the test if still running.
func startWorkers(t *testing.T, bin, dsn string, n int, args ...string) []workerProc {
	t.Helper()
	var ws []workerProc
	for i := range n {
		var errb bytes.Buffer
		cmd := exec.Command(bin, append([]string{"worker", "--db", dsn, "--id", fmt.Sprintf("w%d", i)}, args...)...)
		cmd.Stderr = &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if cmd.ProcessState == nil {
				cmd.Process.Kill()
				cmd.Wait()
			}
		})
		ws = append(ws, workerProc{cmd, &errb})
	}
	return ws
}
