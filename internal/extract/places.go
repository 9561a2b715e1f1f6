package extract

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/nlp"
	"sitrep/internal/resolve"
	"sitrep/internal/wordlist"
)

// placePrepositions introduce where something happened: "in Kabul",
// "near the town of Palmyra", "outside Kessin". A name after any other
// word ("Russia blamed Ukraine") is an actor, not a location.
var placePrepositions = map[string]bool{
	"in": true, "near": true, "at": true, "outside": true, "across": true,
	"around": true, "inside": true, "into": true, "towards": true,
	"toward": true, "between": true, "throughout": true, "within": true,
}

// placeLeadWords may stand between the preposition and the name: "in the
// town of", "near the northern city of".
var placeLeadWords = map[string]bool{
	"the": true, "a": true, "an": true, "town": true, "city": true, "village": true, "province": true,
	"region": true, "district": true, "capital": true, "of": true, "suburb": true,
	"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "north": true, "south": true, "east": true, "west": true,
	"port": true, "border": true, "state": true, "county": true, "neighbourhood": true,
	"neighborhood": true, "area": true, "governorate": true, "oblast": true,
	"his": true, "her": true, "their": true, // "in their Norvale home"
}

// localForces are words a place name stands before when it names whose
// police or people they are: "Kansas City police", "Goodlettsville
// residents" (rules/places.txt [local forces]). Compared in lower case.
var localForces = placeSections()["local forces"]

// PlaceMention is a capitalised name that the sentence places something in.
type PlaceMention struct {
	Start, End int
	Name       string
	// Resident marks a name read before a noun for people ("a Dalmera
	// man"): weaker evidence than a preposition, since descriptive words
	// stand there too ("a White House aide"), so only a sizeable town of
	// that name is taken.
	Resident bool
	// Settlement marks a name read after a capitalised "Town of",
	// "Village of": it is a town or nothing ("the Town of West Sweden"
	// is no report from Sweden).
	Settlement bool
}

// PlaceMentions finds the names a sentence gives as locations: capitalised
// token runs after a locative preposition, optionally through words like
// "the northern city of". "Moscow" in "Moscow blamed Kyiv" is not one.
func PlaceMentions(text string, s nlp.Span) []PlaceMention {
	return placeMentionsIn(text, nlp.Tokens(text, s))
}

// sentencePlaces is PlaceMentions followed by residentMentions over one
// tokenization of the sentence: both are asked of every sentence, and on a
// long one tokens are most of the cost.
func sentencePlaces(text string, s nlp.Span) []PlaceMention {
	toks := nlp.Tokens(text, s)
	return append(placeMentionsIn(text, toks), residentMentionsIn(toks, text)...)
}

// sentencePlaces is the package's sentencePlaces for the placer's
// article: in text without case (nlp.Caseless) the names are found by the
// gazetteer instead of by their capitals (caselessPlaceMentionsIn).
//
// A one-word name the article uses as a person's surname ("14-year-old
// Dana Kessin", "Lee Kessin, 44,") is the person where it stands alone
// ("shot at Kessin", "in the Kessin case"), not a town.
func (p *placer) sentencePlaces(text string, s nlp.Span) []PlaceMention {
	if p.caseless && p.g != nil {
		return caselessPlaceMentionsIn(text, nlp.Tokens(text, s), p.g)
	}
	out := sentencePlaces(text, s)
	if p.text == "" {
		return out
	}
	if p.surnames == nil {
		p.surnames = personSurnames(p.text)
	}
	if len(p.surnames) == 0 {
		return out
	}
	kept := out[:0]
	for _, pm := range out {
		if !p.surnames[strings.TrimSuffix(strings.TrimSuffix(pm.Name, "'s"), "’s")] {
			kept = append(kept, pm)
		}
	}
	return kept
}

