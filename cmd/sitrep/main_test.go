package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// The README's first command: the bundled examples read cleanly.
func TestReadExamples(t *testing.T) {
	out, errs, code := runCLI(t, "", "read", "--json", filepath.Join("..", "..", "examples"))
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d articles, want 2:\n%s", len(lines), out)
	}
	want := []string{"byline", "dateline", "language", "published", "source", "subtitle", "tags", "text", "title", "updated", "url"}
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, l)
		}
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("fields = %v, want %v", keys, want)
		}
		if text, _ := m["text"].(string); len(text) < 200 {
			t.Errorf("%v: body too short: %q", m["source"], text)
		}
	}
}

// Bad inputs each get one line naming them; the good ones are still read.
func TestReadBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Rebels shell market town\n\nTwo civilians were killed when rebels shelled the market in the town of Ostrava Nova on Monday, officials said.\n"))
	empty := write("empty.html", nil)
	binary := write("photo.jpg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"))
	huge := filepath.Join(dir, "huge.html")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(200 << 20); err != nil { // sparse: 200 MB of NULs, no disk used
		t.Fatal(err)
	}
	f.Close()
	missing := filepath.Join(dir, "missing.html")

	out, errs, code := runCLI(t, "", "read", empty, good, binary, huge, missing, "--json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if n := strings.Count(strings.TrimSpace(out), "\n") + 1; n != 1 || !strings.Contains(out, "Ostrava Nova") {
		t.Errorf("want exactly the good article on stdout, got:\n%s", out)
	}
	errLines := strings.Split(strings.TrimSpace(errs), "\n")
	wantErr := map[string]string{
		empty:   "empty input",
		binary:  "JPEG image",
		huge:    "input too large",
		missing: "no such file or directory",
	}
	if len(errLines) != len(wantErr) {
		t.Errorf("want %d error lines, got:\n%s", len(wantErr), errs)
	}
	for path, msg := range wantErr {
		if !strings.Contains(errs, "sitrep: "+path+": ") || !strings.Contains(errs, msg) {
			t.Errorf("no line naming %s with %q in:\n%s", path, msg, errs)
		}
	}
}

func TestReadStdin(t *testing.T) {
	out, errs, code := runCLI(t, "Border clash\n\nTwo soldiers died in a clash on the border on Sunday, the defence ministry said.", "read", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "== -") || !strings.Contains(out, "Two soldiers died") {
		t.Errorf("readable view missing source or body:\n%s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}, {"read"}, {"read", "--no-such-flag", "x"}, {"eval"}} {
		if _, _, code := runCLI(t, "", args...); code != 2 {
			t.Errorf("sitrep %v: exit %d, want 2", args, code)
		}
	}
}

// sitrep explain names, for each field of an event, the rule and words
// that filled it.
func TestExplain(t *testing.T) {
	out, errs, code := runCLI(t, "", "explain", "--published", "2025-06-14", "-")
	if code != 1 || !strings.Contains(errs, "sitrep: -: empty input") {
		t.Fatalf("explain on empty stdin: exit %d, out %q, err %q", code, out, errs)
	}
	text := "Car bomb kills six\n\nA car bomb exploded outside the ferry terminal in Kabul on Saturday, killing six people, police said."
	out, errs, code = runCLI(t, text, "explain", "--published", "2025-06-14", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"explosions_remote_violence", `casualty phrase "six people"`, `time expression "Saturday"`, `place "Kabul"`} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q:\n%s", want, out)
		}
	}
}
