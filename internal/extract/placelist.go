package extract

import (
	_ "embed"
	"strings"
	"sync"

	"sitrep/internal/nlp"
	"sitrep/internal/wordlist"
)

//go:embed rules/placelists.txt
var placeListRules string

var divisionNouns = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for section, lines := range wordlist.Sections(placeListRules) {
		if section != "divisions" && section != "streets" {
			panic("extract: rules/placelists.txt: entry outside [divisions] and [streets]: " + lines[0])
		}
		for _, l := range lines {
			out[strings.ToLower(l)] = true
		}
	}
	return out
})

// placeList returns the towns of a list the sentence places its event in
// ("guerrillas attacked the town halls in Dalmera, Norvale and Kessin"),
// nil when it names no such list. ACLED codes one event per place, and so
// do the MUC-4 keys: attacks told together in several towns are as many
// incidents. A list counts only when its names are joined by commas and
// an "and", each resolves to a different town (city precision or finer),
// none in the next ("in Dalmera, Texas" is one place), and no division
// noun follows it ("in the Dalmera and Norvale departments").
func (p *placer) placeList(text string, s nlp.Span, times []nlp.Span) []*Location {
	if p.r == nil {
		return nil
	}
	for _, l := range p.lists(text, s, times) {
		items, k, toks := l.items, l.next, l.toks
		if k < len(toks) && divisionNouns()[strings.ToLower(strings.TrimSuffix(toks[k].Text, "."))] {
			continue
		}
		var out []*Location
		seen := map[string]bool{}
		ok := true
		for _, it := range items {
			loc := p.resolve(it.Name)
			if loc == nil || precisionRank[loc.Precision] < precisionRank["city"] || seen[loc.Name] {
				ok = false
				break
			}
			seen[loc.Name] = true
			out = append(out, loc)
		}
		if ok {
			return out
		}
	}
	return nil
}

// placeNameList is a list of place names a sentence places something in
// ("in Dalmera, Norvale and Kessin"): its items, the sentence's tokens,
// and the index of the token after the list.
type placeNameList struct {
	items []PlaceMention
	toks  []nlp.Token
	next  int
}

// lists returns the lists of two or more place names after "in" that the
// sentence writes with commas and an "and", in order. No item is a time
// expression or a name read before a noun for people.
func (p *placer) lists(text string, s nlp.Span, times []nlp.Span) []placeNameList {
	toks := nlp.Tokens(text, s)
	var out []placeNameList
	for _, pm := range p.sentencePlaces(text, s) {
		if pm.Resident || overlapsSpan(times, pm.Start, pm.End) {
			continue
		}
		k := 0
		for k < len(toks) && toks[k].Start < pm.End {
			k++
		}
		if !inBefore(toks, pm.Start) {
			// "between Dalmera and Norvale", "at Elm and Main" (a
			// corner) name one place.
			continue
		}
		items := []PlaceMention{pm}
		joined := false
		if parts := splitListName(pm); len(parts) > 1 {
			// In text with case the name reader takes the list whole
			// ("Dalmera, Norvale and Kessin"), joined by its commas
			// and "and".
			items, joined = parts, true
		}
		for !joined && k < len(toks) {
			j := k
			comma := toks[j].Text == ","
			if comma {
				j++
			}
			and := j < len(toks) && strings.EqualFold(toks[j].Text, "and")
			if and {
				j++
			}
			if !comma && !and {
				break
			}
			item, next, ok := p.listName(text, toks, j)
			if !ok || overlapsSpan(times, item.Start, item.End) {
				break
			}
			items = append(items, item)
			k = next
			if and {
				joined = true
				break
			}
		}
		if joined && len(items) >= 2 {
			out = append(out, placeNameList{items, toks, k})
		}
	}
	return out
}

// minSummaryCountries is the least number of countries a list must name
// for its sentence to be a summary: "fought the group in Libya, Mali and
// Niger" tells of many battles over years, not of an incident ACLED
// codes. Two countries may be one cross-border incident.
const minSummaryCountries = 3

// summaryList reports whether the sentence places what it tells in a list
// naming minSummaryCountries or more countries at once.
func (p *placer) summaryList(text string, s nlp.Span, times []nlp.Span) bool {
	if p.r == nil {
		return false
	}
	for _, l := range p.lists(text, s, times) {
		seen := map[string]bool{}
		for _, it := range l.items {
			// With a comma before the "and" the name reader takes
			// the names before it whole ("Libya, Mali, and Niger");
			// a town and its state ("Dalmera, Texas") are one
			// country either way.
			for _, nm := range strings.Split(it.Name, ",") {
				if loc := p.resolve(strings.TrimSpace(nm)); loc != nil && loc.Country != "" {
					seen[loc.Country] = true
				}
			}
		}
		if len(seen) >= minSummaryCountries {
			return true
		}
	}
	return false
}

