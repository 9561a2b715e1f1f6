package extract

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/nlp"
	"sitrep/internal/resolve"
	"sitrep/internal/wordlist"
)

//go:embed rules/arguments.txt
var argumentRules string

// argumentLexicon holds rules/arguments.txt: phrase sets keyed by their
// first word, so that a sentence is scanned once, left to right.
type argumentLexicon struct {
	weapons, attackVerbs, harmVerbs, blastVerbs, blastPreps, skipBefore phrases
	individuals, organizations, facilities, people, determiners         phrases
	anaphors, victimIntros, memberNouns                                 phrases
	stop                                                                map[string]bool
	// retellDets and retellHeads make the definite phrases by which a
	// later sentence refers back to an incident (see hasRetelling).
	retellDets, retellHeads map[string]bool
	// notNames are words no person's name is made of (numbers, days,
	// months, quantities): a phrase of them after "killed" is a count
	// or a time, not a victim's name.
	notNames map[string]bool
	// groupPronouns open a sentence whose agent is a group named in the
	// sentence before ("It carried out ..."); pronounActs are what such
	// a sentence must say next; subjectVerbs follow a sentence's subject
	// ("ISIS-K is a ...").
	groupPronouns, pronounActs phrases
	// skipAfter are the time words that may stand between a verb and its
	// object ("kidnapped today two engineers"); agentActs are participles
	// whose "by" phrase names who did the incident without being acts
	// themselves ("the bomb was left by", "riddled with bullets by").
	skipAfter, agentActs phrases
	// agentNouns name who did an act ("the murderers of X", "X's
	// kidnappers"); splitActs are verbs whose object stands inside them
	// ("set X on fire", "..." marks the object); coordinators join a
	// second act to the first one's subject ("entered ... and killed").
	agentNouns, splitActs, coordinators phrases
	// nounActs are act words that are nouns after a determiner and one
	// singular noun ("the terrorist attack"); pluralHeads are plurals
	// without -s ("the police raid"), which may be a bare verb's subject.
	nounActs, pluralHeads map[string]bool
	// accuseVerbs name, as their object, who is said to have done an
	// act told after "of" or "for": "accused the rebels of kidnapping".
	accuseVerbs phrases
	// deathVerbs tell that their subject died, with no agent: "the
	// inspector died in the explosion". The subject is a victim.
	deathVerbs phrases
	// inclusions open, after a comma, more of those harmed: "killing
	// nine people, including the mayor".
	inclusions phrases
	// runOn are irregular past verbs that may follow a noun phrase with
	// no stop word between ("the power grid left the town dark").
	runOn        map[string]bool
	subjectVerbs map[string]bool
	// against are the words before a group named as the attacked side.
	against map[string]bool
	// countWords open a phrase with a count or a size ("two", "several",
	// "large"); nameBreaks are words before a name that are no part of
	// it (nationality adjectives: "guatemalan").
	countWords, nameBreaks map[string]bool
	// givenNames open a person's name in text without capitals ("jose
	// antonio perez"), unless one of notNameOpeners stands before them
	// ("san jose" is a place).
	givenNames, notNameOpeners map[string]bool
	// groupFighters are generic nouns for an armed group's fighters
	// ("guerrillas", "rebels"): see storyGroups.
	groupFighters phrases
	// facilityParts are parts of a building ("the front door of the
	// bank"): the building is what was hit.
	facilityParts phrases
}

// phrases is a set of word sequences indexed by first word.
type phrases map[string][][]string

func (p phrases) add(line string) {
	ws := strings.Fields(strings.ToLower(line))
	if len(ws) > 0 {
		p[ws[0]] = append(p[ws[0]], ws)
	}
}

// match returns the length in words of the longest phrase starting at
// words[i], or 0.
func (p phrases) match(words []argWord, i int) int {
	best := 0
	for _, ph := range p[words[i].lower] {
		if len(ph) <= best || i+len(ph) > len(words) {
			continue
		}
		ok := true
		for k, w := range ph {
			if words[i+k].lower != w || (k > 0 && words[i+k].punct) {
				ok = false
				break
			}
		}
		if ok {
			best = len(ph)
		}
	}
	return best
}

// has reports whether the one-word phrase w is in the set.
func (p phrases) has(w string) bool {
	for _, ph := range p[w] {
		if len(ph) == 1 {
			return true
		}
	}
	return false
}

// endsAt returns the length of the longest phrase ending at words[j], or 0.
func (p phrases) endsAt(words []argWord, j int) int {
	best := 0
	for _, list := range p {
		for _, ph := range list {
			n := len(ph)
			if n <= best || j-n+1 < 0 || words[j].lower != ph[n-1] {
				continue
			}
			ok := true
			for k := range ph {
				if words[j-n+1+k].lower != ph[k] {
					ok = false
					break
				}
			}
			if ok {
				best = n
			}
		}
	}
	return best
}

var (
	argOnce sync.Once
	argLex  *argumentLexicon
)

