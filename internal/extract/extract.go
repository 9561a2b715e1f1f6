package extract

import (
	"fmt"
	"iter"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
	"sitrep/internal/nlp/timex"
	"sitrep/internal/resolve"
)

// Options tune extraction.
type Options struct {
	// Published, if set, is the date relative expressions are resolved
	// against, overriding the article's own published/updated time.
	Published time.Time
}

// Result is what one article reports.
type Result struct {
	Events   []Event
	Warnings []string
	// Why holds, for each event in Events, the rules that filled its
	// fields and the words they fired on (see `sitrep explain`).
	Why [][]Reason
}

// mention is one sentence's telling of an event, before mentions of the
// same incident are merged.
type mention struct {
	sent         int
	span         nlp.Span // the sentence
	para         int
	trigger      Trigger // offsets into the article text
	killed       *Count
	wounded      *Count
	killedMore   bool   // the sentence tells more dead than told before
	shot         *Count // hit by gunfire, fate untold
	date         *Date
	dateFromText bool
	place        *Location
	// storyPlace marks a place that only stands in for the story's (the
	// sentence names none) in text without case, where a sentence may
	// name a place that the gazetteer reading missed: it yields to a
	// place another telling names (compatible, absorb).
	storyPlace bool
	certainty  string
	claims     []Claim
	victims    []Participant
	lone       []lone    // people hit described afresh, one each (casualties_lone.go)
	args       Arguments // perpetrators, targets, victims and weapons the sentence names
	why        []Reason
	riders     []nlp.Span // sentences without a trigger whose casualties it took
	// listCopy marks a telling copied to another town of a list the
	// sentence names (listMentions): it does not weigh in salience.
	listCopy bool
}

// lastDate is the date of the last mention that has one, nil if none
// does: what an undated mention after it is told of, as far as a rider's
// date goes (rider.sameTime).
func lastDate(ms []mention) *Date {
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].date != nil {
			return ms[k].date
		}
	}
	return nil
}

// Anchor is the time an article's relative dates ("yesterday", "on
// Friday") are resolved against: the user's override, else the article's
// update time, else its publication time, else zero. The update comes
// first because the text we read is the latest version, and an update
// rewrites its relative dates to the update's day.
func Anchor(a article.Article, override time.Time) time.Time {
	switch {
	case !override.IsZero():
		return override
	case !a.Updated.IsZero():
		return a.Updated
	}
	return a.Published
}

// Extract finds and codes the events an article reports, most salient
// first.
//
// It reads sentence by sentence: a trigger word from the codebook marks an
// event mention; the same sentence supplies its casualties, date, place
// and hedges; and mentions that agree in type, date and place are merged
// into one event, its counts taken as the largest any one sentence gives
// (two sentences about the same dead are never added up).
func Extract(a article.Article, opt Options) Result {
	res, _ := extract(a, opt, dateWeights())
	return res
}

// DateChoices returns the candidate days of an article's main event as the
// date ranker sees them (for tools/datetrain), nil when the main event is
// not violent or the text writes no day, and the main event's date as the
// sentences gave it, before the ranker chooses.
func DateChoices(a article.Article, opt Options) ([]DateChoice, *Date) {
	res, cs := extract(a, opt, nil)
	if len(res.Events) == 0 {
		return cs, nil
	}
	return cs, res.Events[0].Date
}

