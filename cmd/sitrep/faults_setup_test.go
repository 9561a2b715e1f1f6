package main

// Helpers the fault tests (faults_*_test.go) share: the built binary, which
// they run as separate processes so that they can kill it; PostgreSQL
// databases of their own; and fictional articles to feed it.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// faultBinary builds cmd/sitrep into a temporary directory. The fault tests
// need a process they can SIGKILL, which run(...) in-process is not.
func faultBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "sitrep")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("building sitrep: %v\n%s", err, out)
	}
	return bin
}

// faultPostgres returns the shared test server's URL, or skips the test when
// it does not answer — except under CI=true, where PostgreSQL must run.
func faultPostgres(t *testing.T) string {
	t.Helper()
	url := os.Getenv("SITREP_TEST_POSTGRES")
	if url == "" {
		url = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
	}
	db, err := sql.Open("pgx", url)
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = db.PingContext(ctx)
		cancel()
		db.Close()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s: %v (CI=true: it must run)", url, err)
		}
		t.Skipf("PostgreSQL at %s does not answer (%v); set SITREP_TEST_POSTGRES", url, err)
	}
	return url
}

// freshPGDatabase creates an empty database on the server at base for one
// test and drops it afterwards, so a fault test never sees (or harms) what
// other tests keep in theirs.
func freshPGDatabase(t *testing.T, base string) string {
	t.Helper()
	admin := openPG(t, base)
	dropAbandoned(t, admin)
	name := fmt.Sprintf("sitrep_fault_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("creating database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("dropping database %s: %v", name, err)
		}
	})
	return withDatabase(t, base, name)
}

// dropAbandoned drops the databases of fault tests whose process is gone
// (a test that timed out panics without running its cleanups). The
// process id is in the name, after "sitrep_fault_".
func dropAbandoned(t *testing.T, admin *sql.DB) {
	rows, err := admin.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'sitrep\_fault\_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var stale []string
	for rows.Next() {
		var name string
		rows.Scan(&name)
		pid, _, _ := strings.Cut(strings.TrimPrefix(name, "sitrep_fault_"), "_")
		if _, err := os.Stat("/proc/" + pid); err != nil {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS "` + name + `" WITH (FORCE)`); err == nil {
			t.Logf("dropped %s, left by a fault test that did not finish", name)
		}
	}
}

// withDatabase is url with its database replaced by name.
func withDatabase(t *testing.T, url, name string) string {
	t.Helper()
	head, query, _ := strings.Cut(url, "?")
	i := strings.LastIndex(head, "/")
	if i < len("postgres://") {
		t.Fatalf("no database in %s", url)
	}
	out := head[:i+1] + name
	if query != "" {
		out += "?" + query
	}
	return out
}

// databaseName is the database a postgres:// URL names.
func databaseName(url string) string {
	head, _, _ := strings.Cut(url, "?")
	return head[strings.LastIndex(head, "/")+1:]
}

// withParam adds a query parameter to a URL.
func withParam(url, param string) string {
	if strings.Contains(url, "?") {
		return url + "&" + param
	}
	return url + "?" + param
}

func openPG(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// queryInt runs a query returning one integer.
func queryInt(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// writeFictionalJSONL writes n short made-up reports, each with its own id
// and text, as JSON Lines records `sitrep ingest --jsonl` and `sitrep
// enqueue --jsonl` read. The places are invented, so nothing here is copied
// from real reporting.
func writeFictionalJSONL(t *testing.T, path string, n int) {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	weapons := []string{"a roadside bomb", "gunmen", "a mortar round", "a drone strike", "an armed gang"}
	// Real countries around an invented town: events spread over countries
	// and weeks as a real feed's do, rather than all sharing the store's
	// merge lock for "no country" (see store.mergeLockKeys).
	countries := []string{"Kenya", "Nigeria", "Mali", "Somalia", "Sudan", "Yemen", "Syria", "Iraq", "Afghanistan", "Pakistan",
		"Colombia", "Mexico", "Ukraine", "Myanmar", "Ethiopia", "Niger", "Burkina Faso", "Cameroon", "Mozambique", "Libya"}
	for i := range n {
		rec := record{
			ID:        fmt.Sprintf("fict-%06d", i),
			Title:     fmt.Sprintf("Attack near Velmora checkpoint %d", i),
			Published: fmt.Sprintf("2025-%02d-%02d", 1+i%12, 1+i%28),
			Text: fmt.Sprintf("%s killed %d soldiers and wounded %d others at checkpoint %d outside the town of Velmora in northern %s on Tuesday, "+
				"a spokesman for the regional governor said.\n\nNo group has claimed the attack on post %d.",
				weapons[i%len(weapons)], 1+i%7, i%11, i, countries[i%len(countries)], i),
		}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runBinary runs the binary to completion and fails the test unless it
// exits 0.
func runBinary(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("sitrep %s: %v\nstderr:\n%s", strings.Join(args, " "), err, tail(errb.String(), 3000))
	}
	return out.String()
}

// sqliteDigest is a SHA-256 over every row of every table of a SQLite
// store, in a fixed order: equal digests mean equal contents.
func sqliteDigest(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		tables = append(tables, name)
	}
	rows.Close()
	h := sha256.New()
	for _, table := range tables {
		fmt.Fprintf(h, "table %s\n", table)
		digestRows(t, db, h, `SELECT * FROM "`+table+`" ORDER BY 1`)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// digestRows writes every row a query returns to h.
func digestRows(t *testing.T, db *sql.DB, h io.Writer, query string, args ...any) {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%q\n", vals)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// tail is the end of s, for failure messages.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}
