package extract

import (
	"strings"
)

// WithoutCount drops the count and size words a phrase opens with: "two
// vehicles" → "vehicles", "a large gas station" → "gas station". A
// template that keeps the number of things hit in a slot of its own
// (MUC-4's PHYS TGT NUMBER) names them without it. Numbers, quantity and
// size words are rules/arguments.txt's [not_names] minus the calendar
// words; a phrase made only of them is returned whole.
func WithoutCount(s string) string {
	lx := arguments()
	ws := argWords(s)
	k := 0
	for k < len(ws) {
		w := ws[k]
		if w.quote || !(lx.countWords[w.lower] || isDigit(w.lower[0]) || lx.determiners.match(ws, k) > 0 && !w.punct) {
			break
		}
		k++
	}
	if k == 0 || k == len(ws) {
		return s
	}
	return strings.TrimSpace(s[ws[k].start:])
}

// nameReach is how many words before a surname fullNames reads a given
// name: "luis carlos galan sarmiento" is the longest usual form.
const nameReach = 3

// fullNames gives each named victim the fullest form of the name the
// article writes: a report names a person in full once ("the labour
// leader hector oqueli") and by the surname after ("oqueli was
// kidnapped"), and a reader knows the two are one person. The fuller
// form is the words just before an occurrence of the name that can be
// part of a name: no title or other people noun of [people], no stop
// word, count, verb of harm or attack, or word of [name_breaks]
// (nationality adjectives: "guatemalan"). Linear in the text per
// victim.
func fullNames(text string, evs []Event) {
	lx := arguments()
	var ws []argWord // the text's words, read once when a victim needs them
	for k := range evs {
		for v := range evs[k].Victims {
			p := &evs[k].Victims[v]
			if p.Kind != "person" || len(strings.Fields(p.Name)) > 2 {
				continue
			}
			if ws == nil {
				ws = argWords(text)
			}
			if full := lx.fullName(text, ws, p.Name); full != "" {
				p.Name = full
			}
		}
	}
}

// fullName finds the longest form of name in the text that adds given
// names before it (see fullNames), or "".
func (lx *argumentLexicon) fullName(text string, ws []argWord, name string) string {
	nw := argWords(name)
	if len(nw) == 0 {
		return ""
	}
	best, bestLen := "", 0
	for i := 0; i+len(nw) <= len(ws); i++ {
		match := true
		for k := range nw {
			if ws[i+k].lower != nw[k].lower {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		j := i
		for j > 0 && i-j < nameReach && lx.givenName(ws, j-1) {
			j--
		}
		if n := i - j; n > bestLen {
			best, bestLen = text[ws[j].start:ws[i+len(nw)-1].end], n
		}
	}
	return best
}

// givenName reports whether word k can be a given name or a first
// surname standing before another part of a name.
func (lx *argumentLexicon) givenName(ws []argWord, k int) bool {
	w := ws[k]
	if w.punct || w.quote || len(w.lower) < 2 || isDigit(w.lower[0]) || isAdverb(w.lower) || isGerund(w.lower) {
		return false
	}
	if lx.stop[w.lower] || lx.notNames[w.lower] || lx.nameBreaks[w.lower] || len(lx.people[w.lower]) > 0 ||
		len(lx.individuals[w.lower]) > 0 || len(lx.organizations[w.lower]) > 0 || len(lx.facilities[w.lower]) > 0 {
		return false
	}
	return lx.determiners.match(ws, k) == 0 && lx.harmVerbs.match(ws, k) == 0 && lx.attackVerbs.match(ws, k) == 0 &&
		lx.blastVerbs.match(ws, k) == 0 && lx.victimIntros.match(ws, k) == 0
}
