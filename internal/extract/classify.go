package extract

import (
	"sort"
)

// Trigger is a word or phrase that marks an event of some sub-type (or a
// non-political-violence category) in a sentence. Start and End are byte
// offsets into the text given to Triggers; Score is the phrase's weight in
// the codebook (3 strong, 1.5 ordinary, 0.5 weak).
type Trigger struct {
	Start, End int
	Text       string
	Type       string // ACLED event type; "" for a category
	Subtype    string // ACLED sub-event type, or a category such as "natural_disaster"
	AttackType string // GTD attack type, when one applies
	Score      float64
}

// Category labels Classify may return for sentences that are not political
// violence; the codebook's categories section defines them.
const (
	NaturalDisaster = "natural_disaster"
	ManMadeDisaster = "man_made_disaster"
	OrganizedCrime  = "organized_crime"
	Diplomatic      = "diplomatic"
	Attribution     = "attribution"
)

// analysis is one sentence matched against the codebook, with the matches
// that survive word senses, negation and containment.
type analysis struct {
	c        *compiled
	text     string
	toks     []token
	live     []match // triggers, senses and cues still standing
	all      []match
	negEnd   []bool  // a negation cue ends before token i
	triggers []match // the live triggers and senses that name a label
	// ruled holds, per label, the token span [from, to) of the cues
	// that made its strongest precedence rule hold (rank fills it): the
	// words that tell the act when no single trigger names the label.
	ruled map[int][2]int
}

func (c *compiled) analyse(text string) *analysis {
	a := &analysis{c: c, text: text, toks: tokenize(text)}
	a.all = c.m.find(a.toks)
	a.negEnd = make([]bool, len(a.toks)+1)
	var senses, names []match
	for _, m := range a.all {
		switch c.refs[m.ref].kind {
		case kNeg:
			a.negEnd[m.to] = true
		case kSense:
			senses = append(senses, m)
		case kName:
			names = append(names, m)
		}
	}
	for _, m := range a.all {
		r := c.refs[m.ref]
		if r.kind != kTrigger && r.kind != kSense && r.kind != kCue {
			continue
		}
		if r.kind != kSense && overlapsAny(m, near(senses, m, c.m.maxLen)) {
			continue // "heart attack", "fired the coach": another sense of the word
		}
		if (r.kind == kTrigger || r.kind == kCue && !c.nameKeep[r.label]) && insideAny(m, near(names, m, c.m.maxLen)) {
			continue // "Liberation" in "Popular Front for the Liberation of Palestine": a name
		}
		if a.negated(m) {
			continue
		}
		a.live = append(a.live, m)
	}
	a.live = a.dropRivals(a.live)
	// A trigger inside a longer trigger is the longer one's word: "car bomb"
	// in "suicide car bomb", "attack" in "suicide attack".
	for _, m := range a.live {
		r := c.refs[m.ref]
		if r.kind == kCue || c.labels[r.label].kind == lNone {
			continue
		}
		contained := false
		for _, o := range near(a.live, m, c.m.maxLen) {
			ro := c.refs[o.ref]
			if o == m || ro.kind == kCue || c.labels[ro.label].kind == lNone {
				continue
			}
			if o.from <= m.from && m.to <= o.to && (o.to-o.from > m.to-m.from || (o.to-o.from == m.to-m.from && ro.label == r.label && (ro.weight > r.weight || (ro.weight == r.weight && o.ref < m.ref)))) {
				contained = true
				break
			}
		}
		if !contained {
			a.triggers = append(a.triggers, m)
		}
	}
	return a
}

// dropRivals removes a match inside a longer match of a rival label of the
// same exclusive group: "fighters" as a non-state actor inside "allied
// fighters", a government side.
func (a *analysis) dropRivals(ms []match) []match {
	c := a.c
	if len(c.exclusive) == 0 {
		return ms
	}
	out := ms[:0:0]
	for _, m := range ms {
		lm := c.refs[m.ref].label
		g := c.exclusive[lm]
		drop := false
		for _, o := range near(ms, m, c.m.maxLen) {
			lo := c.refs[o.ref].label
			if g != 0 && lo != lm && c.exclusive[lo] == g && o.from <= m.from && m.to <= o.to && o.to-o.from > m.to-m.from {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, m)
		}
	}
	return out
}

func insideAny(m match, ms []match) bool {
	for _, o := range ms {
		if o.from <= m.from && m.to <= o.to {
			return true
		}
	}
	return false
}

func overlapsAny(m match, ms []match) bool {
	for _, o := range ms {
		if o.from < m.to && m.from < o.to {
			return true
		}
	}
	return false
}

