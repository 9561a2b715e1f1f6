package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/nlp"
)

// shotThenDied reads a sentence whose only count is of people hit, fate
// untold, or of one person hurt, and whose predicate, further on, says
// they died: "A teenager shot near the bus depot late on Friday has
// died", "the two men shot outside the bar later died", "He was taken to
// Mercy General in critical condition but passed away hours later". The
// hit are then the dead. A count of dead
// or wounded the sentence already gives, or a second count of people
// between the hit and the predicate ("a man shot his wife, who died"), is
// left as it is.
func (lx *casualtyLexicon) shotThenDied(text string, toks []nlp.Token, low []string, cs []Casualty) []Casualty {
	if len(cs) != 1 || !cs[0].Shot && !(cs[0].Wounded && cs[0].Count.Min == 1 && cs[0].Count.Max != nil && *cs[0].Count.Max == 1) {
		return cs
	}
	c := cs[0]
	first, last := tokenRange(toks, c.Start, c.End)
	if last < 0 || first > 0 && lx.hospitalSenders[low[first-1]] {
		// "one of the victims of the shooting that sent five people to
		// the hospital has died": they are the object, not who died.
		return cs
	}
	// "A woman who was wounded in Sunday's shooting has died": a clause
	// on the counted person straight after them, which may name what is
	// theirs ("at her home").
	rel := last+1 < len(low) && low[last+1] == "who"
	for j := last + 1; j < len(low); j++ {
		switch low[j] {
		case "his", "her", "their":
			if rel {
				continue
			}
			return cs
		case "who":
			if j == last+1 {
				continue
			}
			return cs
		case ";", ":", "(", "whom", "them", "whose", "while", "before", "when", "where":
			// another clause or another person: "shot his wife, who died".
			return cs
		}
		if matchAny(low, j, lx.laterDeaths) {
			c.Shot, c.Wounded = false, false
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
	why = headlineDeath(title, ev, why)
	why = settleShot(ev, why, killedMin(*ev)-killedBefore, title)
	return settleRetold(ev, why)
}

// settleShot takes added dead, told after the event's wounded were
// reckoned as people shot less people killed, out of those wounded: the
// dead were among the people shot. Wounded a sentence gives stay.
func settleShot(ev *Event, why []Reason, added int, sentence string) []Reason {
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
		return append(why, Reason{Field: "wounded", Value: w.String(), Rule: shotLessKilled + ", the dead told later among them", Sentence: sentence})
	}
	return why
}

// shotLessKilled is the rule by which an event's wounded are the people
// shot less the people killed.
const shotLessKilled = "people shot less people killed in the event"

// anaphoricDeath reports a sentence whose one casualty is a single death
// told of someone the story has already introduced, by a pronoun or a
// definite phrase: "He later died from his wounds", "Police confirmed that
// the boy had died", "The victim was pronounced dead", or by a surname
// alone ("Doe was pronounced dead at the scene"). Such a sentence
// refers back to the story's incident however many paragraphs on it
// stands, unlike a toll with a number ("40 people died in the city this
// year"). cs are the sentence's casualties (Casualties).
func anaphoricDeath(text string, s nlp.Span, cs []Casualty) bool {
	if len(cs) != 1 || cs[0].Wounded || cs[0].Shot || cs[0].More || cs[0].Count.Min != 1 {
		return false
	}
	words := strings.Fields(strings.ToLower(cs[0].Text))
	if cs[0].Named {
		// A surname alone ("Doe died at the hospital") names someone
		// the story has already introduced by full name.
		return len(words) == 1
	}
	if len(words) == 0 {
		return false
	}
	if casualties().singularAux(words[0]) && cs[0].Start > s.Start {
		// "was pronounced dead": its subject is the words before it.
		return anaphoricSubject(strings.Fields(text[s.Start:cs[0].Start]))
	}
	switch words[0] {
	case "he", "she":
		return true
	case "the":
		return len(words) >= 2 && casualties().headlinePersons[words[len(words)-1]]
	}
	return false
}

// anaphoricSubject reports a subject, the last of the words before a
// singular passive, that refers back to someone already introduced: "he",
// "she", a surname alone opening the sentence, "the victim", or "who"
// after a surname or a pronoun ("identifying Doe, who was pronounced
// dead").
func anaphoricSubject(before []string) bool {
	n := len(before)
	if n == 0 {
		return false
	}
	last := strings.ToLower(before[n-1])
	switch {
	case last == "he" || last == "she":
		return true
	case n == 1 && isTitleWord(before[0]):
		return true
	case n >= 2 && strings.ToLower(before[n-2]) == "the" && casualties().headlinePersons[last]:
		return true
	case last == "who" && n >= 2:
		w := strings.TrimRight(before[n-2], ",")
		return w != before[n-2] && (isTitleWord(w) || w == "he" || w == "she" || w == "him" || w == "her")
	}
	return false
}

// borrowToll gives a violent main event that no sentence of its own gives
// a toll the toll of another event the article tells when that event is
// told at a place that agrees and not dated before it: "Police
// arrested a man in connection with a shooting that left nine people
// hospitalized" is coded as an arrest, but its nine wounded are the
// shooting's the story is about. Only an event with no dead borrows, all
// from one event, so no death is counted twice; wounded it gives of its
// own stay (less the borrowed dead, when they were reckoned as people
// shot less people killed).
func borrowToll(evs []Event, why [][]Reason) {
	if len(evs) < 2 || !violent[evs[0].Type] || evs[0].Killed != nil {
		return
	}
	main := &evs[0]
	for k := 1; k < len(evs); k++ {
		e := evs[k]
		// An arrest or a funeral told after the incident may carry its
		// toll; an event dated before it is another incident.
		if e.Killed == nil && e.Wounded == nil || datedBefore(e.Date, main.Date) {
			continue
		}
		if a, b := main.Location, e.Location; a != nil && b != nil && (a.Country != b.Country || a.Admin1 != b.Admin1) {
			continue
		}
		wn := main.Wounded == nil
		if !wn && e.Killed == nil {
			continue // nothing to borrow: the main event tells its own wounded
		}
		main.Killed = e.Killed
		if wn {
			main.Wounded = e.Wounded
		}
		for _, r := range why[k] {
			if r.Field == "killed" || r.Field == "wounded" && wn {
				r.Rule += ", told of another event of the article, at a place that agrees and not dated before the main event (which gives no such count)"
				why[0] = append(why[0], r)
			}
		}
		if !wn && e.Killed != nil {
			why[0] = settleShot(main, why[0], e.Killed.Min, "")
		}
		return
	}
}

// headlineDeath gives a violent main event that has no dead one dead when
// its headline tells a death with no count: "Police probe fatal shooting
// on Elm Street", "Teen charged in shooting death of classmate", "Woman
// found shot to death in her car". A headline that denies a death ("no
// one dead", "survives") gives none.
func headlineDeath(title string, ev *Event, why []Reason) []Reason {
	if !violent[ev.Type] || ev.Killed != nil && ev.Killed.Min > 0 {
		return why
	}
	lx := casualties()
	toks := nlp.Tokens(title, nlp.Span{Start: 0, End: len(title)})
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(t.Text)
	}
	cue := -1
	for i := range low {
		if matchAny(low, i, lx.headlineDenials) {
			return why
		}
		if cue < 0 && matchAny(low, i, lx.headlineDeaths) {
			cue = i
		}
	}
	if cue < 0 {
		return why
	}
	ev.Killed = &Count{Min: 1}
	return append(why, Reason{Field: "killed", Value: ev.Killed.String(), Rule: fmt.Sprintf("a death told with no count in the headline (%q): at least one dead", low[cue]), Sentence: title})
}

