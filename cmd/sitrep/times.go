package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"
	"unicode/utf8"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
	"sitrep/internal/nlp/timex"
)

// timeLine is one line of `sitrep times` output. Offsets are character
// (code point) offsets into the article's text, as in `sitrep extract`'s
// evidence, so that tools in any language can slice the text with them.
type timeLine struct {
	ID        *string `json:"id,omitempty"`
	Source    string  `json:"source"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Text      string  `json:"text"`
	Type      string  `json:"type"`
	Value     string  `json:"value"`
	Mod       string  `json:"mod,omitempty"`
	Precision string  `json:"precision,omitempty"`
	Warning   string  `json:"warning,omitempty"`
}

// cmdTimes lists the time expressions of articles, one JSON line each.
func (e env) cmdTimes(args []string) int {
	fs := flag.NewFlagSet("times", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	in := addInputFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep times [--published RFC3339] [--jsonl FILE|-] [INPUT...]

Prints one JSON line per time expression: source, start, end (character
offsets into the article text), text, type (DATE TIME DURATION SET), value (TIMEX3).
Relative dates are anchored on --published, else the article's update (or
publication) time, else now.`)
		fs.PrintDefaults()
	}
	inputs, fixed, ok := in.parse(fs, e.stderr, args)
	if !ok {
		return 2
	}
	anchor := func(a article.Article) time.Time {
		if t := extract.Anchor(a, fixed); !t.IsZero() {
			return t
		}
		return time.Now().UTC()
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := e.eachArticle(inputs, *in.jsonl, *in.maxBytes, "", func(id *string, source string, a article.Article) {
		writeTimes(out, id, source, a.Text, anchor(a))
	})
	return status
}

func writeTimes(w *bufio.Writer, id *string, source, text string, anchor time.Time) {
	// Expressions come in text order, so byte offsets convert to
	// character offsets in one pass over the text.
	pos, chars := 0, 0
	toChars := func(b int) int {
		if b < pos {
			return chars - utf8.RuneCountInString(text[b:pos])
		}
		chars += utf8.RuneCountInString(text[pos:b])
		pos = b
		return chars
	}
	for _, x := range timex.Find(text, anchor) {
		start := toChars(x.Start)
		end := toChars(x.End)
		b, _ := json.Marshal(timeLine{ID: id, Source: source, Start: start, End: end, Text: x.Text,
			Type: x.Type, Value: x.Value, Mod: x.Mod, Precision: x.Precision, Warning: x.Warning})
		w.Write(b)
		w.WriteByte('\n')
	}
	w.Flush()
}

// cmdEvalTimex scores time expressions on tempeval3.
func (e env) cmdEvalTimex(args []string) int {
	f := e.newEvalFlags("timex", "tempeval3", "usage: sitrep eval timex --data DIR [--worst N] [--json]\n\nScores time-expression recognition and normalisation on TempEval-3\n(timex.jsonl): strict and relaxed extent P/R/F1, value and type accuracy\non relaxed matches, value F1 = value accuracy x relaxed F1.",
		10, "list the N most frequent misses of each kind")
	dir, ok := f.parse(args)
	if !ok {
		return 2
	}
	docs, err := eval.LoadTimexSet(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	rep := eval.ScoreTimex(docs, func(text string, dct time.Time) []eval.TimexSpan {
		var out []eval.TimexSpan
		for _, x := range timex.Find(text, dct) {
			out = append(out, eval.TimexSpan{Start: x.Start, End: x.End, Type: x.Type, Value: x.Value})
		}
		return out
	})
	if *f.asJSON {
		perType := map[string]map[string]int{}
		for t, c := range rep.PerType {
			perType[t] = map[string]int{"matched": c[0], "gold": c[1]}
		}
		json.NewEncoder(e.stdout).Encode(map[string]any{
			"set": "tempeval3", "documents": rep.Docs, "gold": rep.Gold, "found": rep.Sys,
			"strict":   map[string]any{"precision": rep.StrictP, "recall": rep.StrictR, "f1": rep.StrictF1, "matches": rep.Strict},
			"relaxed":  map[string]any{"precision": rep.RelaxedP, "recall": rep.RelaxedR, "f1": rep.RelaxedF1, "matches": rep.Relaxed},
			"value":    map[string]any{"accuracy": rep.ValueAcc, "f1": rep.ValueF1},
			"type":     map[string]any{"accuracy": rep.TypeAcc, "f1": rep.TypeF1},
			"per_type": perType, "misses": rep.MissCounts,
		})
		return 0
	}
	printTimexReport(e.stdout, rep, *f.worst)
	return 0
}

func printTimexReport(w io.Writer, r eval.TimexReport, worst int) {
	fmt.Fprintf(w, "tempeval3: %d documents, %d gold TIMEX3, %d found\n", r.Docs, r.Gold, r.Sys)
	fmt.Fprintf(w, "  strict   P %.3f  R %.3f  F1 %.3f  (%d matches)\n", r.StrictP, r.StrictR, r.StrictF1, r.Strict)
	fmt.Fprintf(w, "  relaxed  P %.3f  R %.3f  F1 %.3f  (%d matches)\n", r.RelaxedP, r.RelaxedR, r.RelaxedF1, r.Relaxed)
	fmt.Fprintf(w, "  value    accuracy %.3f  F1 %.3f\n", r.ValueAcc, r.ValueF1)
	fmt.Fprintf(w, "  type     accuracy %.3f  F1 %.3f\n", r.TypeAcc, r.TypeF1)
	for _, t := range []string{"DATE", "TIME", "DURATION", "SET"} {
		c := r.PerType[t]
		if c[1] > 0 {
			fmt.Fprintf(w, "  recall %-8s %.3f (%d/%d)\n", t, float64(c[0])/float64(c[1]), c[0], c[1])
		}
	}
	if worst <= 0 {
		return
	}
	for _, kind := range []string{"missed", "spurious", "extent", "value", "type"} {
		gs := r.WorstMisses(kind, worst)
		if len(gs) == 0 {
			continue
		}
		fmt.Fprintf(w, "  %s (%d):\n", kind, r.MissCounts[kind])
		for _, g := range gs {
			x := g.Example
			switch kind {
			case "missed":
				fmt.Fprintf(w, "    %3d  %q  gold %s %s  (%s, dct %s)\n", g.Count, x.Gold, x.GoldType, x.GoldValue, x.Doc, x.DCT)
			case "spurious":
				fmt.Fprintf(w, "    %3d  %q  %s %s  (%s)\n", g.Count, x.Sys, x.SysType, x.SysValue, x.Doc)
			case "extent":
				fmt.Fprintf(w, "    %3d  gold %q  found %q  (%s)\n", g.Count, x.Gold, x.Sys, x.Doc)
			case "value":
				fmt.Fprintf(w, "    %3d  %q  gold %s  found %s  (%s, dct %s)\n", g.Count, x.Gold, x.GoldValue, x.SysValue, x.Doc, x.DCT)
			case "type":
				fmt.Fprintf(w, "    %3d  %q  gold %s  found %s  (%s)\n", g.Count, x.Gold, x.GoldType, x.SysType, x.Doc)
			}
		}
	}
}
