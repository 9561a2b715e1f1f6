package resolve

import (
	_ "embed"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"sitrep/internal/resolve/norm"
)

// bigTown is a populated place that quarters of towns are read against.
type bigTown struct {
	rec      int32
	adm1     string
	lat, lon float64
	pop      int
}

// minContainingPopulation is the smallest town that a section of a
// populated place (GeoNames PPLX: a neighbourhood, a borough's quarter)
// is read as part of.
const minContainingPopulation = 50000

// maxSectionKm is how far from a town's point a section of it may lie.
const maxSectionKm = 30.0

// bigTowns lists the places of country cc with minContainingPopulation
// or more that are not sections themselves, read from the records on
// the first call for the country (a few ms: only that country's lines
// are split).
func (g *Gazetteer) bigTowns(cc string) []bigTown {
	g.bigMu.Lock()
	defer g.bigMu.Unlock()
	if ts, ok := g.big[cc]; ok {
		return ts
	}
	var ts []bigTown
	g.eachPlaceIn(cc, func(i int, f []string) {
		pop, _ := strconv.Atoi(f[7])
		if pop < minContainingPopulation || f[8] == "PPLX" {
			return
		}
		lat, _ := strconv.ParseFloat(f[5], 64)
		lon, _ := strconv.ParseFloat(f[6], 64)
		ts = append(ts, bigTown{rec: int32(i), adm1: f[2], lat: lat, lon: lon, pop: pop})
	})
	if g.big == nil {
		g.big = map[string][]bigTown{}
	}
	g.big[cc] = ts
	return ts
}

// eachPlaceIn calls fn with the index and tab-split fields of every
// populated place of country cc, skipping the other countries' lines
// before splitting them (a few ms for a large country).
func (g *Gazetteer) eachPlaceIn(cc string, fn func(i int, f []string)) {
	var f [12]string
	for i, off := range g.lines {
		rest := g.places[off:]
		if len(rest) < 5 || rest[0] != 'P' || rest[2:4] != cc || rest[4] != '\t' {
			continue
		}
		line, _ := cutLine(rest)
		splitTabs(line, f[:])
		fn(i, f[:])
	}
}

// Containing is the town a section of a populated place (GeoNames
// feature PPLX: "West Englewood", "Jamaica Plain") is part of: of the
// bigger towns within maxSectionKm in its division, the one whose pull
// (population over squared distance) is strongest, so a quarter of
// Brooklyn is Brooklyn rather than New York City. ok is false for other
// places and when no such town is near.
func (g *Gazetteer) Containing(p Place) (Place, bool) {
	if p.Admin2Code != "" && p.Kind == KindPlace.String() && boroughCounties()[p.Country+"."+p.Admin1Code+"."+p.Admin2Code] {
		if rec, ok := g.countySeats(p.Country)[p.Admin1Code+"."+p.Admin2Code]; ok {
			if e := g.rec(rec); e.pop > p.Population && e.gid != p.GeonameID {
				c := (&Resolver{g: g}).place(&cand{e: e})
				c.Reasons = append(c.Reasons, "contains "+strings.TrimSpace(p.Name)+" (a borough's quarter)")
				return c, true
			}
		}
	}
	if p.Feature != "PPLX" || p.Kind != KindPlace.String() {
		return Place{}, false
	}
	if p.Admin2Code != "" {
		// The seat of the section's own county, if a big town near it:
		// a quarter of Brooklyn near the Queens line is Brooklyn's (Kings
		// County's), though Queens' point is nearer.
		if rec, ok := g.countySeats(p.Country)[p.Admin1Code+"."+p.Admin2Code]; ok {
			if e := g.rec(rec); e.pop >= minContainingPopulation && e.pop > p.Population && km(p.Lat, p.Lon, e.lat, e.lon) <= maxSectionKm {
				c := (&Resolver{g: g}).place(&cand{e: e})
				c.Reasons = append(c.Reasons, "contains "+strings.TrimSpace(p.Name)+" (its county's seat)")
				return c, true
			}
		}
	}
	best, bestPull := int32(-1), 0.0
	for _, t := range g.bigTowns(p.Country) {
		if t.adm1 != p.Admin1Code || t.pop <= p.Population {
			continue
		}
		d := km(p.Lat, p.Lon, t.lat, t.lon)
		if d > maxSectionKm {
			continue
		}
		if pull := float64(t.pop) / math.Max(d*d, 1); pull > bestPull {
			best, bestPull = t.rec, pull
		}
	}
	if best < 0 {
		return Place{}, false
	}
	c := (&Resolver{g: g}).place(&cand{e: g.rec(best)})
	c.Reasons = append(c.Reasons, "contains "+strings.TrimSpace(p.Name))
	return c, true
}

//go:embed data/boroughs.tsv
var boroughsTSV string

var boroughOnce = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	if err := tsvRows("boroughs.tsv", boroughsTSV, 4, func(_ int, f []string) error {
		m[f[0]+"."+f[1]+"."+f[2]] = f[3] == "yes"
		return nil
	}); err != nil {
		panic(err) // the embedded file is checked by TestBoroughs
	}
	return m
})

