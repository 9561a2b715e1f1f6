package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sitrep/internal/ingest"
)

type timeOut struct {
	ID     *string `json:"id"`
	Source string  `json:"source"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Text   string  `json:"text"`
	Type   string  `json:"type"`
	Value  string  `json:"value"`
}

func parseTimes(t *testing.T, out string) []timeOut {
	t.Helper()
	var xs []timeOut
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" {
			continue
		}
		var x timeOut
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, l)
		}
		xs = append(xs, x)
	}
	return xs
}

// Offsets point into the article's text as `sitrep read` gives it, and
// --published anchors the relative dates.
func TestTimesFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "story.txt")
	body := "Militia shells border town\n\nTwo civilians were killed on Friday when militiamen shelled the town, officials said. The previous attack, on September 30, 2015, was followed a month later by a truce that lasted 18 months.\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "", "times", "--published", "2024-03-27T10:00:00Z", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	xs := parseTimes(t, out)
	var in ingest.Input
	for i := range ingest.Files([]string{p}, nil, 1<<20) {
		in = i
	}
	a, err := readInput(in, "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range xs {
		if x.Source != p || x.ID != nil {
			t.Errorf("source %q id %v", x.Source, x.ID)
		}
		if x.Start < 0 || x.End > len(a.Text) || a.Text[x.Start:x.End] != x.Text {
			t.Errorf("offsets %d-%d do not give %q in the article text", x.Start, x.End, x.Text)
		}
		got[x.Text] = x.Type + " " + x.Value
	}
	for text, want := range map[string]string{
		"Friday": "DATE 2024-03-22", "September 30, 2015": "DATE 2015-09-30",
		"a month later": "DATE 2015-10", "18 months": "DURATION P18M",
	} {
		if got[text] != want {
			t.Errorf("%q = %q, want %q (all: %v)", text, got[text], want, got)
		}
	}
}

// JSON Lines records: each output line carries the record's id, and each
// record is anchored on its own date.
func TestTimesJSONL(t *testing.T) {
	in := `{"id":"a1","title":"t","text":"Clashes erupted yesterday.","published":"2024-03-27T08:00:00Z","url":"u"}
not json
{"id":"a2","text":"Clashes erupted yesterday.","published":"2020-01-01"}
`
	out, errs, code := runCLI(t, in, "times", "--jsonl", "-")
	if code != 1 || !strings.Contains(errs, ":2:") {
		t.Errorf("exit %d, stderr %q: want 1 and the bad line named", code, errs)
	}
	xs := parseTimes(t, out)
	if len(xs) != 2 || *xs[0].ID != "a1" || xs[0].Value != "2024-03-26" || *xs[1].ID != "a2" || xs[1].Value != "2019-12-31" {
		t.Fatalf("got %+v", xs)
	}
}

func TestTimesUsage(t *testing.T) {
	if _, _, code := runCLI(t, "", "times"); code != 2 {
		t.Errorf("no input: exit %d, want 2", code)
	}
	if _, errs, code := runCLI(t, "", "times", "--published", "yesterday", "x"); code != 2 || !strings.Contains(errs, "--published") {
		t.Errorf("bad --published: exit %d, %q", code, errs)
	}
}

func TestEvalTimex(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval", "tempeval3")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("tempeval3 not beside the repository")
	}
	out, errs, code := runCLI(t, "", "eval", "timex", "--data", dir, "--worst", "2")
	if code != 0 || !strings.Contains(out, "relaxed") || !strings.Contains(out, "value") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	out, _, code = runCLI(t, "", "eval", "timex", "--data", dir, "--json")
	var rep struct {
		Relaxed struct{ F1 float64 }       `json:"relaxed"`
		Value   struct{ Accuracy float64 } `json:"value"`
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 0 || err != nil || rep.Relaxed.F1 < 0.85 || rep.Value.Accuracy < 0.8 {
		t.Errorf("--json: exit %d, %v: %s", code, err, out)
	}
}

// Without --published, a page is anchored on its update time (the text
// read is the latest version), else its publication time.
func TestTimesAnchorFromPage(t *testing.T) {
	dir := t.TempDir()
	body := `<p>Security forces clashed with protesters in the northern district yesterday, leaving several people injured, according to local officials who spoke on condition of anonymity because they were not authorised to brief reporters.</p>
<p>The district has seen repeated unrest since the disputed vote, and residents said shops remained shut across the market area.</p>`
	page := func(name, meta string) string {
		p := filepath.Join(dir, name)
		html := "<html><head><title>Clashes in the north</title>" + meta + "</head><body><article><h1>Clashes in the north</h1>" + body + "</article></body></html>"
		if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	both := page("both.html", `<meta property="article:published_time" content="2024-03-20T10:00:00Z"><meta property="article:modified_time" content="2024-03-27T10:00:00Z">`)
	pub := page("pub.html", `<meta property="article:published_time" content="2024-03-20T10:00:00Z">`)
	for path, want := range map[string]string{both: "2024-03-26", pub: "2024-03-19"} {
		out, errs, code := runCLI(t, "", "times", path)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", path, code, errs)
		}
		xs := parseTimes(t, out)
		if len(xs) == 0 || xs[0].Text != "yesterday" || xs[0].Value != want {
			t.Errorf("%s: got %+v, want yesterday = %s", filepath.Base(path), xs, want)
		}
	}
}
