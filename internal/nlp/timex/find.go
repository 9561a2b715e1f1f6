// Package timex finds time expressions in English news text and normalises
// them to TIMEX3 values (TimeML), as a careful analyst reading the article
// would: "in January" in a page dated 2024-03-27 is 2024-01, "a month
// later" after "September 30, 2015" is 2015-10, "December 2016" is 2016-12
// (a month, not a made-up day).
//
// It is rule based and runs in one pass: the text is tokenised once, and at
// each token a fixed set of patterns, each looking at most a dozen tokens
// ahead, proposes an expression; the longest wins and the scan resumes after
// it. Time is linear in the text and there is no backtracking to go wrong.
// The cue words (month names, units, holidays...) are data, in words.txt.
//
// Relative expressions come in two kinds. Deictic ones ("yesterday", "last
// week", "two days ago", "on Friday") are anchored on the document creation
// time. Anaphoric ones ("a month later", "the next day", "that year") are
// anchored on the last calendar date the text itself gave, which starts as
// the document date; only a date that frames its clause ("In 2015, ...",
// "on March 3") becomes that anchor, not one that names a thing ("the 2014
// offensive"). A count after a date known only to the month is known only
// to the month ("two weeks later" after "March 2018" is 2018-03).
//
// A date written without a year ("March 12", "in January") takes the
// document's year, or the year before when that would put it more than
// about three months (a bare month: two months) after the document in a
// clause that does not look forward ("will", "is expected to"); a year
// named earlier in the same sentence, framing it, wins over both. A weekday
// written beside such a date picks the year ("Monday, June 11"). A bare
// weekday is the last one on or before the document date, or the first one
// on or after it if the clause looks forward (the document's own weekday is
// its day either way). These choices were checked on TempEval-3
// and on the incident dates of news about shootings (see cmd/sitrep
// `eval timex`); where the corpora disagreed the past-leaning reading was
// kept, since sitrep records events that have happened.
//
// Interval turns a calendar value back into the span of time it names, for
// comparing dates of different precision.
package timex

import (
	"strings"
	"time"
)

// Expr is one time expression found in a text.
type Expr struct {
	Start, End int    // byte offsets into the text, End exclusive
	Text       string // text[Start:End]
	Type       string // DATE, TIME, DURATION or SET
	Value      string // TIMEX3 value; "" when the expression names no real date (February 30)
	Mod        string // TIMEX3 mod: START, END, MID, APPROX, LESS_THAN, MORE_THAN...
	// Precision is the granularity of a calendar value: century, decade,
	// year, half, quarter, season, month, week, weekend, day, part_of_day,
	// minute; "" for durations, sets and PRESENT_REF-like values.
	Precision string
	Warning   string // why Value is empty, or what makes it doubtful (a weekday that does not match the date)
}

// Find returns the time expressions of text in order, without overlaps.
// anchor is the document creation time; a zero anchor leaves deictic
// expressions unresolved (their values use X for unknown digits).
func Find(text string, anchor time.Time) []Expr {
	out, _ := find(text, anchor)
	return out
}

// find is Find, also returning how many token look-ups the patterns made:
// the tests hold that to a constant per token, a check of linear time that
// a busy machine cannot upset.
func find(text string, anchor time.Time) ([]Expr, int) {
	m := newMatcher(text, anchor)
	var out []Expr
	for i := 0; i < len(m.t); {
		r := m.best(i)
		if r.end <= i {
			i++
			continue
		}
		if r.start < i {
			r.start = i // a pattern that looked back ("'90s") never reaches into the last expression
		}
		s, e := m.t[r.start].s, m.t[r.end-1].e
		x := Expr{Start: s, End: e, Text: text[s:e], Type: r.typ, Value: r.val, Mod: r.mod, Warning: r.warn}
		if r.p != nil {
			x.Value = r.p.value()
			x.Precision = r.p.g.String()
			if x.Value == "" && x.Warning == "" {
				x.Warning = "date out of range"
			}
			// Only a date that frames its clause ("In 2015, ...", "on
			// March 3", "last week") becomes the anchor of later anaphora;
			// one that names a thing ("the 2014 offensive") does not.
			frames := r.p.g >= gDay || !r.explicit || r.start == 0 || m.t[r.start-1].kind == kPunct ||
				m.is(r.start-1, "in", "on", "during", "throughout", "by", "until", "from", "since", "after", "before")
			if x.Value != "" && r.setRef && frames {
				m.ref = *r.p
				m.refTok = r.end
				m.refExplicit = r.explicit && (r.p.g >= gDay || m.is(r.start-1, "in", "on", "during", "throughout", "by", "until", "from"))
			}
			if r.setQ && x.Value != "" {
				m.lastQ = r.p
			}
		}
		out = append(out, x)
		i = r.end
	}
	return out, m.steps
}

