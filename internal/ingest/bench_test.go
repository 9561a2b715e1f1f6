package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"strings"
	"testing"
)

// BenchmarkFeedItems measures streaming one feed item: cutting it out of
// the stream and parsing it with gofeed.
func BenchmarkFeedItems(b *testing.B) {
	var doc bytes.Buffer
	doc.WriteString(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>`)
	for i := range b.N {
		fmt.Fprintf(&doc, "<item><title>Report %d</title><link>https://news.example/%d</link><guid>g%d</guid><pubDate>Mon, 06 May 2024 09:30:00 +0000</pubDate><content:encoded><![CDATA[<p>Gunmen attacked a convoy near Lorvale, killing %d.</p>]]></content:encoded></item>\n", i, i, i, i%9)
	}
	doc.WriteString("</channel></rss>")
	b.SetBytes(int64(doc.Len() / max(b.N, 1)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	feedPages("bench.xml", "", bufio.NewReader(&doc), 1<<20, func(p Page) bool {
		if p.Err != nil {
			b.Fatal(p.Err)
		}
		n++
		return true
	})
	if n != b.N {
		b.Fatalf("%d items, want %d", n, b.N)
	}
}

// BenchmarkWARC measures reading a gzipped WARC (one gzip member per
// record, as Common Crawl writes them): per response record of a 20 KB
// HTML page, with a request record beside each as in a real crawl.
func BenchmarkWARC(b *testing.B) {
	page := "<!DOCTYPE html><html><head><title>Report</title></head><body><article>" +
		strings.Repeat("<p>Gunmen attacked a convoy near Lorvale on Monday, killing four soldiers, officials said.</p>\n", 220) +
		"</article></body></html>"
	var archive bytes.Buffer
	for i := range b.N {
		uri := fmt.Sprintf("https://news.example/%d", i)
		archive.Write(gzOne(warcRecord("request", uri, []byte("GET / HTTP/1.1\r\nHost: news.example\r\n\r\n"))))
		archive.Write(gzOne(warcRecord("response", uri, httpOK("text/html; charset=utf-8", page))))
	}
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	ok := readStream(context.Background(), "bench.warc.gz", "", &archive, Options{MaxBytes: 1 << 20}, 0, func(p Page) bool {
		if p.Err != nil {
			b.Fatal(p.Err)
		}
		n++
		return true
	})
	if !ok || n != b.N {
		b.Fatalf("%d pages, want %d", n, b.N)
	}
}

func gzOne(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}
