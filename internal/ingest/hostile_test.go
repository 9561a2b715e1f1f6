package ingest

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"testing"
)

// A feed of a million items, generated as it is read, is streamed in the
// memory of one item.
func TestFeedMillionItems(t *testing.T) {
	if testing.Short() {
		t.Skip("a million items take a while; run without -short")
	}
	const items = 1_000_000
	pr, pw := io.Pipe()
	go func() {
		w := bufio.NewWriter(pw)
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>`)
		for i := range items {
			fmt.Fprintf(w, "<item><title>Report %d</title><link>https://news.example/%d</link><guid>g%d</guid></item>\n", i, i, i)
		}
		fmt.Fprint(w, "</channel></rss>")
		w.Flush()
		pw.Close()
	}()
	n, peak := 0, uint64(0)
	var ms runtime.MemStats
	ok := feedPages("endless.xml", "", bufio.NewReader(pr), 1<<20, func(p Page) bool {
		if p.Err != nil {
			t.Fatalf("item %d: %v", n+1, p.Err)
		}
		n++
		if want := fmt.Sprintf("g%d", n-1); p.ExternalID != want {
			t.Fatalf("item %d has id %q, want %q", n, p.ExternalID, want)
		}
		if n%100_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		return true
	})
	if !ok || n != items {
		t.Fatalf("read %d items (ok %v), want %d", n, ok, items)
	}
	if peak > 64<<20 {
		t.Errorf("heap in use reached %d MiB streaming a feed", peak>>20)
	}
	t.Logf("%d items, heap in use at most %d MiB", n, peak>>20)
}
