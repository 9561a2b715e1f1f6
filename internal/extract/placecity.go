package extract

import (
	"fmt"
	"strings"

	"sitrep/internal/nlp"
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
	case parts > 0 && town != nil && norm.Key(strings.Join(words[parts:], " ")) == norm.Key(town.Name) && !p.townOfItsOwn(name, town):
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

// townOfItsOwn reports a name that with its direction word is a town of
// its own in the same division as town ("North Dalmera" incorporated
// beside Dalmera), not a part of town: the gazetteer has it under that
// whole name as a populated place that is not a section (PPLX).
func (p *placer) townOfItsOwn(name string, town *Location) bool {
	if p.r == nil {
		return false
	}
	b := p.r.Resolve(name).Best
	return b != nil && b.Kind == "place" && b.Feature != "PPLX" && b.Admin1 == town.Admin1 &&
		norm.Key(b.Name) == norm.Key(strings.Trim(name, " .,"))
}

// quarterNames lists the names the text calls a neighbourhood ("in the
// Norvale neighborhood", "the Kessin section of Dalmera"), by their key:
// local news names its town's quarters so, and a town elsewhere that
// shares the name is not meant anywhere in the article.
func quarterNames(text string) map[string]bool {
	var out map[string]bool
	lower := strings.ToLower(text)
	if !hasQuarterNoun(lower) {
		return nil // most articles: no need to read their words
	}
	for _, s := range nlp.Sentences(text) {
		if !hasQuarterNoun(lower[s.Start:s.End]) {
			continue
		}
		toks := nlp.Tokens(text, s)
		for i := 1; i < len(toks); i++ {
			if !quarterNouns()[strings.ToLower(toks[i].Text)] || !isCapitalized(toks[i-1].Text) {
				continue
			}
			j := i - 1
			for j > 0 && i-j < 3 && isCapitalized(toks[j-1].Text) && !sentenceOpeners[toks[j-1].Text] {
				j--
			}
			if sentenceOpeners[toks[j].Text] {
				j++
			}
			if j >= i {
				continue
			}
			if j > 0 && indefinite[strings.ToLower(toks[j-1].Text)] {
				continue // "in a Dalmera neighborhood": a quarter of Dalmera, not one named so
			}
			if out == nil {
				out = map[string]bool{}
			}
			out[norm.Key(text[toks[j].Start:toks[i-1].End])] = true
		}
	}
	return out
}

// quarter is the story's town for a name the article calls one of its
// neighbourhoods, nil when the name is not one or the town is unknown.
// The name may be the quarter's name with or without a part word: a
// headline's "Shooting in Kessin" is the article's "the South Kessin
// neighborhood", and "the West Side Kessin Heights neighborhood" is read
// as a quarter named "Side Kessin Heights".
func (p *placer) quarter(name string) *Location {
	if len(p.quarters) == 0 {
		return nil
	}
	k := norm.Key(strings.TrimPrefix(name, "the "))
	if k == "" {
		return nil
	}
	for q := range p.quarters {
		if q == k || strings.HasSuffix(q, " "+k) || strings.HasSuffix(k, " "+q) {
			if t := p.knownQuarter(name); t != nil {
				return t
			}
			return p.storyTown()
		}
	}
	return nil
}

// knownQuarter is the town the gazetteer holds name to be a quarter of
// (Containing: a section, or a quarter of a borough) when the article
// also names that town, and the story's own place is not yet known: only
// the outlet's home would say which town is meant, and a station's
// national page on a shooting "in the Kessin Heights neighborhood" of
// Dalmera, a city far away, is about Dalmera.
func (p *placer) knownQuarter(name string) *Location {
	if p.story != nil || p.r == nil {
		return nil
	}
	b := p.r.Resolve(name).Best
	if b == nil || b.Kind != "place" {
		return nil
	}
	g, err := resolve.Default()
	if err != nil {
		return nil
	}
	c, ok := g.Containing(*b)
	if !ok || !namesWord(p.text, strings.TrimPrefix(c.Name, "The ")) {
		return nil
	}
	return location(b)
}

var indefinite = map[string]bool{"a": true, "an": true}

func hasQuarterNoun(lower string) bool {
	for n := range quarterNouns() {
		if strings.Contains(lower, n) {
			return true
		}
	}
	return false
}

// residentOnly reports a name read before a noun for people ("a Dalmera
// man") in a sentence of a story whose town is known: the name says
// where the person is from, the story's town where it happened.
func (p *placer) residentOnly(pm PlaceMention, story bool) bool {
	return pm.Resident && story && p.story != nil && precisionRank[p.story.Precision] >= precisionRank["city"]
}

// namesWord reports whether text has name as whole words.
func namesWord(text, name string) bool {
	for i := 0; name != ""; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		if (start == 0 || !isWordByte(text[start-1])) && (end == len(text) || !isWordByte(text[end])) {
			return true
		}
		i = start + 1
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// storyBorough narrows a story placed at a city made of boroughs (New
// York City: resolve.Gazetteer.Boroughs) to the one borough the article
// names, anywhere and in any use ("outside a Brooklyn bar"): local news
// of that city names the borough, and archives code it. Two boroughs
// named, or none, leave the city.
func (p *placer) storyBorough(loc *Location, rule string) (*Location, string) {
	if loc == nil || loc.Precision != "city" || p.r == nil {
		return loc, rule
	}
	g, err := resolve.Default()
	if err != nil || loc.Lat == nil || loc.Lon == nil || !g.NearBoroughs(loc.Country, *loc.Lat, *loc.Lon) {
		return loc, rule
	}
	b := p.r.Resolve(loc.Name).Best
	if b == nil || b.Name != loc.Name || b.Country != loc.Country || b.Lat != *loc.Lat {
		return loc, rule
	}
	var named *resolve.Place
	for _, bor := range g.Boroughs(*b) {
		if !namesWord(p.text, bor.Name) && !namesWord(p.text, strings.TrimPrefix(bor.Name, "The ")) {
			continue
		}
		if named != nil {
			return loc, rule
		}
		named = &bor
	}
	if named == nil {
		return loc, rule
	}
	l := location(named)
	return l, rule + fmt.Sprintf(" (narrowed to %s, the one borough of it the article names)", named.Name)
}
