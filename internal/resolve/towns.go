package resolve

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"sitrep/internal/resolve/norm"
)

// townsGz is data/towns.tsv.gz (written by ./gentowns): the US
// post-office towns that GeoNames cities500 lacks, mostly places of under
// 500 people. US local news, and the archives that code it, place a
// shooting by such a town ("near Iaeger", "a home in Caulfield").
//
//go:embed data/towns.tsv.gz
var townsGz []byte

// postal is one row of towns.tsv.gz.
type postal struct {
	adm1, name, adm2 string
	lat, lon         float64
}

var (
	townsOnce sync.Once
	townsTab  map[string][]postal // by norm.Key of the name
)

// postalTowns is the table by name key, read on first use: most articles
// never need it.
func postalTowns() map[string][]postal {
	townsOnce.Do(func() {
		townsTab = map[string][]postal{}
		text, err := gunzip(bytes.NewReader(townsGz), 1<<20)
		if err != nil {
			return
		}
		_, rest := cutLine(text) // header
		for rest != "" {
			var line string
			line, rest = cutLine(rest)
			f := strings.Split(line, "\t")
			if len(f) < 5 {
				continue
			}
			lat, _ := strconv.ParseFloat(f[2], 64)
			lon, _ := strconv.ParseFloat(f[3], 64)
			k := norm.Key(f[1])
			townsTab[k] = append(townsTab[k], postal{adm1: f[0], name: f[1], adm2: f[4], lat: lat, lon: lon})
		}
	})
	return townsTab
}

// postalTown answers a name the gazetteer has no fitting place for with a
// post-office town of the story's own US state: the state its qualifier
// names ("Caulfield, Missouri"), else the state a local story is told
// from (localState), else the US state the context names most. Only a
// town of that one state counts, so the table cannot make a word or a
// surname a place elsewhere. nil when there is none.
func (r *Resolver) postalTown(key string, quals []string) *Place {
	towns := postalTowns()[key]
	if len(towns) == 0 || r.lower[key] || r.namesCounty(key) {
		// A word the text writes in lower case ("deputy") is that word
		// when capitalised in a title ("Sheriff's Deputy"); a name the
		// text gives a county ("Bartow County") is that county when
		// written bare ("Bartow officer shot"), not its post office.
		return nil
	}
	if len(quals) == 0 {
		// "Logan County ... a home in Olmstead": a county the text names
		// that holds a post office of the name settles the state, as it
		// does for the gazetteer's towns (scoreContext).
		for _, t := range towns {
			for _, m := range r.mentions {
				if m.cc == "US" && m.adm2 != "" && m.adm1 == t.adm1 && m.adm2 == t.adm2 && !r.quarterOfNamedCity(t) {
					return r.postalPlace(t, "the county the article names")
				}
			}
		}
	}
	var states []string
	how := ""
	if len(quals) > 0 {
		for _, q := range quals {
			for _, t := range r.qualTargets(q) {
				if t.cc == "US" && t.adm1 != "" {
					states = append(states, t.adm1)
				}
			}
		}
		how = fmt.Sprintf("the state %q names", quals[0])
	} else {
		if adm1 := r.contextState(); adm1 != "" {
			// Before the outlet's home: a Texas station's wire story from
			// "IRA, Vt." is about Vermont.
			states, how = []string{adm1}, "the state the article names most"
		}
		// Then the home's: an Ohio station's story that names a town of
		// Pennsylvania most may still place its own in Ohio.
		if cc, adm1 := r.localState(); cc == "US" && !r.namesOnlyOtherStates(adm1) && (len(states) == 0 || states[0] != adm1) {
			states = append(states, adm1)
			if len(states) == 1 {
				how = "the state the story is told from"
			}
		}
	}
	for k, s := range states {
		if k == 1 {
			how = "the state the story is told from"
		}
		for _, t := range towns {
			if t.adm1 != s {
				continue
			}
			if r.quarterOfNamedCity(t) {
				return nil
			}
			return r.postalPlace(t, how)
		}
	}
	return nil
}

// postalBeats reports whether a post-office town of the name places
// the story better than best, the gazetteer's first US town of that
// name, which lies in no county the article names: the town lies in a
// county the article names ("shot in Dunmore, Ridge County deputies
// said"), or in the state the article's words name most while best's
// state goes unnamed ("Sutton" in a story of "an Alaska man" is the
// Alaska post office, not the Massachusetts town).
func (r *Resolver) postalBeats(best *entry, key string) bool {
	_, local := r.localState()
	if best.cc != "US" || best.kind != KindPlace || best.pop >= maxOutOfStateTown || best.adm1 == local ||
		r.lower[key] || r.namesCounty(key) {
		return false
	}
	towns := postalTowns()[key]
	if len(towns) == 0 {
		return false
	}
	for _, m := range r.mentions {
		if m.cc == "US" && m.adm2 != "" && m.adm1 == best.adm1 && m.adm2 == best.adm2 {
			return false
		}
	}
	// A county name many states share ("Orange County") counts in the
	// story's local state or the one its words name most.
	cs := r.contextState()
	for _, t := range towns {
		for _, m := range r.mentions {
			if m.cc == "US" && m.adm2 != "" && m.adm1 == t.adm1 && m.adm2 == t.adm2 &&
				(m.share == 1 || m.adm1 == local || m.adm1 == cs) && !r.quarterOfNamedCity(t) {
				return true
			}
		}
	}
	if cs == "" || cs == best.adm1 || !r.namesState(cs) || r.namesState(best.adm1) {
		return false
	}
	for _, t := range towns {
		if t.adm1 == cs {
			return true
		}
	}
	return false
}

