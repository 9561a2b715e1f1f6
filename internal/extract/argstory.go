package extract

import (
	"strings"

	"sitrep/internal/nlp"
)

// storyGroups gives a violent event whose perpetrators are only fighters
// named by a generic noun ("guerrillas", "urban commandos", "the
// terrorists", see rules/arguments.txt [group_fighters]) the armed group
// the article names, when it names exactly one (not as the side attacked,
// see groupsIn): a report on the FMLN's offensive that says "rebels blew
// up the pylons" means the FMLN's rebels, as a coder reads it. An article
// that names two groups or none is left alone: which group's fighters
// they were is not told.
//
// Linear in the number of sentences and events.
func storyGroups(text string, sents []nlp.Span, evs []Event, why [][]Reason) {
	// Which events qualify is cheap to tell; naming the article's groups
	// looks every phrase of every sentence up in the actor catalog, so it
	// runs only for an article that has such an event (most have none).
	lx := arguments()
	var generic []int
	for k := range evs {
		if lx.genericPerpetrators(&evs[k]) {
			generic = append(generic, k)
		}
	}
	if len(generic) == 0 {
		return
	}
	var group *Participant
	where := ""
	for _, s := range sents {
		st := text[s.Start:s.End]
		for _, g := range knownGroups(st) {
			switch {
			case group == nil:
				p := g
				group, where = &p, st
			case *group.Actor != *g.Actor:
				return // two groups: whose fighters is not told
			}
		}
	}
	if group == nil {
		return
	}
	for _, k := range generic {
		ev := &evs[k]
		g := *group
		actor := *group.Actor // each event its own copy
		g.Actor = &actor
		ev.Perpetrators = append(ev.Perpetrators, g)
		why[k] = append(why[k], Reason{Field: "perpetrators", Value: group.Name,
			Rule:     "fighters named by a generic noun (rules/arguments.txt [group_fighters]); the one armed group the article names",
			Sentence: where})
	}
}

// genericPerpetrators reports a violent event whose perpetrators are all
// fighters named by a generic noun.
func (lx *argumentLexicon) genericPerpetrators(ev *Event) bool {
	if !violent[ev.Type] || len(ev.Perpetrators) == 0 {
		return false
	}
	for _, p := range ev.Perpetrators {
		if p.Kind != "person" && p.Kind != "unknown" || !lx.fighters(p.Name) {
			return false
		}
	}
	return true
}

// fighters reports whether a perpetrator's phrase ends in a generic noun
// for an armed group's fighters ("the urban guerrillas", "five rebels").
func (lx *argumentLexicon) fighters(name string) bool {
	ws := argWords(strings.ToLower(name))
	return len(ws) > 0 && lx.groupFighters.endsAt(ws, len(ws)-1) > 0
}
