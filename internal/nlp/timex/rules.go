package timex

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// This file holds the patterns. Each takes the token index where an
// expression might start and returns a candidate (or the zero res). They
// look a bounded number of tokens ahead and never recurse into themselves,
// so a scan stays linear.

// numericDate: 2024-03-14, 3/14/2024, 14/3/2024, 14.03.2024.
func (m *matcher) numericDate(i int) res {
	if i+4 >= len(m.t) {
		return res{}
	}
	a, b, c := m.t[i], m.t[i+2], m.t[i+4]
	sep := m.t[i+1].low
	if m.t[i+1].kind != kPunct || m.t[i+3].low != sep || b.kind != kNum || c.kind != kNum ||
		!m.glued(i+1) || !m.glued(i+2) || !m.glued(i+3) || !m.glued(i+4) || a.suf != "" || b.suf != "" || c.suf != "" {
		return res{}
	}
	if sep != "-" && sep != "/" && sep != "." {
		return res{}
	}
	if i > 0 && m.glued(i) && (m.t[i-1].kind == kNum || m.punct(i-1, "/") || m.punct(i-1, ".")) {
		return res{}
	}
	var y, mo, d int
	switch {
	case a.ndig == 4 && b.ndig <= 2 && c.ndig <= 2 && sep != ".":
		y, mo, d = a.n, b.n, c.n
	case a.ndig <= 2 && b.ndig <= 2 && (c.ndig == 4 || c.ndig == 2) && sep != "-":
		y = c.n
		if c.ndig == 2 {
			y = m.century2(c.n)
		}
		mo, d = a.n, b.n
		if sep == "." || a.n > 12 && b.n <= 12 {
			mo, d = b.n, a.n
		}
	default:
		return res{}
	}
	r := res{start: i, end: i + 5, typ: "DATE", explicit: true, setRef: true, cal: true}
	if y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) {
		r.warn = fmt.Sprintf("no such date: year %d, month %d, day %d", y, mo, d)
		return r
	}
	p := pDay(ymd(y, mo, d))
	r.p = &p
	return r
}

// clock: "10 p.m.", "10:30 a.m. EST", "noon", "14:30 GMT", "4 in the
// morning", optionally followed by the day ("10 p.m. Wednesday").
func (m *matcher) clock(i int) res {
	hh, mm, j := -1, 0, i
	if v, end, ok := m.phrase("clock", i); ok {
		hh, _ = strconv.Atoi(v[:2])
		j = end
	} else if h, ok := m.num(i); ok && (m.t[i].ndig <= 2 || m.t[i].ndig == 4) && !m.partOfNumber(i) || ok && m.punct(i+1, ":") {
		if i > 0 && m.glued(i) && m.t[i-1].kind == kNum {
			return res{}
		}
		j = i + 1
		hasMin := false
		if m.t[i].suf == "" && m.punct(j, ":") && m.glued(j) && m.glued(j+1) && j+1 < len(m.t) && m.t[j+1].kind == kNum && m.t[j+1].ndig == 2 {
			mm, hasMin = m.t[j+1].n, true
			j += 2
			if m.punct(j, ":") && m.glued(j) && j+1 < len(m.t) && m.t[j+1].kind == kNum && m.t[j+1].ndig == 2 && m.glued(j+1) {
				j += 2
			}
		}
		ampm := m.t[j-1].suf
		if ampm == "" {
			switch m.w(j) {
			case "a.m.", "a.m", "am":
				ampm, j = "am", j+1
			case "p.m.", "p.m", "pm":
				ampm, j = "pm", j+1
			}
		}
		switch {
		case ampm == "am" || ampm == "pm":
			if h < 1 || h > 12 || mm > 59 {
				return res{}
			}
			if ampm == "pm" && h != 12 {
				h += 12
			} else if ampm == "am" && h == 12 {
				h = 0
			}
		case ampm == "h" && !hasMin && h <= 24:
		case m.t[i].ndig == 4 && !hasMin && ampm == "":
			// "1430 GMT", "0600 hours": military time.
			_, _, tz := m.phrase("timezone", j)
			if !tz && !m.is(j, "hrs", "hours") {
				return res{}
			}
			h, mm = h/100, h%100
			if h > 23 || mm > 59 {
				return res{}
			}
			if m.is(j, "hrs", "hours") {
				j++
			}
		case ampm != "":
			return res{}
		case m.is(j, "o") && m.punct(j+1, "'") && m.is(j+2, "clock") && h >= 1 && h <= 12:
			j += 3
		case m.is(j, "in") && m.is(j+1, "the") && m.is(j+2, "morning", "afternoon", "evening") && h >= 1 && h <= 12:
			if !m.is(j+2, "morning") && h != 12 {
				h += 12
			}
			j += 3
		case hasMin && h <= 23 && mm <= 59:
			_, _, tz := m.phrase("timezone", j)
			if !tz && !m.is(i-1, "at", "by", "until", "till", "from", "before", "after", "around", "about", "since") {
				return res{}
			}
		default:
			return res{}
		}
		if h > 24 || mm > 59 {
			return res{}
		}
		hh = h
	} else {
		return res{}
	}
	if _, end, ok := m.phrase("timezone", j); ok {
		j = end
	}
	r := res{start: i, end: j, typ: "TIME", setRef: true}
	day := m.ref
	if !day.valid() || day.g < gDay {
		if !m.hasD {
			r.warn = "no document date"
			return r
		}
		day = m.today()
	}
	// The day may follow: "10 p.m. Wednesday", "noon today", "5 p.m. EST,
	// Nov. 6", "12:45 a.m. last Saturday".
	k := j
	if m.is(k, "on") || m.punct(k, ",") {
		k++
	}
	var d res
	for _, f := range []func(int) res{m.weekday, m.deictic, m.monthDate, m.dayMonth, m.relative} {
		if c := f(k); c.ok() && c.p != nil && c.p.g >= gDay && c.end > d.end {
			d = c
		}
	}
	if d.ok() {
		day, r.end = *d.p, d.end
	}
	p := point{t: day.t, g: gMinute, code: fmt.Sprintf("%02d:%02d", hh, mm)}
	r.p = &p
	return r
}

// dayMonth: "14 March 2024", "the 14th of March", "3 Dec.".
func (m *matcher) dayMonth(i int) res {
	d, j, ok := m.dayAt(i)
	if !ok {
		return res{}
	}
	if m.is(j, "of") {
		j++
	}
	mo, k, abbr, ok := m.monthAt(j)
	if !ok {
		return res{}
	}
	y, e, hasY := m.yearAt(m.comma(k))
	if !m.monthOK(j, k, abbr, true) {
		return res{}
	}
	r := res{start: i, end: k, typ: "DATE", the: true, setRef: true, cal: true}
	if hasY {
		r.end, r.explicit = e, true
	} else {
		y, ok = m.inferYear(i, mo, d)
		if !ok {
			r.warn = "no document date"
			return r
		}
	}
	return m.dayValue(r, y, mo, d)
}