// negated reports whether a negation cue ends within the window before m
// with no punctuation in between: "no one was killed", "denied attacking".
func (a *analysis) negated(m match) bool {
	// negEnd[j]: a cue's last word is j-1; toks[j].brk: punctuation before j.
	for j := m.from; j >= 1 && j >= m.from-a.c.negWindow; j-- {
		if a.toks[j].brk {
			return false
		}
		if a.negEnd[j] {
			return true
		}
	}
	return false
}

// Cues sentenceTrigger weighs against the non-violent categories
// (codebook/events.yaml, cues).
const (
	cueGunfireHarm = "gunfire_harm"   // someone was hit by gunfire
	cueAccident    = "accident"       // by accident
	cueClaim       = "responsibility" // a group owns an act
	cueBlameAct    = "blame_act"      // someone is blamed for an act
	cueCondemn     = "condemnation"   // someone condemns an act
)

// hasCue reports whether the named cue occurs in the sentence (not
// negated, not inside another sense of its words). A name the codebook
// does not define never occurs.
func (a *analysis) hasCue(name string) bool {
	i, ok := a.c.byName[name]
	if !ok {
		return false
	}
	for _, m := range a.live {
		if r := a.c.refs[m.ref]; r.kind == kCue && r.label == i {
			return true
		}
	}
	return false
}

func (a *analysis) span(m match) (int, int) {
	return a.toks[m.from].start, a.toks[m.to-1].end
}

// Triggers finds the event triggers in one sentence or snippet, in text
// order: phrases of the codebook's sub-types and categories that are not
// negated, not part of a non-violent sense of the word, and not inside a
// longer trigger. The text is tokenized once and every phrase is found in
// one walk of a word trie, so the cost is linear in the text's length.
func Triggers(text string) []Trigger {
	return book().analyse(text).export()
}

func (a *analysis) export() []Trigger {
	c := a.c
	out := make([]Trigger, 0, len(a.triggers))
	type key struct{ from, to, label int }
	seen := make(map[key]int)
	for _, m := range a.triggers {
		r := c.refs[m.ref]
		li := c.labels[r.label]
		if li.kind != lSubtype && li.kind != lCategory {
			continue
		}
		k := key{m.from, m.to, r.label}
		if i, ok := seen[k]; ok {
			out[i].Score = max(out[i].Score, r.weight)
			continue
		}
		s, e := a.span(m)
		seen[k] = len(out)
		out = append(out, Trigger{Start: s, End: e, Text: a.text[s:e], Type: li.typ, Subtype: li.name, AttackType: li.attack, Score: r.weight})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End > out[j].End
	})
	return out
}

// repeatWeight is what each trigger after a label's strongest adds, as a
// share of its weight.
const repeatWeight = 0.3

// LabelScore is one candidate label of a sentence and its codebook score.
type LabelScore struct {
	Label string
	Score float64
}

// Rank scores every sub-type and category that the sentence gives evidence
// for, best first (ties go to the label with the higher codebook priority,
// which follows ACLED's precedence: a suicide bombing before an explosion,
// excessive force before a protest). Callers that must choose among a
// subset of labels, such as an evaluation restricted to ACLED's 25 types,
// take the first allowed entry.
func Rank(text string) []LabelScore {
	a := book().analyse(text)
	return a.rank()
}

func (a *analysis) rank() []LabelScore {
	c := a.c
	n := len(c.labels)
	buf := make([]float64, 3*n) // one allocation for the three
	scores, sums, tops := buf[:n:n], buf[n:2*n:2*n], buf[2*n:]
	// Evidence per label: the set of token starts where it (or a cue) occurs.
	pos := make([][]int, len(c.labels))
	// ends: where the match of a label starting at a token ends.
	type at struct{ label, from int }
	ends := make(map[at]int)
	note := func(label int, m match) {
		pos[label] = append(pos[label], m.from)
		ends[at{label, m.from}] = max(ends[at{label, m.from}], m.to)
	}
	// Labels count where their triggers survived containment ("seized"
	// inside "seized the town" is not evidence of a weapons seizure); cues
	// count wherever they occur.
	for _, m := range a.live {
		if r := c.refs[m.ref]; r.kind == kCue {
			note(r.label, m)
		}
	}
	for _, m := range a.triggers {
		note(c.refs[m.ref].label, m)
	}
	type key struct{ from, to, label int }
	seen := make(map[key]bool)
	for _, m := range a.triggers {
		r := c.refs[m.ref]
		k := key{m.from, m.to, r.label}
		if seen[k] {
			continue
		}
		seen[k] = true
		sums[r.label] += r.weight
		tops[r.label] = max(tops[r.label], r.weight)
	}
	// The strongest phrase counts in full, repeats a little: a snippet
	// that says "protesters" five times is no more a peaceful protest than
	// one that says it once, but two kinds of evidence beat one.
	for i := range scores {
		scores[i] = tops[i] + repeatWeight*(sums[i]-tops[i])
	}
	suppressed := make([]bool, len(c.labels))
	a.ruled = nil
	strongest := make(map[int]float64)
	for _, r := range c.rules {
		ok, at0 := a.holds(r, pos)
		if !ok {
			continue
		}
		for l, w := range r.add {
			scores[l] += w
			if w > strongest[l] && len(at0) > 0 {
				// The span from the first cue's start to the end of
				// the last cue's match.
				lo, hi := at0[0], at0[0]
				for k, p := range at0 {
					lo = min(lo, p)
					hi = max(hi, ends[at{r.when[k], p}])
				}
				if a.ruled == nil {
					a.ruled = make(map[int][2]int)
				}
				strongest[l] = w
				a.ruled[l] = [2]int{lo, hi}
			}
		}
		for _, l := range r.suppress {
			suppressed[l] = true
		}
	}
	var out []LabelScore
	for i, s := range scores {
		k := c.labels[i].kind
		if s <= 0 || suppressed[i] || (k != lSubtype && k != lCategory) {
			continue
		}
		out = append(out, LabelScore{Label: c.labels[i].name, Score: s})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		pi, pj := c.labels[c.byName[out[i].Label]].priority, c.labels[c.byName[out[j].Label]].priority
		if pi != pj {
			return pi > pj
		}
		return out[i].Label < out[j].Label
	})
	return out
}

