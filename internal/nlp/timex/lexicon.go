package timex

import (
	_ "embed"
	"fmt"
	"strings"
)

// words.txt holds every cue word the recogniser knows, so that adding a
// month abbreviation or a holiday is a data edit a reviewer can read, not a
// code change.
//
//go:embed words.txt
var wordsFile string

// lexicon is the parsed words.txt: for each table, word (or multi-word
// phrase, tokens joined by a space) to value.
type lexicon map[string]map[string]string

// lex is built once at package initialisation; it is read-only afterwards,
// so Find is safe for concurrent use.
var lex = mustParseLexicon(wordsFile)

// phrases indexes the multi-word cues of each table by their first token,
// longest first, so that a lookup at a token costs a map access plus a
// short scan.
var phrases = indexPhrases(lex)

// starters are the words an expression can begin with: the first word of
// every cue in words.txt and the few words the patterns name themselves.
// A word outside it is skipped at once, which spares most of a text the
// pattern look-ups.
var starters = buildStarters(lex)

// skipNonStarters turns the starters shortcut on; the fuzz test turns it
// off to check that it never changes what is found.
var skipNonStarters = true

// patternWords are the starting words written in the patterns' code
// rather than in words.txt.
var patternWords = []string{
	"the", "a", "an", "this", "that", "last", "next", "past", "previous", "preceding", "prior",
	"coming", "upcoming", "following", "subsequent", "same", "current", "present", "latest",
	"first", "recent", "final", "remaining", "initial", "fiscal", "full", "calendar", "year",
	"q", "every", "each", "once", "twice", "thrice", "per", "tonight", "couple",
}

func buildStarters(l lexicon) map[string]bool {
	s := map[string]bool{}
	for _, table := range l {
		for key := range table {
			first, _, _ := strings.Cut(key, " ")
			s[first] = true
		}
	}
	for _, w := range patternWords {
		s[w] = true
	}
	return s
}

func mustParseLexicon(src string) lexicon {
	l, err := parseLexicon(src)
	if err != nil {
		panic("timex: words.txt: " + err.Error())
	}
	return l
}

func parseLexicon(src string) (lexicon, error) {
	l := lexicon{}
	table := ""
	for n, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			table = line[1 : len(line)-1]
			if l[table] == nil {
				l[table] = map[string]string{}
			}
			continue
		}
		value, words, ok := strings.Cut(line, ":")
		if !ok || table == "" {
			return nil, fmt.Errorf("line %d: want \"VALUE: words\" inside a [table]: %q", n+1, line)
		}
		for _, w := range strings.Fields(words) {
			key := strings.Join(tokenWords(strings.ReplaceAll(w, "_", " ")), " ")
			l[table][key] = strings.TrimSpace(value)
		}
	}
	return l, nil
}

// tokenWords tokenises a cue exactly as text is tokenised, so that a cue
// with an apostrophe ("new_year's_day") matches the tokens of the text.
func tokenWords(s string) []string {
	toks := tokenize(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.low
	}
	return out
}

type phrase struct {
	words []string
	value string
}

func indexPhrases(l lexicon) map[string]map[string][]phrase {
	idx := map[string]map[string][]phrase{}
	for table, m := range l {
		for key, v := range m {
			ws := strings.Split(key, " ")
			if idx[table] == nil {
				idx[table] = map[string][]phrase{}
			}
			idx[table][ws[0]] = append(idx[table][ws[0]], phrase{ws, v})
		}
	}
	for _, byFirst := range idx {
		for k, ps := range byFirst {
			// Longest first; ties by text so the order is deterministic.
			for i := 1; i < len(ps); i++ {
				for j := i; j > 0 && (len(ps[j].words) > len(ps[j-1].words) ||
					len(ps[j].words) == len(ps[j-1].words) && strings.Join(ps[j].words, " ") < strings.Join(ps[j-1].words, " ")); j-- {
					ps[j], ps[j-1] = ps[j-1], ps[j]
				}
			}
			byFirst[k] = ps
		}
	}
	return idx
}
