package extract

import (
	"strings"

	"sitrep/internal/resolve"
)

// agentReach is how many words may stand between an act and the "by"
// that names who did it: "was shot to death by", "an attack yesterday by",
// "was shot to death on 24 august by" (muc4 train micro F1 33.18 at 4
// words, 33.23 at 7).
const agentReach = 7

// agents reads the "by" phrases that name who carried out an act told a
// few words before them: "was shot to death by terrorists", "an attack by
// urban guerrillas on the post", "the bomb had been planted by members of
// the liberation front". The act is an attack, harm or blast verb, or an
// event noun of [retell_heads]; the phrase is taken only when its head is
// people or an organisation, or the actor catalog knows it as a group
// (see perpetrator). "Members of the X" names the members as individuals
// and X as their organisation.
func (lx *argumentLexicon) agents(s string, ws []argWord, a *Arguments) {
	for b := 1; b+1 < len(ws); b++ {
		if ws[b].lower != "by" || !lx.actBefore(ws, b) {
			continue
		}
		np, ok := lx.nounPhrase(s, ws, b+1)
		if !ok {
			continue
		}
		if of := np.last + 1; of+1 < len(ws) && ws[of].lower == "of" && lx.memberHead(ws, np) {
			if org, ok := lx.nounPhrase(s, ws, of+1); ok {
				if p, ok := lx.perpetrator(org); ok {
					a.Perpetrators = addParticipant(a.Perpetrators, Participant{Name: s[ws[np.first].start:ws[org.last].end], Kind: "person"})
					a.Perpetrators = addParticipant(a.Perpetrators, p)
					continue
				}
			}
		}
		lx.addSubjectAgent(a, np)
	}
}

// actBefore reports an act within agentReach words before word b, in the
// same clause.
func (lx *argumentLexicon) actBefore(ws []argWord, b int) bool {
	for j := b - 1; j >= 0 && j >= b-agentReach; j-- {
		if ws[j].punct {
			return false
		}
		if lx.retellHeads[ws[j].lower] || lx.agentActs.match(ws, j) > 0 || lx.attackVerbs.match(ws, j) > 0 || lx.harmVerbs.match(ws, j) > 0 || lx.blastVerbs.match(ws, j) > 0 {
			return true
		}
	}
	return false
}

// memberHead reports whether a phrase ends in a noun of [member_nouns]:
// "members", "a group", "guerrillas".
func (lx *argumentLexicon) memberHead(ws []argWord, np phrase) bool {
	for n := 1; n <= 2 && np.last-n+1 >= np.first; n++ {
		if lx.memberNouns.endsAtFrom(ws, np.last-n+1, np.last) {
			return true
		}
	}
	return false
}

// addActAgent adds who did the act at ws[i]: its active subject, or, when
// the verb has none of its own but is coordinated with an earlier one
// ("armed men entered the farm and set it on fire"), the clause's subject.
// A passive subject is left to the caller: it is the target or victim.
func (lx *argumentLexicon) addActAgent(a *Arguments, cl *actClause, sentence string, ws []argWord, i int) {
	if np, passiveAux, ok := lx.actSubject(sentence, ws, i); ok && !passiveAux {
		lx.addSubjectAgent(a, np)
	} else if !ok && lx.coordinated(ws, i) {
		if np, ok := cl.subject(lx, sentence, ws); ok {
			lx.addSubjectAgent(a, np)
		}
	}
}

// addSubjectAgent adds the subject of an active attack, harm or blast verb
// as its perpetrator when perpetrator accepts it: "members of the
// liberation front attacked" names the members as individuals and the
// front as their organisation.
func (lx *argumentLexicon) addSubjectAgent(a *Arguments, np phrase) {
	p, ok := lx.perpetrator(np)
	if !ok && np.members != "" && np.kind == "" {
		// "members of the norland union kidnapped": people who are
		// members of it make a phrase with no class noun a group.
		p, ok = Participant{Name: np.text, Kind: "organization"}, true
	}
	if !ok {
		return
	}
	if np.members != "" {
		a.Perpetrators = addParticipant(a.Perpetrators, Participant{Name: np.members, Kind: "person"})
	}
	g, ok := lx.groupModifier(np)
	if ok && p.Kind == "person" {
		// "shining path members bombed": the people are "members",
		// their organisation the group named before them.
		if rest := strings.TrimSpace(np.text[len(g.Name):]); rest != "" {
			p.Name = rest
		}
	}
	a.Perpetrators = addParticipant(a.Perpetrators, p)
	if ok {
		a.Perpetrators = addParticipant(a.Perpetrators, g)
	}
}

