package server

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// filterParams are the query parameters that select incidents, the same
// for the API, the exports and the web page, so a page's URL can be turned
// into an API call by changing its path.
var filterParams = []string{"from", "to", "country", "admin1", "bbox", "actor", "role", "type", "subtype",
	"certainty", "min_killed", "q", "article", "sort", "limit", "cursor"}

// sorts are the orders QueryIncidents knows.
var sorts = []string{"date", "-date", "killed", "reports", "id"}

// certainties are extract's certainty values.
var certainties = []string{extract.Reported, extract.Claimed, extract.Alleged, extract.Suspected,
	extract.Denied, extract.Hypothetical}

// maxTextParam bounds free-text parameters (q, actor, admin1, cursor):
// longer is not a search, it is an attack or a mistake.
const maxTextParam = 200

// filterError is a bad parameter: which one, and why, for a 400 answer.
type filterError struct {
	Param, Value, Why string
}

func (e *filterError) Error() string {
	return fmt.Sprintf("parameter %s=%q: %s", e.Param, truncate(e.Value, 60), e.Why)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// parseFilter reads an IncidentFilter from query parameters, checking each:
// dates are real calendar dates in order, country an ISO alpha-2 code,
// type, subtype, certainty and sort from the codebook's vocabulary,
// numbers in range, the bounding box four finite degrees. Empty values
// do not filter. Parameters not in filterParams (or extra) are refused,
// so a typo ("contry") is an error rather than a silently wider answer.
func parseFilter(v url.Values, extra ...string) (store.IncidentFilter, error) {
	var f store.IncidentFilter
	for name, vals := range v {
		if !slices.Contains(filterParams, name) && !slices.Contains(extra, name) {
			return f, &filterError{name, strings.Join(vals, ","), "unknown parameter; known: " + strings.Join(append(slices.Clone(filterParams), extra...), ", ")}
		}
		if len(vals) > 1 && slices.Contains(filterParams, name) {
			return f, &filterError{name, strings.Join(vals, ","), "given more than once"}
		}
	}
	get := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	text := func(name string) (string, error) {
		s := get(name)
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return "", &filterError{name, s, "not valid UTF-8 text"}
		}
		if len(s) > maxTextParam {
			return "", &filterError{name, s, fmt.Sprintf("longer than %d bytes", maxTextParam)}
		}
		return s, nil
	}
	var err error
	for _, p := range []struct {
		name string
		dst  *string
	}{{"from", &f.From}, {"to", &f.To}} {
		s := get(p.name)
		if s == "" {
			continue
		}
		if _, e := time.Parse(time.DateOnly, s); e != nil {
			return f, &filterError{p.name, s, "want a date YYYY-MM-DD"}
		}
		*p.dst = s
	}
	if f.From != "" && f.To != "" && f.From > f.To {
		return f, &filterError{"to", f.To, "before from=" + f.From}
	}
	if s := get("country"); s != "" {
		if len(s) != 2 || !isUpperAlpha(strings.ToUpper(s)) {
			return f, &filterError{"country", s, "want an ISO 3166-1 alpha-2 code such as NG"}
		}
		f.Country = strings.ToUpper(s)
	}
	if f.Admin1, err = text("admin1"); err != nil {
		return f, err
	}
	if f.Actor, err = text("actor"); err != nil {
		return f, err
	}
	if s := get("role"); s != "" {
		if s != store.ByPerpetrator && s != store.ByTarget {
			return f, &filterError{"role", s, "want perpetrator or target (a target or a victim)"}
		}
		if f.Actor == "" {
			return f, &filterError{"role", s, "an actor's role: give actor= too"}
		}
		f.ActorRole = s
	}
	if f.Q, err = text("q"); err != nil {
		return f, err
	}
	if f.Cursor, err = text("cursor"); err != nil {
		return f, err
	}
	if s := get("type"); s != "" {
		if !isType(s) {
			return f, &filterError{"type", s, "not an event type; want one of " + strings.Join(types(), ", ")}
		}
		f.Type = s
	}
	if s := get("subtype"); s != "" {
		t, ok := extract.Subtypes[s]
		if !ok {
			return f, &filterError{"subtype", s, "not a sub-event type (see codebook/events.yaml)"}
		}
		if f.Type != "" && f.Type != t {
			return f, &filterError{"subtype", s, "is a sub-type of " + t + ", not of type=" + f.Type}
		}
		f.Subtype = s
	}
	if s := get("certainty"); s != "" {
		if !slices.Contains(certainties, s) {
			return f, &filterError{"certainty", s, "want one of " + strings.Join(certainties, ", ")}
		}
		f.Certainty = s
	}
	if s := get("sort"); s != "" {
		if !slices.Contains(sorts, s) {
			return f, &filterError{"sort", s, "want one of " + strings.Join(sorts, ", ")}
		}
		f.Sort = s
	}
	if f.MinKilled, err = intParam(get, "min_killed", 0, 1_000_000); err != nil {
		return f, err
	}
	if f.Limit, err = intParam(get, "limit", 1, 1000); err != nil {
		return f, err
	}
	var id int
	if id, err = intParam(get, "article", 1, 1<<62); err != nil {
		return f, err
	}
	f.ArticleID = int64(id)
	if s := get("bbox"); s != "" {
		b, err := parseBBox(s)
		if err != nil {
			return f, &filterError{"bbox", s, err.Error()}
		}
		f.BBox = &b
	}
	return f, nil
}