// personSurnames lists the words text uses as people's surnames: the last
// of two or three capitalised words after an age ("14-year-old Dana
// Kessin") or before one ("Lee Kessin, 44,"), or of one to three after a
// title (rules/places.txt [person titles]: "Sheriff Kessin"). Never a
// county's or a division's word.
func personSurnames(text string) map[string]bool {
	out := map[string]bool{}
	titles := placeSections()["person titles"]
	kin := placeSections()["person relations"]
	for _, s := range nlp.Sentences(text) {
		toks := nlp.Tokens(text, s)
		for i := 0; i < len(toks); i++ {
			if !isCapitalized(toks[i].Text) {
				continue
			}
			j := i
			for j < len(toks) && j-i < 3 && isCapitalized(toks[j].Text) && isWordToken(toks[j].Text) {
				j++
			}
			if j == i {
				continue
			}
			n := j - i
			last := strings.TrimSuffix(strings.TrimSuffix(toks[j-1].Text, "'s"), "’s")
			before := ""
			if i > 0 {
				before = strings.ToLower(strings.TrimSuffix(toks[i-1].Text, "."))
			}
			aged := i > 0 && strings.HasSuffix(before, "-year-old") ||
				j+2 < len(toks) && toks[j].Text == "," && isNumber(toks[j+1].Text) && (toks[j+2].Text == "," || toks[j+2].Text == ")")
			titled := titles[before] || n >= 2 && titles[strings.ToLower(strings.TrimSuffix(toks[i].Text, "."))]
			if j < len(toks) && kin[strings.ToLower(toks[j].Text)] && toks[j-1].Text != last {
				// "Denton’s mother", "Kessin's bond": a person's.
				out[last] = true
			}
			resident := j < len(toks) && residentNouns()[strings.ToLower(toks[j].Text)] // "a 30-year-old Port Aldane man"
			if (n >= 2 && aged && !resident || titled) && !countyWords[strings.ToLower(last)] && !placeQualifiers()[strings.ToLower(last)] {
				out[last] = true
			}
			i = j - 1
		}
	}
	return out
}

// headlineNames is the package's headlineNames without the names the
// article uses as people's surnames ("Denton's bond quadrupled" over a
// story of Robert Denton and "Denton’s mother").
func (p *placer) headlineNames(title, body string) []string {
	names := headlineNames(title, body)
	if p.text == "" || p.caseless {
		return names
	}
	if p.surnames == nil {
		p.surnames = personSurnames(p.text)
	}
	kept := names[:0]
	for _, n := range names {
		if !p.surnames[strings.TrimSuffix(strings.TrimSuffix(n, "'s"), "’s")] {
			kept = append(kept, n)
		}
	}
	return kept
}

// isWordToken reports a token of letters (an apostrophe, hyphen or
// period inside allowed): a name's word, not punctuation or a number.
func isWordToken(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && !strings.ContainsRune("'’-.", r) {
			return false
		}
	}
	return w != ""
}

// maxCaselessName is the most words a place name read without case may
// have ("san jose de las flores").
const maxCaselessName = 5

// caselessPlaceMentionsIn is placeMentionsIn for text without case, where
// no capital marks a name: after a locative preposition (through words
// like "the northern town of"), or "city of", the longest run of words the
// gazetteer knows as a place and that is not a common word
// (resolve.CaselessName): "in the town of dalmera", "near kessin"; and the
// run before a local force ("dalmera police"). "in mobile" (the phones)
// and "in general" stay words. A name a person or a building owns, or a
// hospital's town, is no place, as in placeMentionsIn. Names before a noun
// for people ("a dalmera man") are not read: without case, any word
// stands there.
func caselessPlaceMentionsIn(text string, toks []nlp.Token, g *resolve.Gazetteer) []PlaceMention {
	var out []PlaceMention
	name := func(i, n int) (string, bool) {
		if i < 0 || i+n > len(toks) {
			return "", false
		}
		for _, t := range toks[i : i+n] {
			if t.Kind != nlp.Word {
				return "", false
			}
		}
		// "in kessin's west": the town without its possessive.
		nm := strings.TrimSuffix(strings.TrimSuffix(text[toks[i].Start:toks[i+n-1].End], "'s"), "’s")
		return nm, g.CaselessName(nm)
	}
	for i := 0; i < len(toks); i++ {
		w := strings.ToLower(toks[i].Text)
		if localForces[w] {
			for n := 3; n >= 1; n-- {
				if nm, ok := name(i-n, n); ok && !already(out, toks[i-n].Start) {
					out = append(out, PlaceMention{Start: toks[i-n].Start, End: toks[i-n].Start + len(nm), Name: nm})
					break
				}
			}
			continue
		}
		if !placePrepositions[w] && !(settlementWords[w] && i+1 < len(toks) && strings.EqualFold(toks[i+1].Text, "of")) {
			continue
		}
		// The lead words may open the name itself ("in central
		// america", "in north kessin"): the name is looked for at each.
	lead:
		for j := i + 1; j < len(toks); j++ {
			for n := min(maxCaselessName, len(toks)-j); n >= 1; n-- {
				nm, ok := name(j, n)
				if !ok || ownerNotPlace(toks, j+n) || facilityNotTown(toks, i, j+n) {
					continue
				}
				out = append(out, PlaceMention{Start: toks[j].Start, End: toks[j].Start + len(nm), Name: nm})
				i = j + n - 1
				break lead
			}
			if !placeLeadWords[strings.ToLower(toks[j].Text)] {
				break
			}
		}
	}
	return out
}

