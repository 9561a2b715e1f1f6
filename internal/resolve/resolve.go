package resolve

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/resolve/norm"
)

// Place is a point on the map for a name, with how precise that point is.
type Place struct {
	Name        string  `json:"name"`
	Country     string  `json:"country"` // ISO 3166-1 alpha-2
	CountryName string  `json:"country_name"`
	Admin1      string  `json:"admin1,omitempty"`
	Admin1Code  string  `json:"admin1_code,omitempty"` // GeoNames code: "CA" for California, "04" for Raqqa
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	// Precision is what the point stands for: "point" (the place itself,
	// e.g. an airport), "city", "admin1" (the division's seat stands for
	// the whole division) or "country" (the capital stands for the whole
	// country). Analysts must not read a country-precision event as
	// having happened in the capital.
	Precision  string  `json:"precision"`
	Population int     `json:"population"`
	Kind       string  `json:"kind"`    // country|admin1|place|landmark
	Feature    string  `json:"feature"` // GeoNames feature code, or a landmark's type
	GeonameID  int     `json:"geoname_id,omitempty"`
	Score      float64 `json:"score"`
	// Confidence is the candidate's share of all candidates' scores
	// (softmax): near 1 when the choice is clear, near 1/n when it is not.
	Confidence float64  `json:"confidence"`
	Reasons    []string `json:"reasons,omitempty"`
}

// Context is what the rest of an article says about where it is.
type Context struct {
	// Text is article text; capitalised names of countries, divisions and
	// sizeable places in it (and demonyms) count as evidence.
	Text string
	// Dateline is the article's dateline ("KESSIN, Norland" or
	// "TBILISI, Georgia (Reuters) -"); its place weighs more than the text.
	Dateline string
	// Places and Countries are names and ISO codes already known to be
	// about the story, e.g. from other mentions the extractor found.
	Places    []string
	Countries []string
	// Country, if set, is an ISO code the user insists on (--country): a
	// candidate elsewhere is chosen only when nothing in it matches.
	Country string
}

// Result is the resolution of one name.
type Result struct {
	Query string `json:"query"`
	// Best is the choice, or nil when nothing fits (unknown name, or a
	// qualifier such as ", Norland" that no candidate satisfies).
	Best *Place `json:"best"`
	// Candidates are the scored candidates, best first (at most 10).
	Candidates []Place `json:"candidates"`
	Note       string  `json:"note,omitempty"`
}

// mention is one piece of context evidence.
type mention struct {
	key   string // the name's key, so a name is not its own evidence
	cc    string
	adm1  string // "" when only the country is known
	adm2  string // a county named in the text
	lat   float64
	lon   float64
	point bool
	div   bool // the mention names the division itself ("Ontario"), not a place in it
	// self marks "Clifton, Colo." in the text: the article itself says
	// which Clifton it means, which counts for the name "Clifton".
	self bool
	// qual marks the region part of "Junction City, Kan.": the article
	// uses "Kan" as the name of that region.
	qual   bool
	weight float64
	// share is how surely a division mention means this division: 1 for
	// "Ontario", 1/3 for a county name three states have.
	share float64
}

// Resolver resolves names within one article. Build it once per article
// (reading the context costs ~1 ms for a long text), then call Resolve for
// each name (microseconds).
type Resolver struct {
	g        *Gazetteer
	mentions []mention
	forced   string
	dlKey    string   // dateline place key
	dlQuals  []string // dateline qualifiers ("Norland")
	dlCC     string
}

// Resolve resolves one name with the embedded gazetteer.
func Resolve(name string, ctx Context) (Result, error) {
	g, err := Default()
	if err != nil {
		return Result{}, err
	}
	return g.NewResolver(ctx).Resolve(name), nil
}

// NewResolver reads ctx into evidence.
func (g *Gazetteer) NewResolver(ctx Context) *Resolver {
	r := &Resolver{g: g, forced: strings.ToUpper(strings.TrimSpace(ctx.Country))}
	for _, cc := range ctx.Countries {
		cc = strings.ToUpper(strings.TrimSpace(cc))
		if _, ok := g.country[cc]; ok {
			r.mentions = append(r.mentions, mention{key: "\x00" + cc, cc: cc, weight: 2})
		} else {
			r.addName(cc, 2, false)
		}
	}
	if ctx.Text != "" {
		r.readText(ctx.Text)
	}
	for _, p := range ctx.Places {
		r.addName(p, 1, true)
	}
	if dl := datelinePlace(ctx.Dateline); dl != "" {
		head, quals, _ := parseQuery(dl)
		r.dlKey, r.dlQuals = norm.Key(head), quals
		res := r.Resolve(dl)
		if res.Best != nil {
			b := res.Best
			r.dlCC = b.Country
			r.mentions = append(r.mentions, mention{key: r.dlKey, cc: b.Country, adm1: b.Admin1Code,
				lat: b.Lat, lon: b.Lon, point: b.Precision == "city" || b.Precision == "point", weight: 2})
		}
	}
	return r
}

