package extract

import "strings"

// Mention is a noun phrase of a sentence whose head is a class noun of
// rules/arguments.txt (an attacker, a person, a facility, a weapon) or an
// armed group the actor catalog knows. Mentions are read with no verb to
// say what part the phrase played: they are the candidates a scorer (the
// MUC-4 adapter's slot filler) chooses among, not arguments.
type Mention struct {
	Text  string // the phrase as written
	Noun  string // its class noun, lower case ("commandos", "power station")
	Class string // "individuals", "people", "organization", "facility", "weapon", "group", "name" (the words after a title) or "person" (a name opened by a given name)
	Head  int    // the phrase's head occurrence: variants of one phrase share it
	// Start and End are byte offsets into the sentence.
	Start, End int
	// Before, Before2 and After are the lower-cased words (or marks)
	// around the phrase, "" at the sentence's edge; Left counts the
	// words the phrase has before its class noun, Of whether it runs on
	// with "of ...".
	Before, Before2, After string
	Left                   int
	Of                     bool
}

// mentionLeft is how many modifier words a mention may take before its
// class noun ("urban guerrilla commandos", "power transmission towers").
const mentionLeft = 3

// mentionNameWords is how long a name after a title may be.
const mentionNameWords = 4

// mentionNameList is how many coordinated names a title may introduce.
const mentionNameList = 4

