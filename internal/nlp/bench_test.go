package nlp

import (
	"os"
	"runtime"
	"testing"

	"sitrep/internal/cputime"
)

// BenchmarkPipeline runs the whole layer — sentences, then tokens and
// quantities of each — over a 5 KB invented news article, as the event
// extractor will for every article: ns/op is the time per article. On
// Linux it also reports cpu-ns/op, the CPU time of the benchmark's
// thread, which stays meaningful when other work shares the machine.
func BenchmarkPipeline(b *testing.B) {
	raw, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	lex() // parse the data files outside the timing
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpu0, cpuOK := cputime.Thread()
	for b.Loop() {
		for _, s := range Sentences(text) {
			_ = Tokens(text, s)
			_ = Quantities(text, s)
		}
	}
	if cpu1, ok := cputime.Thread(); ok && cpuOK {
		b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
	}
}

// TestPipelineArticle pins what the benchmark article yields, so a change
// in the rules shows up as a diff of whole sentences.
func TestPipelineArticle(t *testing.T) {
	raw, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	spans := Sentences(text)
	checkSpans(t, text, spans)
	for _, s := range spans {
		for _, q := range Quantities(text, s) {
			t.Logf("%s", qs(q))
		}
	}
}

// TestConcurrent runs the pipeline from several goroutines at once: the
// data files are parsed once and the parser buffers are pooled, and
// under -race this shows they are shared safely.
func TestConcurrent(t *testing.T) {
	raw, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	var want []Quantity
	for _, s := range Sentences(text) {
		want = append(want, Quantities(text, s)...)
	}
	done := make(chan []Quantity)
	for range 8 {
		go func() {
			var got []Quantity
			for _, s := range Sentences(text) {
				Tokens(text, s)
				got = append(got, Quantities(text, s)...)
			}
			done <- got
		}()
	}
	for range 8 {
		got := <-done
		if len(got) != len(want) {
			t.Fatalf("got %d quantities, want %d", len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("quantity %d: got %+v, want %+v", i, got[i], want[i])
			}
		}
	}
}
