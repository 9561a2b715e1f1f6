package resolve

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/nlp"
	"sitrep/internal/resolve/norm"
)

// datelinePlace cuts "KESSIN, Norland (Wire) - Gunmen…" to "KESSIN, Norland".
func datelinePlace(s string) string {
	s = strings.TrimSpace(s)
	for _, sep := range []string{" - ", " – ", " — ", "--", ":"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimSpace(strings.TrimRight(s, " -–—,"))
	// A parenthesis before a comma qualifies the place ("PANAMA CITY
	// (PANAMA), 12 JAN 90"); one at the end names the source ("(Reuters)",
	// "(ACAN-EFE)") and goes.
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '(')
		j := strings.IndexByte(s, ')')
		if i < 0 || j < i {
			b.WriteString(s)
			break
		}
		inner, after := strings.TrimSpace(s[i+1:j]), strings.TrimSpace(s[j+1:])
		b.WriteString(strings.TrimRight(s[:i], " "))
		if strings.HasPrefix(after, ",") && !agencies[strings.ToLower(inner)] && !strings.ContainsAny(inner, "0123456789") {
			b.WriteString(", " + inner)
		}
		s = s[j+1:]
	}
	s = strings.TrimSpace(strings.TrimRight(b.String(), " -–—,"))
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
	minPop := 20000
	if anyPlace {
		minPop = 0
	}
	r.addRecs(k, recs, w, minPop)
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
func (r *Resolver) addRecs(k string, recs []int32, w float64, minPop int) {
	var countries []int32
	best, bestScore := int32(-1), math.Inf(-1)
	for _, i := range recs {
		e := r.g.rec(i)
		switch e.kind {
		case KindCountry:
			countries = append(countries, i)
			continue
		case KindPlace:
			if e.pop < minPop && e.fcode != "PPLC" {
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
		point: e.kind != KindAdmin1, div: e.kind == KindAdmin1, bare: e.kind != KindAdmin1 && e.pop < maxOutOfStateTown, weight: 0.6 * w, share: 1})
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

// caselessStop are common Arabic nouns that GeoNames also carries as
// names of big places ("المدينة", the city, is also Medina).
var caselessStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"المدينة", "مدينة", "الجزيرة", "جزيرة", "الخليج", "الدولة", "دولة", "العاصمة",
		"الشمال", "الجنوب", "الشرق", "الغرب", "الوسط", "البلد", "البلاد", "المنطقة", "منطقة", "القرية", "المخيم"} {
		m[norm.Key(w)] = true
	}
	return m
}()

var connectors = map[string]bool{"of": true, "the": true, "al": true, "el": true, "de": true, "la": true,
	"le": true, "du": true, "des": true, "and": true, "upon": true, "on": true, "ad": true, "ar": true, "as": true, "an": true}

type tok struct {
	s        string
	poss     bool // s had a possessive "'s" ("Prince George's County")
	cap      bool
	sentence bool // first word of a sentence
	comma    bool // a comma comes just before it
	// caseless marks words of scripts without capitals (Arabic, Hebrew):
	// any of them may be a name, so their matches must be big places.
	caseless bool
}

// readText finds capitalised names (up to four words, longest first) and
// demonyms in text. A single capitalised word at the start of a sentence
// counts only if it is a country or demonym: "Police said…" is not Police,
// Poland.
//
// In text without case (nlp.Caseless) every word may be a name; only those
// CaselessName allows count, as sizeable places (like words of a script
// without capitals).
func (r *Resolver) readText(text string) {
	r.caseless = nlp.Caseless(text)
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
			bare := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			poss := bare != w
			w = bare
			caseless := unicode.IsLetter(c) && (r.caseless || !unicode.IsUpper(c) && !unicode.IsLower(c))
			if unicode.IsLower(c) && !sentence && !r.caseless {
				if r.lower == nil {
					r.lower = map[string]bool{}
				}
				r.lower[norm.Key(w)] = true
			}
			toks = append(toks, tok{s: w, poss: poss, cap: unicode.IsUpper(c) || caseless, caseless: caseless, sentence: sentence, comma: comma})
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
	// The key of the n words from i (and whether they can be a name) is
	// the same in both passes: it is worked out once, in pass 1.
	type name struct {
		k    string
		done bool
		ok   bool
		recs []int32 // the gazetteer's records for k, once looked up
		got  bool    // recs looked up
	}
	at := make([]int32, len(toks)) // a capitalised word's place in names, by 4s
	ncap := 0
	for i, t := range toks {
		if t.cap {
			at[i] = int32(4 * ncap)
			ncap++
		}
	}
	names := make([]name, 4*ncap)
	// A name said again is worked out once: a one-word name's key by
	// the word (a capitalised word's key depends on nothing else), and
	// the gazetteer's records by key.
	type oneKey struct {
		k  string
		ok bool
	}
	keyOf := map[string]oneKey{}
	recsOf := map[string][]int32{}
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
				nm := &names[int(at[i])+n-1]
				if !nm.done {
					nm.done = true
					if n > 1 {
						nm.k, nm.ok = r.nameKey(toks[i : i+n])
					} else if m, seen := keyOf[toks[i].s]; seen {
						nm.k, nm.ok = m.k, m.ok
					} else {
						nm.k, nm.ok = r.nameKey(toks[i : i+1])
						keyOf[toks[i].s] = oneKey{nm.k, nm.ok}
					}
				}
				if !nm.ok {
					continue
				}
				k := nm.k
				if cc, ok := r.g.demonymOf(k); ok && !(r.caseless && caselessWords()[k]) {
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
				if !nm.got {
					recs, seen := recsOf[k]
					if !seen {
						recs = r.g.lookup(k)
						recsOf[k] = recs
					}
					nm.recs, nm.got = recs, true
				}
				recs := nm.recs
				if len(recs) == 0 || r.caseless && !r.g.caselessKey(k, recs) {
					continue
				}
				if pass == 2 {
					if r.named == nil {
						r.named = map[string]bool{}
					}
					r.named[k] = true
				}
				isCountry := false
				for _, x := range recs {
					isCountry = isCountry || r.g.isCountry(x)
				}
				minPop := 20000
				if toks[i].caseless {
					if caselessStop[k] {
						continue
					}
					minPop = 100000
				}
				if pass == 1 {
					if isCountry {
						r.addRecs(k, recs, 1, minPop)
					}
				} else if !isCountry && !(n == 1 && toks[i].sentence && !toks[i].caseless) {
					r.addRecs(k, recs, 1, minPop)
				}
				i += n - 1
				break
			}
		}
	}
}