func arguments() *argumentLexicon {
	argOnce.Do(func() {
		lx := &argumentLexicon{
			weapons: phrases{}, attackVerbs: phrases{}, harmVerbs: phrases{}, blastVerbs: phrases{},
			blastPreps: phrases{}, skipBefore: phrases{}, individuals: phrases{}, organizations: phrases{},
			facilities: phrases{}, people: phrases{}, determiners: phrases{}, anaphors: phrases{}, victimIntros: phrases{}, memberNouns: phrases{}, stop: map[string]bool{},
			retellDets: map[string]bool{}, retellHeads: map[string]bool{}, notNames: map[string]bool{}, against: map[string]bool{},
			countWords: map[string]bool{}, nameBreaks: map[string]bool{}, givenNames: map[string]bool{}, notNameOpeners: map[string]bool{}, nounActs: map[string]bool{}, pluralHeads: map[string]bool{},
			groupPronouns: phrases{}, pronounActs: phrases{}, subjectVerbs: map[string]bool{},
			skipAfter: phrases{}, agentActs: phrases{},
			agentNouns: phrases{}, splitActs: phrases{}, coordinators: phrases{}, runOn: map[string]bool{}, accuseVerbs: phrases{},
			deathVerbs: phrases{}, inclusions: phrases{}, groupFighters: phrases{}, facilityParts: phrases{},
		}
		words := map[string]map[string]bool{"stop": lx.stop, "retell_determiners": lx.retellDets, "retell_heads": lx.retellHeads, "not_names": lx.notNames, "against": lx.against, "subject_verbs": lx.subjectVerbs, "count_words": lx.countWords, "name_breaks": lx.nameBreaks, "run_on_verbs": lx.runOn, "given_names": lx.givenNames, "name_openers_not": lx.notNameOpeners, "noun_acts": lx.nounActs, "plural_heads": lx.pluralHeads}
		sets := map[string]phrases{
			"weapons": lx.weapons, "attack_verbs": lx.attackVerbs, "harm_verbs": lx.harmVerbs,
			"blast_verbs": lx.blastVerbs, "blast_preps": lx.blastPreps, "skip_before": lx.skipBefore,
			"individuals": lx.individuals, "organizations": lx.organizations, "facilities": lx.facilities,
			"people": lx.people, "determiners": lx.determiners, "anaphors": lx.anaphors,
			"victim_intros": lx.victimIntros, "member_nouns": lx.memberNouns,
			"group_pronouns": lx.groupPronouns, "pronoun_acts": lx.pronounActs,
			"skip_after": lx.skipAfter, "agent_acts": lx.agentActs,
			"agent_nouns": lx.agentNouns, "split_acts": lx.splitActs, "coordinators": lx.coordinators, "accuse_verbs": lx.accuseVerbs,
			"death_verbs": lx.deathVerbs, "inclusions": lx.inclusions, "group_fighters": lx.groupFighters, "facility_parts": lx.facilityParts,
		}
		for section, lines := range wordlist.Sections(argumentRules) {
			for _, line := range lines {
				if set, ok := words[section]; ok {
					set[strings.ToLower(line)] = true
					continue
				}
				set, ok := sets[section]
				if !ok {
					panic("extract: rules/arguments.txt: entry outside a known section: " + line)
				}
				set.add(line)
			}
		}
		argLex = lx
	})
	return argLex
}

// argWord is one word or punctuation mark of a sentence.
type argWord struct {
	start, end int // byte offsets into the sentence
	lower      string
	punct      bool // punctuation other than a quote mark
	quote      bool
}

// argWords splits a sentence into words (letters, digits and inner
// hyphens or apostrophes) and punctuation marks, lower-casing the words.
func argWords(s string) []argWord {
	var out []argWord
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if (r2 == '-' || r2 == '\'' || r2 == '’') && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if unicode.IsLetter(r3) || unicode.IsDigit(r3) {
						j += n2
						continue
					}
				}
				break
			}
			out = append(out, argWord{start: i, end: j, lower: strings.ToLower(s[i:j])})
			i = j
		case unicode.IsSpace(r):
			i += n
		default:
			q := r == '"' || r == '“' || r == '”' || r == '\''
			out = append(out, argWord{start: i, end: i + n, lower: string(r), punct: !q, quote: q})
			i += n
		}
	}
	return out
}

// Arguments are the participants and weapons one sentence names.
type Arguments struct {
	Perpetrators []Participant
	Targets      []Participant
	Victims      []Participant
	Weapons      []string
}

