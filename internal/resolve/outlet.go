package resolve

import (
	_ "embed"
	"fmt"
	"strings"

	"sitrep/internal/resolve/norm"
)

//go:embed data/outlets.tsv
var outletsTSV string

// outletTable is data/outlets.tsv read against the gazetteer: the
// addresses of outlets whose home the general rule cannot read (a TV
// station's call letters, a paper's nickname), and the words an outlet's
// address puts before or after its town ("abc7chicago", "dallasnews").
type outletTable struct {
	sites              map[string]int32
	prefixes, suffixes []string
	err                error
}

// outletHostTLDs are the endings of addresses of US outlets; an address
// under another country's ending ("bbc.co.uk") names no US home.
var outletHostTLDs = map[string]bool{"com": true, "net": true, "org": true, "us": true, "tv": true,
	"info": true, "news": true, "gov": true, "edu": true, "biz": true, "fm": true, "am": true}

// minOutletTownPopulation is the smallest US town an address is read as
// naming by the general rule: a paper's or station's town is a sizeable
// one, and small towns' names are more often ordinary words.
const minOutletTownPopulation = 20000

// bigOutletTown is the size from which a city is known by its other names
// too ("New York" for New York City) and beats a state of the same name.
const bigOutletTown = 500000

func (g *Gazetteer) outlets() *outletTable {
	g.outletOnce.Do(func() {
		t := &outletTable{sites: map[string]int32{}}
		t.err = tsvRows("outlets.tsv", outletsTSV, 2, func(_ int, f []string) error {
			switch f[0] {
			case "prefix":
				t.prefixes = append(t.prefixes, strings.ToLower(f[1]))
			case "suffix":
				t.suffixes = append(t.suffixes, strings.ToLower(f[1]))
			case "site":
				if len(f) < 3 {
					return fmt.Errorf("site %q has no home", f[1])
				}
				r, ok := g.target(f[2])
				if !ok || g.rec(r).cc != "US" {
					return fmt.Errorf("site %q: unknown US target %q", f[1], f[2])
				}
				if _, dup := t.sites[strings.ToLower(f[1])]; dup {
					return fmt.Errorf("site %q listed twice", f[1])
				}
				t.sites[strings.ToLower(f[1])] = r
			default:
				return fmt.Errorf("unknown row kind %q: want prefix, suffix or site", f[0])
			}
			return nil
		})
		g.outletTab = t
	})
	return g.outletTab
}

// OutletHome is the US town or state a news outlet's address names as
// its home: "chicago.example.com", "dallasnews.com", "abc7chicago.com",
// a station's call letters from data/outlets.tsv. Local outlets report
// mostly on their own area, so the home is a prior for where a story is
// that names its places without their state. ok is false when the
// address names no US home.
func (g *Gazetteer) OutletHome(rawURL string) (p Place, ok bool) {
	t := g.outlets()
	if t.err != nil {
		return Place{}, false
	}
	host := rawURL
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	labels := strings.Split(strings.ToLower(host), ".")
	if len(labels) < 2 || !outletHostTLDs[labels[len(labels)-1]] {
		return Place{}, false
	}
	labels = labels[:len(labels)-1]
	if labels[0] == "www" || labels[0] == "m" || labels[0] == "mobile" {
		labels = labels[1:]
	}
	for i, l := range labels {
		if r, ok := g.outletLabel(t, l, i == len(labels)-1); ok {
			c := &cand{e: g.rec(r)}
			return (&Resolver{g: g}).place(c), true
		}
	}
	return Place{}, false
}

