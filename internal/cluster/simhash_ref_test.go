package cluster

import (
	"hash/fnv"
	"math/rand"
	"strings"
	"testing"
)

// simHashRef is SimHash as first written, with hash/fnv and a branch per
// bit: the faster one must give the same signatures.
func simHashRef(text string) uint64 {
	ws := Words(text)
	if len(ws) == 0 {
		return 0
	}
	var votes [64]int
	n := max(len(ws)-shingleWords+1, 1)
	h := fnv.New64a()
	for i := range n {
		h.Reset()
		for j := i; j < i+shingleWords && j < len(ws); j++ {
			h.Write([]byte(ws[j]))
			h.Write([]byte{' '})
		}
		x := h.Sum64()
		for b := range 64 {
			if x&(1<<b) != 0 {
				votes[b]++
			} else {
				votes[b]--
			}
		}
	}
	var sig uint64
	for b := range 64 {
		if votes[b] > 0 {
			sig |= 1 << b
		}
	}
	return sig
}

func TestSimHashSameAsReference(t *testing.T) {
	vocab := strings.Fields("police said gunmen opened fire on a market in the town of Qarvel late on Tuesday killing " +
		"three people and wounding eleven officials café Zürich 2031 l'armée’s village")
	r := rand.New(rand.NewSource(7))
	for i := range 500 {
		n := r.Intn(60)
		ws := make([]string, n)
		for j := range ws {
			ws[j] = vocab[r.Intn(len(vocab))]
		}
		text := strings.Join(ws, " ")
		if got, want := SimHash(text), simHashRef(text); got != want {
			t.Fatalf("text %d %q: %x, want %x", i, text, got, want)
		}
	}
}

// BenchmarkSimHash compares SimHash with the reference on an article's
// worth of text (about 900 words), side by side.
func BenchmarkSimHash(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	vocab := strings.Fields("police said gunmen opened fire on a market in the town of Qarvel late on Tuesday killing " +
		"three people and wounding eleven officials who asked not to be named because they were not authorised")
	ws := make([]string, 900)
	for i := range ws {
		ws[i] = vocab[r.Intn(len(vocab))]
	}
	text := strings.Join(ws, " ")
	b.Run("now", func(b *testing.B) {
		for b.Loop() {
			SimHash(text)
		}
	})
	b.Run("reference", func(b *testing.B) {
		for b.Loop() {
			simHashRef(text)
		}
	})
}
