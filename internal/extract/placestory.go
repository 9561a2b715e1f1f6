package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
	"sitrep/internal/nlp/timex"
	"sitrep/internal/resolve"
)

// sharpenStory revisits the story's place storyPlace found (loc, rule):
//
//   - a headline that carries the site's label ("Two hurt in shooting -
//     WXYZ News - Dalmera, ST") names the outlet's town in the label, not
//     the story's: the place is looked for again in the headline without
//     it;
//   - a county or state is where the story is only roughly: a town inside
//     it that the headline or the article names is where it is ("shot in
//     Dalmera County" ... "at a home in Norvale");
//   - a headline's town before a noun for people ("Norvale man hurt
//     while hunting") is where someone is from: a town of its state
//     where the lead's harm sentence places the harm is where it
//     happened;
//   - a dateline's town is where the story was filed: a town in the same
//     state that the headline names is where it happened (one named only
//     before a noun for people, only when the lead tells the harm
//     nowhere);
//   - a story that nothing above places, or only the outlet's home,
//     is where the first town the article names after a preposition
//     is (in the home's state, if there is a home).
func (p *placer) sharpenStory(a article.Article, times []nlp.Span, loc *Location, rule string) (*Location, string) {
	if p.r == nil {
		return loc, rule
	}
	p.doc = &placeDoc{a: a, times: times}
	if t := headlineWithoutSite(a.Title); t != a.Title {
		b := a
		b.Title = t
		p.story = nil // cityPart reads the story's town: not the one the label gave
		loc, rule = p.storyPlace(b, times)
		a = b
	}
	if name, ok := headlineStoryName(rule); ok && loc != nil && loc.Precision == "city" && beforePeople(a.Title, name) {
		// "Norvale teen hurt while hunting" over "... was shot while
		// hunting in Dalmera": the headline's town is where the teen
		// is from; the lead's sentence that tells the harm says where
		// it happened.
		if h, hn := p.harmPlace(a, times, loc); h != nil && h.Name != loc.Name {
			return h, fmt.Sprintf("the story's place: %q, where a sentence of the lead tells the harm (the headline's %q is where someone is from)", hn, name)
		}
	}
	if loc != nil && strings.HasSuffix(rule, "a town the article's address names") {
		// "pittsburgh.example.com/…/toddler-shot-in-mount-washington":
		// a local outlet's address names its own town's quarters and
		// streets, which a town of another state may share; its home
		// says more.
		if home, hrule := p.outletHome(); home != nil && home.Country == loc.Country && home.Admin1 != loc.Admin1 {
			loc, rule = home, hrule
		}
	}
	if loc != nil && loc.Precision == "country" {
		// "a shooting that shocked the U.S.": the whole country says
		// nothing of where; a local outlet's home in it says more.
		if home, hrule := p.outletHome(); home != nil && within(home, loc) {
			loc, rule = home, hrule
		}
	}
	if loc == nil || strings.HasSuffix(rule, "the outlet's home its address names") {
		// Nothing in the headline or lead: the first town the article
		// names further on; with an outlet's home, one in its state
		// (the text says where, the address only guesses).
		for _, s := range nlp.Sentences(a.Text) {
			for _, pm := range p.sentencePlaces(a.Text, s) {
				if overlapsSpan(times, pm.Start, pm.End) {
					continue
				}
				// A town named like the home in another state ("Bristol,
				// Tennessee" on a Bristol, Virginia station's page) is
				// the home's twin across the line, told apart on purpose.
				if l := p.resolveMention(pm); l != nil && precisionRank[l.Precision] >= precisionRank["city"] && (loc == nil || l.Country == loc.Country && (l.Admin1 == loc.Admin1 || l.Name == loc.Name)) {
					return l, fmt.Sprintf("the story's place: %q, the first town the article names", pm.Name)
				}
			}
		}
		if loc == nil {
			// Still nothing: "a 15-year-old Dalmerian boy", "a Kessin
			// County man" names the state people are from, which is
			// where a story that names no town is more often than not.
			if l, name := p.residentState(a, times); l != nil {
				return l, fmt.Sprintf("the story's place: %q, the state or county the article's people are from", name)
			}
		}
	}
	if loc != nil && !strings.HasPrefix(rule, "the story's place: dateline") {
		// "Two Dead In Norvale Shooting" over a county or a town the
		// lead names first: the town before a headline's incident noun
		// is where the incident was (a title-case headline gives the
		// rules above no names at all).
		if town, name := p.incidentTown(a, loc); town != nil && town.Name != loc.Name {
			return town, fmt.Sprintf("the story's place: %q, the town before the headline's incident noun", name)
		}
	}
	if loc != nil && loc.Precision == "admin1" {
		in := countyNames(a.Title + "\n\n" + a.Text)
		if c := datelineCounty(a.Dateline); c != "" && strings.HasPrefix(rule, "the story's place: dateline") {
			// "DALMER COUNTY, Ky. -- ... the Norvale County coroner": the
			// dateline's county is where; a town of another county the
			// story names is not.
			in = []string{c}
		}
		if counties := in; len(counties) > 0 {
			// "shot in Potter County ... a home in Amarillo": a town of
			// a county the story names before any town of the state.
			if town, name := p.townWithin(a, times, loc, true, counties); town != nil {
				return town, rule + fmt.Sprintf(" (narrowed to %q, a town the article names in a county it names)", name)
			}
		}
		counties := countyNames(a.Title + "\n\n" + a.Text)
		if len(counties) == 0 {
			// With a county named, a town of the state outside it is
			// not where: the county's seat stands for it (below).
			if town, name := p.townWithin(a, times, loc, true, nil); town != nil {
				return town, rule + fmt.Sprintf(" (narrowed to %q, a town in it the article names)", name)
			}
		}
		if c := datelineCounty(a.Dateline); c != "" {
			counties = append([]string{c}, counties...)
		}
		if seat, county := p.countySeat(loc, counties); seat != nil {
			return seat, rule + fmt.Sprintf(" (at %s, the seat of %s, the county the article names; no town of it is named)", seat.Name, county)
		}
	}
	if a.Dateline != "" && loc != nil && loc.Precision == "city" && strings.HasPrefix(rule, "the story's place: dateline") {
		// "CHARLESTON, W.Va." over "4 shot dead in Clarksburg": the
		// dateline is where the story was filed, the headline's town in
		// the same state where it happened. A town the headline names
		// only before a noun for people ("Norvale teen shot while
		// hunting") is where someone is from: it is where it happened
		// only when the lead tells the harm nowhere (below).
		region := &Location{Country: loc.Country, Admin1: loc.Admin1}
		town, name := p.townWithin(a, times, region, false, nil)
		if town != nil && town.Name != loc.Name && beforePeople(a.Title, name) {
			if h, _ := p.harmPlace(a, times, loc); h != nil {
				town = nil
			}
		}
		if town != nil && town.Name != loc.Name {
			return town, fmt.Sprintf("the story's place: %q in the headline, a town in the dateline's state (the dateline %q is where the story was filed)", name, a.Dateline)
		}
		// A title-case headline gives townWithin no names: the town
		// before its incident noun ("Mistrial In Norvale Fair Shooting").
		if town, name := p.incidentTown(a, loc); town != nil && town.Name != loc.Name {
			return town, fmt.Sprintf("the story's place: %q, the town before the headline's incident noun, in the dateline's state (the dateline %q is where the story was filed)", name, a.Dateline)
		}
		// "NORVALE, Ind. -- A couple charged in the shooting of a girl
		// in Dalmera last year...": a court or a wire bureau files from
		// its own town; the lead's sentence that tells the harm says
		// where it happened.
		if town, name := p.leadHarmTown(a, times, loc); town != nil {
			return town, fmt.Sprintf("the story's place: %q, where a sentence of the lead tells the harm, in the dateline's state (the dateline %q is where the story was filed)", name, a.Dateline)
		}
	}
	return loc, rule
}