// datelinePlace cuts "KESSIN, Norland (Wire) - Gunmen…" to "KESSIN, Norland".
func datelinePlace(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"(", " - ", " – ", " — ", "--", ":"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSpace(strings.TrimRight(s, " -–—,"))
	// "BEIRUT/DAMASCUS": the first city is where the story was filed.
	if i := strings.IndexByte(s, '/'); i > 0 {
		if j := strings.IndexByte(s[i:], ','); j > 0 {
			s = s[:i] + s[i+j:]
		} else {
			s = s[:i]
		}
	}
	// "KYIV, Ukraine, March 3": a date is no qualifier.
	parts := strings.Split(s, ",")
	keep := parts[:1]
	for _, p := range parts[1:] {
		if !isDatePart(p) {
			keep = append(keep, p)
		}
	}
	return strings.TrimSpace(strings.Join(keep, ","))
}

var dateWords = map[string]bool{"jan": true, "feb": true, "mar": true, "apr": true, "may": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true}

func isDatePart(p string) bool {
	if strings.ContainsAny(p, "0123456789") {
		return true
	}
	f := strings.Fields(strings.ToLower(strings.Trim(p, " .")))
	return len(f) > 0 && dateWords[strings.TrimSuffix(f[0], ".")]
}

// addName counts a name known to be a place in the story as evidence.
func (r *Resolver) addName(name string, w float64, anyPlace bool) {
	k := norm.Key(name)
	if cc, ok := r.g.demonymOf(k); ok {
		r.mentions = append(r.mentions, mention{key: k, cc: cc, weight: 0.7 * w})
		return
	}
	recs := r.g.lookup(k)
	if len(recs) == 0 {
		if s := norm.StripArticle(k); s != "" {
			recs = r.g.lookup(s)
		}
	}
	r.addRecs(k, recs, w, anyPlace)
}

func (g *Gazetteer) demonymOf(k string) (string, bool) {
	if cc, ok := g.demonym[k]; ok {
		return cc, true
	}
	if strings.HasSuffix(k, "s") {
		cc, ok := g.demonym[k[:len(k)-1]]
		return cc, ok
	}
	return "", false
}

// addRecs turns the records of one mentioned name into evidence: a country
// name counts for its country; otherwise the single likeliest division or
// sizeable place (helped by countries already mentioned) counts for its
// country, division and point.
func (r *Resolver) addRecs(k string, recs []int32, w float64, anyPlace bool) {
	var countries []int32
	best, bestScore := int32(-1), math.Inf(-1)
	for _, i := range recs {
		e := r.g.rec(i)
		switch e.kind {
		case KindCountry:
			countries = append(countries, i)
			continue
		case KindPlace:
			if !anyPlace && e.pop < 20000 && e.fcode != "PPLC" {
				continue
			}
		}
		s := prior(e)
		if r.countryWeight(e.cc, "") > 0 {
			s += 2
		}
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	if len(countries) > 0 {
		cw := w
		// "Georgia" is also a US state: count the division too, at less
		// weight, so "Athens" in a story about Georgia can be either.
		if best >= 0 {
			if e := r.g.rec(best); e.kind == KindAdmin1 && norm.Key(e.name) == k {
				r.mentions = append(r.mentions, mention{key: k, cc: e.cc, adm1: e.adm1, div: true, weight: 0.5 * w, share: 0.5})
				cw = 0.7 * w
			}
		}
		for _, i := range countries {
			r.mentions = append(r.mentions, mention{key: k, cc: r.g.rec(i).cc, weight: cw / float64(len(countries))})
		}
		return
	}
	if best < 0 {
		return
	}
	e := r.g.rec(best)
	r.mentions = append(r.mentions, mention{key: k, cc: e.cc, adm1: e.adm1, lat: e.lat, lon: e.lon,
		point: e.kind != KindAdmin1, div: e.kind == KindAdmin1, weight: 0.6 * w, share: 1})
}

func (r *Resolver) countryWeight(cc, skip string) float64 {
	w := 0.0
	for _, m := range r.mentions {
		if m.cc == cc && m.key != skip {
			w += m.weight
		}
	}
	return w
}

// stopwords are capitalised words that are also names of sizeable places
// but in news are almost always something else.
var stopwords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "police": true, "union": true, "independence": true, "mission": true, "sale": true,
	"most": true, "bar": true, "roman": true, "gap": true, "reading": true, "nice": true, "split": true,
	"bath": true, "mobile": true, "victoria": true, "president": true, "university": true, "of": true,
	"university of": true, "central": true, "north": true, "south": true, "east": true, "west": true,
	"northern": true, "southern": true, "eastern": true, "western": true, "city": true, "new": true,
	"reuters": true, "wire": true, "published": true, "related": true, "tags": true, "al": true,
	"islamic state": true, "hamas": true, "hezbollah": true, "taliban": true, "wagner": true,
}