// extract is Extract; w are the date ranker's weights (nil: leave the
// main event's date as the sentences gave it).
func extract(a article.Article, opt Options, w []float64) (Result, []DateChoice) {
	var res Result
	text := a.Text
	if strings.TrimSpace(text) == "" {
		return res, nil
	}
	anchor := Anchor(a, opt.Published)
	if anchor.IsZero() {
		res.Warnings = append(res.Warnings, "article has no date: relative dates are resolved against today")
		anchor = time.Now().UTC()
	}
	sents := nlp.Sentences(text)
	paras := paragraphIndex(text, sents)
	dates := sentenceDates(text, sents, paras, anchor)
	places := newPlacer(a, dates.spans)

	var mentions []mention
	var pending []rider // casualty sentences before the first event mention
	var strays []rider  // casualty sentences telling wounded far from any violent event
	for i, sent := range sents {
		if isVideoCaption(text[sent.Start:sent.End]) {
			continue
		}
		cls := clauses(text, sent)
		if len(cls) == 0 {
			cs := Casualties(text, sent) // read once for the tests below
			far := len(mentions) > 0 && paras[i]-mentions[len(mentions)-1].para > 1 && !anaphoricDeath(text, sent, cs)
			if n := len(mentions); n > 0 && (far || !violent[mentions[n-1].trigger.Type]) {
				// No event beside it to take a toll; its wounded may
				// still be the main event's (strayWounded).
				if r, ok := strayAt(text, sent, i, paras[i], dates, cs); ok && r.wounded != nil {
					strays = append(strays, r)
				}
				continue
			}
			r, ok := riderAt(text, sent, i, paras[i], dates, cs)
			if !ok {
				continue
			}
			if n := len(mentions); n > 0 && !far {
				mentions[n-1].ride(r, lastDate(mentions))
			} else if n == 0 {
				pending = append(pending, r)
			}
			continue
		}
		for _, cl := range cls {
			s, t := cl.span, cl.trigger
			st := text[s.Start:s.End]
			if places.summaryList(text, s, dates.spans) {
				// "fought the group in Libya, Mali and Niger": many
				// battles summed up, not an incident (placelist.go).
				continue
			}
			certainty, claims := Certainty(st)
			rule := fmt.Sprintf("codebook trigger %q (score %.1f), the sub-type Classify ranks first for the sentence", t.Text, t.Score)
			if t.Text == "" {
				rule = "codebook precedence rules over the sentence as a whole (no single trigger)"
			} else if t.Score == 0 {
				rule = fmt.Sprintf("codebook precedence rules on %q (no single trigger)", t.Text)
			}
			why := []Reason{{Field: "type", Value: t.Type + " / " + t.Subtype, Rule: rule}}
			cs := Casualties(text, s)
			tl := tallyCasualties(cs)
			tl.lone = lonePersons(text, s, i, cs)
			killed, wounded, shot, victims := tl.killed, tl.wounded, tl.shot, tl.victims
			why = append(why, tl.why...)
			if certainty != "" && certainty != Reported {
				why = append(why, Reason{Field: "certainty", Value: certainty, Rule: "hedging cue in the sentence (codebook/certainty.yaml)"})
			}
			for _, c := range claims {
				why = append(why, Reason{Field: "claims", Value: strings.TrimSpace(c.By + " " + c.Kind + " " + c.Against), Rule: "claim pattern (codebook/certainty.yaml)"})
			}
			t.Start += s.Start
			t.End += s.Start
			m := mention{sent: i, span: sent, para: paras[i], trigger: t, killed: killed, wounded: wounded, shot: shot, killedMore: tl.killedMore, lone: tl.lone,
				certainty: certainty, claims: claims, victims: victims, args: SentenceArguments(st)}
			why = append(why, m.args.reasons()...)
			var dateRule string
			m.date, dateRule = dates.near(i, nlp.Span{Start: t.Start, End: t.End}, s)
			m.dateFromText = m.date != nil
			if m.date == nil && m.para <= 1 {
				m.date = leadDate(anchor)
				dateRule = "no date in reach in an opening paragraph: the week up to the article's date"
			}
			if m.date != nil {
				why = append(why, Reason{Field: "date", Value: m.date.Start + ".." + m.date.End, Rule: dateRule})
			}
			// The story's own place stands in only for the story's own
			// events: an opening paragraph that recalls an older, dated
			// event ("a month later, in 2015, ...") is not placed by it.
			story := m.para <= 1 && (m.date == nil || recent(m.date, anchor))
			var placeRule string
			var act nlp.Span
			if t.Score == 0 && t.Text != "" {
				act = nlp.Span{Start: t.Start, End: t.End}
			}
			m.place, placeRule = places.inAct(text, s, act, story, dates.spans)
			m.storyPlace = places.caseless && strings.HasSuffix(placeRule, storyFallback)
			if m.place == nil {
				m.place, placeRule = places.townBack(text, sents, paras, i, dates.spans)
			}
			if m.place != nil {
				why = append(why, Reason{Field: "location", Value: m.place.Name + ", " + m.place.Country, Rule: placeRule})
			}
			for k := range why {
				why[k].Sentence = st
			}
			m.why = why
			for _, r := range pending {
				// The opening paragraph's toll ("A teenager is dead
				// after ...") is the story's, however far on its first
				// violent event is told.
				if m.para-r.para <= 1 || r.para <= 1 && violent[m.trigger.Type] {
					// An undated mention told after the opening is held
					// to the opening's recent date, as the main event is:
					// "A boy is in serious condition after he was shot
					// Saturday afternoon ... There was an adult home at
					// the time of the shooting". An older date is
					// another incident.
					var near *Date
					if r.para <= 1 && len(r.dates) > 0 && recent(r.dates[0], anchor) {
						near = r.dates[0]
					}
					m.ride(r, near)
				}
			}
			pending = nil
			mentions = append(mentions, m)
			if locs := places.placeList(text, s, dates.spans); len(locs) > 1 {
				mentions = listMentions(mentions, locs, strings.HasSuffix(placeRule, storyFallback))
			}
		}
	}
	res.Events, res.Why = merge(text, mentions, newRuneIndex(text, sents))
	res.Events, res.Why = wholeReport(text, sents, res.Events, res.Why)
	if !anyViolent(res.Events) {
		if ev, why, ok := headlineEvent(a.Title, anchor); ok {
			res.Events = append([]Event{ev}, res.Events...)
			res.Why = append([][]Reason{why}, res.Why...)
		}
	}
	if len(res.Events) > 0 {
		triggered := make(map[int]bool, len(mentions))
		for _, m := range mentions {
			triggered[m.sent] = true
		}
		attributions(text, sents, triggered, res.Events, res.Why)
		promoteViolentEvent(res.Events, res.Why)
		borrowToll(res.Events, res.Why)
		borrowWounded(res.Events, res.Why)
		res.Why[0] = strayWounded(&res.Events[0], strays, res.Why[0])
		k0 := killedMin(res.Events[0])
		res.Why[0] = headlineFacts(a.Title, &res.Events[0], res.Why[0])
		res.Why[0] = headlineToll(a.Title, &res.Events[0], res.Why[0], k0)
		if k0 == 0 && killedMin(res.Events[0]) > 0 {
			// The dead only the headline tells: the wounded another
			// event tells may now be borrowed beside them.
			borrowWounded(res.Events, res.Why)
		}
	}
	if ev := res.Events; len(ev) > 0 && ev[0].Location == nil && places.story != nil {
		// The main event, first told past the opening paragraphs (after
		// a page's captions) and naming no place, is where the story is.
		d := *places.story
		res.Events[0].Location = &d
		res.Why[0] = append(res.Why[0], Reason{Field: "location", Value: d.Name + ", " + d.Country,
			Rule: "main event naming no place: " + places.storyRule})
	}
	if ev := res.Events; len(ev) > 0 && (ev[0].Date != nil && ev[0].Date.Text == "" || ev[0].Date == nil && violent[ev[0].Type] ||
		ev[0].Date != nil && ev[0].Date.Precision != "day" && violent[ev[0].Type]) {
		// The main event was dated only by the lead's implicit week, or,
		// violent and first told past the opening paragraphs (after a
		// page's captions), not at all or only roughly ("last week");
		// the date the opening paragraphs give is the date a news lead
		// means, if it falls within the rough one.
		if d := dates.lead(anchor); d != nil && (ev[0].Date == nil || ev[0].Date.Text == "" || d.narrows(ev[0].Date)) {
			res.Events[0].Date = d
			res.Why[0] = append(res.Why[0], Reason{Field: "date", Value: d.Start + ".." + d.End,
				Rule: fmt.Sprintf("main event: the first recent date the opening paragraphs give, %q", d.Text)})
		}
	}
	cs := rankMainDate(text, sents, paras, dates, anchor, mentions, &res, w)
	if len(res.Events) > 0 {
		sameDayWounded(res.Events, res.Why)
	}
	return res, cs
}

// anyViolent reports whether any of the events is political violence.
func anyViolent(evs []Event) bool {
	for _, ev := range evs {
		if violent[ev.Type] {
			return true
		}
	}
	return false
}

