package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// The text output names the choice, its country and precision.
func TestGeocodeText(t *testing.T) {
	out, errs, code := runCLI(t, "", "geocode", "--context", "Protesters gathered in Atlanta.", "Georgia")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	if !strings.Contains(out, "→ Georgia (United States)") || !strings.Contains(out, "precision admin1") {
		t.Errorf("Georgia near Atlanta:\n%s", out)
	}
}

// --json gives the best place and the scored candidates.
func TestGeocodeJSON(t *testing.T) {
	out, errs, code := runCLI(t, "", "geocode", "--json", "Long Beach, CA")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	var res struct {
		Best *struct {
			Country    string
			Admin1Code string `json:"admin1_code"`
			Precision  string
			Lat, Lon   float64
		}
		Candidates []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if res.Best == nil || res.Best.Country != "US" || res.Best.Admin1Code != "CA" || res.Best.Precision != "city" {
		t.Errorf("Long Beach, CA: %s", out)
	}
	if len(res.Candidates) < 2 {
		t.Errorf("want the other Long Beaches as candidates, got %d", len(res.Candidates))
	}
}

// --country prefers a place in that country; an unresolvable name exits 1.
func TestGeocodeCountryAndMiss(t *testing.T) {
	out, _, code := runCLI(t, "", "geocode", "--country", "LB", "Tripoli")
	if code != 0 || !strings.Contains(out, "Lebanon") || !strings.Contains(out, "→ Tripoli (North Lebanon, Lebanon)") {
		t.Errorf("Tripoli --country LB (exit %d):\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "geocode", "Kessin, Norland")
	if code != 1 || !strings.Contains(out, "unresolved") {
		t.Errorf("Kessin, Norland (exit %d):\n%s", code, out)
	}
	if _, _, code := runCLI(t, "", "geocode"); code != 2 {
		t.Errorf("no name: exit %d, want 2", code)
	}
}

// --context-file - reads the article from stdin.
func TestGeocodeContextFile(t *testing.T) {
	out, errs, code := runCLI(t, "Islamic State fighters entered the ancient city in central Syria.", "geocode", "--context-file", "-", "Palmyra")
	if code != 0 || !strings.Contains(out, "→ Tadmur (Homs, Syria)") {
		t.Errorf("Palmyra with a Syria story on stdin (exit %d, stderr %q):\n%s", code, errs, out)
	}
}
