package nlp

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"sitrep/internal/wordlist"
)

// The word lists live in data/*.txt so that someone who meets a new
// abbreviation, person noun or currency can add it without reading Go;
// each file documents its own syntax. They are embedded, so the binary
// needs no files at run time, and parsed once, on first use.
//
//go:embed data/*.txt
var dataFS embed.FS

// lexicon is every data file parsed. It is built once and only read
// afterwards, so concurrent callers share it without locks.
type lexicon struct {
	// abbreviations, keyed by lower case with the final period.
	titles, numericAbbr, endingAbbr, clockAbbr map[string]bool
	starters, continuers                       map[string]bool // lower case

	units, tens, scales map[string]int
	suffixes            map[string]int
	ordinalSuffixes     map[string]bool

	vague         map[string]valueRange // multi-word keys joined by one space
	exact         map[string]exactValue
	pluralScales  map[string]pluralScale
	modifiers     map[string]modKind
	particleAfter map[string]bool // see vague.txt [particle-after]
	// numStart holds every word that can open a number phrase: number
	// words, "a"/"an", and the first words of vague, exact and plural
	// phrases. Other words are skipped without trying each parser.
	numStart map[string]bool
	// maxPhrase is the most words any [vague], [exact] or [modifiers]
	// phrase has, bounding the look-ahead and look-behind.
	maxPhrase int

	// persons maps a lower-case form to whether it is singular (true)
	// or plural only (false); a form that is both maps to true.
	persons map[string]bool
	// adjectival person words ("dead", "wounded"): persons only alone.
	adjectival map[string]bool
	// kin are the words that join a person's own people to a count of
	// them ("a mother and her two daughters"); generic are plural nouns
	// a list of people may stand in apposition to ("three people, a
	// man, a woman and a boy"). See persons.txt.
	kin, generic map[string]bool

	moneyBefore, money, percent, measure, duration, timeWords map[string]bool
	ageBefore, ageAfter, labelBefore, months, yearBefore      map[string]bool
	labelAfter, labelNumbers, frequency, ageThan              map[string]bool
	stop                                                      map[string]bool
}

type valueRange struct{ min, max int } // max < 0: unbounded

type exactValue struct {
	v      int
	person bool // the phrase names people: "no one"
}

type pluralScale struct{ min, max, unit int }

type modKind uint8

const (
	modNone modKind = iota
	modAtLeast
	modMoreThan
	modUpTo
	modLessThan
	modNearly
	modApprox
	modExact
)

var modKinds = map[string]modKind{
	"atleast": modAtLeast, "morethan": modMoreThan, "upto": modUpTo,
	"lessthan": modLessThan, "nearly": modNearly, "approx": modApprox,
	"exact": modExact,
}

var (
	lexOnce sync.Once
	theLex  *lexicon
)

// lex returns the parsed data files. They are part of the binary, so a
// syntax error in them is a programming error: it panics, and
// TestDataParse catches it before any release.
func lex() *lexicon {
	lexOnce.Do(func() {
		l, err := parseLexicon()
		if err != nil {
			panic("nlp: bad data file: " + err.Error())
		}
		theLex = l
	})
	return theLex
}

// sections reads a data file in the wordlist format.
func sections(name string) (map[string][]string, error) {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		return nil, err
	}
	return wordlist.Sections(string(b)), nil
}

func lowerSet(lines []string) map[string]bool {
	m := make(map[string]bool, len(lines))
	for _, l := range lines {
		m[strings.ToLower(l)] = true
	}
	return m
}

// splitLast cuts "a few 2 5" into the phrase "a few" and its n trailing
// fields.
func splitLast(line string, n int) (string, []string, bool) {
	f := strings.Fields(line)
	if len(f) <= n {
		return "", nil, false
	}
	return strings.ToLower(strings.Join(f[:len(f)-n], " ")), f[len(f)-n:], true
}

func atoiBound(s string) (int, error) {
	if s == "-" {
		return -1, nil
	}
	return strconv.Atoi(s)
}