var connectors = map[string]bool{"of": true, "the": true, "al": true, "el": true, "de": true, "la": true,
	"le": true, "du": true, "des": true, "and": true, "upon": true, "on": true, "ad": true, "ar": true, "as": true, "an": true}

type tok struct {
	s        string
	cap      bool
	sentence bool // first word of a sentence
	comma    bool // a comma comes just before it
}

// readText finds capitalised names (up to four words, longest first) and
// demonyms in text. A single capitalised word at the start of a sentence
// counts only if it is a country or demonym: "Police said…" is not Police,
// Poland.
func (r *Resolver) readText(text string) {
	var toks []tok
	sentence, comma := true, false
	i := 0
	for i < len(text) {
		c, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			j := i
			for j < len(text) {
				c2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(c2) || unicode.IsDigit(c2) || c2 == '\'' || c2 == '’' || c2 == '-' || c2 == 'ʼ' {
					j += n2
					continue
				}
				break
			}
			w := strings.TrimRight(text[i:j], "'’-")
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			toks = append(toks, tok{s: w, cap: unicode.IsUpper(c), sentence: sentence, comma: comma})
			sentence, comma = false, false
			i = j
			continue
		}
		if c == '.' || c == '!' || c == '?' || c == '\n' || c == '"' || c == '“' {
			sentence = true
		}
		comma = c == ',' || (comma && c == ' ')
		i += n
	}
	r.readQualified(toks)
	// Pass 1: countries and demonyms, so that pass 2 can prefer places
	// in the countries the story is about.
	for pass := 1; pass <= 2; pass++ {
		for i := 0; i < len(toks); i++ {
			if !toks[i].cap {
				continue
			}
			for n := 4; n >= 1; n-- {
				if i+n > len(toks) || !toks[i+n-1].cap {
					continue
				}
				ok := true
				parts := make([]string, n)
				for j := 0; j < n; j++ {
					t := toks[i+j]
					parts[j] = t.s
					if !t.cap && !connectors[strings.ToLower(t.s)] {
						ok = false
					}
				}
				if !ok {
					continue
				}
				k := norm.Key(strings.Join(parts, " "))
				if stopwords[k] {
					continue
				}
				if cc, ok := r.g.demonymOf(k); ok {
					if pass == 1 {
						r.mentions = append(r.mentions, mention{key: k, cc: cc, weight: 0.7})
					}
					i += n - 1
					break
				}
				if divs := r.g.admin2[k]; n >= 2 && len(divs) > 0 {
					// "Bamberg County": the state, shared among the
					// states that have a county of that name.
					if pass == 1 {
						for _, d := range divs {
							f := strings.SplitN(d, ".", 3)
							if len(f) < 3 {
								continue
							}
							r.mentions = append(r.mentions, mention{key: k, cc: f[0], adm1: f[1], adm2: f[2], div: true,
								weight: 1 / float64(len(divs)), share: 1 / float64(len(divs))})
						}
					}
					i += n - 1
					break
				}
				recs := r.g.lookup(k)
				if len(recs) == 0 {
					continue
				}
				isCountry := false
				for _, x := range recs {
					isCountry = isCountry || r.g.rec(x).kind == KindCountry
				}
				if pass == 1 {
					if isCountry {
						r.addRecs(k, recs, 1, false)
					}
				} else if !isCountry && !(n == 1 && toks[i].sentence) {
					r.addRecs(k, recs, 1, false)
				}
				i += n - 1
				break
			}
		}
	}
}

