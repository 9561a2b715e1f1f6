package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
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

// SIGTERM stops a worker cleanly: it exits 0 within its grace period and
// holds no claim afterwards (each job it had is done or back in the queue),
// so a worker started later finishes the queue with every article stored
// once.
func TestFaultsWorkerStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("runs worker processes against PostgreSQL; run without -short")
	}
	const articles = 800
	dsn := withParam(freshPGDatabase(t, faultPostgres(t)), "synchronous_commit=off")
	bin := faultBinary(t)
	jsonl := filepath.Join(t.TempDir(), "articles.jsonl")
	writeFictionalJSONL(t, jsonl, articles)
	runBinary(t, bin, "enqueue", "--db", dsn, "--jsonl", jsonl)

	db := openPG(t, dsn)
	w := startWorkers(t, bin, dsn, 1, "--workers", "2", "--grace", "20s")[0]
	for queryInt(t, db, `SELECT count(*) FROM jobs WHERE status = 'done'`) < articles/5 {
		time.Sleep(20 * time.Millisecond)
	}
	if err := w.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- w.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("worker exited with %v after SIGTERM\n%s", err, tail(w.stderr.String(), 3000))
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("worker still running 30 s after SIGTERM\n%s", tail(w.stderr.String(), 3000))
	}
	done := queryInt(t, db, `SELECT count(*) FROM jobs WHERE status = 'done'`)
	if done == articles {
		t.Fatalf("the worker finished all %d jobs before SIGTERM reached it; nothing was tested", articles)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM jobs WHERE status = 'running'`); n != 0 {
		t.Errorf("%d jobs still claimed after the worker stopped", n)
	}
	t.Logf("stopped after %d of %d jobs", done, articles)

	runBinary(t, bin, "worker", "--db", dsn, "--id", "after", "--drain")
	assertExactlyOnce(t, db, articles)
}

// Inputs a worker cannot read fail alone, with the reason recorded on the
// job, and the good ones are stored; unreadable inputs never reach the
// queue. (In process, on SQLite: the queue is the same on both backends.)
func TestFaultsWorkerBadJobs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	good := writeHostile(t, dir, "good.txt", []byte("Gunmen attack checkpoint\n\nGunmen killed two soldiers at a checkpoint outside the town of Velmora on Tuesday, officials said.\n"))
	junk := writeHostile(t, dir, "junk.html", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x00\x00"))
	empty := writeHostile(t, dir, "empty.html", nil)
	missing := filepath.Join(dir, "missing.html")

	out, errs, code := runCLI(t, "", "enqueue", "--db", db, good, junk, empty, missing)
	if code != 1 || !strings.Contains(errs, "sitrep: "+missing+": no such file") || !strings.HasPrefix(out, "3 jobs enqueued, 1 inputs failed") {
		t.Fatalf("enqueue: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	if _, errs, code := runCLI(t, "", "worker", "--db", db, "--drain", "--workers", "1"); code != 0 {
		t.Fatalf("worker: exit %d\n%s", code, errs)
	}
	s, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n := queryInt(t, s, `SELECT count(*) FROM articles`); n != 1 {
		t.Errorf("%d articles stored, want the good one", n)
	}
	for _, c := range []struct{ input, want string }{
		{junk, "binary data"},
		{empty, "empty input"},
	} {
		var status, lastErr string
		err := s.QueryRow(`SELECT status, coalesce(last_error, '') FROM jobs WHERE last_error LIKE '%' || $1 || '%'`, c.input).Scan(&status, &lastErr)
		if err != nil {
			t.Errorf("%s: no job failed naming it: %v", c.input, err)
			continue
		}
		if status != "queued" || !strings.Contains(lastErr, c.want) {
			t.Errorf("%s: job %s with error %q, want queued for a retry with %q", c.input, status, lastErr, c.want)
		}
	}
}
