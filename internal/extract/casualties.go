package extract

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"sitrep/internal/nlp"
	"sitrep/internal/wordlist"
)

//go:embed rules/casualties.txt
var casualtyRules string

// casualtyLexicon holds the cues of rules/casualties.txt, each split into
// lower-case words.
type casualtyLexicon struct {
	killedAfter, killedBefore   [][]string
	woundedAfter, woundedBefore [][]string
	between                     map[string]bool
	singular                    [][]string
	shotAfter, shotBefore       [][]string
	headlinePersons             map[string]bool
	singularSubjects            [][]string
	woundedStates               [][]string
	objectPersons, objectDets   map[string]bool
	// intransitive cues tell a death or injury with no auxiliary
	// ("died", "did not survive"); auxiliaries make the others passive
	// ("was killed"); unrealised words before a cue say it did not
	// happen ("tried to kill", "attempted murder of").
	intransitive, auxiliaries, unrealised map[string]bool
	// remembrance words a few words before a death cue say the death is
	// one the sentence looks back on, not one it reports: "a ceremony
	// commemorating the death of", "to avenge the killing of".
	remembrance   map[string]bool
	clauseOpeners map[string]bool // words after which a surname may open a clause
	more          map[string]bool // words telling people beyond those already counted
	// hospitalVerbs with one of hospitals a few words on tell people
	// hurt, fate untold, as "were shot" does.
	hospitalVerbs [][]string
	hospitals     map[string]bool
	// hospitalSenders are verbs before the people they send to a
	// hospital ("sent four people to a hospital").
	hospitalSenders map[string]bool
	reflexives      map[string]bool // "shot himself": one person hit
	objectStarters  map[string]bool // first words of an object: "killed *two* people"
	firedAt         map[string]bool // words after an active "shot" that tell firing, not a hit: "shot *at*"
	// pronounCounts are words standing for a number of people with no
	// noun ("another was wounded", "both were taken to hospital").
	pronounCounts []pronounCount
	// multiples count the victims of the incident a noun after them
	// names: "a triple homicide" (3 dead), "a double shooting" (2 shot).
	multiples                         []pronounCount
	multipleDeaths, multipleShootings map[string]bool
	civilians, forces                 map[string]bool
	// tollVerbs and tollNouns: "the death toll from Monday's bombing
	// has risen to 15" — a verb of change before the number counts dead
	// when a toll noun stands earlier in the sentence, however far.
	tollVerbs [][]string
	tollNouns [][]string
	// laterDeaths are predicates telling that people already counted as
	// hit died: "a man shot outside a bar on Friday has died".
	laterDeaths [][]string
	hitStates   [][]string // "a gunshot wound": hit, fate untold
	// survivals tell that people hit lived ("survived", "is expected to
	// recover"): people shot whom a sentence tells so are not among the
	// dead (survivors).
	survivals [][]string
	// otherSubjects in the subject of a bare "was shot" or "was taken to
	// a hospital" tell a person other than those told before: "another
	// victim, a girl of 12, was taken to hospital", "the
	// fourth victim was shot in the arm" (additional).
	otherSubjects map[string]bool
	suicides      [][]string // "took his own life": the shooter dead
	// suicidesAfterKilling: "and then himself", the shooter dead only
	// after a count of dead he killed ("killed his wife and then himself")
	suicidesAfterKilling [][]string
	// oneIncident words before "shootings" may name one incident's
	// shots ("in the shootings", "in both shootings").
	oneIncident map[string]bool
	unborn      map[string]bool // "an unborn child": not counted dead
	// attributive words for a state stand between a number and its
	// person noun: "two wounded people", "three slain victims", "two
	// gunshot victims" (hit, fate untold).
	attrKilled, attrWounded, attrShot map[string]bool
	modals                            map[string]bool // "could have killed": not done
	deathModals                       map[string]bool // "may have killed": a death not done (see unrealisedAt)
	// murderSuicides are words for a killing and the killer's suicide:
	// at least two dead.
	murderSuicides map[string]bool
	statistics     [][]string // "so far this year": a tally of many incidents
	// headlineDeaths tell a death in a headline with no count ("fatal
	// shooting", "shooting death of"); headlineDenials undo them ("no one
	// killed", "survives").
	headlineDeaths, headlineDenials [][]string
	// loneDeterminers open the description of one person not told
	// before ("a", "an"); loneGeneric are nouns that may stand for any
	// victim ("a person", "a victim"), so they tell no one apart.
	loneDeterminers, loneGeneric map[string]bool
	// loneMale and loneFemale are nouns that tell a person's sex, which
	// tells two people described afresh apart.
	loneMale, loneFemale map[string]bool
}

var (
	casualtyOnce sync.Once
	casualtyLex  *casualtyLexicon
)

func casualties() *casualtyLexicon {
	casualtyOnce.Do(func() {
		lx := &casualtyLexicon{between: map[string]bool{}, civilians: map[string]bool{}, forces: map[string]bool{}, headlinePersons: map[string]bool{},
			objectPersons: map[string]bool{}, objectDets: map[string]bool{},
			intransitive: map[string]bool{}, auxiliaries: map[string]bool{}, unrealised: map[string]bool{}, remembrance: map[string]bool{}, hospitals: map[string]bool{}, hospitalSenders: map[string]bool{}, reflexives: map[string]bool{}, objectStarters: map[string]bool{}, firedAt: map[string]bool{}, multipleDeaths: map[string]bool{}, multipleShootings: map[string]bool{}, clauseOpeners: map[string]bool{}, more: map[string]bool{},
			loneDeterminers: map[string]bool{}, otherSubjects: map[string]bool{}, loneGeneric: map[string]bool{}, loneMale: map[string]bool{}, loneFemale: map[string]bool{}, oneIncident: map[string]bool{}, unborn: map[string]bool{}, modals: map[string]bool{}, deathModals: map[string]bool{}, murderSuicides: map[string]bool{},
			attrKilled: map[string]bool{}, attrWounded: map[string]bool{}, attrShot: map[string]bool{}}
		// Each section of rules/casualties.txt is a list of phrases or a
		// set of whole phrases; "between" is a set of single words.
		phrases := map[string]*[][]string{
			"killed_after": &lx.killedAfter, "killed_before": &lx.killedBefore,
			"wounded_after": &lx.woundedAfter, "wounded_before": &lx.woundedBefore,
			"singular": &lx.singular, "singular_subjects": &lx.singularSubjects,
			"wounded_states": &lx.woundedStates, "shot_before": &lx.shotBefore,
			"shot_after": &lx.shotAfter, "toll_verbs": &lx.tollVerbs, "toll_nouns": &lx.tollNouns,
			"hospital_verbs": &lx.hospitalVerbs, "later_deaths": &lx.laterDeaths, "hit_states": &lx.hitStates, "survivals": &lx.survivals, "suicides": &lx.suicides, "suicides_after_killing": &lx.suicidesAfterKilling, "statistics": &lx.statistics,
			"headline_deaths": &lx.headlineDeaths, "headline_denials": &lx.headlineDenials,
		}
		sets := map[string]map[string]bool{
			"civilians": lx.civilians, "forces": lx.forces, "headline_persons": lx.headlinePersons,
			"object_persons": lx.objectPersons, "object_determiners": lx.objectDets,
			"intransitive": lx.intransitive, "auxiliaries": lx.auxiliaries, "unrealised": lx.unrealised,
			"remembrance": lx.remembrance,
			"hospitals":   lx.hospitals, "hospital_senders": lx.hospitalSenders, "reflexives": lx.reflexives, "multiple_deaths": lx.multipleDeaths, "multiple_shootings": lx.multipleShootings, "object_starters": lx.objectStarters, "fired_at": lx.firedAt, "clause_openers": lx.clauseOpeners, "more": lx.more,
			"lone_determiners": lx.loneDeterminers, "lone_generic": lx.loneGeneric,
			"lone_male": lx.loneMale, "lone_female": lx.loneFemale, "one_incident": lx.oneIncident, "unborn": lx.unborn, "modals": lx.modals, "death_modals": lx.deathModals, "murder_suicides": lx.murderSuicides, "other_subjects": lx.otherSubjects,
			"attributive_killed": lx.attrKilled, "attributive_wounded": lx.attrWounded, "attributive_shot": lx.attrShot,
		}
		for section, lines := range wordlist.Sections(casualtyRules) {
			for _, line := range lines {
				words := strings.Fields(strings.ToLower(line))
				if list, ok := phrases[section]; ok {
					*list = append(*list, words)
				} else if set, ok := sets[section]; ok {
					set[strings.Join(words, " ")] = true
				} else if section == "multiples" && len(words) == 2 {
					n, err := strconv.Atoi(words[1])
					if err != nil {
						panic("extract: rules/casualties.txt: multiple without a number: " + line)
					}
					lx.multiples = append(lx.multiples, pronounCount{words[:1], n})
				} else if section == "pronoun_counts" && len(words) >= 2 {
					n, err := strconv.Atoi(words[len(words)-1])
					if err != nil {
						panic("extract: rules/casualties.txt: pronoun count without a number: " + line)
					}
					lx.pronounCounts = append(lx.pronounCounts, pronounCount{words[:len(words)-1], n})
				} else if section == "between" {
					for _, w := range words {
						lx.between[w] = true
					}
				} else {
					panic("extract: rules/casualties.txt: entry outside a known section: " + line)
				}
			}
		}
		casualtyLex = lx
	})
	return casualtyLex
}

// pronounCount is a phrase that counts people by itself: "another" (1),
// "both" (2).
type pronounCount struct {
	words []string
	n     int
}

