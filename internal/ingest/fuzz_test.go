package ingest

import (
	"bufio"
	"bytes"
	"context"
	"strings"
	"testing"
)

// Every source reader takes bytes from outside. Whatever they are, it
// must not panic or loop, and every page it yields is either an error
// naming the input or something to read.
func checkPages(t *testing.T, name string, read func(yield func(Page) bool) bool) {
	t.Helper()
	n := 0
	read(func(p Page) bool {
		n++
		if n > 1<<16 {
			t.Fatal("too many pages from a small input")
		}
		switch {
		case p.Err != nil:
			// The input, or for a sitemap index the child sitemap's URL.
			if !strings.Contains(p.Err.Error(), name) && !strings.Contains(p.Err.Error(), p.Name) {
				t.Errorf("error %q does not name the input", p.Err)
			}
		case p.Data == nil && p.URL == "" && p.Fallback == nil:
			t.Errorf("page %q has nothing to read", p.Name)
		case p.URL != "" && !isURL(p.URL):
			t.Errorf("page %q has a bad URL %q", p.Name, p.URL)
		}
		return true
	})
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(rssFeed))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><link href="https://a.example/"/><content>c</content></entry></feed>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="u"><link>https://b.example/1</link></item></rdf:RDF>`))
	f.Add([]byte("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel><item><title>\xe9</title><description>&nbsp;&amp;</description></item></channel></rss>"))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","url":"https://c.example/"}]}`))
	f.Add([]byte(`<rss><channel><item><item><link>https://d.example/</link></item></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPages(t, "fuzz.xml", func(yield func(Page) bool) bool {
			return feedPages("fuzz.xml", "https://fuzz.example/feed.xml", bufio.NewReader(bytes.NewReader(data)), 1<<16, yield)
		})
	})
}

func FuzzSitemap(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://news.example/a</loc><lastmod>2024-05-01</lastmod></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://news.example/s.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte(`<urlset><url><loc> javascript:x </loc></url><url><loc>https://x.example/</loc><news:news xmlns:news="n"><news:publication_date>bad</news:publication_date></news:news></url></urlset>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// No fetcher: an index's children are errors, never requests.
		checkPages(t, "fuzz.xml", func(yield func(Page) bool) bool {
			return sitemapPages(context.Background(), "fuzz.xml", bufio.NewReader(bytes.NewReader(data)), Options{MaxBytes: 1 << 16}, 0, yield)
		})
	})
}

func FuzzURLList(f *testing.F) {
	f.Add([]byte("# list\nhttps://news.example/a\n\nhttp://news.example/b?q=1#frag\nnot a url\n"))
	f.Add([]byte("https://[::1]:80/\nhttps://user:pw@host.example/\nhttp://%zz/\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPages(t, "fuzz.txt", func(yield func(Page) bool) bool {
			return urlPages("fuzz.txt", bufio.NewReader(bytes.NewReader(data)), yield)
		})
	})
}

func FuzzWARC(f *testing.F) {
	page := warcRecord("response", "https://news.example/one", httpOK("text/html", "<p>one</p>"))
	f.Add(page)
	f.Add(append(warcRecordLength("response", "https://news.example/x", httpOK("text/html", "<p>x</p>"), 5), page...))
	f.Add(append(warcRecordLength("response", "https://news.example/y", httpOK("text/html", "<p>y</p>"), 90), page...))
	f.Add(append(warcRecord("request", "https://news.example/one", []byte("GET / HTTP/1.1\r\n\r\n")), page...))
	f.Add([]byte("WARC/1.0\r\nContent-Length: -1\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 4\r\n\r\nHTTP\r\n\r\nWARC/1.1\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPages(t, "fuzz.warc", func(yield func(Page) bool) bool {
			return warcPages("fuzz.warc", bufio.NewReader(bytes.NewReader(data)), 1<<16, yield)
		})
	})
}