// settleRetold reckons again the wounded of an event folded from several
// tellings of one incident, when all its wounded are people shot less
// people killed: "A woman was fatally shot on Elm Street ... minutes
// before the victim was shot" tells one person hit twice, once beside her
// death and once without, and the telling without it must not leave her
// wounded too. The people shot are the most any telling gives, as within
// one telling.
func settleRetold(ev *Event, why []Reason) []Reason {
	if ev.Wounded == nil {
		return why
	}
	shot := -1
	for _, r := range why {
		switch r.Field {
		case "wounded":
			if !strings.HasPrefix(r.Rule, shotLessKilled) || strings.Contains(r.Rule, "another event") {
				return why // a count the text gives, or borrowed
			}
		case "shot":
			n, err := strconv.Atoi(strings.TrimRight(strings.SplitN(r.Value, "-", 2)[0], "+"))
			if err != nil {
				return why
			}
			shot = max(shot, n)
		}
	}
	if shot < 0 {
		return why
	}
	w := max(0, shot-killedMin(*ev))
	if w >= ev.Wounded.Min {
		return why
	}
	ev.Wounded = &Count{Min: w, Max: &w}
	return append(why, Reason{Field: "wounded", Value: ev.Wounded.String(), Rule: shotLessKilled + ", the most people shot any telling of the incident gives"})
}

