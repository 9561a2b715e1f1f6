package extract

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/nlp"
	"sitrep/internal/wordlist"
)

// The main event's day is chosen among every day the article writes by a
// small log-linear ranker: each candidate day is described by a few dozen
// yes/no features of where it stands and what its sentence says (the
// opening paragraphs, beside the event's trigger, after "on", in a sentence
// about a court hearing or a funeral, a clock time alone, one day before
// the article's date...), and the candidate whose weighted sum is highest
// wins. The weights (rules/date_weights.txt) are learned by
// `go run ./tools/datetrain --data ../shared/eval/gva`, which fits them on
// the dev half of the gva set and reports k-fold cross-validated figures.

// dayExpr is one day-precision time expression of the text.
type dayExpr struct {
	sent       int
	start, end int // byte offsets into the text
	date       *Date
	report     bool // straight after "said", "told reporters": when a statement was made
	// overnight marks a night the text names with no day ("was shot
	// overnight"): date is the article's day, and the ranker also weighs
	// the day before, when the night began.
	overnight bool
}

// DateChoice is one candidate day for an article's main event, with the
// features the ranker scores it by (see DateFeatureNames).
type DateChoice struct {
	Date     *Date
	Features []float64
}

// dateFeatures names the ranker's features in the order of
// DateChoice.Features.
var dateFeatures = []string{
	// where the candidate stands
	"para0", "para1", "para2_3", "para4plus",
	"rank0", "rank1", "rank2", "rank3plus",
	"main_sentence", "main_evidence", "violent_mention", "other_mention",
	"before_main", "after_main_1", "after_main_2_3", "after_main_4plus",
	// what it is written as
	"weekday", "calendar", "year", "clock_only", "deictic", "other_kind", "night",
	// the words around it
	"prev_on", "prev_since_until", "prev_before_after", "prev_at", "report", "said_after",
	"stamp", "paren", "prev_violence", "next_violence", "prev_aftermath",
	"sent_violence", "sent_aftermath", "sent_future", "sent_quote",
	// of its own clause: what the day is the day of
	"clause_violence", "clause_aftermath", "clause_state",
	// its value
	"delta_future", "delta0", "delta1", "delta2", "delta3_6", "delta7_31", "delta_older",
	"clock_delta0", "weekday_delta0", "weekday_delta6",
	"count2", "count3plus", "vcount1", "vcount2plus", "first_violent", "earliest_recent", "main_date", "within_main", "lead_date",
	// candidates the text does not write as such
	"day_before", "day_before_evening", "loose",
	// a day in no sentence about violence, eligible or not
	"stray", "sent_incident",
	// "overnight" with no day: the article's day, or the evening before
	"overnight", "overnight_before",
}

// DateFeatureNames returns the names of the ranker's features.
func DateFeatureNames() []string { return append([]string(nil), dateFeatures...) }

var dateFeatureIndex = sync.OnceValue(func() map[string]int {
	m := make(map[string]int, len(dateFeatures))
	for i, n := range dateFeatures {
		m[n] = i
	}
	return m
})

//go:embed rules/date_weights.txt
var dateWeightsText string

// dateWeights are the ranker's weights, by feature; a feature the file
// does not name weighs nothing.
var dateWeights = sync.OnceValue(func() []float64 {
	w, err := ParseDateWeights(dateWeightsText)
	if err != nil {
		panic("extract: rules/date_weights.txt: " + err.Error())
	}
	return w
})

// ParseDateWeights reads a weights file: one "feature weight" pair a line,
// in the wordlist syntax (comments, one [weights] section).
func ParseDateWeights(text string) ([]float64, error) {
	w := make([]float64, len(dateFeatures))
	for sec, lines := range wordlist.Sections(text) {
		if sec != "weights" {
			return nil, fmt.Errorf("entry outside [weights]: %q", lines[0])
		}
		for _, l := range lines {
			name, val, ok := strings.Cut(l, " ")
			if !ok {
				return nil, fmt.Errorf("line %q: want a feature and a weight", l)
			}
			i, known := dateFeatureIndex()[name]
			if !known {
				return nil, fmt.Errorf("unknown feature %q", name)
			}
			f, err := strconv.ParseFloat(val, 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, fmt.Errorf("line %q: bad weight", l)
			}
			w[i] = f
		}
	}
	return w, nil
}