// Mentions lists the class-noun phrases of a sentence. Each class noun
// gives several variants, from the bare noun to the noun with up to
// mentionLeft words before it and an "of" phrase after it; a scorer picks
// among them. A class noun followed by another ("guerrilla commandos")
// is a modifier, not a head. Linear in the sentence: each word starts a
// bounded number of lookups.
func Mentions(sentence string) []Mention {
	lx := arguments()
	ws := argWords(sentence)
	classes := []struct {
		name string
		set  phrases
	}{{"facility", lx.facilities}, {"organization", lx.organizations}, {"individuals", lx.individuals}, {"people", lx.people}, {"weapon", lx.weapons}}
	classAt := func(i int) (string, int) {
		best, cls := 0, ""
		for _, c := range classes {
			if n := c.set.match(ws, i); n > best {
				best, cls = n, c.name
			}
		}
		return cls, best
	}
	word := func(i int) string {
		if i < 0 || i >= len(ws) {
			return ""
		}
		return ws[i].lower
	}
	nameWord := func(k int) bool {
		w := ws[k]
		if w.punct || w.quote || lx.stop[w.lower] || lx.notNames[w.lower] || isDigit(w.lower[0]) ||
			lx.determiners.match(ws, k) > 0 || lx.harmVerbs.match(ws, k) > 0 || lx.attackVerbs.match(ws, k) > 0 ||
			isAdverb(w.lower) || isGerund(w.lower) || isPastForm(w.lower) {
			return false
		}
		c, _ := classAt(k)
		return c == ""
	}
	// nameEnd is the last word of the name (up to mentionNameWords
	// words) starting at word k, or -1.
	nameEnd := func(k int) int {
		last := -1
		for j := k; j < len(ws) && j < k+mentionNameWords && nameWord(j); j++ {
			last = j
		}
		return last
	}
	var out []Mention
	head, noun := 0, ""
	emit := func(cls string, first, last int, left int, of bool) {
		out = append(out, Mention{Text: sentence[ws[first].start:ws[last].end], Noun: noun, Class: cls, Head: head,
			Start: ws[first].start, End: ws[last].end, Before: word(first - 1), Before2: word(first - 2), After: word(last + 1), Left: left, Of: of})
	}
	for i := 0; i < len(ws); i++ {
		if ws[i].punct || ws[i].quote {
			continue
		}
		cls, n := classAt(i)
		if n == 0 {
			continue
		}
		e := i + n - 1
		if e+1 < len(ws) && !ws[e+1].punct && !ws[e+1].quote {
			if c2, _ := classAt(e + 1); c2 != "" && c2 != "weapon" {
				continue // "guerrilla commandos": the head is further on
			}
		}
		head++
		noun = strings.ToLower(sentence[ws[i].start:ws[e].end])
		starts := []int{i}
		for k := i - 1; k >= 0 && k >= i-3*mentionLeft && len(starts) <= mentionLeft; k-- {
			w := ws[k]
			if w.punct && !abbrevDot(ws, k) || lx.stop[w.lower] || lx.determiners.match(ws, k) > 0 || lx.harmVerbs.match(ws, k) > 0 || lx.attackVerbs.match(ws, k) > 0 {
				break
			}
			if w.quote {
				continue
			}
			if abbrevDot(ws, k) {
				continue // "the u.s. embassy"
			}
			starts = append(starts, k)
		}
		// "members of the salvadoran army", "offices of the labor unions".
		ofEnd := -1
		if e+2 < len(ws) && ws[e+1].lower == "of" {
			j := e + 2
			for j < len(ws) && lx.determiners.match(ws, j) > 0 && !ws[j].punct {
				j++
			}
			for k := j; k < len(ws) && k < j+5; k++ {
				if ws[k].punct || ws[k].quote || lx.stop[ws[k].lower] || lx.harmVerbs.match(ws, k) > 0 ||
					lx.attackVerbs.match(ws, k) > 0 || lx.splitActs.match(ws, k) > 0 || isPastForm(ws[k].lower) {
					break
				}
				if _, n := classAt(k); n > 0 {
					ofEnd = k + n - 1 // "members of the army": up to the class noun
					break
				}
				ofEnd = k
			}
		}
		for x, k := range starts {
			emit(cls, k, e, x, false)
			if ofEnd >= 0 {
				emit(cls, k, ofEnd, x, true)
			}
		}
		if cls == "people" || cls == "individuals" {
			noun = cls
			// "the jesuit priest ignacio ellacuria", "two reporters,
			// roberto navas and luis pineda": the names after a title,
			// each one to four words long, and those coordinated with
			// them.
			k := e + 1
			if k < len(ws) && ws[k].lower == "," {
				k++
			}
			for n := 0; n < mentionNameList && k < len(ws); n++ {
				last := nameEnd(k)
				if last < 0 {
					break
				}
				head++
				for j := k; j <= last; j++ {
					emit("name", k, j, 0, false)
				}
				k = last + 1
				if k < len(ws) && ws[k].lower == "," {
					k++
				}
				if k < len(ws) && ws[k].lower == "and" {
					k++
				}
			}
			// "danilo barillas, a former ambassador": the name before
			// a comma and the title.
			k = i - 1
			for k >= 0 && i-k <= mentionLeft && !ws[k].punct && (lx.determiners.match(ws, k) > 0 || !lx.stop[ws[k].lower]) {
				k--
			}
			if k >= 1 && ws[k].lower == "," {
				first := k
				for first > 0 && k-first < mentionNameWords && nameWord(first-1) {
					first--
				}
				if first < k {
					head++
					for j := first; j < k; j++ {
						emit("name", j, k-1, 0, false)
					}
				}
			}
		}
		i = e
	}
	// "jose antonio perez was shot": a person's name opened by a known
	// given name, two to four words long, in text with or without
	// capitals; the variants share one head. A name already read after
	// a title ("the union leader marta quiroga") keeps its "name" class.
	titled := map[int]bool{}
	for _, m := range out {
		if m.Class == "name" {
			titled[m.Start] = true
		}
	}
	for i := 0; i < len(ws); i++ {
		if !lx.givenNames[ws[i].lower] || titled[ws[i].start] || i > 0 && (lx.givenNames[ws[i-1].lower] || lx.notNameOpeners[ws[i-1].lower]) {
			continue
		}
		last := nameEnd(i)
		if last <= i {
			continue
		}
		head++
		noun = "person"
		for j := i + 1; j <= last; j++ {
			emit("person", i, j, 0, false)
		}
		i = last
	}
	for _, g := range groupsIn(sentence) {
		head++
		noun = strings.ToLower(g.Name)
		emit("group", g.first, g.last, 0, false)
	}
	return out
}

// abbrevDot reports a full stop of an abbreviation of single letters: the
// dots of "u.s.".
func abbrevDot(ws []argWord, k int) bool {
	return ws[k].lower == "." && k > 0 && len(ws[k-1].lower) == 1 && !ws[k-1].punct
}