// borrowWounded gives a violent main event that tells dead but no wounded
// the wounded of another event the article tells of the same incident:
// "killed five officers and injured seven others" may be read as an event
// of its own beside the one the story opens with. The other event must
// be at a place that agrees, not dated before the main event, and count
// no more dead than it (more dead is another incident); one that is not
// violent (an arrest told with the toll) must count the same dead.
//
// A main event that does tell wounded takes more from another event that
// tells the same dead beside them: "Five people were killed and six
// injured" told later is the toll of the incident whose first telling
// counted only some of the wounded. One dead is too common a toll to
// mark the same incident ("another man was killed and nine wounded
// across the city"), so a single dead matches only in an event that is
// not violent (an arrest or a charge told with the shooting's toll).
func borrowWounded(evs []Event, why [][]Reason) {
	if len(evs) < 2 || !violent[evs[0].Type] || evs[0].Killed == nil {
		return
	}
	main := &evs[0]
	// No one hurt reckoned as the people shot less the dead ("he was
	// shot" told of the one who died) tells no wounded: people another
	// event tells hit beyond those before ("her cousin was also hit and
	// is recovering") are the incident's wounded.
	reckoned := main.Wounded != nil && main.Wounded.Min == 0 && reckonedOnly(why[0])
	for k := 1; k < len(evs); k++ {
		e := evs[k]
		if e.Wounded == nil || e.Wounded.Min == 0 || datedBefore(e.Date, main.Date) {
			continue
		}
		if reckoned && e.Killed == nil && toldBeyond(why[k]) {
			// taken below
		} else if main.Wounded != nil && (e.Killed == nil || main.Killed.Min < 2 && violent[e.Type] || main.Killed.Min == 0 || e.Killed.Min != main.Killed.Min || e.Wounded.Min <= main.Wounded.Min) {
			continue
		}
		if e.Killed != nil && e.Killed.Min > main.Killed.Min || !toldWounded(why[k]) {
			continue
		}
		// An arrest told with the toll ("in connection with a shooting
		// that left a woman dead and five others injured") is the same
		// incident only when it tells the same dead.
		if !violent[e.Type] && (e.Killed == nil || e.Killed.Min != main.Killed.Min) {
			continue
		}
		if a, b := main.Location, e.Location; a != nil && b != nil && (a.Country != b.Country || a.Admin1 != b.Admin1) {
			continue
		}
		main.Wounded = e.Wounded
		for _, r := range why[k] {
			if r.Field == "wounded" {
				r.Rule += ", told of another event of the article, of the same incident (at a place that agrees, not dated before the main event, no more dead), the main event giving no wounded"
				why[0] = append(why[0], r)
			}
		}
		return
	}
}

// sameDayWounded gives a violent main event, once its day is settled, the
// wounded of another event of the article told on that same day with the
// same dead, when they are more than its own: "Police arrested a man on
// Monday in the shooting that killed a 22-year-old and wounded three
// others" read as an arrest, or a shooting told again with its date
// ("the Nov. 8 shooting"), is the main event's incident told with its
// toll. The main event's day is known only after the date ranker has
// chosen it, after borrowWounded has run. The same day, the same dead
// and a place that agrees tell one incident; the wounded must be told by
// a sentence, not reckoned (toldWounded), and the largest telling
// stands, so no one is counted twice.
func sameDayWounded(evs []Event, why [][]Reason) {
	main := &evs[0]
	if !violent[main.Type] || main.Date == nil || main.Date.Precision != "day" {
		return
	}
	for k := 1; k < len(evs); k++ {
		e := evs[k]
		if e.Wounded == nil || e.Date == nil || e.Date.Precision != "day" || e.Date.Start != main.Date.Start || killedMin(e) != killedMin(*main) {
			continue
		}
		if main.Wounded != nil && e.Wounded.Min <= main.Wounded.Min || !toldWounded(why[k]) {
			continue
		}
		if e.Wounded.Min < 2 && killedMin(e) > 0 {
			// "critically injured a 16-year-old" told of the one who
			// then died: one hurt beside the dead may be one of them.
			continue
		}
		if !violent[e.Type] && e.Killed == nil {
			continue // an arrest told with its own wounded, no toll
		}
		if a, b := main.Location, e.Location; a != nil && b != nil && (a.Country != b.Country || a.Admin1 != b.Admin1) {
			continue
		}
		w := *e.Wounded
		main.Wounded = &w
		for _, r := range why[k] {
			if r.Field == "wounded" {
				r.Rule += ", told of another event of the article on the main event's day with the same dead"
				why[0] = append(why[0], r)
			}
		}
		return
	}
}