// orderedWindow bounds an ordered rule that gives no window, so that a
// rule's search stays linear in the sentence.
const orderedWindow = 40

// holds reports whether a rule's conditions are met: every `when` label
// occurs (in order and within the window if the rule asks), no `unless`.
// It also returns the token where each `when` label was found, in the
// rule's order: the occurrences that met the order and window, or, for a
// rule that asks neither, each label's first.
func (a *analysis) holds(r rule, pos [][]int) (bool, []int) {
	for _, l := range r.unless {
		if len(pos[l]) > 0 {
			return false, nil
		}
	}
	for _, l := range r.when {
		if len(pos[l]) == 0 {
			return false, nil
		}
	}
	at := make([]int, len(r.when))
	if r.within <= 0 && !r.ordered {
		for k, l := range r.when {
			at[k] = pos[l][0]
		}
		return true, at
	}
	if r.within <= 0 {
		r.within = orderedWindow
	}
	// Try each occurrence of the first label as the anchor and extend
	// greedily; the lists are a handful long.
	for _, p0 := range pos[r.when[0]] {
		at[0] = p0
		if a.chain(r, pos, at, 1, p0, p0, p0) {
			return true, at
		}
	}
	return false, nil
}

func (a *analysis) chain(r rule, pos [][]int, at []int, k, last, lo, hi int) bool {
	if k == len(r.when) {
		return r.within <= 0 || hi-lo <= r.within
	}
	ps := pos[r.when[k]]
	from := 0
	if r.ordered {
		from = sort.SearchInts(ps, last)
	} else if r.within > 0 {
		from = sort.SearchInts(ps, hi-r.within)
	}
	for _, p := range ps[from:] {
		if r.within > 0 && p > lo+r.within {
			break
		}
		if k == 1 && len(r.notBetween) > 0 && a.between(r.notBetween, pos, last, p) {
			continue
		}
		nlo, nhi := min(lo, p), max(hi, p)
		if r.within > 0 && nhi-nlo > r.within {
			continue
		}
		at[k] = p
		if a.chain(r, pos, at, k+1, p, nlo, nhi) {
			return true
		}
	}
	return false
}

// between reports whether any of labels occurs strictly between token
// positions lo and hi.
func (a *analysis) between(labels []int, pos [][]int, lo, hi int) bool {
	for _, l := range labels {
		ps := pos[l]
		if i := sort.SearchInts(ps, lo+1); i < len(ps) && ps[i] < hi {
			return true
		}
	}
	return false
}

// Classify picks the label a careful ACLED coder would give the snippet as
// a whole: one of ACLED's sub-event types, a non-political-violence
// category (natural_disaster, man_made_disaster, organized_crime,
// diplomatic, attribution), or "" when the codebook finds nothing. Score is
// a confidence in [0, 1) from the margin between the best and the runner-up;
// alternatives are the triggers found, strongest first.
func Classify(text string) (subtype string, score float64, alternatives []Trigger) {
	a := book().analyse(text)
	ranked := a.rank()
	alternatives = a.export()
	sort.SliceStable(alternatives, func(i, j int) bool { return alternatives[i].Score > alternatives[j].Score })
	if len(ranked) == 0 {
		return "", 0, alternatives
	}
	second := 0.0
	if len(ranked) > 1 {
		second = ranked[1].Score
	}
	best := ranked[0].Score
	return ranked[0].Label, best / (best + second + 1), alternatives
}
