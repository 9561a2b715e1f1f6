package extract

import (
	"sort"
	"strings"

	"sitrep/internal/nlp"
)

// Within-article event coreference.
//
// merge joins the sentences that tell one incident while they agree in
// type, date and place and follow each other closely. A report often
// tells its incident again further on, in other words: "guerrillas
// attacked the farm ... the attack left two dead", "a car bomb exploded
// ... the explosion destroyed the building". Those later tellings become
// events of their own when the retelling is coded as another sub-type or
// carries a vaguer date, and one incident is then counted two or three
// times. An ACLED coder reads the report as a whole and codes the
// incident once; corefer does the same after merge: a violent event whose
// telling refers back to an earlier one with a definite phrase is folded
// into it. Two attacks on different days or in different towns never
// merge: their dates or places disagree.
//
// Being told for the same day alone is not enough: on MUC-4's training
// documents that rule merged separate incidents of one day's report
// (micro F1 25.07 -> 24.92), so only a phrase that refers back merges.

// wholeReport reads an article's events as a coder reads the whole report:
// later tellings of an incident are folded into it (corefer), then the
// sentences around each telling add who did it and who was hit
// (contextArguments).
func wholeReport(text string, sents []nlp.Span, evs []Event, why [][]Reason) ([]Event, [][]Reason) {
	evs, why = corefer(evs, why)
	contextArguments(text, sents, evs, why)
	pronounAgents(text, sents, evs, why)
	storyGroups(text, sents, evs, why)
	fullNames(text, evs)
	return evs, why
}

// corefer folds each violent event that retells an earlier one into it and
// returns the events, still in order of salience (a merged event stands
// where the more salient of its parts stood), with their reasons.
//
// Events are visited in the order the text first tells them; a retelling
// refers to the nearest compatible event told before it, as a definite
// phrase in running text does. The work is quadratic in the number of
// events, which a single article keeps small (tens at most).
func corefer(evs []Event, why [][]Reason) ([]Event, [][]Reason) {
	if len(evs) < 2 {
		return evs, why
	}
	order := make([]int, len(evs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return firstTold(evs[order[a]]) < firstTold(evs[order[b]]) })
	into := make([]int, len(evs)) // the event each was folded into, or itself
	for i := range into {
		into[i] = i
	}
	var kept []int // events not folded, in text order
	for _, b := range order {
		target := -1
		if violent[evs[b].Type] {
			ana := retells(evs[b])
			for k := len(kept) - 1; k >= 0; k-- {
				a := kept[k]
				if corefers(evs[a], evs[b], ana) {
					target = a
					break
				}
			}
		}
		if target < 0 {
			kept = append(kept, b)
			continue
		}
		into[b] = target
		evs[target] = fold(evs[target], evs[b])
		why[target] = append(why[target], Reason{Field: "coreference", Value: firstEvidence(evs[b]),
			Rule: "a later telling of the same incident (compatible type, date and place; a definite phrase refers back): arguments pooled, counts the largest either gives"})
		why[target] = append(why[target], why[b]...)
	}
	// The merged event takes the place of its most salient part.
	rank := make([]int, len(evs))
	for i := range rank {
		rank[i] = i
	}
	for b, a := range into {
		if b != a && b < rank[a] {
			rank[a] = b
		}
	}
	var out []int
	for i := range evs {
		if into[i] == i {
			out = append(out, i)
		}
	}
	sort.SliceStable(out, func(x, y int) bool { return rank[out[x]] < rank[out[y]] })
	resEv := make([]Event, len(out))
	resWhy := make([][]Reason, len(out))
	for k, i := range out {
		resEv[k], resWhy[k] = evs[i], why[i]
	}
	return resEv, resWhy
}

// firstTold is where the text first tells an event.
func firstTold(ev Event) int {
	if len(ev.Evidence) == 0 {
		return 1 << 30
	}
	first := ev.Evidence[0].Start
	for _, e := range ev.Evidence[1:] {
		first = min(first, e.Start)
	}
	return first
}

func firstEvidence(ev Event) string {
	if len(ev.Evidence) == 0 {
		return ""
	}
	return ev.Evidence[0].Text
}

// retells reports whether an event's own sentences refer back to an
// incident already told: a definite phrase whose head is an event noun
// ("the attack", "the terrorist attack", "this criminal bombing").
func retells(ev Event) bool {
	for _, e := range ev.Evidence {
		if hasRetelling(e.Text) {
			return true
		}
	}
	return false
}