// headlineEvent codes the event the headline reports, for an article
// whose text tells of no violent event: many crawled pages keep the story
// only in the title, their text being related-video captions, sign-up
// prompts or a court follow-up ("One dead, two hurt in Dalmera shooting").
// A headline about the arrest or the trial that followed a shooting is
// about the shooting, so its violent reading is taken.
// The headline is read as any sentence is, so a headline about an
// accident, a disaster or a crime gives no event. Its date is the one the
// headline gives, else the week up to the article's date (which the
// opening paragraphs may narrow); its counts, claims and place are filled
// later from the headline, as for any main event. The evidence is the
// headline, at offset 0 with no length: it is not part of the text.
func headlineEvent(title string, anchor time.Time) (Event, []Reason, bool) {
	title = strings.TrimSpace(title)
	if title == "" {
		return Event{}, nil, false
	}
	t, ok := sentenceReading(title, true)
	if !ok {
		return Event{}, nil, false
	}
	ev := Event{Type: t.Type, Subtype: t.Subtype, Evidence: []Evidence{{Text: title}}}
	if t.AttackType != "" {
		at := t.AttackType
		ev.AttackType = &at
	}
	ev.Certainty, ev.Claims = Certainty(title)
	if ev.Certainty == "" {
		ev.Certainty = Reported
	}
	why := []Reason{{Field: "type", Value: t.Type + " / " + t.Subtype, Sentence: title,
		Rule: fmt.Sprintf("codebook trigger %q in the headline (score %.1f); the text tells of no violent event", t.Text, t.Score)}}
	for _, e := range timex.Find(title, anchor) {
		if d := eventDate(e); d != nil && recent(d, anchor) {
			ev.Date = d
			why = append(why, Reason{Field: "date", Value: d.Start + ".." + d.End, Rule: fmt.Sprintf("time expression %q in the headline", d.Text), Sentence: title})
			break
		}
	}
	if ev.Date == nil {
		ev.Date = leadDate(anchor)
	}
	args := SentenceArguments(title)
	ev.Perpetrators, ev.Targets, ev.Victims, ev.Weapons = args.Perpetrators, args.Targets, args.Victims, args.Weapons
	return withEmptyLists(ev), why, true
}

// isVideoCaption reports a line from a related-videos list that the
// reader kept as text: a running time, then a title ("2:47 Dalmera
// shooting witnesses speak out"). Its events are other stories'. A clock
// time before a day or "a.m." ("9:15 Wednesday night") is not one.
func isVideoCaption(s string) bool {
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i+4 > len(s) || s[i] != ':' || !isDigit(s[i+1]) || !isDigit(s[i+2]) || s[i+3] != ' ' {
		return false
	}
	rest := strings.Fields(s[i+4:])
	if len(rest) == 0 || !isCapitalized(rest[0]) {
		return false
	}
	switch strings.ToLower(strings.Trim(rest[0], ".,")) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm", "a.m", "p.m", "et", "ct", "pt", "mt", "edt", "est", "cdt", "cst", "pdt", "pst", "gmt", "utc":
		return false
	}
	return true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// clause is the part of a sentence that tells one event, with its trigger.
type clause struct {
	span    nlp.Span
	trigger Trigger // offsets into the clause
}

// clauses returns the event-telling parts of a sentence. Most sentences
// tell one event and are read whole; a sentence whose semicolon-separated
// parts each tell an event ("a suicide attack in Kabul that killed 182;
// an attack on the embassy that killed two; and a twin bombing in Iran")
// is read part by part, so that each event keeps its own date, place and
// counts. Parts are only split off when at least two of them have a
// trigger, so a part that only adds the toll ("...; five were killed")
// stays with its event.
func clauses(text string, s nlp.Span) []clause {
	st := text[s.Start:s.End]
	if strings.Contains(st, "; ") {
		var parts []clause
		start := s.Start
		for start < s.End {
			end := s.End
			if k := strings.Index(text[start:s.End], "; "); k >= 0 {
				end = start + k + 1
			}
			sp := nlp.Span{Start: start, End: end}
			if t, ok := sentenceTrigger(text[start:end]); ok {
				parts = append(parts, clause{sp, t})
			}
			start = end
			for start < s.End && text[start] == ' ' {
				start++
			}
		}
		if len(parts) >= 2 {
			return parts
		}
	}
	if t, ok := sentenceTrigger(st); ok {
		return []clause{{s, t}}
	}
	return nil
}

// recent reports whether a date reaches into the month before the anchor:
// what a news story's own events look like, as against background.
func recent(d *Date, anchor time.Time) bool {
	return d.End >= anchor.AddDate(0, 0, -31).Format("2006-01-02") && d.Start <= anchor.Format("2006-01-02")
}

// leadDate is the date of an event the opening paragraphs tell without
// one: news reports what happened in the days before it was written, so
// the week up to the article's date, not the day itself. It is never given
// to events later in the text, which are often retrospective.
func leadDate(anchor time.Time) *Date {
	return &Date{
		Start:     anchor.AddDate(0, 0, -6).Format("2006-01-02"),
		End:       anchor.Format("2006-01-02"),
		Precision: "week",
	}
}

// sentenceTrigger decides what event, if any, a sentence tells of. One
// sentence codes one sub-type, the one Classify ranks first as an ACLED
// coder would; the trigger that names it is kept as the event's evidence.
// Sentences about disasters, crime or diplomacy give no event.
func sentenceTrigger(sentence string) (Trigger, bool) {
	return sentenceReading(sentence, false)
}

