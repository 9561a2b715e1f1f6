package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"

	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// cmdEvalCase2021 scores event typing (extract.Rank) on the CASE 2021 task 2
// snippets: micro, macro and weighted F1 for each of the task's three label
// sets, and the most frequent confusions.
func (e env) cmdEvalCase2021(args []string) int {
	f := e.newEvalFlags("case2021", "case2021", "usage: sitrep eval case2021 --data DIR [--subtask N] [--worst N] [--show N] [--codebook FILE] [--json]\n\nScores event typing on CASE 2021 task 2 (snippets.jsonl): subtask 1 the 25\nACLED sub-event types, 2 plus three unseen types, 3 all thirty labels;\nmicro, macro and weighted F1 over the snippets whose gold label is in the set.",
		10, "list the N most frequent confusions of each subtask")
	subtask := f.fs.Int("subtask", 0, "score only this subtask (1, 2 or 3); 0 for all three")
	show := f.fs.Int("show", 0, "print up to N misclassified snippets of the last subtask scored")
	var books multiFlag
	f.fs.Var(&books, "codebook", "extra codebook YAML merged into the embedded one (repeatable)")
	dir, ok := f.parse(args)
	if !ok {
		return 2
	}
	if *subtask < 0 || *subtask > 3 {
		f.fs.Usage()
		return 2
	}
	worst, asJSON := f.worst, f.asJSON
	if len(books) > 0 {
		var rs []io.Reader
		for _, b := range books {
			f, err := os.Open(b)
			if err != nil {
				fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
				return 1
			}
			defer f.Close()
			rs = append(rs, f)
		}
		if err := extract.LoadCodebook(rs...); err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
			return 1
		}
		defer extract.LoadCodebook()
	}
	snips, err := eval.LoadCase2021(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	subtasks := []int{1, 2, 3}
	if *subtask != 0 {
		subtasks = []int{*subtask}
	}
	var scores []eval.CaseScore
	var last map[string]string // snippet text → wrong prediction, for --show
	for _, n := range subtasks {
		last = make(map[string]string)
		sc := eval.ScoreCase2021(snips, n, func(text string, allowed map[string]bool) string {
			p := caseLabel(text, allowed)
			last[text] = p
			return p
		})
		scores = append(scores, sc)
	}
	if *asJSON {
		for i := range scores {
			scores[i].Confusions = scores[i].Confusions[:min(*worst, len(scores[i].Confusions))]
		}
		json.NewEncoder(e.stdout).Encode(scores)
		return 0
	}
	fmt.Fprintf(e.stdout, "case2021: %d snippets\n", len(snips))
	for _, sc := range scores {
		fmt.Fprintf(e.stdout, "  subtask %d (%d snippets): micro F1 %.3f  macro F1 %.3f  weighted F1 %.3f\n", sc.Subtask, sc.N, sc.Micro, sc.Macro, sc.Weighted)
		for _, c := range sc.Confusions[:min(*worst, len(sc.Confusions))] {
			p := c.Pred
			if p == "" {
				p = "(none)"
			}
			fmt.Fprintf(e.stdout, "      %3d  %s -> %s\n", c.N, c.Gold, p)
		}
	}
	if *worst > 0 && len(scores) > 0 {
		sc := scores[len(scores)-1]
		labels := make([]string, 0, len(sc.PerLabel))
		for l := range sc.PerLabel {
			labels = append(labels, l)
		}
		sort.Strings(labels)
		fmt.Fprintf(e.stdout, "  per label (subtask %d): support P R F1\n", sc.Subtask)
		for _, l := range labels {
			c := sc.PerLabel[l]
			fmt.Fprintf(e.stdout, "      %-30s %3d  %.2f %.2f %.2f\n", l, c.Support, c.P, c.R, c.F1)
		}
	}
	if *show > 0 {
		allowed := eval.CaseSubtask(subtasks[len(subtasks)-1])
		shown := 0
		for _, s := range snips {
			if !allowed[s.Label] || last[s.Text] == s.Label || shown >= *show {
				continue
			}
			shown++
			fmt.Fprintf(e.stdout, "\n#%d gold %s, ours %s\n  %s\n", s.ID, s.Label, last[s.Text], s.Text)
		}
	}
	return 0
}

// caseLabel is the best-ranked label that the subtask allows, in the set's
// names; "" when the codebook finds nothing allowed.
func caseLabel(text string, allowed map[string]bool) string {
	for _, ls := range extract.Rank(text) {
		if l := eval.CaseLabels[ls.Label]; allowed[l] {
			return l
		}
	}
	return ""
}