// withPronounCounts adds to a sentence's quantities the people a
// [pronoun_counts] phrase stands for when no noun follows it, so that the
// cues around it count them as they count "one man": "one man died and
// another was wounded", "a second was critically injured", "both were
// taken to hospital". A phrase inside a quantity ("another man", "both
// women") is the quantity's.
func (lx *casualtyLexicon) withPronounCounts(text string, toks []nlp.Token, low []string, raw []nlp.Quantity) []nlp.Quantity {
	var out []nlp.Quantity
	k := 0
	for i := 0; i < len(low); i++ {
		for _, pc := range lx.pronounCounts {
			end := i + len(pc.words) - 1
			// "another shot" is a gunshot: people hit need a verb first
			// ("another was shot"), a state may follow straight on
			// ("another wounded").
			if !hasWordsAt(low, i, pc.words) || end+1 < len(toks) && toks[end+1].Kind == nlp.Word && !lx.between[low[end+1]] && !lx.isCue(low, end+1) {
				continue
			}
			for k < len(raw) && raw[k].End <= toks[i].Start {
				out = append(out, raw[k])
				k++
			}
			if k < len(raw) && raw[k].Start < toks[end].End {
				if q := raw[k]; q.Start == toks[i].Start && q.End == toks[end].End && q.Noun == "" {
					// the phrase read as a bare number: it is people
					q.Kind, q.Min, q.Max, q.Person = nlp.Count, pc.n, pc.n, true
					out = append(out, q)
					k++
					i = end
					break
				}
				continue // within a quantity: "another 15-year-old boy"
			}
			out = append(out, nlp.Quantity{Start: toks[i].Start, End: toks[end].End, Text: text[toks[i].Start:toks[end].End],
				Min: pc.n, Max: pc.n, Kind: nlp.Count, Person: true})
			i = end
			break
		}
	}
	if len(out) == 0 {
		return raw
	}
	return append(out, raw[k:]...)
}

// Casualty is a count of people the text says were killed or wounded.
type Casualty struct {
	Wounded bool // false: killed
	Count   Count
	Start   int // byte offsets of the number phrase
	End     int
	Text    string
	Noun    string // the counted noun ("soldiers"), or "" for a name or a bare "was killed"
	Named   bool   // a person named in the text ("killed Brandon Crawford")
	// Shot marks people hit by gunfire with no outcome stated ("four
	// people were shot"): the event's wounded are those shot less those
	// killed, which only the whole event can tell.
	Shot bool
	// More marks people told as beyond those counted before ("another
	// man was killed", "Jane Doe was also killed").
	More bool
	// Beyond marks people hit, fate untold, told as others than those
	// before ("her boyfriend was also shot", "he and four others were
	// shot"), who may be the dead: they are not counted among the dead.
	Beyond bool
}

// Casualties finds the killed and wounded counts one sentence states:
// "six people were killed", "killing 13 soldiers and at least 169
// civilians" (one count of 182), "the murder of 137 concert-goers", "no one
// was hurt" (zero), "left three dead and 12 injured" (two counts). Numbers
// that are not counts of people (years, times, money, ages) are never taken.
func Casualties(text string, s nlp.Span) []Casualty {
	lx := casualties()
	toks := nlp.Tokens(text, s)
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(t.Text)
	}
	raw := nlp.Quantities(text, s)
	if lx.manyIncidents(low, raw) {
		return nil // a running tally, no incident's toll
	}
	raw = lx.withPronounCounts(text, toks, low, raw)
	var out []Casualty
	emit := func(q nlp.Quantity, wounded bool) {
		c := Count{Min: q.Min}
		if q.Bounded() {
			m := q.Max
			c.Max = &m
		}
		out = append(out, Casualty{Wounded: wounded, Count: c, Start: q.Start, End: q.End, Text: text[q.Start:q.End], Noun: q.Noun})
	}
	for _, g := range nlp.Coordinated(text, raw) {
		if g.Kind == nlp.Age && isOnePerson(text[s.Start:g.Start]) {
			// "a 19-year-old was shot dead": an age standing for a
			// person, the article with it, so that a cue before the
			// article reaches it ("the fatal shooting of a 19-year-old").
			g.Kind, g.Min, g.Max = nlp.Count, 1, 1
			before := strings.TrimRight(text[s.Start:g.Start], " ")
			g.Start = s.Start + strings.LastIndexByte(" "+before, ' ')
		}
		if g.Kind != nlp.Count || g.Capped {
			continue
		}
		var parts []nlp.Quantity
		ownCue := false
		for _, q := range raw {
			if q.Start >= g.Start && q.End <= g.End {
				parts = append(parts, q)
				if _, ok := lx.nounCue(q.Noun); ok {
					ownCue = true
				}
			}
		}
		// Parts that name their own state ("three dead and 12 injured")
		// are counted apart; otherwise the cue around the whole list
		// applies to its sum ("killing 13 soldiers and 169 civilians").
		if ownCue && len(parts) > 1 {
			for _, q := range parts {
				if w, ok := lx.quantityCue(low, toks, q); ok {
					emit(q, w)
				}
			}
			continue
		}
		if w, ok := lx.quantityCue(low, toks, g); ok {
			emit(g, w)
		} else {
			// A state word counts only the people of its own part: "a
			// 7-year-old gunshot victim and a 5-year-old boy" is one hit.
			if len(parts) <= 1 {
				parts = []nlp.Quantity{g}
			}
			for _, q := range parts {
				if w, shot, ok := lx.attributive(toks, low, q); ok {
					emit(q, w)
					out[len(out)-1].Shot = shot
				}
			}
		}
	}
	if len(out) == 0 {
		out = append(out, lx.namedVictims(text, toks, low)...)
	}
	if len(out) == 0 {
		out = append(out, lx.singularPassive(text, toks, low)...)
		if len(out) == 1 && out[0].Shot {
			// "One woman was shot in the head and another was shot in
			// the arm": the people shot the sentence counts tell more
			// than its one "was shot".
			if shot := lx.shot(text, toks, low, raw); len(shot) > 1 {
				out = shot
			}
		}
	}
	var state []Casualty
	if len(out) == 0 {
		state = lx.woundedState(text, toks, low)
		out = append(out, state...)
	}
	// A list of people adds to the sentence's counts only where it
	// tells more than the number phrases do: the same dead are never
	// counted twice.
	for _, c := range lx.victimLists(text, toks, low, raw) {
		if c.Count.Min > largest(out, c.Wounded) {
			out = append(out, c)
		}
	}
	if len(state) == 1 && len(out) == 1 && state[0].Wounded {
		// A state of the living with no count ("all four victims were
		// taken to hospital with non-life-threatening injuries", "both
		// women shot are expected to recover") gives way to the people
		// shot the sentence counts, who are the ones in that state.
		if shot := lx.shot(text, toks, low, raw); len(shot) > 0 {
			out = shot
		}
	}
	if len(state) == 1 && len(out) == 1 && state[0].Shot {
		// "The woman and her son were taken to the hospital with
		// gunshot wounds": the people listed are the ones hit.
		if l := lx.hitLists(text, toks, low, raw, nil); len(l) > 0 {
			out = l
		} else if shot := lx.shot(text, toks, low, raw); len(shot) == 1 && shot[0].Count.Min > 1 {
			// "Two men suffered gunshot wounds": the count of the
			// people in that state.
			out = shot
		}
	}
	if !hasHurt(out) && !hasKind(out, false, true) {
		// "Five people were shot, two of them fatally": those shot are
		// counted beside the dead, so the event can tell the wounded.
		// "One man was shot and no one else was hurt": the zero hurt
		// are others than the one shot.
		for _, c := range lx.shot(text, toks, low, raw) {
			if !startsAt(out, c.Start) {
				out = append(out, c)
			}
		}
	} else if len(out) == 1 && out[0].Wounded && !hasKind(out, false, false) && out[0].Count.Max != nil && *out[0].Count.Max == out[0].Count.Min && lx.additional(toks, low, out[0]) {
		// "Three men were shot and a fourth was wounded by shrapnel":
		// the one more hurt is beyond the people shot before him. A
		// vague count ("and several others injured") may be hurt in the
		// rush, not by gunfire.
		if shot := lx.shot(text, toks, low, raw); len(shot) == 1 && shot[0].End <= out[0].Start {
			c := shot[0]
			c.Count = addCounts(c.Count, out[0].Count)
			out = []Casualty{c}
		}
	}
	out = lx.multiple(text, toks, low, out)
	out = lx.murderSuicide(text, toks, low, out)
	if hasKind(out, false, false) && !hasKind(out, true, false) && !hasKind(out, false, true) {
		out = append(out, lx.alsoHurt(text, toks, low)...)
	}
	out = lx.shotThenDied(text, toks, low, out)
	out = lx.withoutUnborn(toks, low, lx.withConjunct(text, toks, low, lx.sumDistinct(text, toks, low, lx.suicide(text, toks, low, lx.objectVictims(text, toks, low, out)))))
	return lx.wholeOf(text, s, toks, low, lx.survivors(toks, low, out))
}

// survivors marks people hit, fate untold, as hit beyond the dead when
// the sentence, after them, tells they lived: "the fourth victim survived
// and was taken to the hospital", "her boyfriend was shot in the leg and
// is expected to recover". People shot are otherwise taken to hold the
// dead (wounded = shot - killed), which would count such a survivor out
// of an incident whose dead are told elsewhere. A sentence that counts
// dead itself ("four were shot, one fatally; the others are expected to
// survive") already tells how its people shot split.
func (lx *casualtyLexicon) survivors(toks []nlp.Token, low []string, out []Casualty) []Casualty {
	for _, c := range out {
		if !c.Wounded && !c.Shot && c.Count.Min > 0 {
			return out
		}
	}
	for k := range out {
		c := &out[k]
		if !c.Shot || c.Beyond || c.Count.Min == 0 || c.Noun == "" && isDigits(c.Text) {
			// "Jane Roe, 24, and John Roe, 32, were taken to the
			// hospital": an age, not a count.
			continue
		}
		first, last := tokenRange(toks, c.Start, c.End)
		if last < 0 {
			continue
		}
		// "the fourth victim survived and was taken to the hospital":
		// the survival may come just before a bare passive.
		for j := max(0, first-3); j < len(low); j++ {
			if matchAny(low, j, lx.survivals) && !negatedAt(low, j) && !(j+1 < len(low) && low[j+1] == "by") {
				c.Beyond = true
				break
			}
		}
	}
	return out
}

// subordinators open a clause within a sentence, whose subject is not
// the main clause's: "the others were inside when she was shot".
var subordinators = map[string]bool{"when": true, "while": true, "after": true, "before": true, "as": true,
	"where": true, "because": true, "if": true, "until": true, "since": true, "who": true, "whom": true}