// corefers says whether event b, told after a, is a retelling of a:
// both violent, types that one incident can be coded as, dates and places
// that do not disagree, and a definite phrase referring back in b's
// sentences (anaphoric).
func corefers(a, b Event, anaphoric bool) bool {
	if !violent[a.Type] || !violent[b.Type] {
		return false
	}
	if !samePlace(a.Location, b.Location) {
		return false
	}
	// A date is a date even when only the lead's implicit week: an
	// incident of 1999 recalled in a 2024 report is not the report's.
	if !a.Date.overlaps(b.Date) {
		return false
	}
	if !oneIncident(a.Subtype, b.Subtype) {
		return false
	}
	return anaphoric
}

// oneIncident reports whether one incident can be coded as both
// sub-types: the same one, or a generic attack or clash and a specific
// telling of it ("the attack" and "a car bomb"). Territory changing hands
// is an outcome, not a telling of the attack that caused it, and two
// specific sub-types (a grenade, a kidnapping) are two acts.
func oneIncident(a, b string) bool {
	if a == b {
		return true
	}
	if territorial[a] || territorial[b] {
		return false
	}
	return refines(a, b) || refines(b, a)
}

// territorial are the sub-types that code who holds ground.
var territorial = map[string]bool{"government_regains_territory": true, "non_state_actor_overtakes_territory": true}

// samePlace reports whether two places can be where one incident happened:
// the same country, and not two different towns.
func samePlace(a, b *Location) bool {
	if a == nil || b == nil {
		return true
	}
	if a.Country != b.Country {
		return false
	}
	return precisionRank[a.Precision] < precisionRank["city"] || precisionRank[b.Precision] < precisionRank["city"] || a.Name == b.Name
}

// fold adds event b, a retelling, to a: arguments pooled, evidence kept in
// text order, each count the largest either telling gives (the same dead
// are never added up), the date and place the more precise.
func fold(a, b Event) Event {
	if refines(a.Subtype, b.Subtype) {
		a.Type, a.Subtype, a.AttackType = b.Type, b.Subtype, b.AttackType
	}
	if b.Killed != nil {
		a.Killed = maxCount(a.Killed, b.Killed)
	}
	if b.Wounded != nil {
		a.Wounded = maxCount(a.Wounded, b.Wounded)
	}
	if b.Date != nil && (a.Date == nil || a.Date.Text == "" && b.Date.Text != "") {
		a.Date = b.Date
	}
	if b.Location != nil && (a.Location == nil || precisionRank[b.Location.Precision] > precisionRank[a.Location.Precision]) {
		a.Location = b.Location
	}
	if a.Certainty == Reported && b.Certainty != "" {
		a.Certainty = b.Certainty
	}
	for _, c := range b.Claims {
		if !hasClaim(a.Claims, c) {
			a.Claims = append(a.Claims, c)
		}
	}
	a.Perpetrators = pool(a.Perpetrators, b.Perpetrators)
	a.Targets = pool(a.Targets, b.Targets)
	a.Victims = pool(a.Victims, b.Victims)
	for _, w := range b.Weapons {
		a.Weapons = addString(a.Weapons, w)
	}
	ev := append([]Evidence{}, a.Evidence...)
	for _, e := range b.Evidence {
		dup := false
		for _, f := range ev {
			dup = dup || f.Start == e.Start
		}
		if !dup {
			ev = append(ev, e)
		}
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Start < ev[j].Start })
	a.Evidence = ev
	return a
}

// pool appends the participants of b that a does not name yet.
func pool(a, b []Participant) []Participant {
	for _, p := range b {
		a = addParticipant(a, p)
	}
	return a
}

// hasRetelling reports a definite phrase referring back to an event: a
// determiner of rules/arguments.txt's [retell_determiners], up to two
// modifiers, and an event noun of [retell_heads] ("the attack", "the
// dynamite attack", "this criminal bombing").
func hasRetelling(sentence string) bool {
	lx := arguments()
	ws := argWords(strings.ToLower(sentence))
	for i, w := range ws {
		if !lx.retellDets[w.lower] {
			continue
		}
		for k := i + 1; k < len(ws) && k <= i+3; k++ {
			if ws[k].punct || ws[k].quote {
				break
			}
			if lx.retellHeads[ws[k].lower] {
				return true
			}
		}
	}
	return false
}
