// Package eval scores sitrep's stages against the evaluation sets in
// ../shared/eval, each by the rule its own README gives, so that our numbers
// can be set beside the published ones.
package eval

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode"
)

// Tokens splits s as Python's re.findall(r"\w+", s) does on str: runs of
// Unicode letters, numbers and underscores.
func Tokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		word := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// shingles counts the 4-gram shingles of a token list as the Scrapinghub
// benchmark does: a text of 1–3 tokens gives one shorter shingle, an empty
// one none.
func shingles(toks []string) map[string]int {
	m := make(map[string]int)
	n := max(1, len(toks)-3)
	for i := 0; i < n && i < len(toks); i++ {
		m[strings.Join(toks[i:min(i+4, len(toks))], "\x00")]++
	}
	return m
}

// ShingleItem is one page's normalised shingle counts.
type ShingleItem struct {
	TP, FP, FN float64
	Exact      bool // token lists identical
}

// ScoreShingles compares one predicted body with the annotated truth.
func ScoreShingles(truth, pred string) ShingleItem {
	tt, pt := Tokens(truth), Tokens(pred)
	ts, ps := shingles(tt), shingles(pt)
	var tp, fp, fn float64
	for k, t := range ts {
		p := ps[k]
		tp += float64(min(t, p))
		fn += float64(max(0, t-p))
	}
	for k, p := range ps {
		fp += float64(max(0, p-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	exact := len(tt) == len(pt)
	for i := 0; exact && i < len(tt); i++ {
		exact = tt[i] == pt[i]
	}
	return ShingleItem{TP: tp, FP: fp, FN: fn, Exact: exact}
}

func (it ShingleItem) precision() float64 {
	switch {
	case it.FP == 0 && it.FN == 0:
		return 1
	case it.TP == 0 && it.FP == 0:
		return 0
	}
	return it.TP / (it.TP + it.FP)
}

func (it ShingleItem) recall() float64 {
	switch {
	case it.FP == 0 && it.FN == 0:
		return 1
	case it.TP == 0 && it.FN == 0:
		return 0
	}
	return it.TP / (it.TP + it.FN)
}

// PRF holds corpus precision, recall, F1 and accuracy.
type PRF struct {
	P, R, F1, Accuracy float64
}

// AggregateShingles computes the benchmark's corpus scores: precision and
// recall are means over items, and F1 is computed from those two means.
func AggregateShingles(items []ShingleItem) PRF {
	var ps, rs float64
	var np, nr, exact int
	for _, it := range items {
		if it.TP+it.FP > 0 {
			ps += it.precision()
			np++
		}
		if it.TP+it.FN > 0 {
			rs += it.recall()
			nr++
		}
		if it.Exact {
			exact++
		}
	}
	var out PRF
	if np > 0 {
		out.P = ps / float64(np)
	}
	if nr > 0 {
		out.R = rs / float64(nr)
	}
	if out.P+out.R > 0 {
		out.F1 = 2 * out.P * out.R / (out.P + out.R)
	}
	if len(items) > 0 {
		out.Accuracy = float64(exact) / float64(len(items))
	}
	return out
}

// Bootstrap returns the sample standard deviation of each score over n
// resamples of the items drawn with replacement, as the benchmark reports
// its "±". The seed is fixed so that reruns print the same numbers.
func Bootstrap(items []ShingleItem, n int) PRF {
	if len(items) == 0 || n < 2 {
		return PRF{}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	samples := make([]PRF, n)
	buf := make([]ShingleItem, len(items))
	for s := range samples {
		for i := range buf {
			buf[i] = items[rng.IntN(len(items))]
		}
		samples[s] = AggregateShingles(buf)
	}
	std := func(get func(PRF) float64) float64 {
		var mean float64
		for _, s := range samples {
			mean += get(s)
		}
		mean /= float64(n)
		var v float64
		for _, s := range samples {
			d := get(s) - mean
			v += d * d
		}
		return math.Sqrt(v / float64(n-1))
	}
	return PRF{
		P:        std(func(p PRF) float64 { return p.P }),
		R:        std(func(p PRF) float64 { return p.R }),
		F1:       std(func(p PRF) float64 { return p.F1 }),
		Accuracy: std(func(p PRF) float64 { return p.Accuracy }),
	}
}

// NormSpace collapses every run of Unicode white space to one space and
// trims the ends, as Python's re.sub(r"\s+", " ", s).strip() does.
func NormSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, isPySpace), " ")
}

// isPySpace matches Python's str \s: Unicode white space plus the ASCII
// information separators U+001C–U+001F.
func isPySpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

// SnippetCounts are the trafilatura benchmark's micro-averaged counts.
type SnippetCounts struct {
	TP, FP, FN, TN int
}

// ScoreSnippets counts which "with" segments the output contains and which
// "without" (boilerplate) segments it wrongly contains.
func ScoreSnippets(output string, with, without []string) SnippetCounts {
	out := NormSpace(output)
	var c SnippetCounts
	for _, w := range with {
		if strings.Contains(out, NormSpace(w)) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, w := range without {
		if strings.Contains(out, NormSpace(w)) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}

// Add accumulates counts.
func (c *SnippetCounts) Add(o SnippetCounts) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
	c.TN += o.TN
}

// Scores returns precision, recall, accuracy and F-score.
func (c SnippetCounts) Scores() PRF {
	div := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	return PRF{
		P:        div(c.TP, c.TP+c.FP),
		R:        div(c.TP, c.TP+c.FN),
		Accuracy: div(c.TP+c.TN, c.TP+c.TN+c.FP+c.FN),
		F1:       div(2*c.TP, 2*c.TP+c.FP+c.FN),
	}
}