// negatedAt reports a "not" in the two words before token j: "is not
// expected to survive".
func negatedAt(low []string, j int) bool {
	for k := max(0, j-2); k < j; k++ {
		switch low[k] {
		case "not", "never", "n't", "didn't", "isn't", "wasn't":
			return true
		}
	}
	return false
}

// wholeOf counts all the people of "one of the three people wounded in
// the ambush", "one of five people shot at the bar": one person told
// as one of a group that a cue straight after it, with no verb between
// (a participle, not "one of the men was wounded"), names as hit. The
// group is the incident's toll; the one is only the person the sentence
// is about.
func (lx *casualtyLexicon) wholeOf(text string, s nlp.Span, toks []nlp.Token, low []string, out []Casualty) []Casualty {
	for k := range out {
		c := &out[k]
		if c.Count.Min != 1 || c.Count.Max == nil || *c.Count.Max != 1 {
			continue
		}
		first, last := tokenRange(toks, c.Start, c.End)
		if first < 0 || first+3 > last || low[first] != "one" || low[first+1] != "of" {
			continue
		}
		j := first + 2
		if lx.objectDets[low[j]] || low[j] == "those" || low[j] == "these" {
			j++
		}
		if last+1 >= len(low) || !lx.partOfCue(low, last+1, c) {
			continue
		}
		qs := nlp.Quantities(text, nlp.Span{Start: toks[j].Start, End: c.End})
		if len(qs) == 0 || qs[0].Start != toks[j].Start || qs[0].Kind != nlp.Count || !qs[0].Bounded() || qs[0].Min != qs[0].Max || qs[0].Min < 2 {
			continue
		}
		n := qs[0].Min
		c.Count = Count{Min: n, Max: &n}
	}
	return out
}

// partOfCue reports a cue at token j, straight after the people counted,
// of the kind the casualty c counts.
func (lx *casualtyLexicon) partOfCue(low []string, j int, c *Casualty) bool {
	switch {
	case c.Shot:
		return matchAny(low, j, lx.shotAfter)
	case c.Wounded:
		return matchAny(low, j, lx.woundedAfter)
	}
	return matchAny(low, j, lx.killedAfter) || hasWordsAt(low, j, []string{"shot", "and", "killed"})
}