// listName reads the name that starts a list item at toks[j]: in text
// without case the longest run of words the gazetteer knows as a place,
// else a capitalised run. next is the token after it.
func (p *placer) listName(text string, toks []nlp.Token, j int) (PlaceMention, int, bool) {
	if p.caseless {
		if p.g == nil {
			return PlaceMention{}, 0, false
		}
		for n := min(maxCaselessName, len(toks)-j); n >= 1; n-- {
			words := true
			for _, t := range toks[j : j+n] {
				if t.Kind != nlp.Word {
					words = false
					break
				}
			}
			if !words {
				continue
			}
			nm := text[toks[j].Start:toks[j+n-1].End]
			if p.g.CaselessName(nm) && !ownerNotPlace(toks, j+n) {
				return PlaceMention{Start: toks[j].Start, End: toks[j+n-1].End, Name: nm}, j + n, true
			}
		}
		return PlaceMention{}, 0, false
	}
	e := j
	for e < len(toks) && (isNamePart(toks[e].Text, e > j) || (e > j && isNameJoiner(toks, e))) {
		e++
	}
	for e > j && !isNamePart(toks[e-1].Text, e-1 > j) {
		e--
	}
	if e == j || ownerNotPlace(toks, e) {
		return PlaceMention{}, 0, false
	}
	return PlaceMention{Start: toks[j].Start, End: toks[e-1].End, Name: text[toks[j].Start:toks[e-1].End]}, e, true
}

// listMentions adds to ms, whose last mention m tells an event in a list
// of towns (placeList), a telling for each town of the list but m's own:
// the same trigger, date, hedges and arguments in another place. m takes
// the list's first town when it has no place of its own or only the
// story's (standIn): the name reader, which reads a list whole, resolves
// none. The dead and wounded the sentence tells stay with m, since the
// sentence does not say how they are shared. Nothing is added when m is
// placed elsewhere than in the list.
func listMentions(ms []mention, locs []*Location, standIn bool) []mention {
	m := &ms[len(ms)-1]
	own := false
	for _, l := range locs {
		own = own || m.place != nil && l.Name == m.place.Name
	}
	if !own {
		if m.place != nil && !standIn {
			return ms
		}
		m.place, m.storyPlace = locs[0], false
		m.why = placeReason(m.why, locs[0])
	}
	base := *m
	for _, l := range locs {
		if l.Name == base.place.Name {
			continue
		}
		c := base
		c.place, c.listCopy = l, true
		c.killed, c.wounded, c.shot, c.killedMore = nil, nil, nil, false
		c.victims, c.lone, c.riders = nil, nil, nil
		var why []Reason
		for _, r := range placeReason(base.why, l) {
			switch r.Field {
			case "killed", "wounded":
				continue
			}
			why = append(why, r)
		}
		c.why = why
		ms = append(ms, c)
	}
	return ms
}

// placeReason is why with its location reason (added if missing) saying
// the event is placed in l, one town of a list.
func placeReason(why []Reason, l *Location) []Reason {
	out := make([]Reason, 0, len(why)+1)
	found := false
	sentence := ""
	for _, r := range why {
		sentence = r.Sentence
		if r.Field == "location" {
			r.Value = l.Name + ", " + l.Country
			r.Rule = "one of a list of towns the sentence places the event in, each its own event"
			found = true
		}
		out = append(out, r)
	}
	if !found {
		out = append(out, Reason{Field: "location", Value: l.Name + ", " + l.Country, Sentence: sentence,
			Rule: "one of a list of towns the sentence places the event in, each its own event"})
	}
	return out
}

// splitListName splits a place name read whole across a list's commas
// and "and" into the list's names ("Dalmera, Norvale and Kessin"); a name
// with no "and" is returned whole, since "Dalmera, Texas" is one place.
func splitListName(pm PlaceMention) []PlaceMention {
	name := pm.Name
	and := strings.LastIndex(name, " and ")
	if and < 0 {
		return []PlaceMention{pm}
	}
	var out []PlaceMention
	start := 0
	cut := func(end int) {
		nm := strings.TrimSpace(name[start:end])
		lead := len(name[start:end]) - len(strings.TrimLeft(name[start:end], " "))
		out = append(out, PlaceMention{Start: pm.Start + start + lead, End: pm.Start + start + lead + len(nm), Name: nm})
	}
	for start < and {
		end := strings.Index(name[start:and], ",")
		if end < 0 {
			cut(and)
			break
		}
		cut(start + end)
		start += end + 1
	}
	start = and + len(" and ")
	cut(len(name))
	for _, it := range out {
		if it.Name == "" {
			return []PlaceMention{pm}
		}
	}
	return out
}

// inBefore reports "in" before the name starting at start, through the
// words that lead a place name ("in the towns of Dalmera, ..."): the list
// of towns something happened in. "between Dalmera and Norvale" and "at
// Elm and Main" (a street corner) each name one place.
func inBefore(toks []nlp.Token, start int) bool {
	k := 0
	for k < len(toks) && toks[k].Start < start {
		k++
	}
	j := k - 1
	for j >= 0 && (placeLeadWords[strings.ToLower(toks[j].Text)] || listLeadWords[strings.ToLower(toks[j].Text)]) {
		j--
	}
	return j >= 0 && strings.EqualFold(toks[j].Text, "in")
}

// listLeadWords are the plural nouns that lead a list of places ("in the
// towns of").
var listLeadWords = map[string]bool{"towns": true, "cities": true, "villages": true, "municipalities": true, "hamlets": true, "communities": true}