// readQualified finds "Clifton, Colo.", "Lebanon, Pennsylvania" and
// "Ardmore, OK" in the text: the article then says outright which place
// it means, for that name and as evidence for the region.
func (r *Resolver) readQualified(toks []tok) {
	for i := 0; i < len(toks); i++ {
		if !toks[i].cap {
			continue
		}
	next:
		for n := 4; n >= 1; n-- {
			end := i + n
			if end >= len(toks) || !toks[end].comma || !toks[end].cap {
				continue
			}
			parts := make([]string, n)
			for j := range parts {
				t := toks[i+j]
				if !t.cap && !connectors[strings.ToLower(t.s)] {
					continue next
				}
				parts[j] = t.s
			}
			k := norm.Key(strings.Join(parts, " "))
			if len(r.g.lookup(k)) == 0 {
				continue
			}
			for m := 3; m >= 1; m-- {
				if end+m > len(toks) {
					continue
				}
				q := make([]string, m)
				for j := range q {
					q[j] = toks[end+j].s
				}
				var areas []qualTarget
				for _, t := range r.qualTargets(strings.Join(q, " ")) {
					if !t.point {
						areas = append(areas, t)
					}
				}
				if len(areas) == 0 {
					continue
				}
				qk := norm.Key(strings.Join(q, " "))
				for _, t := range areas {
					r.mentions = append(r.mentions,
						mention{key: k, cc: t.cc, adm1: t.adm1, div: t.adm1 != "", self: true, weight: 1, share: 1 / float64(len(areas))},
						mention{key: qk, cc: t.cc, adm1: t.adm1, div: t.adm1 != "", qual: true, weight: 1.0 / float64(len(areas)), share: 1 / float64(len(areas))})
				}
				i = end + m - 1
				break next
			}
		}
	}
}

// prior is how likely a name is to mean this entry before any context:
// bigger places are mentioned more; capitals and seats more than their
// size alone says; a division less than a city of the same size (news
// says "Donetsk region" when it means the region).
func prior(e *entry) float64 {
	p := math.Log10(float64(e.pop) + 100)
	switch e.kind {
	case KindCountry:
		return p + 2.5 // +1 as widely known as the best-known places
	case KindAdmin1:
		// Divisions are summed from cities500, which undercounts rural
		// ones, and are widely known (Montana the state, not the
		// Bulgarian town): a fixed +0.2 rather than a name count.
		return p + 0.2
	case KindLandmark:
		return 8
	}
	// Places known in many languages are the ones news writes about:
	// Lyman in Donetsk (27 names) over Lyman in Kharkiv (3), Tadmur (21)
	// over Palmyra, Pennsylvania (4).
	p += 0.02 * math.Min(float64(e.nalt), 50)
	switch e.fcode {
	case "PPLC":
		p += 1.2
	case "PPLG":
		p += 0.8
	case "PPLA":
		p += 0.6
	case "PPLA2":
		p += 0.3
	case "PPLX":
		p -= 0.3 // a section of a populated place
	}
	return p
}

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

type cand struct {
	rec     int32
	e       *entry
	score   float64
	alt     bool    // matched only through an alternate name
	short   bool    // matched as the first words of its name ("Frankfurt")
	county  bool    // the division holding a county of that name
	region  float64 // division evidence from the context
	variant bool    // matched only without an article or admin word
	reasons []string
}

