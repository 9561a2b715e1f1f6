package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// gvaPredict codes one GVA article with the full pipeline and reports its
// main (first) event as the archive codes incidents: the day, the city,
// the state (admin1) and the counts.
func gvaPredict(a eval.GVAArticle) eval.GVAPrediction {
	// The set's text is plain text as crawled; reading it as a page moves
	// its dateline and date lines into metadata, as for any other input.
	art, err := article.Read(a.ID, []byte(a.Title+"\n\n"+a.Text), article.Options{Format: "text"})
	if err != nil && art.Text == "" {
		return eval.GVAPrediction{}
	}
	art.Title = a.Title
	art.URL = a.URL // the address the set gives, read as any page's would be
	pub, _ := time.Parse("2006-01-02", a.Published)
	evs := extract.Extract(art, extract.Options{Published: pub}).Events
	var p eval.GVAPrediction
	if len(evs) == 0 {
		return p
	}
	ev := evs[0]
	if ev.Date != nil && ev.Date.Precision == "day" {
		p.Date = ev.Date.Start
	}
	if l := ev.Location; l != nil {
		if l.Country == "US" {
			p.State = l.Admin1
		}
		if l.Precision == "city" || l.Precision == "point" {
			p.City = l.Name
		}
	}
	if ev.Killed != nil {
		k := ev.Killed.Min
		p.Killed = &k
	}
	if ev.Wounded != nil {
		w := ev.Wounded.Min
		p.Injured = &w
	}
	return p
}

func (e env) cmdEvalGVA(args []string) int {
	f := e.newEvalFlags("gva", "gva", "usage: sitrep eval gva --data DIR [--worst N] [--json]\n\nCodes each Gun Violence Archive article with 'sitrep extract' and compares\nits main event's date, city, state, killed and injured with the archive's\ncoding of the incident (exact match; RMSE for counts).",
		0, "list N misses of each field")
	dir, ok := f.parse(args)
	if !ok {
		return 2
	}
	set, err := eval.LoadGVA(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	rep := set.RunGVA(gvaPredict)
	if *f.asJSON {
		out := map[string]any{"articles": rep.Articles}
		for name, f := range map[string]eval.GVAField{"date": rep.Date, "city": rep.City, "state": rep.State, "killed": rep.Killed, "injured": rep.Injured} {
			out[name] = map[string]float64{"accuracy": f.Accuracy(), "rmse": f.RMSE()}
		}
		json.NewEncoder(e.stdout).Encode(out)
		return 0
	}
	printGVAReport(e.stdout, rep, *f.worst)
	return 0
}

func printGVAReport(w io.Writer, r *eval.GVAReport, worst int) {
	fmt.Fprintf(w, "gva: %d articles (incidents with metadata, boilerplate pages skipped)\n", r.Articles)
	for _, f := range []struct {
		name  string
		f     eval.GVAField
		count bool
	}{{"date", r.Date, false}, {"city", r.City, false}, {"state", r.State, false}, {"killed", r.Killed, true}, {"injured", r.Injured, true}} {
		fmt.Fprintf(w, "  %-8s exact %.3f (%d/%d)", f.name, f.f.Accuracy(), f.f.Correct, f.f.Total)
		if f.count {
			fmt.Fprintf(w, "  RMSE %.2f", f.f.RMSE())
		}
		fmt.Fprintln(w)
	}
	if worst <= 0 {
		return
	}
	shown := map[string]int{}
	for _, m := range r.Misses {
		if shown[m.Field] >= worst {
			continue
		}
		shown[m.Field]++
		fmt.Fprintf(w, "  miss %-8s got %-20q want %-20q %s\n", m.Field, m.Got, m.Want, strings.TrimSpace(m.ArticleID))
	}
}