// SentenceArguments reads who attacked whom or what, and with what, from
// one sentence, by the cues of rules/arguments.txt:
//
//   - weapons: any weapon phrase ("car bomb", "dynamite", "rifles");
//   - targets and victims: the noun phrase after an attack or harm verb
//     ("attacked the embassy", "killed a peasant"), or after a place
//     preposition following a blast verb ("exploded at the power
//     station"); a thing is a target, a person a victim;
//   - perpetrators: the noun phrase before such a verb ("guerrillas
//     attacked"), or after "by" following one ("was killed by
//     terrorists"), when its head is a people noun ("gunmen") or an
//     organisation noun ("... liberation front").
//
// Case is folded throughout, so upper-case wire copy reads the same.
func SentenceArguments(sentence string) Arguments {
	lx := arguments()
	ws := argWords(sentence)
	var a Arguments
	used := false // a blast verb: the weapons named were used
	cl := actClause{start: 0, read: -1}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if w.lower == ";" {
			cl = actClause{start: i + 1, read: -1}
		}
		if w.punct || w.quote {
			continue
		}
		if n := lx.accuseVerbs.match(ws, i); n > 0 {
			lx.accused(sentence, ws, i+n, &a)
		}
		if lx.agentNouns.match(ws, i) > 0 {
			lx.agentNoun(sentence, ws, i, &a)
		}
		if np, end, ok := lx.splitAct(sentence, ws, i); ok {
			// "rebels set the bus on fire"
			switch np.kind {
			case "people":
				a.Victims = addParticipant(a.Victims, lx.victim(np))
			case "facility", "":
				// What is set on fire is a thing, whether or not
				// [facilities] knows its noun.
				a.Targets = addParticipant(a.Targets, Participant{Name: np.text, Kind: "facility"})
			}
			lx.addActAgent(&a, &cl, sentence, ws, i)
			i = end
			continue
		}
		if n := lx.weapons.match(ws, i); n > 0 {
			a.Weapons = addString(a.Weapons, sentence[ws[i].start:ws[i+n-1].end])
			i += n - 1
			continue
		}
		if n := lx.victimIntros.match(ws, i); n > 0 {
			// "among the dead was the mayor": who was harmed, told
			// without a verb of harm.
			j := i + n
			for j < len(ws) && (beWords[ws[j].lower] || lx.skipAfter.match(ws, j) > 0) {
				j += max(1, lx.skipAfter.match(ws, j))
			}
			// "the victims were identified as A, B and C": each name
			// of the list is a victim.
			for _, np := range lx.objects(sentence, ws, j) {
				if np.kind != "facility" {
					a.Victims = addParticipant(a.Victims, lx.victim(np))
				}
			}
			i = j - 1
			continue
		}
		if n := lx.deathVerbs.match(ws, i); n > 0 {
			// "the inspector and his driver died in the blast": who
			// died is a victim; the verb names no agent.
			if np, passiveAux, ok := lx.actSubject(sentence, ws, i); ok && !passiveAux && np.kind != "facility" {
				a.Victims = addParticipant(a.Victims, lx.victim(np))
				for _, more := range lx.subjectList(sentence, ws, np) {
					a.Victims = addParticipant(a.Victims, lx.victim(more))
				}
			}
			i += n - 1
			continue
		}
		attack := lx.attackVerbs.match(ws, i)
		harm := lx.harmVerbs.match(ws, i)
		if harm > 0 && rememberedAt(ws, i) {
			harm = 0 // "commemorating the death of X": no victim of this event
		}
		blast := lx.blastVerbs.match(ws, i)
		used = used || blast > 0
		n := max(attack, harm, blast)
		if n == 0 {
			continue
		}
		after := i + n
		if blast == n {
			if at, p := lx.blastPlace(ws, after); p > 0 {
				if np, ok := lx.nounPhrase(sentence, ws, at+p); ok && np.kind == "facility" {
					a.Targets = addParticipant(a.Targets, Participant{Name: np.text, Kind: "facility"})
				}
			}
			// "unidentified men planted a bomb": who placed the device.
			lx.addActAgent(&a, &cl, sentence, ws, i)
		} else {
			passive := after < len(ws) && ws[after].lower == "by"
			if passive {
				if np, ok := lx.nounPhrase(sentence, ws, after+1); ok {
					if p, ok := lx.perpetrator(np); ok {
						a.Perpetrators = addParticipant(a.Perpetrators, p)
					}
				}
			}
			objects := lx.objects(sentence, ws, after)
			if !passive {
				for _, np := range objects {
					switch {
					case np.kind == "facility":
						a.Targets = addParticipant(a.Targets, Participant{Name: np.text, Kind: "facility"})
					case np.kind == "people" || harm == n && np.kind == "":
						a.Victims = addParticipant(a.Victims, lx.victim(np))
					}
				}
			}
			if np, passiveAux, ok := lx.actSubject(sentence, ws, i); ok {
				// "the six priests killed on 16 may", "the embassy
				// attacked by rebels": a harm verb with no object after
				// it, or any act with its agent after it, is a passive
				// participle.
				reduced := passive || harm == n && len(objects) == 0
				switch {
				case !passiveAux && !reduced:
					lx.addSubjectAgent(&a, np)
				case np.kind == "facility":
					// "the embassy was attacked": the subject is the target;
					// "offices, shops and homes were destroyed": each thing
					// of the list is.
					a.Targets = addParticipant(a.Targets, Participant{Name: np.text, Kind: "facility"})
					for _, more := range lx.subjectList(sentence, ws, np) {
						a.Targets = addParticipant(a.Targets, Participant{Name: more.text, Kind: "facility"})
					}
				case np.kind == "people" || harm == n && np.kind == "":
					a.Victims = addParticipant(a.Victims, lx.victim(np))
					for _, more := range lx.subjectList(sentence, ws, np) {
						a.Victims = addParticipant(a.Victims, lx.victim(more))
					}
				}
			} else if !passive && lx.coordinated(ws, i) {
				// "armed men entered the farm and killed the owner": the
				// clause's subject did the second act too.
				if np, ok := cl.subject(lx, sentence, ws); ok {
					lx.addSubjectAgent(&a, np)
				}
			}
		}
		i += n - 1
	}
	lx.agents(sentence, ws, &a)
	if len(a.Weapons) >= arsenalSize && !used {
		// "rifles, grenades, ammunition and explosives were seized": a
		// list of arms is an arsenal or a shipment, not what an attack
		// was carried out with, unless a verb of [blast_verbs] says
		// they were used or thrown.
		a.Weapons = nil
	}
	return a
}

// arsenalSize is how many kinds of arms one sentence lists when it tells
// of an arsenal rather than of an attack.
const arsenalSize = 3

// beWords link a victim cue to the victims it introduces.
var beWords = map[string]bool{"was": true, "were": true, "is": true, "are": true, "included": true, "include": true, "includes": true, ":": true}

// phrase is a noun phrase with the class of its head.
type phrase struct {
	text string
	head string // the last word, lower case
	kind string // "facility", "people", "individuals", "organization" or ""
	name string // for a phrase whose head is no class noun, the words after its last title ("governor antonio roldan" → "antonio roldan")
	// members is the whole "members of the X" phrase a subject or agent
	// X stands in, or "": the people who acted, beside their group.
	members string
	// first and last are the phrase's word indexes in the sentence.
	first, last int
	// relative marks a subject read back across "which", "that" or
	// "who": "a bombing in Madrid, Spain which killed 13" has the
	// bombing, not Spain, as the subject of "killed".
	relative bool
}

// victim makes a harmed person of a phrase: a description ("a peasant",
// "two soldiers") is kept whole with kind unknown, for the actor catalog
// to place; a name loses the titles before it and is a person.
func (lx *argumentLexicon) victim(p phrase) Participant {
	if p.kind == "" {
		p.name = withoutAge(p.name)
	}
	if p.kind != "" || !lx.nameLike(p.name) {
		return Participant{Name: p.text, Kind: "unknown"}
	}
	if m := resolve.ResolveActor(p.name, resolve.ActorContext{Role: "victim"}); m.Resolved {
		// "killed farc", "attacked the army": the catalog knows the
		// name as a group or a force, not a person.
		return Participant{Name: p.text, Kind: "unknown"}
	}
	return Participant{Name: p.name, Kind: "person"}
}

