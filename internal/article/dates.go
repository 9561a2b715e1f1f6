package article

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	// Zone rules such as "ET" → America/New_York must work on machines
	// without a system time-zone database (containers, Windows).
	_ "time/tzdata"
)

// dateField says which Article date a visible date line gives.
type dateField int

const (
	fieldNone dateField = iota
	fieldPublished
	fieldUpdated
)

// maxDateLine bounds the length of a line that can be a date line: real
// ones are short, and the bound keeps long body paragraphs from costing a
// full tokenisation each.
const maxDateLine = 120

// parseDateLine reads a visible date line such as "Update: 2024-03-27 01:30
// GMT", "Published 12:04 EST, 3 March 2021" or "March 3, 2021 at 12:04 p.m.
// ET". The whole line must be the cue and the date: a sentence that merely
// contains a date is not a date line. A line without a cue gives the
// publication date.
func parseDateLine(line string) (dateField, time.Time, bool) {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > maxDateLine {
		return fieldNone, time.Time{}, false
	}
	field, rest := fieldPublished, line
	if f, r, ok := cutDateCue(line); ok {
		field, rest = f, r
	}
	t, ok := parseDate(rest)
	if !ok {
		return fieldNone, time.Time{}, false
	}
	return field, t, true
}

// cutDateCue removes a leading "Updated", "Published on", "Mis à jour
// le"... and the ":" or dash after it.
func cutDateCue(line string) (dateField, string, bool) {
	lower := strings.ToLower(line)
	for _, c := range getRules().dateCues {
		rest, ok := cutWords(lower, c.words)
		if !ok {
			continue
		}
		rest = strings.TrimLeft(rest, " \t:-–—|\u00a0")
		// Map the position in the lower-cased copy back to the original:
		// lower-casing can change byte lengths, so cut from the end.
		if len(rest) > len(line) {
			return fieldNone, "", false
		}
		return c.field, line[len(line)-len(rest):], true
	}
	return fieldNone, "", false
}

// cutWords removes the words (already lower case) from the start of s if s
// begins with them as whole words.
func cutWords(s string, words []string) (string, bool) {
	for i, w := range words {
		if i > 0 {
			t := strings.TrimLeft(s, " \t\u00a0")
			if len(t) == len(s) {
				return "", false
			}
			s = t
		}
		if !strings.HasPrefix(s, w) {
			return "", false
		}
		s = s[len(w):]
		if r, _ := utf8.DecodeRuneInString(s); s != "" && isLetterOrDigit(r) {
			return "", false
		}
	}
	return s, true
}

// dateToken is one piece of a date string.
type dateToken struct {
	kind  byte   // 'n' number, 'w' word, 'p' punctuation
	text  string // lower case for words
	num   int    // value of a number
	space bool   // whitespace came before it
}

// tokenizeDate splits s into numbers, words and single punctuation marks.
// It gives up (ok=false) on inputs far longer than any date.
func tokenizeDate(s string) ([]dateToken, bool) {
	var toks []dateToken
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		case r >= '0' && r <= '9':
			j := i
			n := 0
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				if j-i < 9 {
					n = n*10 + int(s[j]-'0')
				}
				j++
			}
			if j-i > 8 {
				return nil, false // timestamps and other long numbers
			}
			toks = append(toks, dateToken{kind: 'n', text: s[i:j], num: n, space: space})
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsMark(r2) {
					j += sz
					continue
				}
				// keep "terça-feira" and "a.m." together
				if (r2 == '-' || r2 == '.') && j+1 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+1:])
					if unicode.IsLetter(r3) && r2 == '-' || r2 == '.' && j-i == 1 && unicode.IsLetter(r3) {
						j += sz
						continue
					}
				}
				break
			}
			w := strings.ReplaceAll(strings.ToLower(s[i:j]), ".", "") // "p.m" → "pm"
			toks = append(toks, dateToken{kind: 'w', text: w, space: space})
			i = j
		default:
			toks = append(toks, dateToken{kind: 'p', text: string(r), space: space})
			i += size
		}
		space = false
		if len(toks) > 40 {
			return nil, false
		}
	}
	return toks, true
}

