package extract

import (
	"strings"
	"sync"

	"sitrep/internal/nlp"
)

// victimCues are the words victimLists' cues can start with (the
// killed_after and wounded_after phrases) and end with (killed_before
// and wounded_before): a word in neither set starts or ends no cue, and
// the cue tables need not be tried there.
var victimCues = sync.OnceValue(func() (v struct{ afterFirst, beforeLast map[string]bool }) {
	lx := casualties()
	v.afterFirst, v.beforeLast = map[string]bool{}, map[string]bool{}
	for _, cues := range [][][]string{lx.killedAfter, lx.woundedAfter} {
		for _, c := range cues {
			if len(c) == 0 {
				return struct{ afterFirst, beforeLast map[string]bool }{} // an empty cue matches anywhere: no index
			}
			v.afterFirst[c[0]] = true
		}
	}
	for _, cues := range [][][]string{lx.killedBefore, lx.woundedBefore} {
		for _, c := range cues {
			if len(c) == 0 {
				return struct{ afterFirst, beforeLast map[string]bool }{}
			}
			v.beforeLast[c[len(c)-1]] = true
		}
	}
	return v
})

// victimLists counts people a sentence lists by name, by a noun for one
// person or by a pronoun, next to a cue of death or injury: "Jane Doe,
// 28, and John Roe, 27, were found dead" (two), "A mother and her son
// were wounded" (two), "The victim died at the hospital" (one), "killing
// his wife and two neighbours" (three), "returned fire, killing him"
// (one). A list holding a number it cannot read as people is not counted.
func (lx *casualtyLexicon) victimLists(text string, toks []nlp.Token, low []string, raw []nlp.Quantity) []Casualty {
	if titleCase(toks) {
		return nil // every word capitalised: names cannot be told apart
	}
	var out []Casualty
	emit := func(first, last, n int, wounded bool) {
		m := n
		out = append(out, Casualty{Wounded: wounded, Count: Count{Min: n, Max: &m},
			Start: toks[first].Start, End: toks[last].End, Text: text[toks[first].Start:toks[last].End]})
	}
	idx := victimCues()
	for j := 1; j < len(low); j++ {
		if idx.afterFirst != nil && !idx.afterFirst[low[j]] {
			continue // no cue starts here
		}
		var wounded bool
		switch {
		case matchAny(low, j, lx.killedAfter):
		case matchAny(low, j, lx.woundedAfter):
			wounded = true
		default:
			continue
		}
		// The subject ends before the cue, across auxiliaries and
		// adverbs ("were later found", "who was", "has since"). A
		// cue that is also an active verb ("Jane Doe shot and killed
		// her husband") needs an auxiliary to be passive.
		k, aux, inf := j-1, lx.intransitive[low[j]], false
		for k >= 0 && lx.between[low[k]] && low[k] != "others" && low[k] != "other" && low[k] != "people" && low[k] != "persons" && low[k] != "them" {
			aux = aux || lx.auxiliaries[low[k]]
			inf = inf || low[k] == "to"
			k--
		}
		if !aux || inf {
			// An infinitive tells no one hurt: "the second teenager
			// to be killed this year" is a tally.
			continue
		}
		if k >= 0 && low[k] == "," && k > 0 && low[k+1] == "who" {
			k-- // "Jane Doe, who died Saturday,"
		}
		if k > 0 && low[k] == "and" && lx.intransitive[low[j]] && lx.oneSubject(low[:k]) {
			// "He was shot in the chest and died": the clause's
			// subject, one person.
			emit(j, j, 1, wounded)
			continue
		}
		if first, n, ok := lx.listBefore(toks, low, raw, k); ok && n > 0 {
			emit(first, k, n, wounded)
		}
	}
	for j := 1; j < len(low); j++ {
		if idx.beforeLast != nil && !idx.beforeLast[low[j-1]] {
			continue // no cue ends before here
		}
		// The longer cue decides: "fatally wounding" kills.
		ks, ws := cueStart(low, j, lx.killedBefore), cueStart(low, j, lx.woundedBefore)
		if ks < 0 && ws < 0 {
			continue
		}
		wounded := ks < 0 || ws >= 0 && ws < ks
		if c := cueStart(low, j, lx.killedBefore, lx.woundedBefore); c > 0 && (lx.unrealisedAt(low, c, j, !wounded) || lx.remembered(low, c)) {
			continue // "threatened to kill him", "the attempted murder of", "commemorating the death of"
		}
		if last, n, ok := lx.listAfter(toks, low, raw, j); ok && n > 0 {
			emit(j, last, n, wounded)
		}
	}
	return out
}

