package eval

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
)

// GVAArticle is one news article of the Gun Violence Archive set with the
// incident it was collected for.
type GVAArticle struct {
	ID, IncidentID string
	Title, Text    string
	Published      string // YYYY-MM-DD, the anchor for relative dates
	URL            string
	Boilerplate    bool // a paywall or error page: skipped when scoring
}

// GVAIncident is the archive's coding of one incident.
type GVAIncident struct {
	ID              string
	Date            string // YYYY-MM-DD
	City, State     string
	Killed, Injured int
	HasMetadata     bool
	ArticleIDs      []string
	Categories      []string // the archive's tables it is in: mass_shootings_2014, accidental_deaths, ...
}

// Accidental reports whether the archive lists the incident among its
// accidental shootings (accidental_deaths, accidental_injuries_teens, ...).
// sitrep codes political violence, and an accident is not: an article
// about one should give no event, so its fields are all misses by design.
func (inc GVAIncident) Accidental() bool {
	for _, c := range inc.Categories {
		if strings.HasPrefix(c, "accidental") {
			return true
		}
	}
	return false
}

// GVASet is the gva evaluation set.
type GVASet struct {
	Articles  []GVAArticle
	Incidents map[string]GVAIncident
}

// LoadGVA reads ../shared/eval/gva.
func LoadGVA(dir string) (*GVASet, error) {
	set := &GVASet{Incidents: map[string]GVAIncident{}}
	err := eachJSONLine(filepath.Join(dir, "incidents.jsonl"), func(dec func(any) error) error {
		var r struct {
			IncidentID  string   `json:"incident_id"`
			Date        *string  `json:"date"`
			City        *string  `json:"city"`
			State       *string  `json:"state"`
			Killed      *int     `json:"killed"`
			Injured     *int     `json:"injured"`
			HasMetadata bool     `json:"has_metadata"`
			ArticleIDs  []string `json:"article_ids"`
			Categories  []string `json:"gva_categories"`
		}
		if err := dec(&r); err != nil {
			return err
		}
		inc := GVAIncident{ID: r.IncidentID, HasMetadata: r.HasMetadata, ArticleIDs: r.ArticleIDs, Categories: r.Categories}
		if r.Date != nil {
			inc.Date = *r.Date
		}
		if r.City != nil {
			inc.City = *r.City
		}
		if r.State != nil {
			inc.State = *r.State
		}
		if r.Killed != nil {
			inc.Killed = *r.Killed
		}
		if r.Injured != nil {
			inc.Injured = *r.Injured
		}
		set.Incidents[inc.ID] = inc
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachJSONLine(filepath.Join(dir, "articles.jsonl.gz"), func(dec func(any) error) error {
		var r struct {
			ID          string `json:"id"`
			IncidentID  string `json:"incident_id"`
			Title       string `json:"title"`
			Published   string `json:"published"`
			URL         string `json:"original_url"`
			Text        string `json:"text"`
			Boilerplate bool   `json:"boilerplate"`
		}
		if err := dec(&r); err != nil {
			return err
		}
		set.Articles = append(set.Articles, GVAArticle{
			ID: r.ID, IncidentID: r.IncidentID, Title: r.Title, Text: r.Text,
			Published: r.Published, URL: r.URL, Boilerplate: r.Boilerplate,
		})
		return nil
	})
	return set, err
}

// GVAPrediction is what an extractor says of an article's main incident.
// Nil counts mean the text did not say, and score as 0 as the archive
// codes "none".
type GVAPrediction struct {
	Date        string
	City, State string
	// County is the county a place of county precision stands for
	// ("Floyd County"); City is then its seat. The archive codes some
	// incidents by their county ("Floyd (county)"), which it matches.
	County          string
	Killed, Injured *int
	// SamePlace, when set, reports whether the archive's city (in its
	// state) names the very gazetteer place City is: the archive writes
	// New York City "New York", GeoNames' primary name. The predictor
	// sets it (it holds the gazetteer); only the scorer calls it.
	SamePlace func(city, state string) bool
}

// GVAField is the score of one field.
type GVAField struct {
	Correct, Total int
	SquaredError   float64 // counts only
}

// Accuracy is the share of exact matches.
func (f GVAField) Accuracy() float64 {
	if f.Total == 0 {
		return 0
	}
	return float64(f.Correct) / float64(f.Total)
}

// RMSE is the root mean squared error of a count.
func (f GVAField) RMSE() float64 {
	if f.Total == 0 {
		return 0
	}
	return math.Sqrt(f.SquaredError / float64(f.Total))
}

// GVAMiss is one wrong field on one article, for error analysis.
type GVAMiss struct {
	ArticleID, Field, Got, Want string
}

// GVAReport scores per-article extraction against the archive's coding.
type GVAReport struct {
	Articles                           int
	Date, City, State, Killed, Injured GVAField
	Misses                             []GVAMiss
	// NotAccidental is the same scoring restricted to the articles whose
	// incident is in none of the archive's accidental tables: the
	// incidents sitrep is meant to code (nil on that report itself).
	NotAccidental *GVAReport
}

// RunGVA scores predict on every article whose incident has metadata,
// skipping boilerplate pages, as the set's README says.
func (s *GVASet) RunGVA(predict func(GVAArticle) GVAPrediction) *GVAReport {
	var todo []GVAArticle
	for _, a := range s.Articles {
		if inc, ok := s.Incidents[a.IncidentID]; ok && inc.HasMetadata && !a.Boilerplate {
			todo = append(todo, a)
		}
	}
	preds := make([]GVAPrediction, len(todo))
	Each(len(todo), func(i int) { preds[i] = predict(todo[i]) }, nil)

	rep, na := &GVAReport{}, &GVAReport{}
	for i, a := range todo {
		inc := s.Incidents[a.IncidentID]
		rep.score(a, inc, preds[i])
		if !inc.Accidental() {
			na.score(a, inc, preds[i])
		}
	}
	rep.NotAccidental = na
	return rep
}

// score adds one article's prediction to the report.
func (rep *GVAReport) score(a GVAArticle, inc GVAIncident, p GVAPrediction) {
	rep.Articles++
	str := func(f *GVAField, name, got, want string) {
		f.Total++
		if strings.EqualFold(strings.TrimSpace(got), strings.TrimSpace(want)) {
			f.Correct++
		} else {
			rep.Misses = append(rep.Misses, GVAMiss{a.ID, name, got, want})
		}
	}
	num := func(f *GVAField, name string, got *int, want int) {
		g := 0
		if got != nil {
			g = *got
		}
		f.Total++
		d := float64(g - want)
		f.SquaredError += d * d
		if g == want {
			f.Correct++
		} else {
			rep.Misses = append(rep.Misses, GVAMiss{a.ID, name, fmt.Sprint(g), fmt.Sprint(want)})
		}
	}
	str(&rep.Date, "date", p.Date, inc.Date)
	city := p.City
	if SameGVACity(p.City, inc.City) || SameGVACounty(p.County, inc.City) ||
		p.City != "" && p.SamePlace != nil && p.SamePlace(inc.City, inc.State) {
		city = inc.City
	}
	str(&rep.City, "city", city, inc.City)
	str(&rep.State, "state", p.State, inc.State)
	num(&rep.Killed, "killed", p.Killed, inc.Killed)
	num(&rep.Injured, "injured", p.Injured, inc.Injured)
}

// SameGVACity reports whether a predicted city is the archive's. The
// archive writes a city with its neighbourhood or borough in parentheses
// ("New York (Manhattan)", "Pittsburgh (Wilkinsburg)"), and spells out
// what articles abbreviate ("Saint Louis" for "St. Louis") and drops a
// leading "The" that gazetteers keep ("The Bronx"); either part of
// the pair names the incident's place as the archive codes it, and the two
// spellings are one name. Anything else must match exactly (ignoring case).
func SameGVACity(got, want string) bool {
	g := cityKey(got)
	if g == "" {
		return false
	}
	if g == cityKey(want) {
		return true
	}
	open := strings.Index(want, " (")
	if open < 0 || !strings.HasSuffix(want, ")") {
		return false
	}
	return g == cityKey(want[:open]) || g == cityKey(want[open+2:len(want)-1])
}

// SameGVACounty reports whether a predicted county ("Floyd County",
// "FLOYD COUNTY", "Rapides Parish") is the county the archive codes an
// incident by in its city field: "Floyd (county)" or "Floyd County".
func SameGVACounty(got, want string) bool {
	g := countyKey(got)
	if g == "" {
		return false
	}
	w, ok := strings.CutSuffix(want, " (county)")
	if !ok && countyKey(want) == cityKey(want) {
		return false // a town, not a county
	}
	return g == countyKey(w)
}

// countyKey is a county's name without its County or Parish word, as
// cityKey reads it ("" when there is no name).
func countyKey(s string) string {
	k := cityKey(s)
	for _, suffix := range []string{" county", " parish"} {
		k = strings.TrimSuffix(k, suffix)
	}
	return k
}

// cityAbbreviations are the leading words articles shorten in place names.
var cityAbbreviations = map[string]string{"st.": "saint", "st": "saint", "ft.": "fort", "ft": "fort", "mt.": "mount", "mt": "mount"}

func cityKey(s string) string {
	// A hyphen joins the words of one name: "Opa-locka" as GeoNames
	// writes it is the archive's "Opa Locka".
	words := strings.Fields(strings.ReplaceAll(strings.ToLower(s), "-", " "))
	if len(words) > 1 && words[0] == "the" {
		words = words[1:] // "The Bronx" as GeoNames writes it, "Bronx" as the archive does
	}
	for i, w := range words {
		if full, ok := cityAbbreviations[w]; ok {
			words[i] = full
		}
	}
	return strings.Join(words, " ")
}
