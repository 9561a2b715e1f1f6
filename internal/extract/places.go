package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/nlp"
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
