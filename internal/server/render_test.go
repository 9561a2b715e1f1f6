package server

import (
	"encoding/json"
	"flag"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file; run go test ./internal/server -run %s -update and review the diff\ngot:\n%s", path, t.Name(), got)
	}
}

func TestExcerpts(t *testing.T) {
	text := "First paragraph. Gunmen killed four in Jos.\n\nSecond one: café owners said the attackers fled. Police arrived.\n\nThird."
	ev := func(s string) extract.Evidence {
		i := strings.Index(text, s)
		return extract.Evidence{Start: utf8.RuneCountInString(text[:i]), End: utf8.RuneCountInString(text[:i+len(s)]), Text: s}
	}
	tests := []struct {
		name string
		ev   []extract.Evidence
		want string // paragraphs joined by |, marks in [ ]
	}{
		{"none", nil, ""},
		{"one sentence", []extract.Evidence{ev("Gunmen killed four in Jos.")}, "First paragraph. [Gunmen killed four in Jos.]"},
		{"after a multibyte rune", []extract.Evidence{ev("Police arrived.")}, "Second one: café owners said the attackers fled. [Police arrived.]"},
		{"two paragraphs", []extract.Evidence{ev("Police arrived."), ev("First paragraph.")},
			"[First paragraph.] Gunmen killed four in Jos.|Second one: café owners said the attackers fled. [Police arrived.]"},
		{"two in one paragraph", []extract.Evidence{ev("Second one: café owners said the attackers fled."), ev("Police arrived.")},
			"[Second one: café owners said the attackers fled.] [Police arrived.]"},
		{"overlapping", []extract.Evidence{ev("Gunmen killed four in Jos."), ev("killed four")}, "First paragraph. [Gunmen killed four in Jos.]"},
		{"stale offsets, text found", []extract.Evidence{{Start: 0, End: 6, Text: "Third."}}, "[Third.]"},
		{"offsets past the end, text gone", []extract.Evidence{{Start: 500, End: 600, Text: "not in the text"}}, ""},
		{"negative offsets", []extract.Evidence{{Start: -5, End: -1, Text: ""}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paras []string
			for _, x := range excerpts(text, tt.ev) {
				var b strings.Builder
				for _, s := range x.Segments {
					if s.Mark {
						b.WriteString("[" + s.Text + "]")
					} else {
						b.WriteString(s.Text)
					}
				}
				paras = append(paras, b.String())
			}
			if got := strings.Join(paras, "|"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// FuzzExcerpts: whatever the offsets and text (evidence from an older
// version of an article, or a damaged row), excerpts never panics and
// every segment is a piece of the text, marks included.
func FuzzExcerpts(f *testing.F) {
	f.Add("Gunmen killed four.\n\nPolice came.", 0, 19, "Gunmen killed four.")
	f.Add("é\n\nx", 3, 4, "x")
	f.Add("", 0, 0, "")
	f.Add("abc", 2, 1, "c")
	f.Fuzz(func(t *testing.T, text string, start, end int, ev string) {
		for _, x := range excerpts(text, []extract.Evidence{{Start: start, End: end, Text: ev}}) {
			for _, s := range x.Segments {
				if !strings.Contains(text, s.Text) {
					t.Fatalf("segment %q is not in the text", s.Text)
				}
			}
		}
	})
}

func TestCountText(t *testing.T) {
	n := func(i int) *int { return &i }
	tests := []struct {
		c    *extract.Count
		want string
	}{
		{nil, "—"},
		{&extract.Count{Min: 5}, "at least 5"},
		{&extract.Count{Min: 5, Max: n(5)}, "5"},
		{&extract.Count{Min: 5, Max: n(8)}, "5 (5–8)"},
		{&extract.Count{Min: 12, Max: n(15), Best: n(15)}, "15 (12–15)"},
		{&extract.Count{Min: 28, Best: n(30)}, "30 (at least 28)"},
		{&extract.Count{Min: 3, Best: n(3)}, "3"},
	}
	for _, tt := range tests {
		if got := countText(tt.c); got != tt.want {
			t.Errorf("countText(%+v) = %q, want %q", tt.c, got, tt.want)
		}
	}
}

// TestTimelineGolden lays out a fixed set of buckets: quiet weeks are
// gaps, types stack most frequent first, both panels scale to their max.
func TestTimelineGolden(t *testing.T) {
	bs := []store.Bucket{
		{Keys: []string{"2025-01-06", "battles"}, Incidents: 2, Killed: 10},
		{Keys: []string{"2025-01-06", "protests"}, Incidents: 1},
		{Keys: []string{"2025-01-20", "battles"}, Incidents: 1, Killed: 3},
		{Keys: []string{"2025-02-03", "explosions_remote_violence"}, Incidents: 1, Killed: 40},
	}
	tl := buildTimeline(store.ByWeek, bs)
	if got := len(periods(store.ByWeek, tl.First, tl.Last)); got != 5 {
		t.Errorf("%d weeks from %s to %s, want 5", got, tl.First, tl.Last)
	}
	b, err := json.MarshalIndent(tl, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "timeline.json", append(b, '\n'))
	if e := buildTimeline(store.ByWeek, nil); !e.Empty {
		t.Error("no buckets: not Empty")
	}
}

func TestBasemap(t *testing.T) {
	svg, err := basemap()
	if err != nil {
		t.Fatal(err)
	}
	// Natural Earth 1:110m has 177 countries; each is one path.
	if n := strings.Count(string(svg), "<path "); n < 170 {
		t.Errorf("%d country paths, want about 177", n)
	}
	if strings.Contains(string(svg), "NaN") || strings.Contains(string(svg), "<style") {
		t.Error("basemap has NaN coordinates or an inline style")
	}
	x, y := project(0, 0)
	if x != mapWidth/2 || y != mapHeight/2 {
		t.Errorf("project(0, 0) = %g, %g, want the centre", x, y)
	}
}

func TestTopoPathsErrors(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"not json", `{`},
		{"not a topology", `{"type":"FeatureCollection"}`},
		{"no object", `{"type":"Topology","objects":{},"arcs":[]}`},
		{"arc out of range", `{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[5]]}]}}}`},
		{"bad arcs", `{"type":"Topology","arcs":[],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":"x"}]}}}`},
	}
	for _, tt := range tests {
		if _, err := topoPaths([]byte(tt.doc), "countries"); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
	// A reversed arc (~0 = -1) walks the arc backwards.
	paths, err := topoPaths([]byte(`{"type":"Topology","arcs":[[[0,0],[90,45],[90,-45]]],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"Polygon","arcs":[[-1]]}]}}}`), "countries")
	if err != nil || len(paths) != 1 || paths[0] != "M750.0 375.0L750.0 125.0L500.0 250.0Z" {
		t.Errorf("reversed arc: %q, %v", paths, err)
	}
}

// FuzzTopoPaths: a malformed TopoJSON file is an error, never a panic.
func FuzzTopoPaths(f *testing.F) {
	f.Add(`{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"countries":{"type":"GeometryCollection","geometries":[{"type":"MultiPolygon","arcs":[[[0,-1]]]}]}}}`)
	f.Add(`{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},"arcs":[[[0,0]]],"objects":{"countries":{"geometries":[{"type":"Polygon","arcs":[[-2]]}]}}}`)
	f.Fuzz(func(t *testing.T, doc string) {
		topoPaths([]byte(doc), "countries")
	})
}

// FuzzParseFilter: any query string either parses into a filter whose
// rendering parses back to the same filter, or is an error naming a
// parameter; it never panics.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"", "type=battles&country=ng", "bbox=-10,-5,10,5&min_killed=3", "from=2025-01-01&to=2025-02-01&sort=-date",
		"q=%27+OR+1%3D1", "subtype=armed_clash&type=battles&limit=5&cursor=abc", "article=7&actor=Boko+Haram", "by=week", "actor=Boko+Haram&role=perpetrator"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl, err := parseFilter(v)
		if err != nil {
			if _, ok := err.(*filterError); !ok {
				t.Fatalf("error %v is not a filterError", err)
			}
			return
		}
		again, err := parseFilter(query(fl))
		if err != nil {
			t.Fatalf("%q parsed, but its rendering %q does not: %v", raw, query(fl).Encode(), err)
		}
		a, _ := json.Marshal(fl)
		b, _ := json.Marshal(again)
		if string(a) != string(b) {
			t.Fatalf("round trip changed the filter: %s -> %s", a, b)
		}
	})
}

// TestSharedPageLinks: a page link that picked up tracking parameters on
// its way (utm_*, fbclid) still opens, while the API keeps refusing
// parameters it does not know.
func TestSharedPageLinks(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	tests := []struct {
		path string
		want int
	}{
		{"/?country=AF&utm_source=newsletter&utm_medium=email", http.StatusOK},
		{"/?fbclid=abc123", http.StatusOK},
		{"/?contry=AF", http.StatusBadRequest},
		{"/api/v1/events?utm_source=newsletter", http.StatusBadRequest},
	}
	for _, tt := range tests {
		if code := get(t, ts, tt.path, nil); code != tt.want {
			t.Errorf("GET %s: status %d, want %d", tt.path, code, tt.want)
		}
	}
}
