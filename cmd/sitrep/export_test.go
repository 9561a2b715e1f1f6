package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// What ingest stored, export writes out: every incident once, in every
// format, through a real SQLite store.
func TestExportAfterIngest(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	var out, errb strings.Builder
	e := env{strings.NewReader(""), &out, &errb}
	if code := e.cmdIngest([]string{"--db", db, filepath.Join("..", "..", "examples")}); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errb.String())
	}
	run := func(args ...string) string {
		t.Helper()
		out.Reset()
		errb.Reset()
		if code := e.cmdExport(append([]string{"--db", db}, args...)); code != 0 {
			t.Fatalf("export %v: exit %d\n%s", args, code, errb.String())
		}
		return out.String()
	}

	lines := strings.Split(strings.TrimSpace(run()), "\n")
	if len(lines) == 0 || lines[0] == "" {
		t.Fatal("export of the examples wrote nothing")
	}
	ids := map[float64]bool{}
	for _, l := range lines {
		var row map[string]any
		if err := json.Unmarshal([]byte(l), &row); err != nil || row["type"] == nil {
			t.Fatalf("bad line %v: %s", err, l)
		}
		arts, _ := row["articles"].([]any)
		if len(arts) == 0 {
			t.Errorf("incident %v lists no articles: %s", row["id"], l)
		}
		id, _ := row["id"].(float64)
		if ids[id] {
			t.Errorf("incident %v written twice", id)
		}
		ids[id] = true
	}

	for _, format := range []string{"acled-csv", "gtd-csv"} {
		rows, err := csv.NewReader(strings.NewReader(run("--format", format))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(rows) != len(lines)+1 {
			t.Errorf("%s: %d rows, want a header and %d incidents", format, len(rows), len(lines))
		}
	}
	var fc struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal([]byte(run("--format", "geojson")), &fc); err != nil || len(fc.Features) > len(lines) {
		t.Errorf("geojson: %v, %d features for %d incidents", err, len(fc.Features), len(lines))
	}

	// A filter that matches nothing writes just the header.
	if got := run("--format", "acled-csv", "--country", "zz"); strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "event_id_cnty,") {
		t.Errorf("acled-csv of nothing:\n%s", got)
	}
}

// Bad flags are refused before the store is opened, naming the flag.
func TestExportBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--format", "xlsx"}, `--format "xlsx"`},
		{[]string{"--from", "2024-13-01"}, `--from "2024-13-01"`},
		{[]string{"--to", "yesterday"}, `--to "yesterday"`},
		{[]string{"--country", "Afghanistan"}, `--country "Afghanistan"`},
		{[]string{"--sort", "newest"}, `--sort "newest"`},
		{[]string{"--min-killed", "-1"}, "--min-killed -1"},
		{[]string{"--bbox", "1,2,3"}, "--bbox"},
		{[]string{"--bbox", "10,50,20,40"}, "south is north of north"},
		{[]string{"--bbox", "10,-95,20,40"}, "latitudes"},
		{[]string{"extra"}, "usage: sitrep export"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			var out, errb bytes.Buffer
			e := env{strings.NewReader(""), &out, &errb}
			db := filepath.Join(t.TempDir(), "never-created.db")
			if code := e.cmdExport(append([]string{"--db", db}, tc.args...)); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(errb.String(), tc.want) {
				t.Errorf("stderr %q, want it to contain %q", errb.String(), tc.want)
			}
			if out.Len() != 0 {
				t.Errorf("wrote %q on bad flags", out.String())
			}
		})
	}
}

func TestParseBBox(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want [4]float64
		ok   bool
	}{
		{"60,29,75,38", [4]float64{60, 29, 75, 38}, true},
		{" -10.5, 4 ,15,14.25", [4]float64{-10.5, 4, 15, 14.25}, true},
		{"170,-20,-170,-10", [4]float64{170, -20, -170, -10}, true}, // across the antimeridian
		{"60,29,75", [4]float64{}, false},
		{"60,29,75,38,1", [4]float64{}, false},
		{"a,29,75,38", [4]float64{}, false},
		{"NaN,29,75,38", [4]float64{}, false},
		{"60,29,Inf,38", [4]float64{}, false},
		{"181,29,75,38", [4]float64{}, false},
		{"60,38,75,29", [4]float64{}, false},
	} {
		got, err := parseBBox(tc.in)
		if (err == nil) != tc.ok || (tc.ok && got != tc.want) {
			t.Errorf("parseBBox(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

// FuzzParseBBox: any input is refused with an error naming it, or gives a box within
// the globe with south at most north.
func FuzzParseBBox(f *testing.F) {
	for _, s := range []string{"60,29,75,38", "170,-20,-170,-10", "1,2,3", "", ",,,", "1e308,0,0,0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := parseBBox(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), strconv.Quote(s)) {
				t.Fatalf("error %q does not name the input", err)
			}
			return
		}
		for i, v := range b {
			lim := 180.0
			if i%2 == 1 {
				lim = 90
			}
			if v < -lim || v > lim || v != v {
				t.Fatalf("parseBBox(%q) = %v: out of range", s, b)
			}
		}
		if b[1] > b[3] {
			t.Fatalf("parseBBox(%q) = %v: south above north", s, b)
		}
	})
}
