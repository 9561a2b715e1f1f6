package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"sitrep/internal/resolve"
)

// cmdGeocode shows how a place name resolves: every candidate with its
// score, so that a wrong choice can be traced to the evidence behind it.
func (e env) cmdGeocode(args []string) int {
	fs := flag.NewFlagSet("geocode", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	ctxText := fs.String("context", "", "article text (or other place names) the name appears in")
	ctxFile := fs.String("context-file", "", `file holding the article text ("-" for stdin)`)
	dateline := fs.String("dateline", "", `the article's dateline, e.g. "TBILISI, Georgia"`)
	country := fs.String("country", "", "ISO 3166-1 alpha-2 code the place must be in if possible")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	why := fs.Bool("why", false, "show how each score was made")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep geocode [--context TEXT | --context-file FILE] [--dateline TEXT] [--country CC] [--json] [--why] NAME...`)
		fs.PrintDefaults()
	}
	names, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(names) == 0 {
		fs.Usage()
		return 2
	}
	if *ctxFile != "" {
		var b []byte
		var err error
		if *ctxFile == "-" {
			b, err = io.ReadAll(e.stdin)
		} else {
			b, err = os.ReadFile(*ctxFile)
		}
		if err != nil {
			fmt.Fprintln(e.stderr, "sitrep geocode:", err)
			return 1
		}
		*ctxText = strings.TrimSpace(*ctxText + "\n\n" + string(b))
	}
	g, err := resolve.Default()
	if err != nil {
		fmt.Fprintln(e.stderr, "sitrep geocode:", err)
		return 1
	}
	r := g.NewResolver(resolve.Context{Text: *ctxText, Dateline: *dateline, Country: *country})
	var results []resolve.Result
	for _, n := range names {
		results = append(results, r.Resolve(n))
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		var v any = results
		if len(results) == 1 {
			v = results[0]
		}
		if err := enc.Encode(v); err != nil {
			fmt.Fprintln(e.stderr, "sitrep geocode:", err)
			return 1
		}
		return exitFor(results)
	}
	for i, res := range results {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printResult(e, res, *why)
	}
	return exitFor(results)
}

// exitFor is 0 when every name resolved, 1 otherwise, so scripts can tell.
func exitFor(results []resolve.Result) int {
	for _, r := range results {
		if r.Best == nil {
			return 1
		}
	}
	return 0
}

func printResult(e env, res resolve.Result, why bool) {
	fmt.Fprintf(e.stdout, "%s\n", res.Query)
	if len(res.Candidates) > 0 {
		tw := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
		fmt.Fprintln(tw, "  \tscore\tconf\tname\tkind\tcountry\tadmin1\tpopulation\tlat,lon\tprecision")
		for i, c := range res.Candidates {
			mark := " "
			if i == 0 && res.Best != nil {
				mark = "*"
			}
			admin := c.Admin1
			if c.Admin1Code != "" {
				admin = fmt.Sprintf("%s (%s)", c.Admin1, c.Admin1Code)
			}
			fmt.Fprintf(tw, "  %s\t%.2f\t%.3f\t%s\t%s\t%s %s\t%s\t%d\t%.5f,%.5f\t%s\n", mark, c.Score, c.Confidence,
				c.Name, c.Kind, c.Country, c.CountryName, admin, c.Population, c.Lat, c.Lon, c.Precision)
		}
		tw.Flush()
		if why {
			for i, c := range res.Candidates {
				fmt.Fprintf(e.stdout, "  %2d. %s, %s: %s\n", i+1, c.Name, c.Country, strings.Join(c.Reasons, "; "))
			}
		}
	}
	if res.Best != nil {
		b := res.Best
		where := b.CountryName
		if b.Admin1 != "" && b.Kind != "admin1" {
			where = b.Admin1 + ", " + where
		}
		fmt.Fprintf(e.stdout, "→ %s (%s), %.5f,%.5f, precision %s\n", b.Name, where, b.Lat, b.Lon, b.Precision)
	} else {
		fmt.Fprintln(e.stdout, "→ unresolved")
	}
	if res.Note != "" {
		fmt.Fprintf(e.stdout, "  note: %s\n", res.Note)
	}
}
