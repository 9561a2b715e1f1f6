package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Ingesting the examples twice stores them once. (Calls cmdIngest directly
// until main.go routes "ingest" to it.)
func TestIngestExamplesTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	jsonl := filepath.Join(t.TempDir(), "records.jsonl")
	writeFileForIngest(t, jsonl, `{"id":"r1","title":"Blast","text":"A bomb exploded at a market in Maiduguri on Monday, killing 12 people.","published":"2024-05-06"}
not json
`)
	run := func() (string, string, int) {
		var out, errb strings.Builder
		e := env{strings.NewReader(""), &out, &errb}
		code := e.cmdIngest([]string{"--db", db, "--batch", "2", "--jsonl", jsonl, filepath.Join("..", "..", "examples")})
		return out.String(), errb.String(), code
	}
	out, errs, code := run()
	if code != 1 || !strings.Contains(errs, jsonl) {
		t.Errorf("first run: exit %d (want 1 for the bad line), stderr:\n%s", code, errs)
	}
	if !strings.HasPrefix(out, "3 articles: 3 inserted, 0 updated, 0 unchanged, 0 failed;") {
		t.Errorf("first run: %s", out)
	}
	out, _, _ = run()
	if !strings.HasPrefix(out, "3 articles: 0 inserted, 0 updated, 3 unchanged, 0 failed; 0 events") {
		t.Errorf("second run: %s", out)
	}
}

func writeFileForIngest(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// What ingest stored, export writes out: every event once, in either format.
func TestExportAfterIngest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	var out, errb strings.Builder
	e := env{strings.NewReader(""), &out, &errb}
	if code := e.cmdIngest([]string{"--db", db, filepath.Join("..", "..", "examples")}); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errb.String())
	}
	var stored int
	if _, err := fmt.Sscanf(out.String()[strings.Index(out.String(), "; ")+2:], "%d events", &stored); err != nil || stored == 0 {
		t.Fatalf("ingest stored %d events (%v): %s", stored, err, out.String())
	}
	out.Reset()
	if code := e.cmdExport([]string{"--db", db}); code != 0 {
		t.Fatalf("export: exit %d\n%s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != stored {
		t.Errorf("export wrote %d events, ingest stored %d", len(lines), stored)
	}
	for _, l := range lines {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil || row["type"] == nil || row["article"] == nil {
			t.Errorf("bad line %v: %s", err, l)
		}
	}
	out.Reset()
	if code := e.cmdExport([]string{"--db", db, "--csv", "--country", "ZZ"}); code != 0 || strings.TrimSpace(out.String()) != strings.Join(exportCSVHeader, ",") {
		t.Errorf("export --csv of nothing: exit %d\n%s", code, out.String())
	}
}
