package main

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
	"sitrep/internal/resolve"
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
		if l.Precision == "city" || l.Precision == "point" || l.Precision == "admin2" {
			// admin2: the county's seat, standing for a county the
			// story names with no town of it; the archive codes such an
			// incident by a town too.
			p.City = l.Name
			if l.Lat != nil && l.Lon != nil && l.Country == "US" {
				p.SamePlace = gvaSamePlace(l.Name, *l.Lat, *l.Lon)
			}
		}
		if l.Precision == "admin2" {
			p.County = l.Admin2
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
	half := f.fs.Int("half", 0, "score only half 1 or 2 of the set, split by incident (sha1 of the incident id, even or odd): develop on one, check on the other")
	dump := f.fs.String("dump", "", "write one JSON line per article whose city or state is missed, with the main event's place and the rules that gave it, to this file")
	dumpAll := f.fs.Bool("dump-all", false, "with --dump, write every scored article, missed or not: to count how often a rule is right as well as wrong")
	dir, ok := f.parse(args)
	if !ok {
		return 2
	}
	set, err := eval.LoadGVA(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	if *half != 0 {
		set.Articles = gvaHalf(set.Articles, *half)
	}
	rep := set.RunGVA(gvaPredict)
	if *dump != "" {
		if err := dumpGVAPlaceMisses(*dump, set, rep, *dumpAll); err != nil {
			fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
			return 1
		}
	}
	if *f.asJSON {
		out := map[string]any{"articles": rep.Articles}
		for name, f := range map[string]eval.GVAField{"date": rep.Date, "city": rep.City, "state": rep.State, "killed": rep.Killed, "injured": rep.Injured} {
			out[name] = map[string]float64{"accuracy": f.Accuracy(), "rmse": f.RMSE()}
		}
		if na := rep.NotAccidental; na != nil {
			sub := map[string]any{"articles": na.Articles}
			for name, f := range map[string]eval.GVAField{"date": na.Date, "city": na.City, "state": na.State, "killed": na.Killed, "injured": na.Injured} {
				sub[name] = map[string]float64{"accuracy": f.Accuracy(), "rmse": f.RMSE()}
			}
			out["not_accidental"] = sub
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
	if na := r.NotAccidental; na != nil {
		// Accidents give no event by design (sitrep codes political
		// violence); this line scores the incidents it is meant to code.
		fmt.Fprintf(w, "  not accidental (%d articles, incidents in no accidental_* table): date %.3f  city %.3f  state %.3f  killed %.3f  injured %.3f\n",
			na.Articles, na.Date.Accuracy(), na.City.Accuracy(), na.State.Accuracy(), na.Killed.Accuracy(), na.Injured.Accuracy())
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

// gvaHalf keeps the articles of half 1 (even) or 2 (odd) of the
// incidents, by the first byte of the sha1 of the incident id: a split to
// develop rules on one half and check them on the other.
func gvaHalf(as []eval.GVAArticle, half int) []eval.GVAArticle {
	var out []eval.GVAArticle
	for _, a := range as {
		h := sha1.Sum([]byte(a.IncidentID))
		if int(h[0]%2)+1 == half {
			out = append(out, a)
		}
	}
	return out
}

// dumpGVAPlaceMisses writes, for each article whose city or state is
// missed, what the archive says, what the main event got and the rules
// that placed it: the material for grouping place misses by cause. With all,
// every scored article is written (city_missed and state_missed false on
// a hit).
func dumpGVAPlaceMisses(path string, set *eval.GVASet, rep *eval.GVAReport, all bool) error {
	missed := map[string]map[string]eval.GVAMiss{}
	for _, m := range rep.Misses {
		if m.Field != "city" && m.Field != "state" {
			continue
		}
		if missed[m.ArticleID] == nil {
			missed[m.ArticleID] = map[string]eval.GVAMiss{}
		}
		missed[m.ArticleID][m.Field] = m
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	for _, a := range set.Articles {
		ms, ok := missed[a.ID]
		inc, scored := set.Incidents[a.IncidentID]
		if !ok && !(all && scored && inc.HasMetadata && !a.Boilerplate) {
			continue
		}
		art, _ := article.Read(a.ID, []byte(a.Title+"\n\n"+a.Text), article.Options{Format: "text"})
		art.Title = a.Title
		art.URL = a.URL
		pub, _ := time.Parse("2006-01-02", a.Published)
		res := extract.Extract(art, extract.Options{Published: pub})
		rec := map[string]any{"id": a.ID, "title": a.Title, "url": a.URL, "dateline": art.Dateline,
			"want_city": inc.City, "want_state": inc.State, "events": len(res.Events),
			"city_in_text": strings.Contains(a.Title+" "+a.Text, inc.City), "state_missed": ms["state"].Field != "",
			"city_missed": ms["city"].Field != ""}
		if len(res.Events) > 0 {
			ev := res.Events[0]
			rec["type"] = ev.Subtype
			rec["location"] = ev.Location
			var why []string
			for _, r := range res.Why[0] {
				if r.Field == "location" {
					why = append(why, r.Value+" <- "+r.Rule+" | "+r.Sentence)
				}
			}
			rec["why"] = why
		}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

// gvaSamePlace reports, for the archive's city and state, whether the
// one populated place of that state the gazetteer indexes under the
// archive's name is the predicted place (at lat, lon) and carries that
// name only as an alternate: the archive's "New York" is GeoNames' "New
// York City". The archive's name must also be the place's own name
// shortened by its last words ("New York" of "New York City"): the index
// alone would equate a neighbourhood the gazetteer lacks with a distant
// small town that carries its name as an alternate. It never applies
// when a place of the state has the archive's name as its own (the names
// then differ because the places do), nor when several places are known
// by it. The lookup is the gazetteer's name index alone, not the
// resolver under test.
func gvaSamePlace(name string, lat, lon float64) func(city, state string) bool {
	return func(city, state string) bool {
		g, err := resolve.Default()
		if err != nil || city == "" || state == "" || strings.EqualFold(city, name) ||
			!strings.HasPrefix(strings.ToLower(name), strings.ToLower(city)+" ") {
			return false
		}
		ps := g.PlacesKnownAs(city, "US", state)
		if len(ps) != 1 || ps[0].Own {
			return false
		}
		return ps[0].Lat == lat && ps[0].Lon == lon
	}
}
