package main

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalClusterMisses runs 'sitrep eval cluster --misses' on a small
// set in the gva layout made of our own fictional articles: two reports
// of one shooting months apart that share nothing but the town, which the
// rules keep apart by date, and a third incident.
func TestEvalClusterMisses(t *testing.T) {
	dir := t.TempDir()
	arts := []map[string]any{
		{"id": "a1", "incident_id": "1", "published": "2031-03-05", "title": "Two wounded in Harlow Creek bar shooting",
			"text": "HARLOW CREEK, Ohio - Two men were wounded when a gunman opened fire inside the Red Lantern bar on Mill Street on Tuesday night, police said."},
		{"id": "a2", "incident_id": "1", "published": "2031-11-20", "title": "Harlow Creek council debates new budget",
			"text": "HARLOW CREEK, Ohio - The council in Harlow Creek on Thursday debated a budget that adds two officers, months after a shooting left two men wounded."},
		{"id": "b1", "incident_id": "2", "published": "2031-04-02", "title": "Woman killed in Dunmore Falls home",
			"text": "DUNMORE FALLS, Texas - A woman was shot and killed in her home on Birch Road on Monday, the sheriff said."},
	}
	f, err := os.Create(filepath.Join(dir, "articles.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	enc := json.NewEncoder(zw)
	for _, a := range arts {
		if err := enc.Encode(a); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	incs := `{"incident_id": "1", "date": "2031-03-04", "city": "Harlow Creek", "state": "Ohio", "killed": 0, "injured": 2, "article_ids": ["a1", "a2"], "has_metadata": true}
{"incident_id": "2", "date": "2031-04-01", "city": "Dunmore Falls", "state": "Texas", "killed": 1, "injured": 0, "article_ids": ["b1"], "has_metadata": true}
`
	if err := os.WriteFile(filepath.Join(dir, "incidents.jsonl"), []byte(incs), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want []string
		not  string
	}{
		{[]string{"--misses", "5"}, []string{"same-incident pairs put apart in memory: 1", "gold 1:", "a1", "a2"}, ""},
		{nil, []string{"gva cluster: 3 articles"}, "same-incident pairs"},
	} {
		out, errs, code := runCLI(t, "", append([]string{"eval", "cluster", "--data", dir}, tc.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tc.args, w, out)
			}
		}
		if tc.not != "" && strings.Contains(out, tc.not) {
			t.Errorf("%v: output has %q:\n%s", tc.args, tc.not, out)
		}
	}
}