// orgWords is the longest organisation name orgOf reads before "of".
const orgWords = 4

// orgOf reads an organisation's name that runs across "of" when word k is
// that "of" and an organisation noun stands before it ("army of national
// liberation", "front of the people"): the whole name up to word end, as
// an organisation.
func (lx *argumentLexicon) orgOf(s string, ws []argWord, k, end int) (phrase, bool) {
	if k < 1 || ws[k].lower != "of" || !lx.organizations.endsAtFrom(ws, k-1, k-1) {
		return phrase{}, false
	}
	start := k - 1
	for m := k - 2; m >= 0 && m > k-1-orgWords; m-- {
		if ws[m].punct || ws[m].quote || lx.stop[ws[m].lower] || lx.determiners.match(ws, m) > 0 {
			break
		}
		start = m
	}
	np := lx.classify(s, ws, start, end)
	np.kind = "organization"
	return np, true
}

// groupModifier finds an armed group the actor catalog knows named before
// the head of a people phrase: "fmln guerrillas", "eln rebels" name the
// group beside its fighters.
func (lx *argumentLexicon) groupModifier(np phrase) (Participant, bool) {
	if np.kind != "individuals" && np.kind != "people" {
		return Participant{}, false
	}
	ws := strings.Fields(np.text)
	for n := len(ws) - 1; n >= 1; n-- {
		name := strings.Join(ws[:n], " ")
		m := resolve.ResolveActor(name, resolve.ActorContext{Role: "perpetrator"})
		if m.Resolved && armedGroup[m.Kind] && (m.Rule == resolve.RuleAlias || m.Rule == resolve.RuleExact) {
			actor := m.Name
			return Participant{Name: name, Actor: &actor, Kind: "organization"}, true
		}
	}
	return Participant{}, false
}

// maxObjects is how many coordinated objects one verb takes.
const maxObjects = 6

// objects reads the noun phrase after a verb and the ones coordinated
// with it by commas or "and" while they are of the same class: "attacked
// the town hall, the police station and a bank" names three targets,
// "killed a judge, the wife of ..." one victim, for the apposition is
// another class.
func (lx *argumentLexicon) objects(s string, ws []argWord, i int) []phrase {
	for n := lx.skipAfter.match(ws, min(i, len(ws)-1)); n > 0 && i < len(ws); n = lx.skipAfter.match(ws, min(i, len(ws)-1)) {
		i += n // "kidnapped today two engineers"
	}
	if i < len(ws) && ws[i].lower == "against" {
		i++ // "attacks were carried out against the power company"
	}
	np, ok := lx.nounPhrase(s, ws, i)
	if !ok {
		return nil
	}
	np = lx.headCut(s, ws, np, "facility")
	out := []phrase{np}
	if c := np.last + 1; np.kind == "people" && c+1 < len(ws) && ws[c].lower == ":" {
		// "killed three journalists: ana ruiz, ...": the names follow.
		if names := lx.objects(s, ws, c+1); len(names) > 0 && names[0].kind == "" {
			out = append(out, names...)
		}
		return out
	}
	for len(out) < maxObjects {
		j := np.last + 1
		for j < len(ws) && (ws[j].lower == "," || ws[j].lower == "and" || ws[j].lower == ";") {
			j++
		}
		if j == np.last+1 || j >= len(ws) {
			break
		}
		next, ok := lx.nounPhrase(s, ws, j)
		if ok && out[0].kind == "" && next.kind == "" && ws[j-1].lower == "," && isNumber(next.text) {
			// "killing ana ruiz, 42; jose paz, 19": an age after a
			// name is no one; the list goes on after it.
			np = next
			continue
		}
		if ok && next.kind != out[0].kind && out[0].kind == "" && ws[j-1].lower == "," {
			// "kidnapped ana ruiz, the mayor of norvale, and jose
			// paz": an apposition to a name, up to the next comma,
			// stands between the names of a list.
			if c := lx.appositionEnd(ws, next.first); c > 0 {
				np = phrase{last: c - 1}
				continue
			}
		}
		if !ok || next.kind != out[0].kind {
			break
		}
		if next.kind == "" {
			// "... and luis soto shocked the town": the last name of a
			// list runs on into the clause's verb.
			next = lx.nameCut(s, ws, next)
		}
		out = append(out, next)
		np = next
	}
	if k := np.last + 1; out[0].kind != "facility" && k+1 < len(ws) && ws[k].lower == "," && lx.inclusions.match(ws, k+1) > 0 {
		// "killing nine people, including the mayor ana ruiz": the
		// people named after the inclusion are among those harmed.
		for _, p := range lx.objects(s, ws, k+1+lx.inclusions.match(ws, k+1)) {
			if p.kind != "facility" {
				out = append(out, p)
			}
		}
	}
	return out
}