// boroughCounties is data/boroughs.tsv: "CC.adm1.adm2" of the counties
// that are one city's boroughs, true where the county's every place is
// read as a quarter of the borough.
func boroughCounties() map[string]bool { return boroughOnce() }

// NearBoroughs reports whether the point lat, lon in country cc is
// within maxSectionKm of a borough (data/boroughs.tsv): a cheap test
// before Boroughs, which needs the resolved place.
func (g *Gazetteer) NearBoroughs(cc string, lat, lon float64) bool {
	for k := range boroughCounties() {
		c, rest, _ := strings.Cut(k, ".")
		if c != cc {
			continue
		}
		if rec, ok := g.countySeats(cc)[rest]; ok {
			if e := g.rec(rec); km(lat, lon, e.lat, e.lon) <= maxSectionKm {
				return true
			}
		}
	}
	return false
}

// Boroughs lists the boroughs of city p (the seats of the counties in
// data/boroughs.tsv that lie within maxSectionKm of it in its division
// and are smaller than it): New York City's five. Nil for other places,
// the boroughs and their quarters among them.
func (g *Gazetteer) Boroughs(p Place) []Place {
	if p.Kind != KindPlace.String() || p.Country == "" {
		return nil
	}
	if _, ok := boroughCounties()[p.Country+"."+p.Admin1Code+"."+p.Admin2Code]; ok {
		return nil // a borough, or a place in one
	}
	var out []Place
	for k := range boroughCounties() {
		cc, rest, _ := strings.Cut(k, ".")
		adm1, _, _ := strings.Cut(rest, ".")
		if cc != p.Country || adm1 != p.Admin1Code {
			continue
		}
		rec, ok := g.countySeats(cc)[rest]
		if !ok {
			continue
		}
		if e := g.rec(rec); e.pop < p.Population && km(p.Lat, p.Lon, e.lat, e.lon) <= maxSectionKm {
			out = append(out, (&Resolver{g: g}).place(&cand{e: e}))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// CountySeat is the seat of the county (second-level division) that the
// name county names in the division in (a state: "Floyd County" in
// Georgia is Rome): GeoNames marks a county's seat PPLA2, or PPLA where
// the state's capital is the seat. ok is false when the name is no county
// of that division or the gazetteer has no seat for it. A story told only
// by its county is placed at the seat with precision "admin2": the seat
// stands for the whole county, as a division's seat does for admin1.
func (g *Gazetteer) CountySeat(county string, in Place) (Place, bool) {
	if in.Country == "" || in.Admin1Code == "" {
		return Place{}, false
	}
	prefix := in.Country + "." + in.Admin1Code + "."
	for _, code := range g.admin2[norm.Key(county)] {
		adm2, ok := strings.CutPrefix(code, prefix)
		if !ok {
			continue
		}
		rec, ok := g.countySeats(in.Country)[in.Admin1Code+"."+adm2]
		if !ok {
			continue
		}
		p := (&Resolver{g: g}).place(&cand{e: g.rec(rec)})
		p.Precision = "admin2"
		p.Reasons = append(p.Reasons, "seat of "+strings.TrimSpace(county))
		return p, true
	}
	return Place{}, false
}

// minStandInSeat is the least population of a county's largest town that
// stands for a county with no seat in the gazetteer: a hamlet does not.
const minStandInSeat = 5000

// countySeats maps "adm1.adm2" to the record of that county's seat (the
// most populous PPLA2 or PPLA place in it), read from the records on the
// first call for the country, as bigTowns is.
func (g *Gazetteer) countySeats(cc string) map[string]int32 {
	g.bigMu.Lock()
	defer g.bigMu.Unlock()
	if m, ok := g.seats[cc]; ok {
		return m
	}
	m := map[string]int32{}
	pops := map[string]int{}
	// A county whose seat GeoNames marks as a plain town (PPL: LaGrange
	// in Troup County, Georgia) is stood for by its most populous town.
	big := map[string]int32{}
	bigPops := map[string]int{}
	g.eachPlaceIn(cc, func(i int, f []string) {
		if f[11] == "" || !strings.HasPrefix(f[8], "PPL") || f[8] == "PPLX" {
			return
		}
		pop, _ := strconv.Atoi(f[7])
		k := f[2] + "." + f[11]
		if f[8] != "PPLA2" && f[8] != "PPLA" {
			if _, ok := big[k]; !ok || pop > bigPops[k] {
				big[k], bigPops[k] = int32(i), pop
			}
			return
		}
		if _, ok := m[k]; !ok || pop > pops[k] {
			m[k], pops[k] = int32(i), pop
		}
	})
	for k, i := range big {
		if _, ok := m[k]; !ok && bigPops[k] >= minStandInSeat {
			m[k] = i
		}
	}
	if g.seats == nil {
		g.seats = map[string]map[string]int32{}
	}
	g.seats[cc] = m
	return m
}
