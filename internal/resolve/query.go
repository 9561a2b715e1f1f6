package resolve

import (
	"strings"
	"unicode/utf8"

	"sitrep/internal/resolve/norm"
)

// agencies are bylines that datelines carry in parentheses; they are not
// qualifiers of the place.
var agencies = map[string]bool{"reuters": true, "ap": true, "afp": true, "upi": true, "xinhua": true,
	"dpa": true, "ansa": true, "efe": true, "tass": true, "ria novosti": true, "anadolu": true,
	"bloomberg": true, "cnn": true, "bbc": true, "aljazeera": true, "al jazeera": true, "ians": true, "pti": true}

// adminWords at the end of a name ask for a division rather than a city.
var adminWords = []string{"region", "province", "oblast", "governorate", "state", "county", "district", "prefecture", "provinces", "regions", "oblast'"}

// parseQuery splits "Long Beach, CA" into head and qualifiers, and reports
// whether the head asks for a division ("Kharkiv region").
func parseQuery(q string) (head string, quals []string, adminHint bool) {
	q = strings.TrimSpace(q)
	q = strings.TrimRight(q, " .;:")
	// A whole dateline ("TBILISI, Georgia (Reuters) —") is cut to its place.
	if strings.Contains(q, " —") || strings.Contains(q, " – ") || strings.Contains(q, " - ") || strings.HasSuffix(q, "-") {
		q = datelinePlace(q)
	}
	if i := strings.Index(q, "("); i > 0 {
		if j := strings.Index(q[i:], ")"); j > 0 {
			if in := strings.TrimSpace(q[i+1 : i+j]); !agencies[strings.ToLower(in)] {
				quals = append(quals, in)
			}
			q = strings.TrimSpace(q[:i] + q[i+j+1:])
		}
	}
	parts := strings.Split(q, ",")
	head = strings.TrimSpace(parts[0])
	for _, p := range parts[1:] {
		if p = strings.TrimSpace(p); p != "" {
			quals = append(quals, p)
		}
	}
	// "Washington, D.C." is a name, not "Washington" qualified by "D.C.".
	head = strings.TrimSuffix(strings.TrimSuffix(head, "'s"), "’s")
	lk := strings.ToLower(head)
	for _, w := range adminWords {
		if strings.HasSuffix(lk, " "+w) {
			adminHint = true
		}
	}
	return head, quals, adminHint
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// bare drops a parenthetical qualifier, as the generator does when it
// indexes "Halle (Saale)" as "Halle".
func bare(name string) string {
	if i := strings.Index(name, " ("); i > 0 {
		return name[:i]
	}
	return name
}

// known reports whether key (or key without its article) names anything.
func (r *Resolver) known(key string) bool {
	if key == "" {
		return false
	}
	if len(r.g.lookup(key)) > 0 {
		return true
	}
	if s := norm.StripArticle(key); s != "" && len(r.g.lookup(s)) > 0 {
		return true
	}
	_, ok := r.g.demonymOf(key)
	return ok
}

// splitPossessive splits "Gaza's Jabalia" into "Jabalia" and "Gaza".
// Names that are possessives themselves ("Cox's Bazar") are looked up
// whole before this is tried.
func splitPossessive(head string) (h, owner string, ok bool) {
	for _, sep := range []string{"'s ", "’s "} {
		if i := strings.Index(head, sep); i > 0 {
			return strings.TrimSpace(head[i+len(sep):]), strings.TrimSpace(head[:i]), true
		}
	}
	return "", "", false
}

// genericWords are nouns that taggers mark as places ("the city", "the
// area", "state"); on their own they never name one.
var genericWords = map[string]bool{
	"city": true, "the city": true, "state": true, "the state": true, "area": true, "the area": true,
	"side": true, "border": true, "the border": true, "home": true, "homeland": true, "we": true,
	"line": true, "capital": true, "the capital": true, "centre": true, "center": true, "zone": true,
	"republic": true, "country": true, "the country": true, "region": true, "the region": true,
	"province": true, "town": true, "the town": true, "village": true, "district": true,
	"countryside": true, "nation": true, "territory": true, "western": true, "eastern": true,
	"northern": true, "southern": true, "central": true, "north": true, "south": true, "east": true,
	"west": true, "downtown": true, "there": true, "here": true, "it": true, "its": true, "our": true,
	"place": true, "scene": true, "site": true, "land": true, "abroad": true, "overseas": true,
	"world": true, "the world": true, "streets": true, "street": true, "camp": true, "base": true,
	"front": true, "the front": true, "frontline": true, "battlefield": true, "enclave": true,
	"neighbourhood": true, "neighborhood": true, "suburb": true, "suburbs": true, "interior": true,
	"federal": true, // "Federal prosecutors": an adjective, not Brazil's Federal District
}

var directionWords = map[string]bool{
	"north": true, "northern": true, "south": true, "southern": true, "east": true, "eastern": true,
	"west": true, "western": true, "central": true, "northeast": true, "northeastern": true,
	"northwest": true, "northwestern": true, "southeast": true, "southeastern": true,
	"southwest": true, "southwestern": true, "greater": true, "rural": true, "occupied": true,
	"downtown": true, "upper": true, "lower": true, "far": true, "the": true,
}

// stripDirection drops leading words like "southern" or "north east" from
// a key; callers try the full key first, so "North Korea" and "West Bank"
// are never cut.
func stripDirection(key string) (string, bool) {
	f := strings.Fields(key)
	i := 0
	for i < len(f)-1 && directionWords[f[i]] {
		i++
	}
	if i == 0 {
		return "", false
	}
	return strings.Join(f[i:], " "), true
}

// genericTails are words after a place name that name something inside
// it: the point of the containing place, at its precision, is honest.
var genericTails = []string{"refugee camp", "camp", "district", "neighbourhood", "neighborhood", "area",
	"suburb", "suburbs", "outskirts", "old city", "city centre", "city center", "centre", "center",
	"market", "hospital", "airport", "air base", "airbase", "base", "railway station", "train station",
	"station", "bridge", "checkpoint", "border crossing", "crossing", "port", "square", "mosque",
	"church", "village", "town", "countryside", "municipality", "prison", "university"}

func stripGeneric(key string) (string, bool) {
	for _, t := range genericTails {
		if strings.HasSuffix(key, " "+t) {
			return strings.TrimSuffix(key, " "+t), true
		}
	}
	return "", false
}