// conjunctStops are words that, before the capitalised words or as the
// word itself, make the conjunct a place or a day, not a person ("in
// Dalmera", "on Friday").
var conjunctStops = map[string]bool{"in": true, "on": true, "at": true, "near": true, "from": true, "of": true, "to": true, "by": true, "into": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// withConjunct counts the person named before "and" in a count of
// others: "John Smith and two others were shot", "a man and three others
// were wounded" tell three and four people, the count of others leaving
// out the one beside it.
func (lx *casualtyLexicon) withConjunct(text string, toks []nlp.Token, low []string, cs []Casualty) []Casualty {
	for k := range cs {
		c := &cs[k]
		first, last := tokenRange(toks, c.Start, c.End)
		if first < 2 || last <= first || c.Count.Min == 0 || low[first-1] != "and" || low[first+1] != "other" && low[first+1] != "others" {
			continue
		}
		p := first - 2
		if toks[p].Kind != nlp.Word || !isTitleWord(toks[p].Text) && !lx.headlinePersons[low[p]] && !lx.objectPersons[low[p]] {
			continue
		}
		start := p
		for start > 0 && toks[start-1].Kind == nlp.Word && isTitleWord(toks[start-1].Text) {
			start--
		}
		if start > 0 && conjunctStops[low[start-1]] || conjunctStops[low[p]] {
			continue // "killed on Friday and two others", "in Dalmera and two others"
		}
		one := 1
		c.Count = addCounts(c.Count, Count{Min: 1, Max: &one})
		c.Start, c.Text, c.Noun, c.Named = toks[start].Start, text[toks[start].Start:c.End], "", false
	}
	return cs
}

// alsoHurt counts one person hurt beyond the dead a sentence counts,
// told with "also" by a singular passive: "a victim who escaped from the
// home where three people were killed also was injured", "the gunman was
// also wounded".
func (lx *casualtyLexicon) alsoHurt(text string, toks []nlp.Token, low []string) []Casualty {
	for i := 1; i < len(low); i++ {
		for _, aux := range lx.singular {
			if !hasWordsAt(low, i, aux) {
				continue
			}
			j := i + len(aux)
			also := low[i-1] == "also"
			if j < len(low) && low[j] == "also" {
				also = true
				j++
			}
			for j < len(low) && lx.between[low[j]] && !lx.isCue(low, j) {
				j++
			}
			if !also || j >= len(low) || !matchAny(low, j, lx.woundedAfter) {
				continue
			}
			n := 1
			return []Casualty{{Wounded: true, More: true, Count: Count{Min: 1, Max: &n}, Start: toks[i].Start, End: toks[j].End, Text: text[toks[i].Start:toks[j].End]}}
		}
	}
	return nil
}

// murderSuicide counts the dead a [murder_suicides] word tells when the
// sentence counts fewer: at least the one murdered and the murderer, or
// as many murdered as a [multiples] word before it says and him ("a
// double murder-suicide": at least three dead). An attempted one tells
// no death.
func (lx *casualtyLexicon) murderSuicide(text string, toks []nlp.Token, low []string, out []Casualty) []Casualty {
	for i := range low {
		if !lx.murderSuicides[low[i]] || lx.unrealisedAt(low, i, i+1, true) {
			continue
		}
		n := 2
		for k := i - 1; k >= 0 && k >= i-2; k-- {
			for _, m := range lx.multiples {
				if hasWordsAt(low, k, m.words) {
					n = m.n + 1
				}
			}
		}
		if largest(out, false) >= n {
			return out
		}
		return append(out, Casualty{Count: Count{Min: n}, Start: toks[i].Start, End: toks[i].End, Text: text[toks[i].Start:toks[i].End]})
	}
	return out
}

// suicide counts the shooter's own death a [suicides] phrase tells
// ("then took his own life") as one dead beyond the dead the sentence
// counts before it: "killed two people before turning the gun on
// himself" is three dead.
func (lx *casualtyLexicon) suicide(text string, toks []nlp.Token, low []string, out []Casualty) []Casualty {
	for i := range low {
		tail := !matchAny(low, i, lx.suicides)
		if tail && !matchAny(low, i, lx.suicidesAfterKilling) || lx.unrealisedAt(low, i, i+1, true) {
			continue // "tried to take his own life", "may have killed himself"
		}
		var dead, shot *Casualty
		own := -1
		for k := range out {
			c := &out[k]
			if c.Wounded || !c.Shot && c.Start >= toks[i].Start {
				continue // the dead told before; those hit anywhere
			}
			if _, last := tokenRange(toks, c.Start, c.End); last >= 0 && lx.reflexives[low[last]] {
				if c.Shot && c.Start >= toks[i].Start {
					own = k // "fatally shooting himself": the phrase's own hit, him
					continue
				}
				return out // "killed himself": told already
			}
			if c.Shot && (shot == nil || c.Count.Min > shot.Count.Min) {
				shot = c
			} else if !c.Shot && (dead == nil || c.Count.Min > dead.Count.Min) {
				dead = c
			}
		}
		if dead != nil {
			if first, last := tokenRange(toks, dead.Start, dead.End); !lx.objectOf(low, first, i) && !passiveAgent(low, last, i) {
				// "two people were found dead, police said, after the
				// gunman ...": the dead may count him; "his mother and a
				// man who turned the gun on himself" do.
				return out
			}
		}
		if tail && dead == nil {
			continue // "shot his wife and then himself": his fate untold
		}
		if low[i] == "who" {
			// "slain by an intruder, who was fatally shot": only the
			// agent of a passive; "the murder of Jane Roe, who was
			// killed Sunday" is her.
			if dead == nil {
				continue
			}
			if _, last := tokenRange(toks, dead.Start, dead.End); !passiveAgent(low, last, i) {
				return out
			}
		}
		if own >= 0 {
			// He is counted dead below, not also hit, fate untold.
			out = slices.Delete(out, own, own+1)
			return lx.suicide(text, toks, low, out)
		}
		one := 1
		if shot != nil {
			// "shot his wife before turning the gun on himself": he is
			// one more hit, so that those shot less those killed still
			// count her.
			shot.Count = addCounts(shot.Count, Count{Min: 1, Max: &one})
		}
		if dead != nil {
			dead.Count = addCounts(dead.Count, Count{Min: 1, Max: &one})
			return out
		}
		n := 1
		end := i + len(lx.suicides[0])
		for _, p := range append(lx.suicides, lx.suicidesAfterKilling...) {
			if hasWordsAt(low, i, p) {
				end = i + len(p) - 1
				break
			}
		}
		return append(out, Casualty{Count: Count{Min: 1, Max: &n}, Start: toks[i].Start, End: toks[end].End, Text: text[toks[i].Start:toks[end].End]})
	}
	return out
}

// withoutUnborn takes out of a count of dead the unborn child it names
// or that an "including" straight after it names ("five people and an
// unborn baby", "six people, including an unborn child"): the archive
// counts the people born.
func (lx *casualtyLexicon) withoutUnborn(toks []nlp.Token, low []string, cs []Casualty) []Casualty {
	for k := range cs {
		c := &cs[k]
		if c.Wounded || c.Shot || c.Count.Min < 2 {
			continue
		}
		first, last := tokenRange(toks, c.Start, c.End)
		if first < 0 {
			continue
		}
		end := last
		if last+3 < len(low) && low[last+1] == "," && low[last+2] == "including" {
			end = last + 4 // ", including an unborn child"
		}
		for j := first; j <= end && j < len(low); j++ {
			if lx.unborn[low[j]] {
				c.Count.Min--
				if c.Count.Max != nil {
					m := *c.Count.Max - 1
					c.Count.Max = &m
				}
				break
			}
		}
	}
	return cs
}

// unrealisedAt reports a cue at tokens [c, end) told as not done: an
// [unrealised] word before it ("tried to kill"), or a modal and "have"
// earlier in its clause ("could have killed her", "could easily have
// killed her", "could have struck an artery and killed him"). For a
// death (death set) a [death_modals] word does so too ("he may have killed
// himself"): a death the news is not sure of is not yet counted, whereas
// people it says "may have been wounded" are counted hurt by the archive.
// A modal does not reach a cue that is a noun ("the fatal shooting of", "a
// murder-suicide"): the verb it goes with is another ("anyone who may have
// witnessed the fatal shooting of a boy", "it may have been a
// murder-suicide"), and the death is told as done.
func (lx *casualtyLexicon) unrealisedAt(low []string, c, end int, death bool) bool {
	if c > 0 && lx.unrealised[low[c-1]] {
		return true
	}
	if end > 0 && end <= len(low) && (low[end-1] == "of" || lx.murderSuicides[low[end-1]]) {
		return false
	}
	modal := func(w string) bool { return lx.modals[w] || death && lx.deathModals[w] }
	for k := c - 1; k >= 1 && k >= c-12; k-- {
		switch low[k] {
		case ".", ";", ",", ":", "but":
			return false
		case "have":
			return modal(low[k-1]) || k > 1 && modal(low[k-2])
		}
	}
	return false
}

// objectOf reports dead counted from token first as the object of an
// active cue ("killed his wife", "killing two people"), who are not the
// one who turns the gun on himself at token end unless a "who" between
// tells he is one of them.
func (lx *casualtyLexicon) objectOf(low []string, first, end int) bool {
	// "shot his daughter to death" too: dead, so shot to death.
	if first > 1 && lx.objectDets[low[first-1]] {
		first-- // "killed his two sons": the count after a determiner
	}
	if first < 1 || !endsWith(low, first, lx.killedBefore) && !endsWith(low, first, lx.shotBefore) {
		return false
	}
	for k := first; k < end; k++ {
		if low[k] == "who" {
			return false
		}
	}
	return true
}

// passiveAgent reports dead counted up to token last as the subject of a
// passive whose agent, a person ("by a man", "by the gunman"), stands
// before token end: "four people were killed by a man before he was shot
// dead by police" - the one who dies at end is the agent, not one of
// the dead counted.
func passiveAgent(low []string, last, end int) bool {
	if last < 0 {
		return false
	}
	passive := false
	for k := last + 1; k < end && k < last+4; k++ {
		if low[k] == "were" || low[k] == "was" {
			passive = true
		}
	}
	if !passive {
		return false
	}
	for k := last + 1; k+1 < end; k++ {
		if low[k] == "by" {
			d := low[k+1]
			return d == "a" || d == "an" || d == "the"
		}
		if low[k] == "." || low[k] == ";" || low[k] == "who" {
			return false
		}
	}
	return false
}

// manyIncidents reports a sentence whose counts are a tally of many
// incidents: a [statistics] phrase, or a number of shootings ("seven
// people were shot in four shootings on Sunday").
func (lx *casualtyLexicon) manyIncidents(low []string, raw []nlp.Quantity) bool {
	for i := range low {
		if matchAny(low, i, lx.statistics) {
			return true
		}
	}
	// "2 dead, 6 hurt in East End shootings", "in overnight
	// shootings": shootings with no determiner are many incidents ("in
	// the shootings", "in Sunday's shootings" may be one).
	for i := range low {
		if low[i] != "in" {
			continue
		}
		for j := i + 1; j < len(low) && j <= i+4; j++ {
			if low[j] == "shootings" {
				if j > i+1 {
					return true
				}
				break
			}
			if !isPlainWord(low[j]) || lx.oneIncident[low[j]] {
				break
			}
		}
	}
	for _, q := range raw {
		if q.Kind == nlp.Count && q.Min >= 2 && (strings.HasSuffix(q.Noun, "shootings") || strings.HasSuffix(q.Noun, "incidents")) {
			return true
		}
	}
	return false
}

// multiple adds the victims a "double", "triple" ... before a noun of
// an incident tells, when the sentence counts none of that kind: "police
// investigate a triple homicide" (3 dead), "a double shooting on Elm
// Street" (2 shot, fate untold).
func (lx *casualtyLexicon) multiple(text string, toks []nlp.Token, low []string, out []Casualty) []Casualty {
	for i := 0; i+1 < len(low); i++ {
		for _, m := range lx.multiples {
			if low[i] != m.words[0] {
				continue
			}
			var c Casualty
			switch next := low[i+1]; {
			case lx.multipleDeaths[next]:
				if largest(out, false) > 0 {
					continue
				}
			case lx.multipleShootings[next]:
				if hasKind(out, false, true) || largest(out, true) > 0 {
					continue
				}
				c.Shot = true
			default:
				continue
			}
			n := m.n
			c.Count = Count{Min: n, Max: &n}
			c.Start, c.End = toks[i].Start, toks[i+1].End
			c.Text = text[c.Start:c.End]
			out = append(out, c)
		}
	}
	return out
}

// sumDistinct adds up two counts of the same kind in one sentence when
// the later one is told as more people ("a shooting that also injured a
// woman", "one was critical and another in serious condition"); other
// counts of one kind stay apart, and the tally takes the largest, since
// a sentence may tell the same dead twice ("three people were killed,
// including Jane Doe").
func (lx *casualtyLexicon) sumDistinct(text string, toks []nlp.Token, low []string, cs []Casualty) []Casualty {
	if len(cs) < 2 {
		for k := range cs {
			cs[k].More = lx.additional(toks, low, cs[k])
			cs[k].Beyond = lx.beyond(toks, low, cs[k])
		}
		return cs
	}
	out := cs[:0:0]
	for _, c := range cs {
		merged := false
		if n := len(out); n > 0 && c.Wounded == out[n-1].Wounded && c.Shot == out[n-1].Shot && (c.Wounded || c.Shot) && lx.ownCues(toks, low, out[n-1], c) {
			// "A woman was shot in the leg and a girl was shot in the
			// arm": two people, each with their own cue.
			p := &out[n-1]
			p.Count = addCounts(p.Count, c.Count)
			p.End, p.Text, p.Noun, p.Named = c.End, text[p.Start:c.End], "", false
			continue
		}
		if lx.additional(toks, low, c) {
			for k := len(out) - 1; k >= 0; k-- {
				p := &out[k]
				if p.Wounded != c.Wounded || p.Shot != c.Shot || p.End > c.Start || p.Count.Min == 0 {
					continue
				}
				if !lx.sameClause(toks, low, p.End, c.Start) || c.Shot && lx.othersOnly(toks, low, c) {
					// Two sentences run together (a caption before the
					// story) tell the same people twice; and "a man who
					// shot four others": the man is the gunman.
					break
				}
				p.Count = addCounts(p.Count, c.Count)
				p.End, p.Text, p.Noun, p.Named = c.End, text[p.Start:c.End], "", false
				merged = true
				break
			}
		}
		if !merged {
			c.More = lx.additional(toks, low, c)
			c.Beyond = lx.beyond(toks, low, c)
			out = append(out, c)
		}
	}
	return out
}

// beyond reports people hit, fate untold, told as more people than
// those counted before, who may be the dead: not the object of an active
// "shot" ("a man who shot four others", the others counting any dead),
// nor a gunman who "also shot himself".
func (lx *casualtyLexicon) beyond(toks []nlp.Token, low []string, c Casualty) bool {
	if !c.Shot || !c.More {
		return false
	}
	first, last := tokenRange(toks, c.Start, c.End)
	if first < 0 || endsWith(low, first, lx.shotBefore) || lx.reflexives[low[last]] {
		return false
	}
	return true
}

// additional reports a count told as people beyond those already
// counted: "another", "others", "a second" in the phrase, or "also"
// just before or after it.
func (lx *casualtyLexicon) additional(toks []nlp.Token, low []string, c Casualty) bool {
	first, last := tokenRange(toks, c.Start, c.End)
	if first < 0 {
		return false
	}
	for i := max(0, first-3); i <= min(len(low)-1, last+6); i++ {
		if i > last && lx.isCue(low, i) {
			break // "Jane Doe, 24, was also killed": up to its cue
		}
		if lx.more[low[i]] && (i >= first && i <= last || low[i] == "also") {
			return true
		}
	}
	if c.Shot && c.Noun == "" && !c.Named && (lx.auxiliaries[low[first]] || low[first] == "has" || low[first] == "had") {
		// "Another victim, a 14-year-old girl, was taken to the
		// hospital": the subject of a bare passive, up to the clause's
		// start (in "riding with two friends when she was shot" the friends
		// are not it).
		for k := first - 1; k >= 0 && k >= first-10; k-- {
			if low[k] == ";" || low[k] == "." || low[k] == "but" || lx.clauseOpeners[low[k]] || subordinators[low[k]] {
				break
			}
			if lx.otherSubjects[low[k]] {
				// "A second man was shot": a person described
				// afresh, whom lonePersons adds up ("a fourth
				// victim" it does not read).
				return k == 0 || !lx.loneDeterminers[low[k-1]] || k+1 < first && lx.loneGeneric[low[k+1]]
			}
		}
	}
	return false
}

// ownCues reports two counts of the wounded (or of people shot) in one
// clause, joined by "and", the first with its own cue before the second:
// different people. A count after "including" or "of them" retells some
// of the first.
func (lx *casualtyLexicon) ownCues(toks []nlp.Token, low []string, p, c Casualty) bool {
	if p.End > c.Start || p.Count.Min == 0 || c.Count.Min == 0 {
		return false
	}
	if c.Noun == "" && !c.Named && c.Count.Min < p.Count.Min && !lx.additional(toks, low, c) {
		// "Five men were shot; three are being treated at the county
		// hospital": a bare smaller number, not told as more people,
		// is some of those just counted.
		return false
	}
	_, pl := tokenRange(toks, p.Start, p.End)
	cf, _ := tokenRange(toks, c.Start, c.End)
	if pl < 0 || cf < 0 {
		return false
	}
	cue, and := false, false
	for i := pl + 1; i < cf; i++ {
		switch low[i] {
		case ".", ";", "including", "among", "them", "whom", "who", "which", "but":
			return false
		case "and":
			and = cue
		}
		if lx.isCue(low, i) || lx.hurtAt(low, i) {
			cue = true
		}
	}
	return and
}

// sameClause reports whether no sentence or clause break (".", ";")
// stands between byte offsets end and start.
func (lx *casualtyLexicon) sameClause(toks []nlp.Token, low []string, end, start int) bool {
	for i, t := range toks {
		if t.Start >= end && t.End <= start && (low[i] == "." || low[i] == ";") {
			return false
		}
	}
	return true
}

// othersOnly reports a count told as more people only by "others" in
// it ("four others"), which follows a person who need not be a victim.
func (lx *casualtyLexicon) othersOnly(toks []nlp.Token, low []string, c Casualty) bool {
	first, last := tokenRange(toks, c.Start, c.End)
	for i := max(0, first); i >= 0 && i <= last; i++ {
		if lx.more[low[i]] && low[i] != "others" {
			return false
		}
	}
	return true
}

// addCounts is the sum of two counts of different people.
func addCounts(a, b Count) Count {
	c := Count{Min: a.Min + b.Min}
	if a.Max != nil && b.Max != nil {
		m := *a.Max + *b.Max
		c.Max = &m
	}
	return c
}

// hasHurt reports a count of wounded above zero in cs.
func hasHurt(cs []Casualty) bool {
	for _, c := range cs {
		if c.Wounded && !c.Shot && (c.Count.Min > 0 || c.Count.Max == nil || *c.Count.Max > 0) {
			return true
		}
	}
	return false
}

func hasKind(cs []Casualty, wounded, shot bool) bool {
	for _, c := range cs {
		if c.Wounded == wounded && c.Shot == shot {
			return true
		}
	}
	return false
}

// largest is the largest count of killed (or wounded) people in cs, or 0.
func largest(cs []Casualty, wounded bool) int {
	n := 0
	for _, c := range cs {
		if c.Wounded == wounded && !c.Shot {
			n = max(n, c.Count.Min)
		}
	}
	return n
}

func startsAt(cs []Casualty, start int) bool {
	for _, c := range cs {
		if c.Start == start {
			return true
		}
	}
	return false
}

// woundedState counts one person hurt for a sentence that gives no count
// but a state only the wounded are in: "was taken to a hospital in
// critical condition", "suffered a gunshot wound to the chest".
func (lx *casualtyLexicon) woundedState(text string, toks []nlp.Token, low []string) []Casualty {
	var hit []Casualty
	for i := range low {
		for _, st := range lx.woundedStates {
			if hasWordsAt(low, i, st) {
				n, end := 1, i+len(st)-1
				return []Casualty{{Wounded: true, Count: Count{Min: 1, Max: &n},
					Start: toks[i].Start, End: toks[end].End, Text: text[toks[i].Start:toks[end].End]}}
			}
		}
		for _, st := range lx.hitStates {
			if hit == nil && hasWordsAt(low, i, st) {
				// "found him with a gunshot wound": hit, fate untold,
				// unless the sentence tells a state of the living.
				n, end := 1, i+len(st)-1
				hit = []Casualty{{Shot: true, Count: Count{Min: 1, Max: &n},
					Start: toks[i].Start, End: toks[end].End, Text: text[toks[i].Start:toks[end].End]}}
			}
		}
	}
	return hit
}

// objectVictims adds one person a cue was done to when the sentence names
// them by a possessive or "the" and a noun for one person, not by a
// number or a name: "charged with wounding his cousin", "killing one and
// wounding the other", "her son shot his 3-year-old sister". A kind of
// count the sentence already gives (killed, wounded or shot) is not added
// to, so "killing his wife, Jane Doe" stays one.
func (lx *casualtyLexicon) objectVictims(text string, toks []nlp.Token, low []string, out []Casualty) []Casualty {
	for i := 1; i < len(low); i++ {
		if !lx.objectDets[low[i]] {
			continue
		}
		var wounded, shot bool
		ks, ws := cueStart(low, i, lx.killedBefore), cueStart(low, i, lx.woundedBefore)
		switch {
		case ks >= 0 && (ws < 0 || ks < ws): // the longer cue: "fatally wounding"
		case ws >= 0:
			wounded = true
		case low[i-1] == "shot" || low[i-1] == "shooting":
			shot = true
		default:
			continue
		}
		if hasKind(out, wounded, shot) {
			continue
		}
		if c := cueStart(low, i, lx.killedBefore, lx.woundedBefore, lx.shotBefore); c > 0 && (lx.unrealisedAt(low, c, i, !wounded && !shot) || lx.remembered(low, c)) {
			continue // "was going to kill his wife", "threatened to shoot his brother"
		}
		// The noun within three words of the determiner: "his cousin",
		// "the other", "his 3-year-old daughter", "her teenage son".
		for j := i + 1; j < len(low) && j <= i+3; j++ {
			if lx.objectPersons[low[j]] || lx.headlinePersons[low[j]] {
				n := 1
				if shot && (hasWordsAt(low, j+1, []string{"to", "death"}) || j+1 < len(low) && low[j+1] == "dead") {
					shot = false // "shot his daughter to death", "shot the man dead"
				}
				out = append(out, Casualty{Wounded: wounded, Shot: shot, Count: Count{Min: 1, Max: &n},
					Start: toks[i].Start, End: toks[j].End, Text: text[toks[i].Start:toks[j].End], Noun: low[j]})
				break
			}
			if toks[j].Kind != nlp.Word || isCapitalized(toks[j].Text) || lx.isCue(low, j) || low[j] == "and" || low[j] == "or" {
				break
			}
		}
	}
	return out
}

// shot finds people hit by gunfire whose fate the sentence does not tell:
// "four people were shot", "a man was shot in the leg", "he shot six
// people". It is asked only when the sentence states no injury, and a
// number already counted as dead is not counted again, so "were shot
// dead" and "shot and wounded" never reach it.
func (lx *casualtyLexicon) shot(text string, toks []nlp.Token, low []string, raw []nlp.Quantity) []Casualty {
	var out []Casualty
	for _, q := range nlp.Coordinated(text, raw) {
		if q.Kind == nlp.Age && isOnePerson(text[:q.Start]) {
			q.Kind, q.Min, q.Max = nlp.Count, 1, 1
		}
		if q.Kind != nlp.Count || q.Capped {
			continue
		}
		first, last := tokenRange(toks, q.Start, q.End)
		// A bare number is people when a plural verb follows it: "two
		// were taken to a hospital", "six were shot".
		bare := !q.Person && q.Noun == "" && last >= 0 && last+1 < len(low) && (low[last+1] == "were" || low[last+1] == "are")
		if last >= 0 && q.Person && lx.sentToHospital(low, first, last) {
			// "the gunfire sent four people to a hospital"
		} else if last < 0 || !q.Person && !bare || !lx.followedBy(low, last) && (bare || !endsWith(low, first, lx.shotBefore)) {
			continue
		}
		if !endsWith(low, first, lx.shotBefore) && lx.shooter(low, last) {
			continue // "a man shot his girlfriend": he is the gunman
		}
		c := Count{Min: q.Min}
		if q.Bounded() {
			m := q.Max
			c.Max = &m
		}
		out = append(out, Casualty{Shot: true, Count: c, Start: q.Start, End: q.End, Text: text[q.Start:q.End], Noun: q.Noun})
	}
	out = lx.hitLists(text, toks, low, raw, out)
	if len(out) == 0 {
		// "He accidentally shot himself in the hand": the shooter is the
		// one person hit, fate untold.
		for j := 1; j < len(low); j++ {
			if lx.reflexives[low[j]] && endsWith(low, j, lx.shotBefore) {
				n := 1
				return []Casualty{{Shot: true, Count: Count{Min: 1, Max: &n}, Start: toks[j-1].Start, End: toks[j].End, Text: text[toks[j-1].Start:toks[j].End]}}
			}
		}
	}
	return out
}

// hitLists counts the people a plural subject lists, joined by "and",
// before a cue of people hit, fate untold: "The driver and a passenger
// were shot", "the woman and her son were taken to the hospital", "both
// the girl and the man were rushed to Mercy Hospital" (two each). A
// count the list holds ("a passenger") gives way to the whole list, so
// no one is counted twice.
func (lx *casualtyLexicon) hitLists(text string, toks []nlp.Token, low []string, raw []nlp.Quantity, out []Casualty) []Casualty {
	for j := 1; j < len(low); j++ {
		if !lx.hurtAt(low, j) {
			continue
		}
		k, plural := j-1, false
		for k >= 0 && lx.between[low[k]] && low[k] != "others" && low[k] != "other" && low[k] != "people" && low[k] != "persons" && low[k] != "them" && low[k] != "all" {
			plural = plural || low[k] == "were" || low[k] == "are"
			k--
		}
		// "A man, a woman and a boy suffered gunshot wounds": the
		// wounds are many, so is the list that suffered them.
		plural = plural || j+1 < len(low) && low[j+1] == "wounds" && j > 0 && lx.between[low[j-1]] && !lx.auxiliaries[low[j-1]]
		if !plural || k < 0 {
			continue
		}
		first, n, ok := lx.listBefore(toks, low, raw, k)
		if !ok || n < 2 || !slices.Contains(low[first:k+1], "and") {
			continue
		}
		start, end := toks[first].Start, toks[k].End
		kept := out[:0:0]
		for _, c := range out {
			if c.Start < start || c.End > end {
				kept = append(kept, c)
			}
		}
		m := n
		out = append(kept, Casualty{Shot: true, Count: Count{Min: n, Max: &m}, Start: start, End: end, Text: text[start:end]})
	}
	return out
}

// sentToHospital reports people counted in tokens first..last that a
// [hospital_senders] verb just before sends to a hospital: "the gunfire
// sent four people to a hospital" tells four hit, fate untold.
func (lx *casualtyLexicon) sentToHospital(low []string, first, last int) bool {
	if first == 0 || !lx.hospitalSenders[low[first-1]] || last+1 >= len(low) || low[last+1] != "to" {
		return false
	}
	for e := last + 2; e < len(low) && e < last+6; e++ {
		if lx.hospitals[low[e]] {
			return true
		}
	}
	return false
}

// shooter reports people counted up to token k who are the subject of an
// active "shot" with an object after it ("a man shot his girlfriend", "a
// suspect shot the deputy"): they fired, they were not hit. A passive
// ("was shot") or a count of shots ("shot three times") is not one.
func (lx *casualtyLexicon) shooter(low []string, k int) bool {
	for j := k + 1; j < len(low) && j <= k+4; j++ {
		if lx.auxiliaries[low[j]] || low[j] == "had" || low[j] == "has" || low[j] == "have" {
			return false
		}
		if low[j] != "shot" {
			continue
		}
		if j+1 >= len(low) {
			return false
		}
		next := low[j+1]
		if j+2 < len(low) && (low[j+2] == "times" || low[j+2] == "time") {
			return false // "shot three times"
		}
		if lx.firedAt[next] && j+2 < len(low) {
			// "shot at three deputies", "shot into them": fired at
			// people; "shot at a party" is where people were hit.
			at := low[j+2]
			return at != "a" && at != "an" && (lx.objectStarters[at] || isDigits(at))
		}
		return lx.objectDets[next] || lx.objectStarters[next] || next == "her"
	}
	return false
}

// followedBy reports a cue of people hurt, fate untold, after token k
// across filler words only.
func (lx *casualtyLexicon) followedBy(low []string, k int) bool {
	for j, n := k+1, 0; j < len(low) && n < 6; j, n = j+1, n+1 {
		if lx.hurtAt(low, j) {
			return true
		}
		// "Four people, including a girl, 17, were shot": past a
		// clause that names some of them, or an age.
		if skip := max(includingClause(low, j), ageApposition(low, j)); skip > 0 {
			j += skip - 1
			continue
		}
		if !lx.between[low[j]] {
			return false
		}
	}
	return false
}

// hurtAt reports a cue at token j of people hurt whose fate the
// sentence does not tell: "were shot", or a verb of carrying the sick
// with a hospital within a few words ("was taken to a local hospital",
// "were rushed to Mercy General Hospital"); some of them may have died.
func (lx *casualtyLexicon) hurtAt(low []string, j int) bool {
	if matchAny(low, j, lx.shotAfter) {
		return true
	}
	for _, v := range lx.hospitalVerbs {
		start := j + len(v)
		if !hasWordsAt(low, j, v) {
			// "was taken by ambulance to Mercy General", "were driven
			// by a friend to the hospital": the means of carrying
			// stands between the verb and its "to".
			start = lx.carriedBy(low, j, v)
			if start < 0 {
				continue
			}
		}
		for e := start; e < len(low) && e < start+6; e++ {
			if lx.hospitals[low[e]] {
				return true
			}
			if low[e] == "." || low[e] == ";" {
				break
			}
		}
	}
	return false
}

// carriedBy returns the token after the "to" of a hospital verb v whose
// "to" stands a few words on, after a "by" phrase of the means ("taken
// by private vehicle to"), or -1.
func (lx *casualtyLexicon) carriedBy(low []string, j int, v []string) int {
	n := len(v) - 1
	if n < 1 || v[n] != "to" || !hasWordsAt(low, j, v[:n]) || j+n >= len(low) || low[j+n] != "by" {
		return -1
	}
	for e := j + n + 1; e < len(low) && e <= j+n+4; e++ {
		switch low[e] {
		case "to":
			return e + 1
		case ".", ";", ",":
			return -1
		}
	}
	return -1
}

// singularPassive counts one person for "was killed", "has been
// wounded" when the sentence gives no number and no name: the singular
// verb says one ("The owner of the shop was killed").
func (lx *casualtyLexicon) singularPassive(text string, toks []nlp.Token, low []string) []Casualty {
	// One hit, fate untold ("was shot"), gives way to a fate the
	// sentence tells later: "the boy who was shot was pronounced dead".
	var hit []Casualty
	auxes := append(lx.singular[:len(lx.singular):len(lx.singular)], lx.singularSubjects...) // once, not per word
	for i := range low {
		for k, aux := range auxes {
			if !hasWordsAt(low, i, aux) {
				continue
			}
			passive := k < len(lx.singular)
			if lx.deniedBefore(low, i) {
				continue // "nobody else in the van was hurt"
			}
			j := i + len(aux)
			for j < len(low) && lx.between[low[j]] && !lx.isCue(low, j) {
				j++ // "was accidentally shot to death"
			}
			if j >= len(low) {
				continue
			}
			var wounded, shot bool
			switch {
			case matchAny(low, j, lx.killedAfter):
			case matchAny(low, j, lx.woundedAfter):
				wounded = true
			case passive && lx.hurtAt(low, j):
				// "He was shot in the leg": one person hit, fate untold.
				shot = true
			default:
				continue
			}
			n := 1
			c := []Casualty{{Wounded: wounded, Shot: shot, Count: Count{Min: 1, Max: &n},
				Start: toks[i].Start, End: toks[j].End, Text: text[toks[i].Start:toks[j].End]}}
			if !shot {
				return c
			}
			if hit == nil {
				hit = c
			}
		}
	}
	return hit
}

// deniedBefore reports a [pronoun_counts] word of no one ("nobody",
// "neither") a few words before token i in its clause, the subject of
// what follows.
func (lx *casualtyLexicon) deniedBefore(low []string, i int) bool {
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if low[k] == "," || low[k] == ";" || low[k] == "." {
			return false
		}
		for _, pc := range lx.pronounCounts {
			if pc.n == 0 && hasWordsAt(low, k, pc.words) {
				return true
			}
		}
	}
	return false
}