// sentenceReading is sentenceTrigger; with violentOnly it passes over
// readings that are not violent sub-types (an arrest, a trial, a protest)
// to the best violent one, as for a headline about the arrest or the
// trial that followed a shooting ("Teen charged in Dalmera shooting").
// A disaster, crime or diplomacy ranked first still gives no event.
func sentenceReading(sentence string, violentOnly bool) (Trigger, bool) {
	// One analysis gives both the ranking and the triggers; calling
	// Classify and Rank would analyse the sentence twice.
	a := book().analyse(sentence)
	if a.generic() { // a kind of event, not one that happened (certainty.go)
		return Trigger{}, false
	}
	alts := a.export()
	sort.SliceStable(alts, func(i, j int) bool { return alts[i].Score > alts[j].Score })
	for _, ls := range a.rank() {
		label := ls.Label
		typ := Subtypes[label]
		if typ == "" {
			if a.hasCue(cueGunfireHarm) && !a.hasCue(cueAccident) {
				// Someone was shot, and nothing says by accident: the
				// category won on words about who attended or where
				// ("according to the fire department", "at a drug
				// house"), not on what happened. The next reading is
				// the shooting.
				continue
			}
			if (label == Attribution && (a.hasCue(cueClaim) || a.hasCue(cueBlameAct))) || (label == Diplomatic && a.hasCue(cueCondemn)) {
				// "X claimed responsibility for the murder of Y": the
				// claim is the news, but the violence it owns happened;
				// the next violent reading codes it. So with a blame
				// for an act ("the army blamed the rebels for the
				// attack on the dam", "accused the army of bombing the
				// church"): who did it is contested (the certainty
				// layer marks it alleged), that it happened is not. A
				// charge ("deputies accused of murder") names no act
				// told and stays a blame only. So with a condemnation
				// ("the ministry condemned the murder of Y"): it is
				// diplomacy about violence that happened.
				violentOnly = true
				continue
			}
			// A disaster, crime or diplomacy outranks any event reading.
			return Trigger{}, false
		}
		if ls.Score < minEventScore {
			// A single weak cue ("violence", "operation"): not enough
			// to say the sentence tells of an event.
			return Trigger{}, false
		}
		if violentOnly && !violent[typ] {
			continue
		}
		if (label == "protest_with_intervention" || label == "excessive_force_against_protesters") && !hasSubtype(alts, "peaceful_protest") {
			// An intervention is against a protest: without one in the
			// sentence, "police" or "gunfire" alone is not a protest
			// event; the next reading may be ("a man was shot").
			continue
		}
		for _, t := range alts {
			if t.Subtype == label {
				return t, true
			}
		}
		// No trigger names the label: the precedence rules gave it. The
		// cues that made the strongest rule hold are where the act is
		// told ("the rebels went on to seize the town"), so the date
		// and place nearest them are the act's, not the sentence's
		// first ones. Score 0 marks a rule's reading.
		if sp, ok := a.ruled[a.c.byName[label]]; ok {
			s, e := a.toks[sp[0]].start, a.toks[sp[1]-1].end
			return Trigger{Start: s, End: e, Text: sentence[s:e], Type: typ, Subtype: label}, true
		}
		return Trigger{Type: typ, Subtype: label, End: len(sentence)}, true
	}
	return Trigger{}, false
}

// minEventScore is the least codebook evidence for a sentence to tell of
// an event: one trigger phrase (1.5 points) or two weak cues (0.5 each:
// "the terrorist attack"); one weak cue ("violence") is not enough.
const minEventScore = 1.0

func hasSubtype(ts []Trigger, subtype string) bool {
	for _, t := range ts {
		if t.Subtype == subtype {
			return true
		}
	}
	return false
}

// maxCount returns the larger of two counts; a may be nil.
func maxCount(a, b *Count) *Count {
	if a == nil || b.Min > a.Min {
		c := *b
		return &c
	}
	return a
}

// leadSentences yields the sentences of the opening storyParagraphs
// paragraphs of text, in order.
func leadSentences(text string) iter.Seq[nlp.Span] {
	return func(yield func(nlp.Span) bool) {
		para, pos := 0, 0
		for _, s := range nlp.Sentences(text) {
			para += strings.Count(text[pos:s.Start], "\n\n")
			pos = s.Start
			if para >= storyParagraphs || !yield(s) {
				return
			}
		}
	}
}

// paragraphIndex returns the paragraph number of each sentence; paragraphs
// are separated by blank lines.
func paragraphIndex(text string, sents []nlp.Span) []int {
	out := make([]int, len(sents))
	para, pos := 0, 0
	for i, s := range sents {
		para += strings.Count(text[pos:s.Start], "\n\n")
		pos = s.Start
		out[i] = para
	}
	return out
}

// sentenceDateIndex holds the calendar dates each sentence mentions.
type sentenceDateIndex struct {
	bySent [][]dated
	paras  []int
	spans  []nlp.Span // every time expression, in order: never place names
	days   []dayExpr  // every day-precision expression, for the main event's date (daterank.go)
}

type dated struct {
	pos  int
	date *Date
}

func sentenceDates(text string, sents []nlp.Span, paras []int, anchor time.Time) *sentenceDateIndex {
	idx := &sentenceDateIndex{bySent: make([][]dated, len(sents)), paras: paras}
	si := 0
	for _, e := range timex.Find(text, anchor) {
		idx.spans = append(idx.spans, nlp.Span{Start: e.Start, End: e.End})
		d := eventDate(e)
		if d == nil {
			continue
		}
		for si < len(sents) && sents[si].End <= e.Start {
			si++
		}
		in := si < len(sents) && e.Start >= sents[si].Start
		report := reportDate(text[:e.Start])
		if in && d.Precision == "day" {
			idx.days = append(idx.days, dayExpr{sent: si, start: e.Start, end: e.End, date: d, report: report})
		}
		if in && !report {
			idx.bySent[si] = append(idx.bySent[si], dated{e.Start, d})
		}
	}
	return idx
}

// near returns the date of an event mentioned at pos in sentence i: the
// sentence's own date closest to the trigger, else the last date given
// earlier in the same paragraph. An event told without any date in reach
// gets none: a retrospective paragraph must not inherit the publication
// date.
//
// When the event is one clause of a sentence that tells several ("an
// attack in Kabul in September 2022; and, in January, a bombing in
// Iran"), a date within the clause comes first.
func (idx *sentenceDateIndex) near(i int, trig, clause nlp.Span) (*Date, string) {
	// Distance to the trigger's span: none inside it, else to its
	// nearer edge. A rule's trigger spans the actor, the act and its
	// object ("the rebels used to seize the port"); the date told
	// after the object is as near as one told before the actor.
	dist := func(p int) int {
		switch {
		case p < trig.Start:
			return trig.Start - p
		case p >= trig.End:
			return p - trig.End
		}
		return 0
	}
	if ds := idx.bySent[i]; len(ds) > 0 {
		var best *dated
		for k, d := range ds {
			if d.pos >= clause.Start && d.pos < clause.End && (best == nil || dist(d.pos) < dist(best.pos)) {
				best = &ds[k]
			}
		}
		if best != nil {
			return best.date, fmt.Sprintf("time expression %q in the sentence, nearest the trigger", best.date.Text)
		}
		best = &ds[0]
		for k, d := range ds[1:] {
			if dist(d.pos) < dist(best.pos) {
				best = &ds[k+1]
			}
		}
		return best.date, fmt.Sprintf("time expression %q in the sentence, nearest the trigger", best.date.Text)
	}
	for j := i - 1; j >= 0 && idx.paras[j] == idx.paras[i]; j-- {
		if ds := idx.bySent[j]; len(ds) > 0 {
			d := ds[len(ds)-1].date
			return d, fmt.Sprintf("time expression %q earlier in the paragraph", d.Text)
		}
	}
	return nil, ""
}