// reckonedOnly reports whether an event's wounded are only reckoned as
// people shot less people killed, none told by a sentence or borrowed.
func reckonedOnly(why []Reason) bool {
	found := false
	for _, r := range why {
		if r.Field != "wounded" {
			continue
		}
		if !strings.HasPrefix(r.Rule, shotLessKilled) || strings.Contains(r.Rule, "another event") {
			return false
		}
		found = true
	}
	return found
}

// toldBeyond reports whether all of an event's wounded are people told
// hit beyond those before ("was also shot").
func toldBeyond(why []Reason) bool {
	found := false
	for _, r := range why {
		if r.Field != "wounded" {
			continue
		}
		if !strings.HasPrefix(r.Rule, beyondRule) {
			return false
		}
		found = true
	}
	return found
}

// toldWounded reports whether an event's wounded are told by a sentence,
// not reckoned as people shot less people killed: one person told shot in
// one event and dead in another would be counted twice.
func toldWounded(why []Reason) bool {
	for _, r := range why {
		if r.Field == "wounded" && !strings.HasPrefix(r.Rule, shotLessKilled) && !onlyState(r.Rule) {
			return true
		}
	}
	return false
}

// strayWounded gives a violent main event that tells dead but no wounded
// the wounded a sentence naming no event tells paragraphs away from any
// violent event: "Two other people were taken to hospital with gunshot
// wounds" may come after quotes and background. A round-up ("so far this
// year") tells no count at all, and a sentence dated outside the
// event's week is another incident; the first such sentence is taken.
func strayWounded(ev *Event, strays []rider, why []Reason) []Reason {
	if !violent[ev.Type] || ev.Wounded != nil || ev.Killed == nil {
		// An event that tells no dead may be no shooting at all ("Gunmen
		// opened fire"), and "six people were injured in a crash"
		// paragraphs on is no toll of it.
		return why
	}
	m := &mention{date: ev.Date}
	for _, r := range strays {
		if r.wounded.Min == 0 || r.killed != nil && r.killed.Min > killedMin(*ev) || !r.sameTime(m, nil) {
			continue
		}
		ev.Wounded = r.wounded
		for _, w := range r.why {
			if w.Field == "wounded" {
				w.Rule += ", far from any event: the main event gives no wounded"
				why = append(why, w)
			}
		}
		return why
	}
	return why
}

// strayAt reads sentence i as a stray for strayWounded: only the wounded
// it counts or names. A state with no count ("the victim was taken away
// in critical condition") far from the event may be the one who died.
func strayAt(text string, s nlp.Span, i, para int, dates *sentenceDateIndex, all []Casualty) (rider, bool) {
	lx := casualties()
	return riderOf(text, s, i, para, dates, all, func(c Casualty) bool {
		if !c.Wounded || c.Beyond {
			return false
		}
		if c.Noun != "" || c.Named {
			return true
		}
		return !lx.isWoundedState(c.Text)
	})
}

// isWoundedState reports whether a casualty's text is a state of the
// living with no count ("in critical condition").
func (lx *casualtyLexicon) isWoundedState(text string) bool {
	low := strings.Fields(strings.ToLower(text))
	for _, st := range lx.woundedStates {
		if len(st) == len(low) && hasWordsAt(low, 0, st) {
			return true
		}
	}
	return false
}

// onlyState reports whether a reason's casualty phrase is a state with no
// count: such a wounded one, told in another event, may be the dead.
func onlyState(rule string) bool {
	const p = "casualty phrase "
	if !strings.HasPrefix(rule, p) {
		return false
	}
	q, err := strconv.QuotedPrefix(rule[len(p):])
	if err != nil {
		return false
	}
	text, err := strconv.Unquote(q)
	return err == nil && casualties().isWoundedState(text)
}

// singularAux reports a word that opens one of the [singular]
// auxiliaries ("was", "has been").
func (lx *casualtyLexicon) singularAux(w string) bool {
	for _, aux := range lx.singular {
		if len(aux) > 0 && aux[0] == w {
			return true
		}
	}
	return false
}

// datedBefore reports an event dated d that ends before the main event's
// date m starts, by more than a day when d is a day: another incident. A
// day's difference
// is one incident told across midnight, or dated once by the day it
// happened and once by the day of the report ("a shooting late Sunday",
// "police said Monday").
func datedBefore(d, m *Date) bool {
	if d == nil || m == nil {
		return false
	}
	start, err := time.Parse("2006-01-02", m.Start)
	if err != nil || d.Precision != "day" {
		// A year or a month ending the day before ("in 2015" told on
		// New Year's Day) is no day of the incident.
		return d.End < m.Start
	}
	return d.End < start.AddDate(0, 0, -1).Format("2006-01-02")
}
