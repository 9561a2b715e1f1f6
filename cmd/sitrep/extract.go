package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
)

// extractOutput is one line of `sitrep extract --json`.
type extractOutput struct {
	ID       *string         `json:"id,omitempty"`
	Source   string          `json:"source"`
	Article  articleSummary  `json:"article"`
	Events   []extract.Event `json:"events"`
	Warnings []string        `json:"warnings,omitempty"`
}

type articleSummary struct {
	Title     *string `json:"title"`
	Published *string `json:"published"`
	Updated   *string `json:"updated"`
	Dateline  *string `json:"dateline"`
	Language  *string `json:"language"`
	URL       *string `json:"url"`
}

func summarize(a article.Article) articleSummary {
	opt := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	when := func(t time.Time) *string {
		if t.IsZero() {
			return nil
		}
		return opt(t.UTC().Format(time.RFC3339))
	}
	return articleSummary{Title: opt(a.Title), Published: when(a.Published), Updated: when(a.Updated),
		Dateline: opt(a.Dateline), Language: opt(a.Language), URL: opt(a.URL)}
}

func (e env) cmdExtract(args []string) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per article (JSON Lines)")
	in := addInputFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep extract [--json] [--published RFC3339] [--jsonl FILE|-] [INPUT...]

Finds the political-violence events each article reports and codes them
(ACLED type and sub-type, date, place, actors, casualties, certainty,
claims, evidence sentences). INPUT is what 'sitrep read' accepts.`)
		fs.PrintDefaults()
	}
	inputs, published, ok := in.parse(fs, e.stderr, args)
	if !ok {
		return 2
	}
	opt := extract.Options{Published: published}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := e.eachArticle(inputs, *in.jsonl, *in.maxBytes, "", func(id *string, source string, a article.Article) {
		res := extract.Extract(a, opt)
		o := extractOutput{ID: id, Source: source, Article: summarize(a), Events: res.Events, Warnings: res.Warnings}
		if o.Events == nil {
			o.Events = []extract.Event{}
		}
		if *asJSON {
			b, _ := json.Marshal(o)
			out.Write(b)
			out.WriteByte('\n')
		} else {
			printEvents(out, o)
		}
		out.Flush()
	})
	return status
}

// printEvents writes the readable view of one article's events.
func printEvents(w io.Writer, o extractOutput) {
	title := ""
	if o.Article.Title != nil {
		title = *o.Article.Title
	}
	fmt.Fprintf(w, "== %s  %s\n", o.Source, title)
	if len(o.Events) == 0 {
		fmt.Fprintln(w, "   no events")
	}
	for i, ev := range o.Events {
		fmt.Fprintf(w, "%2d. %s / %s", i+1, ev.Type, ev.Subtype)
		if ev.Date != nil {
			fmt.Fprintf(w, "  %s", ev.Date.Start)
			if ev.Date.End != ev.Date.Start {
				fmt.Fprintf(w, "..%s", ev.Date.End)
			}
		}
		if ev.Location != nil {
			fmt.Fprintf(w, "  %s, %s", ev.Location.Name, ev.Location.Country)
		}
		if ev.Killed != nil {
			fmt.Fprintf(w, "  killed %s", ev.Killed.String())
		}
		if ev.Wounded != nil {
			fmt.Fprintf(w, "  wounded %s", ev.Wounded.String())
		}
		fmt.Fprintf(w, "  [%s]\n", ev.Certainty)
		for _, c := range ev.Claims {
			fmt.Fprintf(w, "      %s %s %s\n", c.By, c.Kind, c.Against)
		}
		for _, ev := range ev.Evidence {
			fmt.Fprintf(w, "      > %s\n", shorten(ev.Text, 160))
		}
	}
	for _, wn := range o.Warnings {
		fmt.Fprintf(w, "   warning: %s\n", wn)
	}
}