// Resolve picks the best place for name given the resolver's context.
func (r *Resolver) Resolve(name string) Result {
	res := Result{Query: name}
	g := r.g
	head, quals, adminHint := parseQuery(name)
	// A name like "Washington, D.C." or "Kessin, Norland" may itself be
	// indexed whole; then it is not a qualified name.
	if len(quals) > 0 {
		if recs := g.lookup(norm.Key(name)); len(recs) > 0 {
			head, quals = name, nil
		}
	}
	key := norm.Key(head)
	if key == "" {
		res.Note = "empty name"
		return res
	}
	if genericWords[key] {
		// "the city", "the area", "state" tagged as places by a tagger:
		// GeoNames has towns called Area and City, but nobody means them.
		res.Note = fmt.Sprintf("%q is a common word, not a place name", head)
		return res
	}
	// "east London" (lower-case direction) is part of London; "East
	// London" is the South African city.
	lowerDirection := false
	if f := strings.Fields(head); len(f) > 1 && directionWords[norm.Key(f[0])] && unicode.IsLower([]rune(f[0])[0]) {
		lowerDirection = true
	}
	// Names the gazetteer does not know may still say where they are:
	// "Mosul's Old City" and "Jabalia refugee camp" are inside a known
	// place, "southern Lebanon" is part of a known country.
	var inside, possessor string
	areaHint := false
	if !r.known(key) {
		if h, q, ok := splitPossessive(head); ok {
			if r.known(norm.Key(h)) {
				head, possessor, quals = h, q, append(quals, q)
			} else {
				inside, head = q, q
			}
			key = norm.Key(head)
		}
	}
	if !r.known(key) || lowerDirection {
		// A demonym is no area: "South American" is not American.
		if k, ok := stripDirection(key); ok && len(g.lookup(k)) > 0 {
			key, head, areaHint = k, k, true
		}
	}
	if !r.known(key) {
		// "Republic of Dagestan", "the city of Mosul".
		k := key
		if s := norm.StripArticle(k); s != "" {
			k = s
		}
		for _, p := range []string{"republic of ", "city of ", "province of ", "state of ", "region of ", "governorate of ", "town of ", "village of "} {
			if rest := strings.TrimPrefix(k, p); rest != k && r.known(rest) {
				key, head = rest, rest
				break
			}
		}
	}
	if !r.known(key) {
		if k, ok := stripGeneric(key); ok && r.known(k) {
			inside, key, head = k, k, k
		}
	}
	// "Orange County": a second-level division the gazetteer has no point
	// for; the division (state) that contains it is honest.
	var county []int32
	if !r.known(key) {
		seen := map[int32]bool{}
		for _, d := range g.admin2[key] {
			f := strings.SplitN(d, ".", 3)
			if len(f) < 2 {
				continue
			}
			if i, ok := g.admin1[f[0]+"."+f[1]]; ok && !seen[i] {
				seen[i] = true
				county = append(county, i)
			}
		}
		if len(county) > 0 {
			inside = key
		}
	}
	if g.blocked[key] || g.blocked[norm.Key(name)] {
		res.Note = fmt.Sprintf("%q is a region spanning several divisions or borders, or in dispute; no single point stands for it", name)
		return res
	}
	regionOnly := false
	for _, q := range r.dlQuals {
		regionOnly = regionOnly || norm.Key(q) == key // "Norland" in "KESSIN, Norland"
	}
	if len(quals) == 0 && key == r.dlKey && len(r.dlQuals) > 0 {
		quals = r.dlQuals // "Kessin" in a story datelined "KESSIN, Norland"
	}
	cands := map[int32]*cand{}
	add := func(k string, variant bool) {
		for _, i := range g.lookup(k) {
			if c, ok := cands[i]; ok {
				c.variant = c.variant && variant
				continue
			}
			cands[i] = &cand{rec: i, e: g.rec(i), variant: variant}
		}
	}
	add(key, false)
	// "Kan" in an article that writes "Junction City, Kan.": the region.
	asRegion := map[int32]bool{}
	for _, m := range r.mentions {
		if m.qual && m.key == key {
			i, ok := g.country[m.cc]
			if m.adm1 != "" {
				i, ok = g.admin1[m.cc+"."+m.adm1]
			}
			if ok {
				asRegion[i] = true
				if _, have := cands[i]; !have {
					cands[i] = &cand{rec: i, e: g.rec(i), county: true}
				}
			}
		}
	}
	for _, i := range county {
		cands[i] = &cand{rec: i, e: g.rec(i), county: true}
	}
	if s := norm.StripArticle(key); s != "" {
		add(s, true)
	}
	if adminHint {
		if i := strings.LastIndexByte(key, ' '); i > 0 {
			add(key[:i], true)
			if s := norm.StripArticle(key[:i]); s != "" {
				add(s, true)
			}
		}
	}
	fuzzy := false
	if len(cands) == 0 && len(key) >= 5 { // short names squash into each other ("NYC" ~ "Nic")
		add("~"+norm.Squash(key), true)
		if s := norm.StripArticle(key); s != "" {
			add("~"+norm.Squash(s), true)
		}
		fuzzy = len(cands) > 0
	}
	demonymCC, isDemonym := g.demonymOf(key)
	if isDemonym {
		if i, ok := g.country[demonymCC]; ok {
			if _, have := cands[i]; !have {
				cands[i] = &cand{rec: i, e: g.rec(i)}
			}
		}
	}
	if regionOnly {
		// The dateline puts this name where a country or region goes.
		for i, c := range cands {
			if c.e.kind == KindPlace || c.e.kind == KindLandmark {
				delete(cands, i)
			}
		}
		if len(cands) == 0 {
			res.Note = fmt.Sprintf("the dateline uses %q as a country or region, and no such country or region is known", head)
			return res
		}
	}
	if len(cands) == 0 {
		res.Note = fmt.Sprintf("%q is not in the gazetteer", head)
		return res
	}
	qts := make([][]qualTarget, len(quals))
	for i, q := range quals {
		qts[i] = r.qualTargets(q)
	}
	list := make([]*cand, 0, len(cands))
	for _, c := range cands {
		e := c.e
		c.score = prior(e)
		c.reasons = append(c.reasons, fmt.Sprintf("prior %.1f", c.score))
		if asRegion[c.rec] {
			c.score += 5
			c.reasons = append(c.reasons, "the article uses the name for this region +5")
		}
		if isDemonym && e.kind == KindCountry && e.cc == demonymCC {
			c.score += 3
			c.reasons = append(c.reasons, "demonym +3")
		}
		if e.kind != KindLandmark && e.kind != KindCountry && !c.county && !g.isAlias(key, c.rec) {
			// The ASCII name's key is the cheap test (no Unicode folding);
			// the full name is only needed for non-Latin queries.
			if ak := norm.Key(e.ascii); !c.variant && norm.Key(bare(e.ascii)) != key && (isASCII(e.name) || norm.Key(bare(e.name)) != key) {
				if strings.HasPrefix(ak, key+" ") {
					// A short form of the name ("Frankfurt" for
					// "Frankfurt am Main"), not another name.
					c.short = true
					c.score -= 0.2
					c.reasons = append(c.reasons, "short form -0.2")
				} else {
					c.alt = true
					c.score -= 1.2
					c.reasons = append(c.reasons, "alternate name -1.2")
				}
			}
		}
		if fuzzy {
			c.score -= 0.5
			c.reasons = append(c.reasons, "spelling differs -0.5")
		} else if c.variant {
			c.score -= 0.3
			c.reasons = append(c.reasons, "variant -0.3")
		}
		if adminHint {
			if e.kind == KindAdmin1 {
				c.score += 3
				c.reasons = append(c.reasons, "asked for a region +3")
				if strings.HasSuffix(e.name, " City") {
					// "Kyiv region" is Kyiv Oblast, not Kyiv City.
					c.score -= 1
					c.reasons = append(c.reasons, "a city division -1")
				}
			} else if e.kind == KindPlace {
				c.score -= 1
			}
		}
		if areaHint {
			if e.kind == KindAdmin1 {
				c.score += 2
				c.reasons = append(c.reasons, "part of an area +2")
			} else if e.kind == KindPlace {
				c.score -= 1
			}
		}
		r.scoreContext(c, e, key)
		list = append(list, c)
	}
	// "Denmark" in a South Carolina story that names Bamberg County is the
	// town: a foreign country loses when a same-named place lies in a
	// division the story names, in the country the story is about.
	if top := r.topContextCountry(); top != "" {
		local := false
		for _, c := range list {
			local = local || (c.e.cc == top && c.e.kind != KindCountry && c.region > 0)
		}
		if local {
			for _, c := range list {
				if c.e.kind == KindCountry && c.e.cc != top {
					c.score -= 2
					c.reasons = append(c.reasons, "a place of this name in the story's country and region -2")
				}
			}
		}
	}
	// An alternate name (often a former name: San Diego was once San
	// Miguel, Yuma was Arizona City) counts less when a real town of some
	// size carries that name as its own.
	// Only an owner abroad counts: within one country the "alternate"
	// may just be a spelling (Mykolaiv, Mykolayiv).
	owners := map[string]bool{}
	for _, c := range list {
		if !c.alt && !c.short && !c.variant && c.e.kind == KindPlace && c.e.pop >= 10000 {
			owners[c.e.cc] = true
		}
	}
	for _, c := range list {
		if !c.alt {
			continue
		}
		for cc := range owners {
			if cc != c.e.cc {
				c.score -= 1
				c.reasons = append(c.reasons, "a place abroad has this name as its own -1")
				break
			}
		}
	}
	// A short form loses to a country or division of exactly that name:
	// "Oklahoma" is the state, not Oklahoma City; "Mexico" the country.
	exactArea := false
	for _, c := range list {
		exactArea = exactArea || ((c.e.kind == KindAdmin1 || c.e.kind == KindCountry) && !c.variant && !c.alt)
	}
	if exactArea {
		for _, c := range list {
			if c.short {
				c.score -= 1.0
				c.reasons = append(c.reasons, "a region has exactly this name -1")
			}
		}
	}
	// A division named like a city in it ("Kharkiv", "Donetsk") means the
	// city unless the name asked for the region. The city must carry the
	// name as its own or be the division's seat (Ar Raqqah, seat of
	// Raqqa): Yuma, once called Arizona, does not make "Arizona" a city.
	if !adminHint && !areaHint {
		for _, c := range list {
			e := c.e
			if e.kind != KindAdmin1 {
				continue
			}
			for _, o := range list {
				oe := o.e
				if oe.kind == KindPlace && !o.short && (oe.fcode == "PPLA" || !o.alt) && oe.cc == e.cc && oe.adm1 == e.adm1 && oe.pop*20 >= e.pop/10 {
					c.score -= 1.5
					c.reasons = append(c.reasons, "city of the same name -1.5")
					break
				}
			}
		}
	}
	// Qualifiers: every one must be satisfied.
	satisfied := 0
	for _, c := range list {
		e := c.e
		ok := true
		for qi, ts := range qts {
			bonus, hit := r.qualMatch(e, ts)
			if hit {
				c.score += bonus
				c.reasons = append(c.reasons, fmt.Sprintf("matches %q +%.0f", quals[qi], bonus))
			} else {
				ok = false
				c.score -= 8
				c.reasons = append(c.reasons, fmt.Sprintf("not in %q -8", quals[qi]))
			}
		}
		if ok {
			satisfied++
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].score != list[j].score {
			return list[i].score > list[j].score
		}
		a, b := list[i].e, list[j].e
		if a.pop != b.pop {
			return a.pop > b.pop
		}
		return list[i].rec < list[j].rec
	})
	if len(list) > 10 {
		list = list[:10]
	}
	sum := 0.0
	for _, c := range list {
		sum += math.Exp(c.score - list[0].score)
	}
	for _, c := range list {
		p := r.place(c)
		p.Confidence = math.Round(1000*math.Exp(c.score-list[0].score)/sum) / 1000
		res.Candidates = append(res.Candidates, p)
	}
	if len(quals) > 0 && satisfied == 0 && possessor != "" {
		// "Mosul's Old City" where some other Old City exists: the
		// possessor is the honest answer.
		out := r.Resolve(possessor)
		out.Query = name
		out.Note = fmt.Sprintf("no %q is known in %q; the point is %q, which contains it", head, possessor, possessor)
		return out
	}
	if len(quals) > 0 && satisfied == 0 {
		res.Note = fmt.Sprintf("no candidate for %q lies in %q", head, strings.Join(quals, ", "))
		return res
	}
	res.Best = &res.Candidates[0]
	switch {
	case inside != "":
		res.Note = fmt.Sprintf("%q is not in the gazetteer; the point is %s, which contains it", name, res.Best.Name)
		return res
	case areaHint:
		res.Note = fmt.Sprintf("%q is part of %s: the point stands for all of it", name, res.Best.Name)
		return res
	}
	// A small place abroad in a story about one country is a likely
	// miss of the local place; a capital or big city abroad is not.
	if cc := r.topContextCountry(); cc != "" && res.Best.Country != cc && res.Best.Kind == "place" &&
		res.Best.Population < 100000 && res.Best.Feature != "PPLC" {
		in := false
		for _, c := range res.Candidates {
			in = in || c.Country == cc
		}
		if !in {
			res.Note = fmt.Sprintf("the article is mostly about %s but no %q is known there; the gazetteer may lack it", cc, head)
		}
	}
	return res
}

