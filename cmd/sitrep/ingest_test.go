package main

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Ingesting the examples twice stores them once.
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
	// "failed" is the bad JSON line.
	if !strings.HasPrefix(out, "3 articles: 3 inserted, 0 updated, 0 unchanged, 1 failed;") {
		t.Errorf("first run: %s", out)
	}
	out, _, _ = run()
	if !strings.HasPrefix(out, "3 articles: 0 inserted, 0 updated, 3 unchanged, 1 failed; 0 events") {
		t.Errorf("second run: %s", out)
	}
}

// A page read with a warning (a few bytes invalid in its charset) is
// stored and reported, and the summary names it: otherwise exit status 1
// beside "0 failed" would be a riddle.
func TestIngestWarnedPageCounted(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.html")
	writeFileForIngest(t, page, "<html><head><meta charset=\"utf-8\"><title>Depot raid</title></head><body><article><p>Gunmen killed two guards at the Velmora grain depot on Sunday night, the district police chief said \xff\xfe.</p></article></body></html>")
	var out, errb strings.Builder
	e := env{strings.NewReader(""), &out, &errb}
	code := e.cmdIngest([]string{"--db", filepath.Join(dir, "sitrep.db"), page})
	if code != 1 || !strings.Contains(errb.String(), page+": invalid text encoding") {
		t.Errorf("exit %d (want 1), stderr:\n%s", code, errb.String())
	}
	if !strings.HasPrefix(out.String(), "1 articles: 1 inserted, 0 updated, 0 unchanged, 0 failed, 1 stored with a warning;") {
		t.Errorf("summary: %s", out.String())
	}
}

func writeFileForIngest(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newsSite serves a fictional news site: article pages, an RSS feed of
// them, a sitemap and a robots.txt that keeps us out of /private/.
func newsSite(t *testing.T) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	page := func(title, body string) string {
		return `<!DOCTYPE html><html><head><title>` + title + `</title>
<meta property="article:published_time" content="2024-05-06T08:00:00Z"></head>
<body><article><h1>` + title + `</h1><p>` + body + `</p></article></body></html>`
	}
	pages := map[string]string{
		"/2024/05/06/market-blast": page("Bomb kills four at Lorvale market", "A bomb exploded at the central market of Lorvale on Monday, killing four people and wounding eleven, police said."),
		"/2024/05/06/convoy":       page("Gunmen attack convoy near Tesh", "Gunmen attacked an army convoy near the town of Tesh on Sunday, killing two soldiers, the army said."),
		"/2024/05/07/protest":      page("Protesters march in Marrow", "Thousands of people marched peacefully through Marrow on Tuesday to demand higher wages."),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	})
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title>
<item><title>Bomb kills four</title><link>%[1]s/2024/05/06/market-blast</link><guid>courier-1</guid></item>
<item><title>Gunmen attack convoy</title><link>%[1]s/2024/05/06/convoy</link><guid>courier-2</guid></item>
<item><title>Shelling in Dorn</title><link>%[1]s/private/shelling</link><guid>courier-3</guid>
  <pubDate>Tue, 07 May 2024 06:00:00 GMT</pubDate>
  <description>&lt;p&gt;Artillery shells hit a residential district of Dorn on Tuesday, killing three civilians, residents said.&lt;/p&gt;</description></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>%[1]s/2024/05/07/protest</loc><lastmod>2024-05-07</lastmod></url>
