package extract

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"sitrep/internal/nlp"
	"sitrep/internal/resolve"
)

// headlineFacts adds to the main event what the headline says of it: who
// claims or blames ("Why Russia Blames Ukraine") and who did it ("Why
// ISIS Attacked Russia"). A headline is a sentence about the story's main
// event, but it is not in the text, so no trigger there makes an event of
// its own.
func headlineFacts(title string, ev *Event, why []Reason) []Reason {
	if strings.TrimSpace(title) == "" || !violent[ev.Type] {
		return why
	}
	_, claims := Certainty(title)
	var add Event
	for _, c := range claims {
		if c.By == "" || (c.Kind != "blames" && c.Kind != "claims_responsibility") || hasClaim(ev.Claims, c) {
			continue
		}
		ev.Claims = append(ev.Claims, c)
		why = append(why, Reason{Field: "claims", Value: strings.TrimSpace(c.By + " " + c.Kind + " " + c.Against),
			Rule: "claim pattern in the headline (codebook/certainty.yaml)", Sentence: title})
		if c.Kind == "claims_responsibility" {
			add.Perpetrators = addParticipant(add.Perpetrators, Participant{Name: c.By, Kind: "organization"})
		}
	}
	if t, ok := sentenceTrigger(title); ok && violent[t.Type] {
		for _, p := range SentenceArguments(title).Perpetrators {
			add.Perpetrators = addParticipant(add.Perpetrators, p)
		}
		why = headlineCounts(title, ev, why)
	}
	return addResolved(ev, add, why, "the headline", title)
}

// headlineCounts takes the headline's toll as a floor for the main
// event's: "3 dead, 1 hurt in ... shooting" when the text spreads the dead
// over sentences that each name one. Those shot, fate untold, are wounded
// once the dead are taken out, as in the text.
func headlineCounts(title string, ev *Event, why []Reason) []Reason {
	var shot *Count
	for _, c := range HeadlineCasualties(title) {
		c := c
		switch {
		case c.Shot:
			shot = maxCount(shot, &c.Count)
			continue
		case c.Wounded:
			if ev.Wounded != nil && ev.Wounded.Min >= c.Count.Min {
				continue
			}
			ev.Wounded = maxCount(ev.Wounded, &c.Count)
		default:
			if ev.Killed != nil && ev.Killed.Min >= c.Count.Min {
				continue
			}
			ev.Killed = maxCount(ev.Killed, &c.Count)
		}
		field := "killed"
		if c.Wounded {
			field = "wounded"
		}
		why = append(why, Reason{Field: field, Value: c.Count.String(), Rule: fmt.Sprintf("casualty phrase %q in the headline", c.Text), Sentence: title})
	}
	if shot != nil {
		w := shot.Min
		if ev.Killed != nil {
			w = max(0, w-ev.Killed.Min)
		}
		if ev.Wounded == nil || ev.Wounded.Min < w {
			ev.Wounded = &Count{Min: w, Max: &w}
			why = append(why, Reason{Field: "wounded", Value: ev.Wounded.String(), Rule: "people shot in the headline less people killed in the event", Sentence: title})
		}
	}
	return why
}

// addResolved resolves the participants of add to catalog actors with ev's
// country as context and appends those ev does not have yet.
func addResolved(ev *Event, add Event, why []Reason, from, sentence string) []Reason {
	if len(add.Perpetrators) == 0 {
		return why
	}
	add.Location = ev.Location
	var rs []Reason
	rs = resolveActors(&add, rs)
	for _, p := range add.Perpetrators {
		dup := false
		for _, q := range ev.Perpetrators {
			if strings.EqualFold(q.Name, p.Name) || (p.Actor != nil && q.Actor != nil && *p.Actor == *q.Actor) {
				dup = true
			}
		}
		if !dup {
			ev.Perpetrators = append(ev.Perpetrators, p)
			why = append(why, Reason{Field: "perpetrators", Value: p.Name, Rule: "attacker named in " + from, Sentence: sentence})
		}
	}
	for _, r := range rs {
		r.Sentence = sentence
		why = append(why, r)
	}
	return why
}

func hasClaim(cs []Claim, c Claim) bool {
	for _, d := range cs {
		if strings.EqualFold(d.By, c.By) && d.Kind == c.Kind && strings.EqualFold(d.Against, c.Against) {
			return true
		}
	}
	return false
}

