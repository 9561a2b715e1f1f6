// Command datetrain fits the weights of extract's main-event date ranker
// (internal/extract/daterank.go) on the gva evaluation set and reports how
// well they choose, on the set itself and k-fold cross-validated.
//
//	go run ./tools/datetrain --data ../shared/eval/gva            # report only
//	go run ./tools/datetrain --data ../shared/eval/gva --write    # and write the weights
//
// The model is a conditional logit: for each article whose main event is
// violent, a softmax over its candidate days, trained to put its mass on
// the candidates that are the incident's day (maximum likelihood with an L2
// penalty, full-batch gradient descent). Articles whose text writes no day
// are left out of training and keep the date the sentences give. Folds are
// by incident, so that two reports of one incident are never on both sides.
package main

import (
	"crypto/sha1"
	"flag"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// example is one article: its candidates, which of them are the incident's
// day, and the date the sentences alone give.
type example struct {
	id       string
	fold     int
	half     int // 1 or 2, as `sitrep eval gva --half` splits the set
	choices  []extract.DateChoice
	gold     []bool
	hasGold  bool
	baseline bool // the date without the ranker is the incident's day
}

func main() {
	data := flag.String("data", "../shared/eval/gva", "gva evaluation set directory")
	folds := flag.Int("folds", 5, "folds for cross-validation")
	l2 := flag.Float64("l2", 0.001, "L2 penalty per article")
	iters := flag.Int("iters", 400, "gradient steps")
	verbose := flag.Bool("v", false, "print the fitted weights")
	write := flag.Bool("write", false, "write the weights fitted on the whole set")
	out := flag.String("out", "internal/extract/rules/date_weights.txt", "weights file written by --write")
	dumpN := flag.Int("dump", -1, "sort the date misses into causes, print the counts and N examples, and stop")
	drop := flag.String("drop", "", "comma-separated features to leave out (an ablation: they read as 0 in fitting and scoring)")
	only := flag.String("only", "", "with --dump: show examples of the causes starting with this only (\"right\": the articles dated right)")
	dumpHalf := flag.Int("half", 0, "with --dump: look at this half of the set only (1 or 2, as `sitrep eval gva --half`)")
	flag.Parse()

	set, err := eval.LoadGVA(*data)
	if err != nil {
		fmt.Fprintln(os.Stderr, "datetrain:", err)
		os.Exit(1)
	}
	if *dumpN >= 0 {
		dump(set, *dumpN, *only, *dumpHalf)
		return
	}
	exs := load(set, *folds)
	if *drop != "" {
		off := map[int]bool{}
		for _, name := range strings.Split(*drop, ",") {
			k := slices.Index(extract.DateFeatureNames(), strings.TrimSpace(name))
			if k < 0 {
				fmt.Fprintln(os.Stderr, "datetrain: --drop: unknown feature", name)
				os.Exit(2)
			}
			off[k] = true
		}
		for _, e := range exs {
			for _, c := range e.choices {
				for k := range off {
					c.Features[k] = 0
				}
			}
		}
	}
	n, withChoices, withGold, base := len(exs), 0, 0, 0
	for _, e := range exs {
		if len(e.choices) > 0 {
			withChoices++
		}
		if e.hasGold {
			withGold++
		}
		if e.baseline {
			base++
		}
	}
	fmt.Printf("gva: %d articles, %d with candidate days for a violent main event, %d with the incident's day among them\n", n, withChoices, withGold)
	fmt.Printf("date exact without the ranker: %.3f (%d/%d)\n", float64(base)/float64(n), base, n)
	ceiling := withGold
	for _, e := range exs {
		if len(e.choices) == 0 && e.baseline {
			ceiling++
		}
	}
	fmt.Printf("ceiling (the incident's day among the candidates): %.3f (%d/%d)\n", float64(ceiling)/float64(n), ceiling, n)

	w := train(exs, func(e *example) bool { return true }, *l2, *iters)
	c := score(exs, w, func(e *example) bool { return true })
	fmt.Printf("date exact, weights fitted on all of dev (dev figure): %.3f (%d/%d)\n", float64(c)/float64(n), c, n)
	if *verbose {
		for j, name := range extract.DateFeatureNames() {
			fmt.Printf("  %-18s %+.3f\n", name, w[j])
		}
	}

	cv := 0
	for k := range *folds {
		wk := train(exs, func(e *example) bool { return e.fold != k }, *l2, *iters)
		cv += score(exs, wk, func(e *example) bool { return e.fold == k })
	}
	fmt.Printf("date exact, %d-fold cross-validated by incident: %.3f (%d/%d)\n", *folds, float64(cv)/float64(n), cv, n)

	// The halves of `sitrep eval gva --half`: each scored with weights
	// fitted on the other only.
	for h := 1; h <= 2; h++ {
		wh := train(exs, func(e *example) bool { return e.half != h }, *l2, *iters)
		in := func(e *example) bool { return e.half == h }
		m := 0
		for i := range exs {
			if in(&exs[i]) {
				m++
			}
		}
		c := score(exs, wh, in)
		fmt.Printf("date exact on half %d, weights fitted on the other half: %.3f (%d/%d)\n", h, float64(c)/float64(m), c, m)
	}

	if *write {
		header := fmt.Sprintf("Weights of the main-event date ranker (internal/extract/daterank.go).\n"+
			"Written by: go run ./tools/datetrain --data ../shared/eval/gva --write\n"+
			"(l2 %g, %d steps; fitted on the dev half of gva: date exact %.3f on dev, %.3f %d-fold cross-validated)",
			*l2, *iters, float64(c)/float64(n), float64(cv)/float64(n), *folds)
		if err := os.WriteFile(*out, []byte(extract.FormatDateWeights(w, header)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "datetrain:", err)
			os.Exit(1)
		}
		fmt.Println("wrote", *out)
	}
}

// load codes every scored gva article as `sitrep eval gva` does (through
// RunGVA, which picks the articles and spreads them over the cores) and
// collects its candidates.
func load(set *eval.GVASet, folds int) []example {
	var mu sync.Mutex
	var exs []example
	set.RunGVA(func(a eval.GVAArticle) eval.GVAPrediction {
		gold := set.Incidents[a.IncidentID].Date
		h := sha1.Sum([]byte(a.IncidentID))
		e := example{id: a.ID, fold: int(h[0]) % folds, half: int(h[0]%2) + 1}
		art, err := article.Read(a.ID, []byte(a.Title+"\n\n"+a.Text), article.Options{Format: "text"})
		if err == nil || art.Text != "" {
			art.Title, art.URL = a.Title, a.URL
			pub, _ := time.Parse("2006-01-02", a.Published)
			var d *extract.Date
			e.choices, d = extract.DateChoices(art, extract.Options{Published: pub})
			e.baseline = d != nil && d.Precision == "day" && d.Start == gold
			for _, c := range e.choices {
				g := c.Date.Start == gold
				e.gold = append(e.gold, g)
				e.hasGold = e.hasGold || g
			}
		}
		mu.Lock()
		exs = append(exs, e)
		mu.Unlock()
		return eval.GVAPrediction{}
	})
	// The same order every run, so that the fitted weights are too.
	sort.Slice(exs, func(i, j int) bool { return exs[i].id < exs[j].id })
	return exs
}

// train fits weights on the examples in fits that have the incident's day
// among their candidates.
func train(exs []example, in func(*example) bool, l2 float64, iters int) []float64 {
	dim := len(extract.DateFeatureNames())
	w := make([]float64, dim)
	g2 := make([]float64, dim) // Adagrad's sum of squared gradients
	const rate = 0.5
	for range iters {
		grad := make([]float64, dim)
		m := 0
		for i := range exs {
			e := &exs[i]
			if !e.hasGold || !in(e) {
				continue
			}
			m++
			// d(-log sum_gold p)/dw = E_p[x] - E_{p|gold}[x]
			s := make([]float64, len(e.choices))
			top := math.Inf(-1)
			for k, c := range e.choices {
				s[k] = extract.ScoreDate(w, c.Features)
				top = math.Max(top, s[k])
			}
			var z, zg float64
			for k := range s {
				s[k] = math.Exp(s[k] - top)
				z += s[k]
				if e.gold[k] {
					zg += s[k]
				}
			}
			for k, c := range e.choices {
				p := s[k] / z
				q := 0.0
				if e.gold[k] {
					q = s[k] / zg
				}
				for j, x := range c.Features {
					grad[j] += (p - q) * x
				}
			}
		}
		if m == 0 {
			return w
		}
		for j := range w {
			gj := grad[j]/float64(m) + l2*w[j]
			g2[j] += gj * gj
			w[j] -= rate * gj / (math.Sqrt(g2[j]) + 1e-8)
		}
	}
	return w
}

// score counts the examples in scored whose date is the incident's day:
// the ranker's top candidate, or, without candidates, the date the
// sentences give.
func score(exs []example, w []float64, in func(*example) bool) int {
	n := 0
	for i := range exs {
		e := &exs[i]
		if !in(e) {
			continue
		}
		if len(e.choices) == 0 {
			if e.baseline {
				n++
			}
			continue
		}
		best := extract.BestDate(e.choices, w)
		if e.gold[best] {
			n++
		}
	}
	return n
}