<url><loc>%[1]s/2024/05/06/convoy</loc></url>
</urlset>`, srv.URL)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, body)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// Every kind of source through a real SQLite store; the second run stores
// nothing new.
func TestIngestSources(t *testing.T) {
	srv := newsSite(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "sitrep.db")
	urls := filepath.Join(dir, "urls.txt")
	writeFileForIngest(t, urls, "# picked by hand\n"+srv.URL+"/2024/05/06/market-blast\n"+srv.URL+"/missing\n")
	warc := filepath.Join(dir, "crawl.warc")
	body := `<html><head><title>Clashes in Orrin</title></head><body><article><p>Two people were killed on Friday in clashes between police and protesters in Orrin, officials said.</p></article></body></html>`
	record := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nLast-Modified: Fri, 03 May 2024 18:00:00 GMT\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	writeFileForIngest(t, warc, fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://orrin.example/clashes\r\nWARC-Date: 2024-05-04T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", len(record), record))

	run := func() (string, string, int) {
		var out, errb strings.Builder
		e := env{strings.NewReader(""), &out, &errb}
		code := e.cmdIngest([]string{"--db", db, "--allow-private", "--host-delay", "0", "--jobs", "3",
			srv.URL + "/feed.xml", srv.URL + "/sitemap.xml", urls, warc})
		return out.String(), errb.String(), code
	}
	out, errs, code := run()
	want := []string{
		// the feed's robots-disallowed item, stored from the feed's own content
		"7 articles: 5 inserted, 0 updated, 2 unchanged, 1 failed, 1 stored with a warning;",
		"  " + srv.URL + "/feed.xml: 3 pages: 3 inserted, 0 updated, 0 unchanged, 0 failed, 1 stored with a warning;",
		"  " + srv.URL + "/sitemap.xml: 2 pages: 1 inserted, 0 updated, 1 unchanged, 0 failed;",
		// the market-blast page again, already stored from the feed
		"  " + urls + ": 2 pages: 0 inserted, 0 updated, 1 unchanged, 1 failed;",
		"  " + warc + ": 1 pages: 1 inserted, 0 updated, 0 unchanged, 0 failed;",
	}
	checkSummary(t, "first run", out, want)
	if code != 1 || !strings.Contains(errs, srv.URL+"/missing: HTTP 404") ||
		!strings.Contains(errs, "/private/shelling: disallowed by robots.txt (used the feed's own content)") {
		t.Errorf("first run: exit %d, stderr:\n%s", code, errs)
	}
	out, _, _ = run()
	checkSummary(t, "second run", out, []string{
		"7 articles: 0 inserted, 0 updated, 7 unchanged, 1 failed, 1 stored with a warning; 0 events",
	})
}

func checkSummary(t *testing.T, what, out string, want []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i, w := range want {
		if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
			t.Errorf("%s: summary\n%s\nwant lines starting\n%s", what, out, strings.Join(want, "\n"))
			return
		}
	}
}

// The progress line has a total (and so an ETA) only when every file is
// one page.
func TestCountPages(t *testing.T) {
	pages := t.TempDir()
	writeFileForIngest(t, filepath.Join(pages, "a.html"), "<p>a</p>")
	writeFileForIngest(t, filepath.Join(pages, "b.txt"), "A bomb exploded.\nhttps://news.example/source\n")
	writeFileForIngest(t, filepath.Join(pages, ".hidden"), "x")
	mixed := t.TempDir()
	writeFileForIngest(t, filepath.Join(mixed, "a.html"), "<p>a</p>")
	writeFileForIngest(t, filepath.Join(mixed, "feed.xml"), "<rss><channel></channel></rss>")
	tests := []struct {
		inputs []string
		want   int
	}{
		{[]string{pages}, 2},
		{[]string{pages, filepath.Join(mixed, "a.html")}, 3},
		{[]string{pages, mixed}, 0},
		{[]string{pages, "https://news.example/feed"}, 0},
		{[]string{"-"}, 0},
	}
	for _, tt := range tests {
		in := newIngester(env{}, nil, 1, 1, newProgress(io.Discard, "ingest", 0))
		in.countPages(context.Background(), tt.inputs)
		if in.pr.total != tt.want {
			t.Errorf("countPages(%v) = %d, want %d", tt.inputs, in.pr.total, tt.want)
		}
	}
}

// BenchmarkIngestWARC measures the whole ingest of a gzipped WARC into a
// SQLite store — read the record, read the page, extract, store — per
// page. Each page is a different short report, as in a news crawl: eight
// places, a new day every eight pages.
func BenchmarkIngestWARC(b *testing.B) {
	dir := b.TempDir()
	path := filepath.Join(dir, "crawl.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	places := []string{"Lorvale", "Tesh", "Marrow", "Dorn", "Orrin", "Kessa", "Varn", "Ostra"}
	for i := range b.N {
		place := places[i%len(places)]
		body := fmt.Sprintf(`<!DOCTYPE html><html><head><title>Attack near %[1]s (%[2]d)</title></head><body><article>
<h1>Attack near %[1]s</h1><p>Gunmen attacked a police post near %[1]s on Monday, killing %[3]d officers and wounding %[4]d, the provincial governor said.</p>
<p>No group claimed the attack, report number %[2]d of the day. Police sealed off the area and searched nearby villages.</p>
</article></body></html>`, place, i, 2+i%7, 1+i%5)
		resp := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		// A crawl spans days: the capture date, the page's date hint,
		// moves a day every 8 pages.
		date := time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, i/len(places)).Format(time.RFC3339)
		rec := fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/%d\r\nWARC-Date: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", i, date, len(resp), resp)
		zw := gzip.NewWriter(f)
		zw.Write([]byte(rec))
		if err := zw.Close(); err != nil {
			b.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	var out, errb strings.Builder
	e := env{strings.NewReader(""), &out, &errb}
	b.ResetTimer()
	if code := e.cmdIngest([]string{"--db", filepath.Join(dir, "sitrep.db"), path}); code != 0 {
		b.Fatalf("exit %d: %s", code, errb.String())
	}
	b.StopTimer()
	if want := fmt.Sprintf("%d articles: %d inserted", b.N, b.N); !strings.HasPrefix(out.String(), want) {
		b.Fatalf("%s, want %s", out.String(), want)
	}
}
