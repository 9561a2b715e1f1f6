// Command mucfill fits the slot filler of the muc4 adapter
// (internal/eval/muc4fill.go): a logistic model over hashed features of
// each class-noun phrase of a document (its words, its neighbours, how far
// it stands from the sentences of the candidate it would join) that says
// whether the MUC-4 keys name it in the slot its class can fill. It
// trains on the train split only, on the documents' candidates the
// committed relevance filter keeps, and reports k-fold cross-validation
// there (folds by document, as tools/muctrain's); the threshold is the
// one that gives the best cross-validated train micro F1. The dev split
// is never read.
//
//	go run ./tools/mucfill --data ../shared/eval/muc4            # report only
//	go run ./tools/mucfill --data ../shared/eval/muc4 --write    # and write the weights
//
// A phrase is labelled right for a slot when its normalised text is a
// mention of an entity of that slot in one of the document's gold
// templates. Training is AdaGrad on the log loss with an L2 penalty, in a
// fixed order, so --write rewrites the committed file byte for byte.
package main

import (
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"sitrep/tools/internal/logit"
	"strings"

	"sitrep/internal/eval"
	"sitrep/internal/resolve"
)

type docFills struct {
	kept  []eval.MUC4Candidate
	fills []eval.MUC4Fill
	first int // index of the document's first fill among the examples
}

// example is one candidate with its features and label.
type example = logit.Example

