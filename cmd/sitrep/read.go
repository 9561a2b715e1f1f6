package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"sitrep/internal/article"
)

func (e env) cmdRead(args []string) int {
	fs := flag.NewFlagSet("read", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per article (JSON Lines)")
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "refuse inputs larger than this many bytes")
	format := fs.String("format", "", `force the input format: "html" or "text" (default: detect)`)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: sitrep read [--json] [--format html|text] [--max-bytes N] INPUT...\n\nINPUT is a file, a directory (read recursively) or - for standard input.")
		fs.PrintDefaults()
	}
	inputs, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(inputs) == 0 {
		fs.Usage()
		return 2
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	status := e.eachArticle(inputs, "", *maxBytes, *format, func(_ *string, _ string, a article.Article) {
		if *asJSON {
			b, _ := json.Marshal(a)
			out.Write(b)
			out.WriteByte('\n')
		} else {
			printArticle(out, a)
		}
		out.Flush()
	})
	return status
}

// printArticle writes the human-readable view.
func printArticle(w io.Writer, a article.Article) {
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-10s %s\n", label+":", v)
		}
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(w, "== %s\n", a.Source)
	line("Title", a.Title)
	line("Subtitle", a.Subtitle)
	line("Byline", a.Byline)
	line("Dateline", a.Dateline)
	line("Published", when(a.Published))
	line("Updated", when(a.Updated))
	line("Language", a.Language)
	line("Tags", strings.Join(a.Tags, ", "))
	line("URL", a.URL)
	fmt.Fprintln(w)
	for _, p := range a.Paragraphs() {
		fmt.Fprintf(w, "  %s\n\n", p)
	}
}
