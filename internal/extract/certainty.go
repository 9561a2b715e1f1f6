package extract

import (
	"strings"
)

// Certainty says how sure a sentence is that what it tells happened —
// "reported" unless it hedges (claimed, alleged, suspected, denied,
// hypothetical; the codebook's precedence picks one when several occur) —
// and lists the statements of responsibility it makes: who claims an
// attack, who blames whom, who denies. Parties are surface names as the
// sentence writes them ("Islamic State group", "Boko Haram"), resolved to
// actors later.
func Certainty(sentence string) (certainty string, claims []Claim) {
	a := book().analyse(sentence)
	return a.certainty()
}

func (a *analysis) certainty() (string, []Claim) {
	c := a.c
	found := make([]bool, len(c.levels))
	var cues []match
	for _, m := range a.all {
		r := c.refs[m.ref]
		if (r.kind != kLevel && r.kind != kClaim) || a.negated(m) {
			continue
		}
		if r.kind == kLevel {
			if !c.scoped[r.label] || a.governsTrigger(m) {
				found[r.label] = true
			}
			continue
		}
		cues = append(cues, m)
	}
	// A participle after a comma ("denied it, blaming the army") has the
	// subject of the clause before it.
	lastBy := ""
	// The longest cue of a claim wins where cues overlap ("claimed
	// responsibility" over "claimed").
	var claims []Claim
	seen := make(map[Claim]bool)
	for _, m := range cues {
		inner := false
		for _, o := range near(cues, m, c.m.maxLen) {
			if o != m && o.from <= m.from && m.to <= o.to && (o.to-o.from > m.to-m.from || o.ref < m.ref && o.from == m.from && o.to == m.to) {
				inner = true
				break
			}
		}
		if inner {
			continue
		}
		for _, cl := range a.claim(m) {
			if cl.By == "" && lastBy != "" && m.from > 0 && a.toks[m.from].brk && strings.HasSuffix(a.toks[m.from].low, "ing") {
				cl.By = lastBy
			}
			if cl.By != "" {
				lastBy = cl.By
			}
			if !seen[cl] {
				seen[cl] = true
				claims = append(claims, cl)
			}
		}
	}
	level := Reported
	for _, i := range c.precedence {
		if found[i] {
			level = c.levels[i]
			break
		}
	}
	if level == Reported {
		for _, cl := range claims {
			if cl.Kind == "claims_responsibility" {
				level = Claimed
			}
		}
	}
	return level, claims
}

// governsTrigger reports whether an event trigger starts within the
// codebook's scope window after the cue m, with no punctuation between:
// the cue then bears on the event ("would retaliate", "will be bombed").
func (a *analysis) governsTrigger(m match) bool {
	for _, t := range a.triggers {
		if t.from < m.to || t.from-m.to > a.c.scopeWindow {
			continue
		}
		clause := true
		for j := m.to; j <= t.from && j < len(a.toks); j++ {
			if a.toks[j].brk {
				clause = false
				break
			}
		}
		if clause {
			return true
		}
	}
	return false
}

// generic reports whether the sentence tells no occurrence at all: a
// generic or habitual cue ("usually", "continue to") bears on its event
// trigger, as in "the militia usually attacks convoys at night". Such a
// sentence names a kind of event, not one that happened, so it makes no
// event (where an irrealis one is kept as hypothetical: it is about one
// possible incident). Rank ignores this: typing a snippet is another task.
//
// A cue right before a verb of the incident's aftermath (codebook
// generic_aftermath: "police continue to investigate the shooting") bears
// on that verb: the trigger after it is what is investigated, and it
// happened.
func (a *analysis) generic() bool {
	for _, m := range a.all {
		if a.c.refs[m.ref].kind == kGeneric && !a.negated(m) && a.governsTrigger(m) && !a.aftermathAt(m.to) {
			return true
		}
	}
	return false
}

// aftermathAt reports whether a verb of an incident's aftermath starts at
// token i.
func (a *analysis) aftermathAt(i int) bool {
	for _, o := range a.all {
		if o.from == i && a.c.refs[o.ref].kind == kAftermath {
			return true
		}
	}
	return false
}

// relative pronouns that open a clause about the noun before the comma.
var relative = map[string]bool{"which": true, "who": true}

// passiveAux are the forms of "be" that make "was blamed", "were accused"
// passive: the subject is then the blamed party, not the claimant.
var passiveAux = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