// topContextCountry is the country with the most evidence, if it has a
// clear lead; used only to warn that the choice lies elsewhere.
func (r *Resolver) topContextCountry() string {
	w := map[string]float64{}
	for _, m := range r.mentions {
		w[m.cc] += m.weight
	}
	best, first, second := "", 0.0, 0.0
	for cc, x := range w {
		if x > first {
			best, first, second = cc, x, first
		} else if x > second {
			second = x
		}
	}
	if first >= 1 && first >= 2*second {
		return best
	}
	return ""
}

func (r *Resolver) scoreContext(c *cand, e *entry, key string) {
	if r.forced != "" {
		if e.cc == r.forced {
			c.score += 5
			c.reasons = append(c.reasons, "--country +5")
		} else {
			c.score -= 3
		}
	}
	cw, aw := 0.0, 0.0
	prox := 0.0
	self := false
	county := 0.0
	for _, m := range r.mentions {
		if m.adm2 != "" && m.adm2 == e.adm2 && m.adm1 == e.adm1 && m.cc == e.cc && e.kind == KindPlace {
			county += m.share
		}
		if m.self && m.key == key && m.cc == e.cc && (m.adm1 == "" || m.adm1 == e.adm1) && e.kind != KindCountry {
			self = true
		}
		if m.key == key || m.cc != e.cc {
			continue
		}
		cw += m.weight
		if m.adm1 != "" && m.adm1 == e.adm1 && e.kind != KindCountry {
			// A division named in the text, or a place inside the
			// division asked about, is strong evidence; another town in
			// the same division is weak (nearness counts it already):
			// Kharkiv in the text does not make Lyman the Kharkiv one.
			if m.div {
				aw += m.share // named outright: full weight, shared if ambiguous
			} else if e.kind == KindAdmin1 {
				aw += m.weight
			} else {
				aw += 0.25 * m.weight
			}
		}
		if m.point {
			d := km(m.lat, m.lon, e.lat, e.lon)
			b := 0.0
			switch {
			case d < 30:
				b = 1.5
			case d < 150:
				b = 1.0
			case d < 500:
				b = 0.5
			}
			prox = math.Max(prox, b*math.Min(m.weight, 1))
		}
	}
	if county > 0 {
		b := 2.5 * math.Min(county, 1)
		c.score += b
		c.reasons = append(c.reasons, fmt.Sprintf("in a county the article names +%.1f", b))
	}
	if self {
		c.score += 4
		c.reasons = append(c.reasons, "the article names it with this region +4")
	}
	if cw > 0 {
		b := 1.0 + 0.5*math.Min(cw, 3)
		c.score += b
		c.reasons = append(c.reasons, fmt.Sprintf("country in context +%.1f", b))
	}
	if r.dlCC != "" && e.cc == r.dlCC && key != r.dlKey {
		c.score += 1
		c.reasons = append(c.reasons, "dateline country +1")
	}
	c.region = aw
	if aw > 0 {
		b := 2.4 * math.Min(aw, 1)
		c.score += b
		c.reasons = append(c.reasons, fmt.Sprintf("region in context +%.1f", b))
	}
	if prox > 0 {
		c.score += prox
		c.reasons = append(c.reasons, fmt.Sprintf("near a place in context +%.1f", prox))
	}
}

