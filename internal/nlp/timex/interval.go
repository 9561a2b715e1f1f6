package timex

import (
	"strconv"
	"strings"
	"time"
)

// Interval turns a calendar TIMEX3 value into the span of time it names,
// [start, end) in UTC, so that an event dated "2016-12" can be compared
// with one dated "2016-12-14" or "2016-W50". It understands the shapes Find
// writes: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Wnn, YYYY-Wnn-WE, YYYY-Qn,
// YYYY-Hn, YYYY-SP/SU/FA/WI, decades (YYY), centuries (YY), and a day with
// a part of day (TMO...) or a clock time (Thh:mm). Durations, sets and
// PRESENT_REF-like values name no span: ok is false.
//
// Seasons are the meteorological ones of the northern hemisphere: YYYY-SP
// is March to May, SU June to August, FA September to November, and
// YYYY-WI the winter whose January is in YYYY (December of YYYY-1 to
// February). Parts of day are MO 06-12h, AF 12-18h, EV 18-22h, NI 20h to
// 06h the next day.
func Interval(value string) (start, end time.Time, ok bool) {
	date, clock, _ := strings.Cut(value, "T")
	parts := strings.Split(date, "-")
	num := func(s string, digits int) (int, bool) {
		if len(s) != digits {
			return 0, false
		}
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 0
	}
	switch len(parts[0]) {
	case 2, 3:
		if len(parts) != 1 || clock != "" {
			return
		}
		n, good := num(parts[0], len(parts[0]))
		if !good {
			return
		}
		if len(parts[0]) == 2 {
			return ymd(n*100, 1, 1), ymd(n*100+100, 1, 1), true
		}
		return ymd(n*10, 1, 1), ymd(n*10+10, 1, 1), true
	case 4:
	default:
		return
	}
	y, good := num(parts[0], 4)
	if !good || y == 0 {
		return
	}
	if len(parts) == 1 {
		if clock != "" {
			return
		}
		return ymd(y, 1, 1), ymd(y+1, 1, 1), true
	}
	p := parts[1]
	switch {
	case len(p) == 2 && p[0] == 'Q' || len(p) == 2 && p[0] == 'H':
		n, good := num(p[1:], 1)
		size := 3
		if p[0] == 'H' {
			size = 6
		}
		if !good || n < 1 || n > 12/size || len(parts) != 2 || clock != "" {
			return
		}
		s := ymd(y, (n-1)*size+1, 1)
		return s, addMonths(s, size), true
	case p == "SP" || p == "SU" || p == "FA" || p == "WI":
		if len(parts) != 2 || clock != "" {
			return
		}
		s, e := seasonSpan(y, p)
		return s, e, true
	case len(p) == 3 && p[0] == 'W':
		w, good := num(p[1:], 2)
		if !good || w < 1 || w > 53 || clock != "" {
			return
		}
		// ISO week 1 holds January 4.
		jan4 := ymd(y, 1, 4)
		mon := jan4.AddDate(0, 0, -(isoWeekday(jan4)-1)+7*(w-1))
		if wy, _ := mon.ISOWeek(); wy != y {
			return
		}
		if len(parts) == 3 && parts[2] == "WE" {
			return mon.AddDate(0, 0, 5), mon.AddDate(0, 0, 7), true
		}
		if len(parts) != 2 {
			return
		}
		return mon, mon.AddDate(0, 0, 7), true
	}
	mo, good := num(p, 2)
	if !good || mo < 1 || mo > 12 {
		return
	}
	if len(parts) == 2 {
		if clock != "" {
			return
		}
		s := ymd(y, mo, 1)
		return s, addMonths(s, 1), true
	}
	d, good := num(parts[2], 2)
	if len(parts) != 3 || !good || d < 1 || d > daysIn(y, mo) {
		return
	}
	s := ymd(y, mo, d)
	switch clock {
	case "":
		return s, s.AddDate(0, 0, 1), true
	case "MO":
		return s.Add(6 * time.Hour), s.Add(12 * time.Hour), true
	case "AF":
		return s.Add(12 * time.Hour), s.Add(18 * time.Hour), true
	case "EV":
		return s.Add(18 * time.Hour), s.Add(22 * time.Hour), true
	case "NI":
		return s.Add(20 * time.Hour), s.Add(30 * time.Hour), true
	}
	hh, good1 := num(clock[:min(2, len(clock))], 2)
	if len(clock) != 5 || clock[2] != ':' || !good1 {
		return
	}
	mm, good2 := num(clock[3:], 2)
	if !good2 || hh > 24 || mm > 59 || hh == 24 && mm != 0 {
		return
	}
	t := s.Add(time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute)
	return t, t.Add(time.Minute), true
}

// seasonSpan is the span of season code s of year y (see Interval).
func seasonSpan(y int, s string) (time.Time, time.Time) {
	start := ymd(y, map[string]int{"SP": 3, "SU": 6, "FA": 9, "WI": 0}[s], 1) // month 0 is December of y-1
	return start, addMonths(start, 3)
}

// seasonMode says which occurrence of a season named without a year is
// meant.
type seasonMode int

const (
	seasonLast   seasonMode = iota // the last one over: "last winter"
	seasonNext                     // the first to begin after: "next summer"
	seasonThis                     // the one under way, else the nearest: "this summer"
	seasonPast                     // under way, else the last one over: "during winter" in a report
	seasonComing                   // under way, else the next: "in the spring" in a forecast
)

// seasonYear picks the year of season s relative to time t.
func seasonYear(t time.Time, s string, mode seasonMode) int {
	y := t.Year()
	if mode >= seasonThis {
		for k := y - 1; k <= y+1; k++ {
			if st, e := seasonSpan(k, s); !t.Before(st) && t.Before(e) {
				return k
			}
		}
	}
	switch mode {
	case seasonLast, seasonPast:
		for k := y + 1; k > y-3; k-- {
			if _, e := seasonSpan(k, s); !e.After(t) {
				return k
			}
		}
	case seasonNext, seasonComing:
		for k := y - 1; k < y+3; k++ {
			if st, _ := seasonSpan(k, s); st.After(t) {
				return k
			}
		}
	}
	// The nearest: the last one over or the next, whichever is closer.
	last, next := seasonYear(t, s, seasonLast), seasonYear(t, s, seasonNext)
	_, e := seasonSpan(last, s)
	st, _ := seasonSpan(next, s)
	if t.Sub(e) <= st.Sub(t) {
		return last
	}
	return next
}