// townWithin is the first town the headline (and, if text, the article)
// names that lies in the division region, with the name it was read
// from. A story told by its county often names the town only further on
// ("deputies were called to a home in Norvale").
//
// With counties, the town must lie in one of them (resolve.InCounty).
func (p *placer) townWithin(a article.Article, textTimes []nlp.Span, region *Location, text bool, counties []string) (*Location, string) {
	g, _ := resolve.Default()
	var name string // the name being tried, for the county test
	in := func(l *Location) bool {
		if l == nil || precisionRank[l.Precision] < precisionRank["city"] || l.Country != region.Country || l.Admin1 != region.Admin1 {
			return false
		}
		if counties == nil {
			return true
		}
		b := p.r.Resolve(name).Best
		if b == nil || g == nil {
			return false
		}
		for _, c := range counties {
			if g.InCounty(*b, c) {
				return true
			}
		}
		return false
	}
	var titleTimes []nlp.Span
	for _, e := range timex.Find(a.Title, a.Published) {
		titleTimes = append(titleTimes, nlp.Span{Start: e.Start, End: e.End})
	}
	for _, pm := range p.sentencePlaces(a.Title, nlp.Span{Start: 0, End: len(a.Title)}) {
		if overlapsSpan(titleTimes, pm.Start, pm.End) {
			continue
		}
		if name = pm.Name; in(p.resolveMention(pm)) {
			return p.resolveMention(pm), pm.Name
		}
	}
	for _, n := range p.headlineNames(a.Title, a.Text) {
		if name = n; in(p.resolve(n)) {
			return p.resolve(n), n
		}
	}
	if !text {
		return nil, ""
	}
	for _, s := range nlp.Sentences(a.Text) {
		for _, pm := range p.sentencePlaces(a.Text, s) {
			if overlapsSpan(textTimes, pm.Start, pm.End) {
				continue
			}
			if name = pm.Name; in(p.resolveMention(pm)) {
				return p.resolveMention(pm), pm.Name
			}
		}
	}
	return nil, ""
}