// attributions reads the sentences that tell of no event themselves but
// say who is suspected of, claimed or is blamed for one ("the Northern
// Front, whose fighters are suspected of the Dalmera Port bombing"), and
// gives that to the event they name: the one whose evidence shares a name
// of two or more capitalised words with the sentence. A
// sentence that names no such event is left alone: guessing would pin an
// accusation on the wrong incident.
//
// Evidence offsets are characters while sentence spans are bytes: every
// comparison between them goes through the rune index, or text with
// accents or curly quotes would shift sentences against their events.
func attributions(text string, sents []nlp.Span, triggered map[int]bool, evs []Event, why [][]Reason) {
	ri := newRuneIndex(text, sents)
	// Each event's names, once, so that each sentence costs a few map
	// lookups and the article stays linear.
	named := map[string]int{}
	for k := len(evs) - 1; k >= 0; k-- {
		for _, e := range evs[k].Evidence {
			for _, n := range capitalisedNames(e.Text) {
				named[n] = k
			}
		}
	}
	// told[i] is whether an event's evidence lies in sentence i: a
	// sentence with a trigger that made no event of its own ("... claimed
	// responsibility for the attack") may still refer to one.
	told := make(map[int]bool, len(evs))
	for _, ev := range evs {
		for _, e := range ev.Evidence {
			// Sentences are in text order: find the first ending after
			// the evidence starts, then walk while they overlap it.
			for i := sort.Search(len(sents), func(i int) bool { return ri[sents[i].End] > e.Start }); i < len(sents) && ri[sents[i].Start] < e.End; i++ {
				told[i] = true
			}
		}
	}
	for i, s := range sents {
		if triggered[i] && told[i] {
			continue
		}
		st := text[s.Start:s.End]
		// The cheap test first: most sentences name no event.
		k := -1
		if !triggered[i] {
			k = namedEvent(st, named)
		}
		if k < 0 && hasAnaphor(st) {
			// "The Islamic State claimed responsibility for the attack":
			// a sentence referring back to an event with a definite
			// phrase means the nearest violent one told before it.
			k = precedingEvent(evs, ri[s.Start])
		}
		if k < 0 {
			continue
		}
		certainty, claims := Certainty(st)
		if certainty != Suspected && certainty != Alleged && certainty != Claimed {
			continue
		}
		ev := &evs[k]
		var add Event
		for _, c := range claims {
			if c.By == "" || hasClaim(ev.Claims, c) {
				continue
			}
			ev.Claims = append(ev.Claims, c)
			why[k] = append(why[k], Reason{Field: "claims", Value: strings.TrimSpace(c.By + " " + c.Kind + " " + c.Against),
				Rule: "claim pattern in a sentence naming the event (codebook/certainty.yaml)", Sentence: st})
			if c.Kind == "claims_responsibility" {
				add.Perpetrators = addParticipant(add.Perpetrators, Participant{Name: c.By, Kind: "organization"})
			}
		}
		if certainty != Claimed {
			if name := leadingName(st); name != "" {
				if m := resolve.ResolveActor(name, resolve.ActorContext{Role: "perpetrator"}); m.Resolved && m.ParticipantKind() == "organization" {
					add.Perpetrators = addParticipant(add.Perpetrators, Participant{Name: name, Kind: "organization"})
				}
			}
		}
		why[k] = addResolved(ev, add, why[k], fmt.Sprintf("a sentence that names the event and is %s", certainty), st)
	}
}

// precedingEvent returns the index of the violent event whose evidence
// ends nearest before offset (in characters, as evidence is), or -1.
func precedingEvent(evs []Event, offset int) int {
	best, bestEnd := -1, -1
	for k, ev := range evs {
		if !violent[ev.Type] {
			continue
		}
		for _, e := range ev.Evidence {
			if e.End <= offset && e.End > bestEnd {
				best, bestEnd = k, e.End
			}
		}
	}
	return best
}

// namedEvent returns the index of the event whose evidence names one of
// the multi-word capitalised names the sentence gives, or -1; named maps
// each such name of the events to the most salient event naming it.
func namedEvent(sentence string, named map[string]int) int {
	for _, name := range capitalisedNames(sentence) {
		if k, ok := named[name]; ok {
			return k
		}
	}
	return -1
}

// capitalisedNames lists the runs of two or more capitalised words in s
// ("Dalmera Port Authority"), skipping the sentence's first word.
func capitalisedNames(s string) []string {
	var out []string
	words := strings.Fields(s)
	clean := make([]string, len(words))
	for i, w := range words {
		clean[i] = strings.Trim(w, ",;:.\"“”()")
	}
	start := -1
	flush := func(end int) {
		if start >= 0 && end-start >= 2 {
			out = append(out, strings.Join(clean[start:end], " "))
		}
		start = -1
	}
	for i, w := range clean {
		r := []rune(w)
		capital := len(r) > 1 && unicode.IsUpper(r[0]) && i > 0
		if capital && start < 0 {
			start = i
		}
		if !capital {
			flush(i)
			continue
		}
		if strings.ContainsAny(words[i], ",;:.)") {
			flush(i + 1)
		}
	}
	flush(len(words))
	return out
}

// leadingName is a sentence's opening name, up to the first comma,
// parenthesis or verb-like word: "ISIS-Khorasan (ISIS-K), the branch ..."
// gives "ISIS-Khorasan".
func leadingName(s string) string {
	end := len(s)
	for _, sep := range []string{",", " (", " is ", " are ", " was ", " were ", " has ", " have "} {
		if k := strings.Index(s, sep); k >= 0 && k < end {
			end = k
		}
	}
	name := strings.TrimSpace(s[:end])
	if name == "" || len(strings.Fields(name)) > 5 {
		return ""
	}
	return name
}
