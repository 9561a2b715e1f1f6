package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/export"
	"sitrep/internal/store"
)

// exportSorts are the orders QueryIncidents knows (store.IncidentFilter.Sort).
var exportSorts = []string{"date", "-date", "killed", "reports", "id"}

// cmdExport writes the stored incidents that match the flags in one of
// export.Formats, streaming so memory stays flat however many match.
func (e env) cmdExport(args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store: a SQLite file, or a postgres:// URL (default $SITREP_DB or ./sitrep.db)")
	format := fs.String("format", export.Formats[0], "output format: "+strings.Join(export.Formats, ", "))
	asCSV := fs.Bool("csv", false, "same as --format acled-csv")
	var f store.IncidentFilter
	fs.StringVar(&f.From, "from", "", "incidents on or after this date (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "incidents on or before this date (YYYY-MM-DD)")
	fs.StringVar(&f.Country, "country", "", "ISO 3166-1 alpha-2 country code")
	fs.StringVar(&f.Admin1, "admin1", "", "first-level region")
	fs.StringVar(&f.Type, "type", "", "event type, e.g. battles")
	fs.StringVar(&f.Subtype, "subtype", "", "sub-event type, e.g. armed_clash")
	fs.StringVar(&f.Certainty, "certainty", "", "reported, claimed, alleged, ...")
	fs.IntVar(&f.MinKilled, "min-killed", 0, "at least this many killed (best estimate)")
	fs.StringVar(&f.Actor, "actor", "", "an actor in any role: a catalog name or a name as the text gave it")
	fs.StringVar(&f.Q, "q", "", "words every reporting article's title or text contains")
	fs.StringVar(&f.Sort, "sort", "date", "order: "+strings.Join(exportSorts, ", "))
	bbox := fs.String("bbox", "", "west,south,east,north in degrees: incidents with a point inside")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep export [--db DSN] [--format jsonl|acled-csv|gtd-csv|geojson]
                     [--from DATE] [--to DATE] [--country CC] [--admin1 NAME] [--bbox W,S,E,N]
                     [--type T] [--subtype S] [--certainty C] [--min-killed N]
                     [--actor NAME] [--q WORDS] [--sort ORDER]

Writes the stored incidents that match, each merged from every article that
reports it: JSON Lines with sitrep's fields and the articles (jsonl), ACLED's
or GTD's CSV columns and codes (acled-csv, gtd-csv), or a GeoJSON
FeatureCollection of the incidents that have a point (geojson).`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	if len(rest) > 0 {
		fs.Usage()
		return 2
	}
	if *asCSV {
		*format = "acled-csv"
	}
	if *bbox != "" {
		b, err := parseBBox(*bbox)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep export: --bbox: %v\n", err)
			return 2
		}
		f.BBox = &b
	}
	if err := checkExportFilter(*format, &f); err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 1
	}
	defer s.Close()
	src, ok := s.(store.Incidents)
	if !ok {
		fmt.Fprintf(e.stderr, "sitrep export: the store at %s cannot list incidents\n", *dsn)
		return 1
	}
	st, err := export.WriteStats(ctx, e.stdout, *format, src, f)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 1
	}
	if st.Skipped > 0 {
		fmt.Fprintf(e.stderr, "sitrep export: %d incidents without a point left out of %s\n", st.Skipped, *format)
	}
	return 0
}

// checkExportFilter refuses values that would silently match nothing, so a
// typo is an error, not an empty file.
func checkExportFilter(format string, f *store.IncidentFilter) error {
	if !slices.Contains(export.Formats, format) {
		return fmt.Errorf("--format %q: want one of %s", format, strings.Join(export.Formats, ", "))
	}
	for _, d := range []struct{ name, v string }{{"--from", f.From}, {"--to", f.To}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return fmt.Errorf("%s %q: want a date as YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.Country != "" {
		if len(f.Country) != 2 || strings.ToUpper(f.Country) == strings.ToLower(f.Country) {
			return fmt.Errorf("--country %q: want an ISO 3166-1 alpha-2 code such as AF", f.Country)
		}
		f.Country = strings.ToUpper(f.Country)
	}
	if f.Sort != "" && !slices.Contains(exportSorts, f.Sort) {
		return fmt.Errorf("--sort %q: want one of %s", f.Sort, strings.Join(exportSorts, ", "))
	}
	if f.MinKilled < 0 {
		return fmt.Errorf("--min-killed %d: want 0 or more", f.MinKilled)
	}
	return nil
}

// parseBBox reads "west,south,east,north" in degrees. West may exceed
// east: the box then crosses the antimeridian.
func parseBBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, fmt.Errorf("%q: want four numbers west,south,east,north", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return b, fmt.Errorf("%q: %q is not a number", s, p)
		}
		b[i] = v
	}
	switch {
	case b[0] < -180 || b[0] > 180 || b[2] < -180 || b[2] > 180:
		return b, fmt.Errorf("%q: longitudes must be within -180..180", s)
	case b[1] < -90 || b[1] > 90 || b[3] < -90 || b[3] > 90:
		return b, fmt.Errorf("%q: latitudes must be within -90..90", s)
	case b[1] > b[3]:
		return b, errors.New(strconv.Quote(s) + ": south is north of north")
	}
	return b, nil
}
