package nlp

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// QuantityKind says what a number phrase measures. Only Count is a
// number of people or things; the other kinds are found so that a
// casualty counter can tell "in 2015", "12:04" or "$5 million" from a
// death toll and skip them.
type QuantityKind uint8

const (
	// Count is a number of people or things: "13 soldiers", "dozens".
	Count QuantityKind = iota
	// Year is a year or decade: "in 2015", "the 1990s".
	Year
	// Date is a day of a month: "March 12", "12 March".
	Date
	// Time is a clock time: "12:04", "9 p.m.", "1400 GMT".
	Time
	// Duration is a span of time: "two days", "three hours".
	Duration
	// Age is a person's age: "a 19-year-old", "aged 34", "Smith, 34,".
	Age
	// Money is an amount of money: "$5 million", "200 euros".
	Money
	// Percent is a share: "40%", "12 per cent".
	Percent
	// Measure is a distance, weight, speed and the like, or a number
	// with a fraction: "two miles", "5km", "3.5".
	Measure
	// Ordinal is a rank: "the 22nd".
	Ordinal
	// Label is a number used as a name: "Flight 370", "No. 10", "9/11".
	Label
	// Other is a number that is no count but fits no kind above:
	// "three times", "12-member".
	Other
)

var kindNames = [...]string{"count", "year", "date", "time", "duration", "age",
	"money", "percent", "measure", "ordinal", "label", "other"}

func (k QuantityKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "?"
}