// isCue reports a casualty cue at token j.
func (lx *casualtyLexicon) isCue(low []string, j int) bool {
	return matchAny(low, j, lx.killedAfter) || matchAny(low, j, lx.woundedAfter)
}

// namedVictims counts a victim the sentence names instead of numbering:
// "the shooting that killed Brandon Crawford", "Jane Doe was shot dead".
// A name is two or more capitalised words; one person each.
func (lx *casualtyLexicon) namedVictims(text string, toks []nlp.Token, low []string) []Casualty {
	var out []Casualty
	one := func(start, end int, wounded bool) {
		n := 1
		out = append(out, Casualty{Wounded: wounded, Count: Count{Min: 1, Max: &n}, Named: true,
			Start: toks[start].Start, End: toks[end].End, Text: text[toks[start].Start:toks[end].End]})
	}
	for i := 0; i < len(toks); i++ {
		end := nameEnd(toks, i)
		if end < 0 {
			continue
		}
		switch {
		case i > 0 && endsWith(low, i, lx.killedBefore) && lx.remembered(low, cueStart(low, i, lx.killedBefore)):
			// "commemorating the death of General X": not this event's.
		case i > 0 && endsWith(low, i, lx.killedBefore) && (!endsWith(low, i, lx.woundedBefore) || cueStart(low, i, lx.killedBefore) < cueStart(low, i, lx.woundedBefore)):
			// the longer cue wins: "fatally wounding Jane Doe"
			one(i, end, false)
		case i > 0 && endsWith(low, i, lx.woundedBefore):
			one(i, end, true)
		default:
			if w, ok := lx.after(low, end); ok {
				one(i, end, w)
			}
		}
		i = end
	}
	return out
}