// listItem reads one listed person ending at token k, going backwards:
// a name ("Jane Doe", "25-year-old Jane Doe", "Jane Doe, 28"), a noun
// for one person after a determiner ("the victim", "her 3-year-old son")
// or after "and" ("a mother and son"), or "he"/"she". It returns the
// item's first token and its count, or ok false.
func (lx *casualtyLexicon) itemBefore(toks []nlp.Token, low []string, raw []nlp.Quantity, k int, listed bool) (first, n int, ok bool) {
	if k < 0 {
		return 0, 0, false
	}
	// An age set off by commas after the item: "Jane Doe, 28," or
	// "..., both 16,".
	if k >= 2 && isDigits(low[k]) && low[k-1] == "," {
		k -= 2
	} else if k >= 3 && low[k] == "," && isDigits(low[k-1]) && low[k-2] == "," {
		k -= 3
	} else if k >= 4 && low[k] == "," && isDigits(low[k-1]) && low[k-2] == "both" && low[k-3] == "," {
		k -= 4
	}
	// A name set off by commas after the item: "one of them, Jane Doe,
	// did not survive".
	if k >= 3 && low[k] == "," && !listed {
		b := k - 1
		for b > 0 && b > k-7 && low[b] != "," {
			b--
		}
		if low[b] == "," && b < k-1 && nameWord(toks[k-1].Text) {
			k = b - 1
		}
	}
	// A name in brackets after the item: "The victim (Jane Doe) died".
	if k >= 2 && low[k] == ")" {
		b := k - 1
		for b > 0 && b > k-6 && low[b] != "(" {
			b--
		}
		if low[b] == "(" {
			k = b - 1
		}
	}
	if k < 0 {
		return 0, 0, false
	}
	// A number phrase counting people: "two teenagers".
	for _, q := range raw {
		if q.End == toks[k].End && q.Kind == nlp.Count && q.Person && !q.Capped && q.Bounded() && !lx.stateNoun(q.Noun) {
			f, _ := tokenRange(toks, q.Start, q.End)
			if f >= 0 {
				return f, q.Min, true
			}
		}
	}
	if (low[k] == "he" || low[k] == "she") && !listed {
		return k, 1, true
	}
	if nameWord(toks[k].Text) {
		b := k
		for b > 0 && k-b < 4 && nameWord(toks[b-1].Text) {
			b--
		}
		// Two or more words, or a surname opening a clause ("Doe
		// died at the hospital", "police said Doe died").
		if (k-b >= 1 || !listed && (b == 0 || lx.clauseOpeners[low[b-1]])) && isTitleWord(toks[b].Text) {
			if b > 0 && isAge(low[b-1]) {
				b--
			}
			return b, 1, true
		}
		return 0, 0, false
	}
	if !lx.onePerson(low[k]) {
		return 0, 0, false
	}
	// Up to three modifiers back to a determiner.
	for b := k - 1; b >= 0 && b >= k-4; b-- {
		if lx.objectDets[low[b]] || low[b] == "a" || low[b] == "an" || low[b] == "another" || low[b] == "this" || low[b] == "that" {
			return b, 1, true
		}
		if low[b] == "and" && b == k-1 {
			return k, 1, true // "a mother and son"
		}
		if toks[b].Kind != nlp.Word || isCapitalized(toks[b].Text) && b > 0 || lx.isCue(low, b) || low[b] == "and" || low[b] == "or" {
			break
		}
	}
	return 0, 0, false
}

// listBefore reads a list of people ending at token k: items joined by
// "and" or commas.
func (lx *casualtyLexicon) listBefore(toks []nlp.Token, low []string, raw []nlp.Quantity, k int) (first, n int, ok bool) {
	first, n, ok = lx.itemBefore(toks, low, raw, k, false)
	if !ok {
		return 0, 0, false
	}
	// The join nearest the cue must be "and": "his daughter, Jane Doe"
	// is one person told twice.
	for joins := 0; ; joins++ {
		b := first - 1
		if b >= 1 && low[b] == "and" && low[b-1] == "," {
			b -= 2
		} else if b >= 0 && (low[b] == "and" || low[b] == "," && joins > 0) {
			b--
		} else {
			break
		}
		f, m, ok := lx.itemBefore(toks, low, raw, b, true)
		if !ok || f >= first {
			break
		}
		first, n = f, n+m
	}
	return first, n, true
}

// listAfter reads a list of people starting after the cue that ends
// before token j: "killing his wife and two neighbours", "killing him".
func (lx *casualtyLexicon) listAfter(toks []nlp.Token, low []string, raw []nlp.Quantity, j int) (last, n int, ok bool) {
	i := j
	type item struct{ last, n int }
	var items []item
	comma := false // the join before the latest item
	for i < len(low) {
		e, m, ok := lx.itemAfter(toks, low, raw, i, len(items) > 0)
		if !ok {
			break
		}
		items = append(items, item{e, m})
		i = e + 1
		comma = false
		if i+1 < len(low) && low[i] == "," && low[i+1] == "and" {
			i += 2
		} else if i < len(low) && low[i] == "and" {
			i++
		} else if i < len(low) && low[i] == "," {
			i++
			comma = true
		} else {
			break
		}
	}
	// A list ends with "and": after a bare comma the last item is the
	// one before it told again ("his daughter, Jane Doe, 16").
	if comma && len(items) > 1 || len(items) > 1 && lastJoinComma(low, items[len(items)-2].last) {
		items = items[:len(items)-1]
	}
	for _, it := range items {
		last, n = it.last, n+it.n
	}
	return last, n, n > 0
}