// lead returns the first day the opening paragraphs give within the
// month before the anchor, else the first rougher date there ("last
// week"), or nil. News leads report what just happened; an older date
// there is background ("the turning point came on June 12, 2011"). The
// opening paragraphs are as many as storyPlace reads: a crawled page
// often opens with a caption or two before the lead.
func (idx *sentenceDateIndex) lead(anchor time.Time) *Date {
	var coarse *Date
	for i, ds := range idx.bySent {
		if idx.paras[i] >= storyParagraphs {
			break
		}
		for _, d := range ds {
			if !recent(d.date, anchor) {
				continue
			}
			if d.date.Precision == "day" {
				return d.date
			}
			if coarse == nil {
				coarse = d.date
			}
		}
	}
	return coarse
}

// placer resolves the places an article's sentences name, with the whole
// article as context.
type placer struct {
	r         *resolve.Resolver
	story     *Location       // where the story as a whole is: dateline, title or lead
	storyRule string          // how story was found
	quarters  map[string]bool // names the article calls a neighbourhood (placestory.go)
	doc       *placeDoc       // the article, for sharpenEvent (placestory.go)
	text      string          // headline and text, for knownQuarter
	// caseless marks an article without case (nlp.Caseless): its place
	// names are found by the gazetteer, g, not by capitals.
	caseless bool
	g        *resolve.Gazetteer
	// surnames are the words the article uses as people's surnames
	// (personSurnames), read on first use.
	surnames map[string]bool
}

// newPlacer makes the article's placer; times are the time expressions of
// its text (sentenceDates' spans), which are never places.
func newPlacer(a article.Article, times []nlp.Span) *placer {
	g, err := resolve.Default()
	if err != nil {
		return &placer{}
	}
	text := a.Title + "\n\n" + a.Text
	p := &placer{r: g.NewResolver(resolve.Context{Text: text, Dateline: a.Dateline, URL: a.URL}), quarters: quarterNames(a.Text), text: text,
		caseless: nlp.Caseless(text), g: g}
	p.story, p.storyRule = p.storyPlace(a, times)
	p.story, p.storyRule = p.sharpenStory(a, times, p.story, p.storyRule)
	p.story, p.storyRule = p.storyBorough(p.story, p.storyRule)
	return p
}

// storyPlace is where the article's own story happens, for events told in
// its opening paragraphs without a place: the dateline if there is one,
// else the first place the headline names, else the first the opening
// paragraphs name, else a town the article's address names (late, since
// a site's section path can be its home town, not the story's), else the
// outlet's home its address names.
func (p *placer) storyPlace(a article.Article, textTimes []nlp.Span) (*Location, string) {
	if a.Dateline != "" {
		if loc, rule, decided := p.datelinePlace(a.Dateline); decided {
			return loc, rule
		}
	}
	title := nlp.Span{Start: 0, End: len(a.Title)}
	var times []nlp.Span // "in Thursday's shooting": a day, not Thursday Island
	for _, e := range timex.Find(a.Title, a.Published) {
		times = append(times, nlp.Span{Start: e.Start, End: e.End})
	}
	for _, pm := range p.sentencePlaces(a.Title, title) {
		if overlapsSpan(times, pm.Start, pm.End) {
			continue
		}
		if loc := p.resolveMention(pm); loc != nil {
			return loc, fmt.Sprintf("the story's place: %q in the headline", pm.Name)
		}
	}
	for _, name := range p.headlineNames(a.Title, a.Text) {
		if k := strings.Index(a.Title, name); k >= 0 && overlapsSpan(times, k, k+len(name)) {
			continue
		}
		if loc := p.resolve(name); loc != nil && precisionRank[loc.Precision] >= precisionRank["city"] {
			return loc, fmt.Sprintf("the story's place: %q, a city the headline names", name)
		}
	}
	for s := range leadSentences(a.Text) {
		for _, pm := range p.sentencePlaces(a.Text, s) {
			if overlapsSpan(textTimes, pm.Start, pm.End) {
				continue // "In August, ...": a month, not August, California
			}
			if loc := p.resolveMention(pm); loc != nil {
				return loc, fmt.Sprintf("the story's place: %q, the first place the opening paragraphs name", pm.Name)
			}
		}
	}
	for _, name := range urlNames(a.URL, a.Title+"\n"+a.Text) {
		if loc := p.resolveMention(PlaceMention{Name: name, Resident: true}); loc != nil {
			return loc, fmt.Sprintf("the story's place: %q, a town the article's address names", name)
		}
	}
	return p.outletHome()
}

// storyParagraphs is how many opening paragraphs may give the story's
// place when neither dateline nor headline does: a crawled page often
// opens with a caption or two before the lead.
const storyParagraphs = 4

// minResidentPopulation is the smallest town a name read before a noun
// for people ("a Dalmera man") is taken as: smaller namesakes of
// descriptive words ("White", "Marine") are not places there.
const minResidentPopulation = 2000

