package resolve

import (
	"strings"

	"sitrep/internal/resolve/norm"
)

// KnownAs is one populated place the gazetteer indexes under a name.
type KnownAs struct {
	Lat, Lon float64
	// Own says the name is the place's own (GeoNames primary or ASCII
	// name, or its display name), not one of its alternate names.
	Own bool
}

// PlacesKnownAs lists the populated places of one first-level division
// (country code, division name as Place.Admin1 gives it) that the
// gazetteer indexes under name exactly: by their own name or one of
// GeoNames' alternate names. No context, scoring or county reading is
// involved; scorers use it to ask whether two names are one place.
func (g *Gazetteer) PlacesKnownAs(name, cc, admin1 string) []KnownAs {
	key := norm.Key(name)
	var out []KnownAs
	for _, r := range g.lookup(key) {
		e := g.rec(r)
		if e.kind != KindPlace || e.cc != cc {
			continue
		}
		i, ok := g.admin1[e.cc+"."+e.adm1]
		if !ok || !strings.EqualFold(g.rec(i).name, admin1) {
			continue
		}
		own := norm.Key(e.name) == key || norm.Key(e.ascii) == key || norm.Key(g.displayName(e)) == key
		out = append(out, KnownAs{Lat: e.lat, Lon: e.lon, Own: own})
	}
	return out
}