// withoutAge drops an age before a name ("19-year-old ana ruiz" → "ana
// ruiz"): the age is no part of who was harmed, and its digits would make
// the name look like a count.
func withoutAge(s string) string {
	first, rest, ok := strings.Cut(strings.TrimSpace(s), " ")
	lower := strings.ToLower(first)
	if !ok || !strings.HasSuffix(lower, "-year-old") || !isNumber(strings.TrimSuffix(lower, "-year-old")) {
		return s
	}
	return strings.TrimSpace(rest)
}

// nameLike reports whether a phrase with no class noun can be a person's
// name: no digits ("6 december", "000"), no adverb ("instantly"), not
// one or two letters, and some word that is not a number, a day, a month
// or a quantity word ("six", "approximately 100", "both").
func (lx *argumentLexicon) nameLike(s string) bool {
	if len(strings.TrimSpace(s)) < 3 || strings.ContainsAny(s, "0123456789") {
		return false
	}
	named := false
	for k, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.Trim(w, `"'.,`)
		if isAdverb(w) || k == 0 && (isGerund(w) || isPastForm(w)) {
			return false // "instantly", "urging the public", "arrived"
		}
		if !lx.notNames[w] {
			named = true
		}
	}
	return named
}

// isPastForm reports a word that reads as a past tense or participle
// ("declared", "arrived"): a phrase that opens with one, read after a harm
// verb, is the next clause ("... was killed, declared the mayor"), not
// a name. Names seldom end so; a short word ("fred") is let through.
func isPastForm(w string) bool {
	return len(w) > 5 && strings.HasSuffix(w, "ed")
}

// nounPhrase reads the noun phrase starting at word i: leading
// determiners dropped, then up to six words until a stop word or
// punctuation (quote marks are part of a name: "santo tomas" farm).
func (lx *argumentLexicon) nounPhrase(s string, ws []argWord, i int) (phrase, bool) {
	for i < len(ws) {
		if n := lx.determiners.match(ws, i); n > 0 && !ws[i].punct {
			i += n
			continue
		}
		break
	}
	start, end := -1, -1
	for j := i; j < len(ws) && j < i+7; j++ {
		w := ws[j]
		if w.quote {
			continue
		}
		if w.lower == "." && j > i && lx.title(ws[j-1].lower) {
			continue // "dr. francisco guerrero": the title's full stop
		}
		if w.punct || lx.stop[w.lower] || lx.harmVerbs.match(ws, j) > 0 || lx.attackVerbs.match(ws, j) > 0 {
			break
		}
		if j > i && isGerund(w.lower) && lx.facilities.match(ws, j) == 0 {
			break // "a police officer guarding the house": a clause, not the phrase
		}
		if start < 0 {
			start = j
		}
		end = j
	}
	if start < 0 {
		return phrase{}, false
	}
	np := lx.classify(s, ws, start, end)
	if of := end + 1; np.kind == "" && lx.facilityParts.endsAtFrom(ws, start, end) && of+1 < len(ws) && (ws[of].lower == "of" || ws[of].lower == "to") {
		// "the front door of the bank", "the entrance to the hotel":
		// what was hit is the building the part is of.
		if owner, ok := lx.nounPhrase(s, ws, of+1); ok && owner.kind == "facility" {
			return owner, true
		}
	}
	if of := end + 1; np.kind == "facility" && of+1 < len(ws) && ws[of].lower == "of" {
		// "the headquarters of the conservative party": a building is
		// named by whom it belongs to.
		if owner, ok := lx.nounPhrase(s, ws, of+1); ok && owner.kind != "facility" {
			np.text = s[ws[start].start:ws[owner.last].end]
			np.last = owner.last
		}
	}
	return np, true
}

// nameRunStart cuts a subject read backwards from its verb to its last
// name and the words after it, when the words before that name are lower-case words of
// mixed-case text and one of them is a number or ends in "-ed": in
// "raids in 2019 copied methods Hezbollah used in the south", the agent
// of "used" is Hezbollah (a relative clause without "that"), not "2019
// copied methods Hezbollah". Text in capitals (wire copy) has no case to go by and is
// left as it is. A modifier such as "suspected" before the name goes
// too ("suspected ISIS militants" → "ISIS militants"): the hedge is read
// by the certainty rules, not kept in the actor's name.
func nameRunStart(s string, ws []argWord, start, end int) int {
	upper := func(k int) bool {
		r, _ := utf8.DecodeRuneInString(s[ws[k].start:ws[k].end])
		return unicode.IsUpper(r)
	}
	k := end
	for k > start && !upper(k) {
		k-- // the common nouns after the name: "ISIS fighters"
	}
	if !upper(k) {
		return start
	}
	for k > start && upper(k-1) {
		k--
	}
	if k == start {
		return start
	}
	cut := false
	for j := start; j < k; j++ {
		w := ws[j].lower
		if upper(j) {
			return start // "Mr. Smith's Islamic State": mixed, leave it
		}
		if isNumber(w) || (len(w) > 4 && strings.HasSuffix(w, "ed")) {
			cut = true
		}
	}
	if !cut {
		return start
	}
	return k
}