// namesState reports whether the context text names US state adm1
// itself ("Alaska", "Ala."), not only a town or county of it.
func (r *Resolver) namesState(adm1 string) bool {
	for _, m := range r.mentions {
		if m.div && m.cc == "US" && m.adm1 == adm1 && m.adm2 == "" && m.share == 1 && m.key != "\x00home" {
			return true
		}
	}
	return false
}

// contextState is the US state the article's own words weigh most for
// (not the outlet's home, nor a small town named bare), when it leads every other state by two to
// one; "" otherwise.
func (r *Resolver) contextState() string {
	w := map[string]float64{}
	for _, m := range r.mentions {
		// Bare small-town names are too often surnames ("Rogers said").
		if m.cc == "US" && m.adm1 != "" && m.key != "\x00home" && !m.bare {
			s := m.share
			if s == 0 {
				s = 1
			}
			w[m.adm1] += m.weight * s
		}
	}
	return dominant(w, 0.5)
}

// postalResult is the Result of a name answered by postalTown, noting
// why the gazetteer's own candidates (if any) were not taken.
func (r *Resolver) postalResult(name, key string, quals []string, why string) (Result, bool) {
	p := r.postalTown(key, quals)
	if p == nil {
		return Result{}, false
	}
	note := fmt.Sprintf("%q is a post-office town of %s that the gazetteer lacks", name, p.Admin1)
	if why != "" {
		note += "; " + why
	}
	return Result{Query: name, Best: p, Candidates: []Place{*p}, Note: note}, true
}

// quarterOfNamedCity reports whether post-office town t lies within a
// big city the article names: the post office's name is then a quarter
// of that city ("Roxbury" in a Boston story), which the city stands for.
func (r *Resolver) quarterOfNamedCity(t postal) bool {
	for k := range r.named {
		for _, i := range r.g.lookup(k) {
			e := r.g.rec(i)
			if e.kind != KindPlace || e.cc != "US" || e.adm1 != t.adm1 || e.pop < minQuarterCity {
				continue
			}
			if km(e.lat, e.lon, t.lat, t.lon) <= 5+2.5*math.Sqrt(float64(e.pop)/minQuarterCity) {
				return true
			}
		}
	}
	return false
}

// minQuarterCity is the least population of a city whose post-office
// quarters carry names of their own; its reach grows with its size
// (about 11 km for Boston, 21 for Los Angeles).
const minQuarterCity = 100000

// namesOnlyOtherStates reports whether the context text names a US state
// outright, and none of them is adm1: a local outlet's wire story from
// another state ("Vermont State Police say") is not about the outlet's.
func (r *Resolver) namesOnlyOtherStates(adm1 string) bool {
	other := false
	for _, m := range r.mentions {
		if !m.div || m.cc != "US" || m.adm1 == "" || m.key == "\x00home" {
			continue
		}
		if m.adm1 == adm1 {
			return false
		}
		other = true
	}
	return other
}

// postalPlace is the Place of post-office town t, found through how.
func (r *Resolver) postalPlace(t postal, how string) *Place {
	p := &Place{Name: t.name, Country: "US", Admin1Code: t.adm1, Admin2Code: t.adm2,
		Lat: t.lat, Lon: t.lon, Precision: "city", Kind: KindPlace.String(), Feature: "PPL", Postal: true, Confidence: 1,
		Reasons: []string{"a post-office town the gazetteer lacks, in " + how + " (data/towns.tsv.gz)"}}
	if i, ok := r.g.country["US"]; ok {
		p.CountryName = r.g.rec(i).name
	}
	if i, ok := r.g.admin1["US."+t.adm1]; ok {
		p.Admin1 = r.g.rec(i).name
	}
	return p
}

// namesCounty reports whether the context text names a county (or
// parish) called key: "bartow" when it writes "Bartow County".
func (r *Resolver) namesCounty(key string) bool {
	for _, m := range r.mentions {
		if m.adm2 != "" && (m.key == key+" county" || m.key == key+" parish") {
			return true
		}
	}
	return false
}