// resolveMention resolves a place mention, holding a name read before a
// noun for people to a sizeable town.
func (p *placer) resolveMention(pm PlaceMention) *Location {
	if pm.Settlement {
		if l := p.resolve(pm.Name); l != nil && precisionRank[l.Precision] >= precisionRank["city"] {
			return l
		}
		return nil
	}
	if !pm.Resident {
		return p.resolve(pm.Name)
	}
	if p.r == nil {
		return nil
	}
	b := p.r.Resolve(pm.Name).Best
	if b != nil && b.Precision == "admin1" && len(countyNames(pm.Name)) == 1 {
		// "an Iredell County man": a county says where as surely as a
		// town does; the state holding it stands for it until a town or
		// the county's seat sharpens it (sharpenStory).
		return location(b)
	}
	// A post-office town of the story's state, of unknown size, counts
	// when its name has two words ("a Fort Towson man"): a one-word one
	// is too often a surname ("Hale's").
	postal := b != nil && b.Postal && strings.Contains(strings.TrimSpace(pm.Name), " ")
	if b == nil || (b.Population < minResidentPopulation && !postal) || precisionRank[b.Precision] < precisionRank["city"] {
		return nil
	}
	return location(b)
}

func (p *placer) resolve(name string) *Location {
	if p.r == nil {
		return nil
	}
	if loc, ok := p.cityPart(name); ok {
		return loc
	}
	if loc := p.quarter(name); loc != nil {
		return loc
	}
	res := p.r.Resolve(name)
	if res.Best == nil {
		// "SE Fresno", "downtown Dayton": the place without its part.
		words := strings.Fields(name)
		if len(words) < 2 || !placeQualifiers()[strings.ToLower(strings.Trim(words[0], "."))] {
			return nil
		}
		res = p.r.Resolve(strings.Join(words[1:], " "))
		if res.Best == nil {
			return nil
		}
	}
	b := res.Best
	if b.Precision == "country" && !strings.Contains(name, " ") {
		// "told him in Spanish": a language or a people after a
		// preposition says nothing of where.
		if g, err := resolve.Default(); err == nil && g.IsDemonym(name) {
			return nil
		}
	}
	return location(b)
}

// in returns the location a sentence gives, preferring the most precise
// place named after a locative preposition; events in the opening
// paragraphs that name no place are where the story is.
func (p *placer) in(text string, s nlp.Span, story bool, times []nlp.Span) (*Location, string) {
	return p.inAct(text, s, nlp.Span{}, story, times)
}

// ofJoin reports text between an act's span and a place that makes the
// place the act's: " of " after a place noun ("seized the town of Kessin").
func ofJoin(between string) bool {
	return strings.TrimSpace(between) == "of"
}

// inAct is in for an event whose act is told at act, the span of the
// codebook's precedence rule that read it (an empty span: a single
// trigger). A place the act itself names ("the rebels went on to seize
// Dalmera") is the event's before any other the sentence names, however
// precise: those belong to the sentence's other clauses. It is read
// there even with no locative preposition before it.
func (p *placer) inAct(text string, s nlp.Span, act nlp.Span, story bool, times []nlp.Span) (*Location, string) {
	var best *Location
	var rule, bestName string
	bestInAct := false
	pms := p.sentencePlaces(text, s)
	if act.End > act.Start {
		pms = append(pms, actNames(text, s, act, pms)...)
	}
	for _, pm := range pms {
		if overlapsSpan(times, pm.Start, pm.End) {
			continue // "in March 2019", "in August": a time, not a place
		}
		if p.residentOnly(pm, story) {
			continue
		}
		inAct := act.End > act.Start && (pm.Start >= act.Start && pm.Start < act.End ||
			pm.Start >= act.End && ofJoin(text[act.End:pm.Start]))
		if bestInAct && !inAct {
			continue
		}
		loc := p.resolveMention(pm)
		if loc == nil {
			continue
		}
		if best == nil || inAct && !bestInAct || precisionRank[loc.Precision] > precisionRank[best.Precision] {
			best, bestName, bestInAct = loc, pm.Name, inAct
			rule = fmt.Sprintf("place %q named in the sentence, resolved with the article as context", pm.Name)
			if inAct {
				rule = fmt.Sprintf("place %q named by the act the precedence rules read, resolved with the article as context", pm.Name)
			}
		}
	}
	if best == nil && story && p.story != nil {
		d := *p.story
		return &d, p.storyRule + storyFallback
	}
	if best != nil && story && p.story != nil && within(p.story, best) {
		// "A man was shot in Texas" in a story from Kerrville, Texas:
		// the story's place is the same place, told more precisely.
		d := *p.story
		return &d, p.storyRule + fmt.Sprintf(" (more precise than %q, which holds it)", best.Name)
	}
	return p.sharpenEvent(best, rule, bestName)
}

// storyFallback ends the rule of a place that in gives a sentence naming
// none: the story's place, standing in.
const storyFallback = " (an opening paragraph naming no place)"

// within reports whether place a is more precise than b and inside it:
// the same country and, when b is a first-level division, the same one.
func within(a, b *Location) bool {
	if precisionRank[a.Precision] <= precisionRank[b.Precision] || a.Country != b.Country {
		return false
	}
	return b.Precision == "country" || b.Precision == "admin1" && a.Admin1 == b.Admin1
}

// overlapsSpan reports whether [start, end) overlaps one of the sorted spans.
func overlapsSpan(spans []nlp.Span, start, end int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].End > start })
	return i < len(spans) && spans[i].Start < end
}

var precisionRank = map[string]int{"country": 1, "admin1": 2, "admin2": 3, "city": 4, "point": 5}

