// Package logit fits the small logistic models the MUC-4 adapter's learned
// parts use (tools/muctrain's relevance filter, tools/mucfill's slot
// filler): weights over hashed features, trained with AdaGrad in an order
// fixed by a seeded shuffle, so that a refit reproduces the committed
// weights byte for byte. It lives under tools/ because only the training
// commands need it; the adapter reads the written weights.
package logit

import (
	"math"
	"math/rand"
	"sort"
)

// Example is one training case: its hashed features, its label, and the
// cross-validation fold it is held out in.
type Example struct {
	Fold  int
	Feats []int
	Label bool
}

// Model holds dim hashed-feature weights, then the bias.
type Model struct{ W []float64 }

// Prob is the model's probability that an example with feats is positive.
func (m Model) Prob(feats []int) float64 {
	z := m.W[len(m.W)-1]
	for _, f := range feats {
		z += m.W[f]
	}
	return 1 / (1 + math.Exp(-z))
}

// Fit runs AdaGrad on the L2-penalised log loss for epochs passes.
func Fit(exs []Example, dim, epochs int, lr, l2 float64) Model {
	m := Model{W: make([]float64, dim+1)}
	g2 := make([]float64, dim+1)
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewSource(1))
	step := func(j int, g float64) {
		g2[j] += g * g
		m.W[j] -= lr * g / (math.Sqrt(g2[j]) + 1e-8)
	}
	for range epochs {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			e := exs[i]
			y := 0.0
			if e.Label {
				y = 1
			}
			g := m.Prob(e.Feats) - y
			for _, f := range e.Feats {
				step(f, g+l2*m.W[f])
			}
			step(dim, g)
		}
	}
	return m
}

// CVProb gives each example the probability of a model fitted on the other
// folds: held-out predictions for choosing thresholds honestly.
func CVProb(exs []Example, folds, dim, epochs int, lr, l2 float64) []float64 {
	prob := make([]float64, len(exs))
	for k := range folds {
		var tr []Example
		var idx []int
		for i, e := range exs {
			if e.Fold == k {
				idx = append(idx, i)
			} else {
				tr = append(tr, e)
			}
		}
		m := Fit(tr, dim, epochs, lr, l2)
		for _, i := range idx {
			prob[i] = m.Prob(exs[i].Feats)
		}
	}
	return prob
}

// AUC is the area under the ROC curve of p against the labels.
func AUC(exs []Example, p []float64) float64 {
	idx := make([]int, len(exs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return p[idx[a]] < p[idx[b]] })
	var rankSum, npos float64
	for r, i := range idx {
		if exs[i].Label {
			rankSum += float64(r + 1)
			npos++
		}
	}
	nneg := float64(len(exs)) - npos
	return (rankSum - npos*(npos+1)/2) / (npos * nneg)
}

// LogLoss is the mean negative log-likelihood of the labels under p.
func LogLoss(exs []Example, p []float64) float64 {
	var s float64
	for i, e := range exs {
		q := math.Min(math.Max(p[i], 1e-9), 1-1e-9)
		if e.Label {
			s -= math.Log(q)
		} else {
			s -= math.Log(1 - q)
		}
	}
	return s / float64(len(exs))
}
