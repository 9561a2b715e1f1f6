package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// exportRow is one line of `sitrep export`: the event's fields inline, with
// its id and the article it came from.
type exportRow struct {
	ID      int64         `json:"id"`
	Article exportArticle `json:"article"`
	extract.Event
}

type exportArticle struct {
	ID        int64   `json:"id"`
	URL       *string `json:"url"`
	Title     string  `json:"title"`
	Published *string `json:"published"`
}

var exportCSVHeader = []string{"id", "article_id", "url", "published", "type", "subtype", "date_start", "date_end",
	"country", "admin1", "location", "lat", "lon", "killed_min", "killed_max", "wounded_min", "wounded_max", "certainty"}

// cmdExport writes the stored events matching the flags, as JSON Lines or
// CSV, paging through the store so memory stays flat however many match.
func (e env) cmdExport(args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	dsn := fs.String("db", envOr("SITREP_DB", store.DefaultDSN), "the store: a SQLite file, or a postgres:// URL (default $SITREP_DB or ./sitrep.db)")
	var f store.EventFilter
	fs.StringVar(&f.From, "from", "", "events on or after this date (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "events on or before this date (YYYY-MM-DD)")
	fs.StringVar(&f.Country, "country", "", "ISO 3166-1 alpha-2 country code")
	fs.StringVar(&f.Admin1, "admin1", "", "first-level region")
	fs.StringVar(&f.Type, "type", "", "event type, e.g. battles")
	fs.StringVar(&f.Subtype, "subtype", "", "sub-event type, e.g. armed_clash")
	fs.StringVar(&f.Certainty, "certainty", "", "reported, claimed, alleged, ...")
	fs.IntVar(&f.MinKilled, "min-killed", 0, "at least this many killed (lower bound)")
	asCSV := fs.Bool("csv", false, "write CSV instead of JSON Lines")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep export [--db DSN] [--csv] [--from DATE] [--to DATE] [--country CC] [--admin1 NAME]
                     [--type T] [--subtype S] [--certainty C] [--min-killed N]

Writes the stored events that match, one per line (JSON Lines with the
event's fields and its article, or CSV with one column per scalar field).`)
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	s, err := store.Open(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 1
	}
	defer s.Close()

	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	cw := csv.NewWriter(out)
	if *asCSV {
		cw.Write(exportCSVHeader)
	}
	articles := map[int64]exportArticle{} // most articles' events are on one page
	f.Limit = 1000
	for {
		page, err := s.QueryEvents(ctx, f)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
			return 1
		}
		for _, ev := range page.Events {
			a, ok := articles[ev.ArticleID]
			if !ok {
				sa, err := s.Article(ctx, ev.ArticleID)
				if err != nil {
					fmt.Fprintf(e.stderr, "sitrep export: article %d: %v\n", ev.ArticleID, err)
					return 1
				}
				a = exportArticle{ID: sa.ID, URL: exportOptString(sa.URL), Title: sa.Title}
				if !sa.Published.IsZero() {
					a.Published = exportOptString(sa.Published.UTC().Format(time.RFC3339))
				}
				articles[ev.ArticleID] = a
			}
			if *asCSV {
				cw.Write(csvRow(ev, a))
				continue
			}
			b, err := json.Marshal(exportRow{ID: ev.ID, Article: a, Event: ev.Event})
			if err != nil {
				fmt.Fprintf(e.stderr, "sitrep export: event %d: %v\n", ev.ID, err)
				return 1
			}
			out.Write(b)
			out.WriteByte('\n')
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
		clear(articles)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return 1
	}
	return 0
}

func csvRow(ev store.StoredEvent, a exportArticle) []string {
	deref := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	count := func(c *extract.Count) (string, string) {
		if c == nil {
			return "", ""
		}
		hi := ""
		if c.Max != nil {
			hi = strconv.Itoa(*c.Max)
		}
		return strconv.Itoa(c.Min), hi
	}
	var start, end, country, admin1, place, lat, lon string
	if d := ev.Date; d != nil {
		start, end = d.Start, d.End
	}
	if l := ev.Location; l != nil {
		country, admin1, place, lat, lon = l.Country, l.Admin1, l.Name, num(l.Lat), num(l.Lon)
	}
	kmin, kmax := count(ev.Killed)
	wmin, wmax := count(ev.Wounded)
	return []string{strconv.FormatInt(ev.ID, 10), strconv.FormatInt(a.ID, 10), deref(a.URL), deref(a.Published),
		ev.Type, ev.Subtype, start, end, country, admin1, place, lat, lon, kmin, kmax, wmin, wmax, ev.Certainty}
}

func exportOptString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
