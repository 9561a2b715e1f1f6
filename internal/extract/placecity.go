package extract

import (
	"strings"

	"sitrep/internal/resolve"
	"sitrep/internal/resolve/norm"
)

// location is a resolved place as an event's location. A section of a
// town (GeoNames PPLX: "West Englewood", "Jamaica Plain") is given as the
// town it is part of: the gazetteer knows some quarters and not others,
// and the town is what a reader asks for.
func location(b *resolve.Place) *Location {
	if g, err := resolve.Default(); err == nil {
		if c, ok := g.Containing(*b); ok {
			b = &c
		}
	}
	lat, lon := b.Lat, b.Lon
	return &Location{Name: b.Name, Country: b.Country, Admin1: b.Admin1, Lat: &lat, Lon: &lon, Precision: b.Precision}
}

// cityPart reads a name that only says which part of a town the story is
// in: "Northwest", "the West Side", "East End", "Southeast Washington" in
// a story from Washington. GeoNames has towns called Northwest and East
// End, but local news means its own town's quarter. ok reports that the
// name is such a part; loc is the town it belongs to (the story's town,
// else the outlet's home town), nil when neither is known.
func (p *placer) cityPart(name string) (loc *Location, ok bool) {
	words := strings.Fields(strings.ToLower(strings.Trim(name, " .,")))
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	if len(words) == 0 {
		return nil, false
	}
	parts := 0
	for parts < len(words) && (placeQualifiers()[strings.Trim(words[parts], ".")] || cityParts()[words[parts]]) {
		parts++
	}
	town := p.storyTown()
	switch {
	case parts == len(words):
		return town, true
	case parts > 0 && town != nil && norm.Key(strings.Join(words[parts:], " ")) == norm.Key(town.Name):
		return town, true // "North Dalmera" in a story from Dalmera
	}
	return nil, false
}

// storyTown is the town the story is in, if known to that precision: the
// story's place, else the outlet's home.
func (p *placer) storyTown() *Location {
	if p.story != nil && p.story.Precision == "city" {
		d := *p.story
		return &d
	}
	if h, _ := p.outletHome(); h != nil && h.Precision == "city" {
		return h
	}
	return nil
}