func main() {
	data := flag.String("data", "../shared/eval/muc4", "muc4 evaluation set directory")
	folds := flag.Int("folds", 5, "folds for cross-validation")
	dim := flag.Int("dim", 1<<14, "hashed feature space")
	epochs := flag.Int("epochs", 10, "passes over the training phrases")
	lr := flag.Float64("lr", 0.05, "AdaGrad learning rate")
	l2 := flag.Float64("l2", 0.001, "L2 penalty per example")
	keep := flag.Float64("keep", -1, "relevance threshold for the candidates the fills join (-1: the committed filter's)")
	dump := flag.String("dump", "", "write each phrase's document, slot, text, label and cv probability to this file")
	perRole := flag.Bool("per-slot", true, "choose a threshold per slot (by cross-validation), folded into the slot's bias weight")
	drop := flag.String("drop", "", "leave out the features whose name (after the slot's \"ROLE|\") starts with one of these comma-separated prefixes, to measure what each group is worth")
	write := flag.Bool("write", false, "write the model fitted on the whole train split")
	out := flag.String("out", "internal/eval/data/muc4_fill.txt", "weights file written by --write")
	flag.Parse()

	docs, err := eval.LoadMUC4(*data, "train")
	if err != nil {
		fmt.Fprintln(os.Stderr, "mucfill:", err)
		os.Exit(1)
	}
	if _, err := resolve.Default(); err != nil {
		fmt.Fprintln(os.Stderr, "mucfill:", err)
		os.Exit(1)
	}
	rel, err := eval.DefaultMUC4Relevance()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mucfill:", err)
		os.Exit(1)
	}
	if *keep >= 0 {
		rel.Threshold = *keep
	}
	per := make([]docFills, len(docs))
	eval.Each(len(docs), func(i int) {
		text, cs := eval.MUC4Code(docs[i])
		var kept []eval.MUC4Candidate
		for _, c := range cs {
			if rel.Prob(c.Features) >= rel.Threshold {
				kept = append(kept, c)
			}
		}
		per[i] = docFills{kept: kept, fills: eval.MUC4FillCandidates(text, kept)}
	}, nil)

	var exs []example
	pos := 0
	for i, d := range docs {
		gold := map[string]map[string]bool{}
		for _, t := range d.Templates {
			for r, es := range t.Roles {
				if gold[r] == nil {
					gold[r] = map[string]bool{}
				}
				for _, e := range es {
					for _, m := range e {
						gold[r][eval.NormMention(m)] = true
					}
				}
			}
		}
		h := fnv.New32a()
		h.Write([]byte(d.ID))
		fold := int(h.Sum32() % uint32(*folds))
		per[i].first = len(exs)
		for _, f := range per[i].fills {
			e := example{Fold: fold, Label: gold[f.Role][eval.NormMention(f.Text)]}
			for _, x := range f.Features {
				if dropped(x, *drop) {
					continue
				}
				e.Feats = append(e.Feats, eval.FeatureHash(x, *dim))
			}
			if e.Label {
				pos++
			}
			exs = append(exs, e)
		}
	}
	fmt.Printf("train: %d documents, %d slot phrases, %d right (%.1f%%)\n", len(docs), len(exs), pos, 100*float64(pos)/float64(len(exs)))

	score := func(prob []float64, t, prune float64) eval.MUC4Report {
		preds := make([][]eval.MUC4Template, len(docs))
		for i, p := range per {
			kept := p.kept
			if t <= 1 {
				kept = eval.ApplyMUC4Fills(p.kept, p.fills, prob[p.first:p.first+len(p.fills)], t, prune)
			}
			preds[i] = eval.MergeMUC4(kept)
		}
		return eval.ScoreMUC4(docs, preds)
	}
	base := score(nil, 2, 0)
	fmt.Printf("without fills: train micro F1 %.2f\n", 100*base.Counts["micro_avg"].PRF().F1)
	oracle := make([]float64, len(exs))
	for i, e := range exs {
		if e.Label {
			oracle[i] = 1
		}
	}
	orep := score(oracle, 0.5, 0.5)
	fmt.Printf("ceiling (add exactly the right phrases): train micro F1 %.2f\n", 100*orep.Counts["micro_avg"].PRF().F1)
	for _, r := range eval.MUC4ScoreRoles {
		fmt.Printf("  %-14s R %.1f\n", r, 100*orep.Counts[r].PRF().R)
	}
	prob := logit.CVProb(exs, *folds, *dim, *epochs, *lr, *l2)
	fmt.Printf("cv AUC %.3f, log loss %.3f\n", logit.AUC(exs, prob), logit.LogLoss(exs, prob))

	if *dump != "" {
		var b strings.Builder
		for i, d := range docs {
			for k, f := range per[i].fills {
				j := per[i].first + k
				fmt.Fprintf(&b, "%s\t%s\t%s\t%v\t%.3f\t%d\n", d.ID, f.Role, f.Text, exs[j].Label, prob[j], f.Group)
			}
		}
		if err := os.WriteFile(*dump, []byte(b.String()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "mucfill:", err)
			os.Exit(1)
		}
	}
	best, bestF := 0.0, -1.0
	var bestRep eval.MUC4Report
	for t := 0.1; t < 0.91; t += 0.05 {
		rep := score(prob, t, 0)
		f := rep.Counts["micro_avg"].PRF().F1
		fmt.Printf("threshold %.2f: cv train micro F1 %.2f\n", t, 100*f)
		if f > bestF+1e-9 {
			best, bestF, bestRep = t, f, rep
		}
	}
	// The pruning threshold for the pipeline's own fills.
	prune := 0.0
	for _, p := range []float64{0.05, 0.1, 0.15, 0.2, 0.25, 0.3} {
		rep := score(prob, best, p)
		f := rep.Counts["micro_avg"].PRF().F1
		fmt.Printf("prune below %.2f: cv train micro F1 %.2f\n", p, 100*f)
		if f > bestF+1e-9 {
			prune, bestF, bestRep = p, f, rep
		}
	}
	// Per-slot thresholds, by coordinate ascent from the common one: a
	// slot's threshold becomes a shift of its "r=" feature's weight.
	shift := map[string]float64{}
	logOdds := func(p float64) float64 { return math.Log(p / (1 - p)) }
	if *perRole {
		shifted := func() []float64 {
			q := make([]float64, len(prob))
			for i := range per {
				for k, f := range per[i].fills {
					j := per[i].first + k
					q[j] = prob[j]
					if !f.Pipe {
						q[j] = 1 / (1 + math.Exp(-(logOdds(math.Min(math.Max(prob[j], 1e-9), 1-1e-9)) + shift[f.Role])))
					}
				}
			}
			return q
		}
		for range 2 {
			for _, r := range eval.MUC4Roles {
				bestS, bestRF := shift[r], bestF
				for _, t := range []float64{0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7} {
					shift[r] = logOdds(best) - logOdds(t)
					if f := score(shifted(), best, prune).Counts["micro_avg"].PRF().F1; f > bestRF+1e-9 {
						bestS, bestRF = shift[r], f
					}
				}
				shift[r] = bestS
				bestF = bestRF
				fmt.Printf("slot %s: shift %.2f, cv train micro F1 %.2f\n", r, shift[r], 100*bestF)
			}
		}
		bestRep = score(shifted(), best, prune)
	}
	fmt.Printf("chosen threshold %.2f, prune %.2f (cv train micro F1 %.2f against %.2f without fills)\n", best, prune, 100*bestF, 100*base.Counts["micro_avg"].PRF().F1)
	for _, r := range eval.MUC4ScoreRoles {
		a, b := base.Counts[r].PRF(), bestRep.Counts[r].PRF()
		fmt.Printf("  %-14s F1 %.2f -> %.2f (P %.1f -> %.1f, R %.1f -> %.1f)\n", r, 100*a.F1, 100*b.F1, 100*a.P, 100*b.P, 100*a.R, 100*b.R)
	}
	if !*write {
		return
	}
	m := logit.Fit(exs, *dim, *epochs, *lr, *l2)
	for _, r := range eval.MUC4Roles {
		// Every fill of slot r has the feature "r=<slot>": its weight
		// carries the slot's threshold shift.
		m.W[eval.FeatureHash("r="+r, *dim)] += shift[r]
	}
	model := &eval.MUC4Relevance{Bias: m.W[*dim], Threshold: best, Prune: prune, W: m.W[:*dim],
		Header: "MUC-4 slot filler: written by `go run ./tools/mucfill --write`; do not edit."}
	f, err := os.Create(*out)
	if err == nil {
		_, err = model.WriteTo(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mucfill:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}

// dropped reports a feature named, after its "ROLE|" prefix, with one of
// the comma-separated prefixes.
func dropped(f, prefixes string) bool {
	_, name, ok := strings.Cut(f, "|")
	if !ok {
		return false
	}
	for _, p := range strings.Split(prefixes, ",") {
		if p != "" && strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