// FormatDateWeights writes weights as ParseDateWeights reads them.
func FormatDateWeights(w []float64, header string) string {
	var b strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(header), "\n") {
		b.WriteString("# " + l + "\n")
	}
	b.WriteString("\n[weights]\n")
	for i, n := range dateFeatures {
		fmt.Fprintf(&b, "%s %.4f\n", n, w[i])
	}
	return b.String()
}

// ScoreDate is the ranker's score of one candidate under weights w.
func ScoreDate(w, x []float64) float64 {
	s := 0.0
	for i := range x {
		s += w[i] * x[i]
	}
	return s
}

// dateContext is what the features of one article's candidates need.
type dateContext struct {
	text     string
	sents    []nlp.Span
	paras    []int
	idx      *sentenceDateIndex
	anchor   time.Time
	main     *Event
	mainSent int          // the main event's first sentence, -1 if unknown
	mainSet  map[int]bool // every sentence the main event was told in
	violent  map[int]bool // sentences telling a violent event
	events   map[int]bool // sentences telling any event
	lead     *Date
}

// dayReading is what one candidate's words and sentence say, before the
// candidates are compared.
type dayReading struct {
	weekday, calendar, year, clock, deictic, night bool
	prev                                           []string // the sentence's words before it
	said, stamp, paren                             bool
	violence, aftermath, future, quote, incident   bool // of its sentence
	prevViolence, nextViolence, prevAftermath      bool // within a few words
	clauseViolence, clauseAftermath, clauseState   bool // of its clause
}

// readDay reads one candidate day in its sentence.
func readDay(c dateContext, d dayExpr) dayReading {
	cues := dateCues()
	var r dayReading
	words := lowerWords(c.text[d.start:d.end])
	for _, w := range words {
		switch {
		case cues["weekday_words"][w]:
			r.weekday = true
		case cues["month_words"][w] || strings.Contains(w, "/") && strings.ContainsAny(w, "0123456789"):
			r.calendar = true
		case len(w) == 4 && isDigit(w[0]) && isDigit(w[1]) && isDigit(w[2]) && isDigit(w[3]):
			r.year = true
		case cues["deictic_words"][w]:
			r.deictic = true
		case strings.Contains(w, ":") || w == "a.m." || w == "p.m." || w == "am" || w == "pm" || w == "a.m" || w == "p.m":
			r.clock = true
		}
	}
	r.night = hasCue(words, cues["night_cues"])
	sent := c.sents[d.sent]
	r.prev = lowerWords(c.text[sent.Start:d.start])
	near := r.prev[max(0, len(r.prev)-4):]
	after := lowerWords(c.text[d.end:max(d.end, min(sent.End, d.end+40))])
	after = after[:min(len(after), 3)]
	for _, w := range after {
		r.said = r.said || cues["report_verbs"][w] || w == "told"
	}
	for _, w := range near[max(0, len(near)-3):] {
		r.stamp = r.stamp || cues["stamp_cues"][w]
	}
	r.prevViolence = hasCue(near, cues["violence_cues"])
	r.prevAftermath = hasCue(near, cues["aftermath_cues"])
	r.nextViolence = hasCue(after, cues["violence_cues"])
	r.paren = strings.HasSuffix(strings.TrimSpace(c.text[sent.Start:d.start]), "(")
	sw := lowerWords(c.text[sent.Start:sent.End])
	r.violence = hasCue(sw, cues["violence_cues"])
	r.aftermath = hasCue(sw, cues["aftermath_cues"])
	r.future = hasCue(sw, cues["future_cues"])
	r.incident = hasCue(sw, cues["incident_cues"])
	r.quote = strings.ContainsAny(c.text[sent.Start:sent.End], "\"“”")
	cw := clauseWords(c.text, sent, d.start, d.end)
	r.clauseViolence = hasCue(cw, cues["violence_cues"])
	r.clauseAftermath = hasCue(cw, cues["aftermath_cues"])
	r.clauseState = hasCue(cw, cues["state_cues"])
	return r
}