// headlineStoryName is the name storyPlace read the story's place from in
// the headline, by its rule.
func headlineStoryName(rule string) (string, bool) {
	rest, ok := strings.CutPrefix(rule, "the story's place: ")
	if !ok || !strings.HasSuffix(rule, "in the headline") && !strings.HasSuffix(rule, "a city the headline names") {
		return "", false
	}
	name, err := strconv.QuotedPrefix(rest)
	if err != nil {
		return "", false
	}
	name, err = strconv.Unquote(name)
	return name, err == nil
}

// beforePeople reports whether text writes name right before a noun for
// people ([residents]): "Norvale teen", "Dalmera Residents", "a Kessin
// man's death".
func beforePeople(text, name string) bool {
	for k := 0; ; {
		i := strings.Index(text[k:], name)
		if i < 0 {
			return false
		}
		k += i + len(name)
		rest := strings.Fields(text[k:])
		if len(rest) > 0 && k < len(text) && text[k] == ' ' {
			w := strings.ToLower(strings.Trim(rest[0], ",.:;!?\"'’"))
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if residentNouns()[w] {
				return true
			}
		}
	}
}

// headlineWithoutSite drops from a page title the parts that are the
// site's label, not the headline: "Two hurt in Dalmera shooting - WXYZ
// News 4 | Norvale, ST | Weather" is "Two hurt in Dalmera shooting". A
// part is a label when it has a word outlets name themselves with
// (rules/places.txt [site words]), call letters (KXYZ, WXYZ-TV) or a web
// address; every part after the first label goes with it. A label that
// opens the title goes alone when a headline follows it.
func headlineWithoutSite(title string) string {
	parts := splitTitle(title)
	if len(parts) < 2 {
		return title
	}
	if siteLabel(parts[0]) {
		parts = parts[1:]
	}
	for i := 1; i < len(parts); i++ {
		if siteLabel(parts[i]) {
			parts = parts[:i]
			break
		}
	}
	return strings.Join(parts, " - ")
}