// nameEnd returns the last token of a personal-name-like run of two or
// more capitalised words starting at i, or -1. The first word of a
// sentence counts only if a second capitalised word follows, which is
// what a name at the start of a sentence looks like.
func nameEnd(toks []nlp.Token, i int) int {
	j := i
	for j < len(toks) && toks[j].Kind == nlp.Word && isTitleWord(toks[j].Text) {
		j++
	}
	if j-i < 2 || j-i > 4 {
		return -1
	}
	return j - 1
}

// isTitleWord is a capitalised word that is not all capitals (which would
// be an acronym or a shouted headline) and not a determiner.
func isTitleWord(w string) bool {
	if !isCapitalized(w) || len(w) < 2 || strings.ToUpper(w) == w {
		return false
	}
	switch w {
	case "The", "A", "An", "In", "On", "At", "Police", "Officials", "Authorities":
		return false
	}
	return true
}

// VictimKind says what kind of participant a casualty count is: "state"
// for soldiers, police and other forces, "civilians" for people with no
// armed role, "person" for a named individual, "unknown" otherwise. The
// nouns are in rules/casualties.txt.
func VictimKind(c Casualty) string {
	if c.Named {
		return "person"
	}
	lx := casualties()
	// A list ("soldiers and civilians") is judged by the head noun, the
	// last word, of each of its parts; parts of different kinds, or a part
	// of no known kind ("Afghans"), make the whole unknown.
	kind := ""
	for _, part := range strings.FieldsFunc(strings.ToLower(c.Noun), func(r rune) bool { return r == ',' }) {
		for _, sub := range strings.Split(part, " and ") {
			words := strings.Fields(sub)
			if len(words) == 0 {
				continue
			}
			k := "unknown"
			switch head := words[len(words)-1]; {
			case lx.forces[head]:
				k = "state"
			case lx.civilians[head]:
				k = "civilians"
			}
			if kind != "" && k != kind {
				return "unknown"
			}
			kind = k
		}
	}
	if kind == "" {
		return "unknown"
	}
	return kind
}

// isOnePerson reports whether an age follows an indefinite article, as in
// "a 19-year-old was shot" or "an 80-year-old man": one person.
func isOnePerson(before string) bool {
	b := strings.ToLower(strings.TrimRight(before, " "))
	return b == "a" || b == "an" || strings.HasSuffix(b, " a") || strings.HasSuffix(b, " an")
}

// quantityCue classifies one number phrase by the noun it counts ("23
// wounded") or the words around it.
func (lx *casualtyLexicon) quantityCue(low []string, toks []nlp.Token, q nlp.Quantity) (wounded, ok bool) {
	if w, ok := lx.nounCue(q.Noun); ok {
		return w, true
	}
	first, last := tokenRange(toks, q.Start, q.End)
	if first < 0 {
		return false, false
	}
	return lx.classify(low, first, last)
}

// attributive reads a state word standing as an adjective between a
// count of people and its noun, when no cue around the count tells what
// befell them: "EMS took two wounded people to the hospital", "two other
// gunshot victims arrived at the hospital" (hit, fate untold).
func (lx *casualtyLexicon) attributive(toks []nlp.Token, low []string, q nlp.Quantity) (wounded, shot, ok bool) {
	if !q.Person || q.Noun == "" {
		return false, false, false
	}
	first, last := tokenRange(toks, q.Start, q.End)
	if first < 0 {
		return false, false, false
	}
	for j := first + 1; j <= last && toks[j].End <= q.End-len(q.Noun); j++ {
		switch w := low[j]; {
		case lx.attrKilled[w]:
			return false, false, true
		case lx.attrWounded[w]:
			return true, false, true
		case lx.attrShot[w]:
			return false, true, true
		}
	}
	return false, false, false
}

