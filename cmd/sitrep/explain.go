package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"

	"sitrep/internal/article"
	"sitrep/internal/extract"
)

// explainOutput is one article's events with the reasons for each field.
type explainOutput struct {
	Source string           `json:"source"`
	Events []explainedEvent `json:"events"`
}

type explainedEvent struct {
	Event extract.Event    `json:"event"`
	Why   []extract.Reason `json:"why"`
}

// cmdExplain shows, per event, which words triggered it and which rule
// filled each field, so that an analyst can check the coding.
func (e env) cmdExplain(args []string) int {
	fs := flag.NewFlagSet("explain", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print each article's events with their reasons as JSON Lines")
	in := addInputFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep explain [--json] [--published RFC3339] [--jsonl FILE|-] [INPUT...]

For each event 'sitrep extract' finds, shows the trigger words that marked
it and, field by field, the rule that filled the value and the sentence it
fired on.`)
		fs.PrintDefaults()
	}
	inputs, published, ok := in.parse(fs, e.stderr, args)
	if !ok {
		return 2
	}
	opt := extract.Options{Published: published}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	return e.eachArticle(inputs, *in.jsonl, *in.maxBytes, "", func(_ *string, source string, a article.Article) {
		res := extract.Extract(a, opt)
		o := explainOutput{Source: source, Events: []explainedEvent{}}
		for i, ev := range res.Events {
			o.Events = append(o.Events, explainedEvent{Event: ev, Why: res.Why[i]})
		}
		if *asJSON {
			b, _ := json.Marshal(o)
			out.Write(b)
			out.WriteByte('\n')
			out.Flush()
			return
		}
		fmt.Fprintf(out, "== %s\n", source)
		if len(o.Events) == 0 {
			fmt.Fprintln(out, "   no events: no sentence has a codebook trigger of a political-violence sub-type")
		}
		for i, x := range o.Events {
			fmt.Fprintf(out, "%2d. %s / %s  [%s]\n", i+1, x.Event.Type, x.Event.Subtype, x.Event.Certainty)
			last := ""
			for _, r := range x.Why {
				if r.Sentence != last {
					fmt.Fprintf(out, "    in: %q\n", shorten(r.Sentence, 150))
					last = r.Sentence
				}
				fmt.Fprintf(out, "      %-9s %-36s ← %s\n", r.Field, shorten(r.Value, 36), r.Rule)
			}
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(out, "   warning: %s\n", w)
		}
		out.Flush()
	})
}