// splitTitle cuts a title at the separators sites put between headline
// and label: " | ", " - ", " – ", " — ".
func splitTitle(title string) []string {
	r := strings.NewReplacer(" | ", "\x00", " - ", "\x00", " – ", "\x00", " — ", "\x00")
	var out []string
	for _, p := range strings.Split(r.Replace(title), "\x00") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// siteLabel reports a title part that names the site: a site word, a
// web address, or call letters in a part of at most three words (a
// headline may open with a capitalised "WHAT").
func siteLabel(part string) bool {
	words := strings.FieldsFunc(part, func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '/' })
	for _, w := range words {
		lw := strings.ToLower(w)
		if siteWords()[strings.Trim(lw, ".!?'\"")] || strings.Contains(lw, ".com") || strings.Contains(lw, ".net") {
			return true
		}
		if callLetters(w) && len(words) <= 3 {
			return true
		}
	}
	return false
}

// callLetters reports a US broadcaster's call sign: four capital letters
// starting with K or W, optionally with a suffix after a hyphen
// ("WXYZ-TV") or digits ("KXYZ5").
func callLetters(w string) bool {
	w, _, _ = strings.Cut(w, "-")
	w = strings.TrimRight(w, "0123456789")
	if len(w) != 4 || (w[0] != 'K' && w[0] != 'W') {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// countyWord finds county names: "Potter County", "St. Mary Parish",
// "Choctaw Co.", "Prince George’s County" (either apostrophe).
var countyWord = regexp.MustCompile(`\b((?:[A-Z][A-Za-z'’.-]+ ){1,3})(County|Parish|Co\.)`)

// countyWords follow a county's name: the name before one is not a town.
var countyWords = map[string]bool{"county": true, "parish": true, "co.": true}

// datelineCounty is the county a dateline names as its place, whatever
// its case ("MIAMI-DADE COUNTY, Fla.", "Floyd Co., Ind."), or "".
func datelineCounty(dl string) string {
	head, _, _ := strings.Cut(dl, ",")
	f := strings.Fields(head)
	if len(f) < 2 || !countyWords[strings.ToLower(f[len(f)-1])] {
		return ""
	}
	if strings.EqualFold(f[len(f)-1], "co.") {
		f[len(f)-1] = "County"
	}
	return strings.Join(f, " ")
}

// countyNames lists the counties a text names, as the gazetteer keys
// them ("Choctaw Co." is "Choctaw County"), first named first.
func countyNames(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range countyWord.FindAllStringSubmatch(text, -1) {
		kind := m[2]
		if kind == "Co." {
			kind = "County"
		}
		n := strings.TrimSpace(m[1]) + " " + kind
		if g, err := resolve.Default(); err == nil {
			// The longest tail of the run that is a county: "East Baton
			// Rouge Parish", but "Potter County" in "In Potter County".
			words := strings.Fields(m[1])
			for k := range words {
				if t := strings.Join(words[k:], " ") + " " + kind; g.IsCounty(t) {
					n = t
					break
				}
			}
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// placeDoc is the article a placer reads, for rules that look past the
// sentence (sharpenEvent).
type placeDoc struct {
	a     article.Article
	times []nlp.Span
}

// sharpenEvent revisits the place an event's sentence gives (best, from
// the name name) when it is a county or a state: "shot in Potter County"
// in an article that names a home in Amarillo is in Amarillo, a town of
// that county.
//
// A sentence that names only the whole country ("the deadliest attack in
// the United States") places the event no better than the story's place
// in that country does.
func (p *placer) sharpenEvent(best *Location, rule, name string) (*Location, string) {
	if best != nil && best.Precision == "country" && p.story != nil && within(p.story, best) {
		d := *p.story
		return &d, p.storyRule + fmt.Sprintf(" (more precise than %q, which holds it)", best.Name)
	}
	if best == nil || best.Precision != "admin1" || p.doc == nil || p.r == nil {
		return best, rule
	}
	if counties := countyNames(name); len(counties) > 0 {
		if town, tn := p.townWithin(p.doc.a, p.doc.times, best, true, counties); town != nil {
			return town, rule + fmt.Sprintf(" (narrowed to %q, a town the article names in that county)", tn)
		}
	}
	if p.story != nil && p.story.Precision == "city" && within(p.story, best) {
		d := *p.story
		return &d, p.storyRule + fmt.Sprintf(" (more precise than %q, which holds it)", best.Name)
	}
	if seat, county := p.countySeat(best, countyNames(name)); seat != nil {
		return seat, rule + fmt.Sprintf(" (at %s, the seat of %s; no town of it is named)", seat.Name, county)
	}
	if p.story != nil && p.story.Precision == "city" && p.story.Country == best.Country && p.story.Admin1 != best.Admin1 && len(countyNames(name)) == 0 && !p.headlineResident() {
		// "he was in Texas at the time", "last month in Florida": a
		// state named bare, with no town of it, in a story placed in a
		// town of another state is where someone was or something
		// else happened, not the story's event.
		d := *p.story
		return &d, p.storyRule + fmt.Sprintf(" (%q, another state named bare, is taken as named in passing)", best.Name)
	}
	return best, rule
}

// headlineResident reports a headline that names the story's town before a
// noun for people ("Norvale man shot while hunting"): the town is then
// where someone is from, and a state the event's sentence names may well
// be where it happened.
func (p *placer) headlineResident() bool {
	t := p.doc.a.Title
	toks := nlp.Tokens(t, nlp.Span{Start: 0, End: len(t)})
	for i, tok := range toks {
		if i > 0 && residentNouns()[strings.ToLower(tok.Text)] {
			// The words before the noun, as many as the town's name has.
			n := len(strings.Fields(p.story.Name))
			if i >= n && strings.EqualFold(t[toks[i-n].Start:toks[i-1].End], p.story.Name) {
				return true
			}
		}
	}
	return false
}

// incidentTown is the town a headline names before an incident noun (rules/places.txt [incident nouns]: "Norvale Mass
// Shooting"), in the division of the story's place loc, with the name
// read. The capitalised run before the noun is tried from its longest
// part that the article also writes; it must resolve to a town.
func (p *placer) incidentTown(a article.Article, loc *Location) (*Location, string) {
	words := strings.Fields(headlineWithoutSite(a.Title))
	for i, w := range words {
		if !placeSections()["incident nouns"][strings.ToLower(strings.Trim(w, ",.:;!?'\"’"))] {
			continue
		}
		j := i
		for j > 0 && isCapitalized(words[j-1]) && !strings.ContainsAny(words[j-1], ",:;|") && i-j < 4 {
			j--
		}
		for start := j; start < i; start++ {
			for end := i; end > start; end-- {
				name := strings.Trim(strings.Join(words[start:end], " "), ",.'’\"")
				if name == "" || !containsWord(a.Text, name) || end < i && countyWords[strings.ToLower(words[end])] {
					continue // "Beaver County Murder" names the county, not its town Beaver
				}
				l := p.resolve(name)
				if l != nil && l.Precision == "city" && l.Country == loc.Country && l.Admin1 == loc.Admin1 {
					return l, name
				}
			}
		}
	}
	return nil, ""
}

// countySeat is the seat of the first of counties that lies in the state
// region, as a place of precision "admin2" (the seat stands for the
// county, as a state's seat does for the state), with the county's name.
// A story that names a county and no town of it ("deputies were called
// to a home in Floyd County") is placed no more precisely than that.
func (p *placer) countySeat(region *Location, counties []string) (*Location, string) {
	if p.r == nil || region == nil || region.Precision != "admin1" {
		return nil, ""
	}
	g, err := resolve.Default()
	if err != nil {
		return nil, ""
	}
	for _, c := range counties {
		b := p.r.Resolve(c).Best
		if b == nil || b.Kind != "admin1" || b.Country != region.Country || b.Admin1 != region.Admin1 {
			continue
		}
		if seat, ok := g.CountySeat(c, *b); ok {
			lat, lon := seat.Lat, seat.Lon
			return &Location{Name: seat.Name, Country: seat.Country, Admin1: seat.Admin1, Admin2: c, Lat: &lat, Lon: &lon, Precision: "admin2"}, c
		}
	}
	return nil, ""
}

// leadHarmTown is the town, in the state of the dateline's town loc and
// other than it, where the lead tells the harm (harmPlace); none when it
// tells it in loc itself.
func (p *placer) leadHarmTown(a article.Article, times []nlp.Span, loc *Location) (*Location, string) {
	if l, name := p.harmPlace(a, times, loc); l != nil {
		if l.Name == loc.Name {
			// "SAN FRANCISCO -- Two Norvale residents were arrested in
			// a shooting in San Francisco's Mission": the harm told in
			// the dateline's own town is there.
			return nil, ""
		}
		return l, name
	}
	harm := placeSections()["harm words"]
	// "MORRISON – Dalmera teen Lee Kessin received probation for
	// shooting his friend": with no place told after the harm, the town
	// of the person the harm sentence names.
	for s := range leadSentences(a.Text) {
		told := false
		for _, t := range nlp.Tokens(a.Text, s) {
			told = told || harm[strings.ToLower(t.Text)]
		}
		if !told {
			continue
		}
		pms := residentMentions(a.Text, s)
		if toks := nlp.Tokens(a.Text, s); len(toks) > 1 {
			// The sentence's first words count here ("Dalmera teen ..."),
			// as the name before a noun for people they are.
			i := 0
			for i < len(toks) && i < 3 && isCapitalized(toks[i].Text) && !sentenceOpeners[toks[i].Text] {
				i++
			}
			if i > 0 && i < len(toks) && residentNouns()[strings.ToLower(toks[i].Text)] {
				pms = append([]PlaceMention{{Start: toks[0].Start, End: toks[i-1].End, Name: a.Text[toks[0].Start:toks[i-1].End], Resident: true}}, pms...)
			}
		}
		for _, pm := range pms {
			if overlapsSpan(times, pm.Start, pm.End) {
				continue
			}
			l := p.resolveMention(pm)
			if l != nil && l.Precision == "city" && l.Country == loc.Country && l.Admin1 == loc.Admin1 && l.Name != loc.Name {
				return l, pm.Name
			}
		}
	}
	return nil, ""
}

// harmPlace is the first town, in the state of loc, that a sentence of
// the opening paragraphs naming the harm ([harm words]) places something
// in after a preposition, after the harm word, with the name it was
// read from.
func (p *placer) harmPlace(a article.Article, times []nlp.Span, loc *Location) (*Location, string) {
	harm := placeSections()["harm words"]
	for s := range leadSentences(a.Text) {
		told := -1
		for _, t := range nlp.Tokens(a.Text, s) {
			if harm[strings.ToLower(t.Text)] {
				told = t.Start
				break
			}
		}
		if told < 0 {
			continue
		}
		for _, pm := range PlaceMentions(a.Text, s) {
			// Only a place after the harm word is the harm's: "two men
			// were arrested in Memphis in the shooting" names where the
			// arrest was.
			if pm.Start < told || overlapsSpan(times, pm.Start, pm.End) {
				continue
			}
			l := p.resolve(pm.Name)
			if l != nil && l.Precision == "city" && l.Country == loc.Country && l.Admin1 == loc.Admin1 {
				return l, pm.Name
			}
		}
	}
	return nil, ""
}

// residentState is the first state a name read before a noun for people
// resolves to in the headline or text ("a Georgia boy"), with the name.
func (p *placer) residentState(a article.Article, times []nlp.Span) (*Location, string) {
	for _, text := range []string{a.Title, a.Text} {
		for _, s := range nlp.Sentences(text) {
			for _, pm := range residentMentions(text, s) {
				if text == a.Text && overlapsSpan(times, pm.Start, pm.End) {
					continue
				}
				if b := p.r.Resolve(pm.Name).Best; b != nil && b.Precision == "admin1" {
					return location(b), pm.Name
				}
			}
		}
	}
	return nil, ""
}