// MarshalText writes the kind by name ("count", "year"), so JSON output
// stays readable and stable if the constants are ever reordered.
func (k QuantityKind) MarshalText() ([]byte, error) {
	if int(k) >= len(kindNames) {
		return nil, fmt.Errorf("nlp: unknown quantity kind %d", k)
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText reads a kind written by MarshalText.
func (k *QuantityKind) UnmarshalText(b []byte) error {
	for i, name := range kindNames {
		if name == string(b) {
			*k = QuantityKind(i)
			return nil
		}
	}
	return fmt.Errorf("nlp: unknown quantity kind %q", b)
}

const (
	// Unbounded as a Quantity's Max means the phrase gives no upper
	// bound ("at least 169", "dozens" under "at least").
	Unbounded = -1
	// MaxValue caps every value, so that "a million billion" or a
	// thirty-digit number neither overflows nor is taken at face value;
	// a Quantity that hit it has Capped set. A trillion is beyond any
	// count a news report makes of people.
	MaxValue = 1_000_000_000_000
)

// Quantity is a number phrase of a text.
type Quantity struct {
	// Start and End are the byte range of the phrase, modifiers and
	// counted noun included: "at least 169 Afghans".
	Start, End int
	Text       string
	// Min and Max are the range of values the phrase allows; Max is
	// Unbounded when it sets no upper limit. Min <= Max otherwise.
	Min, Max int
	// Approx marks a vague or hedged number: "dozens", "about 80".
	Approx bool
	// Capped marks a value cut to MaxValue.
	Capped bool
	Kind   QuantityKind
	// Noun is the counted head noun as written ("soldiers",
	// "passengers and crew"), for Count only; "" when none was found.
	Noun string
	// Person is set when Noun names people (data/persons.txt).
	Person bool
}

// Bounded reports whether q has an upper bound.
func (q Quantity) Bounded() bool { return q.Max != Unbounded }

// Quantities finds the number phrases in the span s of text, in order and
// without overlap. It reads the tokens of the span from left to right,
// looking back at most a few tokens for a modifier and ahead at most a
// few for a unit or noun, so it is linear in the span. See the data files
// vague.txt, numbers.txt, persons.txt and units.txt for the words it
// knows.
func Quantities(text string, s Span) []Quantity {
	s = clip(text, s)
	p := parsers.Get().(*qparser)
	defer p.release()
	p.lx, p.text, p.floor, p.lastKind = lex(), text, 0, Count
	p.toks = appendTokens(p.toks[:0], p.lx, text, s)
	p.low = lowerTokens(p.low[:0], text, s, p.toks)
	var out []Quantity
	for i := 0; i < len(p.toks); {
		if q, next, ok := p.quantityAt(i); ok {
			out = append(out, q)
			p.floor, p.lastKind = next, q.Kind
			i = next
			continue
		}
		i++
	}
	suspended(text, out)
	return out
}

// suspended gives a number with a suspended hyphen the kind of the
// compound it is coordinated with: in "his 12- and 10-year-old sons" or
// "two- to three-day visits" the first number is an age or a duration
// too, written without its unit, not a count of 12 or two.
func suspended(text string, out []Quantity) {
	for k := 0; k+1 < len(out); k++ {
		q, r := &out[k], out[k+1]
		if q.Kind != Count || q.Noun != "" || (r.Kind != Age && r.Kind != Duration && r.Kind != Measure) {
			continue
		}
		gap := text[q.End:r.Start]
		c, size := utf8.DecodeRuneInString(gap)
		if size == 0 || !strings.ContainsRune("-‐‑", c) {
			continue
		}
		switch strings.TrimSpace(gap[size:]) {
		case "and", "or", "to", ",":
			q.Kind = r.Kind
		}
	}
}

// parsers recycles the token and word buffers of Quantities, which are
// most of its allocation; nothing it returns points into them.
var parsers = sync.Pool{New: func() any { return new(qparser) }}

// release drops the parser's references to the caller's text, so a
// pooled parser does not keep an article alive, and returns it to the
// pool unless a huge span made its buffers too big to keep.
func (p *qparser) release() {
	if cap(p.toks) > 1<<16 {
		*p = qparser{}
	} else {
		clear(p.toks)
		clear(p.low)
		p.text = ""
	}
	parsers.Put(p)
}

// lowerTokens returns the lower-case text of each token. ASCII is
// lowered once for the whole span, one allocation, and the tokens slice
// it; only tokens with other bytes are lowered one by one.
func lowerTokens(low []string, text string, s Span, toks []Token) []string {
	var b strings.Builder
	b.Grow(s.End - s.Start)
	for i := s.Start; i < s.End; i++ {
		c := text[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	lowSpan := b.String()
	low = append(low[:0], make([]string, len(toks))...)
	for i, t := range toks {
		ascii := true
		for j := t.Start; j < t.End; j++ {
			if text[j] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		if ascii {
			low[i] = lowSpan[t.Start-s.Start : t.End-s.Start]
		} else {
			low[i] = strings.ToLower(t.Text)
		}
	}
	return low
}

type qparser struct {
	lx   *lexicon
	text string
	toks []Token
	low  []string
	// floor is the first token not used by an earlier quantity; look
	// behind stops there, which keeps the results apart.
	floor int
	// lastKind is the kind of the quantity that ended at floor, for
	// lists that carry a kind on ("ages 12 and 16").
	lastKind QuantityKind
	buf      []byte
}

// core is the number itself, before modifiers and context: a value range
// and the tokens [start, end) it spans.
type core struct {
	lo, hi        int // hi Unbounded: no upper bound
	approx        bool
	capped        bool
	end           int
	kind          QuantityKind
	kindSet       bool // kind comes from the number's own shape
	decimal       bool
	yearLike      bool // four plain digits
	startsWithNum bool
	people        bool // the phrase itself names people: "no one"
}

// sat holds the saturating arithmetic: every value stays in [0, MaxValue].
func satMul(a, b int, capped *bool) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > MaxValue/b {
		*capped = true
		return MaxValue
	}
	return a * b
}

func satAdd(a, b int, capped *bool) int {
	if a > MaxValue-b {
		*capped = true
		return MaxValue
	}
	return a + b
}

func (p *qparser) word(i int) bool { return i < len(p.toks) && p.toks[i].Kind == Word }

func (p *qparser) is(i int, s string) bool { return i >= 0 && i < len(p.toks) && p.low[i] == s }

// phrase joins the lower-case tokens [i, j) with single spaces into the
// scratch buffer, for map look-ups that do not allocate.
func (p *qparser) phrase(i, j int) []byte {
	p.buf = p.buf[:0]
	for k := i; k < j; k++ {
		if k > i {
			p.buf = append(p.buf, ' ')
		}
		p.buf = append(p.buf, p.low[k]...)
	}
	return p.buf
}

func (p *qparser) quantityAt(i int) (Quantity, int, bool) {
	c, ok := p.parseCore(i)
	if !ok {
		return p.articleCount(i)
	}
	if c.end == i+1 && p.low[i] == "one" && i > p.floor && pronounOne[p.low[i-1]] && !p.isPerson(i+1) {
		// "the second one went off"; but "in which one person died"
		// counts one.
		return Quantity{}, 0, false
	}
	start, end := i, c.end
	lo, hi := c.lo, c.hi
	approx, capped := c.approx, c.capped

	// Ranges: "10 to 15", "133-143", "two or three", "between 10 and 15".
	between := p.is(start-1, "between") && start-1 >= p.floor
	merged := false
	if end < len(p.toks) {
		conn := p.low[end]
		if conn == "-" || conn == "–" || conn == "to" || conn == "or" || (conn == "and" && between) {
			if c2, ok := p.parseCore(end + 1); ok && !c2.kindSet && c.kind == c2.kind && c2.lo >= c.lo {
				hi = c2.hi
				if c2.hi == Unbounded {
					hi = c2.lo
				}
				approx = approx || c2.approx
				capped = capped || c2.capped
				end = c2.end
				c.yearLike = c.yearLike && c2.yearLike // "from 2014 to 2016"
				merged = true
			}
		}
	}
	between = between && merged
	if between {
		start--
	}
	// "10 or more", "20 or so".
	if p.is(end, "or") && end+1 < len(p.toks) {
		switch p.low[end+1] {
		case "more", "over", "above":
			hi = Unbounded
			end += 2
		case "so", "thereabouts":
			approx = true
			end += 2
		}
	}

	// Modifiers just before: the longest phrase wins.
	mod := modNone
	if !between {
		for n := min(p.lx.maxPhrase, start-p.floor); n >= 1; n-- {
			if k, ok := p.lx.modifiers[string(p.phrase(start-n, start))]; ok {
				if n == 1 && start-2 >= p.floor && p.lx.particleAfter[p.low[start-2]] {
					break // "took over 12 villages"
				}
				mod = k
				start -= n
				break
			}
		}
	}
	switch mod {
	case modAtLeast:
		hi = Unbounded
	case modMoreThan:
		lo = satAdd(lo, 1, &capped)
		hi = Unbounded
	case modUpTo, modLessThan:
		top := hi
		if top == Unbounded {
			top = lo
		}
		if mod == modLessThan {
			top--
		}
		lo, hi = min(1, max(top, 0)), max(top, 0)
		approx = true
	case modNearly:
		lo -= max(1, lo/10)
		lo = max(lo, 0)
		approx = true
	case modApprox:
		approx = true
	}

	kind := c.kind
	nounStart, nounEnd, person := -1, -1, false
	if !c.kindSet {
		var unitEnd int
		kind, unitEnd = p.context(i, c, start, end, mod)
		if unitEnd > end {
			end = unitEnd
		}
		if kind == Money && start > p.floor && p.lx.moneyBefore[p.low[start-1]] {
			start--
		}
		if kind == Count && c.decimal {
			kind = Measure
		}
	}
	if kind == Count {
		var nEnd int
		nounStart, nounEnd, nEnd, person = p.findNoun(end)
		switch {
		case c.yearLike && (mod == modNone || mod == modApprox) && !person &&
			(p.yearContext(i) || nounStart < 0 && !(i > p.floor && verbLike(p.low[i-1]))):
			// A year unless a noun it counts follows or a verb takes it
			// as its object: "in 2015", "Copyright 2016", "July 8,
			// 2016", but "2000 homes", "killing 2000".
			kind = Year
		case nounStart < 0 && mod == modNone && c.startsWithNum &&
			(p.afterName(i) || p.beforeName(end) || (end == i+1 && p.lx.labelNumbers[p.low[i]])):
			kind = Label // "Boeing 737", "Hill 402", "WAVE 3 News", "call 911"
		case nounStart >= 0:
			end = nEnd
		}
	}
	if hi != Unbounded && lo > hi {
		lo = hi
	}
	q := Quantity{
		Start: p.toks[start].Start, End: p.toks[end-1].End,
		Min: lo, Max: hi, Approx: approx, Capped: capped, Kind: kind,
	}
	q.Text = p.text[q.Start:q.End]
	switch {
	case kind == Count && nounStart >= 0:
		q.Noun = p.text[p.toks[nounStart].Start:p.toks[nounEnd].End]
		q.Person = person
	case c.people:
		q.Noun = p.text[p.toks[i].Start:p.toks[c.end-1].End]
		q.Person = true
	}
	return q, end, true
}

// articleCount reads "a policeman", "an American soldier", "another
// civilian" as one and "no casualties" as none: a singular person noun
// after "a" counts one person, a person noun after "no" counts zero.
func (p *qparser) articleCount(i int) (Quantity, int, bool) {
	w := p.low[i]
	var v int
	switch w {
	case "a", "an", "another":
		v = 1
	case "no":
		v = 0
	default:
		return Quantity{}, 0, false
	}
	ns, ne, end, person := p.findNoun(i + 1)
	if !person || p.low[i+1] == "of" {
		return Quantity{}, 0, false
	}
	if v == 1 && !p.lx.persons[personKey(p.low[ns])] {
		return Quantity{}, 0, false // plural only: "a police"
	}
	if v == 1 && ne != ns {
		if n, ok := p.singulars(ns, ne); ok {
			// Bare singular nouns sharing the article are one person
			// each: "a man, woman and child", "a husband and wife".
			v = n
		} else {
			// One person: a list after the noun ("a soldier and
			// civilians") is not part of the count of one.
			ne = ns
			end = ns + 1
		}
	}
	q := Quantity{Start: p.toks[i].Start, End: p.toks[end-1].End, Min: v, Max: v,
		Kind: Count, Person: true}
	q.Text = p.text[q.Start:q.End]
	q.Noun = p.text[p.toks[ns].Start:p.toks[ne].End]
	return q, end, true
}

// singulars counts the items of the list of person nouns in tokens
// ns..ne that findNoun joined after "a": one per item when every item
// ends in a singular noun and the items are joined by "and" or commas
// ("man, woman and child" is three). A plural item ("soldier and
// civilians") or an "or" ("a man or woman", one person either way)
// gives ok false.
func (p *qparser) singulars(ns, ne int) (n int, ok bool) {
	n = 1
	for k := ns; k <= ne; k++ {
		w := p.low[k]
		if w == "or" {
			return 0, false
		}
		if w != "and" && w != "," {
			continue
		}
		if !p.lx.persons[personKey(p.low[k-1])] {
			return 0, false
		}
		if w == "," && p.is(k+1, "and") {
			k++
		}
		n++
	}
	return n, p.lx.persons[personKey(p.low[ne])]
}

// parseCore reads the number at token i: digits, number words, a vague
// quantity or a plural scale, with scale words after it.
func (p *qparser) parseCore(i int) (core, bool) {
	if i >= len(p.toks) {
		return core{}, false
	}
	t := p.toks[i]
	switch t.Kind {
	case Number:
		return p.digitCore(i)
	case Word:
		if t.Text[0] >= '0' && t.Text[0] <= '9' {
			return p.gluedCore(i)
		}
		if !p.lx.numStart[p.low[i]] {
			// A hyphenated number opens with a number word: "twenty-two".
			h := strings.IndexFunc(p.low[i], isHyphen)
			if h <= 0 || !p.lx.numStart[p.low[i][:h]] {
				return core{}, false
			}
		}
		if c, ok := p.vagueCore(i); ok {
			return c, true
		}
		if c, ok := p.pluralCore(i); ok {
			return c, true
		}
		if c, ok := p.fractionCore(i); ok {
			return c, true
		}
		return p.wordCore(i)
	}
	return core{}, false
}

// dottedThousands reads "1.500" or "12.000.000", digits grouped in
// threes by periods, as an integer.
func dottedThousands(s string) (int, bool) {
	groups := strings.Split(s, ".")
	if len(groups) < 2 || len(groups[0]) == 0 || len(groups[0]) > 3 {
		return 0, false
	}
	v, capped := 0, false
	for k, g := range groups {
		if k > 0 && len(g) != 3 {
			return 0, false
		}
		for i := 0; i < len(g); i++ {
			if g[i] < '0' || g[i] > '9' {
				return 0, false
			}
			v = satAdd(satMul(v, 10, &capped), int(g[i]-'0'), &capped)
		}
	}
	return v, true
}

// parseDigits reads "1,200", "3.5" or "007" into an integer part and
// whether a fraction followed. Commas are dropped; more digits than fit
// saturate at MaxValue.
func parseDigits(s string) (v int, frac float64, decimal, capped, ok bool) {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			v = satAdd(satMul(v, 10, &capped), int(c-'0'), &capped)
			ok = true
		case c == ',':
		case c == '.':
			decimal = true
			scale := 0.1
			for j := i + 1; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
				frac += float64(s[j]-'0') * scale
				scale /= 10
			}
			return
		default:
			return v, frac, decimal, capped, false
		}
	}
	return
}

// scaleAfter multiplies v (with fraction frac) by the scale words from
// token j on: "1.5 million", "two hundred thousand".
func (p *qparser) scaleAfter(v int, frac float64, j int, capped *bool) (int, int, bool) {
	scaled := false
	for j < len(p.toks) && p.word(j) {
		s, ok := p.lx.scales[p.low[j]]
		if !ok {
			break
		}
		if frac > 0 {
			extra := frac * float64(s)
			v = satAdd(satMul(v, s, capped), int(extra), capped)
			frac = 0
		} else {
			v = satMul(v, s, capped)
		}
		scaled = true
		j++
	}
	return v, j, scaled
}

func (p *qparser) digitCore(i int) (core, bool) {
	t := p.toks[i].Text
	if t[0] < '0' || t[0] > '9' {
		return core{}, false // other scripts' digits: not read
	}
	var c core
	c.startsWithNum = true
	if strings.IndexByte(t, ':') >= 0 {
		v, _, _, _, _ := parseDigits(t[:strings.IndexByte(t, ':')])
		end := i + 1
		if end < len(p.toks) && p.lx.timeWords[p.low[end]] {
			end++ // "10:30 p.m."
		}
		return core{lo: v, hi: v, end: end, kind: Time, kindSet: true}, true
	}
	digits := strings.TrimRight(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	v, frac, decimal, capped, ok := parseDigits(digits)
	if !ok {
		return core{}, false
	}
	c.capped = capped
	if suffix := t[len(digits):]; suffix != "" {
		c.lo, c.hi, c.end, c.kindSet = v, v, i+1, true
		if strings.EqualFold(suffix, "s") {
			c.kind = Year
		} else {
			c.kind = Ordinal
		}
		return c, true
	}
	if decimal {
		// "1.500 people" is European for 1,500: people come whole.
		if w, ok := dottedThousands(t); ok {
			if _, _, _, person := p.findNoun(i + 1); person {
				v, frac, decimal = w, 0, false
			}
		}
	}
	v, end, scaled := p.scaleAfter(v, frac, i+1, &c.capped)
	c.lo, c.hi, c.end = v, v, end
	// A fraction without a scale word is never a count; the context may
	// still make it a percentage or a distance.
	c.decimal = decimal && !scaled
	if !decimal && !scaled && len(t) == 4 && v >= 1800 && v < 2200 {
		c.yearLike = true
	}
	// Two numbers glued by a hyphen, the second smaller, are a score or
	// a tally, not a range: "won 3-1".
	if i+2 < len(p.toks) && p.low[i+1] == "-" && p.toks[i+2].Kind == Number &&
		p.toks[i].End == p.toks[i+1].Start && p.toks[i+1].End == p.toks[i+2].Start {
		if v2, _, _, _, ok := parseDigits(p.toks[i+2].Text); ok && v2 < v && !decimal {
			return core{lo: v, hi: v, end: i + 3, kind: Label, kindSet: true, startsWithNum: true}, true
		}
	}
	// A number opening the span and followed by "." or ")" numbers a
	// list item: "4. We demand ...".
	if i == 0 && i+1 < len(p.toks) && (p.low[1] == "." || p.low[1] == ")") && p.toks[0].End == p.toks[1].Start {
		return core{lo: v, hi: v, end: i + 1, kind: Label, kindSet: true, startsWithNum: true}, true
	}
	// A number glued to "/" or "#" is a date or an identifier: "9/11",
	// "11/09/2001", "#3".
	if p.glued(i-1, i) || p.glued(i, i+1) || p.bracketed(i) {
		c.kind, c.kindSet = Label, true
		c.end = i + 1
		for c.end+1 < len(p.toks) && p.low[c.end] == "/" && p.glued(c.end-1, c.end) && p.glued(c.end, c.end+1) {
			c.end += 2
		}
	}
	return c, true
}

// bracketed reports a number in square brackets, a reference mark:
// "[9]".
func (p *qparser) bracketed(i int) bool {
	return i > 0 && i+1 < len(p.toks) && p.low[i-1] == "[" && p.low[i+1] == "]" &&
		p.toks[i-1].End == p.toks[i].Start && p.toks[i].End == p.toks[i+1].Start
}

// glued reports tokens a and b touching, one of them "/" or "#".
func (p *qparser) glued(a, b int) bool {
	if a < 0 || b >= len(p.toks) || p.toks[a].End != p.toks[b].Start {
		return false
	}
	x, y := p.low[a], p.low[b]
	return x == "/" || y == "/" || x == "#" || x == "№"
}

// gluedCore reads a number glued to letters: "5m", "3bn", "20k",
// "19-year-old", "20-odd", "5km", "9pm".
func (p *qparser) gluedCore(i int) (core, bool) {
	t := p.low[i]
	n := 0
	for n < len(t) && (t[n] >= '0' && t[n] <= '9' || t[n] == ',' || t[n] == '.') {
		n++
	}
	v, frac, decimal, capped, ok := parseDigits(t[:n])
	if !ok {
		return core{}, false
	}
	c := core{lo: v, hi: v, end: i + 1, capped: capped, kindSet: true, kind: Other, startsWithNum: true}
	rest := personKey(t[n:])
	tail := strings.TrimLeft(rest, "-‐‑")
	switch {
	case p.lx.suffixes[rest] > 0:
		s := p.lx.suffixes[rest]
		c.lo = satAdd(satMul(v, s, &c.capped), int(frac*float64(s)), &c.capped)
		c.hi = c.lo
		c.kind, c.kindSet = Count, false
	case p.lx.ageAfter[tail]:
		c.kind = Age
	case tail == "odd" || tail == "plus" || tail == "something":
		c.kind, c.kindSet, c.approx = Count, false, true
		if tail == "plus" {
			c.hi = Unbounded
		}
	case p.lx.timeWords[rest]:
		c.kind = Time
	case p.lx.duration[tail]:
		c.kind = Duration
	case p.lx.measure[tail]:
		c.kind = Measure
	case p.lx.percent[tail]:
		c.kind = Percent
	case p.lx.money[tail]:
		c.kind = Money
	}
	if decimal && c.kind == Other {
		c.kind = Measure
	}
	return c, true
}

// vagueCore reads a vague or stand-in phrase: "several", "a few
// hundred", "a handful", "both", "no one".
func (p *qparser) vagueCore(i int) (core, bool) {
	for n := min(p.lx.maxPhrase, len(p.toks)-i); n >= 1; n-- {
		if !p.word(i + n - 1) {
			continue
		}
		key := p.phrase(i, i+n)
		if r, ok := p.lx.vague[string(key)]; ok {
			c := core{lo: r.min, hi: r.max, approx: true, end: i + n}
			p.scaleRange(&c)
			return c, true
		}
		if e, ok := p.lx.exact[string(key)]; ok {
			if string(key) == "none" && !p.is(i+1, "of") {
				continue // "none" counts only in "none of the ..."
			}
			c := core{lo: e.v, hi: e.v, end: i + n, people: e.person}
			if e.v > 0 && p.scaleRange(&c) {
				c.approx = true // "a couple hundred"
			}
			return c, true
		}
	}
	return core{}, false
}

// scaleRange multiplies a vague range by the scale words after it:
// "several hundred" = 300..999 (the top is the last number the phrase
// still covers). It reports whether there was any.
func (p *qparser) scaleRange(c *core) bool {
	scaled := false
	for c.end < len(p.toks) && p.word(c.end) {
		s, ok := p.lx.scales[p.low[c.end]]
		if !ok {
			break
		}
		c.lo = satMul(c.lo, s, &c.capped)
		if c.hi != Unbounded {
			c.hi = satAdd(satMul(c.hi, s, &c.capped), s-1, &c.capped)
		}
		c.end++
		scaled = true
	}
	return scaled
}

// pluralCore reads "dozens", "hundreds", "tens of thousands".
func (p *qparser) pluralCore(i int) (core, bool) {
	ps, ok := p.lx.pluralScales[p.low[i]]
	if !ok {
		return core{}, false
	}
	c := core{lo: ps.min, hi: ps.max, approx: true, end: i + 1}
	for c.end+1 < len(p.toks) && p.low[c.end] == "of" {
		next, ok := p.lx.pluralScales[p.low[c.end+1]]
		if !ok {
			break
		}
		c.lo = satMul(c.lo, next.unit, &c.capped)
		c.hi = satAdd(satMul(c.hi, next.unit, &c.capped), next.unit-1, &c.capped)
		c.end += 2
	}
	return c, true
}

// fractionCore reads a fraction of a scale: "half a dozen", "half a
// million", "a quarter of a million".
func (p *qparser) fractionCore(i int) (core, bool) {
	k, den := i, 0
	switch {
	case p.is(k, "half"):
		k, den = k+1, 2
	case p.is(k, "a") && p.is(k+1, "half"):
		k, den = k+2, 2
	case p.is(k, "a") && p.is(k+1, "quarter"):
		k, den = k+2, 4
	default:
		return core{}, false
	}
	if p.is(k, "of") {
		k++
	}
	if !p.is(k, "a") && !p.is(k, "an") {
		return core{}, false
	}
	c, ok := p.wordCore(k)
	if !ok {
		return core{}, false
	}
	c.lo /= den
	c.hi = c.lo
	return c, true
}

// Word-number states, for what may follow what.
const (
	wStart = iota
	wA     // "a"/"an" before a scale
	wUnit  // one .. nine
	wTeen  // ten .. nineteen
	wTens  // twenty .. ninety
	wHundred
	wBig // thousand and above
	wAnd
)

// wordNum reads a spelled-out number one word at a time. Each word must
// be allowed after the one before, so "two three" is two numbers, not
// five, and "a million billion" multiplies (and is capped).
type wordNum struct {
	lx                      *lexicon
	total, current, largest int
	state                   int
	approx, capped          bool
}

// step takes one word; next is the word after it ("" at the end), which
// decides whether "a" and "and" belong to the number.
func (n *wordNum) step(w, next string) bool {
	lx := n.lx
	if u, ok := lx.units[w]; ok {
		switch {
		case n.state == wStart || n.state == wHundred || n.state == wBig || n.state == wAnd:
		case n.state == wTens && u < 10 && u > 0:
		default:
			return false
		}
		n.current += u
		n.state = wUnit
		if u >= 10 {
			n.state = wTeen
		}
		return true
	}
	if t, ok := lx.tens[w]; ok {
		if n.state != wStart && n.state != wHundred && n.state != wBig && n.state != wAnd {
			return false
		}
		n.current += t
		n.state = wTens
		return true
	}
	switch w {
	case "a", "an":
		if _, scale := lx.scales[next]; n.state != wStart || !scale {
			return false
		}
		n.current, n.state = 1, wA
		return true
	case "and":
		if h := strings.IndexFunc(next, isHyphen); h > 0 {
			next = next[:h] // "and twenty-five"
		}
		_, u := lx.units[next]
		_, t := lx.tens[next]
		if (n.state != wHundred && n.state != wBig) || !(u || t) {
			return false
		}
		n.state = wAnd
		return true
	case "odd":
		if n.state == wStart || n.state == wAnd || n.state == wA {
			return false
		}
		n.approx = true
		return true
	}
	s, ok := lx.scales[w]
	if !ok || n.state == wStart || n.state == wAnd {
		return false
	}
	if s < 1000 {
		if n.state == wHundred && s == 100 {
			return false
		}
		n.current = satMul(max(n.current, 1), s, &n.capped)
		n.state = wHundred
		return true
	}
	if s > n.largest {
		n.total = satMul(satAdd(n.total, n.current, &n.capped), s, &n.capped)
		n.largest = s
	} else {
		n.total = satAdd(n.total, satMul(n.current, s, &n.capped), &n.capped)
	}
	n.current, n.state = 0, wBig
	return true
}

// steps takes the parts of a hyphenated word ("twenty-two"), all or
// none: on failure the reader is left as it was.
func (n *wordNum) steps(parts []string, next string) bool {
	saved := *n
	for k, part := range parts {
		nx := next
		if k+1 < len(parts) {
			nx = parts[k+1]
		}
		if !n.step(part, nx) {
			*n = saved
			return false
		}
	}
	return len(parts) > 0
}

// value is the number read so far, if the words read make one.
func (n *wordNum) value() (int, bool) {
	if n.state == wStart || n.state == wA || n.state == wAnd {
		return 0, false
	}
	return satAdd(n.total, n.current, &n.capped), true
}

func splitHyphens(w string) []string {
	return strings.FieldsFunc(w, isHyphen)
}

// wordCore reads spelled-out numbers: "twenty-two", "a hundred", "three
// hundred and twelve", "two dozen", "one million two hundred thousand",
// "thirty-odd".
func (p *qparser) wordCore(i int) (core, bool) {
	if c, ok := p.wordCompound(i); ok {
		return c, true
	}
	n := wordNum{lx: p.lx}
	j := i
	for ; j < len(p.toks) && p.word(j); j++ {
		next := ""
		if j+1 < len(p.toks) {
			next = p.low[j+1]
		}
		w := p.low[j]
		if strings.IndexFunc(w, isHyphen) >= 0 {
			if !n.steps(splitHyphens(w), next) {
				break
			}
		} else if !n.step(w, next) {
			break
		}
	}
	v, ok := n.value()
	if j == i || !ok {
		return core{}, false
	}
	return core{lo: v, hi: v, end: j, approx: n.approx, capped: n.capped}, true
}

// wordCompound reads a spelled-out number joined to a unit by hyphens:
// "a two-year-old" (an age), "a three-day siege" (a duration), "a
// ten-mile march" (a measure).
func (p *qparser) wordCompound(i int) (core, bool) {
	w := p.low[i]
	if strings.IndexFunc(w, isHyphen) < 0 {
		return core{}, false
	}
	parts := splitHyphens(w)
	// Units are one or two words ("day", "year-old"); looking no
	// further keeps a long hyphenated run linear.
	for k := len(parts) - 1; k >= max(1, len(parts)-2); k-- {
		rest := strings.Join(parts[k:], "-")
		var kind QuantityKind
		switch {
		case p.lx.ageAfter[personKey(rest)]:
			kind = Age
		case p.lx.duration[rest]:
			kind = Duration
		case p.lx.measure[rest]:
			kind = Measure
		default:
			continue
		}
		n := wordNum{lx: p.lx}
		if !n.steps(parts[:k], "") {
			return core{}, false
		}
		v, ok := n.value()
		if !ok {
			return core{}, false
		}
		return core{lo: v, hi: v, end: i + 1, kind: kind, kindSet: true, capped: n.capped}, true
	}
	return core{}, false
}

// context decides the kind of a number from the tokens around it: a unit,
// a currency, a month or a label word. It returns the end of the unit
// when the unit belongs to the phrase ("40 per cent").
func (p *qparser) context(i int, c core, start, end int, mod modKind) (QuantityKind, int) {
	lx := p.lx
	prev := ""
	if i-1 >= p.floor && i-1 >= 0 {
		prev = p.low[i-1]
	}
	if start-1 >= p.floor && start-1 >= 0 && lx.moneyBefore[p.low[start-1]] {
		return Money, end
	}
	prevStart := ""
	if start-1 >= p.floor && start-1 >= 0 {
		prevStart = p.low[start-1]
	}
	switch {
	case lx.ageBefore[prev] || lx.ageBefore[prevStart]:
		return Age, end
	case prev == "than" && i-2 >= p.floor && lx.ageThan[p.low[i-2]]:
		return Age, end // "younger than 16"
	case p.floor > 0 && p.lastKind == Age && i-1 == p.floor && mod == modNone && c.startsWithNum && c.lo <= 120 &&
		(prev == "and" || prev == "," || prev == "or" || prev == "to"):
		return Age, end // "ages 12 and 16"
	case prev != "" && initialUpper(p.toks[i-1].Text) && lx.labelBefore[prev] && mod == modNone:
		return Label, end
	case prev == "of" && mod == modNone && c.startsWithNum && i-2 >= 0 && digitsOnly(p.low[i-2]):
		return Label, end // a photo gallery's "Image 2 of 8": a place in a series
	case prev != "" && p.month(i-1) && mod == modNone && c.startsWithNum:
		if c.yearLike {
			return Year, end
		}
		if c.lo >= 1 && c.lo <= 31 {
			return Date, end
		}
	}
	if end >= len(p.toks) {
		return Count, end
	}
	next := p.low[end]
	two := ""
	if end+1 < len(p.toks) {
		two = next + " " + p.low[end+1]
	}
	switch {
	case lx.percent[two]:
		return Percent, end + 2
	case lx.percent[next]:
		return Percent, end + 1
	case lx.ageAfter[two]:
		return Age, end + 2
	case lx.ageAfter[next] && c.startsWithNum:
		return Age, end + 1 // "a 3 year-old boy", written with one hyphen
	case lx.timeWords[two]:
		return Time, end + 2
	case lx.timeWords[next] && (c.startsWithNum || strings.ContainsAny(next, ".'’")):
		// After a spelled-out number only "a.m.", "o'clock" and the
		// like: "six am" is too often "six" then "am".
		return Time, end + 1
	case lx.money[next]:
		return Money, end + 1
	case lx.labelAfter[next]:
		return Label, end + 1
	case lx.frequency[next]:
		return Other, end + 1
	case lx.duration[next]:
		return Duration, end + 1
	case lx.measure[next] || lx.measure[two]:
		if lx.measure[two] {
			return Measure, end + 2
		}
		return Measure, end + 1
	case p.month(end) && c.startsWithNum && c.lo >= 1 && c.lo <= 31 && mod == modNone:
		return Date, end
	}
	// "John Smith, 34, a teacher", "John Smith (34)": an age between
	// commas or in brackets after a name.
	if c.startsWithNum && mod == modNone && c.lo <= 120 && i >= 2 && i-2 >= p.floor &&
		(p.low[i-1] == "," || p.low[i-1] == "(") && isCapitalized(p.toks[i-2].Text) && p.toks[i-2].Kind == Word &&
		(next == "," || next == ")" || next == "." || next == ";") && end == i+1 {
		return Age, end
	}
	return Count, end
}

// afterName reports a number right after a capitalised word inside the
// sentence, which names the thing it numbers ("a Boeing 737 crashed",
// "Hill 402"); a count after a name has its noun ("in Kabul 12 people").
func (p *qparser) afterName(i int) bool {
	k := i - 1
	if k <= 0 || k < p.floor || !p.word(k) || !isCapitalized(p.toks[k].Text) {
		return false
	}
	w := p.low[k]
	return !p.lx.stop[w] && !p.lx.months[w] && !p.lx.moneyBefore[w] && !p.lx.persons[w] &&
		p.toks[k].End < p.toks[i].Start
}

// beforeName reports a capitalised word other than a person noun right
// after a number that has no noun: the number is part of a name or an
// address ("1100 Patricia Drive", "Channel 3 News").
func (p *qparser) beforeName(k int) bool {
	if !p.word(k) || !isCapitalized(p.toks[k].Text) {
		return false
	}
	w := p.low[k]
	return !p.lx.stop[w] && !p.lx.months[w] && !p.isPerson(k)
}

// yearContext reports a word before token i that introduces a year.
func (p *qparser) yearContext(i int) bool {
	if i == 0 || i-1 < p.floor {
		return i == 0
	}
	prev := p.low[i-1]
	return p.lx.yearBefore[prev] || p.lx.months[prev]
}

// isCapitalized reports a word in title case ("Kabul", "McAllister"),
// the shape of a name.
func isCapitalized(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	// A word in capitals throughout ("KILLED", "NATO") is not a name by
	// its case: headlines and old wire copy are written that way.
	upper := false
	for _, r := range s[size:] {
		if unicode.IsLower(r) {
			return true
		}
		upper = upper || unicode.IsUpper(r)
	}
	return !upper
}

// month reports a month name at token k. "May" must be capitalised, or
// "5 may die" would be a date.
func (p *qparser) month(k int) bool {
	return p.lx.months[p.low[k]] && (p.low[k] != "may" || initialUpper(p.toks[k].Text))
}

// initialUpper reports a word starting with a capital, also in capitals
// throughout: months and label words ("MARCH 12", "FLIGHT 370").
func initialUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// personKey is the form of a word looked up in persons.txt: lower case,
// without a possessive ending.
func personKey(w string) string {
	w = strings.TrimSuffix(w, "'s")
	w = strings.TrimSuffix(w, "’s")
	return w
}

func (p *qparser) isPerson(k int) bool {
	if !p.word(k) {
		return false
	}
	w := personKey(p.low[k])
	if _, ok := p.lx.persons[w]; ok {
		return true
	}
	// "three-year-olds", "a 19-year-old": people by their age.
	if strings.HasSuffix(w, "-old") || strings.HasSuffix(w, "-olds") {
		return true
	}
	// "ex-soldiers", "pro-government fighters" (the latter is two words).
	if h := strings.LastIndexAny(w, "-‐‑"); h >= 0 {
		_, ok := p.lx.persons[w[h+1:]]
		return ok
	}
	return false
}

// pronounOne are the words after which "one" is a pronoun, not a count.
var pronounOne = map[string]bool{"the": true, "this": true, "that": true, "which": true,
	"each": true, "every": true, "any": true, "last": true, "first": true, "second": true,
	"third": true, "next": true, "only": true, "another": true, "no": true, "other": true,
	"big": true, "new": true, "old": true, "latest": true, "same": true}

// nounLead are words between a number and its noun that findNoun steps
// over, although they are stop words elsewhere.
var nounLead = map[string]bool{"more": true, "other": true, "further": true,
	"additional": true, "extra": true, "fewer": true}

var determiners = map[string]bool{"the": true, "its": true, "their": true, "his": true,
	"her": true, "our": true, "these": true, "those": true, "my": true, "your": true}

// verbLike reports a word ending in -ed or -ing, which after a noun
// usually starts the verb phrase ("12 soldiers killed", "two men
// fleeing").
func verbLike(w string) bool {
	return len(w) >= 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing"))
}

// findNoun finds the noun counted by a number ending before token j. It
// returns the token range of the noun text [ns, ne] (inclusive), the
// token after the phrase, and whether the noun names people.
//
// After an optional "of" and determiner ("two of its staff"), it reads
// up to five words, stopping at punctuation, numbers and stop words. The
// first person noun found is the head, unless it is capitalised (a
// demonym used as an adjective: "American military personnel") or
// another person noun follows it ("police officers"); coordinated bare
// person nouns join it ("passengers and crew", "men, women and
// children"). With no person noun, the head is the last word before the
// first verb-like or capitalised word ("three vehicles").
func (p *qparser) findNoun(j int) (ns, ne, end int, person bool) {
	if j < len(p.toks) && nounLead[p.low[j]] {
		j++ // "four more bodies", "two other soldiers"
	}
	if p.is(j, "of") {
		j++
		if j < len(p.toks) && determiners[p.low[j]] {
			j++
		}
	}
	head := -1
	for k := j; k < len(p.toks) && k < j+5; k++ {
		if !p.word(k) || p.lx.stop[p.low[k]] || k > j && p.numberWord(k) {
			break
		}
		if p.isPerson(k) {
			head = k
			switch {
			case p.compoundPart(k+1) && !pronouns[p.low[k]]:
				continue // "police officers"
			case p.modifies(k):
				head = -1 // "rebel movement", "American military personnel"
				continue
			}
			break
		}
		if head >= 0 && verbLike(p.low[k]) {
			break
		}
	}
	if head < 0 {
		return p.thingNoun(j)
	}
	ns, ne = head, head
	// A comma link ("men, women") holds only if an "and"/"or" link ends
	// the list; otherwise the comma closes the phrase ("169 Afghans,
	// officials said").
	committed := ne
	for {
		switch {
		case (p.is(ne+1, "and") || p.is(ne+1, "or")) && p.coordinand(ne+2):
			ne += 2
			committed = -1
		case p.is(ne+1, ",") && (p.is(ne+2, "and") || p.is(ne+2, "or")) && p.coordinand(ne+3):
			ne += 3
			committed = -1
		case p.is(ne+1, ",") && p.coordinand(ne+2):
			ne += 2
		default:
			if committed >= 0 {
				ne = committed
			}
			return ns, ne, ne + 1, true
		}
		for p.compoundPart(ne+1) && !pronouns[p.low[ne]] {
			ne++
		}
		if committed < 0 {
			committed = ne
		}
	}
}

// numberWord reports a spelled-out number standing alone at token k: a
// new count, which no noun phrase runs across ("told 13 News two people
// were shot" counts two people, not 13).
func (p *qparser) numberWord(k int) bool {
	w := p.low[k]
	if strings.IndexFunc(w, isHyphen) >= 0 {
		return false
	}
	n := wordNum{lx: p.lx}
	if !n.step(w, "") {
		return false
	}
	_, ok := n.value()
	return ok
}

// thingNoun finds the noun of a count of things, with no part of speech
// to go by, among the next three lower-case words that are not stop
// words: a count above one takes a plural, so the first word that looks
// plural ("three armoured vehicles", "two explosions tore"); a count of
// one, the last word of the run ("one isolated incident"). Capitalised
// words end the search: they are names ("Channel 3 News").
func (p *qparser) thingNoun(j int) (ns, ne, end int, person bool) {
	one := j > 0 && (p.low[j-1] == "one" || p.low[j-1] == "1")
	last := -1
	for k := j; k < len(p.toks) && k < j+3; k++ {
		if !p.word(k) || p.lx.stop[p.low[k]] || isCapitalized(p.toks[k].Text) {
			break
		}
		w := p.low[k]
		if strings.HasSuffix(w, "ly") {
			break // an adverb: "shot one fatally"
		}
		if one {
			if verbLike(w) && k > j {
				break
			}
			last = k
			continue
		}
		if len(w) > 2 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && w[len(w)-2] != '\'' {
			return k, k, k + 1, false
		}
	}
	if last >= 0 && !verbLike(p.low[last]) {
		return last, last, last + 1, false
	}
	return -1, -1, j, false
}

// modifies reports a singular person noun used as a modifier of the
// word after it: "a rebel movement", "two civilian deaths", "13
// American military personnel". A possessive ("a soldier's body") or a
// verb, stop word or punctuation after it leaves it the head.
func (p *qparser) modifies(k int) bool {
	w := p.low[k]
	if !p.lx.persons[w] || !p.word(k+1) {
		return false
	}
	next := p.low[k+1]
	return !p.lx.stop[next] && !verbLike(next) && !p.isPerson(k+1)
}

// pronouns are person nouns that do not modify a following noun: "80 of
// them women" is not a compound.
var pronouns = map[string]bool{"them": true, "others": true}

// coordinand reports a bare lower-case person noun that may join a list
// of them.
func (p *qparser) coordinand(k int) bool {
	return p.compoundPart(k) && !isCapitalized(p.toks[k].Text)
}

// compoundPart reports a person noun that may follow another in a
// compound or a list: not an adjective such as "dead".
func (p *qparser) compoundPart(k int) bool {
	return p.isPerson(k) && !p.lx.adjectival[p.low[k]]
}

// Sum adds quantities, as for "13 soldiers and at least 169 civilians":
// the minimums add, the maximums add unless one is unbounded, and the
// result is approximate or capped if any part is. Its Start and End cover
// all the parts; Text and Noun are left for the caller (Coordinated fills
// them).
func Sum(qs ...Quantity) Quantity {
	if len(qs) == 0 {
		return Quantity{}
	}
	s := Quantity{Start: qs[0].Start, End: qs[0].End, Kind: Count, Person: true}
	for _, q := range qs {
		s.Start, s.End = min(s.Start, q.Start), max(s.End, q.End)
		s.Min = satAdd(s.Min, q.Min, &s.Capped)
		if s.Max != Unbounded {
			if q.Max == Unbounded {
				s.Max = Unbounded
			} else {
				s.Max = satAdd(s.Max, q.Max, &s.Capped)
			}
		}
		s.Approx = s.Approx || q.Approx
		s.Capped = s.Capped || q.Capped
		s.Person = s.Person && q.Person
		if q.Kind != Count {
			s.Kind = q.Kind
		}
	}
	return s
}

// coordinators are what may stand between two coordinated counts.
var coordinators = map[string]bool{"and": true, ",": true, ", and": true,
	"as well as": true, "plus": true, "along with": true, "together with": true}

// appositionOpeners set off a list of people that names the people of the
// count before it again, and the closer each takes: "three people — a
// man, a woman and a boy — were shot". A comma is one only after a
// [generic] count the list adds up to (apposition).
var appositionOpeners = map[string]string{"—": "—", "–": "–", "-": "-", "--": "--", "(": ")", ":": "", ",": ","}

// Coordinated merges runs of person counts joined only by "and", a comma
// or the like into one summed Quantity each ("13 American military
// personnel and at least 169 Afghans" -> min 182, no max), keeping the
// other quantities as they are. A [kin] word may follow the "and" ("a
// mother and her two daughters" -> 3). A list of people set off after a
// count, which names the same people again, is merged into that count
// without adding to it ("three people — a man, a woman and a boy —" ->
// 3), its closing punctuation included, so that a cue after it reaches
// the count. qs must be Quantities of text, in order. Counts joined by
// "including" or "of whom" are not summed: one is part of the other.
func Coordinated(text string, qs []Quantity) []Quantity {
	var out []Quantity
	lx := lex()
	for i := 0; i < len(qs); {
		if q, next, ok := apposition(lx, text, qs, i); ok {
			out = append(out, q)
			i = next
			continue
		}
		j := runEnd(lx, text, qs, i)
		if j == i+1 {
			out = append(out, qs[i])
			i++
			continue
		}
		out = append(out, sumRun(text, qs[i:j]))
		i = j
	}
	return out
}

// runEnd returns the end of the run of person counts from qs[i] joined by
// coordinators, i+1 when qs[i] joins none.
func runEnd(lx *lexicon, text string, qs []Quantity, i int) int {
	j := i + 1
	if !isPersonCount(qs[i]) {
		return j
	}
	for j < len(qs) && isPersonCount(qs[j]) && qs[j-1].End <= qs[j].Start && qs[j].Start <= len(text) &&
		joins(lx, text[qs[j-1].End:qs[j].Start]) {
		j++
	}
	return j
}

// joins reports the text between two counts as a coordinator, alone or
// before a [kin] word ("and her").
func joins(lx *lexicon, gap string) bool {
	f := strings.Fields(strings.ToLower(gap))
	if n := len(f); n >= 2 && f[n-2] == "and" && lx.kin[f[n-1]] {
		f = f[:n-1]
	}
	return coordinators[strings.Join(f, " ")]
}

// sumRun sums a run of coordinated counts into one Quantity.
func sumRun(text string, run []Quantity) Quantity {
	s := Sum(run...)
	if s.Start >= 0 && s.End <= len(text) {
		s.Text = text[s.Start:s.End]
	}
	nouns := make([]string, 0, len(run))
	for _, q := range run {
		nouns = append(nouns, q.Noun)
	}
	s.Noun = strings.Join(nouns, " and ")
	return s
}

// apposition reads a count of people at qs[i] followed by a list of people
// set off by appositionOpeners, which names them again: it returns the
// count spanning the list and its closer if one follows, with the
// count's own value, and the index after the list. After a comma the count must be [generic] and
// the list add up to it exactly ("two people, a man and a woman, were
// killed"); otherwise a comma joins counts that add up ("two men, a woman
// and a child").
func apposition(lx *lexicon, text string, qs []Quantity, i int) (Quantity, int, bool) {
	q := qs[i]
	if !isPersonCount(q) || i+1 >= len(qs) || qs[i+1].Start < q.End || qs[i+1].Start > len(text) || !isPersonCount(qs[i+1]) {
		return Quantity{}, 0, false
	}
	opener := strings.TrimSpace(text[q.End:qs[i+1].Start])
	if o, ok := strings.CutSuffix(opener, " including"); ok && o != "," {
		opener = strings.TrimSpace(o) // "three people — including a child —": a part named
	}
	closer, ok := appositionOpeners[opener]
	if !ok {
		return Quantity{}, 0, false
	}
	j := runEnd(lx, text, qs, i+1)
	list := qs[i+1]
	if j > i+2 {
		list = sumRun(text, qs[i+1:j])
	}
	if opener == "," {
		words := strings.Fields(strings.ToLower(q.Noun))
		if len(words) == 0 || !lx.generic[words[len(words)-1]] || !q.Bounded() || !list.Bounded() || q.Min != q.Max || list.Min != q.Min || list.Max != q.Max {
			return Quantity{}, 0, false
		}
	}
	end := list.End
	rest := text[end:]
	if trimmed := strings.TrimLeft(rest, " "); closer != "" && strings.HasPrefix(trimmed, closer) {
		end += len(rest) - len(trimmed) + len(closer)
	}
	q.End = end
	q.Text = text[q.Start:q.End]
	return q, j, true
}

func isPersonCount(q Quantity) bool { return q.Kind == Count && q.Person }

// digitsOnly reports a non-empty word of ASCII digits.
func digitsOnly(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}