func placeMentionsIn(text string, toks []nlp.Token) []PlaceMention {
	var out []PlaceMention
	for i := 0; i < len(toks); i++ {
		if localForces[strings.ToLower(toks[i].Text)] && i > 0 && isCapitalized(toks[i-1].Text) {
			// "Kansas City police": the capitalised run before the word.
			j := i - 1
			for j > 0 && isNamePart(toks[j-1].Text, false) && !sentenceOpeners[toks[j-1].Text] {
				j--
			}
			if !sentenceOpeners[toks[j].Text] && !already(out, toks[j].Start) {
				out = append(out, PlaceMention{Start: toks[j].Start, End: toks[i-1].End, Name: text[toks[j].Start:toks[i-1].End]})
			}
			continue
		}
		if !placePrepositions[strings.ToLower(toks[i].Text)] && !possessivePlace(toks, i) && !settlementOf(toks, i) {
			continue
		}
		j := i + 1
		for j < len(toks) && placeLeadWords[strings.ToLower(toks[j].Text)] && !isCapitalized(toks[j].Text) {
			j++
		}
		settlement := false
		if j+2 < len(toks) && settlementWords[strings.ToLower(toks[j].Text)] && isCapitalized(toks[j].Text) && toks[j+1].Text == "of" && isCapitalized(toks[j+2].Text) {
			// "in the Town of Norvale", "the Village of Dalmera": a
			// place's formal name; the place is the name after "of".
			j += 2
			settlement = true
		}
		start := j
		for j < len(toks) && (isNamePart(toks[j].Text, j > start) || (j > start && isNameJoiner(toks, j))) {
			if j > start && weekdays[strings.ToLower(toks[j].Text)] {
				break // "in Norvale, Md. Friday": the day is not part of the place
			}
			j++
		}
		// A trailing joiner ("Al-" handled by the tokenizer; "of" here) is
		// not part of the name.
		for j > start && !isNamePart(toks[j-1].Text, j-1 > start) {
			j--
		}
		if j > start && !ownerNotPlace(toks, j) && !facilityNotTown(toks, i, j) {
			out = append(out, PlaceMention{Start: toks[start].Start, End: toks[j-1].End, Name: text[toks[start].Start:toks[j-1].End], Settlement: settlement})
			i = j - 1
		}
	}
	return out
}

// settlementWords are the lower-case nouns that, with "of", name the
// place after them whatever stands before: "for the city of Dalmera",
// "residents of the town of Norvale".
var settlementWords = map[string]bool{"city": true, "town": true, "village": true, "borough": true, "township": true}

// settlementOf reports "city of" at toks[i]: the name after it is a
// place, as after a locative preposition.
func settlementOf(toks []nlp.Token, i int) bool {
	return settlementWords[toks[i].Text] && i+1 < len(toks) && toks[i+1].Text == "of"
}

// residentMentions finds the town names a sentence puts before a noun
// for people: "a Dalmera man", "Hamilton Man Shot". Local news names
// people by their town, which is where it happened more often than not;
// the mentions are marked Resident, weaker than PlaceMentions.
func residentMentions(text string, s nlp.Span) []PlaceMention {
	return residentMentionsIn(nlp.Tokens(text, s), text)
}