// itemAfter reads one listed person starting at token i, going forwards.
func (lx *casualtyLexicon) itemAfter(toks []nlp.Token, low []string, raw []nlp.Quantity, i int, listed bool) (last, n int, ok bool) {
	for _, q := range raw {
		if q.Start == toks[i].Start && q.Kind == nlp.Count && q.Person && !q.Capped && q.Bounded() && !lx.stateNoun(q.Noun) {
			_, l := tokenRange(toks, q.Start, q.End)
			if l >= 0 {
				return l, q.Min, true
			}
		}
	}
	switch low[i] {
	case "him", "himself", "herself":
		return i, 1, !listed || low[i] != "him"
	case "her":
		if i+1 >= len(low) || toks[i+1].Kind != nlp.Word || !lx.nounAhead(toks, low, i+1) {
			return i, 1, true
		}
	}
	if isAge(low[i]) && i+1 < len(low) && isTitleWord(toks[i+1].Text) {
		i++ // "25-year-old Jane Doe"
	}
	if isTitleWord(toks[i].Text) {
		e := i
		for e+1 < len(low) && e-i < 3 && nameWord(toks[e+1].Text) {
			e++
		}
		if e > i {
			return e, 1, true
		}
		return 0, 0, false
	}
	if !lx.objectDets[low[i]] && low[i] != "a" && low[i] != "an" && low[i] != "another" {
		return 0, 0, false
	}
	for e := i + 1; e < len(low) && e <= i+4; e++ {
		if lx.onePerson(low[e]) {
			return e, 1, true
		}
		if toks[e].Kind != nlp.Word || isCapitalized(toks[e].Text) || lx.isCue(low, e) || low[e] == "and" || low[e] == "or" {
			break
		}
	}
	return 0, 0, false
}

// nounAhead reports a lower-case noun for one person within three words
// from k ("her 3-year-old son"), which makes "her" a determiner.
func (lx *casualtyLexicon) nounAhead(toks []nlp.Token, low []string, k int) bool {
	for e := k; e < len(low) && e < k+3; e++ {
		if toks[e].Kind != nlp.Word {
			return false
		}
		if lx.onePerson(low[e]) || lx.civilians[low[e]] {
			return true
		}
	}
	return false
}

// onePerson is a noun for one person ("victim", "son", "teen", or any
// singular noun for people the quantity finder knows: "cook", "clerk",
// "bystander").
func (lx *casualtyLexicon) onePerson(w string) bool {
	return lx.headlinePersons[w] || lx.objectPersons[w] && w != "other" || nlp.OnePerson(w)
}

// nameWord is a word of a personal name after its first: a capitalised
// word, an initial ("B.") or a suffix ("Jr.").
func nameWord(w string) bool {
	if isTitleWord(w) {
		return true
	}
	return len(w) == 2 && w[1] == '.' && w[0] >= 'A' && w[0] <= 'Z'
}

// isAge is an age written as one word: "19-year-old".
func isAge(w string) bool {
	return strings.HasSuffix(w, "-year-old")
}

// cueStart returns the first token of the longest cue of lists that ends
// just before token end, or -1.
func cueStart(low []string, end int, lists ...[][]string) int {
	best := -1
	for _, cues := range lists {
		for _, c := range cues {
			if start := end - len(c); start >= 0 && hasWordsAt(low, start, c) && (best < 0 || start < best) {
				best = start
			}
		}
	}
	return best
}

// stateNoun reports a counted "noun" that is a state ("3 injured").
func (lx *casualtyLexicon) stateNoun(noun string) bool {
	_, ok := lx.nounCue(noun)
	return ok
}

// lastJoinComma reports a bare comma (not ", and") after token k.
func lastJoinComma(low []string, k int) bool {
	return k+1 < len(low) && low[k+1] == "," && (k+2 >= len(low) || low[k+2] != "and")
}

// oneSubject reports a clause about one person: it opens with "he" or
// "she", or its verb is the singular "was".
func (lx *casualtyLexicon) oneSubject(low []string) bool {
	if len(low) > 0 && (low[0] == "he" || low[0] == "she") {
		return true
	}
	for _, w := range low {
		if w == "was" {
			return true
		}
		if w == "were" || w == "and" || w == "," {
			return false
		}
	}
	return false
}