// claim reads the parties of one claim cue off the sentence.
func (a *analysis) claim(m match) []Claim {
	c := a.c
	cr := c.claims[c.refs[m.ref].label]
	toks := a.toks
	// Walk back over auxiliaries and adverbs ("has also claimed").
	j := m.from - 1
	passive := false
	for j >= 0 && c.skipBefore[toks[j].low] && !toks[j+1].brk {
		if passiveAux[toks[j].low] {
			passive = true
		}
		j--
	}
	passive = passive && strings.HasSuffix(toks[m.from].low, "ed")
	if j >= 0 && c.determiner[toks[j].low] && !toks[j+1].brk {
		// "to shift the blame", "a blame game": the cue is a noun here,
		// and the words before it do not say who blames (the phrases
		// that do, "laid the blame", are cues of their own).
		return nil
	}
	appositive := false
	if j >= 0 && toks[j+1].brk {
		// "The Free Coast Front, a separatist group that ..., claimed": the
		// subject is the name before the appositive's opening comma.
		q := j
		for q > 0 && !toks[q].brk {
			q--
		}
		if q > 0 && m.from-q < 25 {
			j, appositive = q-1, true
		} else {
			j = -1
		}
	}
	var subject string
	switch {
	case appositive:
		subject = a.npBefore(j)
	case j >= 1 && relative[toks[j].low] && toks[j].brk:
		// "Kestria, which denies arming the rebels": the antecedent.
		subject = a.npBefore(j - 1)
	case j >= 0:
		subject = a.npBefore(j)
	}
	cl := Claim{Kind: cr.kind}
	var against []string
	if cr.againstAfter {
		start := m.to
		for k := m.to; k < len(toks) && k < m.to+12; k++ {
			if k > m.to && toks[k].brk {
				break
			}
			if toks[k].low == "for" || toks[k].low == "of" {
				break // "blamed X for an attack on a base": X, not the base
			}
			if cr.againstWords[toks[k].low] {
				start = k + 1
				break
			}
		}
		if start < len(toks) && (start == m.to || !toks[start].brk) {
			against = a.npAfter(start)
		}
		if len(against) == 0 && m.to-m.from > 2 { // "held Iran responsible"
			if s := a.phrase(m.from+1, m.to-1); s != "" {
				against = []string{s}
			}
		}
	}
	if passive {
		// "The attack was blamed on X": the subject is the thing blamed;
		// "X was accused of": X is the accused.
		if cr.kind == "blames" && len(against) == 0 && subject != "" {
			against = []string{subject}
		}
		subject = ""
		if by := a.byAgent(m.to); by != "" {
			subject = by
		}
	}
	cl.By = subject
	if len(against) == 0 {
		if cl.By == "" && cr.kind != "claims_responsibility" {
			return nil
		}
		return []Claim{cl}
	}
	out := make([]Claim, 0, len(against))
	for _, g := range against {
		x := cl
		x.Against = g
		out = append(out, x)
	}
	return out
}

// npBefore reads the noun phrase ending at token j, backwards until a stop
// word or punctuation, at most eight words.
func (a *analysis) npBefore(j int) string {
	toks := a.toks
	i := j
	for i >= 0 && j-i < 8 && !a.c.npStop[toks[i].low] {
		if i < j && toks[i+1].brk {
			break
		}
		i--
	}
	return a.phrase(i+1, j+1)
}

// npAfter reads the noun phrase(s) starting at token i, forwards until a
// stop word or punctuation; "and" between two capitalised names joins
// them ("the United States and Israel" is two parties).
func (a *analysis) npAfter(i int) []string {
	toks := a.toks
	var out []string
	start := i
	k := i
	for ; k < len(toks) && k-i < 10; k++ {
		if k > start && toks[k].brk {
			break
		}
		if toks[k].low == "and" && k > start && k+1 < len(toks) && toks[k+1].cap && !toks[k+1].brk {
			if s := a.phrase(start, k); s != "" {
				out = append(out, s)
			}
			start = k + 1
			continue
		}
		if a.c.npStop[toks[k].low] {
			break
		}
	}
	if s := a.phrase(start, k); s != "" {
		out = append(out, s)
	}
	return out
}

// byAgent finds "by X" in the words right after a passive cue.
func (a *analysis) byAgent(from int) string {
	for k := from; k < len(a.toks) && k < from+6; k++ {
		if k > from && a.toks[k].brk {
			return ""
		}
		if a.toks[k].low == "by" {
			if p := a.npAfter(k + 1); len(p) > 0 {
				return p[0]
			}
			return ""
		}
	}
	return ""
}

// phrase returns the text of tokens [i, j) without leading determiners.
func (a *analysis) phrase(i, j int) string {
	for i < j && a.c.determiner[a.toks[i].low] {
		i++
	}
	if i >= j {
		return ""
	}
	return a.text[a.toks[i].start:a.toks[j-1].end]
}