// outletLabel reads one label of an address: a listed site (with or
// without a listed ending: "wxyz", "wsbtv", "king5"), else a US town
// or state with optional listed words before and after ("chicago",
// "abc7chicago", "chicagotribune", "newyork"). A state's postal code
// counts only as a whole domain name ("nj.com").
func (g *Gazetteer) outletLabel(t *outletTable, l string, domain bool) (int32, bool) {
	if r, ok := t.sites[l]; ok { // "fox59", "11alive"
		return r, true
	}
	base := strings.TrimRight(l, "0123456789")
	if r, ok := t.sites[base]; ok { // "king5"
		return r, true
	}
	for _, s := range t.suffixes {
		if rest, ok := strings.CutSuffix(base, s); ok && rest != "" {
			if r, ok := t.sites[strings.TrimRight(rest, "0123456789")]; ok {
				return r, true
			}
		}
	}
	if domain && len(base) == 2 {
		if r, ok := g.admin1["US."+strings.ToUpper(base)]; ok {
			return r, true
		}
	}
	best, bestLen, bestPop := int32(-1), 0, -1
	try := func(m string) {
		m = strings.Trim(m, "0123456789-")
		if len(m) < 4 || len(m) < bestLen {
			return
		}
		if r, pop, ok := g.usTownOrState(m); ok && (len(m) > bestLen || pop > bestPop) {
			best, bestLen, bestPop = r, len(m), pop
		}
	}
	for _, p := range append([]string{""}, t.prefixes...) {
		rest, ok := strings.CutPrefix(base, p)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, "0123456789-")
		try(rest)
		for _, s := range t.suffixes {
			if m, ok := strings.CutSuffix(rest, s); ok {
				try(m)
			}
		}
	}
	return best, best >= 0
}

// usTownOrState finds a US state, or a US town of at least
// minOutletTownPopulation, whose name written without spaces is m
// ("newyork", "saltlakecity", "stlouis"); of several, the most populous.
func (g *Gazetteer) usTownOrState(m string) (int32, int, bool) {
	best, bestPop := int32(-1), -1
	check := func(key string) {
		if stopwords[key] || genericWords[key] {
			return
		}
		for _, r := range g.lookup(key) {
			e := g.rec(r)
			if e.cc != "US" || e.kind == KindCountry || e.kind == KindLandmark || e.kind == KindPlace && e.pop < minOutletTownPopulation {
				continue
			}
			if e.kind == KindPlace && e.pop < bigOutletTown && norm.Key(e.name) != key && norm.Key(e.ascii) != key {
				continue // an alternate name: "Frisco" is a town of its own
			}
			pop := e.pop
			if e.kind == KindAdmin1 {
				// A state's name means the state, unless a big city has
				// it too: "newyork", "washington" name the city.
				pop = bigOutletTown - 1
			}
			if pop > bestPop {
				best, bestPop = r, pop
			}
		}
	}
	// The spaces go back where a key has them, up to two: "new york",
	// "salt lake city"; a leading "st", "ft", "mt" is spelled out, as
	// norm.Key does.
	var split func(done, rest string, spaces int)
	split = func(done, rest string, spaces int) {
		check(done + rest)
		if spaces == 0 {
			return
		}
		for i := 1; i < len(rest); i++ {
			if head := done + rest[:i] + " "; g.hasKeyPrefix(head) {
				split(head, rest[i:], spaces-1)
			}
		}
	}
	split("", m, 2)
	for short, long := range map[string]string{"st": "saint ", "ft": "fort ", "mt": "mount "} {
		if rest, ok := strings.CutPrefix(m, short); ok && len(rest) > 2 {
			split(long, rest, 1)
		}
	}
	return best, bestPop, best >= 0
}

// hasKeyPrefix reports whether some index key starts with p.
func (g *Gazetteer) hasKeyPrefix(p string) bool {
	i := g.searchKey(p)
	return i < g.nkeys() && strings.HasPrefix(g.key(i), p)
}

// Region is the first-level division, else the country, that q names
// when written after a comma ("N.C.", "Fla.", "Ohio", "Norland"), or nil:
// the region of a dateline whose town the gazetteer lacks.
func (r *Resolver) Region(q string) *Place {
	var country *Place
	for _, t := range r.qualTargets(q) {
		if t.point {
			continue
		}
		i, ok := r.g.country[t.cc]
		if t.adm1 != "" {
			i, ok = r.g.admin1[t.cc+"."+t.adm1]
		}
		if !ok {
			continue
		}
		p := r.place(&cand{e: r.g.rec(i)})
		if t.adm1 != "" {
			return &p
		}
		if country == nil {
			country = &p
		}
	}
	return country
}
