package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"sitrep/internal/eval"
	"sitrep/internal/resolve"
)

func init() {
	registerEval("muc4", env.cmdEvalMUC4)
}

func (e env) cmdEvalMUC4(args []string) int {
	f := e.newEvalFlags("muc4", "muc4", "usage: sitrep eval muc4 --data DIR [--split dev|train] [--relevance=false] [--fill=false] [--show N] [--json]\n\nCodes each MUC-4 document with 'sitrep extract', writes its incidents as\nGTT templates (type, PerpInd, PerpOrg, Target, Victim, Weapon) and scores\nthem by GTT's rule: best one-to-one template alignment per document,\nnormalised exact mention match, micro P/R/F1 over all slot fills.",
		0, "unused")
	split := f.fs.String("split", "dev", "which part to score: dev (TST1+TST2, 200 docs) or train (DEV, 1300 docs)")
	show := f.fs.Int("show", 0, "print predicted and gold templates of the first N documents")
	relevance := f.fs.Bool("relevance", true, "drop the templates the relevance filter fitted on train (tools/muctrain) judges no terrorist incident")
	fillSlots := f.fs.Bool("fill", true, "add the slot fills the filler fitted on train (tools/mucfill) scores above its threshold")
	dump := f.fs.String("preds", "", "write each document's predicted and gold templates to this file, one JSON line per document")
	dir, ok := f.parse(args)
	if !ok {
		return 2
	}
	docs, err := eval.LoadMUC4(dir, *split)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	if _, err := resolve.Default(); err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	var rel *eval.MUC4Relevance
	if *relevance {
		if rel, err = eval.DefaultMUC4Relevance(); err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
			return 1
		}
	}
	var fill *eval.MUC4Relevance
	if *fillSlots {
		if fill, err = eval.DefaultMUC4Fill(); err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
			return 1
		}
	}
	preds := make([][]eval.MUC4Template, len(docs))
	// The slot filler lives in this adapter only; sitrep extract does not
	// run it. So the report also scores the templates without it: that
	// line is what the extractor itself reads.
	var plain [][]eval.MUC4Template
	if fill != nil {
		plain = make([][]eval.MUC4Template, len(docs))
	}
	pr := newProgress(e.stderr, "eval muc4", len(docs))
	eval.Each(len(docs), func(i int) {
		preds[i] = eval.MUC4Predict(docs[i], rel, fill)
		if plain != nil {
			plain[i] = eval.MUC4Predict(docs[i], rel, nil)
		}
	}, func(done int) { pr.update(done, 0) })
	pr.finish(len(docs), 0)
	rep := eval.ScoreMUC4(docs, preds)
	if *dump != "" {
		if err := writeMUC4Preds(*dump, docs, preds); err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
			return 1
		}
	}
	if *f.asJSON {
		out := map[string]any{"docs": rep.Docs, "split": *split}
		for _, role := range eval.MUC4ScoreRoles {
			s := rep.Counts[role].PRF()
			out[role] = map[string]float64{"p": s.P, "r": s.R, "f1": s.F1}
		}
		json.NewEncoder(e.stdout).Encode(out)
		return 0
	}
	printMUC4Report(e.stdout, rep, *split)
	if plain != nil {
		s := eval.ScoreMUC4(docs, plain).Counts["micro_avg"].PRF()
		fmt.Fprintf(e.stdout, "  without the adapter's learned slot filler (sitrep extract's own fills; --fill=false): micro P %.2f R %.2f F1 %.2f\n", 100*s.P, 100*s.R, 100*s.F1)
	}
	for i := 0; i < *show && i < len(docs); i++ {
		fmt.Fprintf(e.stdout, "\n%s\n", docs[i].ID)
		for _, t := range preds[i] {
			fmt.Fprintf(e.stdout, "  pred %-10s %v\n", t.Type, t.Roles)
		}
		for _, t := range docs[i].Templates {
			fmt.Fprintf(e.stdout, "  gold %-10s %v\n", t.Type, t.Roles)
		}
	}
	return 0
}

func printMUC4Report(w io.Writer, rep eval.MUC4Report, split string) {
	fmt.Fprintf(w, "muc4 %s: %d documents (GTT role-filler scoring)\n", split, rep.Docs)
	fmt.Fprintf(w, "  %-14s %6s %6s %6s   %s\n", "role", "P", "R", "F1", "counts (p correct/p total, r correct/r total)")
	for _, role := range eval.MUC4ScoreRoles {
		c := rep.Counts[role]
		s := c.PRF()
		fmt.Fprintf(w, "  %-14s %6.2f %6.2f %6.2f   %d/%d, %d/%d\n", role, 100*s.P, 100*s.R, 100*s.F1, c.PCorrect, c.PTotal, c.RCorrect, c.RTotal)
	}
}

// writeMUC4Preds writes one JSON line per document: its id, text, and the
// predicted and gold templates, for reading the errors.
func writeMUC4Preds(path string, docs []eval.MUC4Doc, preds [][]eval.MUC4Template) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for i, d := range docs {
		line := struct {
			ID   string              `json:"docid"`
			Text string              `json:"text"`
			Pred []eval.MUC4Template `json:"pred"`
			Gold []eval.MUC4Template `json:"gold"`
		}{d.ID, d.Text, preds[i], d.Templates}
		if err := enc.Encode(line); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