// dateChoices describes every day the text writes as a candidate date of
// the main event.
func dateChoices(c dateContext) []DateChoice {
	days := withOvernights(c)
	reads := make([]dayReading, len(days))
	count := map[string]int{}  // tellings of each day, a page's stamps and statements aside
	vcount := map[string]int{} // tellings in a sentence about violence
	earliest, firstViolent := "", ""
	anchorDay := c.anchor.Format("2006-01-02")
	sixBack := c.anchor.AddDate(0, 0, -6).Format("2006-01-02")
	for k, d := range days {
		r := readDay(c, d)
		reads[k] = r
		if r.stamp || d.report || d.overnight {
			continue
		}
		count[d.date.Start]++
		if r.violence && !r.aftermath {
			vcount[d.date.Start]++
			if firstViolent == "" {
				firstViolent = d.date.Start
			}
		}
		if c.paras[d.sent] < storyParagraphs && recent(d.date, c.anchor) && d.date.Start <= anchorDay && (earliest == "" || d.date.Start < earliest) {
			earliest = d.date.Start
		}
	}
	out := make([]DateChoice, 0, len(days)+2)
	fi := dateFeatureIndex()
	// value sets the features of a candidate's value v: how far before
	// the anchor, how often the text tells it, whether the main event or
	// the lead already has it.
	value := func(x []float64, v *Date) {
		set := func(name string, on bool) {
			x[fi[name]] = 0
			if on {
				x[fi[name]] = 1
			}
		}
		delta := int(c.anchor.Sub(mustDay(v.Start)).Hours() / 24)
		if mustDay(v.Start).After(c.anchor) {
			delta = -1
		}
		set("delta_future", delta < 0)
		set("delta0", delta == 0)
		set("delta1", delta == 1)
		set("delta2", delta == 2)
		set("delta3_6", delta >= 3 && delta <= 6)
		set("delta7_31", delta >= 7 && delta <= 31)
		set("delta_older", delta > 31)
		set("count2", count[v.Start] == 2)
		set("count3plus", count[v.Start] >= 3)
		set("vcount1", vcount[v.Start] == 1)
		set("vcount2plus", vcount[v.Start] >= 2)
		set("first_violent", v.Start == firstViolent)
		set("earliest_recent", v.Start == earliest)
		md := c.main.Date
		set("main_date", md != nil && md.Precision == "day" && md.Start == v.Start)
		set("within_main", md != nil && md.Precision != "day" && v.narrows(md))
		set("lead_date", c.lead != nil && c.lead.Precision == "day" && c.lead.Start == v.Start)
	}
	for k, d := range days {
		// Besides the days eligible allows, the ranker weighs, as looser
		// candidates (feature "loose"), days told in a sentence about
		// violence, a trigger's or only a cue word's: a follow-up story
		// recalls the shooting's day ("charged in the Nov. 29 shooting")
		// however long ago, and a violent sentence may give the day a wrong
		// rough date ("in March" read off a street name) would hide. A day
		// told only beside a hearing or a statement still never dates the
		// event outside the rough date the text gave it.
		strict := c.eligible(d)
		r := reads[k]
		if d.overnight && (!r.violence && !r.incident && !c.violent[d.sent] || !c.withinRough(d.date) || !c.withinRough(dayBefore(d.date))) {
			continue // a night of no incident ("stayed overnight in hospital")
		}
		// The loosest candidates, "stray": a day told in no sentence
		// about violence but in one that tells of the incident's scene
		// ("deputies responded to the farmhouse around 11:20 a.m.
		// Monday"), however far down or long ago, as long as it is not a
		// page's stamp or a statement's day and lies within the rough
		// date the text gave the event. A page whose lead is captions and
		// links, or a follow-up story, may date its incident only so;
		// the ranker weighs these below every other candidate.
		stray := !strict && !c.violent[d.sent] && !r.violence && !d.overnight
		if stray && (r.stamp || d.report || !r.incident || !c.withinRough(d.date)) {
			continue
		}
		x := make([]float64, len(dateFeatures))
		set := func(name string, on bool) {
			if on {
				x[fi[name]] = 1
			}
		}
		set("loose", !strict && !stray)
		set("stray", stray)
		set("sent_incident", r.incident)
		p := c.paras[d.sent]
		set("para0", p == 0)
		set("para1", p == 1)
		set("para2_3", p == 2 || p == 3)
		set("para4plus", p >= 4)
		set("rank0", k == 0)
		set("rank1", k == 1)
		set("rank2", k == 2)
		set("rank3plus", k >= 3)
		set("main_sentence", d.sent == c.mainSent)
		set("main_evidence", c.mainSet[d.sent])
		set("violent_mention", c.violent[d.sent])
		set("other_mention", c.events[d.sent] && !c.violent[d.sent])
		if c.mainSent >= 0 {
			dist := d.sent - c.mainSent
			set("before_main", dist < 0)
			set("after_main_1", dist == 1)
			set("after_main_2_3", dist == 2 || dist == 3)
			set("after_main_4plus", dist >= 4)
		}
		clockOnly := r.clock && !r.weekday && !r.calendar && !r.deictic
		set("weekday", r.weekday)
		set("calendar", r.calendar)
		set("year", r.year)
		set("clock_only", clockOnly)
		set("deictic", r.deictic)
		set("other_kind", !r.weekday && !r.calendar && !r.year && !r.clock && !r.deictic)
		set("night", r.night)

		prev := ""
		if len(r.prev) > 0 {
			prev = r.prev[len(r.prev)-1]
		}
		set("prev_on", prev == "on")
		set("prev_since_until", prev == "since" || prev == "until" || prev == "till")
		set("prev_before_after", prev == "before" || prev == "after")
		set("prev_at", prev == "at" || prev == "about" || prev == "around")
		set("report", d.report)
		set("said_after", r.said)
		set("stamp", r.stamp)
		set("paren", r.paren)
		set("prev_violence", r.prevViolence)
		set("next_violence", r.nextViolence)
		set("prev_aftermath", r.prevAftermath)
		set("sent_violence", r.violence)
		set("sent_aftermath", r.aftermath)
		set("sent_future", r.future)
		set("sent_quote", r.quote)
		set("clause_violence", r.clauseViolence)
		set("clause_aftermath", r.clauseAftermath)
		set("clause_state", r.clauseState)

		value(x, d.date)
		delta0 := d.date.Start == anchorDay
		set("clock_delta0", clockOnly && delta0)
		set("weekday_delta0", r.weekday && delta0)
		// A weekday alone read as six days before the anchor is most often
		// the day after it: a story updated the next morning ("turned
		// himself in Wednesday") under the previous day's date.
		set("weekday_delta6", r.weekday && !r.calendar && d.date.Start == sixBack)
		if d.overnight {
			// The night that ended the morning of the article's day
			// belongs to either calendar day; both are candidates and the
			// ranker weighs which one a story of this kind means.
			x[fi["overnight"]] = 1
			out = append(out, DateChoice{Date: d.date, Features: x})
			y := append([]float64(nil), x...)
			prev := dayBefore(d.date)
			value(y, prev)
			y[fi["overnight_before"]] = 1
			out = append(out, DateChoice{Date: prev, Features: y})
			continue
		}
		out = append(out, DateChoice{Date: d.date, Features: x})
		if !strict {
			continue
		}
		if clockOnly && delta0 && !r.stamp && !d.report && c.withinRough(dayBefore(d.date)) {
			// A clock time alone ("around 9:30 p.m.") is read as the
			// article's day; a story written the morning after tells
			// of the night before in the same words.
			y := append([]float64(nil), x...)
			prev := dayBefore(d.date)
			value(y, prev)
			y[fi["day_before"]] = 1
			if r.night || evening(c.text[d.start:d.end]) {
				y[fi["day_before_evening"]] = 1
			}
			y[fi["clock_delta0"]] = 0
			out = append(out, DateChoice{Date: prev, Features: y})
		}
	}
	return out
}

