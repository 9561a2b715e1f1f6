package ingest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sitrep/internal/fetch"
)

// collect reads every page of args and renders each as one line: the
// page's name, then what it holds or why it failed.
func collect(t *testing.T, args []string, opt Options) []string {
	t.Helper()
	if opt.MaxBytes == 0 {
		opt.MaxBytes = 1 << 20
	}
	var got []string
	for p := range Sources(context.Background(), args, opt) {
		got = append(got, describe(p))
	}
	return got
}

func describe(p Page) string {
	if p.Err != nil {
		return "error: " + p.Err.Error()
	}
	var b strings.Builder
	if _, inside, ok := strings.Cut(p.Name, ": "); ok {
		b.WriteString(inside) // "item 3 (https://...)", "record 2 (...)"
	} else {
		b.WriteString(filepath.Base(p.Name))
	}
	if p.URL != "" {
		b.WriteString(" url=" + p.URL)
	}
	if p.ExternalID != "" {
		b.WriteString(" id=" + p.ExternalID)
	}
	if p.Title != "" {
		b.WriteString(" title=" + p.Title)
	}
	if !p.Date.IsZero() {
		b.WriteString(" date=" + p.Date.Format(time.RFC3339))
	}
	if p.Data != nil {
		fmt.Fprintf(&b, " data=%q", first(p.Data, 40))
	}
	if p.Fallback != nil {
		b.WriteString(" +fallback")
	}
	return b.String()
}

func first(b []byte, n int) string {
	s := string(b)
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

func check(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\n\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head string
		want Kind
	}{
		{"WARC/1.1\r\nWARC-Type: warcinfo\r\n", KindWARC},
		{`<?xml version="1.0"?><rss version="2.0"><channel>`, KindFeed},
		{"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- generated -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", KindFeed},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, KindFeed},
		{`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, KindSitemap},
		{`<sitemapindex>`, KindSitemap},
		{`{"version": "https://jsonfeed.org/version/1.1", "items": []}`, KindFeed},
		{"# morning list\nhttps://news.example/a\n\nhttp://news.example/b?x=1\n", KindURLs},
		{"https://news.example/a\nA bomb exploded in the market.\n", KindPage},
		{"<!DOCTYPE html><html><body>", KindPage},
		{`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, KindPage},
		{"", KindPage},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.head)); got != tt.want {
			t.Errorf("sniff(%.40q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestURLList(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "list.txt")
	writeFile(t, list, []byte("# fictional\nhttps://news.example/a\n\nnot a url\nftp://files.example/x\nhttps://news.example/b\nhttps://news.example/c\n"))
	check(t, collect(t, []string{list}, Options{}), []string{
		"a url=https://news.example/a",
		"error: " + list + ":4: not an http(s) URL: \"not a url\"",
		"error: " + list + ":5: not an http(s) URL: \"ftp://files.example/x\"",
		"b url=https://news.example/b",
		"c url=https://news.example/c",
	})
	// --urls reads a list whatever it looks like.
	odd := filepath.Join(dir, "odd")
	writeFile(t, odd, []byte("https://news.example/c and some words\n"))
	check(t, collect(t, []string{odd}, Options{Kind: KindURLs}), []string{
		"error: " + odd + ":1: not an http(s) URL: \"https://news.example/c and some words\"",
	})
}

// A directory mixes kinds; each file is read as what it is, and a broken
// one does not stop the rest.
func TestMixedDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.html"), []byte("<p>Gunmen attacked a convoy.</p>"))
	writeFile(t, filepath.Join(dir, "b.rss"), []byte(rssFeed))
	writeFile(t, filepath.Join(dir, "c.txt"), []byte("https://news.example/listed\n"))
	writeFile(t, filepath.Join(dir, "d.xml.gz"), gz(t, []byte(`<urlset><url><loc>https://news.example/mapped</loc></url></urlset>`)))
	writeFile(t, filepath.Join(dir, "e.warc.gz"), gz(t, warcRecord("response", "https://news.example/archived", httpOK("text/html", "<p>archived</p>"))))
	writeFile(t, filepath.Join(dir, "f.rss"), []byte(`<rss><channel><item><title>cut`))
	got := collect(t, []string{dir}, Options{})
	want := []string{
		`a.html data="<p>Gunmen attacked a convoy.</p>"`,
		"item 1 (https://news.example/2024/05/06/market-blast) url=https://news.example/2024/05/06/market-blast id=fict-0001 title=Blast at the central market date=2024-05-06T09:30:00Z +fallback",
		"item 2 id=fict-0002 title=Curfew after clashes date=2024-05-06T18:00:00Z +fallback",
		"listed url=https://news.example/listed",
		"mapped url=https://news.example/mapped",
		`record 1 (https://news.example/archived) url=https://news.example/archived date=2024-05-06T12:00:00Z data="<p>archived</p>"`,
		"error: " + filepath.Join(dir, "f.rss") + ": item 1: broken XML at line 1: unexpected EOF",
	}
	check(t, got, want)
}

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Fictional Courier</title>
  <link>https://news.example/</link>
  <item>
    <title>Blast at the central market</title>
    <link>https://news.example/2024/05/06/market-blast</link>
    <guid isPermaLink="false">fict-0001</guid>
    <pubDate>Mon, 06 May 2024 09:30:00 +0000</pubDate>
    <description>Short.</description>
    <content:encoded><![CDATA[<p>A bomb exploded at the central market of Lorvale on Monday, killing four people.</p>]]></content:encoded>
  </item>
  <item>
    <title>Curfew after clashes</title>
    <guid isPermaLink="false">fict-0002</guid>
    <dc:date>2024-05-06T18:00:00Z</dc:date>
    <description>&lt;p&gt;Police imposed a curfew&nbsp;after clashes.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
