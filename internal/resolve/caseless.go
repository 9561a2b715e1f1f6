package resolve

import (
	_ "embed"
	"strings"
	"sync"

	"sitrep/internal/resolve/norm"
	"sitrep/internal/wordlist"
)

// Text without case.
//
// Names are found by their capitals: "in Dalmera", "the Kessin police".
// A lower-cased corpus, wire copy in ALL CAPITALS or a lower-case post
// has none to go by (nlp.Caseless tells such text), so there a word is
// read as a place when the gazetteer knows it and it is not also a common
// English word (data/caseless_words.txt): "in dalmera" is a town, "in
// mobile" the phones.

//go:embed data/caseless_words.txt
var caselessWordsText string

// caselessWords are the common words of data/caseless_words.txt.
var caselessWords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range wordlist.Sections(caselessWordsText)["words"] {
		m[w] = true
	}
	return m
})

//go:embed data/caseless_particles.txt
var caselessParticlesText string

// caselessParticles are the name particles of data/caseless_particles.txt.
var caselessParticles = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range wordlist.Sections(caselessParticlesText)["particles"] {
		m[norm.Key(w)] = true
	}
	return m
})

// CaselessName reports whether name, read in text without case, can be a
// place's name: the gazetteer knows it, one of its words is neither a
// common word, a connector ("de", "la"), a name particle ("san",
// "puerto") nor a month, and it does not end in one ("guatemala by"); or
// it is a region the gazetteer blocks ("central america"); or
// it is a country's own name ("chile", "turkey", "united states": a
// country is named far more often than the pepper or the bird in news of
// violence). Aliases do not count for that ("island" is also Iceland).
func (g *Gazetteer) CaselessName(name string) bool {
	k := norm.Key(name)
	return k != "" && g.caselessKey(k, g.lookup(k))
}

// caselessKey is CaselessName for a key and its records.
func (g *Gazetteer) caselessKey(k string, recs []int32) bool {
	if g.blocked[k] {
		// "central america": a region with no point, read whole so
		// that its last word is not taken for a country.
		return true
	}
	if len(recs) == 0 {
		return false
	}
	words := strings.Fields(k)
	named := false
	for _, w := range words {
		named = named || !caselessWord(w)
	}
	if named && !caselessWord(words[len(words)-1]) {
		return true
	}
	for _, i := range recs {
		if e := g.rec(i); e.kind == KindCountry && (norm.Key(e.name) == k || norm.Key(e.ascii) == k) {
			return true
		}
	}
	return false
}

// caselessWord reports a word that says nothing of a name in text without
// case: a common word, a connector, a name particle, a month or weekday,
// or a word of two letters.
func caselessWord(w string) bool {
	return len(w) <= 2 || caselessWords()[w] || caselessParticles()[w] || connectors[w] || stopwords[w] || dateWords[w]
}