func residentMentionsIn(toks []nlp.Token, text string) []PlaceMention {
	var out []PlaceMention
	for i := 1; i < len(toks); i++ {
		if !isCapitalized(toks[i-1].Text) {
			continue
		}
		if venue := placeSections()["local venues"][strings.ToLower(toks[i].Text)]; venue && !titleCase(toks) {
			// "at a Dalmera barbershop", "inside a Norvale home": a town
			// names the place of a venue after "a" or "an" (a brand's
			// or a venue's own name takes "the" or none).
			j := i - 1
			for j > 0 && i-j < 3 && isCapitalized(toks[j-1].Text) {
				j--
			}
			owner := strings.HasSuffix(toks[i-1].Text, "'s") || strings.HasSuffix(toks[i-1].Text, "’s") // "a McDonald's restaurant"
			if j > 0 && (toks[j-1].Text == "a" || toks[j-1].Text == "an") && !owner && !chainBusiness(toks, i) {
				out = append(out, PlaceMention{Start: toks[j].Start, End: toks[i-1].End, Name: text[toks[j].Start:toks[i-1].End], Resident: true})
			}
			continue
		}
		if !residentNouns()[strings.ToLower(toks[i].Text)] {
			continue
		}
		j := i - 1
		for j > 0 && i-j < 3 && isCapitalized(toks[j-1].Text) && !sentenceOpeners[toks[j-1].Text] {
			j--
		}
		if sentenceOpeners[toks[j].Text] || j == 0 && !titleCase(toks) {
			// A sentence's first word is capitalised whatever it is
			// ("One man was killed"); in a title-case headline every
			// word is, and the run is read as a name there.
			continue
		}
		out = append(out, PlaceMention{Start: toks[j].Start, End: toks[i-1].End, Name: text[toks[j].Start:toks[i-1].End], Resident: true})
	}
	return out
}

// titleCase reports a run of words written as a title-case headline:
// fewer than two words of four letters or more start in lower case.
func titleCase(toks []nlp.Token) bool {
	lower := 0
	for _, t := range toks {
		if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsLower(r) && len(t.Text) > 3 {
			lower++
		}
	}
	return lower < 2
}

// possessivePlace reports a capitalised possessive followed by a
// capitalised name, which then names a place inside it: "Egypt’s Sharm
// El-Sheikh airport". "Russia's hybrid-war operations" names none.
func possessivePlace(toks []nlp.Token, i int) bool {
	w := toks[i].Text
	if !strings.HasSuffix(w, "’s") && !strings.HasSuffix(w, "'s") {
		return false
	}
	return isCapitalized(w) && i+1 < len(toks) && isCapitalized(toks[i+1].Text)
}

// ownerNotPlace reports a name ending at token j-1 in a possessive that a
// lower-case word other than a part of a town follows: "at Jackson's
// home", "outside Macy's when": a person's or a shop's, not a town's.
// "in Dalmera's west side" stays a place.
func ownerNotPlace(toks []nlp.Token, j int) bool {
	w := toks[j-1].Text
	if !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "’s") {
		return false
	}
	if j >= len(toks) {
		return true // "were killed at Macy's": the sentence ends on the owner
	}
	next := toks[j].Text
	if r, _ := utf8.DecodeRuneInString(next); !unicode.IsLetter(r) {
		return next != "," // "outside Kessin's." ends there; "in Dalmera's, west" is a town's
	}
	if r, _ := utf8.DecodeRuneInString(next); !unicode.IsLower(r) {
		return false
	}
	next = strings.ToLower(next)
	return !placeQualifiers()[next] && !cityParts()[next]
}

// weekdays end a place name run: "shot in Norvale Friday night".
var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

// sentenceOpeners are capitalised words that start sentences and are
// never part of the place before "police".
var sentenceOpeners = map[string]bool{"The": true, "A": true, "An": true, "But": true, "And": true, "When": true, "After": true, "State": true, "Local": true, "City": true, "County": true}

func already(ms []PlaceMention, start int) bool {
	for _, m := range ms {
		if m.Start == start {
			return true
		}
	}
	return false
}

// isNameJoiner reports a lower-case word or mark that may sit inside a
// place name between capitalised words: "Sharm el-Sheikh", "Bosnia and
// Herzegovina", "Long Beach, CA".
func isNameJoiner(toks []nlp.Token, j int) bool {
	if j+1 >= len(toks) || !isCapitalized(toks[j+1].Text) {
		return false
	}
	switch toks[j].Text {
	case "el", "al", "de", "del", "da", "di", "and", "upon", "-":
		return true
	case ",":
		// "Long Beach, CA", "Kessin, Norland": a qualifier after a comma;
		// not a station's call letters ("in Norvale, KXYZ reported").
		return !callLetters(toks[j+1].Text)
	}
	return false
}