type qualTarget struct {
	cc, adm1 string
	lat, lon float64
	point    bool
}

// qualTargets reads the part after a comma: a US state code ("CA"), a
// country code or name, a division, or a place the head is near
// ("Krasnogorsk, Moscow").
func (r *Resolver) qualTargets(q string) []qualTarget {
	g := r.g
	var ts []qualTarget
	addRec := func(i int32) {
		e := g.rec(i)
		switch e.kind {
		case KindCountry:
			ts = append(ts, qualTarget{cc: e.cc})
		case KindAdmin1:
			ts = append(ts, qualTarget{cc: e.cc, adm1: e.adm1})
		default:
			ts = append(ts, qualTarget{cc: e.cc, lat: e.lat, lon: e.lon, point: true})
		}
	}
	t := strings.TrimSpace(strings.TrimSuffix(q, "."))
	if len(t) == 2 && strings.ToUpper(t) == t {
		if i, ok := g.admin1["US."+t]; ok {
			addRec(i)
		}
		if i, ok := g.country[t]; ok {
			addRec(i)
		}
	}
	k := norm.Key(q)
	for _, i := range g.qualAlias[k] {
		addRec(i)
	}
	if cc, ok := g.demonymOf(k); ok {
		ts = append(ts, qualTarget{cc: cc})
	}
	recs := g.lookup(k)
	if s := norm.StripArticle(k); s != "" {
		recs = append(recs, g.lookup(s)...)
	}
	lk := strings.ToLower(q)
	for _, w := range adminWords {
		if strings.HasSuffix(lk, " "+w) {
			if i := strings.LastIndexByte(k, ' '); i > 0 {
				recs = append(recs, g.lookup(k[:i])...)
			}
		}
	}
	for _, i := range recs {
		addRec(i)
	}
	return ts
}