// isNumber reports a phrase made only of digits ("42"): an age or a
// count, never a name.
func isNumber(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// appositionEnd finds the comma that closes an apposition starting at
// word i, within appositionWords words and before any other punctuation
// or a verb of harm or attack, or returns 0. A count or age ("ana ruiz,
// 42,") is an apposition too.
func (lx *argumentLexicon) appositionEnd(ws []argWord, i int) int {
	for c := i; c < len(ws) && c < i+appositionWords; c++ {
		switch {
		case ws[c].lower == ",":
			return c
		case ws[c].punct && ws[c].lower != "(" && ws[c].lower != ")":
			return 0
		case lx.harmVerbs.match(ws, c) > 0 || lx.attackVerbs.match(ws, c) > 0:
			return 0
		}
	}
	return 0
}

// isAdverb reports an -ly adverb ("seriously", "partially"), which may
// stand between a subject and its verb.
func isAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly")
}

// isGerund reports an -ing form ("guarding", "carrying"), which after a
// noun starts a clause about it rather than continuing the phrase.
func isGerund(w string) bool {
	return len(w) > 5 && strings.HasSuffix(w, "ing")
}

// title reports a short title of [people] that is written with a full
// stop: "dr.", "msgr.", "col.".
func (lx *argumentLexicon) title(w string) bool {
	return len(w) <= 4 && len(lx.people[w]) > 0
}

// blastReach is how many words after a blast verb its place preposition
// may come: "planted a powerful bomb at the office".
const blastReach = 5

// blastPlace finds the place preposition after a blast verb, across the
// device it placed ("planted a bomb at"), within the clause: its word
// index and length, or 0.
func (lx *argumentLexicon) blastPlace(ws []argWord, after int) (int, int) {
	for j := after; j < len(ws) && j <= after+blastReach; j++ {
		if ws[j].punct {
			break
		}
		if p := lx.blastPreps.match(ws, j); p > 0 {
			return j, p
		}
	}
	return 0, 0
}

// actClause is the clause of a sentence (from its start or a semicolon) an act
// stands in, with its subject read once: every act joined by a
// coordinator shares it, so the sentence is still read in linear time.
type actClause struct {
	start int // first word
	read  int // -1 until subject has read the clause's subject; then 0 (none) or 1
	np    phrase
}

// subject reads the noun phrase that opens the clause, when no passive
// auxiliary follows it ("the mayor was kidnapped and killed" names the
// mayor as no agent).
func (c *actClause) subject(lx *argumentLexicon, s string, ws []argWord) (phrase, bool) {
	if c.read < 0 {
		c.read = 0
		np, ok := lx.nounPhrase(s, ws, c.start)
		if ok {
			np = lx.headCut(s, ws, np, "individuals")
		}
		// Only an attacker noun of [individuals] ("armed men",
		// "guerrillas") carries over: a title or an office that opens
		// the sentence ("the defense minister said ...") is mostly the
		// speaker of a clause the act is told in (muc4 train: 6 wrong
		// of 6 such).
		if ok && np.kind == "individuals" && !passiveAfter(ws, np.last+1) {
			c.np, c.read = np, 1
		}
	}
	return c.np, c.read == 1
}