// merge joins mentions of the same incident and orders the events by
// salience: the incident the article opens with comes first.
func merge(text string, ms []mention, ri runeIndex) ([]Event, [][]Reason) {
	type group struct {
		ms       []mention
		ev       Event
		why      []Reason
		shot     *Count
		salience float64
		// storyPlace: the group's place is only the story's (every
		// mention's place is a stand-in, mention.storyPlace).
		storyPlace bool
	}
	var groups []*group
	for _, m := range ms {
		var into *group
		for _, g := range groups {
			if compatible(g.ev, g.ms[len(g.ms)-1], m, g.storyPlace) {
				into = g
				break
			}
		}
		if into == nil {
			into = &group{ev: Event{Type: m.trigger.Type, Subtype: m.trigger.Subtype, Certainty: Reported}}
			if m.trigger.AttackType != "" {
				at := m.trigger.AttackType
				into.ev.AttackType = &at
			}
			groups = append(groups, into)
		}
		if m.storyPlace && len(into.ms) == 0 {
			into.storyPlace = true
		} else if into.storyPlace && m.place != nil && !m.storyPlace {
			// A place a telling names beats the story's stand-in.
			into.storyPlace = false
			into.ev.Location = nil
		}
		into.ms = append(into.ms, m)
		into.why = append(into.why, m.why...)
		if m.shot != nil {
			into.shot = maxCount(into.shot, m.shot)
		}
		absorb(text, &into.ev, m, ri)
	}
	for _, g := range groups {
		if g.shot != nil && (g.ev.Wounded == nil || oneHurt(g.ev.Wounded, g.shot.Min-killedMin(g.ev))) {
			// "Four people were shot; one died": those shot and not
			// killed are the wounded.
			w := Count{Min: g.shot.Min}
			if g.ev.Killed != nil {
				w.Min = max(0, g.shot.Min-g.ev.Killed.Min)
			}
			if g.shot.Max != nil {
				m := *g.shot.Max
				if g.ev.Killed != nil {
					m = max(w.Min, m-g.ev.Killed.Min)
				}
				w.Max = &m
			}
			g.ev.Wounded = &w
			g.why = append(g.why, Reason{Field: "wounded", Value: w.String(), Rule: shotLessKilled})
		}
		var ls []lone
		for _, m := range g.ms {
			ls = append(ls, m.lone...)
		}
		g.why = loneWounded(&g.ev, ls, g.why)
		// A telling copied to another town of a list (listMentions)
		// adds no weight: the sentence is about the list's first town
		// as much as about this one.
		first := -1
		for k, m := range g.ms {
			if !m.listCopy {
				g.salience++
				if first < 0 {
					first = k
				}
			}
		}
		if first >= 0 && g.ms[first].para == 0 {
			g.salience += 10
		}
		if g.ev.Killed != nil {
			g.salience += 0.5
		}
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].salience > groups[j].salience })
	out := make([]Event, len(groups))
	why := make([][]Reason, len(groups))
	for i, g := range groups {
		g.why = resolveActors(&g.ev, g.why)
		out[i] = withEmptyLists(g.ev)
		why[i] = g.why
	}
	return out, why
}

// compatible says whether a mention can be the same incident as an
// event: the same event type, places that agree, and either dates that
// both texts give and overlap, or — when either is undated — closeness in
// the text (the same or the next paragraph as the event's last mention).
// An undated sentence far from an event is a different story; merging it
// would give a retrospective incident the main event's date or counts.
//
// A place that only stands in for the story's (storyPlace on either side:
// evPlaceWeak for the event's) disagrees with none.
func compatible(ev Event, last, m mention, evPlaceWeak bool) bool {
	if (ev.Subtype == abduction) != (m.trigger.Subtype == abduction) && m.dateFromText &&
		!strings.Contains(strings.ToLower(m.trigger.Text), "hostage") && !strings.Contains(strings.ToLower(last.trigger.Text), "hostage") &&
		(ev.Subtype == abduction && last.trigger.Subtype == abduction || m.trigger.Subtype == abduction) {
		// A kidnapping and a killing are two incidents when the later
		// telling gives a date of its own, even one inside the first's
		// rough one (the lead's week, "last week"), and even of the
		// same people ("abducted last week, found dead on Friday"):
		// ACLED and GTD code both. Hostages taken in a shooting are the
		// shooting's, whatever the dates.
		return false
	}
	if Subtypes[ev.Subtype] != m.trigger.Type {
		if !(refines(ev.Subtype, m.trigger.Subtype) && m.trigger.Score >= strongTrigger || refines(m.trigger.Subtype, ev.Subtype)) {
			return false
		}
		// A refinement is a nearby retelling ("the attack ... the car
		// bomb"); a bombing three paragraphs on whose year happens to
		// contain a clash's is another incident.
		if m.para-last.para > 1 {
			return false
		}
		// Nor is one dated differently: "battles in 2024" and "a
		// bombing in January" overlap but are not one telling.
		if ev.Date != nil && m.date != nil && m.dateFromText && ev.Date.Text != "" &&
			(ev.Date.Start != m.date.Start || ev.Date.End != m.date.End) {
			return false
		}
	}
	if ev.Location != nil && m.place != nil && !evPlaceWeak && !m.storyPlace {
		if ev.Location.Country != m.place.Country {
			return false
		}
		if precisionRank[ev.Location.Precision] >= precisionRank["city"] &&
			precisionRank[m.place.Precision] >= precisionRank["city"] && ev.Location.Name != m.place.Name {
			return false
		}
	}
	if ev.Date != nil && m.date != nil && m.dateFromText {
		return ev.Date.overlaps(m.date)
	}
	return m.para-last.para <= 1
}

// abduction is ACLED's sub-type for a kidnapping.
const abduction = "abduction_forced_disappearance"

// strongTrigger is the score of a codebook "strong" phrase: only such a
// phrase ("car bomb", "airstrike") refines a generic attack or clash told
// nearby; a passing "explosions were heard" does not.
const strongTrigger = 3

// generic sub-types are what a sentence is coded as when it says only
// that there was an attack or fighting; a more specific telling of the
// same incident nearby ("the car bomb", "shelling") refines it.
var generic = map[string]bool{"attack": true, "armed_clash": true}

// violent are the event types a generic attack or clash can be refined
// into; a protest or a strategic development is never the same incident
// as an attack told in the next sentence.
var violent = map[string]bool{Battles: true, ExplosionsRemoteViolence: true, ViolenceAgainstCivilians: true}

// refines reports whether sub-type specific can stand for generic.
func refines(general, specific string) bool {
	return generic[general] && violent[Subtypes[specific]] && !generic[specific]
}