func (m *matcher) dayValue(r res, y, mo, d int) res {
	if d > daysIn(y, mo) || y < 1 {
		r.warn = fmt.Sprintf("no such date: %d-%02d-%02d", y, mo, d)
		return r
	}
	p := pDay(ymd(y, mo, d))
	r.p = &p
	return r
}

// monthDate: "March 12", "Nov. 25, 1989", "December 2016", "March of
// 2024", "October".
func (m *matcher) monthDate(i int) res {
	mo, j, abbr, ok := m.monthAt(i)
	if !ok {
		return res{}
	}
	r := res{start: i, typ: "DATE", setRef: true, cal: true, the: false}
	// Month and day, perhaps a year.
	if d, k, ok := m.dayAt(j); ok && m.t[j].kind == kNum && !(m.punct(k, ":") && m.glued(k) && k+1 < len(m.t) && m.t[k+1].kind == kNum && m.glued(k+1)) && !m.is(k, "a.m.", "p.m.", "am", "pm") {
		if !m.monthOK(i, j, abbr, true) {
			return res{}
		}
		r.end = k
		k2 := k
		if m.punct(k2, ",") {
			k2++
		}
		if y, e, ok := m.yearAt(k2); ok {
			r.end, r.explicit = e, true
			return m.dayValue(r, y, mo, d)
		}
		y, ok := m.inferYear(i, mo, d)
		if !ok {
			r.warn = "no document date"
			return r
		}
		return m.dayValue(r, y, mo, d)
	}
	// Month and year.
	k := j
	if m.is(k, "of") || m.punct(k, ",") {
		k++
	}
	if y, e, ok := m.yearAt(k); ok && m.monthOK(i, j, abbr, true) {
		r.end, r.explicit = e, true
		p := pMonth(y, mo)
		r.p = &p
		return r
	}
	if sy := m.spokenYear(k); sy.ok() && m.monthOK(i, j, abbr, true) {
		r.end, r.explicit = sy.end, true
		p := pMonth(sy.p.t.Year(), mo)
		r.p = &p
		return r
	}
	// "July last year", "March this year".
	if m.is(j, "last", "this", "next") && m.is(j+1, "year") && m.hasD && m.monthOK(i, j, abbr, true) {
		r.end = j + 2
		p := pMonth(m.dct.Year()+map[string]int{"last": -1, "this": 0, "next": 1}[m.w(j)], mo)
		r.p = &p
		return r
	}
	// The month alone.
	if !m.monthOK(i, j, abbr, false) {
		return res{}
	}
	if _, street := m.table("not_after_month", j); street && j < len(m.t) && m.t[j].cap {
		return res{} // "March Street", "May Avenue"
	}
	if _, verb := m.table("month_verb", i); verb && !m.dateContext(i) {
		return res{}
	}
	r.end = j
	y, ok := m.inferYear(i, mo, 0)
	if !ok {
		r.warn = "no document date"
		return r
	}
	p := pMonth(y, mo)
	r.p = &p
	return r
}

// weekday: "Friday", "Friday morning", "Monday, Oct. 26", "Tuesday nights".
func (m *matcher) weekday(i int) res {
	v, ok := m.table("weekday", i)
	if !ok {
		return res{}
	}
	wd, _ := strconv.Atoi(v)
	w := m.w(i)
	full := len(w) >= 6
	j := i + 1
	if !full {
		j = m.dot(j)
	}
	// With the date: "Monday, Oct. 26", "Fri 3 May 2024".
	k := m.comma(j)
	var d res
	for _, f := range []func(int) res{m.monthDate, m.dayMonth} {
		if c := f(k); c.ok() && c.p != nil && c.p.g == gDay && c.end > d.end {
			d = c
		}
	}
	if d.ok() {
		d.start = i
		return m.matchWeekday(d, wd)
	}
	if !full && !m.weekdayAbbr(i, j) {
		return res{} // "Sun", "Wed" need a date after them or a weekday's context
	}
	if _, ok := m.table("not_before_weekday", i-1); ok {
		return res{}
	}
	if _, _, ok := m.phrase("not_after_weekday", j); ok && m.t[j].cap {
		return res{}
	}
	// Every week: "Tuesdays", "Tuesday nights".
	pod, podOK := m.table("part_of_day", j)
	if full && w[len(w)-1] == 's' || podOK && m.w(j)[len(m.w(j))-1] == 's' {
		r := res{start: i, end: j, typ: "SET", val: fmt.Sprintf("XXXX-WXX-%d", wd)}
		if podOK {
			r.end, r.val = j+1, r.val+"T"+pod
		}
		return r
	}
	// Not cal or rel: "earlier Friday", "late Monday" leave the modifier
	// out of the expression, as TimeBank annotates them.
	r := res{start: i, end: j, typ: "DATE", setRef: true}
	if !m.hasD {
		r.warn = "no document date"
		return r
	}
	p := m.weekdayDate(i, wd)
	if podOK {
		p = point{t: p.t, g: gPartOfDay, code: pod}
		r.end = j + 1
	}
	r.p = &p
	return r
}

// weekdayAbbr reports whether the abbreviated weekday at i (its full stop,
// if any, ending before j) names a day: capitalised, and either after a
// word that introduces a day ("on Tues", "late Thurs.") or, for the
// abbreviations that are no English word, with its full stop ("Tues.").
// The ones that are words ([weekday_word]: "sat", "wed", "sun") take the
// full stop only with a part of the day after it ("Sat. night"), and
// without one never before a capitalised word ("on Sun Valley").
func (m *matcher) weekdayAbbr(i, j int) bool {
	if !m.t[i].cap {
		return false
	}
	_, ctx := m.table("weekday_context", i-1)
	_, word := m.table("weekday_word", i)
	dotted := j > i+1
	if !dotted && ctx && word && j < len(m.t) && m.t[j].cap && m.t[j].kind != kPunct {
		return false
	}
	if ctx {
		return true
	}
	if !dotted {
		return false
	}
	if !word {
		return true
	}
	_, pod := m.table("part_of_day", j)
	return pod
}