// passiveReach is how many words after a subject its passive auxiliary
// may stand: "the mayor, 42, was", "the men had been".
const passiveReach = 4

// passiveAfter reports a passive auxiliary within passiveReach words after
// word k, in the same clause.
func passiveAfter(ws []argWord, k int) bool {
	for j := k; j < len(ws) && j < k+passiveReach; j++ {
		switch ws[j].lower {
		case "was", "were", "been", "being", "is", "are":
			return true
		case ";", ".":
			return false
		}
	}
	return false
}

// coordinated reports an act at word v joined to the one before it by a
// word of [coordinators], across words of [skip_before] that are no
// passive auxiliary ("and then killed", not "and was killed").
func (lx *argumentLexicon) coordinated(ws []argWord, v int) bool {
	j := v - 1
	for j >= 0 {
		if n := lx.coordinators.endsAt(ws, j); n > 0 {
			return true
		}
		n := lx.skipBefore.endsAt(ws, j)
		if n == 0 {
			return false
		}
		for k := j - n + 1; k <= j; k++ {
			switch ws[k].lower {
			case "was", "were", "been", "is", "are", "be", "being":
				return false
			}
		}
		j -= n
	}
	return false
}

// agentNoun reads a noun of [agent_nouns] at word i: the person it is of
// is a victim, "the murderers of ana ruiz", "the judge's assassins". The
// noun itself is no perpetrator here: most such phrases speak of the
// killers of an old crime, or in the voice of a mourner (muc4 train:
// 13 right, 65 wrong).
func (lx *argumentLexicon) agentNoun(s string, ws []argWord, i int, a *Arguments) {
	if of := i + 1; of+1 < len(ws) && ws[of].lower == "of" {
		np, ok := lx.nounPhrase(s, ws, of+1)
		if ok {
			// "the murderers of the priests fired ...", "the attackers
			// of the bank fled"
			np = lx.headCut(s, ws, lx.headCut(s, ws, np, "facility"), "people")
			if np.kind == "" {
				np = lx.nameCut(s, ws, np)
			}
		}
		if ok && np.kind == "facility" {
			// "the attackers of the embassy"
			a.Targets = addParticipant(a.Targets, Participant{Name: np.text, Kind: "facility"})
		}
		if ok && (np.kind == "people" || np.kind == "" && lx.nameLike(np.name) && !lx.retellHeads[np.head]) {
			a.Victims = addParticipant(a.Victims, lx.victim(np))
		}
	}
	lx.possessorVictim(s, ws, i, a)
}

// possessorVictim reads the possessor before word i ("the judge's
// assassins") as a victim, when it is people or a name.
func (lx *argumentLexicon) possessorVictim(s string, ws []argWord, i int, a *Arguments) {
	if p := i - 1; p >= 0 && strings.HasSuffix(ws[p].lower, "'s") {
		// "the judge's assassins": the possessor, without its "'s".
		start := p
		for k := p - 1; k >= 0 && k > p-4; k-- {
			if ws[k].punct || ws[k].quote || lx.stop[ws[k].lower] || lx.determiners.match(ws, k) > 0 {
				break
			}
			start = k
		}
		np := lx.classify(s, ws, start, p)
		np.text = strings.TrimSuffix(strings.TrimSuffix(np.text, "'s"), "'S")
		np.name = strings.TrimSuffix(strings.TrimSuffix(np.name, "'s"), "'S")
		if head := strings.TrimSuffix(ws[p].lower, "'s"); np.kind == "" && lx.people.has(head) {
			np.kind = "people" // "the president's murder": a description, not a name
		}
		if np.kind == "people" || np.kind == "" && lx.nameLike(np.name) {
			a.Victims = addParticipant(a.Victims, lx.victim(np))
		}
	}
}

