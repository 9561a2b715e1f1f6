package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"sitrep/internal/eval"
)

func (e env) cmdEval(args []string) int {
	if len(args) > 0 {
		if run, ok := evalSets[args[0]]; ok {
			return run(e, args[1:])
		}
	}
	names := make([]string, 0, len(evalSets))
	for n := range evalSets {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(e.stderr, "usage: sitrep eval %s --data DIR ...\n", strings.Join(names, "|"))
	return 2
}

func init() {
	registerEval("read", env.cmdEvalRead)
	registerEval("timex", env.cmdEvalTimex)
	registerEval("gva", env.cmdEvalGVA)
	registerEval("case2021", env.cmdEvalCase2021)
	registerEval("cluster", env.cmdEvalCluster)
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func (e env) cmdEvalRead(args []string) int {
	fs := flag.NewFlagSet("eval read", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var dirs multiFlag
	fs.Var(&dirs, "data", "evaluation set folder: ../shared/eval/article-extraction or ../shared/eval/trafilatura-eval (repeatable)")
	worst := fs.Int("worst", 5, "list the N worst pages")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sitrep eval read --data DIR [--data DIR] [--worst N] [--json]\n\nScores the reader on the Scrapinghub article-extraction benchmark (4-gram\nshingle P/R/F1, macro-averaged) or trafilatura's evaluation set (snippet\nP/R/F, micro-averaged), each by its own README's rule.")
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	dirs = append(dirs, rest...)
	if len(dirs) == 0 {
		fs.Usage()
		return 2
	}
	status := 0
	for _, dir := range dirs {
		set, err := eval.LoadReadSet(dir)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
			status = 1
			continue
		}
		pr := newProgress(e.stderr, "eval "+set.Name, len(set.Pages))
		rep, err := set.Run(eval.ArticleText, func(done, _ int) { pr.update(done, 0) })
		pr.finish(len(set.Pages), 0)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %s: %v\n", dir, err)
			status = 1
			continue
		}
		if *asJSON {
			json.NewEncoder(e.stdout).Encode(map[string]any{
				"set": rep.Set, "pages": len(rep.Pages), "precision": rep.Scores.P, "recall": rep.Scores.R,
				"f1": rep.Scores.F1, "accuracy": rep.Scores.Accuracy, "std": rep.Std, "counts": rep.Counts,
			})
			continue
		}
		printReadReport(e.stdout, rep, *worst)
	}
	return status
}

func printReadReport(w io.Writer, rep *eval.ReadReport, worst int) {
	s := rep.Scores
	fmt.Fprintf(w, "%s: %d pages\n", rep.Set, len(rep.Pages))
	if rep.Set == "article-extraction" {
		d := rep.Std
		fmt.Fprintf(w, "  F1 %.3f ± %.3f  precision %.3f ± %.3f  recall %.3f ± %.3f  accuracy %.3f ± %.3f\n",
			s.F1, d.F1, s.P, d.P, s.R, d.R, s.Accuracy, d.Accuracy)
	} else {
		c := rep.Counts
		fmt.Fprintf(w, "  F-score %.3f  precision %.3f  recall %.3f  accuracy %.3f  (tp %d fp %d fn %d tn %d)\n",
			s.F1, s.P, s.R, s.Accuracy, c.TP, c.FP, c.FN, c.TN)
	}
	if worst <= 0 {
		return
	}
	fmt.Fprintf(w, "  worst pages:\n")
	for _, p := range rep.Worst(worst) {
		fmt.Fprintf(w, "    %.3f  %s  %s\n", p.F1, p.ID, p.URL)
		for _, m := range p.Missed {
			fmt.Fprintf(w, "           missed: %q\n", shorten(m, 90))
		}
		for _, k := range p.Kept {
			fmt.Fprintf(w, "           kept:   %q\n", shorten(k, 90))
		}
	}
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
