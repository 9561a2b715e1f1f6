package resolve

import (
	"bytes"
	"runtime"
	"testing"
)

// BenchmarkLoad measures a cold load of the embedded gazetteer and reports
// the heap it keeps (MB) alongside the time.
func BenchmarkLoad(b *testing.B) {
	var g *Gazetteer
	var err error
	for b.Loop() {
		g, err = Load(bytes.NewReader(placesGz), bytes.NewReader(indexGz), aliasesTSV, demonymsTSV, landmarksTSV)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(retainedHeap(func() any {
		g2, _ := Load(bytes.NewReader(placesGz), bytes.NewReader(indexGz), aliasesTSV, demonymsTSV, landmarksTSV)
		return g2
	}))/(1<<20), "MB-retained")
	_ = g
}

// retainedHeap is the live heap that what make returns keeps after a GC.
func retainedHeap(make func() any) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := make()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return after.HeapAlloc - before.HeapAlloc
}

var benchNames = []string{"Georgia", "Palmyra", "Long Beach, CA", "Kyiv", "Mariupolʹ", "Al-Raqqa",
	"Springfield", "San Jose", "Crocus City Hall", "Afghan", "Paris", "Alexandria"}

// BenchmarkLookup is one name through the whole resolver with a small
// article context, the per-name cost of geocoding an article.
func BenchmarkLookup(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	r := g.NewResolver(Context{Text: "Syrian troops advanced on Tadmur as fighting spread from Homs toward Deir ez-Zor."})
	i := 0
	for b.Loop() {
		r.Resolve(benchNames[i%len(benchNames)])
		i++
	}
}

// BenchmarkContext is the once-per-article cost of reading the context.
func BenchmarkContext(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	text := bytes.Repeat([]byte("Russian forces shelled Kharkiv and Zaporizhzhia on Tuesday, Ukrainian officials said, while talks in Istanbul stalled. "), 20)
	for b.Loop() {
		g.NewResolver(Context{Text: string(text)})
	}
}