// nameKey is the lookup key of the words ws read as one name, and false
// when they cannot be one (a lowercase word that is not a connector, or a
// stopword); a possessive before the last word stays in the key when that
// makes a county's name ("Prince George's County").
func (r *Resolver) nameKey(ws []tok) (string, bool) {
	parts := make([]string, len(ws))
	for j, t := range ws {
		parts[j] = t.s
		if !t.cap && !connectors[strings.ToLower(t.s)] {
			return "", false
		}
	}
	k := norm.Key(strings.Join(parts, " "))
	if stopwords[k] {
		return "", false
	}
	if n := len(ws); n >= 2 && ws[n-2].poss {
		// "Prince George's County": the possessive is part of the
		// county's name.
		parts[n-2] += "s"
		if pk := norm.Key(strings.Join(parts, " ")); len(r.g.admin2[pk]) > 0 {
			k = pk
		}
	}
	return k, true
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
			if recs := r.g.lookup(k); len(recs) == 0 || r.caseless && !r.g.caselessKey(k, recs) {
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

// topContextCountry is the country with the most evidence, if it has a
// clear lead; used only to warn that the choice lies elsewhere.
func (r *Resolver) topContextCountry() string {
	w := map[string]float64{}
	for _, m := range r.mentions {
		w[m.cc] += m.weight
	}
	return dominant(w, 1)
}

// dominant is the key whose weight is at least least and twice any other's,
// or "": a context too evenly split names no country or state.
func dominant(w map[string]float64, least float64) string {
	best, first, second := "", 0.0, 0.0
	for k, x := range w {
		if x > first {
			best, first, second = k, x, first
		} else if x > second {
			second = x
		}
	}
	if first >= least && first >= 2*second {
		return best
	}
	return ""
}

// namedCountry reports whether anything the context names lies in
// country cc.
func (r *Resolver) namedCountry(cc string) bool {
	for _, m := range r.mentions {
		if m.cc == cc {
			return true
		}
	}
	return false
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
	named := 0.0 // aw without bare names: a surname is no state named
	prox := 0.0
	self := false
	county := 0.0
	for _, m := range r.mentions {
		if m.adm2 != "" && m.adm2 == e.adm2 && m.adm1 == e.adm1 && m.cc == e.cc && e.kind == KindPlace && !(c.short && m.key == key+" county") {
			// (A short form's own county says nothing: "Oklahoma County"
			// does not make "Oklahoma" Oklahoma City.)
			// Full weight, not the county's share among the states that
			// have one of its name: that a town of the asked name lies in
			// a county of the named name is itself the rare coincidence
			// that settles which state ("Washington County deputies" and
			// Lowell: the Lowell in a Washington County).
			county = 1
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
			var x float64
			if m.div {
				x = m.share // named outright: full weight, shared if ambiguous
			} else if e.kind == KindAdmin1 {
				x = m.weight
			} else {
				x = 0.25 * m.weight
			}
			aw += x
			if !m.bare {
				named += x
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
	if r.foreignToOutlet(e, key) {
		c.score -= 4
		c.reasons = append(c.reasons, "abroad, for a local outlet whose story names nothing in that country -4")
	}
	if r.dlCC != "" && e.cc == r.dlCC && key != r.dlKey {
		c.score += 1
		c.reasons = append(c.reasons, "dateline country +1")
	}
	c.region, c.namedRegion = aw, named
	if named == 0 && r.outOfState(e) {
		c.score -= 3
		c.reasons = append(c.reasons, "a small town in another state than the story's local one (outlet's home or dateline), which the story does not name -3")
	}
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

// foreignToOutlet reports a town or division abroad for a local story (from an
// outlet whose address names its home, or datelined from a US town)
// that names nothing else in that town's country but other bare names:
// local news writes "Bordeaux, France" when it means France, so "Metro"
// or "Bordeaux" alone is a local name the gazetteer lacks, or a word.
// Other bare names do not count: a surname ("Hayes") is a town abroad
// as often as the name itself is. The name itself (key) is no evidence.
func (r *Resolver) foreignToOutlet(e *entry, key string) bool {
	cc := ""
	switch {
	case r.home != nil:
		cc = r.home.Country
	case r.dlTown != nil:
		cc = r.dlCC
	}
	return cc != "" && e.cc != cc && (e.kind == KindPlace || e.kind == KindLandmark || e.kind == KindAdmin1) &&
		r.namedWeight(e.cc, key) == 0
}

// namedWeight is countryWeight without the bare names: the evidence
// that the text names the country, a division of it, a people of it or
// a place with its region.
func (r *Resolver) namedWeight(cc, skip string) float64 {
	w := 0.0
	for _, m := range r.mentions {
		if m.cc == cc && m.key != skip && !m.bare {
			w += m.weight
		}
	}
	return w
}

// maxOutOfStateTown is the largest town in another state than a local
// outlet's home that the outlet's story may name without its state.
const maxOutOfStateTown = 100000

// outOfState reports a small town in another first-level division than
// a local outlet's home (same country). Local news names a town of
// another state with that state ("Southaven, Miss."); a bare name that
// the gazetteer knows only elsewhere is most often a quarter or a
// village of the outlet's own area that it lacks. The caller checks that
// nothing in the text names the town's division.
//
// A town near the local town is no stranger, whatever its state: metro
// areas straddle state lines (Gary by Chicago, Camden by Philadelphia),
// and local news names their towns bare.
func (r *Resolver) outOfState(e *entry) bool {
	cc, adm1 := r.localState()
	if cc == "" || e.kind != KindPlace || e.cc != cc || e.adm1 == adm1 || e.pop >= maxOutOfStateTown {
		return false
	}
	t := r.home
	if t == nil {
		t = r.dlTown
	}
	return t == nil || t.Precision != "city" || km(t.Lat, t.Lon, e.lat, e.lon) > maxNeighbourKm
}

// maxNeighbourKm is how far from the local town a town of another state
// may lie and still be named bare: a metro area's reach.
const maxNeighbourKm = 80.0

// localState is the first-level division a local story is told from:
// the outlet's home's, else that of a US dateline town ("MEMPHIS,
// Tenn."). A US story filed from a town names the towns of another state with
// their state, as a local outlet's does; a bare name is a quarter or
// village nearby that the gazetteer lacks or knows by another name.
func (r *Resolver) localState() (cc, adm1 string) {
	if r.home != nil {
		return r.home.Country, r.home.Admin1Code
	}
	if r.dlAdm1 == "" {
		return "", ""
	}
	return r.dlCC, r.dlAdm1
}

// minCountyTown is the least population of a town that settles which
// state's county of a name the article means.
const minCountyTown = 2000

// namesTownIn reports whether the context text names a place that lies
// in division d, in one of the counties codes.
// Hamlets do not count (a surname is too often one), nor a town named
// like the county ("DeKalb" in DeKalb County), which every state's
// county of that name may hold.
//
// A town whose name a namesake county of another state (others, the
// division and county codes of each) also holds, of any size, settles
// nothing: Grand Rapids lies in the Wood County of Ohio and of Wisconsin.
func (r *Resolver) namesTownIn(d *entry, codes []string, county string, others map[*entry][]string) bool {
	for k := range r.named {
		if k == county {
			continue
		}
		for _, i := range r.g.lookup(k) {
			e := r.g.rec(i)
			if e.kind != KindPlace || e.cc != d.cc || e.adm1 != d.adm1 || (e.pop < minCountyTown && e.fcode != "PPLA2") {
				continue
			}
			if slices.Contains(codes, e.adm2) && !r.townIn(k, others) {
				return true
			}
		}
	}
	return false
}

// townIn reports whether a town called key, in the gazetteer or among
// the post offices, lies in one of the divisions' counties.
func (r *Resolver) townIn(key string, divs map[*entry][]string) bool {
	for d, codes := range divs {
		for _, i := range r.g.lookup(key) {
			if e := r.g.rec(i); e.kind == KindPlace && e.cc == d.cc && e.adm1 == d.adm1 && slices.Contains(codes, e.adm2) {
				return true
			}
		}
		if d.cc != "US" {
			continue
		}
		for _, t := range postalTowns()[key] {
			if t.adm1 == d.adm1 && slices.Contains(codes, t.adm2) {
				return true
			}
		}
	}
	return false
}

// IsDemonym reports whether name is a people's or language's name
// (data/demonyms.tsv: "Spanish", "Syrians") that stands for a country.
func (g *Gazetteer) IsDemonym(name string) bool {
	_, ok := g.demonymOf(norm.Key(name))
	return ok
}