// matchWeekday checks a written weekday against its date. When the year
// was guessed, the weekday picks it: "Monday, June 11" read in 2020 is
// 2018-06-11 (the nearest earlier June 11 on a Monday; the nearest later
// one if the clause looks forward). When the
// year was written, a mismatch is only reported.
func (m *matcher) matchWeekday(d res, wd int) res {
	if isoWeekday(d.p.t) == wd {
		return d
	}
	if d.explicit {
		d.warn = "the weekday does not match the date"
		return d
	}
	t := d.p.t
	dir := []int{-1, 1}
	if m.future(d.start) {
		dir = []int{1, -1}
	}
	// The calendar repeats within 28 years; February 29 within more.
	for _, sign := range dir {
		for k := 1; k <= 28; k++ {
			c := time.Date(t.Year()+sign*k, t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			if c.Day() == t.Day() && isoWeekday(c) == wd {
				p := pDay(c)
				d.p = &p
				return d
			}
		}
	}
	d.warn = "the weekday does not match the date"
	return d
}

// deictic: "today", "yesterday morning", "tonight", "now", "the future".
func (m *matcher) deictic(i int) res {
	if v, end, ok := m.phrase("phrase", i); ok {
		return res{start: i, end: end, typ: "DATE", val: v}
	}
	if v, ok := m.table("ref", i); ok {
		return res{start: i, end: i + 1, typ: "DATE", val: v}
	}
	// "current", "recent" before a noun ("the current crisis", "recent
	// clashes") place it in the present or the recent past.
	if v, ok := m.table("ref_adjective", i); ok && m.w(i+1) != "" {
		return res{start: i, end: i + 1, typ: "DATE", val: v}
	}
	w := m.w(i)
	off := 0
	j := i + 1
	switch {
	case w == "tonight":
		return m.dayPart(res{start: i, end: j, typ: "TIME", rel: true, setRef: true}, m.today(), "NI")
	case m.is(i, "the") && m.is(i+1, "day") && m.is(i+2, "before", "after") && m.is(i+3, "yesterday", "tomorrow"):
		off = -2
		if m.is(i+3, "tomorrow") {
			off = 2
		}
		j = i + 4
	default:
		v, ok := m.table("day_offset", i)
		if !ok {
			return res{}
		}
		off, _ = strconv.Atoi(v)
	}
	r := res{start: i, end: j, typ: "DATE", rel: true, cal: true, setRef: true}
	if !m.hasD {
		r.warn = "no document date"
		return r
	}
	p := pDay(m.dct.AddDate(0, 0, off))
	if pod, ok := m.table("part_of_day", j); ok && pod != "" && m.w(j)[len(m.w(j))-1] != 's' {
		r.end, r.typ = j+1, "TIME"
		return m.dayPart(r, p, pod)
	}
	r.p = &p
	return r
}

func (m *matcher) dayPart(r res, day point, code string) res {
	if !day.valid() {
		r.warn = "no document date"
		return r
	}
	p := point{t: day.t, g: gPartOfDay, code: code}
	r.p = &p
	return r
}

// qualifiers of relative expressions: which anchor (document date or the
// text's last date), how many units away, and whether "the" may precede.
type qual struct {
	anaphoric bool
	off       int
	the       bool
	n         int // tokens
}

func (m *matcher) qualifier(i int) (qual, bool) {
	switch m.w(i) {
	case "this":
		switch m.w(i + 1) {
		case "past", "last":
			return qual{off: -1, n: 2}, true
		case "coming", "next":
			return qual{off: 1, n: 2}, true
		}
		return qual{n: 1}, true
	case "current", "present":
		return qual{the: true, n: 1}, true
	case "last", "past":
		return qual{off: -1, the: true, n: 1}, true
	case "latest":
		return qual{off: -1, the: true, n: 1}, true
	case "next":
		if m.is(i-1, "the") {
			return qual{anaphoric: true, off: 1, the: true, n: 1}, true
		}
		return qual{off: 1, n: 1}, true
	case "coming", "upcoming":
		return qual{off: 1, the: true, n: 1}, true
	case "following", "subsequent":
		// Without "the" it is a preposition: "died following Thursday
		// night's shooting" is that Thursday, not the one after.
		if !m.is(i-1, "the") {
			return qual{}, false
		}
		return qual{anaphoric: true, off: 1, the: true, n: 1}, true
	case "previous", "preceding", "prior":
		return qual{anaphoric: true, off: -1, the: true, n: 1}, true
	case "that":
		if m.is(i+1, "same") {
			return qual{anaphoric: true, n: 2}, true
		}
		return qual{anaphoric: true, n: 1}, true
	case "same":
		return qual{anaphoric: true, the: true, n: 1}, true
	}
	return qual{}, false
}

// relative: "last year", "this week", "the next day", "last April",
// "next Friday", "this summer", "last night", "that year".
func (m *matcher) relative(i int) res {
	q, ok := m.qualifier(i)
	if !ok {
		return res{}
	}
	j := i + q.n
	r := res{start: i, end: j + 1, typ: "DATE", the: q.the, rel: true, cal: true, setRef: true}
	base := m.ref
	if !q.anaphoric {
		if !m.hasD {
			base = point{}
		} else {
			base = m.today()
		}
	}
	fail := func() res {
		r.warn = "no anchor date"
		return r
	}
	set := func(p point) res {
		r.p = &p
		return r
	}
	if u, plural, _, ok := m.unitAt(j); ok && !plural {
		if !base.valid() {
			return fail()
		}
		switch u {
		case "Y":
			return set(base.at(gYear).shift(q.off, "Y"))
		case "M":
			return set(base.at(gMonth).shift(q.off, "M"))
		case "W":
			return set(base.at(gWeek).shift(q.off, "W"))
		case "D":
			if !q.anaphoric {
				return res{}
			}
			p := base.shift(q.off, "D")
			if p.g > gDay {
				p = p.at(gDay)
			}
			return set(p)
		case "Q":
			if m.w(i) == "latest" && m.lastQ != nil {
				return set(*m.lastQ)
			}
			return set(base.at(gQuarter).shift(q.off, "Q"))
		case "DE":
			return set(base.at(gDecade).shift(q.off, "DE"))
		case "CE":
			return set(base.at(gCentury).shift(q.off, "CE"))
		case "WE":
			return set(m.weekend(base, q.off, i))
		}
		return res{}
	}
	if mo, k, _, ok := m.monthAt(j); ok {
		if !base.valid() {
			return fail()
		}
		if _, verb := m.table("month_verb", j); verb && !m.t[j].cap {
			return res{}
		}
		r.end = k
		y := base.t.Year()
		bm := int(base.t.Month())
		switch {
		case q.off < 0 && mo >= bm:
			y--
		case q.off > 0 && mo <= bm:
			y++
		}
		// "last Oct. 23": the day too.
		if d, e, ok := m.dayAt(k); ok && k < len(m.t) && m.t[k].kind == kNum {
			r.end = e
			return m.dayValue(r, y, mo, d)
		}
		return set(pMonth(y, mo))
	}
	full := len(m.w(j)) >= 6
	_, word := m.table("weekday_word", j)
	abbr := !full && j < len(m.t) && m.t[j].cap && (!word || m.dot(j+1) > j+1) // "last Thurs", "next Sat." (not "that Sun")
	if v, ok := m.table("weekday", j); ok && (full && m.w(j)[len(m.w(j))-1] != 's' || abbr) {
		if !base.valid() {
			return fail()
		}
		if !full {
			r.end = m.dot(j + 1) // "last Thurs."
		}
		wd, _ := strconv.Atoi(v)
		t := base.t
		cur := isoWeekday(t)
		var d time.Time
		switch {
		case q.off < 0:
			back := (cur - wd + 7) % 7
			if back == 0 {
				back = 7
			}
			d = t.AddDate(0, 0, -back)
		case q.off > 0:
			fwd := (wd - cur + 7) % 7
			if fwd == 0 {
				fwd = 7
			}
			d = t.AddDate(0, 0, fwd)
		default:
			d = t.AddDate(0, 0, wd-cur)
		}
		p := pDay(d)
		if pod, ok := m.table("part_of_day", r.end); ok {
			r.end++
			p = point{t: p.t, g: gPartOfDay, code: pod}
		}
		return set(p)
	}
	if s, ok := m.table("season", j); ok {
		if !base.valid() {
			return fail()
		}
		mode := seasonThis
		switch {
		case q.off < 0:
			mode = seasonLast
		case q.off > 0:
			mode = seasonNext
		}
		if q.anaphoric {
			// "that summer", "the following winter": of the text's year.
			y := base.t.Year() + q.off
			return set(pSeason(y, s))
		}
		return set(pSeason(seasonYear(base.t, s, mode), s))
	}
	if pod, ok := m.table("part_of_day", j); ok && m.w(j)[len(m.w(j))-1] != 's' {
		if !base.valid() {
			return fail()
		}
		day := base
		if day.g < gDay {
			return res{}
		}
		r.typ = "TIME"
		off := q.off
		if m.w(i) == "last" && pod == "NI" {
			off = -1
		} else if !q.anaphoric && off != 0 {
			return res{}
		}
		return m.dayPart(r, pDay(day.t.AddDate(0, 0, off)), pod)
	}
	return res{}
}

// weekend: "this weekend" is the one of the document's week, "the
// weekend"/"last weekend" the one just past (or the current one when the
// document is dated on it), "next weekend" the one after.
func (m *matcher) weekend(base point, off, i int) point {
	t := base.t
	wd := isoWeekday(t)
	if off >= 0 && (m.w(i) == "this" || m.w(i) == "coming" || m.w(i) == "upcoming") {
		off = 0
	} else if off < 0 && wd >= 6 {
		off = 0
	}
	return point{t: t.AddDate(0, 0, 7*off), g: gWeekend}
}

// quarter: "the third quarter", "third-quarter", "the fiscal first
// quarter", "the fourth quarter of 1989", "next year's first quarter",
// "the first half", "Q3 2024", "the year-earlier quarter".
func (m *matcher) quarter(i int) res {
	j := i
	yearOff, hasYear, year := 0, false, 0
	r := res{start: i, typ: "DATE", the: true, cal: true, setRef: true}
	// "this year's", "1989's", "the 1988".
	if y, e, ok := m.yearAt(j); ok {
		year, hasYear, j = y, true, e
		if m.punct(j, "'") && m.is(j+1, "s") {
			j += 2
		}
	} else if m.is(j, "this", "last", "next") && m.is(j+1, "year") && m.punct(j+2, "'") && m.is(j+3, "s") {
		yearOff = map[string]int{"this": 0, "last": -1, "next": 1}[m.w(j)]
		j += 4
	}
	if m.is(j, "year") && m.punct(j+1, "-") && m.is(j+2, "earlier", "ago") || m.is(j, "year") && m.is(j+1, "earlier", "ago") {
		// "the year-earlier quarter", "year-ago period", "year-earlier".
		k := m.hyphen(j+1) + 1
		if m.is(j+1, "earlier", "ago") {
			k = j + 2
		}
		r.end = k
		if n, e, ok := m.ordinalAt(k); ok && n <= 4 {
			k = m.hyphen(e)
		}
		if m.is(k, "quarter", "period") {
			r.end = k + 1
		}
		if m.lastQ != nil {
			p := m.lastQ.shift(-1, "Y")
			r.p = &p
		} else if m.hasD {
			p := pYear(m.dct.Year() - 1)
			r.p = &p
		} else {
			r.warn = "no document date"
		}
		r.setRef = false
		return r
	}
	if m.is(j, "fiscal") {
		j = m.hyphen(j + 1)
	}
	n, k, ok := m.ordinalAt(j)
	if !ok && m.is(j, "last") {
		n, k, ok = -1, j+1, true
	}
	if !ok {
		// "Q3", "Q3 2024".
		if m.is(j, "q") && j+1 < len(m.t) && m.glued(j+1) && m.t[j+1].kind == kNum && m.t[j+1].n >= 1 && m.t[j+1].n <= 4 && m.t[j+1].suf == "" && m.t[j].cap {
			n, k = m.t[j+1].n, j+2
			r.end = k
			if y, e, ok := m.yearAt(k); ok {
				year, hasYear, r.end = y, true, e
			}
			return m.quarterValue(r, n, "Q", hasYear, year, yearOff)
		}
		return res{}
	}
	if h := m.hyphen(k); h > k {
		k, r.the = h, false // "the third-quarter loss": the "the" is the noun's
	}
	if m.is(k, "fiscal") {
		k = m.hyphen(k + 1)
	}
	unit := ""
	switch {
	case m.is(k, "quarter") && (n >= 1 && n <= 4 || n == -1):
		unit = "Q"
		if n == -1 {
			n = 4
		}
	case m.is(k, "half") && (n >= 1 && n <= 2 || n == -1):
		unit = "H"
		if n == -1 {
			n = 2
		}
	default:
		return res{}
	}
	r.end = k + 1
	// "of 1989", "of this year", "of next year".
	if m.is(r.end, "of") {
		if y, e, ok := m.yearAt(r.end + 1); ok {
			year, hasYear, r.end = y, true, e
		} else if m.is(r.end+1, "this", "last", "next") && m.is(r.end+2, "year") {
			yearOff = map[string]int{"this": 0, "last": -1, "next": 1}[m.w(r.end+1)]
			r.end += 3
		} else if m.is(r.end+1, "the") && m.is(r.end+2, "year") {
			r.end += 3
		}
	} else if y, e, ok := m.yearAt(r.end); ok {
		year, hasYear, r.end = y, true, e
	}
	return m.quarterValue(r, n, unit, hasYear, year, yearOff)
}

func (m *matcher) quarterValue(r res, n int, unit string, hasYear bool, year, yearOff int) res {
	if !hasYear {
		switch {
		case m.ref.valid() && m.refExplicit && m.sameSentence(m.refTok, r.start):
			year = m.ref.t.Year()
		case m.hasD:
			year = m.dct.Year()
		default:
			r.warn = "no document date"
			return r
		}
		year += yearOff
	} else {
		r.explicit = true
	}
	var p point
	if unit == "Q" {
		p = pQuarter(year, n)
		r.setQ = true
	} else {
		p = point{t: ymd(year, 6*n-5, 1), g: gHalf, code: strconv.Itoa(n)}
	}
	r.p = &p
	return r
}

var unitAbbr = map[string]bool{"yr": true, "yrs": true, "hr": true, "hrs": true, "min": true, "mins": true, "sec": true, "secs": true}

// durQualifiers may come before a counted duration: "the past three
// months", "the first nine months", "the next two weeks".
var durQualifiers = map[string]bool{
	"past": true, "last": true, "next": true, "first": true, "coming": true, "previous": true,
	"latest": true, "recent": true, "final": true, "following": true, "remaining": true, "initial": true,
}

// duration: "18 months", "two-year", "the past three months", "a few
// days", "nearly forty years"; with "ago" a date before the document date
// ("two days ago"), with "later"/"earlier" one from the text's last date
// ("a month later").
func (m *matcher) duration(i int) res {
	j := i
	qualified := false
	if durQualifiers[m.w(j)] {
		j++
		qualified = true
	}
	n, vague, isA, k, ok := m.quantity(j)
	if !ok {
		// "days ago", "years later": some time before or after.
		if u, plural, e, ok := m.unitAt(j); ok && plural && !qualified && u != "WE" && u != "H" && !unitAbbr[m.w(j)] && m.is(e, "ago") {
			return res{start: i, end: e + 1, typ: "DATE", val: "PAST_REF"}
		}
		// A bare plural after "for", "within"...: "for weeks", "within days".
		if u, plural, e, ok := m.unitAt(j); ok && plural && !qualified && u != "WE" && u != "H" && u != "Q" &&
			!unitAbbr[m.w(j)] && m.is(j-1, "for", "within", "over", "in", "after", "took", "take", "takes", "lasted", "spent") {
			if m.punct(e, "-") && m.glued(e) && m.is(e+1, "long") {
				e += 2
			}
			return res{start: i, end: e, typ: "DURATION", qty: true, val: durValue(0, true, u)}
		}
		return res{}
	}
	if m.is(k, "more", "additional", "further", "full", "straight", "consecutive", "long") {
		k++
	}
	hy := m.hyphen(k)
	u, plural, e, ok := m.unitAt(hy)
	if !ok || u == "WE" {
		return res{}
	}
	if isA && (plural || u == "TS" || u == "Q" || u == "H") || isA && qualified {
		return res{}
	}
	if vague && !plural {
		return res{}
	}
	if u == "H" {
		return res{}
	}
	if unitAbbr[m.w(hy)] && m.t[j].kind != kNum {
		return res{} // "yr", "hr", "min" only after digits
	}
	if m.t[hy].cap && !m.t[j].cap && j > 0 && !(m.t[j-1].kind == kPunct && strings.Contains(".:!?\"", m.t[j-1].low)) {
		return res{} // a title: "on 60 Minutes"
	}
	if u == "Q" && m.is(e, "of") && !qualified {
		if _, _, ok := m.yearAt(e + 1); !ok {
			return res{} // "three-quarters of the vote" is a fraction
		}
	}
	if m.punct(e, "-") && m.glued(e) && m.is(e+1, "earlier", "ago") {
		return res{} // "a year-earlier quarter" is the quarter's
	}
	if m.punct(e, "-") && m.glued(e) && m.is(e+1, "old") || m.is(e, "old") {
		return res{} // an age ("a 6-year-old boy") is not a time of the story
	}
	if m.punct(e, "-") && m.glued(e) && m.is(e+1, "long") {
		e += 2
	}
	if m.is(e, "and") && m.is(e+1, "a") && m.is(e+2, "half") && !vague {
		n += 0.5
		e += 3
	}
	// An adjectival count ("the two-year deal") leaves "the" to the noun.
	r := res{start: i, end: e, typ: "DURATION", the: hy == k, qty: true, val: durValue(n, vague, u)}
	// "ago", "later", "earlier", "from now".
	switch {
	case m.is(e, "ago") && !qualified:
		r.end = e + 1
		r.typ = "DATE"
		if vague {
			r.val = "PAST_REF"
			return r
		}
		if !m.hasD {
			r.warn = "no document date"
			return r
		}
		return m.countFrom(r, m.today(), -n, u, true)
	case m.is(e, "from") && m.is(e+1, "now") && !qualified:
		r.end = e + 2
		r.typ = "DATE"
		if vague {
			r.val = "FUTURE_REF"
			return r
		}
		if !m.hasD {
			r.warn = "no document date"
			return r
		}
		return m.countFrom(r, m.today(), n, u, true)
	case m.is(e, "later", "earlier") && !qualified && !vague:
		r.end = e + 1
		r.typ = "DATE"
		if !m.ref.valid() {
			r.warn = "no anchor date"
			return r
		}
		s := n
		if m.is(e, "earlier") {
			s = -n
		}
		return m.countFrom(r, m.ref, s, u, false)
	}
	return r
}

// countFrom is the date n units from base, at the granularity the unit
// gives ("two days ago" a day, "a month later" a month) but never finer
// than base ("a month after 2015" is not a month). A year before a quarter
// is that quarter a year earlier (earnings reports compare quarters).
func (m *matcher) countFrom(r res, base point, n float64, u string, deictic bool) res {
	if n != math.Trunc(n) {
		r.val, r.typ = durValue(math.Abs(n), false, u), "DURATION"
		return r
	}
	g := unitGran[u]
	if u == "Y" && math.Abs(n) == 1 && m.lastQ != nil && (!deictic || m.lastQ.t.Year() == m.dct.Year()) {
		p := m.lastQ.shift(int(n), "Y")
		r.p = &p
		return r
	}
	if g == gMinute {
		g = gDay
	}
	if g > base.g {
		g = base.g
	}
	b := base
	if b.g > gDay {
		b = b.at(gDay)
	}
	p := b.shift(int(n), u).at(g)
	if g < b.g {
		p = point{t: p.t, g: g}.at(g)
		p = fixCode(p)
	}
	r.p = &p
	r.setRef = true
	return r
}

// fixCode recomputes the code a granularity needs after a shift.
func fixCode(p point) point {
	switch p.g {
	case gQuarter:
		p.code = strconv.Itoa((int(p.t.Month())-1)/3 + 1)
	case gHalf:
		p.code = "1"
		if p.t.Month() > 6 {
			p.code = "2"
		}
	}
	return p
}

// season: "summer", "the winter of 1999", "summer 2015", "in the fall".
func (m *matcher) season(i int) res {
	s, ok := m.table("season", i)
	if !ok || m.w(i)[len(m.w(i))-1] == 's' {
		return res{}
	}
	r := res{start: i, end: i + 1, typ: "DATE", the: true, cal: true, setRef: true}
	k := i + 1
	if m.is(k, "of") {
		k++
	}
	if y, e, ok := m.yearAt(k); ok {
		r.end, r.explicit = e, true
		p := pSeason(y, s)
		r.p = &p
		return r
	}
	if _, ok := lex["season_context"][m.prevWord(i)]; !ok && !(m.t[i].cap && (i == 0 || m.t[i-1].kind == kPunct)) {
		return res{} // "began to fall apart", "hot spring"
	}
	if m.is(i+1, "of") {
		return res{} // "the fall of the city" is an event
	}
	if m.refExplicit && m.ref.valid() && m.sameSentence(m.refTok, i) {
		p := pSeason(m.ref.t.Year(), s)
		r.p = &p
		return r
	}
	if !m.hasD {
		r.warn = "no document date"
		return r
	}
	mode := seasonPast
	if m.future(i) {
		mode = seasonComing
	}
	p := pSeason(seasonYear(m.dct, s, mode), s)
	r.p = &p
	return r
}

// holiday: "Christmas", "Christmas Day 2015", "Thanksgiving", "Easter".
func (m *matcher) holiday(i int) res {
	v, end, ok := m.phrase("holiday", i)
	movable := ""
	if !ok {
		if movable, end, ok = m.phrase("movable", i); !ok {
			return res{}
		}
	}
	if m.is(end, "day") && !m.is(end-1, "day") {
		end++
	}
	r := res{start: i, end: end, typ: "DATE", the: true, cal: true, setRef: true}
	y, e, hasY := m.yearAt(end)
	if hasY {
		r.end, r.explicit = e, true
	} else if m.hasD {
		y = m.dct.Year()
	} else {
		r.warn = "no document date"
		return r
	}
	t := holidayDate(movable, v, y)
	if !hasY && m.hasD && !m.future(i) && t.After(dayOf(m.dct)) {
		// A holiday still to come this year, in a clause that does not
		// look forward, is last year's when it is far ahead, or when it
		// dates a past event as a bare weekday would: "shot on Memorial
		// Day" three weeks before it. Not when it is named as a thing
		// ("a Christmas party") or awaited ("home for Christmas").
		if t.Sub(dayOf(m.dct)) > 60*24*time.Hour || m.holidayPast(i) {
			return m.holidayYear(r, movable, v, y-1)
		}
	}
	p := pDay(t)
	r.p = &p
	return r
}

// holidayPast reports whether a holiday at i dates a past event: it comes
// after a word that dates one ([holiday_on]: "on", "over", "during"), in a
// sentence with a past-tense cue ([past_cue], or a word ending in "-ed")
// within a dozen words either side.
func (m *matcher) holidayPast(i int) bool {
	j := i - 1
	if m.is(j, "the") {
		j--
	}
	if _, ok := m.table("holiday_on", j); !ok {
		return false
	}
	for _, step := range []int{-1, 1} {
		for k := i + step; k >= 0 && k < len(m.t) && k >= i-12 && k <= i+12; k += step {
			if t := m.t[k]; t.kind == kPunct && (t.low == "." || t.low == "!" || t.low == "?" || t.low == ";") {
				break
			}
			w := m.w(k)
			if _, ok := m.table("past_cue", k); ok || len(w) >= 5 && strings.HasSuffix(w, "ed") {
				return true
			}
		}
	}
	return false
}

func (m *matcher) holidayYear(r res, movable, v string, y int) res {
	p := pDay(holidayDate(movable, v, y))
	r.p = &p
	return r
}

// holidayDate is the day of a holiday in year y: a [holiday] MM-DD or a
// [movable] feast computed for the year.
func holidayDate(movable, v string, y int) time.Time {
	switch movable {
	case "easter":
		return easter(y)
	case "thanksgiving":
		return thanksgiving(y)
	case "good_friday":
		return easter(y).AddDate(0, 0, -2)
	case "black_friday":
		return thanksgiving(y).AddDate(0, 0, 1)
	case "memorial_day":
		return nthWeekday(y, 5, time.Monday, -1)
	case "labor_day":
		return nthWeekday(y, 9, time.Monday, 1)
	case "mlk_day":
		return nthWeekday(y, 1, time.Monday, 3)
	case "presidents_day":
		return nthWeekday(y, 2, time.Monday, 3)
	case "mothers_day":
		return nthWeekday(y, 5, time.Sunday, 2)
	case "fathers_day":
		return nthWeekday(y, 6, time.Sunday, 3)
	case "columbus_day":
		return nthWeekday(y, 10, time.Monday, 2)
	case "election":
		// US: the Tuesday after the first Monday of November.
		t := ymd(y, 11, 2)
		return t.AddDate(0, 0, (int(time.Tuesday)-int(t.Weekday())+7)%7)
	}
	mo, _ := strconv.Atoi(v[:2])
	d, _ := strconv.Atoi(v[3:])
	return ymd(y, mo, d)
}

// set: "daily", "every day", "each Thursday", "every two weeks", "twice a
// week".
func (m *matcher) set(i int) res {
	if v, ok := m.table("set", i); ok {
		if v == "TNI" {
			v = "XXXX-XX-XXTNI"
		}
		return res{start: i, end: i + 1, typ: "SET", val: v}
	}
	if m.is(i, "once", "twice", "thrice") && m.is(i+1, "a", "per", "every") {
		if u, plural, e, ok := m.unitAt(i + 2); ok && !plural && u != "WE" && u != "H" {
			return res{start: i, end: e, typ: "SET", val: durValue(1, false, u)}
		}
	}
	// "$40,000 a year", "20 per cent per year": a rate.
	if m.is(i, "per") || m.is(i, "a", "an") && i > 0 && (m.t[i-1].kind == kNum || m.is(i-1, "million", "billion", "thousand", "dollars", "euros", "pounds", "times")) {
		if u, plural, e, ok := m.unitAt(i + 1); ok && !plural && u != "WE" && u != "H" && !unitAbbr[m.w(i+1)] {
			return res{start: i, end: e, typ: "SET", val: durValue(1, false, u)}
		}
	}
	if !m.is(i, "every", "each") {
		return res{}
	}
	j := i + 1
	if m.is(j, "other", "single") {
		j++
	}
	if u, plural, e, ok := m.unitAt(j); ok && !plural && u != "H" && u != "WE" {
		n := 1.0
		if m.is(i+1, "other") {
			n = 2
		}
		return res{start: i, end: e, typ: "SET", val: durValue(n, false, u)}
	}
	if n, _, isA, k, ok := m.quantity(j); ok && !isA && n >= 1 {
		if u, plural, e, ok := m.unitAt(k); ok && plural && u != "H" && u != "WE" {
			return res{start: i, end: e, typ: "SET", val: durValue(n, false, u)}
		}
	}
	if v, ok := m.table("weekday", j); ok && len(m.w(j)) >= 6 {
		r := res{start: i, end: j + 1, typ: "SET", val: "XXXX-WXX-" + v}
		if pod, ok := m.table("part_of_day", j+1); ok {
			r.end++
			r.val += "T" + pod
		}
		return r
	}
	if mo, k, abbr, ok := m.monthAt(j); ok && !abbr {
		return res{start: i, end: k, typ: "SET", val: fmt.Sprintf("XXXX-%02d", mo)}
	}
	if s, ok := m.table("season", j); ok {
		return res{start: i, end: j + 1, typ: "SET", val: "XXXX-" + s}
	}
	if pod, ok := m.table("part_of_day", j); ok {
		return res{start: i, end: j + 1, typ: "SET", val: "XXXX-XX-XXT" + pod}
	}
	return res{}
}

// misc: "fiscal 1989", "year-end", "the year", "the quarter", "the
// weekend", "the morning".
// nextToDay reads "the day after Thanksgiving", "the night before March
// 3": a day or a part of one next to a day-precision date, which is that
// date moved by one day. r is the expression "the <word>" at token i. The
// inner date is read without composing again, so that a chain of "the day
// after the day after..." costs each token a constant number of look-ups.
func (m *matcher) nextToDay(r res, i int) res {
	w := m.w(i)
	pod, isPod := lex["part_of_day"][w]
	if m.nested || w != "day" && !isPod || w == "overnight" || !m.is(i+1, "after", "before") {
		return res{}
	}
	j := i + 2
	m.nested = true
	d := m.core(j)
	if m.is(j, "the") {
		if c := m.core(j + 1); c.ok() && c.the && c.end > d.end {
			d = c
		}
	}
	m.nested = false
	if !d.ok() || d.p == nil || d.p.g < gDay || !d.p.valid() {
		// "the night before", "the day after" with nothing after them:
		// the day next to the text's last date ("On Friday ... The night
		// before, ..." is Thursday night). Not "the day before the vote",
		// where "before" takes an event: TimeBank reads that "the day" as
		// the date it stands next to.
		if !m.bareAdverb(j) || !m.ref.valid() || m.ref.g < gDay {
			return res{}
		}
		p := m.ref
		d = res{start: j, end: j, p: &p}
	}
	off := 1
	if m.is(i+1, "before") {
		off = -1
	}
	day := pDay(d.p.t.AddDate(0, 0, off))
	r.end, r.setRef, r.explicit = d.end, true, d.explicit
	if w == "day" {
		r.p = &day
		return r
	}
	r.typ = "TIME"
	return m.dayPart(r, day, pod)
}

// bareAdverb reports whether "before"/"after" just before token j stands
// alone, as an adverb ending the expression: j is the end of the text, a
// punctuation mark, or a word in [adverb_next] ("the day before in the
// capital"), not the start of the event or date it would take.
func (m *matcher) bareAdverb(j int) bool {
	if j >= len(m.t) || m.t[j].kind == kPunct && m.t[j].low != "-" {
		return true
	}
	_, ok := m.table("adverb_next", j)
	return ok
}

func (m *matcher) misc(i int) res {
	w := m.w(i)
	switch {
	case w == "fiscal":
		if y, e, ok := m.yearAt(i + 1); ok {
			p := pYear(y)
			return res{start: i, end: e, typ: "DATE", p: &p, the: true, cal: true, setRef: true, explicit: true}
		}
		return res{}
	case w == "year" && (m.punct(i+1, "-") && m.is(i+2, "end") || m.is(i+1, "end")) ||
		w == "year" && m.punct(i+1, "'") && m.is(i+2, "s") && m.is(i+3, "end"):
		e := i + 2
		if m.punct(i+1, "-") {
			e = i + 3
		} else if m.punct(i+1, "'") {
			e = i + 4
		}
		r := res{start: i, end: e, typ: "DATE", the: true, mod: "END"}
		if !m.hasD {
			r.warn = "no document date"
			return r
		}
		p := pYear(m.dct.Year())
		r.p = &p
		return r
	case w == "year" && m.is(i+1, "two") && m.is(i+2, "thousand"):
		p := pYear(2000)
		return res{start: i, end: i + 3, typ: "DATE", p: &p, the: true, cal: true, setRef: true, explicit: true}
	case w == "year" && m.is(i-1, "the"):
		if y, e, ok := m.yearAt(i + 1); ok {
			p := pYear(y)
			return res{start: i, end: e, typ: "DATE", p: &p, the: true, cal: true, setRef: true, explicit: true}
		}
	}
	if !m.is(i-1, "the") {
		return res{}
	}
	r := res{start: i, end: i + 1, typ: "DATE", the: true, cal: true}
	if c := m.nextToDay(r, i); c.ok() {
		return c
	}
	base := m.ref
	switch w {
	case "year":
		if m.punct(i+1, "-") {
			return res{}
		}
		if base.valid() {
			p := base.at(gYear)
			r.p = &p
			return r
		}
	case "week", "month", "day":
		if base.valid() && !m.punct(i+1, "-") {
			p := base.at(map[string]gran{"week": gWeek, "month": gMonth, "day": gDay}[w])
			if p.g == gWeek && base.g < gWeek || p.g == gMonth && base.g < gMonth || p.g == gDay && base.g < gDay {
				return res{}
			}
			r.p = &p
			return r
		}
	case "full", "fiscal", "calendar", "current", "latest":
		if !m.is(i+1, "year", "quarter", "period") {
			return res{}
		}
		r.end = i + 2
		if m.is(i+1, "year") && base.valid() {
			p := base.at(gYear)
			if w == "latest" && m.hasD {
				p = pYear(m.dct.Year() - 1)
			}
			r.p = &p
			return r
		}
		if m.lastQ != nil && (w == "latest" || w == "current" || w == "fiscal") {
			r.p = m.lastQ
			return r
		}
		return res{}
	case "quarter":
		if m.lastQ != nil {
			r.p = m.lastQ
			return r
		}
		if m.hasD {
			p := m.today().at(gQuarter).shift(-1, "Q")
			r.p = &p
			return r
		}
	case "weekend":
		if m.hasD {
			p := m.weekend(m.today(), -1, i)
			r.p = &p
			return r
		}
	case "morning", "afternoon", "evening", "night":
		pod := lex["part_of_day"][w]
		// "the night of 14 March", "the morning of Friday".
		if m.is(i+1, "of") {
			var d res
			for _, f := range []func(int) res{m.monthDate, m.dayMonth, m.weekday, m.numericDate} {
				if c := f(i + 2); c.ok() && c.p != nil && c.p.g == gDay && c.end > d.end {
					d = c
				}
			}
			if d.ok() {
				r.end, r.typ, r.setRef, r.explicit = d.end, "TIME", true, d.explicit
				return m.dayPart(r, *d.p, pod)
			}
		}
		if base.valid() && base.g >= gDay {
			r.typ = "TIME"
			return m.dayPart(r, pDay(base.t), pod)
		}
	}
	if d, ok := lex["decade_word"][w]; ok {
		c := 19
		if m.hasD {
			c = m.dct.Year() / 100
			if dd, _ := strconv.Atoi(d); dd*10 > m.dct.Year()%100 {
				c--
			}
		}
		n, _ := strconv.Atoi(d)
		p := point{t: ymd(c*100+n*10, 1, 1), g: gDecade}
		r.p = &p
		return r
	}
	return res{}
}

// decadeOrCentury: "the 1990s", "the '80s", "the 20th century".
func (m *matcher) decadeOrCentury(i int) res {
	r := res{start: i, typ: "DATE", the: true, cal: true}
	if i < len(m.t) && m.t[i].kind == kNum && m.t[i].suf == "s" && !m.partOfNumber(i) {
		t := m.t[i]
		y := -1
		switch {
		case t.ndig == 4 && t.n%10 == 0 && t.n >= 1000:
			y = t.n
		case t.ndig == 2 && t.n%10 == 0 && (m.punct(i-1, "'") && m.glued(i) || m.theDecade(i)):
			y = m.century2(t.n)
			if m.punct(i-1, "'") && m.glued(i) {
				r.start = i - 1
			}
		}
		if y < 0 {
			return res{}
		}
		r.end = i + 1
		p := point{t: ymd(y, 1, 1), g: gDecade}
		r.p = &p
		return r
	}
	if m.punct(i, "'") {
		if i+1 < len(m.t) && m.t[i+1].kind != kNum {
			return res{}
		}
		if c := m.decadeOrCentury(i + 1); c.ok() && c.start == i {
			return c
		}
		return res{}
	}
	n, k, ok := m.ordinalAt(i)
	if !ok || n < 1 || n > 30 {
		return res{}
	}
	k = m.hyphen(k)
	if !m.is(k, "century") {
		return res{}
	}
	r.end = k + 1
	if n == 1 {
		r.warn = "first century has no TimeML value"
		return r
	}
	p := point{t: ymd((n-1)*100, 1, 1), g: gCentury}
	r.p = &p
	return r
}

// theDecade reports whether a bare "90s" is a decade: "the 90s", "the
// late 90s", "the mid-90s"; not an age ("in his early 30s").
func (m *matcher) theDecade(i int) bool {
	j := i - 1
	if m.punct(j, "-") {
		j--
	}
	if m.is(j, "early", "mid", "late") {
		j--
	}
	return m.is(j, "the")
}

// yearBefore reports whether a four-digit year ends just before token i
// (skipping a comma): the list in "1066, 1215 and 1415".
func (m *matcher) yearBefore(i int) bool {
	j := i - 1
	if m.punct(j, ",") {
		j--
	}
	_, _, ok := m.yearAt(j)
	return ok && m.t[j].kind == kNum
}

// spokenYear: "nineteen ninety-six", "twenty twenty-four" (transcripts
// of broadcasts write years out), "two thousand and one" after a date
// context.
func (m *matcher) spokenYear(i int) res {
	v, ok := m.table("number", i)
	if !ok {
		return res{}
	}
	c, _ := strconv.Atoi(v)
	y, e := 0, i
	switch {
	case c >= 11 && c <= 20:
		n, end, ok := m.wordNumber(i + 1)
		if !ok || n < 10 || n > 99 {
			return res{}
		}
		y, e = c*100+n, end
	case c == 2 && m.is(i+1, "thousand") && m.dateContext(i):
		y, e = 2000, i+2
		k := e
		if m.is(k, "and") {
			k++
		}
		if n, end, ok := m.wordNumber(k); ok && n < 100 {
			y, e = 2000+n, end
		}
	default:
		return res{}
	}
	p := pYear(y)
	return res{start: i, end: e, typ: "DATE", p: &p, cal: true, setRef: true, explicit: true}
}

// year: a bare "1990", "in 2015", unless it reads as a count ("2000
// troops"), an amount ("$1990"), an identifier ("flight 1990") or part of
// a bigger number.
func (m *matcher) year(i int) res {
	y, end, ok := m.yearAt(i)
	if !ok || m.t[i].kind != kNum {
		return res{}
	}
	if i > 0 && m.t[i-1].kind == kPunct {
		switch m.t[i-1].low {
		case "$", "£", "€", "#", "¥", "+", "-", "/", ":":
			if m.glued(i) && !(m.t[i-1].low == "-" && (m.is(i-2, "mid", "early", "late", "pre", "post") || m.yearBefore(i-1))) {
				return res{}
			}
		}
	}
	if _, ok := m.table("not_before_year", i-1); ok {
		return res{}
	}
	if _, ok := m.table("not_after_year", end); ok {
		return res{}
	}
	if m.punct(end, "%") || m.punct(end, ":") && m.glued(end) {
		return res{}
	}
	if _, _, tz := m.phrase("timezone", end); tz || m.is(end, "hrs", "hours", "h") {
		return res{} // "at 1900 GMT" is a time of day
	}
	if y > 2100 {
		return res{} // "at 2120 on Friday" is a time; far-future years are rare in news
	}
	if y < 1800 {
		// An old year needs a date word before it ("in 1066"); "and" or
		// "or" count only after another year ("1066 and 1215").
		pw := m.w(i - 1)
		if _, ok := lex["date_context"][pw]; !ok || (pw == "and" || pw == "or") && !m.yearBefore(i-1) {
			return res{}
		}
	}
	p := pYear(y)
	return res{start: i, end: end, typ: "DATE", p: &p, cal: true, setRef: true, explicit: true}
}
