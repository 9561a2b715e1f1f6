package extract

import "sitrep/internal/nlp"

// precedingWeapons gives a violent event the weapons named in the
// sentence just before its first telling, in the same paragraph, when
// that sentence tells no event of its own: "There was a lot of machinegun
// fire. Two guards were killed at the gate." contextArguments reads the
// sentences after a telling; a report sets the scene one sentence before
// it as often, and says there what the attack was made with.
//
// Linear in the number of sentences and events.
func precedingWeapons(text string, sents []nlp.Span, evs []Event, why [][]Reason) {
	if len(evs) == 0 {
		return
	}
	ri := newRuneIndex(text, sents)
	at := make(map[int]int, len(sents)) // sentence start (characters) -> sentence
	for i, s := range sents {
		at[ri[s.Start]] = i
	}
	told := make(map[int]bool, len(sents)) // sentences that are some event's evidence
	first := make([]int, len(evs))         // each event's first sentence, -1 if none
	for k, ev := range evs {
		first[k] = -1
		for _, e := range ev.Evidence {
			if i, ok := at[e.Start]; ok {
				told[i] = true
				if first[k] < 0 || i < first[k] {
					first[k] = i
				}
			}
		}
	}
	paras := paragraphIndex(text, sents)
	for k := range evs {
		i := first[k] - 1
		if !violent[evs[k].Type] || i < 0 || told[i] || paras[i] != paras[i+1] {
			continue
		}
		st := text[sents[i].Start:sents[i].End]
		for _, w := range SentenceArguments(st).Weapons {
			n := len(evs[k].Weapons)
			evs[k].Weapons = addString(evs[k].Weapons, w)
			if len(evs[k].Weapons) > n {
				why[k] = append(why[k], Reason{Field: "weapons", Value: w, Sentence: st,
					Rule: "weapon phrase in the sentence before the event's first telling, which tells no event (rules/arguments.txt)"})
			}
		}
	}
}