// splitAct reads an act of [split_acts] at word i, whose object stands
// inside it ("set the bus on fire"): the object and the last word of the
// act.
func (lx *argumentLexicon) splitAct(s string, ws []argWord, i int) (phrase, int, bool) {
	for _, ph := range lx.splitActs[ws[i].lower] {
		g := 0
		for g < len(ph) && ph[g] != "..." {
			g++
		}
		if g == len(ph) || i+g >= len(ws) {
			continue
		}
		ok := true
		for k := 1; k < g; k++ {
			if ws[i+k].lower != ph[k] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		np, found := lx.nounPhrase(s, ws, i+g)
		if !found {
			continue
		}
		rest := ph[g+1:]
		// The rest may follow the phrase ("set the bus on fire") or close
		// it, when no stop word ends the phrase first ("set the bus ablaze").
		for _, at := range []int{np.last + 1, np.last - len(rest) + 1} {
			if at <= np.first && at != np.last+1 || at+len(rest) > len(ws) {
				continue
			}
			match := true
			for k, w := range rest {
				if ws[at+k].lower != w {
					match = false
					break
				}
			}
			if match {
				if at <= np.last {
					np = lx.classify(s, ws, np.first, at-1)
				}
				return np, at + len(rest) - 1, true
			}
		}
	}
	return phrase{}, 0, false
}

// headCut ends a noun phrase at its first noun of the class kind
// ("individuals", "facility") that the next word does not continue:
// nounPhrase reads up to a stop word, and a verb no stop word lists runs
// on ("armed men entered the farm", "the power grid left the town
// dark"). The next word must read as a verb: a past form ("-ed") or one
// of [run_on_verbs]; a name after the noun is part of the phrase
// ("newspaper el espectador"), as it does after a title ("governor ana
// ruiz"). At most seven words.
func (lx *argumentLexicon) headCut(s string, ws []argWord, np phrase, kind string) phrase {
	for k := np.first; k < np.last; k++ {
		if ws[k+1].lower == "of" {
			return np // "members of the front": the name runs on
		}
		next := ws[k+1].lower
		if !lx.runOn[next] && !(len(next) > 3 && strings.HasSuffix(next, "ed")) {
			continue // "newspaper el espectador": a name runs on
		}
		if cut := lx.classify(s, ws, np.first, k); cut.kind == kind && lx.classify(s, ws, np.first, k+1).kind == "" {
			// A class noun the next word does not continue ("town
			// hall" goes on; "system left" does not).
			return cut
		}
	}
	return np
}

// nameCut ends a phrase with no class noun before its first word that
// reads as a verb: "ana ruiz demanded a ransom" is the name "ana ruiz". A
// past form must be longer than five letters, as in isPastForm: names end
// in "-ed" too ("reed", "ahmed").
func (lx *argumentLexicon) nameCut(s string, ws []argWord, np phrase) phrase {
	for k := np.first + 1; k <= np.last; k++ {
		if w := ws[k].lower; lx.runOn[w] || isPastForm(w) {
			return lx.classify(s, ws, np.first, k-1)
		}
	}
	return np
}

// accused reads the object of an accusing verb ending before word i as a
// perpetrator when "of" or "for" and an act follow it: "the army accused
// the rebels of kidnapping thirty peasants", "blamed the front for the
// attack". The act is an attack, harm or blast verb or an event noun of
// [retell_heads]; "accused the rebels of lying" names no perpetrator.
func (lx *argumentLexicon) accused(s string, ws []argWord, i int, a *Arguments) {
	np, ok := lx.nounPhrase(s, ws, i)
	if !ok {
		return
	}
	of := np.last + 1
	if of+1 >= len(ws) || ws[of].lower != "of" && ws[of].lower != "for" {
		return
	}
	act := of + 1
	if lx.determiners.match(ws, act) > 0 && act+1 < len(ws) {
		act++ // "for the attack"
	}
	if lx.retellHeads[ws[act].lower] || lx.attackVerbs.match(ws, act) > 0 || lx.harmVerbs.match(ws, act) > 0 || lx.blastVerbs.match(ws, act) > 0 {
		lx.addSubjectAgent(a, np)
	}
}