func parseLexicon() (*lexicon, error) {
	l := &lexicon{}

	ab, err := sections("abbreviations.txt")
	if err != nil {
		return nil, err
	}
	l.titles = lowerSet(ab["titles"])
	l.numericAbbr = lowerSet(ab["numeric"])
	l.endingAbbr = lowerSet(ab["ending"])
	l.starters = lowerSet(ab["starters"])
	l.clockAbbr = lowerSet(ab["clock"])
	l.continuers = lowerSet(ab["continuers"])
	for _, set := range []map[string]bool{l.titles, l.numericAbbr, l.endingAbbr, l.clockAbbr} {
		for k := range set {
			if !strings.HasSuffix(k, ".") {
				return nil, fmt.Errorf("abbreviations.txt: %q lacks its final period", k)
			}
		}
	}

	num, err := sections("numbers.txt")
	if err != nil {
		return nil, err
	}
	valued := func(sec string) (map[string]int, error) {
		m := map[string]int{}
		for _, line := range num[sec] {
			w, f, ok := splitLast(line, 1)
			v, err := strconv.Atoi(f[0])
			if !ok || err != nil || v < 0 {
				return nil, fmt.Errorf("numbers.txt [%s]: bad line %q", sec, line)
			}
			m[w] = v
		}
		return m, nil
	}
	if l.units, err = valued("units"); err != nil {
		return nil, err
	}
	if l.tens, err = valued("tens"); err != nil {
		return nil, err
	}
	if l.scales, err = valued("scales"); err != nil {
		return nil, err
	}
	if l.suffixes, err = valued("suffixes"); err != nil {
		return nil, err
	}
	l.ordinalSuffixes = lowerSet(num["ordinal-suffixes"])

	vg, err := sections("vague.txt")
	if err != nil {
		return nil, err
	}
	l.vague = map[string]valueRange{}
	for _, line := range vg["vague"] {
		w, f, ok := splitLast(line, 2)
		if !ok {
			return nil, fmt.Errorf("vague.txt [vague]: bad line %q", line)
		}
		lo, err1 := atoiBound(f[0])
		hi, err2 := atoiBound(f[1])
		if err1 != nil || err2 != nil || lo < 0 || (hi >= 0 && hi < lo) {
			return nil, fmt.Errorf("vague.txt [vague]: bad range in %q", line)
		}
		l.vague[w] = valueRange{lo, hi}
		l.notePhrase(w)
	}
	l.exact = map[string]exactValue{}
	for _, line := range vg["exact"] {
		person := strings.HasSuffix(line, " people")
		line = strings.TrimSuffix(line, " people")
		w, f, ok := splitLast(line, 1)
		if !ok {
			return nil, fmt.Errorf("vague.txt [exact]: bad line %q", line)
		}
		v, err := strconv.Atoi(f[0])
		if err != nil || v < 0 {
			return nil, fmt.Errorf("vague.txt [exact]: bad line %q", line)
		}
		l.exact[w] = exactValue{v, person}
		l.notePhrase(w)
	}
	l.pluralScales = map[string]pluralScale{}
	for _, line := range vg["plural-scales"] {
		w, f, ok := splitLast(line, 3)
		if !ok {
			return nil, fmt.Errorf("vague.txt [plural-scales]: bad line %q", line)
		}
		var v [3]int
		for i := range v {
			if v[i], err = strconv.Atoi(f[i]); err != nil || v[i] <= 0 {
				return nil, fmt.Errorf("vague.txt [plural-scales]: bad number in %q", line)
			}
		}
		if v[1] < v[0] {
			return nil, fmt.Errorf("vague.txt [plural-scales]: max below min in %q", line)
		}
		l.pluralScales[w] = pluralScale{v[0], v[1], v[2]}
	}
	l.modifiers = map[string]modKind{}
	for _, line := range vg["modifiers"] {
		w, f, ok := splitLast(line, 1)
		k, known := modKinds[f[0]]
		if !ok || !known {
			return nil, fmt.Errorf("vague.txt [modifiers]: bad line %q", line)
		}
		l.modifiers[w] = k
		l.notePhrase(w)
	}

	l.particleAfter = lowerSet(vg["particle-after"])

	ps, err := sections("persons.txt")
	if err != nil {
		return nil, err
	}
	l.persons = map[string]bool{}
	for _, line := range ps["persons"] {
		sing, plur, irregular := strings.Cut(strings.ToLower(line), "|")
		sing, plur = lastWord(sing), lastWord(plur)
		if !irregular {
			plur = pluralize(sing)
		}
		if sing == "" || plur == "" {
			return nil, fmt.Errorf("persons.txt: bad line %q", line)
		}
		if sing != "-" {
			l.persons[sing] = true
		}
		if plur != "-" && !l.persons[plur] {
			l.persons[plur] = false
		}
	}

	l.adjectival = lowerSet(ps["adjectival"])
	l.kin = lowerSet(ps["kin"])
	l.generic = lowerSet(ps["generic"])
	for w := range l.adjectival {
		if _, ok := l.persons[w]; !ok {
			l.persons[w] = false
		}
	}

	un, err := sections("units.txt")
	if err != nil {
		return nil, err
	}
	l.moneyBefore = lowerSet(un["money-before"])
	l.money = lowerSet(un["money"])
	l.percent = lowerSet(un["percent"])
	l.measure = lowerSet(un["measure"])
	l.duration = lowerSet(un["duration"])
	l.timeWords = lowerSet(un["time"])
	l.ageBefore = lowerSet(un["age-before"])
	l.ageAfter = lowerSet(un["age-after"])
	l.labelBefore = lowerSet(un["label-before"])
	l.labelAfter = lowerSet(un["label-after"])
	l.labelNumbers = lowerSet(un["label-numbers"])
	l.frequency = lowerSet(un["frequency"])
	l.ageThan = lowerSet(un["age-than"])
	l.months = lowerSet(un["months"])
	l.yearBefore = lowerSet(un["year-before"])

	l.numStart = map[string]bool{"a": true, "an": true, "half": true}
	for _, m := range []map[string]int{l.units, l.tens} {
		for w := range m {
			l.numStart[w] = true
		}
	}
	for w := range l.vague {
		l.numStart[strings.Fields(w)[0]] = true
	}
	for w := range l.exact {
		l.numStart[strings.Fields(w)[0]] = true
	}
	for w := range l.pluralScales {
		l.numStart[strings.Fields(w)[0]] = true
	}

	sw, err := sections("stopwords.txt")
	if err != nil {
		return nil, err
	}
	l.stop = lowerSet(sw["stop"])
	return l, nil
}

// lastWord keeps the head of a multi-word noun ("aid worker" ->
// "worker"): the noun finder looks at one word at a time.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func (l *lexicon) notePhrase(p string) {
	if n := strings.Count(p, " ") + 1; n > l.maxPhrase {
		l.maxPhrase = n
	}
}

// pluralize is the regular English plural, enough for the nouns in
// persons.txt; irregular ones are spelled out there.
func pluralize(s string) string {
	if s == "-" || s == "" {
		return s
	}
	n := len(s)
	switch {
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	case n > 1 && s[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(s[n-2])):
		return s[:n-1] + "ies"
	}
	return s + "s"
}

// OnePerson reports a noun for one person in persons.txt: "cook",
// "bystander", "clerk" (lower case; a possessive "'s" is dropped).
func OnePerson(w string) bool {
	return lex().persons[personKey(w)]
}