// parseDate reads a date, with optional time of day and zone, that makes
// up the whole of s: ISO 8601 / RFC 3339, RFC 1123, "27 March 2024, 01:30
// GMT", "March 3, 2021 at 12:04 p.m. ET", "27.03.2024 12:04", "3 mars 2021
// à 12h04", "27 марта 2024". A date without a zone is taken as UTC.
//
// It is deliberately strict: every token must be part of the date, the day
// must exist in its month, and the year must lie between 1900 and next
// year. A wrong date is worse than none, since later stages place events
// in time from it.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > maxDateLine {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return checkDate(t)
	}
	toks, ok := tokenizeDate(s)
	if !ok {
		return time.Time{}, false
	}
	rules := getRules()
	var (
		year, month, day  = -1, -1, -1
		hour, minute, sec = -1, 0, 0
		pm, am            bool
		zone              *zoneRule
		offset            = 0
		hasOffset         bool
		numeric           []int // day/month/year in written order, for "03/04/2021"
		numSep            string
		weekday           = -1 // 0 = Sunday, when the line names one
	)
	setTime := func(h, m, s int) bool {
		if hour >= 0 || h > 23 || m > 59 || s > 60 {
			return false
		}
		if s == 60 {
			s = 59 // leap second
		}
		hour, minute, sec = h, m, s
		return true
	}
	at := func(i int) dateToken {
		if i < len(toks) {
			return toks[i]
		}
		return dateToken{}
	}
	isNum := func(i, maxDigits int) bool {
		t := at(i)
		return t.kind == 'n' && len(t.text) <= maxDigits
	}
	isP := func(i int, chars string) bool {
		t := at(i)
		return t.kind == 'p' && strings.Contains(chars, t.text) && !t.space
	}
	// offsetAt reads "+02:00", "+0200", "+2", "-05" starting at toks[i].
	offsetAt := func(i int) (int, int, bool) {
		if at(i).kind != 'p' || !strings.Contains("+-−", at(i).text) {
			return 0, 0, false
		}
		sign := at(i).text
		if sign == "−" {
			sign = "-"
		}
		if !isNum(i+1, 4) || at(i+1).space {
			return 0, 0, false
		}
		body, n := at(i+1).text, 2
		if len(body) <= 2 && isP(i+2, ":") && isNum(i+3, 2) && len(at(i+3).text) == 2 {
			body += at(i + 3).text
			n = 4
		}
		off, ok := parseOffset(sign + body)
		return off, n, ok
	}
	for i := 0; i < len(toks); {
		t := toks[i]
		switch t.kind {
		case 'n':
			switch {
			// 2024-03-27, 2024/03/27, 2024.03.27
			case len(t.text) == 4 && isP(i+1, "-/.") && isNum(i+2, 2) && isP(i+3, at(i+1).text) && isNum(i+4, 2):
				if year >= 0 {
					return time.Time{}, false
				}
				year, month, day = t.num, at(i+2).num, at(i+4).num
				i += 5
				// ISO "T" between date and time: "27T01" splits as 27, t, 01.
				if at(i).kind == 'w' && at(i).text == "t" && !at(i).space {
					i++
				}
				continue
			// 20240327
			case len(t.text) == 8 && year < 0:
				year, month, day = t.num/10000, t.num/100%100, t.num%100
				i++
				continue
			// 27.03.2024, 03/27/2024, 27-03-24
			case len(t.text) <= 2 && isP(i+1, "./-") && isNum(i+2, 2) && isP(i+3, at(i+1).text) && isNum(i+4, 4) && (len(at(i+4).text) == 4 || len(at(i+4).text) == 2):
				if year >= 0 || numeric != nil {
					return time.Time{}, false
				}
				numeric = []int{t.num, at(i + 2).num, at(i + 4).num}
				if len(at(i+4).text) == 2 {
					numeric[2] = expandYear(numeric[2])
				}
				numSep = at(i + 1).text
				i += 5
				continue
			// 01:30, 01:30:00, 01:30:00.000, 12:04pm
			case len(t.text) <= 2 && isP(i+1, ":") && isNum(i+2, 2) && len(at(i+2).text) == 2:
				h, m, s := t.num, at(i+2).num, 0
				i += 3
				if isP(i, ":") && isNum(i+1, 2) && len(at(i+1).text) == 2 {
					s = at(i + 1).num
					i += 2
					if isP(i, ".,") && isNum(i+1, 9) {
						i += 2
					}
				}
				if !setTime(h, m, s) {
					return time.Time{}, false
				}
				continue
			// 12h04, 12h, 12.04 pm
			case len(t.text) <= 2 && at(i+1).kind == 'w' && at(i+1).text == "h" && !at(i+1).space:
				m := 0
				i += 2
				if isNum(i, 2) && len(at(i).text) == 2 && !at(i).space {
					m = at(i).num
					i++
				}
				if !setTime(t.num, m, 0) {
					return time.Time{}, false
				}
				continue
			case len(t.text) <= 2 && isP(i+1, ".") && isNum(i+2, 2) && len(at(i+2).text) == 2 && at(i+3).kind == 'w' && (at(i+3).text == "am" || at(i+3).text == "pm"):
				if !setTime(t.num, at(i+2).num, 0) {
					return time.Time{}, false
				}
				i += 3
				continue
			// a bare hour before am/pm: "5 pm"
			case len(t.text) <= 2 && at(i+1).kind == 'w' && (at(i+1).text == "am" || at(i+1).text == "pm") && hour < 0 && day >= 0:
				if !setTime(t.num, 0, 0) {
					return time.Time{}, false
				}
				i++
				continue
			case len(t.text) == 4:
				if year >= 0 {
					return time.Time{}, false
				}
				year = t.num
				i++
				continue
			case len(t.text) <= 2:
				if day >= 0 {
					return time.Time{}, false
				}
				day = t.num
				i++
				if isP(i, ".") { // German "27. März"
					i++
				}
				continue
			}
			return time.Time{}, false
		case 'w':
			w := t.text
			switch {
			case w == "am" || w == "pm":
				if hour < 0 {
					if w == "am" { // German "am 27. März"
						i++
						continue
					}
					return time.Time{}, false
				}
				if am || pm || hour > 12 || hour == 0 {
					return time.Time{}, false
				}
				am, pm = w == "am", w == "pm"
				i++
				continue
			case rules.months[w] != 0:
				if month >= 0 {
					return time.Time{}, false
				}
				month = int(rules.months[w])
				i++
				if isP(i, ".") {
					i++
				}
				continue
			case isWeekday(rules, w) || rules.filler[w]:
				if wd, ok := rules.weekdays[w]; ok && utf8.RuneCountInString(w) >= 3 {
					weekday = int(wd)
				}
				i++
				if isP(i, ".") {
					i++
				}
				continue
			}
			if z, ok := rules.zones[w]; ok && (hour >= 0 || w != "z" && w != "a") {
				if zone != nil || hasOffset {
					return time.Time{}, false
				}
				zone = &z
				i++
				// "GMT+3", "UTC+05:30", "GMT -0500"
				if off, n, ok := offsetAt(i); ok {
					zone, offset, hasOffset = nil, off, true
					i += n + 1
				}
				continue
			}
			return time.Time{}, false
		case 'p':
			if strings.Contains("+-−", t.text) && hour >= 0 && zone == nil && !hasOffset {
				if off, n, ok := offsetAt(i); ok {
					offset, hasOffset = off, true
					i += n + 1
					continue
				}
			}
			if strings.Contains(",|/-–—()[]·•.:;", t.text) {
				i++
				continue
			}
			return time.Time{}, false
		}
	}

	if numeric != nil {
		if year >= 0 || month >= 0 || day >= 0 {
			return time.Time{}, false
		}
		a, b := numeric[0], numeric[1]
		year = numeric[2]
		switch {
		case numSep == ".":
			day, month = a, b
		case a > 12:
			day, month = a, b
		case b > 12:
			month, day = a, b
		case weekday >= 0 && validDate(year, a, b) && int(time.Date(year, time.Month(a), b, 0, 0, 0, 0, time.UTC).Weekday()) == weekday:
			month, day = a, b // "Wednesday, 10/7/2015" is October 7
		case weekday >= 0 && validDate(year, b, a) && int(time.Date(year, time.Month(b), a, 0, 0, 0, 0, time.UTC).Weekday()) == weekday:
			day, month = a, b
		case zone != nil && zone.isUS():
			month, day = a, b
		default:
			day, month = a, b
		}
	}
	if year < 0 || month < 0 || day < 0 {
		return time.Time{}, false
	}
	if hour < 0 {
		hour = 0
	}
	if pm && hour < 12 {
		hour += 12
	}
	if am && hour == 12 {
		hour = 0
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	loc := time.UTC
	switch {
	case hasOffset:
		loc = time.FixedZone("", offset)
	case zone != nil && zone.loc != nil:
		loc = zone.loc
	case zone != nil:
		loc = time.FixedZone("", zone.offset)
	}
	tm := time.Date(year, time.Month(month), day, hour, minute, sec, 0, loc)
	if tm.Day() != day || int(tm.Month()) != month {
		return time.Time{}, false // 31 February
	}
	return checkDate(tm)
}

func isWeekday(r *ruleSet, w string) bool {
	_, ok := r.weekdays[w]
	return ok
}

// validDate reports whether the day exists in the month.
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// checkDate accepts only plausible article dates: 1900 to next year.
// Anything else is a parse that went wrong, a placeholder ("0001-01-01")
// or a timestamp in the wrong unit.
func checkDate(t time.Time) (time.Time, bool) {
	t = t.UTC()
	if t.Year() < 1900 || t.Year() > time.Now().Year()+1 {
		return time.Time{}, false
	}
	return t, true
}

// expandYear reads a two-digit year as the nearest past-or-next year.
func expandYear(y int) int {
	if y >= 100 {
		return y
	}
	now := time.Now().Year()
	if 2000+y <= now+1 {
		return 2000 + y
	}
	return 1900 + y
}

// isUS reports whether the zone is a North American one, where numeric
// dates are written month first.
func (z *zoneRule) isUS() bool {
	if z.iana != "" {
		return strings.HasPrefix(z.iana, "America/")
	}
	return z.offset <= -4*3600 && z.offset >= -10*3600
}