// intParam reads an integer parameter in [lo, hi]; absent is 0.
func intParam(get func(string) string, name string, lo, hi int) (int, error) {
	s := get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, &filterError{name, s, fmt.Sprintf("want a whole number from %d to %d", lo, hi)}
	}
	return n, nil
}

// parseBBox reads "west,south,east,north" in degrees.
func parseBBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, fmt.Errorf("want west,south,east,north")
	}
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || x != x {
			return b, fmt.Errorf("%q is not a number", p)
		}
		b[i] = x
	}
	for _, i := range []int{0, 2} {
		if b[i] < -180 || b[i] > 180 {
			return b, fmt.Errorf("longitude %g outside -180..180", b[i])
		}
	}
	for _, i := range []int{1, 3} {
		if b[i] < -90 || b[i] > 90 {
			return b, fmt.Errorf("latitude %g outside -90..90", b[i])
		}
	}
	if b[1] > b[3] {
		return b, fmt.Errorf("south %g is north of north %g", b[1], b[3])
	}
	return b, nil
}

func isUpperAlpha(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// types lists ACLED's event types, sorted.
func types() []string {
	var ts []string
	for _, t := range extract.Subtypes {
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	slices.Sort(ts)
	return ts
}

func isType(s string) bool { return slices.Contains(types(), s) }

// subtypes lists the sub-event types, sorted.
func subtypes() []string {
	var ss []string
	for s := range extract.Subtypes {
		ss = append(ss, s)
	}
	slices.Sort(ss)
	return ss
}

// query renders a filter back to query parameters, the inverse of
// parseFilter, for links (next page, the map's API call, exports).
func query(f store.IncidentFilter) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("from", f.From)
	set("to", f.To)
	set("country", f.Country)
	set("admin1", f.Admin1)
	set("actor", f.Actor)
	set("role", f.ActorRole)
	set("type", f.Type)
	set("subtype", f.Subtype)
	set("certainty", f.Certainty)
	set("q", f.Q)
	set("sort", f.Sort)
	set("cursor", f.Cursor)
	if f.MinKilled > 0 {
		v.Set("min_killed", strconv.Itoa(f.MinKilled))
	}
	if f.Limit > 0 {
		v.Set("limit", strconv.Itoa(f.Limit))
	}
	if f.ArticleID > 0 {
		v.Set("article", strconv.FormatInt(f.ArticleID, 10))
	}
	if b := f.BBox; b != nil {
		v.Set("bbox", fmt.Sprintf("%g,%g,%g,%g", b[0], b[1], b[2], b[3]))
	}
	return v
}