// absorb adds a mention's facts to an event: counts take the largest any
// one sentence gives (a lone dead one told as another adds to one), the first date and the most precise place win, and
// the sentence becomes evidence.
func absorb(text string, ev *Event, m mention, ri runeIndex) {
	if refines(ev.Subtype, m.trigger.Subtype) && m.trigger.Score >= strongTrigger {
		ev.Type, ev.Subtype = m.trigger.Type, m.trigger.Subtype
		ev.AttackType = nil
		if m.trigger.AttackType != "" {
			at := m.trigger.AttackType
			ev.AttackType = &at
		}
	}
	if m.killed != nil {
		ev.Killed = addMore(ev.Killed, m.killed, m.killedMore)
	}
	if m.wounded != nil {
		ev.Wounded = maxCount(ev.Wounded, m.wounded)
	}
	// A date the text gives beats the lead's implicit week, and a
	// retelling that dates the event within the range first given
	// ("last week", then "on April 29") makes it precise.
	if m.date != nil && (ev.Date == nil || (ev.Date.Text == "" && m.dateFromText) || m.dateFromText && m.date.narrows(ev.Date)) {
		ev.Date = m.date
	}
	if m.place != nil && (ev.Location == nil || precisionRank[m.place.Precision] > precisionRank[ev.Location.Precision]) && !(m.storyPlace && ev.Location != nil) {
		ev.Location = m.place
	}
	if ev.Certainty == Reported && m.certainty != "" && (len(ev.Evidence) == 0 || m.certainty != Hypothetical) { // what may happen does not undo what a sentence before told happened
		ev.Certainty = m.certainty
	}
	ev.Claims = append(ev.Claims, m.claims...)
	for _, c := range m.claims {
		// Whoever claims an attack is its perpetrator, as the claim says:
		// the event's certainty is "claimed".
		if c.Kind == "claims_responsibility" && c.By != "" {
			ev.Perpetrators = addParticipant(ev.Perpetrators, Participant{Name: c.By, Kind: "organization"})
		}
	}
	for _, v := range m.victims {
		ev.Victims = addParticipant(ev.Victims, v)
	}
	for _, p := range m.args.Perpetrators {
		ev.Perpetrators = addParticipant(ev.Perpetrators, p)
	}
	for _, p := range m.args.Targets {
		ev.Targets = addParticipant(ev.Targets, p)
	}
	for _, p := range m.args.Victims {
		ev.Victims = addParticipant(ev.Victims, p)
	}
	for _, w := range m.args.Weapons {
		ev.Weapons = addString(ev.Weapons, w)
	}
	ev.Evidence = appendEvidence(text, ev.Evidence, m, ri)
}

// resolveActors maps each participant's surface name to a canonical actor
// from the catalog (codebook/actors*.yaml), with the event's country as
// context ("police" in a Nigerian story are Nigeria's police) and the
// participant's role ("Americans" who were killed are civilians). An
// unresolved name is kept as written, its actor null.
func resolveActors(ev *Event, why []Reason) []Reason {
	country := ""
	if ev.Location != nil {
		country = ev.Location.Country
	}
	for _, list := range []struct {
		ps   *[]Participant
		role string
	}{{&ev.Perpetrators, "perpetrator"}, {&ev.Targets, "target"}, {&ev.Victims, "victim"}} {
		var out []Participant
		for _, p := range *list.ps {
			ctx := resolve.ActorContext{Country: country, Role: list.role}
			m := resolve.ResolveActor(p.Name, ctx)
			parts := []Participant{p}
			matches := []resolve.ActorMatch{m}
			if !m.Resolved && strings.Contains(p.Name, " and ") {
				// "13 American military personnel and at least 169
				// Afghans" names two actors; keep them apart if both
				// resolve, else keep the phrase whole.
				var ps []Participant
				var ms []resolve.ActorMatch
				for _, part := range strings.Split(p.Name, " and ") {
					pm := resolve.ResolveActor(part, ctx)
					if !pm.Resolved {
						ps = nil
						break
					}
					ps = append(ps, Participant{Name: strings.TrimSpace(part), Kind: "unknown"})
					ms = append(ms, pm)
				}
				if ps != nil {
					parts, matches = ps, ms
				}
			}
			for i := range parts {
				q, pm := parts[i], matches[i]
				if pm.Resolved {
					q.Actor = pm.ActorName()
					if k := pm.ParticipantKind(); k != "" && (q.Kind == "unknown" || q.Kind == "organization") {
						q.Kind = k
					}
					why = append(why, Reason{Field: list.role + "s", Value: pm.Name,
						Rule: fmt.Sprintf("actor catalog: %q matched %q (%s)", q.Name, pm.Matched, pm.Rule)})
				}
				// A phrase split in two may give back a name the list
				// already holds ("all 40 passengers" and "all 40
				// passengers and crew").
				out = addParticipant(out, q)
			}
		}
		*list.ps = out
	}
	return why
}

// withEmptyLists gives an event's unfilled lists as empty, not nil, so
// that they are written as [] and consumers need not test for null.
func withEmptyLists(ev Event) Event {
	for _, l := range []*[]Participant{&ev.Perpetrators, &ev.Targets, &ev.Victims} {
		if *l == nil {
			*l = []Participant{}
		}
	}
	if ev.Weapons == nil {
		ev.Weapons = []string{}
	}
	if ev.Claims == nil {
		ev.Claims = []Claim{}
	}
	return ev
}

// addParticipant appends p unless a participant of the same name is there.
func addParticipant(ps []Participant, p Participant) []Participant {
	for _, q := range ps {
		if strings.EqualFold(q.Name, p.Name) {
			return ps
		}
	}
	return append(ps, p)
}

func appendEvidence(text string, ev []Evidence, m mention, ri runeIndex) []Evidence {
	for _, sp := range append([]nlp.Span{m.span}, m.riders...) {
		ev = appendSpan(text, ev, sp, ri)
	}
	return ev
}

func appendSpan(text string, ev []Evidence, sp nlp.Span, ri runeIndex) []Evidence {
	start := ri[sp.Start]
	for _, e := range ev {
		if e.Start == start {
			return ev
		}
	}
	return append(ev, Evidence{Start: start, End: ri[sp.End], Text: text[sp.Start:sp.End]})
}

// runeIndex maps the byte offsets of sentence boundaries to character
// offsets. Evidence offsets are characters, so that tools in any language
// can slice the article text with them; the index is built in one pass.
type runeIndex map[int]int

func newRuneIndex(text string, sents []nlp.Span) runeIndex {
	ri := make(runeIndex, 2*len(sents))
	pos, n := 0, 0
	for _, s := range sents {
		for _, b := range [2]int{s.Start, s.End} {
			if b < pos {
				continue
			}
			n += utf8.RuneCountInString(text[pos:b])
			pos = b
			ri[b] = n
		}
	}
	return ri
}
