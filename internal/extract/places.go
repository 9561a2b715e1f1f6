package extract

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/nlp"
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
	"the": true, "town": true, "city": true, "village": true, "province": true,
	"region": true, "district": true, "capital": true, "of": true, "suburb": true,
	"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "north": true, "south": true, "east": true, "west": true,
	"port": true, "border": true, "state": true, "county": true, "neighbourhood": true,
	"neighborhood": true, "area": true, "governorate": true, "oblast": true,
}

// localForces are words a place name stands before when it names whose
// police or people they are: "Kansas City police", "Goodlettsville
// residents". Compared in lower case.
var localForces = map[string]bool{
	"police": true, "sheriff": true, "sheriff's": true, "authorities": true,
	"officials": true, "residents": true, "firefighters": true, "officers": true,
	"prosecutors": true, "coroner": true,
}

// PlaceMention is a capitalised name that the sentence places something in.
type PlaceMention struct {
	Start, End int
	Name       string
}

// PlaceMentions finds the names a sentence gives as locations: capitalised
// token runs after a locative preposition, optionally through words like
// "the northern city of". "Moscow" in "Moscow blamed Kyiv" is not one.
func PlaceMentions(text string, s nlp.Span) []PlaceMention {
	toks := nlp.Tokens(text, s)
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
		if !placePrepositions[strings.ToLower(toks[i].Text)] && !possessivePlace(toks, i) {
			continue
		}
		j := i + 1
		for j < len(toks) && placeLeadWords[strings.ToLower(toks[j].Text)] && !isCapitalized(toks[j].Text) {
			j++
		}
		start := j
		for j < len(toks) && (isNamePart(toks[j].Text, j > start) || (j > start && isNameJoiner(toks, j))) {
			j++
		}
		// A trailing joiner ("Al-" handled by the tokenizer; "of" here) is
		// not part of the name.
		for j > start && !isNamePart(toks[j-1].Text, j-1 > start) {
			j--
		}
		if j > start {
			out = append(out, PlaceMention{Start: toks[start].Start, End: toks[j-1].End, Name: text[toks[start].Start:toks[j-1].End]})
			i = j - 1
		}
	}
	return out
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
		// "Long Beach, CA", "Kessin, Norland": a qualifier after a comma.
		return true
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

var placeQualifiers = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for section, lines := range wordlist.Sections(placeRules) {
		if section != "qualifiers" {
			panic("extract: rules/places.txt: entry outside [qualifiers]: " + lines[0])
		}
		for _, l := range lines {
			m[strings.ToLower(l)] = true
		}
	}
	return m
})

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