// withOvernights returns the text's days with, in text order, a day for
// each "overnight" (rules/dates.txt [overnight_words]) the time
// normaliser left without one: a night no day is told beside ("was shot
// overnight in the north end", not "overnight Saturday", whose weekday is
// a day of its own). Each sentence is scanned once.
func withOvernights(c dateContext) []dayExpr {
	days := c.idx.days
	words := dateCues()["overnight_words"]
	var out []dayExpr
	k := 0
	anchor := c.anchor.Format("2006-01-02")
	for si, s := range c.sents {
		for k < len(days) && days[k].sent < si {
			out = append(out, days[k])
			k++
		}
		first := k // the sentence's own days start here
		for _, w := range wordSpans(c.text, s) {
			if !words[strings.ToLower(c.text[w.Start:w.End])] {
				continue
			}
			near := false
			for j := first; j < len(days) && days[j].sent == si; j++ {
				near = near || days[j].end >= w.Start-20 && days[j].start <= w.End+20
			}
			if near {
				continue
			}
			for k < len(days) && days[k].sent == si && days[k].start < w.Start {
				out = append(out, days[k])
				k++
			}
			out = append(out, dayExpr{sent: si, start: w.Start, end: w.End, overnight: true,
				date: &Date{Start: anchor, End: anchor, Precision: "day", Text: c.text[w.Start:w.End]}})
		}
	}
	return append(out, days[k:]...)
}