// nounCue reads a state used as the counted noun: "23 wounded", "six dead".
func (lx *casualtyLexicon) nounCue(noun string) (wounded, ok bool) {
	words := strings.Fields(strings.ToLower(noun))
	if len(words) == 0 {
		return false, false
	}
	if matchAny(words, len(words)-1, lx.killedAfter) {
		return false, true
	}
	if matchAny(words, len(words)-1, lx.woundedAfter) {
		return true, true
	}
	return false, false
}

// classify decides whether the number in tokens first..last counts dead or
// wounded people. A cue after the number ("six were killed", "3 injured")
// is read first: it binds more tightly than a verb before it ("left six
// dead", "killed one and wounded 3 others").
func (lx *casualtyLexicon) classify(low []string, first, last int) (wounded, ok bool) {
	if w, ok := lx.after(low, last); ok {
		return w, true
	}
	if w, ok := lx.before(low, first); ok {
		return w, ok
	}
	return false, lx.toll(low, first)
}

// toll reports whether the number at token k is a death toll's new value:
// a verb of change ends just before it ("has risen to", "reached") and a
// toll noun ("death toll") stands earlier in the sentence. A toll of the
// injured ("injury toll") is not among the nouns.
func (lx *casualtyLexicon) toll(low []string, k int) bool {
	verb := -1
	for _, c := range lx.tollVerbs {
		if start := k - len(c); start >= 0 && hasWordsAt(low, start, c) {
			verb = start
			break
		}
	}
	if verb < 0 {
		return false
	}
	for i := 0; i < verb; i++ {
		if matchAny(low, i, lx.tollNouns) {
			return true
		}
	}
	return false
}

// after looks for a cue following token k, across at most a few filler
// words and the counted noun ("people", "soldiers").
func (lx *casualtyLexicon) after(low []string, k int) (wounded, ok bool) {
	for j, n := k+1, 0; j < len(low) && n < 6; j, n = j+1, n+1 {
		if matchAny(low, j, lx.killedAfter) {
			return false, !lx.agent(low, k, j, lx.killedAfter)
		}
		if matchAny(low, j, lx.woundedAfter) {
			return true, !lx.agent(low, k, j, lx.woundedAfter)
		}
		if skip := includingClause(low, j); skip > 0 {
			j += skip - 1
			continue
		}
		if skip := ageApposition(low, j); skip > 0 {
			j += skip - 1
			continue
		}
		if !lx.between[low[j]] {
			return false, false
		}
	}
	return false, false
}

// agent reports that the people counted at token k did what the cue at
// token j tells to others: the cue is an active verb, with no auxiliary
// between them and no intransitive reading ("died"), and its object
// follows it ("a masked man who gunned down four friends", "a gunman
// killed his wife"). They are the attackers, not the victims.
func (lx *casualtyLexicon) agent(low []string, k, j int, cues [][]string) bool {
	if lx.intransitive[low[j]] {
		return false
	}
	for i := k + 1; i <= j; i++ { // "were killed" holds its own
		if lx.auxiliaries[low[i]] {
			return false
		}
	}
	n := 0
	for _, c := range cues {
		if len(c) > n && hasWordsAt(low, j, c) {
			n = len(c)
		}
	}
	if j+n >= len(low) {
		return false
	}
	next := low[j+n]
	return lx.objectStarters[next] || lx.objectDets[next] || isDigits(next)
}

// ageApposition returns 3 when the tokens at j are an age set off by
// commas, which may stand between a person and what happened to them
// ("Ronnie Bowers, 16, has died"), else 0.
func ageApposition(low []string, j int) int {
	if j+2 < len(low) && low[j] == "," && isDigits(low[j+1]) && low[j+2] == "," {
		return 3
	}
	return 0
}

// includingClause returns the length of a clause set off by commas that
// names some of the people counted, which may stand between them and
// what happened to them ("Six people, including a 9-year-old girl, were
// found dead"), else 0.
func includingClause(low []string, j int) int {
	if j+1 >= len(low) || low[j] != "," || low[j+1] != "including" {
		return 0
	}
	for e := j + 2; e < len(low) && e < j+12; e++ {
		if low[e] == "," {
			return e - j + 1
		}
	}
	return 0
}

