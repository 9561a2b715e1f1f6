package cluster

import "testing"

// idWeights numbers tokens by a map and weighs them as DocFreqs does.
type idWeights struct {
	DocFreqs
	words []string
}

func (w idWeights) WeightOf(id int32) float64 { return w.IDF(w.words[id]) }

func (w idWeights) SquaredNorm(tokens []string) float64 { return SquaredNorm(w, tokens) }

func (w idWeights) SquaredNormOf(ids []int32) float64 {
	var n float64
	for _, id := range ids {
		x := w.WeightOf(id)
		n += x * x
	}
	return n
}

// TestCosineItemsSameAsCosine checks that comparing two items by token
// numbers gives Cosine's score bit for bit, and that items without
// numbers (or with numbers that do not match their tokens) fall back to
// Cosine.
func TestCosineItemsSameAsCosine(t *testing.T) {
	words := []string{"ambush", "convoy", "harbour", "market", "militia", "police", "vellmar"}
	df := DocFreqs{N: 40, DF: map[string]int{"ambush": 3, "convoy": 7, "harbour": 1, "market": 12, "militia": 5, "police": 20}}
	w := idWeights{df, words}
	number := func(toks ...string) Item {
		it := Item{Tokens: toks}
		for _, tk := range toks {
			for i, x := range words {
				if x == tk {
					it.TokenIDs = append(it.TokenIDs, int32(i))
				}
			}
		}
		return it
	}
	for _, tc := range []struct {
		name string
		a, b Item
	}{
		{"some shared", number("ambush", "convoy", "militia"), number("convoy", "market", "militia", "vellmar")},
		{"none shared", number("ambush", "harbour"), number("market", "police")},
		{"the same", number("convoy", "police"), number("convoy", "police")},
		{"one empty", number(), number("police")},
		{"no numbers on one side", number("ambush", "convoy"), Item{Tokens: []string{"convoy", "police"}}},
		{"numbers not matching the tokens", Item{Tokens: []string{"ambush", "convoy"}, TokenIDs: []int32{0}}, number("convoy")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := Cosine(df, tc.a.Tokens, tc.b.Tokens)
			if got := cosineItems(w, &tc.a, &tc.b); got != want {
				t.Errorf("cosineItems = %v, Cosine = %v", got, want)
			}
		})
	}
}
