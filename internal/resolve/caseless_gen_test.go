package resolve

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"sitrep/internal/resolve/norm"
)

// caselessDict, when set, regenerates data/caseless_words.txt from word
// lists (comma-separated paths) with one word a line, proper names
// capitalised (Debian's wamerican and wbritish).
var caselessDict = flag.String("caselessdict", "", "regenerate data/caseless_words.txt from these comma-separated word lists")

// TestGenCaselessWords writes the words of the list that start in lower
// case and that are also a word of some place's name in the gazetteer: in
// text without case they are read as the word, not the place.
func TestGenCaselessWords(t *testing.T) {
	if *caselessDict == "" {
		t.Skip("no -caselessdict")
	}
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	// The words of all the gazetteer's names: a multi-word name made of
	// common words ("the meeting") is no more a name than its words.
	inNames := map[string]bool{}
	for i := 0; i < g.nkeys(); i++ {
		for _, w := range strings.Fields(g.key(i)) {
			inNames[w] = true
		}
	}
	seen := map[string]bool{}
	for _, path := range strings.Split(*caselessDict, ",") {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			r, _ := utf8.DecodeRuneInString(w)
			if w == "" || !unicode.IsLower(r) || strings.ContainsAny(w, "'’ ") {
				continue
			}
			if k := norm.Key(w); inNames[k] {
				seen[k] = true
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	words := make([]string, 0, len(seen))
	for k := range seen {
		words = append(words, k)
	}
	sort.Strings(words)
	var b strings.Builder
	b.WriteString(caselessHeader)
	b.WriteString("[words]\n")
	for _, w := range words {
		fmt.Fprintln(&b, w)
	}
	if err := os.WriteFile("data/caseless_words.txt", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d words", len(words))
}

const caselessHeader = `# Common English words that the gazetteer also carries as a place's name
# or a word of one ("bar", "mobile", "central", "sale", "meeting"). In
# text without case (all lower case, or all capitals) a name cannot be
# told from a word by its capital, so these are read as words unless a
# country bears the name itself ("chile", "turkey"); see
# Gazetteer.CaselessName. Generated, do not edit:
#
#   go test ./internal/resolve/ -run TestGenCaselessWords \
#     -caselessdict=/usr/share/dict/american-english,/usr/share/dict/british-english
#
# from Debian's wamerican and wbritish word lists (SCOWL), the words that
# start in lower case. SCOWL's notice: Copyright 2000-2011 by Kevin
# Atkinson. Permission to use, copy, modify, distribute and sell these
# word lists, the associated scripts, the output created from the
# scripts, and its documentation for any purpose is hereby granted without
# fee, provided that the above copyright notice appears in all copies and
# that both that copyright notice and this permission notice appear in
# supporting documentation. Kevin Atkinson makes no representations about
# the suitability of this array for any purpose. It is provided "as is"
# without express or implied warranty.

`
