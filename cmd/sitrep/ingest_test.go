package main

import (
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