// subject reads the noun phrase that ends just before the verb at word v,
// across words like "yesterday" or "have" and a parenthesised acronym:
// "members of the norland people's liberation front (nplf)
// attacked". passive reports a passive auxiliary ("was killed"): the
// subject then suffered the act.
func (lx *argumentLexicon) subject(s string, ws []argWord, v int) (np phrase, passive, ok bool) {
	j := v - 1
	relative := false
	for j >= 0 {
		if n := lx.skipBefore.endsAt(ws, j); n > 0 {
			switch ws[j].lower {
			case "was", "were", "been", "is", "are", "be":
				passive = true
			}
			for k := j - n + 1; k <= j; k++ {
				switch ws[k].lower {
				case "which", "that", "who":
					relative = true
				}
			}
			j -= n
			continue
		}
		if isAdverb(ws[j].lower) {
			// "was seriously wounded", "has been partially destroyed"
			j--
			continue
		}
		if ws[j].lower == ")" {
			k := j - 1
			for k >= 0 && ws[k].lower != "(" && j-k < 6 {
				k--
			}
			if k >= 0 && ws[k].lower == "(" {
				j = k - 1
				continue
			}
		}
		break
	}
	if j > 0 && ws[j].lower == "," {
		// "ramiro vela, the president of the bank, was shot": the
		// subject stands before the apposition.
		for c := j - 1; c >= 0 && c >= j-appositionWords; c-- {
			if ws[c].lower == "," {
				j = c - 1
				break
			}
			if ws[c].punct {
				break
			}
		}
	}
	end := j
	start := -1
	for k := end; k >= 0 && k > end-6; k-- {
		w := ws[k]
		if w.quote {
			continue
		}
		if w.punct || lx.stop[w.lower] || lx.determiners.match(ws, k) > 0 {
			break
		}
		start = k
	}
	if start < 0 {
		return phrase{}, false, false
	}
	for end > start && ws[end].quote {
		end--
	}
	start = nameRunStart(s, ws, start, end)
	np = lx.classify(s, ws, start, end)
	k := start - 1
	if k >= 1 && lx.determiners.match(ws, k) == 1 {
		k--
	}
	if np.kind == "" && k >= 1 && placePreps[ws[k].lower] {
		// "several houses in the area were damaged": the place is
		// where the subject stood, not the subject.
		if head, _, ok := lx.subject(s, ws, k); ok && (head.kind == "facility" || head.kind == "people") {
			return head, passive, true
		}
	}
	k = start - 1
	if k >= 0 && lx.determiners.match(ws, k) == 1 {
		k--
	}
	if org, ok := lx.orgOf(s, ws, k, end); ok {
		// "the army of national liberation attacked": the name runs
		// across "of".
		np = org
		k = np.first - 1
		if k >= 0 && lx.determiners.match(ws, k) == 1 {
			k--
		}
	}
	if k >= 1 && ws[k].lower == "of" {
		for n := 1; n <= 2 && k-n >= 0; n++ {
			if lx.memberNouns.endsAtFrom(ws, k-n, k-1) {
				np.members = s[ws[k-n].start:ws[end].end]
				break
			}
		}
	}
	np.relative = relative
	return np, passive, true
}

// actSubject is subject, read through a light verb: in "a group of
// subversives carried out an armed attack against the minister" the
// phrase before "attack against" is an adjective ("armed"), and who did
// it is the subject of "carried out" ([pronoun_acts]).
func (lx *argumentLexicon) actSubject(s string, ws []argWord, v int) (np phrase, passive, ok bool) {
	np, passive, ok = lx.subject(s, ws, v)
	if !ok || passive {
		return np, passive, ok
	}
	if lx.nounModifier(ws, np, v) {
		return phrase{}, false, false
	}
	k := np.first - 1
	if k >= 0 && lx.determiners.match(ws, k) == 1 {
		k--
	}
	if k < 1 {
		return np, passive, ok
	}
	if n := lx.pronounActs.endsAt(ws, k); n > 0 {
		if light, lp, lok := lx.subject(s, ws, k-n+1); lok {
			return light, lp, true
		}
	}
	return np, passive, ok
}

// nounModifier reports whether np, read as the subject of the act word at
// v, is a noun describing it: "the terrorist attack", "a rebel raid". The
// act word is a bare noun of [noun_acts] right after one singular word
// that a determiner opens; as a verb it would agree with a singular
// subject ("the rebel attacks", "attacked"). Such a phrase names what kind
// of act it was, not who did it.
func (lx *argumentLexicon) nounModifier(ws []argWord, np phrase, v int) bool {
	if !lx.nounActs[ws[v].lower] || np.last != v-1 || np.first != np.last || np.first < 1 {
		return false
	}
	switch ws[np.first-1].lower {
	case "the", "a", "an":
	default:
		return false
	}
	head := ws[np.first].lower
	return !strings.HasSuffix(head, "s") && !lx.pluralHeads[head]
}

// subjectList reads the phrases coordinated before a subject that
// suffered an act, by commas or "and": "the priests ana ruiz, jose paz and
// luis soto were killed" names three victims, and an apposition between
// them ("ana ruiz, a teacher, was killed") is read as one more. Phrases
// are read while they are names or people (things, after a thing: "offices,
// shops and homes were destroyed"), up to maxObjects.
func (lx *argumentLexicon) subjectList(s string, ws []argWord, np phrase) []phrase {
	var out []phrase
	k := np.first - 1
	for len(out) < maxObjects {
		for k >= 0 && !ws[k].punct && lx.determiners.endsAt(ws, k) > 0 {
			k -= lx.determiners.endsAt(ws, k) // "shops and several stalls": the determiner the phrase lost
		}
		j := k
		for j >= 0 && (ws[j].lower == "," || ws[j].lower == "and" || ws[j].lower == ";") {
			j--
		}
		if j == k || j < 0 {
			break
		}
		start := -1
		for m := j; m >= 0 && m > j-6; m-- {
			w := ws[m]
			if w.punct || w.quote || lx.stop[w.lower] || lx.determiners.match(ws, m) > 0 {
				break
			}
			start = m
		}
		if start < 0 {
			break
		}
		p := lx.classify(s, ws, start, j)
		if np.kind == "facility" && p.kind != "facility" || np.kind != "facility" && p.kind != "" && p.kind != "people" {
			break
		}
		out = append(out, p)
		k = start - 1
	}
	return out
}

// appositionWords is the longest apposition subject reads across.
const appositionWords = 12