// res is a candidate expression over tokens [start, end).
type res struct {
	start, end int
	typ        string
	p          *point // calendar value, if the expression has one
	val        string // value otherwise (durations, sets, *_REF)
	mod        string
	warn       string
	the        bool // may take a leading "the" ("the third quarter")
	qty        bool // counts units ("two years", "a week ago"): takes about/nearly/more than
	cal        bool // a calendar period: takes early/mid/late/the end of
	rel        bool // relative to now or the text ("this year", "today"): takes earlier/later
	setRef     bool // later anaphora anchor on this one
	explicit   bool // the year was written out
	setQ       bool // a quarter named in the text: "the quarter" later means it
}

func (r res) ok() bool { return r.end > r.start }

type matcher struct {
	text string
	t    []token
	dct  time.Time // anchor; zero when unknown
	hasD bool
	// ref is the anchor for anaphoric expressions: the last calendar date
	// the text gave (or the document date before any).
	ref         point
	refTok      int  // token index just after the expression that set ref
	refExplicit bool // ref came from a written-out year that frames its clause
	lastQ       *point
	nested      bool // reading the date inside "the day after <date>"
	steps       int  // token look-ups, for the linearity tests
}

func newMatcher(text string, anchor time.Time) *matcher {
	m := &matcher{text: text, t: tokenize(text), hasD: !anchor.IsZero()}
	if m.hasD {
		m.dct = anchor.UTC()
		m.ref = pDay(m.dct)
	}
	return m
}

// --- token helpers ---

func (m *matcher) w(i int) string {
	m.steps++
	if i < 0 || i >= len(m.t) || m.t[i].kind != kWord {
		return ""
	}
	return m.t[i].low
}

func (m *matcher) is(i int, words ...string) bool {
	w := m.w(i)
	if w == "" {
		return false
	}
	for _, x := range words {
		if w == x {
			return true
		}
	}
	return false
}

func (m *matcher) punct(i int, p string) bool {
	m.steps++
	return i >= 0 && i < len(m.t) && m.t[i].kind == kPunct && m.t[i].low == p
}

// glued reports whether token i touches token i-1 (no space between).
func (m *matcher) glued(i int) bool { return i > 0 && i < len(m.t) && !m.t[i].sp }

func (m *matcher) num(i int) (int, bool) {
	m.steps++
	if i < 0 || i >= len(m.t) || m.t[i].kind != kNum || m.t[i].n < 0 {
		return 0, false
	}
	return m.t[i].n, true
}

func (m *matcher) table(name string, i int) (string, bool) {
	w := m.w(i)
	if w == "" {
		return "", false
	}
	v, ok := lex[name][w]
	return v, ok
}

// phrase matches the longest multi-word cue of a table at token i.
func (m *matcher) phrase(name string, i int) (value string, end int, ok bool) {
	m.steps++
	w := m.w(i)
	if w == "" {
		if i < len(m.t) && m.t[i].kind == kPunct {
			w = m.t[i].low
		} else {
			return "", i, false
		}
	}
	for _, p := range phrases[name][w] {
		j := i
		for _, pw := range p.words {
			if j >= len(m.t) || m.t[j].low != pw {
				break
			}
			j++
		}
		if j-i == len(p.words) {
			return p.value, j, true
		}
	}
	return "", i, false
}

// hyphen skips a "-" glued to the tokens on both sides.
func (m *matcher) hyphen(i int) int {
	if m.punct(i, "-") && m.glued(i) && m.glued(i+1) {
		return i + 1
	}
	return i
}

// dot skips a "." glued to an abbreviation.
func (m *matcher) dot(i int) int {
	if m.punct(i, ".") && m.glued(i) {
		return i + 1
	}
	return i
}

// comma skips an optional ",".
func (m *matcher) comma(i int) int {
	if m.punct(i, ",") {
		return i + 1
	}
	return i
}

