package extract

import (
	"fmt"
	"sort"
	"strings"

	"sitrep/internal/nlp"
)

// lone is one person hit whom a sentence describes afresh, with an
// indefinite article and no count: "A 19-year-old man was shot in the
// leg", "An 18-year-old woman was grazed". News tells the victims of one
// incident so, one to a sentence; each sentence's count is one, but the
// people are different, and the event's toll is their sum.
type lone struct {
	sent    int      // the sentence's index in the article
	words   []string // the description less its article, ages as bare numbers
	ordinal bool     // "a second man": told as another than those before
	age     string   // "19", "22-month-old", or "" when untold
	sex     string   // "male", "female", or "" when the noun does not tell
	dead    bool
	wounded bool // told hurt and alive; neither dead nor wounded: hit, fate untold
}

// lonePersons reads the people a sentence (or clause) s counts one by
// one and describes afresh. A named person is left out: a name and a
// description ("a 24-year-old man") may be the same person.
func lonePersons(text string, s nlp.Span, sent int, cs []Casualty) []lone {
	lx := casualties()
	var out []lone
	for _, c := range cs {
		if c.Count.Min != 1 || c.Count.Max != nil && *c.Count.Max != 1 || c.Named || c.Beyond || c.Start < s.Start {
			continue
		}
		phrase := c.Text
		if c.Noun == "" {
			// "A 19-year-old man was shot": the cue's subject opens the
			// clause.
			phrase = text[s.Start:c.Start]
		}
		words := strings.Fields(strings.ToLower(strings.NewReplacer(",", " ", "(", " ", ")", " ").Replace(phrase)))
		// "Police said a man was shot": the description may follow a
		// clause opener.
		for k := 1; k+1 < len(words); k++ {
			if lx.loneDeterminers[words[k]] && lx.clauseOpeners[words[k-1]] {
				words = words[k:]
				break
			}
		}
		if len(words) < 2 || len(words) > 6 || !lx.loneDeterminers[words[0]] {
			continue
		}
		l := lone{sent: sent, dead: !c.Wounded && !c.Shot, wounded: c.Wounded}
		ok := true
		for _, w := range words[1:] {
			switch {
			case lx.loneGeneric[w] || lx.auxiliaries[w] || lx.loneDeterminers[w] || lx.clauseOpeners[w]:
				// "a victim" may be anyone; "a car drove by and a man
				// was shot" describes no one person.
				ok = false
			case lx.more[w]:
				l.ordinal = true
			case lx.loneMale[w]:
				l.sex = "male"
			case lx.loneFemale[w]:
				l.sex = "female"
			case l.age == "" && strings.ContainsAny(w, "0123456789"):
				l.age = strings.TrimSuffix(w, "-year-old")
			}
			l.words = append(l.words, strings.TrimSuffix(w, "-year-old"))
		}
		if ok {
			out = append(out, l)
		}
	}
	return out
}

// loneGap is how many sentences apart two lone victims may be told and
// still be counted together: the victims of one incident are told in a
// run, one after the other; a description paragraphs on may retell one.
const loneGap = 2

// sameLone reports whether two descriptions may be one person. Only
// what tells people apart for sure makes two: ages that differ, sexes
// that differ ("a man", "a woman"), or one told as another ("a second
// man"). "A child" and "a 4-year-old girl", or "a man" and "a 3-year-old
// boy" (who may be the same, or one the shooter), are one.
func sameLone(a, b lone) bool {
	if a.ordinal || b.ordinal {
		return false
	}
	if a.age != "" && b.age != "" && a.age != b.age {
		return false
	}
	return a.sex == "" || b.sex == "" || a.sex == b.sex
}

// countLone gives the most different people any run of lone victims
// tells, told no more than loneGap sentences apart, and how many of
// them are told dead and how many hurt and alive.
func countLone(ls []lone) (n, dead, wounded int, who []string) {
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].sent < ls[j].sent })
	var run []lone
	flush := func() {
		if len(run) > n {
			n, dead, wounded, who = len(run), 0, 0, nil
			for _, p := range run {
				who = append(who, strings.Join(p.words, " "))
				if p.dead {
					dead++
				} else if p.wounded {
					wounded++
				}
			}
		}
		run = run[:0]
	}
	for k, l := range ls {
		if k > 0 && l.sent-ls[k-1].sent > loneGap {
			flush()
		}
		same := false
		for r := range run {
			if sameLone(run[r], l) {
				run[r].dead = run[r].dead || l.dead
				run[r].wounded = (run[r].wounded || l.wounded) && !run[r].dead
				same = true
				break
			}
		}
		if !same {
			run = append(run, l)
		}
	}
	flush()
	return n, dead, wounded, who
}

// loneWounded sets an event's wounded from its lone victims when two or
// more different people are told one to a sentence: those not dead are
// the wounded ("A man was shot and killed. A woman was shot in the arm."
// = one dead, one wounded). The dead are never changed, so no death is
// counted twice; a summary count ("Two people were shot") told with the
// same people one by one stands, as the larger.
func loneWounded(ev *Event, ls []lone, why []Reason) []Reason {
	n, dead, hurt, who := countLone(ls)
	if n < 2 {
		return why
	}
	w := max(n-max(killedMin(*ev), dead), hurt)
	if w <= 0 || ev.Wounded != nil && ev.Wounded.Min >= w {
		return why
	}
	ev.Wounded = &Count{Min: w, Max: &w}
	return append(why, Reason{Field: "wounded", Value: ev.Wounded.String(),
		Rule: fmt.Sprintf("%d different people described one to a sentence (%d dead), the others wounded: %q", n, dead, who)})
}
