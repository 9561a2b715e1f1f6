package resolve

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"sitrep/internal/resolve/norm"
)

// Place is a point on the map for a name, with how precise that point is.
type Place struct {
	Name        string `json:"name"`
	Country     string `json:"country"` // ISO 3166-1 alpha-2
	CountryName string `json:"country_name"`
	Admin1      string `json:"admin1,omitempty"`
	Admin1Code  string `json:"admin1_code,omitempty"` // GeoNames code: "CA" for California, "04" for Raqqa
	// Admin2Code is the GeoNames county code of a place ("201" for
	// Harris County, Texas), for InCounty; not part of the JSON.
	Admin2Code string  `json:"-"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	// Precision is what the point stands for: "point" (the place itself,
	// e.g. an airport), "city", "admin1" (the division's seat stands for
	// the whole division) or "country" (the capital stands for the whole
	// country). Analysts must not read a country-precision event as
	// having happened in the capital.
	Precision  string `json:"precision"`
	Population int    `json:"population"`
	Kind       string `json:"kind"`    // country|admin1|place|landmark
	Feature    string `json:"feature"` // GeoNames feature code, or a landmark's type
	GeonameID  int    `json:"geoname_id,omitempty"`
	// Postal marks a US post-office town GeoNames cities500 lacks
	// (data/towns.tsv.gz): its point is the mean of its ZIP codes' and
	// its population is unknown (0), not none.
	Postal bool    `json:"postal,omitempty"`
	Score  float64 `json:"score"`
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
	// URL is the article's address. The home it names for the outlet
	// ("dallasnews.com", a station's call letters: OutletHome) is weak
	// evidence for its country, state and area: local news is mostly
	// about its own area, but the text decides.
	URL string
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
	qual bool
	// bare marks a capitalised name read as a town of under
	// maxOutOfStateTown people on its own, with no country, state or
	// qualifier: often a surname or a shop ("Hayes", "Murphy"), so it is
	// weak evidence that the article is about the town's country
	// (foreignToOutlet) or state (outOfState). A big city named bare
	// ("Chicago") is meant.
	bare   bool
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
	// dlAdm1 is the division of a dateline that names a town, "" for
	// one that names only a country or division (localState).
	dlAdm1 string
	// dlTown is the dateline's town when it has dlAdm1.
	dlTown *Place
	// lower holds the words the context text writes in lower case
	// mid-sentence: such a word ("hospital", "metro", "patrol") is a
	// common noun of the article's language, so its capitalised use is
	// most likely part of a name that is not a place ("Mercy Hospital").
	lower map[string]bool
	// home is the outlet's home its address names, if any.
	home *Place
	// named holds the keys of the capitalised names in the context text
	// that the gazetteer knows, of any size: a county name is settled
	// by a small town in it the article names.
	named map[string]bool
	// caseless marks context text without case (nlp.Caseless): any of
	// its words may be a name, so only those CaselessName allows count.
	caseless bool
}

// Home is the outlet's home the context's URL names (OutletHome), or nil.
func (r *Resolver) Home() *Place { return r.home }

// homeWeight and homeShare are how much an outlet's home counts for its
// country and nearness (as a place named once in the text) and for its
// state (half a state named outright).
const (
	homeWeight = 1.0
	homeShare  = 1.0
)

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
	if ctx.URL != "" {
		if h, ok := g.OutletHome(ctx.URL); ok {
			r.home = &h
			r.mentions = append(r.mentions, mention{key: "\x00home", cc: h.Country, adm1: h.Admin1Code,
				lat: h.Lat, lon: h.Lon, point: h.Precision == "city", div: true, weight: homeWeight, share: homeShare})
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
			if b.Kind == KindPlace.String() && b.Country == "US" {
				r.dlAdm1 = b.Admin1Code
				r.dlTown = b
			}
			r.mentions = append(r.mentions, mention{key: r.dlKey, cc: b.Country, adm1: b.Admin1Code,
				lat: b.Lat, lon: b.Lon, point: b.Precision == "city" || b.Precision == "point", weight: 2})
		}
	}
	return r
}

// prior is how likely a name is to mean this entry before any context:
// bigger places are mentioned more; capitals, seats and places known by
// many names more than their size alone says. A division that shares its
// name with its own city is handled in Resolve (news says "Donetsk
// region" when it means the region).
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

type cand struct {
	rec    int32
	e      *entry
	score  float64
	alt    bool    // matched only through an alternate name
	short  bool    // matched as the first words of its name ("Frankfurt")
	county bool    // the division holding a county of that name
	region float64 // division evidence from the context
	// namedRegion is region without bare names ("Murphy", a surname that
	// is also a Texas town, names no state): what excuses a small town
	// of another state than the local one (outOfState).
	namedRegion float64
	variant     bool // matched only without an article or admin word
	// countyTown marks a division whose county of the asked name holds
	// a town the article names.
	countyTown bool
	reasons    []string
}

// Resolve picks the best place for name given the resolver's context.
func (r *Resolver) Resolve(name string) Result {
	res := Result{Query: name}
	g := r.g
	head, quals, adminHint := parseQuery(name)
	// A name like "Washington, D.C." or "Kessin, Norland" may itself be
	// indexed whole; then it is not a qualified name. A whole that is only
	// some place's alternate name ("Pueblo Colorado", an old name of a
	// village in Arizona; "San Antonio Texas", a hamlet in Mexico) does
	// not outweigh a known town in the division the qualifier names: with
	// a known head, only a hand-written alias keeps the whole.
	if len(quals) > 0 {
		if recs := g.lookup(norm.Key(name)); len(recs) > 0 && (!r.known(norm.Key(head)) || g.aliased(norm.Key(name), recs)) {
			head, quals = name, nil
		}
	}
	key := norm.Key(head)
	if key == "" {
		res.Note = "empty name"
		return res
	}
	if len(quals) == 0 {
		if q, ok := r.localQuarter(key); ok {
			res.Best = q
			res.Candidates = []Place{*q}
			res.Note = fmt.Sprintf("%q is a neighbourhood of %s, the town the story is told from (data/quarters.tsv)", head, q.Admin1)
			return res
		}
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
	if !r.known(key) && len(g.admin2[key]) == 0 { // "Prince George's County" is a county, not a place in Prince George
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
	countyCodes := map[int32][]string{} // division -> its county codes of that name
	if !r.known(key) {
		seen := map[int32]bool{}
		for _, d := range g.admin2[key] {
			f := strings.SplitN(d, ".", 3)
			if len(f) < 2 {
				continue
			}
			i, ok := g.admin1[f[0]+"."+f[1]]
			if ok && len(f) == 3 {
				countyCodes[i] = append(countyCodes[i], f[2])
			}
			if ok && !seen[i] {
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
		// "Floyd County" in a story that names Rome: the state whose
		// Floyd County holds a Rome.
		if len(county) > 1 {
			others := map[*entry][]string{}
			for _, j := range county {
				if j != i {
					others[g.rec(j)] = countyCodes[j]
				}
			}
			cands[i].countyTown = r.namesTownIn(g.rec(i), countyCodes[i], countyBase(key), others)
		}
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
	// postal answers a name none of whose candidates fits with a
	// post-office town of the story's state: "near Iaeger", a hamlet
	// GeoNames lacks. Not a name inside another ("Riley Hospital" is
	// named for a man, not a town).
	postal := func(res Result) Result {
		if inside != "" || possessor != "" {
			return res
		}
		if out, ok := r.postalResult(name, key, quals, res.Note); ok {
			return out
		}
		return res
	}
	if len(cands) == 0 && !regionOnly {
		// Before any spelling guess: "Olmstead" is no Olmsted Falls.
		if out := postal(res); out.Best != nil {
			return out
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
		if c.countyTown {
			c.score += 3.5
			c.reasons = append(c.reasons, "the article names a town in this division's county of that name +3.5")
		}
		if pr, ok := g.preferred[key]; ok && pr == c.rec {
			c.score += 3
			c.reasons = append(c.reasons, "the name's usual meaning (aliases.tsv) +3")
		}
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
	// An owner abroad always counts; within one country only when the
	// alternate is no mere spelling of the place's own name (Mykolaiv,
	// Mykolayiv): Kansas City, once Greenwood, is not what "Greenwood"
	// means while towns of that name exist.
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
			if !spelling(norm.Key(bare(c.e.ascii)), key) {
				c.score -= 1
				c.reasons = append(c.reasons, "a place of the country has this name as its own, and it is no spelling of this place's name -1")
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
			if pr, ok := g.preferred[key]; e.kind != KindAdmin1 || (ok && pr == c.rec) {
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
		return postal(res)
	}
	if top := r.topContextCountry(); top != "" && r.lower[key] && !strings.Contains(key, " ") &&
		list[0].e.cc != top && list[0].e.kind != KindCountry && list[0].e.kind != KindAdmin1 {
		// A common word that names a town abroad ("Hospital", Chile;
		// "Metro", Indonesia) in a story the context places in another
		// country is the word, not the town. A same-named town in the
		// story's country (Mobile, Buffalo) keeps the name.
		res.Note = fmt.Sprintf("%q is written as a common word in this text, and the best place of that name, in %s, is outside the story's country %s", head, list[0].e.cc, top)
		return postal(res)
	}
	if r.outOfState(list[0].e) && list[0].namedRegion == 0 && len(quals) == 0 {
		res.Note = fmt.Sprintf("the only %q the gazetteer knows that fits lies in another state than the story's local one (the outlet's home, else the dateline's), which the story does not name", head)
		return postal(res)
	}
	if len(quals) == 0 && r.postalBeats(list[0].e, key) {
		if out := postal(res); out.Best != nil {
			return out
		}
	}
	if r.foreignToOutlet(list[0].e, key) {
		res.Note = fmt.Sprintf("the best place named %q lies in %s, which nothing else in this local outlet's story is in", head, list[0].e.cc)
		return postal(res)
	}
	if list[0].alt && len(quals) == 0 {
		// "Olmstead" is only an old or variant name of Olmsted Falls,
		// Ohio; a post office of the story's state or named county
		// carries it as its own.
		if out := postal(res); out.Best != nil {
			return out
		}
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
		if !in && res.Best.Population < minForeignHamlet && !r.namedCountry(res.Best.Country) {
			// A hamlet abroad (Magnet, France, for a "Magnet" in a story
			// from Georgia) is almost surely not what a story about
			// another country means: a word, a venue, or a local
			// place the gazetteer lacks.
			res.Note = fmt.Sprintf("the article is about %s and names nothing in %s; %q is only a hamlet there (population under %d), so it is left unresolved", cc, res.Best.Country, head, minForeignHamlet)
			res.Best = nil
			return postal(res)
		} else if !in {
			res.Note = fmt.Sprintf("the article is mostly about %s but no %q is known there; the gazetteer may lack it", cc, head)
		}
	}
	return res
}

// minForeignHamlet is the population below which a place abroad, in a
// story the context places in one country and that names nothing in
// the place's own, is left unresolved.
const minForeignHamlet = 1000

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
	// A town that only carries the qualifier as an alternate name
	// (Riverside, Missouri, once called Illinois) does not stand for
	// it when a state or country has it as its own name: "Manchester,
	// Illinois" is not a Manchester near that town.
	area := len(ts) > 0
	for _, i := range recs {
		if e := g.rec(i); e.kind == KindAdmin1 || e.kind == KindCountry {
			area = true
		}
	}
	for _, i := range recs {
		if e := g.rec(i); area && e.kind != KindAdmin1 && e.kind != KindCountry && !r.ownName(e, k) {
			continue
		}
		addRec(i)
	}
	return ts
}

// ownName reports whether key is the record's own name (or that name
// without its article), not one of its alternate names.
func (r *Resolver) ownName(e *entry, key string) bool {
	for _, n := range []string{e.ascii, e.name} {
		nk := norm.Key(bare(n))
		if nk == key || norm.StripArticle(nk) == key || nk == norm.StripArticle(key) {
			return true
		}
	}
	return false
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
	if e.kind == KindPlace {
		if n := g.displayName(e); n != "" {
			p.Name = n
		}
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
		p.Admin2Code = e.adm2
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

// countyBase is a county name's key without its division word:
// "floyd" for "floyd county".
func countyBase(key string) string {
	for _, w := range []string{" county", " parish", " borough"} {
		if b, ok := strings.CutSuffix(key, w); ok {
			return b
		}
	}
	return key
}

// IsCounty reports whether name is the name of a county (a second-level
// division) somewhere: "Potter County", "East Baton Rouge Parish".
func (g *Gazetteer) IsCounty(name string) bool {
	return len(g.admin2[norm.Key(name)]) > 0
}

// InCounty reports whether place p lies in a county (second-level
// division) that the name county names in p's own division: "Potter
// County" holds Amarillo, Texas, but not Lubbock. A story told by its
// county is in the town of that county it names, not in any town of
// the state.
func (g *Gazetteer) InCounty(p Place, county string) bool {
	if p.Admin2Code == "" {
		return false
	}
	want := p.Country + "." + p.Admin1Code + "." + p.Admin2Code
	for _, code := range g.admin2[norm.Key(county)] {
		if code == want {
			return true
		}
	}
	return false
}

// spelling reports whether keys a and b are spellings of one name: by
// edit distance, at most two letters or a third of the longer one differ
// (Mykolaiv, Mykolayiv; Kiev, Kyiv).
func spelling(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	n := len(ra)
	if len(rb) > n {
		n = len(rb)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			d := prev[j-1]
			if ra[i-1] != rb[j-1] {
				d++
			}
			d = min(d, prev[j]+1, cur[j-1]+1)
			cur[j] = d
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)] <= 2 || 3*prev[len(rb)] <= n
}