`

func TestFeeds(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"atom.xml", []byte(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Fictional Wire</title>
  <entry>
    <title>Raid on a village</title>
    <id>tag:wire.example,2024:raid</id>
    <link rel="alternate" href="https://wire.example/raid"/>
    <published>2024-03-02T07:00:00Z</published>
    <content type="html">&lt;p&gt;Armed men raided the village.&lt;/p&gt;</content>
  </entry>
</feed>`), []string{"item 1 (https://wire.example/raid) url=https://wire.example/raid id=tag:wire.example,2024:raid title=Raid on a village date=2024-03-02T07:00:00Z +fallback"}},
		{"rdf.xml", []byte(`<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old</title></channel>
  <item rdf:about="https://old.example/1">
    <title>Ambush</title><link>https://old.example/1</link><dc:date>2023-11-30</dc:date>
  </item>
</rdf:RDF>`), []string{"item 1 (https://old.example/1) url=https://old.example/1 id=https://old.example/1 title=Ambush date=2023-11-30T00:00:00Z"}},
		{"json.feed", []byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "J",
  "items": [{"id": "j1", "url": "https://json.example/1", "title": "Shelling", "content_html": "<p>Shells fell.</p>", "date_published": "2024-01-10T10:00:00Z"}]}`),
			[]string{"item 1 (https://json.example/1) url=https://json.example/1 id=j1 title=Shelling date=2024-01-10T10:00:00Z +fallback"}},
		// windows-1252, declared: "é" is 0xE9.
		{"cp1252.xml", []byte("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><item><title>Caf\xe9 attack</title><guid>w1</guid><description>x</description></item></channel></rss>"),
			[]string{"item 1 id=w1 title=Café attack +fallback"}},
		// Says UTF-8, is Latin-1: the bad byte becomes U+FFFD, the feed is still read.
		{"liar.xml", []byte("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><item><title>Caf\xe9 attack</title><guid>l1</guid><description>x</description></item></channel></rss>"),
			[]string{"item 1 id=l1 title=Caf\ufffd attack +fallback"}},
		{"unknown-encoding.xml", []byte(`<?xml version="1.0" encoding="x-klingon"?><rss><channel><item/></channel></rss>`),
			[]string{`error: DIR/unknown-encoding.xml: unknown encoding "x-klingon" in the XML declaration`}},
		{"broken.xml", []byte("<rss><channel>\n<item><title>first</title><guid>b1</guid><description>x</description></item>\n<item><title>second</title></chanel></rss>"),
			[]string{"item 1 id=b1 title=first +fallback",
				"error: DIR/broken.xml: item 2: item has neither a link nor content",
				"error: DIR/broken.xml: broken XML at line 3: unexpected end element </chanel>"}},
		{"empty.xml", []byte(`<rss version="2.0"><channel><title>none</title></channel></rss>`),
			[]string{"error: DIR/empty.xml: no items in the feed"}},
		{"bare.xml", []byte(`<rss version="2.0"><channel><item><title>nothing else</title></item></channel></rss>`),
			[]string{"error: DIR/bare.xml: item 1: item has neither a link nor content"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			writeFile(t, path, tt.data)
			var want []string
			for _, w := range tt.want {
				want = append(want, strings.ReplaceAll(w, "DIR", dir))
			}
			check(t, collect(t, []string{path}, Options{Kind: KindFeed}), want)
		})
	}
}

// A sitemap index over HTTP, with a gzipped child sitemap, read through a
// real fetch.Client.
func TestSitemapIndexOverHTTP(t *testing.T) {
	var srv *httptest.Server
	mux := http.NewServeMux()
	mux.HandleFunc("/sitemap.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>%[1]s/news.xml.gz</loc></sitemap>
  <sitemap><loc>%[1]s/missing.xml</loc></sitemap>
  <sitemap><loc>javascript:alert(1)</loc></sitemap>
  <sitemap><loc>%[1]s/loop.xml</loc></sitemap>
</sitemapindex>`, srv.URL)
	})
	mux.HandleFunc("/news.xml.gz", func(w http.ResponseWriter, r *http.Request) {
		w.Write(gz(t, []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://news.example/a</loc><lastmod>2024-05-01</lastmod></url>
  <url><loc>https://news.example/b</loc><news:news><news:publication_date>2024-05-02T08:00:00+02:00</news:publication_date><news:title>Blast</news:title></news:news></url>
</urlset>`)))
	})
	mux.HandleFunc("/loop.xml", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<sitemapindex><sitemap><loc>%s/loop.xml</loc></sitemap></sitemapindex>`, srv.URL)
	})
	srv = httptest.NewServer(mux)
	defer srv.Close()
	client := fetch.New(fetch.Options{Allow: []string{srv.Listener.Addr().String()}, HostDelay: -1, Retries: -1})
	got := collect(t, []string{srv.URL + "/sitemap.xml"}, Options{Fetcher: client})
	want := []string{
		"a url=https://news.example/a date=2024-05-01T00:00:00Z",
		"b url=https://news.example/b title=Blast date=2024-05-02T06:00:00Z",
		"error: GET " + srv.URL + "/missing.xml: HTTP 404 Not Found",
		"error: " + srv.URL + "/sitemap.xml: sitemap 3: <loc> \"javascript:alert(1)\" is not an http(s) URL",
		"error: " + srv.URL + "/loop.xml: sitemap indexes nested more than 3 deep",
	}
	check(t, got, want)
}

