package main

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The SQLite store's volume fills up in the middle of an ingest: sitrep
// stops with an error that says the disk is full, the articles stored
// before are intact, and the file passes SQLite's integrity check.
//
// The volume is a 3 MiB tmpfs when the test may mount one (root). Otherwise
// SQLite's max_page_count caps the file instead: SQLite reports
// SQLITE_FULL for both, through the same code paths in sitrep, but only the
// tmpfs also fills the disk under the WAL and shared-memory files.
func TestFaultsDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a volume with articles; run without -short")
	}
	bin := faultBinary(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "vol", "store.db")
	dsn, how := path, "tmpfs of 3 MiB"
	if err := os.Mkdir(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", filepath.Dir(path)).CombinedOutput(); err == nil {
		t.Cleanup(func() {
			if out, err := exec.Command("umount", filepath.Dir(path)).CombinedOutput(); err != nil {
				t.Errorf("umount: %v %s", err, out)
			}
		})
	} else {
		// 750 pages of 4 KiB: room for the schema and some articles.
		dsn, how = "file:"+path+"?_pragma=max_page_count(750)", fmt.Sprintf("max_page_count (no tmpfs: %v %s)", err, strings.TrimSpace(string(out)))
	}
	t.Logf("volume: %s", how)

	// Articles stored before the disk fills.
	runBinary(t, bin, "ingest", "--db", dsn, filepath.Join("..", "..", "examples"))
	before := earlierRows(t, path, 2)

	jsonl := filepath.Join(dir, "many.jsonl")
	writeFictionalJSONL(t, jsonl, 20000)
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, "ingest", "--db", dsn, "--jsonl", jsonl)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("ingest onto a full volume: %v, want exit status 1\nstdout: %s\nstderr: %s", err, out.String(), tail(errb.String(), 2000))
	}
	msg := errb.String()
	if !strings.Contains(msg, "database or disk is full") {
		t.Errorf("the error does not say the disk is full:\n%s", tail(msg, 2000))
	}
	if strings.Contains(msg, "panic") {
		t.Errorf("sitrep panicked:\n%s", tail(msg, 4000))
	}
	t.Logf("error: %s", lastLine(msg))

	if after := earlierRows(t, path, 2); after != before {
		t.Errorf("the articles stored before the disk filled changed")
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var check string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
	}
	stored := queryInt(t, db, `SELECT count(*) FROM articles`)
	if stored <= 2 || stored >= 20002 {
		t.Errorf("%d articles stored: the volume should have filled part-way", stored)
	}
	t.Logf("%d articles stored before the volume filled", stored)
	// Still readable: export works on the full volume.
	if out := runBinary(t, bin, "export", "--db", dsn); !strings.Contains(out, "\n") {
		t.Errorf("export after the disk filled printed nothing")
	}
}

// earlierRows digests the first n articles and their events and evidence.
func earlierRows(t *testing.T, path string, n int) string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := sha256.New()
	digestRows(t, db, h, `SELECT * FROM articles WHERE id <= $1 ORDER BY id`, n)
	digestRows(t, db, h, `SELECT * FROM events WHERE article_id <= $1 ORDER BY id`, n)
	digestRows(t, db, h, `SELECT v.* FROM evidence v JOIN events e ON e.id = v.event_id WHERE e.article_id <= $1 ORDER BY v.id`, n)
	if queryInt(t, db, `SELECT count(*) FROM articles WHERE id <= $1`, n) != n {
		t.Fatalf("fewer than %d articles stored", n)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	return s[strings.LastIndexByte(s, '\n')+1:]
}
