package timex

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// This file holds the readers the patterns are built from (a year, a
// month name, a day, an amount, a unit) and the anchoring rules that give a
// relative expression its year or day.

// --- pieces ---

// yearAt reads a written year: four digits (1000-2999) or '98.
func (m *matcher) yearAt(i int) (int, int, bool) {
	if i >= 0 && i < len(m.t) && m.t[i].kind == kNum && m.t[i].ndig == 4 && m.t[i].suf == "" && !m.partOfNumber(i) {
		if n := m.t[i].n; n >= 1000 && n <= 2999 {
			return n, i + 1, true
		}
	}
	if m.punct(i, "'") && i+1 < len(m.t) && m.t[i+1].kind == kNum && m.t[i+1].ndig == 2 && m.t[i+1].suf == "" && m.glued(i+1) {
		return m.century2(m.t[i+1].n), i + 2, true
	}
	return 0, i, false
}

// century2 expands a two-digit year to the year nearest the document date
// (nearest 1950 without one), preferring the past.
func (m *matcher) century2(yy int) int {
	base := 1950
	if m.hasD {
		base = m.dct.Year()
	}
	best := 0
	for c := base/100 - 1; c <= base/100+1; c++ {
		y := c*100 + yy
		if best == 0 || abs(y-base) < abs(best-base) {
			best = y
		}
	}
	if best > base+10 {
		best -= 100
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// partOfNumber reports whether digit token i is one group of a larger
// number ("1,990", "2015.5"), which is never a year or a day.
func (m *matcher) partOfNumber(i int) bool {
	for _, sep := range []string{",", "."} {
		if m.punct(i-1, sep) && m.glued(i) && m.glued(i-1) && i >= 2 && m.t[i-2].kind == kNum {
			return true
		}
		if m.punct(i+1, sep) && m.glued(i+1) && m.glued(i+2) && i+2 < len(m.t) && m.t[i+2].kind == kNum {
			return true
		}
	}
	return false
}

// monthAt reads a month name at i, with the dot of an abbreviation.
func (m *matcher) monthAt(i int) (mo, end int, abbr, ok bool) {
	v, found := m.table("month", i)
	if !found {
		return 0, i, false, false
	}
	w := m.w(i)
	abbr = len(w) <= 4 && w != "june" && w != "july" && w != "may"
	end = i + 1
	if m.punct(end, ".") && m.glued(end) && abbr {
		end++
	}
	mo, _ = strconv.Atoi(v)
	return mo, end, abbr, true
}

// monthOK applies the guards on month names that are also words: "march"
// and "may" only capitalised, short forms only with their dot or a day or
// year after them.
func (m *matcher) monthOK(i, end int, abbr, dayOrYearAfter bool) bool {
	if _, verb := m.table("month_verb", i); verb && !m.t[i].cap {
		return false
	}
	if abbr && end == i+1 && !dayOrYearAfter {
		return false
	}
	if abbr && !m.t[i].cap {
		return false
	}
	if abbr && !dayOrYearAfter && strings.ToUpper(m.text[m.t[i].s:m.t[i].e]) == m.text[m.t[i].s:m.t[i].e] {
		return false // "the DEC." is an agency, not December
	}
	return true
}

// prevWord is the word before i, skipping "the" and a hyphen: the context
// that tells "in May" from "May I".
func (m *matcher) prevWord(i int) string {
	j := i - 1
	if m.punct(j, "-") {
		j--
	}
	if m.is(j, "the") {
		j--
	}
	return m.w(j)
}

func (m *matcher) dateContext(i int) bool {
	_, ok := lex["date_context"][m.prevWord(i)]
	return ok
}

// dayAt reads a day of the month: 1-31, "21st", "twenty-first".
func (m *matcher) dayAt(i int) (int, int, bool) {
	if i < len(m.t) && m.t[i].kind == kNum && m.t[i].ndig <= 2 && !m.partOfNumber(i) {
		switch m.t[i].suf {
		case "", "st", "nd", "rd", "th":
			if n := m.t[i].n; n >= 1 && n <= 31 {
				return n, i + 1, true
			}
		}
		return 0, i, false
	}
	if v, end, ok := m.phrase("ordinal", i); ok {
		n, _ := strconv.Atoi(v)
		return n, end, true
	}
	return 0, i, false
}

// ordinalAt reads "third", "3rd".
func (m *matcher) ordinalAt(i int) (int, int, bool) {
	if i < len(m.t) && m.t[i].kind == kNum && m.t[i].n > 0 {
		switch m.t[i].suf {
		case "st", "nd", "rd", "th":
			return m.t[i].n, i + 1, true
		}
		return 0, i, false
	}
	if v, end, ok := m.phrase("ordinal", i); ok {
		n, _ := strconv.Atoi(v)
		return n, end, true
	}
	return 0, i, false
}

// wordNumber reads "twenty four", "twenty-four", "a hundred", "two hundred".
func (m *matcher) wordNumber(i int) (int, int, bool) {
	total, cur, j := 0, 0, i
	seen := false
	if m.is(j, "a", "an") && m.is(j+1, "hundred", "thousand") {
		cur, j = 1, j+1
	}
	for j < len(m.t) {
		v, ok := m.table("number", j)
		if !ok {
			break
		}
		n, _ := strconv.Atoi(v)
		switch {
		case n == 100:
			cur = max(cur, 1) * 100
		case n == 1000:
			total += max(cur, 1) * 1000
			cur = 0
		case n >= 20 && n < 100:
			if cur%100 != 0 {
				return total + cur, j, seen
			}
			cur += n
			if k := m.hyphen(j + 1); k > j+1 || m.w(j+1) != "" {
				if u, ok := m.table("number", k); ok {
					if un, _ := strconv.Atoi(u); un >= 1 && un <= 9 {
						cur += un
						j = k
					}
				}
			}
		default:
			if cur%100 != 0 && cur%10 != 0 || (cur%100 != 0 && n >= 10) {
				return total + cur, j, seen
			}
			cur += n
		}
		seen = true
		j++
		if m.is(j, "and") && cur >= 100 && cur%100 == 0 {
			if _, ok := m.table("number", j+1); ok {
				j++
			}
		}
	}
	return total + cur, j, seen
}

// quantity reads how many units a duration counts: digits, number words,
// "a", "a couple of", or a vague amount ("several", "a few").
func (m *matcher) quantity(i int) (n float64, vague, isA bool, end int, ok bool) {
	return m.quantityRange(i, true)
}

func (m *matcher) quantityRange(i int, rangeOK bool) (n float64, vague, isA bool, end int, ok bool) {
	j := i
	switch {
	case i < len(m.t) && m.t[i].kind == kNum && m.t[i].suf == "" && m.t[i].n >= 0 && m.t[i].ndig <= 6:
		if m.partOfNumber(i) {
			if v, e, ok := m.groupedNumber(i); ok {
				n, j = v, e
				break
			}
			if m.punct(i+1, ".") && i+2 < len(m.t) && m.t[i+2].kind == kNum && m.t[i+2].ndig <= 3 && !m.partOfNumber(i+2) {
				f, err := strconv.ParseFloat(m.t[i].low+"."+m.t[i+2].low, 64)
				if err != nil {
					return 0, false, false, i, false
				}
				n, j = f, i+3
				break
			}
			return 0, false, false, i, false
		}
		n, j = float64(m.t[i].n), i+1
		// "5 1/2 hours"
		if j+2 < len(m.t) && m.t[j].kind == kNum && m.t[j].low == "1" && m.punct(j+1, "/") && m.t[j+2].low == "2" && m.glued(j+1) && m.glued(j+2) {
			n, j = n+0.5, j+3
		}
	case m.is(i, "a", "an") && m.is(i+1, "couple") && m.is(i+2, "of"):
		n, j = 2, i+3
	case m.is(i, "couple") && m.is(i+1, "of"):
		n, j = 2, i+2
	case m.is(i, "a") && m.is(i+1, "few"):
		vague, j = true, i+2
	case m.is(i, "a") && m.is(i+1, "number") && m.is(i+2, "of"):
		vague, j = true, i+3
	case m.is(i, "a", "an") && !m.is(i+1, "hundred", "thousand"):
		n, j, isA = 1, i+1, true
	default:
		if _, ok := m.table("vague_amount", i); ok && !m.is(i, "couple") {
			vague, j = true, i+1
			break
		}
		wn, e, ok := m.wordNumber(i)
		if !ok {
			return 0, false, false, i, false
		}
		n, j = float64(wn), e
	}
	// "two and a half", "a minute and a half" (the half after the unit is
	// read by the caller).
	if !vague && m.is(j, "and") && m.is(j+1, "a") && m.is(j+2, "half") {
		n, j = n+0.5, j+3
	}
	// "two to three weeks", "12 to 18 months": a range is an unknown amount.
	if rangeOK && m.is(j, "to", "or") {
		if n2, _, _, e, ok := m.quantityRange(j+1, false); ok && e > j+1 && !m.is(j+1, "a", "an") && n2 > n {
			if _, ok := m.table("unit", e); ok {
				vague, j = true, e
			}
		}
	}
	return n, vague, isA, j, true
}

// groupedNumber reads "1,000" or "12,500" (digit groups of three after a
// comma), starting at its first group.
func (m *matcher) groupedNumber(i int) (float64, int, bool) {
	if i > 0 && m.glued(i) && (m.punct(i-1, ",") || m.punct(i-1, ".")) {
		return 0, i, false
	}
	v, j := m.t[i].n, i+1
	for m.punct(j, ",") && m.glued(j) && j+1 < len(m.t) && m.glued(j+1) && m.t[j+1].kind == kNum && m.t[j+1].ndig == 3 && m.t[j+1].suf == "" {
		v = v*1000 + m.t[j+1].n
		j += 2
		if v > 1e9 {
			return 0, i, false
		}
	}
	if j == i+1 || m.punct(j, ".") && m.glued(j) && j+1 < len(m.t) && m.t[j+1].kind == kNum {
		return 0, i, false
	}
	return float64(v), j, true
}

// unitAt reads a calendar unit.
func (m *matcher) unitAt(i int) (u string, plural bool, end int, ok bool) {
	u, ok = m.table("unit", i)
	if !ok {
		return "", false, i, false
	}
	w := m.w(i)
	plural = w[len(w)-1] == 's' && w != "hrs" || w == "centuries"
	return u, plural, i + 1, true
}

// durValue writes a TimeML duration: P3Y, PT90M, PXY, P1.5M.
func durValue(n float64, vague bool, u string) string {
	switch u {
	case "DE":
		n, u = n*10, "Y"
	case "CE":
		n, u = n*100, "Y"
	case "H":
		n, u = n*6, "M"
	}
	if !vague && n != math.Trunc(n) {
		// "two and a half years" is P2Y6M, "a minute and a half" PT1M30S.
		if sub, ok := subUnit[u]; ok {
			whole, frac := math.Trunc(n), n-math.Trunc(n)
			rest := frac * sub.per
			if rest == math.Trunc(rest) {
				if whole == 0 {
					return durValue(rest, false, sub.u)
				}
				head := durValue(whole, false, u)
				tail := durValue(rest, false, sub.u)
				if strings.HasPrefix(tail, "PT") && !strings.HasPrefix(head, "PT") {
					return head + tail[1:]
				}
				return head + strings.TrimPrefix(strings.TrimPrefix(tail, "PT"), "P")
			}
		}
	}
	prefix, letter := "P", u
	if len(u) == 2 && u[0] == 'T' {
		prefix, letter = "PT", u[1:]
	}
	if vague {
		return prefix + "X" + letter
	}
	return prefix + strconv.FormatFloat(n, 'f', -1, 64) + letter
}

// subUnit is the next smaller unit and how many of it make one.
var subUnit = map[string]struct {
	u   string
	per float64
}{"Y": {"M", 12}, "M": {"D", 30}, "W": {"D", 7}, "D": {"TH", 24}, "TH": {"TM", 60}, "TM": {"TS", 60}}

// --- anchors ---

func (m *matcher) today() point { return pDay(m.dct) }

// inferYear gives a year to a month (and day) written without one. A
// narrative that has just named another year keeps it ("In 2015... In
// March, ..."); otherwise the nearest such date to the document date, in
// the past unless the clause looks forward.
func (m *matcher) inferYear(i, mo, day int) (int, bool) {
	if m.refExplicit && m.ref.valid() && m.sameSentence(m.refTok, i) && (!m.hasD || m.ref.t.Year() != m.dct.Year()) {
		return m.ref.t.Year(), true
	}
	if !m.hasD {
		return 0, false
	}
	y := m.dct.Year()
	dm := int(m.dct.Month())
	fut := m.future(i)
	if day == 0 {
		switch {
		case fut && mo < dm:
			y++
		case !fut && mo > dm+2:
			y--
		}
		return y, true
	}
	cand := ymd(y, mo, min(day, daysIn(y, mo)))
	d := cand.Sub(dayOf(m.dct)).Hours() / 24
	switch {
	case fut && d < -7:
		y++
	case !fut && d > 90:
		y--
	}
	return y, true
}

// sameSentence reports whether no sentence end lies between tokens a and
// b (a <= b), and they are near: how far a narrative's year carries. A
// semicolon ends it too: the items of a list ("an attack in September
// 2022; and, in January, a bombing") each take their own year.
func (m *matcher) sameSentence(a, b int) bool {
	if a > b || b-a > 40 {
		return false
	}
	for k := a; k < b; k++ {
		if t := m.t[k]; t.kind == kPunct && (t.low == "." || t.low == "!" || t.low == "?" || t.low == ";") {
			return false
		}
	}
	return true
}

// weekdayDate resolves a bare weekday: the last one on or before the
// document date, or, when the clause looks forward, the first one on or
// after it. Either way the document's own weekday is the document's day:
// news names the current day by its weekday ("the crews will gather on
// the quay Monday night" in a story dated Monday is tonight), and a week
// ahead is "next Monday".
func (m *matcher) weekdayDate(i, wd int) point {
	today := dayOf(m.dct)
	cur := int(today.Weekday())
	if cur == 0 {
		cur = 7
	}
	if m.future(i) {
		d := (wd - cur + 7) % 7
		return pDay(today.AddDate(0, 0, d))
	}
	return pDay(today.AddDate(0, 0, -((cur - wd + 7) % 7)))
}

func isoWeekday(t time.Time) int {
	d := int(t.Weekday())
	if d == 0 {
		return 7
	}
	return d
}