// isNamePart reports a word that can be part of a place name: capitalised,
// or, inside a name, an Arabic-style particle joined to a capitalised word
// ("el-Sheikh", "al-Raqqa").
func isNamePart(w string, inside bool) bool {
	if isCapitalized(w) {
		return true
	}
	if i := strings.IndexByte(w, '-'); inside && i > 0 && i+1 < len(w) {
		return isCapitalized(w[i+1:])
	}
	return false
}

func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

//go:embed rules/places.txt
var placeRules string

var placeSections = sync.OnceValue(func() map[string]map[string]bool {
	out := map[string]map[string]bool{"qualifiers": {}, "residents": {}, "city parts": {}, "site words": {}, "quarters": {}, "facilities": {}, "hospitals": {}, "treatment cues": {}, "treatment sites": {}, "incident nouns": {}, "harm words": {}, "local venues": {}, "person titles": {}, "person relations": {}, "local forces": {}, "chains": {}, "business nouns": {}, "town anaphors": {}}
	for section, lines := range wordlist.Sections(placeRules) {
		m, ok := out[section]
		if !ok {
			panic("extract: rules/places.txt: entry outside [qualifiers], [residents], [city parts], [site words], [quarters], [facilities], [hospitals], [treatment cues], [treatment sites], [incident nouns], [harm words], [local venues], [person titles], [person relations], [local forces], [chains], [business nouns] and [town anaphors]: " + lines[0])
		}
		if section == "treatment sites" {
			for _, l := range lines {
				if n := len(strings.Fields(l)); n > maxSiteWords {
					panic("extract: rules/places.txt: [treatment sites] entry of more than 3 words: " + l)
				}
			}
		}
		for _, l := range lines {
			m[strings.ToLower(l)] = true
		}
	}
	return out
})

func placeQualifiers() map[string]bool { return placeSections()["qualifiers"] }

func residentNouns() map[string]bool { return placeSections()["residents"] }

func cityParts() map[string]bool { return placeSections()["city parts"] }

func siteWords() map[string]bool { return placeSections()["site words"] }

func quarterNouns() map[string]bool { return placeSections()["quarters"] }

// facilityNotTown reports a name after the preposition at toks[i], ending
// at toks[j-1], that is a building and not a town ("at Saint Anne
// Hospital", "near Norvale High School"), or a town only as a hospital's
// ("taken to a hospital in Dalmera", "at a Dalmera hospital"): where the
// wounded were treated is not where they were shot.
func facilityNotTown(toks []nlp.Token, i, j int) bool {
	if chainBusiness(toks, j) {
		return true
	}
	if placeSections()["facilities"][strings.ToLower(toks[j-1].Text)] {
		return true
	}
	if j+1 < len(toks) && isNumber(toks[j].Text) && isCapitalized(toks[j+1].Text) && !titleCase(toks) {
		// "at Cloud 9 Ranch", "outside Studio 54 Lounge": a venue's name
		// runs on through a number; a town's does not.
		return true
	}
	if j < len(toks) && placeSections()["hospitals"][strings.ToLower(toks[j].Text)] {
		// "at a Dalmera hospital": the town of the hospital.
		return true
	}
	if i > 0 && placeSections()["hospitals"][strings.ToLower(toks[i-1].Text)] {
		return true
	}
	return treatedThere(toks, i, j)
}

// chainBusiness reports a name ending at toks[j-1] that is a chain's
// ([chains]) followed by a business noun ([business nouns]): "at a
// Hilton hotel", "outside the Hampton Inn". The business is no town.
func chainBusiness(toks []nlp.Token, j int) bool {
	if j < 1 || j >= len(toks) {
		return false
	}
	rules := placeSections()
	return rules["chains"][strings.ToLower(toks[j-1].Text)] && rules["business nouns"][strings.ToLower(toks[j].Text)]
}

// maxSiteWords is the most words a [treatment sites] entry has.
const maxSiteWords = 3

// treatmentWindow is how many tokens before a place of treatment a
// [treatment cues] word may stand: room for "was airlifted to the
// University of Norland Medical Center", not for a clause further back.
const treatmentWindow = 10