// qualMatch reports whether e lies in one of the qualifier's targets, and
// how strongly: a matching division is the strongest statement.
func (r *Resolver) qualMatch(e *entry, ts []qualTarget) (float64, bool) {
	best, hit := 0.0, false
	for _, t := range ts {
		if t.cc != e.cc {
			continue
		}
		var b float64
		switch {
		case t.point:
			if e.kind == KindCountry || km(t.lat, t.lon, e.lat, e.lon) > 60 {
				continue
			}
			b = 5
		case t.adm1 != "":
			if t.adm1 != e.adm1 || e.kind == KindCountry {
				continue
			}
			b = 6
		default:
			if e.kind == KindCountry {
				continue // "Georgia, Georgia" is not the country qualified by itself
			}
			b = 4
		}
		if b > best {
			best, hit = b, true
		}
	}
	return best, hit
}

func (r *Resolver) place(c *cand) Place {
	g := r.g
	e := c.e
	p := Place{Name: e.name, Country: e.cc, Lat: e.lat, Lon: e.lon, Population: e.pop,
		Kind: e.kind.String(), Feature: e.fcode, GeonameID: e.gid,
		Score: math.Round(c.score*100) / 100, Reasons: c.reasons}
	if i, ok := g.country[e.cc]; ok {
		p.CountryName = g.rec(i).name
	}
	switch e.kind {
	case KindCountry:
		p.Precision = "country"
	case KindAdmin1:
		p.Precision = "admin1"
	case KindPlace:
		p.Precision = "city"
	case KindLandmark:
		p.Precision = e.precision
	}
	if e.kind != KindCountry && e.adm1 != "" {
		p.Admin1Code = e.adm1
		if i, ok := g.admin1[e.cc+"."+e.adm1]; ok {
			p.Admin1 = g.rec(i).name
		}
	}
	return p
}

// km is the great-circle distance.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
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