// wordSpans returns the byte spans of the letter runs of sentence s.
func wordSpans(text string, s nlp.Span) []nlp.Span {
	var out []nlp.Span
	start := -1
	for i := s.Start; i <= s.End; i++ {
		letter := i < s.End && (text[i] >= 'a' && text[i] <= 'z' || text[i] >= 'A' && text[i] <= 'Z')
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, nlp.Span{Start: start, End: i})
			start = -1
		}
	}
	return out
}

// evening reports whether a clock time is from 6 p.m. to midnight: "9:30
// p.m.", "11 pm".
func evening(s string) bool {
	ws := lowerWords(s)
	pm := false
	for _, w := range ws {
		pm = pm || w == "p.m." || w == "pm" || w == "p.m"
	}
	if !pm || len(ws) == 0 {
		return false
	}
	h, _, _ := strings.Cut(ws[0], ":")
	n, err := strconv.Atoi(h)
	return err == nil && n >= 6 && n <= 11
}

// clauseWords returns the lower-case words of the clause of sentence s
// that holds the time expression at [start, end), the expression's own
// words left out: back to the punctuation or the word that opens it
// ("after", "when", "that": rules/dates.txt [clause_breaks]) and on to
// the next. "Police were hunting him Monday after he shot two officers"
// dates the hunt, not the shooting.
func clauseWords(text string, s nlp.Span, start, end int) []string {
	breaks := dateCues()["clause_breaks"]
	start, end = max(start, s.Start), min(max(end, start), s.End)
	lo := s.Start
	if i := strings.LastIndexAny(text[s.Start:start], ",;:()—–"); i >= 0 {
		lo = s.Start + i + 1
	}
	hi := s.End
	if i := strings.IndexAny(text[end:s.End], ",;:()—–"); i >= 0 {
		hi = end + i
	}
	left := lowerWords(text[lo:start])
	for i := len(left) - 1; i >= 0; i-- {
		if breaks[left[i]] {
			left = left[i+1:]
			break
		}
	}
	right := lowerWords(text[end:hi])
	for i, w := range right {
		if breaks[w] {
			right = right[:i]
			break
		}
	}
	return append(left, right...)
}

// dayBefore is the day before day-precision date d.
func dayBefore(d *Date) *Date {
	t := mustDay(d.Start).AddDate(0, 0, -1).Format("2006-01-02")
	return &Date{Start: t, End: t, Precision: "day", Text: d.Text}
}

// withinRough reports whether a day lies within the rough date the text
// gave the main event ("last week", "in July"), if it gave one.
func (c dateContext) withinRough(d *Date) bool {
	md := c.main.Date
	return md == nil || md.Text == "" || md.Precision == "day" || d.narrows(md)
}

// eligible reports whether a day may date the main event at all, as a
// careful reader would allow. A day the text gives the main event's own
// telling always may. Otherwise: within the rough date the text gave the
// event ("last week", "in July"); for an event dated by a day of the text,
// recent (in the month before the article) or told beside a violent event
// (a trial story recalls the shooting's day); for one dated only by the
// lead's implicit week, recent; for one the text never dates, recent and
// in the opening paragraphs, where a news lead dates its story, or beside
// a violent event's telling. Background from years ago ("the district was
// founded in 1998") and hearings to come never date it.
func (c dateContext) eligible(d dayExpr) bool {
	if c.mainSet[d.sent] {
		return true
	}
	md := c.main.Date
	switch {
	case md != nil && md.Text != "" && md.Precision != "day":
		return d.date.narrows(md)
	case md != nil && md.Text != "":
		return recent(d.date, c.anchor) || c.violent[d.sent]
	case md != nil:
		return recent(d.date, c.anchor)
	}
	return recent(d.date, c.anchor) && (c.paras[d.sent] < storyParagraphs || c.violent[d.sent])
}

