// Command muctrain fits the MUC-4 relevance filter of the muc4 adapter
// (internal/eval/muc4predict.go): a logistic model over hashed features of
// each template the pipeline proposes (its codes, age, country, the words
// of its sentences and of its document) that says whether the MUC-4 keys
// would template it. It trains on the train split only and reports k-fold
// cross-validation there; the decision threshold is the one that gives the
// best cross-validated train micro F1. The dev split is never read.
//
//	go run ./tools/muctrain --data ../shared/eval/muc4            # report only
//	go run ./tools/muctrain --data ../shared/eval/muc4 --write    # and write the weights
//
// A candidate is labelled relevant when its document has a gold template
// whose type contains the candidate's (the scorer's pairing rule). Folds
// are by document. Training is AdaGrad on the log loss with an L2 penalty,
// in a fixed order, so runs are reproducible (--write rewrites the
// committed file byte for byte).
//
// It also prints the ceiling: the train micro F1 if the filter kept exactly
// the relevant candidates (42.2 against 34.9 with all of them), which bounds
// what any relevance filter can gain; the rest is the argument reader's.
// --drop leaves feature groups out, to measure what each is worth.
package main

import (
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"sitrep/tools/internal/logit"
	"strings"

	"sitrep/internal/eval"
	"sitrep/internal/resolve"
)

// example is one candidate with its features and label.
type example = logit.Example

func main() {
	data := flag.String("data", "../shared/eval/muc4", "muc4 evaluation set directory")
	folds := flag.Int("folds", 5, "folds for cross-validation")
	dim := flag.Int("dim", 1<<14, "hashed feature space")
	epochs := flag.Int("epochs", 10, "passes over the training candidates")
	lr := flag.Float64("lr", 0.005, "AdaGrad learning rate")
	l2 := flag.Float64("l2", 0.01, "L2 penalty per example")
	drop := flag.String("drop", "", "leave out the features starting with these comma-separated prefixes (d: document words, dl: dateline, e: sentence words, t= st= age= cc= ... codes), to measure what each group is worth")
	write := flag.Bool("write", false, "write the model fitted on the whole train split")
	out := flag.String("out", "internal/eval/data/muc4_relevance.txt", "weights file written by --write")
	flag.Parse()

	docs, err := eval.LoadMUC4(*data, "train")
	if err != nil {
		fmt.Fprintln(os.Stderr, "muctrain:", err)
		os.Exit(1)
	}
	if _, err := resolve.Default(); err != nil {
		fmt.Fprintln(os.Stderr, "muctrain:", err)
		os.Exit(1)
	}
	cands := make([][]eval.MUC4Candidate, len(docs))
	eval.Each(len(docs), func(i int) { cands[i] = eval.MUC4Candidates(docs[i]) }, nil)

	var exs []example
	pos := 0
	for i, d := range docs {
		h := fnv.New32a()
		h.Write([]byte(d.ID))
		fold := int(h.Sum32() % uint32(*folds))
		for _, c := range cands[i] {
			e := example{Fold: fold, Label: relevant(c.Template.Type, d.Templates)}
			for _, f := range c.Features {
				if dropped(f, *drop) {
					continue
				}
				e.Feats = append(e.Feats, eval.FeatureHash(f, *dim))
			}
			if e.Label {
				pos++
			}
			exs = append(exs, e)
		}
	}
	fmt.Printf("train: %d documents, %d candidates, %d relevant (%.1f%%)\n", len(docs), len(exs), pos, 100*float64(pos)/float64(len(exs)))

	oracle := make([][]eval.MUC4Template, len(docs))
	for i, d := range docs {
		for _, c := range cands[i] {
			if relevant(c.Template.Type, d.Templates) {
				oracle[i] = append(oracle[i], c.Template)
			}
		}
	}
	fmt.Printf("ceiling (keep only the relevant candidates): train micro F1 %.2f\n", 100*eval.ScoreMUC4(docs, oracle).Counts["micro_avg"].PRF().F1)
	prob := logit.CVProb(exs, *folds, *dim, *epochs, *lr, *l2)
	fmt.Printf("cv AUC %.3f, log loss %.3f\n", logit.AUC(exs, prob), logit.LogLoss(exs, prob))

	// Threshold: best cross-validated train micro F1.
	best, bestF := 0.0, -1.0
	for t := 0.0; t < 0.91; t += 0.05 {
		preds := make([][]eval.MUC4Template, len(docs))
		j := 0
		for i := range docs {
			var kept []eval.MUC4Candidate
			for _, c := range cands[i] {
				if prob[j] >= t {
					kept = append(kept, c)
				}
				j++
			}
			preds[i] = eval.MergeMUC4(kept)
		}
		rep := eval.ScoreMUC4(docs, preds)
		f := rep.Counts["micro_avg"].PRF().F1
		it := rep.Counts["incident_type"].PRF()
		fmt.Printf("threshold %.2f: cv train micro F1 %.2f (incident_type P %.1f R %.1f)\n", t, 100*f, 100*it.P, 100*it.R)
		if f > bestF+1e-9 {
			best, bestF = t, f
		}
	}
	fmt.Printf("chosen threshold %.2f (cv train micro F1 %.2f; threshold 0 keeps every template)\n", best, 100*bestF)

	if !*write {
		return
	}
	m := logit.Fit(exs, *dim, *epochs, *lr, *l2)
	rel := &eval.MUC4Relevance{Bias: m.W[*dim], Threshold: best, W: m.W[:*dim]}
	f, err := os.Create(*out)
	if err == nil {
		_, err = rel.WriteTo(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "muctrain:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", *out)
}

// dropped reports a feature that starts with one of the comma-separated
// prefixes.
func dropped(f, prefixes string) bool {
	for _, p := range strings.Split(prefixes, ",") {
		if p != "" && strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// relevant is the label: the document has a gold template the candidate
// could be paired with (its type contains the candidate's). Whether the
// scorer would pair this candidate rather than another of the same
// document is a poorer label: it marks one of two near-identical
// candidates relevant and the other not (cv AUC 0.75 against 0.82).
func relevant(typ string, gold []eval.MUC4Template) bool {
	for _, g := range gold {
		if strings.Contains(g.Type, typ) {
			return true
		}
	}
	return false
}
