package ingest

import (
	"bufio"
	"bytes"
	"fmt"
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
	feedPages("bench.xml", bufio.NewReader(&doc), 1<<20, func(p Page) bool {
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
