package extract

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/nlp/timex"
	"sitrep/internal/wordlist"
)

// eventDate turns a TIMEX3 date value into an event date range with its
// precision: "2015-09-30" is that day, "2016-12" the whole of December
// 2016 (not a made-up day), "2015" the year, "2024-W12" that week. Values
// that are not calendar dates (durations, PRESENT_REF, sets) give nil.
func eventDate(e timex.Expr) *Date {
	if e.Type != "DATE" && e.Type != "TIME" {
		return nil
	}
	v := e.Value
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i] // a time of day: the day is what an event date keeps
	}
	d := &Date{Text: e.Text}
	switch {
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return nil
		}
		d.Start, d.End, d.Precision = v, v, "day"
	case len(v) == 8 && v[4] == '-' && v[5] == 'W':
		y, err1 := strconv.Atoi(v[:4])
		w, err2 := strconv.Atoi(v[6:])
		if err1 != nil || err2 != nil || w < 1 || w > 53 {
			return nil
		}
		// ISO week w starts on the Monday of the week holding 4 January.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		d.Start, d.End, d.Precision = monday.Format("2006-01-02"), monday.AddDate(0, 0, 6).Format("2006-01-02"), "week"
	case len(v) == 7 && v[4] == '-':
		t, err := time.Parse("2006-01", v)
		if err != nil {
			return nil
		}
		d.Start, d.End, d.Precision = t.Format("2006-01-02"), t.AddDate(0, 1, -1).Format("2006-01-02"), "month"
	case len(v) == 4:
		y, err := strconv.Atoi(v)
		if err != nil {
			return nil
		}
		d.Start, d.End, d.Precision = strconv.Itoa(y)+"-01-01", strconv.Itoa(y)+"-12-31", "year"
	default:
		return nil
	}
	return d
}

// overlaps reports whether two dates can be the same time.
func (d *Date) overlaps(o *Date) bool {
	if d == nil || o == nil {
		return true
	}
	return d.Start <= o.End && o.Start <= d.End
}

// narrows reports whether d lies within o and is shorter: "January 19"
// within "last week". Dates are YYYY-MM-DD, so strings compare as days.
func (d *Date) narrows(o *Date) bool {
	if d == nil || o == nil {
		return false
	}
	return o.Start <= d.Start && d.End <= o.End && (o.Start != d.Start || o.End != d.End)
}

//go:embed rules/dates.txt
var dateRules string

// dateCues are the sections of rules/dates.txt, each a set of lower-case
// words or phrases.
var dateCues = sync.OnceValue(func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for section, lines := range wordlist.Sections(dateRules) {
		if section == "" {
			panic("extract: rules/dates.txt: entry outside a section: " + lines[0])
		}
		m := map[string]bool{}
		for _, l := range lines {
			m[strings.ToLower(l)] = true
		}
		out[section] = m
	}
	for _, want := range dateCueSections {
		if len(out[want]) == 0 {
			panic("extract: rules/dates.txt: no [" + want + "] section")
		}
	}
	return out
})

// dateCueSections are the sections rules/dates.txt must have.
var dateCueSections = []string{"report_verbs", "violence_cues", "aftermath_cues", "future_cues", "stamp_cues", "night_cues", "weekday_words", "month_words", "deictic_words", "incident_cues", "overnight_words", "clause_breaks", "state_cues"}

func reportVerbs() map[string]bool { return dateCues()["report_verbs"] }

// reportDate reports whether a time expression that follows before is
// the day something was said, not the day it happened: "police said
// Sunday", "the sheriff told reporters on Monday". News dates its
// statements apart from its events, and a statement comes after them.
func reportDate(before string) bool {
	words := strings.Fields(before[max(0, len(before)-40):])
	if n := len(words); n > 0 && strings.EqualFold(words[n-1], "on") {
		words = words[:n-1]
	}
	if len(words) == 0 {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	if len(words) >= 2 && reportVerbs()[strings.ToLower(words[len(words)-2])+" "+last] {
		return true
	}
	return reportVerbs()[last]
}