// BestDate returns the candidate of the day the weights give the most
// probability to, or -1: the ranker's model puts a softmax over the
// candidates and a day is as likely as all its tellings together, so
// that a day told three times fairly well beats one told once a little
// better (the fit in tools/datetrain maximises the same mass). Of that
// day's candidates it returns the one scored highest.
func BestDate(cs []DateChoice, w []float64) int {
	if len(cs) == 0 {
		return -1
	}
	scores := make([]float64, len(cs))
	top := math.Inf(-1)
	for i, c := range cs {
		scores[i] = ScoreDate(w, c.Features)
		top = math.Max(top, scores[i])
	}
	mass := map[string]float64{}
	for i, c := range cs {
		mass[c.Date.Start] += math.Exp(scores[i] - top)
	}
	best := 0
	for i, c := range cs {
		b := cs[best].Date.Start
		if mass[c.Date.Start] > mass[b] || c.Date.Start == b && scores[i] > scores[best] {
			best = i
		}
	}
	return best
}

func mustDay(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// lowerWords splits s into lower-case words stripped of punctuation at
// their ends ("Monday," is "monday", "p.m." stays "p.m.").
func lowerWords(s string) []string {
	f := strings.Fields(strings.ToLower(s))
	out := f[:0]
	for _, w := range f {
		w = strings.TrimRight(strings.TrimLeft(w, "\"'“‘(["), "\"'”’)],;:!?")
		if strings.HasSuffix(w, ".") && !strings.HasSuffix(w, ".m.") {
			w = strings.TrimSuffix(w, ".")
		}
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// hasCue reports whether words hold one of the cues, a word or a two-word
// phrase.
func hasCue(words []string, cues map[string]bool) bool {
	for i, w := range words {
		if cues[w] || i+1 < len(words) && cues[w+" "+words[i+1]] {
			return true
		}
	}
	return false
}

// rankMainDate dates a violent main event by the ranker: the candidate day
// that weights w score highest becomes its date. It returns the
// candidates; with nil weights it only describes them.
func rankMainDate(text string, sents []nlp.Span, paras []int, idx *sentenceDateIndex, anchor time.Time, ms []mention, res *Result, w []float64) []DateChoice {
	if len(res.Events) == 0 || !violent[res.Events[0].Type] {
		return nil
	}
	main := &res.Events[0]
	c := dateContext{text: text, sents: sents, paras: paras, idx: idx, anchor: anchor, main: main, mainSent: -1,
		mainSet: map[int]bool{}, violent: map[int]bool{}, events: map[int]bool{}, lead: idx.lead(anchor)}
	ri := newRuneIndex(text, sents)
	byStart := make(map[int]int, len(sents))
	for i, s := range sents {
		byStart[ri[s.Start]] = i
	}
	for _, e := range main.Evidence {
		if e.End <= e.Start { // the headline: no sentence of the text
			continue
		}
		if i, ok := byStart[e.Start]; ok {
			c.mainSet[i] = true
			if c.mainSent < 0 || i < c.mainSent {
				c.mainSent = i
			}
		}
	}
	for _, m := range ms {
		c.events[m.sent] = true
		if violent[m.trigger.Type] {
			c.violent[m.sent] = true
		}
	}
	cs := dateChoices(c)
	if w == nil {
		return cs
	}
	if k := BestDate(cs, w); k >= 0 && (main.Date == nil || main.Date.Start != cs[k].Date.Start || main.Date.End != cs[k].Date.End) {
		d := *cs[k].Date
		main.Date = &d
		res.Why[0] = append(res.Why[0], Reason{Field: "date", Value: d.Start + ".." + d.End,
			Rule: fmt.Sprintf("main event: %q, the day the date ranker scores highest (rules/date_weights.txt)", d.Text)})
	}
	return cs
}
