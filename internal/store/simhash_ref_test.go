package store

import (
	"math/rand"
	"strings"
	"testing"
)

// simhashRef is simhash with a branch per bit, as first written: the
// branch-free one must give the same signatures.
func simhashRef(ws []string) int64 {
	if len(ws) == 0 {
		return 0
	}
	const k = 3
	var v [64]int
	add := func(shingle []string) {
		x := uint64(14695981039346656037)
		for i, w := range shingle {
			if i > 0 {
				x = (x ^ ' ') * 1099511628211
			}
			for j := 0; j < len(w); j++ {
				x = (x ^ uint64(w[j])) * 1099511628211
			}
		}
		for b := range 64 {
			if x&(1<<b) != 0 {
				v[b]++
			} else {
				v[b]--
			}
		}
	}
	if len(ws) < k {
		add(ws)
	}
	for i := 0; i+k <= len(ws); i++ {
		add(ws[i : i+k])
	}
	var sig uint64
	for b := range 64 {
		if v[b] > 0 {
			sig |= 1 << b
		}
	}
	return int64(sig)
}

func TestSimhashSameAsReference(t *testing.T) {
	vocab := strings.Fields("protesters marched to the ministry in Velmora on Sunday and police used tear gas 40 injured")
	r := rand.New(rand.NewSource(3))
	for i := range 500 {
		ws := make([]string, r.Intn(60))
		for j := range ws {
			ws[j] = vocab[r.Intn(len(vocab))]
		}
		if got, want := simhash(ws), simhashRef(ws); got != want {
			t.Fatalf("words %d %q: %x, want %x", i, ws, got, want)
		}
	}
}