// placePreps stand between a subject and the place it was in.
var placePreps = map[string]bool{"in": true, "at": true, "near": true}

// classify gives a phrase of words start..end its text and head class.
func (lx *argumentLexicon) classify(s string, ws []argWord, start, end int) phrase {
	p := phrase{text: s[ws[start].start:ws[end].end], head: ws[end].lower, first: start, last: end}
	p.name = p.text
	for k := end - 1; k >= start; k-- {
		if lx.people.endsAtFrom(ws, k, k) && !ws[k+1].quote {
			n := k + 1
			if ws[n].lower == "." && n < end {
				n++ // "dr. anselmo verel"
			}
			p.name = s[ws[n].start:ws[end].end]
			break
		}
	}
	for k := start; k <= end; k++ {
		// The longest class phrase that ends the phrase decides: "power
		// line" over "line", "hit men" over "men".
		if lx.facilities.endsAtFrom(ws, k, end) {
			p.kind = "facility"
			break
		}
		if lx.organizations.endsAtFrom(ws, k, end) {
			p.kind = "organization"
			break
		}
		if lx.individuals.endsAtFrom(ws, k, end) {
			p.kind = "individuals"
			break
		}
		if lx.people.endsAtFrom(ws, k, end) {
			p.kind = "people"
			break
		}
	}
	return p
}