func TestResolve(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<p>fetched</p>")
	}))
	defer srv.Close()
	client := fetch.New(fetch.Options{Allow: []string{srv.Listener.Addr().String()}, HostDelay: -1, Retries: -1})
	tests := []struct {
		page     Page
		data     string
		fallback bool
		err      string
	}{
		{Page{URL: srv.URL + "/ok"}, "<p>fetched</p>", false, ""},
		{Page{URL: srv.URL + "/gone", Fallback: []byte("<p>own</p>")}, "<p>own</p>", true, "404"},
		{Page{URL: srv.URL + "/gone"}, "", false, "404"},
		{Page{Fallback: []byte("<p>only</p>")}, "<p>only</p>", false, ""},
		{Page{Data: []byte("kept"), URL: srv.URL + "/gone"}, "kept", false, ""},
	}
	for _, tt := range tests {
		p := tt.page
		err := Resolve(context.Background(), client, &p)
		_, isFallback := err.(*FallbackError)
		if string(p.Data) != tt.data || isFallback != tt.fallback || (tt.err == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Resolve(%+v): data %q, err %v", tt.page, p.Data, err)
		}
	}
}

// Sources given as URLs go through the fetcher; without one they are an
// error naming the URL, and the other sources are still read.
func TestURLSourceWithoutFetcher(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.html"), []byte("<p>a</p>"))
	check(t, collect(t, []string{"https://news.example/feed", filepath.Join(dir, "a.html")}, Options{}), []string{
		"error: https://news.example/feed: cannot fetch URLs here",
		`a.html data="<p>a</p>"`,
	})
}

// Standard input is told apart like a file: here a gzipped WARC.
func TestStdinWARC(t *testing.T) {
	rec := warcRecord("response", "https://news.example/piped", httpOK("text/html", "<p>piped</p>"))
	check(t, collect(t, []string{"-"}, Options{Stdin: bytes.NewReader(gz(t, rec))}), []string{
		`record 1 (https://news.example/piped) url=https://news.example/piped date=2024-05-06T12:00:00Z data="<p>piped</p>"`,
	})
}

// Relative item links are resolved against the feed's URL.
func TestFeedRelativeLinks(t *testing.T) {
	feed := `<rss><channel>
<item><link>/2024/05/raid</link><guid>1</guid></item>
<item><link>more/clash.html</link><guid>2</guid></item>
<item><link>javascript:alert(1)</link><guid>3</guid><description>own</description></item>
</channel></rss>`
	var got []string
	for p := range Read(context.Background(), "https://news.example/feeds/main.xml", strings.NewReader(feed), Options{MaxBytes: 1 << 20}) {
		got = append(got, describe(p))
	}
	check(t, got, []string{
		"item 1 (https://news.example/2024/05/raid) url=https://news.example/2024/05/raid id=1",
		"item 2 (https://news.example/feeds/more/clash.html) url=https://news.example/feeds/more/clash.html id=2",
		"item 3 id=3 +fallback",
	})
}