// isPlainWord reports a token of letters and hyphens only: not a
// number, a possessive or punctuation.
func isPlainWord(s string) bool {
	for _, r := range s {
		if r != '-' && !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// remembered reports whether the cue starting at token c is looked back
// on rather than reported: a remembrance word at most three words before
// it, in the same clause ("marking the anniversary of the deaths of").
func (lx *casualtyLexicon) remembered(low []string, c int) bool {
	for k := c - 1; k >= 0 && k >= c-4; k-- {
		if lx.remembrance[low[k]] {
			return true
		}
		if low[k] == "," || low[k] == ";" || low[k] == "." {
			return false
		}
	}
	return false
}

// before looks for a cue ending just before token k ("killing six",
// "the death toll rose to 143").
func (lx *casualtyLexicon) before(low []string, k int) (wounded, ok bool) {
	for skip := 0; skip <= 2 && k-skip > 0; skip++ {
		end := k - skip // the cue ends at token end-1
		if endsWith(low, end, lx.killedBefore) {
			// "tried to kill two officers" did not happen; "linked to
			// the death of 4" did ("to" before a noun).
			if c := cueStart(low, end, lx.killedBefore); lx.remembered(low, c) || lx.unrealisedAt(low, c, end, true) && (low[c-1] != "to" || low[end-1] != "of") {
				return false, false
			}
			return false, true
		}
		if endsWith(low, end, lx.woundedBefore) {
			if lx.unrealisedAt(low, cueStart(low, end, lx.woundedBefore), end, false) {
				return false, false
			}
			return true, true
		}
		if skip < 2 && !lx.between[low[end-1]] {
			break
		}
	}
	return false, false
}

func hasWordsAt(low []string, i int, words []string) bool {
	if i+len(words) > len(low) {
		return false
	}
	for k, w := range words {
		if low[i+k] != w {
			return false
		}
	}
	return true
}

func matchAny(low []string, i int, cues [][]string) bool {
	for _, c := range cues {
		if hasWordsAt(low, i, c) {
			return true
		}
	}
	return false
}

func endsWith(low []string, end int, cues [][]string) bool {
	for _, c := range cues {
		if start := end - len(c); start >= 0 && hasWordsAt(low, start, c) {
			return true
		}
	}
	return false
}

// tokenRange returns the first and last token inside [start, end), or -1.
func tokenRange(toks []nlp.Token, start, end int) (int, int) {
	first, last := -1, -1
	for i, t := range toks {
		if t.Start >= start && t.End <= end {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	return first, last
}

// HeadlineCasualties reads a headline's counts. Headlines drop the
// auxiliary and often the number: "Teen shot in head", "Boy shot and
// killed", "3-year-old dies", "2 shot, 1 dead". Beyond what Casualties
// finds, a one-person noun or an age directly before a cue counts one,
// and a bare number directly before "shot" counts those shot.
func HeadlineCasualties(title string) []Casualty {
	s := nlp.Span{Start: 0, End: len(title)}
	out := Casualties(title, s)
	lx := casualties()
	toks := nlp.Tokens(title, s)
	low := make([]string, len(toks))
	for i, t := range toks {
		low[i] = strings.ToLower(t.Text)
	}
	if lx.manyIncidents(low, nlp.Quantities(title, s)) {
		return nil // "7 wounded in weekend shootings": no one incident's
	}
	has := func(wounded, shot bool) bool {
		for _, c := range out {
			if c.Wounded == wounded && c.Shot == shot {
				return true
			}
		}
		return false
	}
	// Numbers written out ("Eight shot in overnight melee") count as
	// bare numbers do.
	spelled := map[int]int{}
	for _, q := range nlp.Quantities(title, s) {
		if first, last := tokenRange(toks, q.Start, q.End); q.Kind == nlp.Count && q.Noun == "" && first >= 0 && first == last && !isDigits(low[first]) && q.Bounded() && q.Min == q.Max {
			spelled[first] = q.Min
		}
	}
	for i := 0; i+1 < len(low); i++ {
		one := lx.headlinePersons[low[i]] || strings.HasSuffix(low[i], "-year-old") ||
			(low[i] == "old" && i > 0 && strings.HasPrefix(low[i-1], "year"))
		// A bare count has at most four digits: longer runs are years,
		// phone numbers or noise, and would overflow.
		bare := !one && len(low[i]) <= 4 && isDigits(low[i]) && (i == 0 || !strings.HasSuffix(low[i-1], "-"))
		word, isWord := spelled[i]
		bare = bare || !one && isWord
		if !one && !bare {
			continue
		}
		j := i + 1
		if one {
			// "Boy, 7, accidentally shot, killed": past an age set off
			// by commas and a few filler words to the cue.
			j += ageApposition(low, j)
			for n := 0; n < 3 && j < len(low) && lx.between[low[j]] && !lx.isCue(low, j) && !matchAny(low, j, lx.shotAfter); n++ {
				j++
			}
		}
		c := Casualty{Count: Count{Min: 1}, Start: toks[i].Start, End: toks[i].End, Text: toks[i].Text}
		if bare {
			n := word
			if !isWord {
				for _, r := range low[i] {
					n = n*10 + int(r-'0')
				}
			}
			if n == 0 || n > 1000 {
				continue
			}
			c.Count.Min = n
		}
		// "4 shot, 2 killed", "3 dead", "2 hurt": a bare number (or "one")
		// before a state counts those in it; before "shot" alone, those
		// hit, fate untold.
		switch {
		case matchAny(low, j, lx.killedAfter):
		case matchAny(low, j, lx.woundedAfter):
			c.Wounded = true
		case matchAny(low, j, lx.shotAfter):
			c.Shot = true
		default:
			continue
		}
		m := c.Count.Min
		// "Teen, 4-year-old shot", "Woman and child injured": the
		// one-person nouns listed straight before are hit too.
		if one {
			if more, first := lx.listedBefore(low, i); more > 0 {
				m += more
				c.Start, c.Text = toks[first].Start, title[toks[first].Start:c.End]
			}
		}
		c.Count.Min = m
		c.Count.Max = &m
		if !has(c.Wounded, c.Shot) {
			out = append(out, c)
		}
	}
	return lx.headlineObjects(title, toks, low, out, has)
}

// listedBefore counts the one-person nouns or ages a headline lists
// straight before the one at token i ("Teen, 4-year-old", "Woman and
// 5-year-old child"), and returns the first token of the list.
func (lx *casualtyLexicon) listedBefore(low []string, i int) (int, int) {
	person := func(k int) bool { return lx.headlinePersons[low[k]] || strings.HasSuffix(low[k], "-year-old") }
	n, first := 0, i
	if i > 0 && strings.HasSuffix(low[i-1], "-year-old") && lx.headlinePersons[low[i]] {
		first = i - 1 // "5-year-old child"
	}
	for k := first - 1; k > 0 && (low[k] == "," || low[k] == "and") && person(k-1); k = first - 1 {
		first = k - 1
		if first > 0 && lx.headlinePersons[low[first]] && strings.HasSuffix(low[first-1], "-year-old") {
			first--
		}
		n++
	}
	return n, first
}

// headlineObjects adds the one person a headline's active verb of
// shooting or wounding was done to, named by a noun for one person or an
// age with no determiner, as headlines drop it: "Boy shoots sister",
// "8-year-old shoots 11-year-old", "Gunman wounds 9-year-old girl",
// "shooting of 3-year-old". Those shot are hit, fate untold, and not
// read in a headline that tells a death.
func (lx *casualtyLexicon) headlineObjects(title string, toks []nlp.Token, low []string, out []Casualty, has func(wounded, shot bool) bool) []Casualty {
	added := map[bool]bool{}
	// "charged with murder in the shooting of a 20-year-old": the one shot
	// may be the dead the headline tells.
	death := false
	for i := range low {
		death = death || matchAny(low, i, lx.headlineDeaths)
	}
	for j := 1; j < len(low); j++ {
		var wounded bool
		switch {
		case low[j-1] == "shoots" || low[j-1] == "shot" && j >= 2 && !lx.auxiliaries[low[j-2]]:
		case low[j-1] == "of" && j >= 2 && low[j-2] == "shooting":
		case endsWith(low, j, lx.woundedBefore):
			wounded = true
		default:
			continue
		}
		k := j
		if lx.objectDets[low[k]] || low[k] == "a" || low[k] == "an" {
			k++
		}
		if k >= len(low) {
			break
		}
		age := strings.HasSuffix(low[k], "-year-old")
		if age && k+1 < len(low) && (lx.headlinePersons[low[k+1]] || lx.objectPersons[low[k+1]]) {
			k++
		} else if !age && !lx.headlinePersons[low[k]] && !lx.objectPersons[low[k]] {
			continue
		}
		if added[wounded] || has(wounded, !wounded) || death && !wounded {
			continue
		}
		added[wounded] = true
		n := 1
		out = append(out, Casualty{Wounded: wounded, Shot: !wounded, Count: Count{Min: 1, Max: &n},
			Start: toks[j].Start, End: toks[k].End, Text: title[toks[j].Start:toks[k].End], Noun: low[k]})
	}
	return out
}

// tally is what one sentence's casualty phrases add up to: the largest
// count of each kind, the victims they name, and why.
type tally struct {
	killed, wounded, shot *Count
	// killedMore: the sentence's dead are people beyond those told
	// before ("another man was also killed"). The wounded are never
	// added up so: "he was also wounded in the arm" is the same man.
	killedMore bool
	victims    []Participant
	lone       []lone // people hit described afresh, one each
	why        []Reason
}

// beyondRule opens the reason for people hit beyond those told before.
const beyondRule = "people hit by gunfire beyond those told before"

func tallyCasualties(cs []Casualty) tally {
	var t tally
	for _, c := range cs {
		field := "killed"
		if c.Beyond && c.Count.Min > 0 {
			// "Her boyfriend was also shot": hit beyond the people told
			// before, who may be the dead; the dead are not taken out of
			// them, and the archive counts them hurt.
			t.wounded = maxCount(t.wounded, &c.Count)
			t.why = append(t.why, Reason{Field: "wounded", Value: c.Count.String(), Rule: fmt.Sprintf(beyondRule+", fate untold: %q", c.Text)})
			continue
		}
		if c.Shot {
			t.shot = maxCount(t.shot, &c.Count)
			t.why = append(t.why, Reason{Field: "shot", Value: c.Count.String(), Rule: fmt.Sprintf("people hit by gunfire, fate untold: %q", c.Text)})
			if c.Noun != "" {
				t.victims = append(t.victims, Participant{Name: c.Text, Kind: VictimKind(c)})
			}
			continue
		}
		if c.Wounded {
			t.wounded = maxCount(t.wounded, &c.Count)
			field = "wounded"
		} else {
			if t.killed == nil || c.Count.Min > t.killed.Min {
				t.killedMore = c.More
			}
			t.killed = maxCount(t.killed, &c.Count)
		}
		t.why = append(t.why, Reason{Field: field, Value: c.Count.String(), Rule: fmt.Sprintf("casualty phrase %q", c.Text)})
		if c.Noun != "" || c.Named {
			t.victims = append(t.victims, Participant{Name: c.Text, Kind: VictimKind(c)})
		}
	}
	return t
}

// rider is a sentence that tells casualties but no event of its own:
// "She died at Mercy General hours later." News tells an incident
// over several sentences, and only one of them may carry the word that
// names it; the toll in the others belongs to the event told next to it.
type rider struct {
	span  nlp.Span
	para  int
	dates []*Date // the dates the sentence gives, if any
	tally
}

// riderAt reads sentence i as a rider: it must state someone killed,
// wounded or shot (a zero, "no one else was hurt", adds nothing). all
// are the sentence's casualties, Casualties(text, s).
func riderAt(text string, s nlp.Span, i, para int, dates *sentenceDateIndex, all []Casualty) (rider, bool) {
	return riderOf(text, s, i, para, dates, all, func(Casualty) bool { return true })
}

// riderOf reads sentence i as a rider from the casualties keep takes of
// all, the sentence's casualties (Casualties(text, s)).
func riderOf(text string, s nlp.Span, i, para int, dates *sentenceDateIndex, all []Casualty, keep func(Casualty) bool) (rider, bool) {
	var cs []Casualty
	for _, c := range all {
		if c.Count.Min > 0 && keep(c) {
			cs = append(cs, c)
		}
	}
	if len(cs) == 0 {
		return rider{}, false
	}
	t := tallyCasualties(cs)
	t.lone = lonePersons(text, s, i, cs)
	st := text[s.Start:s.End]
	for k := range t.why {
		t.why[k].Rule += ", in a sentence naming no event, read with the event told beside it"
		t.why[k].Sentence = st
	}
	r := rider{span: s, para: para, tally: t}
	for _, d := range dates.bySent[i] {
		r.dates = append(r.dates, d.date)
	}
	return r, true
}

// riderDays is how long after an event a dated rider may still tell its
// toll: "was shot Friday ... died Sunday at the hospital".
const riderDays = 7

// sameTime reports whether a rider's dates fit the mention's: an undated
// rider always does; a dated one ("in 2015, 40 people were killed in the
// city") only if one of its dates falls from the event's first day to a
// week after its last, as a death in hospital after a shooting does.
// An undated mention is held to near, the date of the story's mention
// told last before it, if any: "Three men were slain at a barbershop. The
// medical examiner named them. Six other men were wounded Wednesday
// evening" tells Wednesday's wounded of the slaying.
func (r rider) sameTime(m *mention, near *Date) bool {
	if len(r.dates) == 0 {
		return true
	}
	d := m.date
	if d == nil {
		d = near
	}
	if d == nil {
		return false
	}
	start, err := time.Parse("2006-01-02", d.End)
	if err != nil {
		return false
	}
	last := start.AddDate(0, 0, riderDays).Format("2006-01-02")
	for _, rd := range r.dates {
		if rd.End >= d.Start && rd.Start <= last {
			return true
		}
	}
	return false
}

// ride adds a rider's counts to a violent mention, each the larger of
// the two as for any two tellings of one incident. near is the date an
// undated mention is held to (sameTime).
func (m *mention) ride(r rider, near *Date) {
	if !violent[m.trigger.Type] || !r.sameTime(m, near) {
		return
	}
	if r.killed != nil {
		m.killed = addMore(m.killed, r.killed, r.killedMore)
	}
	if r.wounded != nil {
		m.wounded = maxCount(m.wounded, r.wounded)
	}
	if r.shot != nil {
		m.shot = maxCount(m.shot, r.shot)
	}
	m.victims = append(m.victims, r.victims...)
	m.lone = append(m.lone, r.lone...)
	m.why = append(m.why, r.why...)
	m.riders = append(m.riders, r.span)
}

// killedMin is the event's least number of dead, 0 if untold.
func killedMin(ev Event) int {
	if ev.Killed == nil {
		return 0
	}
	return ev.Killed.Min
}

// oneHurt reports a wounded count of one person that people shot less
// people killed, a few more, outnumber: "four were shot, one died ... one
// is in critical condition" tells three wounded. A larger count of hurt
// stands, as those shot may be from a tally of other incidents.
//
// A vague count ("several others were injured", 3 to 9) gives way to
// people shot less people killed that it holds: "nine people were shot,
// one died" tells the eight that "several" only bounds.
func oneHurt(wounded *Count, shotLessKilled int) bool {
	if wounded.Max != nil && *wounded.Max > wounded.Min && shotLessKilled > wounded.Min && shotLessKilled <= *wounded.Max {
		return true
	}
	return wounded.Min <= 1 && shotLessKilled > wounded.Min && shotLessKilled <= maxShotLessKilled
}

// maxShotLessKilled bounds the wounded that people shot less people
// killed may tell beside a sentence's own count of one.
const maxShotLessKilled = 10

// addMore adds a sentence's count of people beyond those told before to
// an event's count of one ("a man was killed ... another man was also
// killed"); otherwise, as for two tellings of one incident, the larger
// stands. An event that already counts more than one may have counted
// them already.
func addMore(ev, m *Count, more bool) *Count {
	if more && ev != nil && ev.Min == 1 && m.Min >= 1 {
		c := addCounts(*ev, *m)
		return &c
	}
	return maxCount(ev, m)
}
