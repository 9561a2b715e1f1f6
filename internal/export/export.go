// Package export writes stored incidents in the formats analysts already
// have tools for: JSON Lines (sitrep's own fields), ACLED's and GTD's CSV
// layouts, so that R and pandas scripts written for those datasets run on
// sitrep's data unchanged, and GeoJSON for maps.
//
// Every format streams: Write pages through the store with its cursor and
// writes each page before asking for the next, so a million incidents take
// the memory of one page. How sitrep's vocabulary maps onto ACLED's and
// GTD's labels and codes is data (codes.yaml, countries.tsv), not code.
package export

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"sitrep/internal/store"
)

// Formats are the names Write accepts, the default first.
var Formats = []string{"jsonl", "acled-csv", "gtd-csv", "geojson"}

// pageSize is how many incidents Write asks the store for at a time: the
// store's largest page, so a large export makes few round trips.
var pageSize = 1000

// encoder writes one format. begin and end frame the output (a CSV
// header, GeoJSON's FeatureCollection); write is called once per incident.
type encoder interface {
	begin() error
	write(inc *store.Incident) error
	end() error
}

// Stats is what one Write wrote.
type Stats struct {
	Incidents int // incidents written
	// Skipped counts incidents the format cannot hold: in geojson, those
	// without a point.
	Skipped int
}

// Write writes every incident of src matching f to w in format (one of
// Formats), in f.Sort's order. f.Limit and f.Cursor are ignored: Write
// pages through all of them.
func Write(ctx context.Context, w io.Writer, format string, src store.Incidents, f store.IncidentFilter) error {
	_, err := WriteStats(ctx, w, format, src, f)
	return err
}

// WriteStats is Write, also saying how many incidents it wrote and left out.
func WriteStats(ctx context.Context, w io.Writer, format string, src store.Incidents, f store.IncidentFilter) (Stats, error) {
	var st Stats
	bw := bufio.NewWriterSize(w, 64<<10)
	enc, err := newEncoder(format, bw, &st)
	if err != nil {
		return st, err
	}
	if err := enc.begin(); err != nil {
		return st, err
	}
	f.Limit, f.Cursor = pageSize, ""
	for {
		page, err := src.QueryIncidents(ctx, f)
		if err != nil {
			return st, fmt.Errorf("export: reading incidents: %w", err)
		}
		for i := range page.Incidents {
			if err := enc.write(&page.Incidents[i]); err != nil {
				return st, fmt.Errorf("export: incident %d: %w", page.Incidents[i].ID, err)
			}
		}
		if page.Next == "" {
			break
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
		f.Cursor = page.Next
	}
	if err := enc.end(); err != nil {
		return st, err
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("export: %w", err)
	}
	if st.Skipped > 0 {
		slog.Info("export: incidents left out", "format", format, "skipped", st.Skipped, "written", st.Incidents)
	}
	return st, nil
}

func newEncoder(format string, w *bufio.Writer, st *Stats) (encoder, error) {
	switch format {
	case "jsonl":
		return &jsonlEncoder{w: w, st: st}, nil
	case "geojson":
		return &geojsonEncoder{w: w, st: st}, nil
	case "acled-csv", "gtd-csv":
		c, err := loadCodes()
		if err != nil {
			return nil, err
		}
		k, err := newKinds()
		if err != nil {
			return nil, err
		}
		if format == "acled-csv" {
			return newACLED(w, st, c, k), nil
		}
		return newGTD(w, st, c, k), nil
	}
	return nil, fmt.Errorf("export: unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// articleRef names a report's article the way issue #5 asks: its id in the
// collection it came from, else its URL, else sitrep's own id.
func articleRef(s store.Source) string {
	switch {
	case s.ExternalID != "":
		return s.ExternalID
	case s.URL != "":
		return s.URL
	}
	return fmt.Sprintf("sitrep:article/%d", s.ArticleID)
}