// treatedThere reports a name after the preposition at toks[i], ending at
// toks[j-1], that a sentence gives only as where a victim was treated,
// moved to or died: the place of treatment itself ("underwent surgery at
// Dalmera Regional Medical Center"), its town before it ("flown to a
// Norvale trauma center") or after it ("died at Saint Anne Medical
// Center in Norvale"). Gun violence stories name the trauma center a
// victim was taken to, often in a bigger town than the one where the
// shooting was; that town is not the event's place. A [treatment cues]
// word must stand a few words before the place of treatment, in the same
// clause, since a shooting can happen at a health center too.
func treatedThere(toks []nlp.Token, i, j int) bool {
	if n := siteEndingAt(toks, j-1); n > 0 && n < j-i && treatmentCueBefore(toks, i) {
		// "underwent surgery at Dalmera Regional Medical Center"
		return true
	}
	if siteStartingAt(toks, j) > 0 && treatmentCueBefore(toks, i) {
		// "was flown to a Norvale trauma center"
		return true
	}
	if i == 0 || strings.ToLower(toks[i].Text) != "in" {
		return false
	}
	// "died at Saint Anne Medical Center in Norvale"
	n := siteEndingAt(toks, i-1)
	return n > 0 && treatmentCueBefore(toks, i-n)
}

// siteEndingAt is the number of words of the longest [treatment sites]
// entry that ends at toks[k], or 0.
func siteEndingAt(toks []nlp.Token, k int) int {
	sites := placeSections()["treatment sites"]
	for n := maxSiteWords; n > 0; n-- {
		if k-n+1 >= 0 && k < len(toks) && sites[lowerJoin(toks[k-n+1:k+1])] {
			return n
		}
	}
	return 0
}

// siteStartingAt is the number of words of the longest [treatment sites]
// entry that starts at toks[k], or 0.
func siteStartingAt(toks []nlp.Token, k int) int {
	sites := placeSections()["treatment sites"]
	for n := maxSiteWords; n > 0; n-- {
		if k >= 0 && k+n <= len(toks) && sites[lowerJoin(toks[k:k+n])] {
			return n
		}
	}
	return 0
}

func lowerJoin(toks []nlp.Token) string {
	if len(toks) == 1 {
		return strings.ToLower(toks[0].Text)
	}
	var b strings.Builder
	for n, t := range toks {
		if n > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(t.Text))
	}
	return b.String()
}

// treatmentCueBefore reports a [treatment cues] word among the
// treatmentWindow tokens before toks[k], with no clause break between:
// in "he was treated and released, and the Norvale Health Center in
// Dalmera reopened" the cue tells of another clause.
func treatmentCueBefore(toks []nlp.Token, k int) bool {
	cues := placeSections()["treatment cues"]
	for m := k - 1; m >= 0 && k-m <= treatmentWindow; m-- {
		switch toks[m].Text {
		case ",", ";", ":", ".", "(", ")", "—", "–":
			return false
		}
		if cues[strings.ToLower(toks[m].Text)] {
			return true
		}
	}
	return false
}

// headlineNames lists the short capitalised runs of a sentence-case
// headline that no preposition introduces ("Hamilton drive-by shooting
// leaves one dead"), as candidate places for the story. A title-case
// headline, where every word is capitalised, gives none: its runs are not
// names.
//
// A candidate must read as a name in the article too: the headline's
// first word only if the body writes it capitalised, and no word the body
// writes in lower case ("Car bomb kills six": "car" is a word, not Car in
// Tibet).
func headlineNames(title, body string) []string {
	words := strings.Fields(title)
	lower := 0
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && len(w) > 3 {
			lower++
		}
	}
	if lower < 2 {
		return nil
	}
	var out []string
	for i := 0; i < len(words); {
		if !isCapitalized(words[i]) {
			i++
			continue
		}
		j := i
		for j < len(words) && isCapitalized(words[j]) && !strings.ContainsAny(words[j], ":|") {
			j++
		}
		if j == i { // a capitalised word ending in ':' or '|'
			i++
			continue
		}
		name := strings.Trim(strings.Join(words[i:j], " "), ",.'’\"“”")
		if j-i <= 3 && name != "" && (i > 0 || strings.Contains(body, name)) && !strings.Contains(body, " "+strings.ToLower(name)+" ") {
			out = append(out, name)
		}
		i = j
	}
	return out
}

