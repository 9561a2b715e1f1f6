package extract

import "sitrep/internal/nlp"

// shotThenDied reads a sentence whose only count is of people hit, fate
// untold, and whose predicate, further on, says they died: "A 15-year-old
// boy shot in a drive-by on Friday evening has died", "the two men shot
// outside the bar later died". The hit are then the dead. A count of dead
// or wounded the sentence already gives, or a second count of people
// between the hit and the predicate ("a man shot his wife, who died"), is
// left as it is.
func (lx *casualtyLexicon) shotThenDied(text string, toks []nlp.Token, low []string, cs []Casualty) []Casualty {
	if len(cs) != 1 || !cs[0].Shot {
		return cs
	}
	c := cs[0]
	_, last := tokenRange(toks, c.Start, c.End)
	if last < 0 {
		return cs
	}
	for j := last + 1; j < len(low); j++ {
		switch low[j] {
		case ";", ":", "(", "who", "whose", "while", "after", "before", "when", "but", "his", "her", "their":
			// another clause or another person: "shot his wife, who died".
			return cs
		}
		if matchAny(low, j, lx.laterDeaths) {
			c.Shot = false
			return []Casualty{c}
		}
	}
	return cs
}

// headlineToll takes the headline's toll as a floor for a violent main
// event when the headline itself reads as no violent event, as headlines
// that call a shooting an accident do ("Boy, 7, accidentally shot,
// killed"): its counts are still of the people the text is about. A
// headline that reads as a violent event has had its counts taken by
// headlineFacts.
//
// killedBefore is the event's dead before the headline was read: the
// wounded the event took as people shot less people killed lose those the
// headline adds to the dead ("Boy, 7, shot, killed" over a text that only
// tells him shot).
func headlineToll(title string, ev *Event, why []Reason, killedBefore int) []Reason {
	if !violent[ev.Type] {
		return why
	}
	if t, ok := sentenceTrigger(title); !ok || !violent[t.Type] {
		why = headlineCounts(title, ev, why)
	}
	added := killedMin(*ev) - killedBefore
	if added <= 0 || ev.Wounded == nil {
		return why
	}
	for k := len(why) - 1; k >= 0; k-- {
		if why[k].Field != "wounded" {
			continue
		}
		if why[k].Rule != shotLessKilled || why[k].Value != ev.Wounded.String() {
			return why // the wounded are a count the text gives
		}
		w := Count{Min: max(0, ev.Wounded.Min-added)}
		if ev.Wounded.Max != nil {
			m := max(w.Min, *ev.Wounded.Max-added)
			w.Max = &m
		}
		ev.Wounded = &w
		return append(why, Reason{Field: "wounded", Value: w.String(), Rule: shotLessKilled + ", the headline's dead among them", Sentence: title})
	}
	return why
}

// shotLessKilled is the rule by which an event's wounded are the people
// shot less the people killed.
const shotLessKilled = "people shot less people killed in the event"
