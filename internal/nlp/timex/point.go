package timex

import (
	"fmt"
	"time"
)

// gran is how precisely a calendar value is known. A value is written at
// its own granularity and no finer: "December 2016" is 2016-12, never a
// made-up day.
type gran int

const (
	gNone gran = iota
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
	gPartOfDay
	gMinute
)

var granNames = [...]string{"", "century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day", "part_of_day", "minute"}

func (g gran) String() string { return granNames[g] }

// point is a calendar value: a day (always a real one, normalised by
// time.Date) and the granularity at which it is meant. Sub-day codes
// (MO, AF...) and seasons, halves and quarters ride in code.
type point struct {
	t    time.Time
	g    gran
	code string // season SU/WI/FA/SP, part of day MO/AF/EV/NI, half 1/2, quarter 1..4
}

func (p point) valid() bool { return p.g != gNone && p.t.Year() >= 1 && p.t.Year() <= 9999 }

func dayOf(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func ymd(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func pYear(y int) point             { return point{t: ymd(y, 1, 1), g: gYear} }
func pMonth(y, m int) point         { return point{t: ymd(y, m, 1), g: gMonth} }
func pDay(t time.Time) point        { return point{t: dayOf(t), g: gDay} }
func pQuarter(y, q int) point       { return point{t: ymd(y, 3*q-2, 1), g: gQuarter, code: fmt.Sprint(q)} }
func pSeason(y int, s string) point { return point{t: ymd(y, seasonMonth[s], 1), g: gSeason, code: s} }

var seasonMonth = map[string]int{"SP": 4, "SU": 7, "FA": 10, "WI": 1}

// value writes p in the TimeML shape for its granularity, or "" when p is
// not a date a calendar has (year 0, year 10000).
func (p point) value() string {
	if !p.valid() {
		return ""
	}
	y := p.t.Year()
	switch p.g {
	case gCentury:
		return fmt.Sprintf("%02d", y/100)
	case gDecade:
		return fmt.Sprintf("%03d", y/10)
	case gYear:
		return fmt.Sprintf("%04d", y)
	case gHalf:
		return fmt.Sprintf("%04d-H%s", y, p.code)
	case gQuarter:
		return fmt.Sprintf("%04d-Q%d", y, (int(p.t.Month())-1)/3+1)
	case gSeason:
		return fmt.Sprintf("%04d-%s", y, p.code)
	case gMonth:
		return fmt.Sprintf("%04d-%02d", y, p.t.Month())
	case gWeek, gWeekend:
		wy, w := p.t.ISOWeek()
		s := fmt.Sprintf("%04d-W%02d", wy, w)
		if p.g == gWeekend {
			s += "-WE"
		}
		return s
	case gDay:
		return p.t.Format("2006-01-02")
	case gPartOfDay:
		return p.t.Format("2006-01-02") + "T" + p.code
	case gMinute:
		return p.t.Format("2006-01-02") + "T" + p.code
	}
	return ""
}

// shift moves p by n units of unit (a [unit] code: Y M W D Q DE CE WE H),
// keeping p's granularity unless the unit is finer.
func (p point) shift(n int, unit string) point {
	t := p.t
	switch unit {
	case "Y":
		t = t.AddDate(n, 0, 0)
	case "M":
		t = addMonths(t, n)
	case "W", "WE":
		t = t.AddDate(0, 0, 7*n)
	case "D":
		t = t.AddDate(0, 0, n)
	case "Q":
		t = addMonths(t, 3*n)
	case "H":
		t = addMonths(t, 6*n)
	case "DE":
		t = t.AddDate(10*n, 0, 0)
	case "CE":
		t = t.AddDate(100*n, 0, 0)
	case "TH":
		t = t.Add(time.Duration(n) * time.Hour)
	case "TM":
		t = t.Add(time.Duration(n) * time.Minute)
	}
	p.t = t
	if p.g == gQuarter {
		p.code = fmt.Sprint((int(t.Month())-1)/3 + 1)
	}
	return p
}

// addMonths moves t by n calendar months, clamping the day to the end of
// the target month (January 31 plus a month is February 28 or 29).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), 0, 0, time.UTC)
	if last := daysIn(first.Year(), int(first.Month())); d > last {
		d = last
	}
	return time.Date(first.Year(), first.Month(), d, t.Hour(), t.Minute(), 0, 0, time.UTC)
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// at returns p coarsened to g (a day as its month, a month as its year...).
// It never makes p finer: a year asked for as a day stays a year.
func (p point) at(g gran) point {
	if g >= p.g && !(p.g == gQuarter && g == gMonth) {
		return p
	}
	out := point{t: p.t, g: g}
	switch g {
	case gQuarter:
		out.code = fmt.Sprint((int(p.t.Month())-1)/3 + 1)
	case gHalf:
		out.code = "1"
		if p.t.Month() > 6 {
			out.code = "2"
		}
	case gPartOfDay:
		out.code = p.code
	}
	return out
}

// unitGran is the granularity a date reached by counting in unit has:
// "two days ago" is a day, "a month later" a month.
var unitGran = map[string]gran{
	"Y": gYear, "M": gMonth, "W": gWeek, "D": gDay, "Q": gQuarter, "H": gHalf,
	"DE": gYear, "CE": gYear, "WE": gWeekend, "TH": gMinute, "TM": gMinute, "TS": gMinute,
}

// easter returns Western Easter Sunday of year y (anonymous Gregorian
// algorithm).
func easter(y int) time.Time {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return ymd(y, month, day)
}

// thanksgiving returns the fourth Thursday of November of year y (US).
func thanksgiving(y int) time.Time { return nthWeekday(y, 11, time.Thursday, 4) }

// nthWeekday returns the n-th weekday wd of month mo of year y, counted
// from 1; n = -1 is the last one (Memorial Day is May's last Monday).
func nthWeekday(y, mo int, wd time.Weekday, n int) time.Time {
	if n < 0 {
		t := ymd(y, mo+1, 1).AddDate(0, 0, -1) // the month's last day
		return t.AddDate(0, 0, -((int(t.Weekday()) - int(wd) + 7) % 7))
	}
	t := ymd(y, mo, 1)
	off := (int(wd) - int(t.Weekday()) + 7) % 7
	return t.AddDate(0, 0, off+7*(n-1))
}