// urlNames lists the place names an article's address spells in its
// path: "/news/dalmera/...", "/2015/03/02/two-shot-in-north-dalmera/". The
// slug is a second headline, often the only one naming the town when the
// page has no dateline and a headline that names a street or a
// neighbourhood. A word run counts only if the article writes it as a
// name ("Dalmera") and never as a plain word ("shot"), so the slug's
// ordinary words are not taken for towns.
func urlNames(rawURL, body string) []string {
	path := rawURL
	if i := strings.Index(path, "://"); i >= 0 {
		path = path[i+3:]
	}
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	i := strings.IndexByte(path, '/')
	if i < 0 {
		return nil
	}
	var out []string
	for _, seg := range strings.Split(path[i+1:], "/") {
		if dot := strings.LastIndexByte(seg, '.'); dot > 0 {
			seg = seg[:dot] // "story.html"
		}
		words := strings.FieldsFunc(seg, func(r rune) bool { return r == '-' || r == '_' || r == '+' })
		for k := 0; k < len(words); {
			n := 0
			for size := min(3, len(words)-k); size >= 1; size-- {
				name := titleWords(words[k : k+size])
				if name == "" || !containsWord(body, name) || containsWord(body, strings.ToLower(name)) {
					continue
				}
				out = append(out, name)
				n = size
				break
			}
			k += max(n, 1)
		}
	}
	return out
}

// titleWords capitalises each slug word ("north", "dalmera" -> "North
// Dalmera"); a word with a digit or of one letter makes no name.
func titleWords(words []string) string {
	parts := make([]string, len(words))
	for i, w := range words {
		if len(w) < 2 || strings.ContainsAny(w, "0123456789") {
			return ""
		}
		parts[i] = strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
	}
	return strings.Join(parts, " ")
}

// containsWord reports whether body holds w with no letter on either side.
func containsWord(body, w string) bool {
	for from := 0; ; {
		i := strings.Index(body[from:], w)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(body[:i])
		after, _ := utf8.DecodeRuneInString(body[i+len(w):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
		from = i + 1
	}
}

// actNames finds the capitalised names that start inside an act's span
// in sentence s, follow a lower-case word and that no place mention
// already holds: the object of the act ("used to seize Dalmera"), a
// place told with no preposition. A name runs on past the span's end
// ("seize Port Amar", where the codebook knew "Port").
func actNames(text string, s, act nlp.Span, have []PlaceMention) []PlaceMention {
	toks := nlp.Tokens(text, s)
	var out []PlaceMention
	for i := 1; i < len(toks); i++ {
		if toks[i].Start < act.Start || toks[i].Start >= act.End || !isCapitalized(toks[i].Text) || isCapitalized(toks[i-1].Text) || toks[i-1].Kind != nlp.Word {
			continue
		}
		j := i
		for j < len(toks) && isNamePart(toks[j].Text, j > i) {
			j++
		}
		for j > i && !isNamePart(toks[j-1].Text, j-1 > i) {
			j--
		}
		if j > i && !already(have, toks[i].Start) && !ownerNotPlace(toks, j) {
			out = append(out, PlaceMention{Start: toks[i].Start, End: toks[j-1].End, Name: text[toks[i].Start:toks[j-1].End]})
		}
		i = j
	}
	return out
}

// townBack is the town a sentence that names no place means by "the
// city" ("the town", "the village": rules/places.txt [town anaphors]):
// the place named last before it in its paragraph, if that is a town
// (city precision or finer). rule says where it was named.
func (p *placer) townBack(text string, sents []nlp.Span, paras []int, i int, times []nlp.Span) (*Location, string) {
	toks := nlp.Tokens(text, sents[i])
	anaphor := ""
	for k := 1; k < len(toks); k++ {
		if strings.EqualFold(toks[k-1].Text, "the") && placeSections()["town anaphors"][strings.ToLower(toks[k].Text)] {
			anaphor = "the " + strings.ToLower(toks[k].Text)
			break
		}
	}
	if anaphor == "" {
		return nil, ""
	}
	for j := i - 1; j >= 0 && paras[j] == paras[i]; j-- {
		loc, _ := p.inAct(text, sents[j], nlp.Span{}, false, times)
		if loc == nil {
			continue
		}
		if precisionRank[loc.Precision] < precisionRank["city"] {
			return nil, ""
		}
		return loc, fmt.Sprintf("%q: the town named last before it in the paragraph (rules/places.txt [town anaphors])", anaphor)
	}
	return nil, ""
}