// future reports whether the clause around token i looks forward ("will",
// "is scheduled to", "is set to"), so that a bare "Friday" or "June" means the next one.
// The look back stops at a sentence's end and at a word that opens another
// clause ("after", "when", "who").
func (m *matcher) future(i int) bool {
	if m.pastVerbBefore(i) {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-12; j-- {
		if t := m.t[j]; t.kind == kPunct && (t.low == "." || t.low == "!" || t.low == "?" || t.low == ";") {
			break
		}
		if _, ok := m.table("future_cue", j); ok {
			return true
		}
		if _, end, ok := m.phrase("future_cue", j); ok && end <= i {
			return true // "is set to resume Monday"
		}
		if _, ok := m.table("future_stop", j); ok {
			return false
		}
	}
	return false
}

// pastVerbBefore reports whether the word just before token i (past an
// "on", "early" or "late") is a past participle or past tense that the
// time expression belongs to: "will release the name of the man shot
// Monday", "an autopsy will show how the woman found Sunday died". The
// event it dates has happened, whatever the clause around it looks forward
// to. A participle after "be", "remain", "stay" ([future_copula]: "will be
// arraigned Monday", "will remain closed Friday") is the look-forward
// clause's own and does not count; nor does a look-forward cue ending in
// -ed ("scheduled Monday", "planned").
func (m *matcher) pastVerbBefore(i int) bool {
	j := i - 1
	for j >= 0 && m.is(j, "on", "early", "late") {
		j--
	}
	w := m.w(j)
	if w == "" {
		return false
	}
	if _, ok := m.table("future_cue", j); ok {
		return false
	}
	_, irregular := m.table("past_participle", j)
	regular := len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed")
	if !irregular && !regular {
		return false
	}
	_, copula := m.table("future_copula", j-1)
	return !copula
}

// --- the dispatcher ---

// best returns the longest expression starting at token i, trying the
// optional "the" and the modifiers ("about", "early", "the end of") that
// may come before the core expression.
func (m *matcher) best(i int) res {
	var best res
	try := func(r res) {
		if r.ok() && (r.end > best.end || !best.ok()) {
			best = r
		}
	}
	try(m.core(i))
	the := m.is(i, "the")
	if the {
		if r := m.core(i + 1); r.ok() && r.the {
			r.start = i
			try(r)
		}
	}
	// A modifier before the expression, itself perhaps after "the": "about
	// two years", "the end of 1990", "the late 1970s", "mid-1996".
	for _, j := range []int{i, i + 1} {
		if j == i+1 && !the {
			break
		}
		mod, k, ok := m.phrase("mod", j)
		if !ok {
			continue
		}
		k = m.hyphen(k)
		inner := false
		if m.is(k, "the") {
			k++
			inner = true
		}
		r := m.core(k)
		if !r.ok() || (inner && !r.the) || !modFits(mod, m.w(j), r) {
			continue
		}
		if j == i+1 && !(r.cal && (mod == "START" || mod == "MID" || mod == "END")) {
			continue
		}
		r.start = i
		r.mod = mod
		try(r)
	}
	if best.ok() {
		best = m.postMod(best)
	}
	return best
}

// modFits says whether a modifier word can qualify an expression: amounts
// for counts, early/mid/late for calendar periods, earlier/later for
// expressions relative to now.
func modFits(mod, word string, r res) bool {
	switch mod {
	case "START", "MID", "END":
		if word == "earlier" || word == "later" {
			return r.rel
		}
		return r.cal || r.rel
	}
	return r.qty
}

// postMod takes "or so", "or later", "or more" after an expression.
func (m *matcher) postMod(r res) res {
	if !m.is(r.end, "or") {
		return r
	}
	switch m.w(r.end + 1) {
	case "so":
		r.mod = "APPROX"
	case "later", "after":
		if r.typ != "DATE" {
			return r
		}
		r.mod = "ON_OR_AFTER"
	case "earlier", "before":
		if r.typ != "DATE" {
			return r
		}
		r.mod = "ON_OR_BEFORE"
	case "more", "longer":
		if r.typ != "DURATION" {
			return r
		}
		r.mod = "EQUAL_OR_MORE"
	default:
		return r
	}
	r.end += 2
	return r
}

// core tries every pattern at token i and keeps the longest.
func (m *matcher) core(i int) res {
	if i >= len(m.t) {
		return res{}
	}
	var best res
	try := func(r res) {
		if r.ok() && r.end > best.end {
			best = r
		}
	}
	t := m.t[i]
	if t.kind == kWord && skipNonStarters && !starters[t.low] {
		return res{}
	}
	switch t.kind {
	case kNum:
		try(m.numericDate(i))
		try(m.clock(i))
		try(m.dayMonth(i))
		try(m.decadeOrCentury(i))
		try(m.duration(i))
		try(m.year(i))
	case kWord:
		try(m.monthDate(i))
		try(m.spokenYear(i))
		try(m.weekday(i))
		try(m.deictic(i))
		try(m.relative(i))
		try(m.quarter(i))
		try(m.duration(i))
		try(m.season(i))
		try(m.holiday(i))
		try(m.set(i))
		try(m.misc(i))
		try(m.clock(i))
		try(m.decadeOrCentury(i))
		try(m.dayMonth(i))
	case kPunct:
		if t.low == "'" {
			try(m.decadeOrCentury(i))
		}
	}
	return best
}
