package article

import (
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/wordlist"
)

// The cue phrases that metadata reading depends on — month names, time
// zones, "Updated"/"Published" prefixes, boilerplate headers, byline words,
// news agencies — live in plain-text files under rules/, so that adding a
// language or an agency is a one-line change a non-programmer can review,
// and so that the Go code says how cues are used rather than which exist.
//
//go:embed rules/meta_*.txt rules/lead_*.txt
var rulesFS embed.FS

// rules is the parsed form of rules/*.txt.
type ruleSet struct {
	months   map[string]time.Month // lower-case name → month
	weekdays map[string]time.Weekday
	filler   map[string]bool
	zones    map[string]zoneRule // lower-case abbreviation → zone

	dateCues []dateCue // longest first

	tagHeaders    map[string]bool
	endHeaders    map[string]bool
	teaserHeaders map[string]bool

	bylineWords []string // longest first

	agencies  map[string]bool // lower case
	notPlaces map[string]bool // upper case
}

// zoneRule is either a fixed offset or an IANA zone whose offset depends
// on the date (summer time).
type zoneRule struct {
	offset int    // seconds east of UTC, when iana == ""
	iana   string // e.g. "America/New_York"
	loc    *time.Location
}

// dateCue is a word or phrase that introduces a visible date line.
type dateCue struct {
	words []string // lower-case, split at spaces
	field dateField
}

var (
	rulesOnce sync.Once
	theRules  *ruleSet
)

// getRules parses the embedded rule files on first use. The files are part
// of the binary, so a syntax error in them is a programming error: it
// panics, and TestRulesParse catches it before any release.
func getRules() *ruleSet {
	rulesOnce.Do(func() {
		r, err := parseRules()
		if err != nil {
			panic("article: bad rules file: " + err.Error())
		}
		theRules = r
	})
	return theRules
}

// ruleSections reads a rules file in the wordlist format.
func ruleSections(name string) (map[string][]string, error) {
	b, err := rulesFS.ReadFile("rules/" + name)
	if err != nil {
		return nil, err
	}
	return wordlist.Sections(string(b)), nil
}

func parseRules() (*ruleSet, error) {
	r := &ruleSet{
		months:        map[string]time.Month{},
		weekdays:      map[string]time.Weekday{},
		filler:        map[string]bool{},
		zones:         map[string]zoneRule{},
		tagHeaders:    map[string]bool{},
		endHeaders:    map[string]bool{},
		teaserHeaders: map[string]bool{},
		agencies:      map[string]bool{},
		notPlaces:     map[string]bool{},
	}

	cal, err := ruleSections("meta_calendar.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range cal["months"] {
		num, names, ok := strings.Cut(line, ":")
		m, err := strconv.Atoi(strings.TrimSpace(num))
		if !ok || err != nil || m < 1 || m > 12 {
			return nil, fmt.Errorf("meta_calendar.txt: bad month line %q", line)
		}
		for _, n := range strings.Fields(names) {
			r.months[strings.ToLower(n)] = time.Month(m)
		}
	}
	for _, line := range cal["weekdays"] {
		num, names, ok := strings.Cut(line, ":")
		d, err := strconv.Atoi(strings.TrimSpace(num))
		if !ok || err != nil || d < 0 || d > 6 {
			return nil, fmt.Errorf("meta_calendar.txt: bad weekday line %q", line)
		}
		for _, n := range strings.Fields(names) {
			r.weekdays[strings.ToLower(n)] = time.Weekday(d)
		}
	}
	for _, line := range cal["filler"] {
		for _, n := range strings.Fields(line) {
			r.filler[strings.ToLower(n)] = true
		}
	}
	if len(r.months) < 12 {
		return nil, fmt.Errorf("meta_calendar.txt: no [months]")
	}

	tz, err := ruleSections("meta_timezones.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range tz[""] {
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("meta_timezones.txt: bad line %q", line)
		}
		var z zoneRule
		if off, ok := parseOffset(f[1]); ok {
			z.offset = off
		} else {
			loc, err := time.LoadLocation(f[1])
			if err != nil {
				return nil, fmt.Errorf("meta_timezones.txt: %v", err)
			}
			z.iana, z.loc = f[1], loc
		}
		r.zones[strings.ToLower(f[0])] = z
	}

	dates, err := ruleSections("lead_dates.txt")
	if err != nil {
		return nil, err
	}
	for sec, field := range map[string]dateField{"published": fieldPublished, "updated": fieldUpdated} {
		for _, line := range dates[sec] {
			r.dateCues = append(r.dateCues, dateCue{words: strings.Fields(strings.ToLower(line)), field: field})
		}
	}
	sort.SliceStable(r.dateCues, func(i, j int) bool {
		if len(r.dateCues[i].words) != len(r.dateCues[j].words) {
			return len(r.dateCues[i].words) > len(r.dateCues[j].words)
		}
		return strings.Join(r.dateCues[i].words, " ") < strings.Join(r.dateCues[j].words, " ")
	})

	bp, err := ruleSections("lead_boilerplate.txt")
	if err != nil {
		return nil, err
	}
	for sec, m := range map[string]map[string]bool{"tags": r.tagHeaders, "end": r.endHeaders, "teaser": r.teaserHeaders} {
		if len(bp[sec]) == 0 {
			return nil, fmt.Errorf("lead_boilerplate.txt: no [%s]", sec)
		}
		for _, line := range bp[sec] {
			m[headerKey(line)] = true
		}
	}

	by, err := ruleSections("lead_bylines.txt")
	if err != nil {
		return nil, err
	}
	r.bylineWords = by[""]
	sort.SliceStable(r.bylineWords, func(i, j int) bool { return len(r.bylineWords[i]) > len(r.bylineWords[j]) })

	dl, err := ruleSections("lead_datelines.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range dl["agencies"] {
		r.agencies[strings.ToLower(line)] = true
	}
	for _, line := range dl["not-places"] {
		r.notPlaces[strings.ToUpper(line)] = true
	}
	if len(r.agencies) == 0 || len(r.notPlaces) == 0 {
		return nil, fmt.Errorf("lead_datelines.txt: empty section")
	}
	return r, nil
}

// parseOffset reads "+05:30", "-0500", "+3" as seconds east of UTC.
func parseOffset(s string) (int, bool) {
	if len(s) < 2 || (s[0] != '+' && s[0] != '-') {
		return 0, false
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	body := strings.ReplaceAll(s[1:], ":", "")
	for _, c := range body {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	var h, m int
	switch len(body) {
	case 1, 2:
		h, _ = strconv.Atoi(body)
	case 3:
		h, _ = strconv.Atoi(body[:1])
		m, _ = strconv.Atoi(body[1:])
	case 4:
		h, _ = strconv.Atoi(body[:2])
		m, _ = strconv.Atoi(body[2:])
	default:
		return 0, false
	}
	if h > 14 || m > 59 {
		return 0, false
	}
	return sign * (h*3600 + m*60), true
}

// headerKey normalises a boilerplate header for lookup: lower case, letters
// and digits only, single spaces.
func headerKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if isLetterOrDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}