// endsAtFrom reports whether a phrase spans exactly words k..end.
func (p phrases) endsAtFrom(ws []argWord, k, end int) bool {
	for _, ph := range p[ws[k].lower] {
		if len(ph) != end-k+1 {
			continue
		}
		ok := true
		for i, w := range ph {
			if ws[k+i].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// perpetrator turns an agent phrase into a participant when its head says
// it is an attacker: people ("guerrillas", "a man"), an organisation
// ("the medellin cartel") or a state the actor catalog knows.
func (lx *argumentLexicon) perpetrator(p phrase) (Participant, bool) {
	switch p.kind {
	case "individuals", "people":
		return Participant{Name: p.text, Kind: "person"}, true
	case "organization":
		return Participant{Name: p.text, Kind: "organization"}, true
	case "":
		// A name with no telling head ("the fmln", "sendero luminoso") is
		// an attacker when the actor catalog knows it as an armed group.
		// A state named as the doer of the act ("Russia killed the
		// commander", "shelled by Norland") is its perpetrator as well:
		// ACLED codes its military forces as actor 1.
		if m := resolve.ResolveActor(p.text, resolve.ActorContext{Role: "perpetrator"}); m.Resolved {
			switch k := m.ParticipantKind(); {
			case k == "organization", k == "state" && !p.relative:
				return Participant{Name: p.text, Kind: k}, true
			}
		}
	}
	return Participant{}, false
}

func addString(list []string, s string) []string {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return list
		}
	}
	return append(list, s)
}

// reasons says, for `sitrep explain`, what each argument came from.
func (a Arguments) reasons() []Reason {
	var out []Reason
	for _, p := range a.Perpetrators {
		out = append(out, Reason{Field: "perpetrators", Value: p.Name, Rule: "agent of an attack or harm verb (rules/arguments.txt)"})
	}
	for _, p := range a.Targets {
		out = append(out, Reason{Field: "targets", Value: p.Name, Rule: "object of an attack verb or place of a blast, a facility (rules/arguments.txt)"})
	}
	for _, p := range a.Victims {
		out = append(out, Reason{Field: "victims", Value: p.Name, Rule: "object of an attack or harm verb, a person (rules/arguments.txt)"})
	}
	for _, w := range a.Weapons {
		out = append(out, Reason{Field: "weapons", Value: w, Rule: "weapon phrase (rules/arguments.txt)"})
	}
	return out
}

// hasAnaphor reports whether a sentence refers back to an event already
// told with a definite noun phrase of rules/arguments.txt's [anaphors]
// section ("the attack", "the bombing").
func hasAnaphor(sentence string) bool {
	lx := arguments()
	ws := strings.FieldsFunc(strings.ToLower(sentence), func(r rune) bool {
		return !(r == '-' || r == '\'' || unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	words := make([]argWord, len(ws))
	for i, w := range ws {
		words[i] = argWord{lower: w}
	}
	for i := range words {
		if lx.anaphors.match(words, i) > 0 {
			return true
		}
	}
	return false
}

// contextArguments gives each violent event the participants and weapons
// named in the sentences that follow its telling without telling an event
// of their own: "The FMLN was blamed for the attack", "Among the dead
// was the mayor". A report names who did it and who was hit in the
// sentences around the one that says what happened, and an ACLED coder
// reads them as part of it. A sentence is about the event told last
// before it, when no other event is told in between and it lies within
// contextReach sentences of that telling in the same paragraph, or
// further on in the paragraph when it refers back to the incident with a
// definite phrase ("the attack", see hasRetelling).
//
// evs' evidence offsets are characters; sents are bytes, so the sentence
// starts are mapped once through a runeIndex. The work is linear in the
// number of sentences.
func contextArguments(text string, sents []nlp.Span, evs []Event, why [][]Reason) {
	if len(evs) == 0 {
		return
	}
	ri := newRuneIndex(text, sents)
	tells := make(map[int]int, len(evs)) // sentence start (characters) -> event
	for k := len(evs) - 1; k >= 0; k-- {
		for _, e := range evs[k].Evidence {
			tells[e.Start] = k
		}
	}
	// A sentence an event took only its toll from ("one individual
	// was injured") is evidence but told no event: its arguments were
	// never read. The sentences that told an event have a type reason.
	triggered := make(map[string]bool, len(evs))
	for k := range why {
		for _, r := range why[k] {
			if r.Field == "type" {
				triggered[r.Sentence] = true
			}
		}
	}
	// A sentence whose clauses tell events of their own ("it carried out
	// a suicide attack in 2021 that killed 13; an attack on the embassy
	// that killed two of its staff in 2022") has clauses as its events'
	// type reasons but is evidence from its first character: it told
	// event k when one of k's telling clauses lies inside it. Read as a
	// sentence about k, it would hand k the other clauses' targets and
	// victims.
	told := func(k int, st string) bool {
		if triggered[st] {
			return true
		}
		for _, r := range why[k] {
			if r.Field == "type" && r.Sentence != "" && strings.Contains(st, r.Sentence) {
				return true
			}
		}
		return false
	}
	paras := paragraphIndex(text, sents)
	last, lastSent := -1, -1
	for i, s := range sents {
		st := text[s.Start:s.End]
		if k, ok := tells[ri[s.Start]]; ok {
			prev, prevSent := last, lastSent
			last, lastSent = k, i
			if triggered[st] && prev >= 0 && retold(evs, k, prev, i-prevSent, paras[i] == paras[prevSent], st) {
				// "Two guards died in the explosion": a harm the
				// sentence tells as its own event, but of the incident
				// told just before, which it names again. Its
				// participants are that incident's too.
				a := SentenceArguments(st)
				a.Targets, a.Victims = nil, nil
				why[prev] = addArguments(&evs[prev], a, why[prev], st)
				continue
			}
			if told(k, st) || !violent[evs[k].Type] {
				continue
			}
		} else {
			if last < 0 || !violent[evs[last].Type] || paras[i] != paras[lastSent] {
				continue
			}
			if i-lastSent > contextReach && !hasRetelling(st) {
				continue
			}
		}
		a := SentenceArguments(st)
		lx := arguments()
		cert, claims := Certainty(st)
		if cert == Hypothetical {
			// "warnings of an attack by extremists", "the group
			// threatened to strike again": the doer of an attack
			// that may come, not of the one told.
			a.Perpetrators = nil
		}
		// An armed group a sentence about the event names is its
		// suspected author ("police said fmln urban commandos were
		// responsible"). In the event's own sentences the verbs say who
		// did what, and a group named there off the verbs is as often
		// the side attacked: scanning those lowered MUC-4 F1.
		for _, g := range knownGroups(st) {
			if cert != Hypothetical {
				a.Perpetrators = addParticipant(a.Perpetrators, g)
			}
		}
		for _, c := range claims {
			// Who claims an attack did it, as the claim says; who is
			// blamed for it is its accused perpetrator.
			switch {
			case lx.stop[strings.ToLower(c.By)] || lx.stop[strings.ToLower(c.Against)]:
				// "blamed us", "they claimed": a pronoun names no group.
			case c.Kind == "claims_responsibility" && c.By != "":
				a.Perpetrators = addParticipant(a.Perpetrators, Participant{Name: c.By, Kind: "organization"})
			case c.Kind == "blames" && c.Against != "":
				a.Perpetrators = addParticipant(a.Perpetrators, Participant{Name: c.Against, Kind: "organization"})
			}
		}
		why[last] = addArguments(&evs[last], a, why[last], st)
	}
}

// retold reports whether a sentence that tells event k is also about the
// different violent event prev told gap sentences before it in the same
// paragraph: it refers back to an incident with a definite phrase ("the
// explosion", see hasRetelling) within contextReach sentences.
func retold(evs []Event, k, prev, gap int, samePara bool, sentence string) bool {
	return prev >= 0 && prev != k && samePara && gap > 0 && gap <= contextReach &&
		violent[evs[prev].Type] && hasRetelling(sentence)
}

// contextReach is how many sentences after an event's telling may name
// its participants without referring back to it.
const contextReach = 2

// addArguments adds the arguments a sentence names to an event, with the
// reasons, and returns the reasons.
func addArguments(ev *Event, a Arguments, why []Reason, sentence string) []Reason {
	rule := "named in a sentence about the event that tells no event of its own (rules/arguments.txt)"
	add := func(list *[]Participant, field string, ps []Participant) {
		for _, p := range ps {
			n := len(*list)
			*list = addParticipant(*list, p)
			if len(*list) > n {
				why = append(why, Reason{Field: field, Value: p.Name, Rule: rule, Sentence: sentence})
			}
		}
	}
	// Resolve as merge resolves a telling's own participants, so that a
	// group named twice ("fmln", its full name) is one perpetrator.
	res := Event{Perpetrators: a.Perpetrators, Location: ev.Location}
	resolveActors(&res, nil)
	var perps []Participant
	for _, p := range res.Perpetrators {
		if !sameActor(ev.Perpetrators, p) {
			perps = append(perps, p)
		}
	}
	add(&ev.Perpetrators, "perpetrators", perps)
	add(&ev.Targets, "targets", a.Targets)
	add(&ev.Victims, "victims", a.Victims)
	for _, w := range a.Weapons {
		n := len(ev.Weapons)
		ev.Weapons = addString(ev.Weapons, w)
		if len(ev.Weapons) > n {
			why = append(why, Reason{Field: "weapons", Value: w, Rule: rule, Sentence: sentence})
		}
	}
	return why
}

// knownGroups lists the armed groups of the actor catalog that a sentence
// names anywhere, matched as the catalog matches names: case folded, so
// that "the fmln" in lower-cased wire copy is found as "FMLN" is. A group
// named as what was attacked ("troops attacked fmln positions", "the
// offensive against the eln") is not taken: a harm or attack verb or an
// opposing preposition of rules/arguments.txt's [against] section within
// the few words before it makes it the target.
//
// Each word starts at most groupWords lookups, so the scan is linear in
// the sentence.
func knownGroups(sentence string) []Participant {
	var out []Participant
	for _, g := range groupsIn(sentence) {
		if !g.opposed {
			out = append(out, g.Participant)
		}
	}
	return out
}

// namedGroup is an armed group of the actor catalog named in a sentence:
// the words it spans and whether an attack word before it makes it the
// side attacked.
type namedGroup struct {
	Participant
	first, last int // word indexes (argWords)
	opposed     bool
}

// groupsIn lists the armed groups a sentence names, each once, in order
// (see knownGroups).
func groupsIn(sentence string) []namedGroup {
	lx := arguments()
	ws := argWords(sentence)
	var out []namedGroup
	seen := map[string]bool{} // "fmln" and its full name are one group
	for i := 0; i < len(ws); i++ {
		if ws[i].punct || ws[i].quote || lx.stop[ws[i].lower] || lx.determiners.match(ws, i) > 0 {
			continue
		}
		if lx.notNames[ws[i].lower] || isDigit(ws[i].lower[0]) {
			continue // "five fmln": a count of members, not the group's name
		}
		for n := min(groupWords, len(ws)-i); n >= 1; n-- {
			end := i + n - 1
			if inner := ws[i : end+1]; hasMark(inner) {
				continue
			}
			name := sentence[ws[i].start:ws[end].end]
			m := resolve.ResolveActor(name, resolve.ActorContext{Role: "perpetrator"})
			if !m.Resolved || !armedGroup[m.Kind] ||
				(m.Rule != resolve.RuleAlias && m.Rule != resolve.RuleExact && m.Rule != resolve.RuleLoose) {
				continue
			}
			if !seen[m.Name] {
				seen[m.Name] = true
				actor := m.Name
				out = append(out, namedGroup{Participant: Participant{Name: name, Actor: &actor, Kind: "organization"},
					first: i, last: end, opposed: lx.opposed(ws, i)})
			}
			i = end
			break
		}
	}
	return out
}

// armedGroup are the catalog's kinds of non-state armed actors: a state's
// forces, a party, the Red Cross or the UN named near an attack are seldom
// who carried it out.
var armedGroup = map[string]bool{resolve.ActorRebelGroup: true, resolve.ActorTerroristGroup: true, resolve.ActorMilitia: true}

// hasMark reports punctuation among words: a name does not run across
// "6. the fmln" or "fmln, the".
func hasMark(ws []argWord) bool {
	for _, w := range ws {
		if w.punct || w.quote {
			return true
		}
	}
	return false
}

// groupWords is the longest group name knownGroups tries, in words
// ("farabundo marti national liberation front").
const groupWords = 6

// opposed reports whether the words just before word i make what follows
// the object of an attack: an attack or harm verb, or a preposition of
// [against].
func (lx *argumentLexicon) opposed(ws []argWord, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		if ws[j].punct {
			return false
		}
		if lx.against[ws[j].lower] || lx.attackVerbs.match(ws, j) > 0 || lx.harmVerbs.match(ws, j) > 0 {
			return true
		}
	}
	return false
}

// sameActor reports whether ps holds p's catalog actor already.
func sameActor(ps []Participant, p Participant) bool {
	if p.Actor == nil {
		return false
	}
	for _, q := range ps {
		if q.Actor != nil && *q.Actor == *p.Actor {
			return true
		}
	}
	return false
}

// rememberedAt reports whether a remembrance word of rules/casualties.txt
// ("commemorating", "to avenge") stands up to four words before word i in
// its clause: the harm told there is looked back on, not this event's.
func rememberedAt(ws []argWord, i int) bool {
	rm := casualties().remembrance
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if ws[k].punct {
			return false
		}
		if rm[ws[k].lower] {
			return true
		}
	}
	return false
}

// pronounAgents gives a violent event told by a sentence that opens with a
// group pronoun and an act ("It carried out a suicide attack ...", "The
// group later claimed ...") the armed group the sentence before names as
// its subject ("... ISIS-K is a brigade-sized organisation ..."), when the
// event names no perpetrator of its own: the reader resolves the pronoun
// so. A pronoun whose antecedent is no catalog group is left alone.
// Linear in the number of sentences and events.
func pronounAgents(text string, sents []nlp.Span, evs []Event, why [][]Reason) {
	if len(evs) == 0 || len(sents) < 2 {
		return
	}
	lx := arguments()
	ri := newRuneIndex(text, sents)
	at := make(map[int]int, len(sents)) // sentence start (characters) -> index
	for i, s := range sents {
		at[ri[s.Start]] = i
	}
	for k := range evs {
		ev := &evs[k]
		if len(ev.Perpetrators) > 0 || !violent[ev.Type] || len(ev.Evidence) == 0 {
			continue
		}
		i, ok := at[ev.Evidence[0].Start]
		if !ok || i == 0 {
			continue
		}
		ws := argWords(text[sents[i].Start:sents[i].End])
		n := lx.groupPronouns.match(ws, 0)
		if n == 0 {
			continue
		}
		j := n
		for j < len(ws) && j < n+2 && lx.skipBefore.match(ws, j) > 0 {
			j++ // "It also carried out", "It has launched"
		}
		if lx.pronounActs.match(ws, j) == 0 {
			continue
		}
		prev := text[sents[i-1].Start:sents[i-1].End]
		g, ok := subjectGroup(prev)
		if !ok {
			continue
		}
		ev.Perpetrators = append(ev.Perpetrators, g)
		why[k] = append(why[k], Reason{Field: "perpetrators", Value: g.Name,
			Rule:     "the sentence opens with a pronoun for a group; the group the sentence before has as its subject (rules/arguments.txt [group_pronouns])",
			Sentence: prev})
	}
}

// subjectGroup finds the armed group a sentence has as its subject: the
// first catalog group, not named as the side attacked, that a verb of
// [subject_verbs] follows ("ISIS-K is", "the front has").
func subjectGroup(sentence string) (Participant, bool) {
	lx := arguments()
	ws := argWords(sentence)
	for _, g := range groupsIn(sentence) {
		if g.opposed {
			continue
		}
		if k := g.last + 1; k < len(ws) && lx.subjectVerbs[ws[k].lower] {
			return g.Participant, true
		}
	}
	return Participant{}, false
}
