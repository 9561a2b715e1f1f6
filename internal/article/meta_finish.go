package article

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxLead bounds how far into the body finishArticle looks for headline
// repeats, bylines, date lines and captions: page furniture sits above the
// story, and a date line in paragraph 20 is part of the story.
const maxLead = 12

// finishArticle takes the body paragraphs of a page, moves into a the
// furniture that belongs in metadata (the headline repeated, bylines, date
// lines, caption labels, the dateline) and drops trailing boilerplate (tag
// lists, "Similar News" blocks, copyright lines), then sets a.Text and
// fills in or corrects the language. Both HTML and plain-text pages go
// through it, so a rule learnt from one helps the other.
//
// Dates the page states in its metadata outrank visible date lines: a
// visible line only fills a field that is still empty.
func finishArticle(a *Article, paras []string) {
	// Invisible format characters go before anything reads the text, so
	// a.Text never holds them (whatever the input format).
	a.Title = dropInvisible(a.Title)
	a.Subtitle = dropInvisible(a.Subtitle)
	ps := make([]string, 0, len(paras))
	for _, p := range paras {
		if p = strings.TrimSpace(dropInvisible(p)); p != "" {
			ps = append(ps, p)
		}
	}
	ps = consumeLead(a, ps)
	ps = cutTrailer(a, ps)
	a.Text = joinParagraphs(ps)
	if !a.Updated.IsZero() && !a.Published.IsZero() && !a.Updated.After(a.Published) {
		// "Modified" equal to (or before) "published" is no update.
		a.Updated = time.Time{}
	}
	finishLanguage(a)
}

// consumeLead moves furniture at the top of the body into a and returns
// the remaining paragraphs. It stops at the first paragraph of the story,
// whose dateline it then takes.
func consumeLead(a *Article, ps []string) []string {
	out := ps[:0:0]
	i := 0
	labels := 0
	for ; i < len(ps) && i < maxLead; i++ {
		p := ps[i]
		// The headline repeated is dropped. The standfirst is not: it is
		// the story's summary, often its only statement of the toll, and
		// the body extractor deliberately keeps it first.
		if sameText(p, a.Title) || !hasLetterOrDigit(p) {
			continue // the headline again, or a rule of dots or dashes
		}
		if sameText(p, a.Subtitle) {
			out = append(out, p)
			continue
		}
		if ml, ok := classifyMetaLine(p); ok {
			applyMetaLine(a, ml)
			continue
		}
		// "<headline> Posted: … Updated: …", the headline (perhaps without
		// the site name the title has) run into the furniture by a page's
		// text export.
		if j := firstCueAt(p); j > 0 && a.Title != "" && len(p) < 3*maxDateLine {
			if head := headerKey(p[:j]); len(head) >= 10 && strings.HasPrefix(headerKey(a.Title), head) {
				if ml, ok := classifyMetaLine(p[j:]); ok {
					applyMetaLine(a, ml)
					continue
				}
			}
		}
		// A caption or label over the story ("Photos from the scene"),
		// standing between the furniture and the dateline paragraph. A
		// short line followed by prose is more likely a subheading and is
		// kept.
		if isLabel(p) && labels < 3 && furnitureAhead(ps[i+1:min(len(ps), i+4)]) {
			labels++
			continue
		}
		break
	}
	body := len(out)
	out = append(out, ps[i:]...)
	// The dateline opens the first paragraph of the story, or the second
	// when the first is a short note above it ("Warning: the video above
	// may be disturbing.").
	for k := body; k < len(out) && k <= body+1 && a.Dateline == ""; k++ {
		if place, rest, ok := cutDateline(out[k]); ok {
			a.Dateline = place
			out[k] = rest
			break
		}
		if wordCount(out[k]) > 30 {
			break
		}
	}
	return out
}

// furnitureAhead reports whether, past any further labels, the next
// paragraph is a date line, a byline or opens with a dateline.
func furnitureAhead(ps []string) bool {
	for _, p := range ps {
		if _, ok := classifyMetaLine(p); ok {
			return true
		}
		if _, _, ok := cutDateline(p); ok {
			return true
		}
		if !isLabel(p) {
			return false
		}
	}
	return false
}

// applyMetaLine fills the byline and dates a furniture line gives into
// the fields the page's metadata left empty.
func applyMetaLine(a *Article, ml metaLine) {
	if a.Byline == "" {
		a.Byline = ml.byline
	}
	for _, d := range ml.dates {
		switch {
		case d.field == fieldPublished && a.Published.IsZero():
			a.Published = d.t
		case d.field == fieldUpdated && a.Updated.IsZero():
			a.Updated = d.t
		}
	}
}

// metaLine is what a furniture line at the top of a story says.
type metaLine struct {
	byline string
	dates  []datedField
}

type datedField struct {
	field dateField
	t     time.Time
}

// classifyMetaLine reads a line made only of bylines, date lines and
// reading times, possibly several separated by "|", "·" or "•":
// "By Jane Doe | Updated 3 March 2021, 12:04 GMT | 4 min read".
func classifyMetaLine(p string) (metaLine, bool) {
	var ml metaLine
	if len(p) > 2*maxDateLine {
		return ml, false
	}
	var segs []string
	for _, seg := range strings.FieldsFunc(p, func(r rune) bool { return r == '|' || r == '·' || r == '•' }) {
		segs = append(segs, splitAtCues(seg)...)
	}
	for _, seg := range segs {
		seg = strings.TrimSpace(seg)
		if seg == "" || isReadingTime(seg) {
			continue
		}
		if f, t, ok := parseDateLine(seg); ok {
			ml.dates = append(ml.dates, datedField{f, t})
			continue
		}
		if by, ok := cutByline(seg); ok {
			if ml.byline == "" {
				ml.byline = by
			}
			continue
		}
		// "Par Marie Dupont 18 septembre 2024": a byline run into a date.
		if by, d, ok := splitBylineDate(seg); ok {
			if ml.byline == "" {
				ml.byline = by
			}
			ml.dates = append(ml.dates, d)
			continue
		}
		return metaLine{}, false
	}
	return ml, ml.byline != "" || len(ml.dates) > 0
}

// splitAtCues splits a line where a capitalised date cue starts a new
// part: "Published 12:04 EST, 3 March 2021 Updated 14:00 EST, 3 March
// 2021" is two date lines run together.
func splitAtCues(s string) []string {
	var out []string
	start := 0
	cues := getRules().dateCues
	for i := 1; i < len(s); i++ {
		// Split only after a complete date line or byline, so that "Last
		// Updated" and "By Jane Date" stay whole.
		if s[i-1] != ' ' || s[i] < 'A' || s[i] > 'Z' {
			continue
		}
		word := s[i:]
		if j := strings.IndexAny(word, " :"); j >= 0 {
			word = word[:j]
		}
		lw := strings.ToLower(word)
		for _, c := range cues {
			if c.words[0] != lw {
				continue
			}
			part := s[start:i]
			_, _, isDate := parseDateLine(part)
			_, isBy := cutByline(strings.TrimSpace(part))
			if isDate || isBy {
				out = append(out, part)
				start = i
			}
			break
		}
	}
	return append(out, s[start:])
}

// firstCueAt returns the byte offset of the first capitalised date cue
// ("Posted", "Updated") after the start of s, or -1.
func firstCueAt(s string) int {
	cues := getRules().dateCues
	for i := 1; i < len(s); i++ {
		if s[i-1] != ' ' || s[i] < 'A' || s[i] > 'Z' {
			continue
		}
		word := s[i:]
		if j := strings.IndexAny(word, " :"); j >= 0 {
			word = word[:j]
		}
		lw := strings.ToLower(word)
		for _, c := range cues {
			if c.words[0] == lw {
				return i
			}
		}
	}
	return -1
}

// splitBylineDate splits a byline followed by a date without a separator.
func splitBylineDate(seg string) (string, datedField, bool) {
	words := strings.Fields(seg)
	if len(words) < 3 || len(words) > 16 {
		return "", datedField{}, false
	}
	for k := 2; k < len(words); k++ {
		f, t, ok := parseDateLine(strings.Join(words[k:], " "))
		if !ok {
			continue
		}
		if by, ok := cutByline(strings.Join(words[:k], " ")); ok {
			return by, datedField{f, t}, true
		}
		break // the longest date did not follow a byline
	}
	return "", datedField{}, false
}

// isReadingTime recognises "4 min read", "5 minutes", "3 Min. Lesezeit".
func isReadingTime(s string) bool {
	f := strings.Fields(strings.ToLower(s))
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	for _, c := range f[0] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return strings.HasPrefix(f[1], "min")
}

// cutByline removes a leading "By" (or its equivalent in another
// language) from a line whose remainder looks like one or more names.
func cutByline(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 150 {
		return "", false
	}
	for _, w := range getRules().bylineWords {
		if !strings.HasPrefix(s, w) {
			continue
		}
		rest := s[len(w):]
		if !strings.HasSuffix(w, ":") {
			if rest == "" || rest[0] != ' ' && rest[0] != '\u00a0' && rest[0] != ':' {
				continue
			}
		}
		rest = strings.TrimLeft(rest, " :\u00a0")
		if looksLikeNames(rest) {
			return strings.TrimRight(rest, " ,;:|"), true
		}
	}
	return "", false
}

// nameConnectors may stand lowercase between names in a byline.
var nameConnectors = map[string]bool{
	"and": true, "und": true, "et": true, "y": true, "e": true, "i": true, "&": true, "und/or": true,
	"de": true, "da": true, "do": true, "dos": true, "del": true, "der": true, "van": true, "von": true,
	"al": true, "el": true, "bin": true, "ibn": true, "la": true, "le": true, "di": true, "in": true,
	"for": true, "with": true, "и": true, "-": true, "–": true, "—": true, "/": true,
}

// looksLikeNames reports whether s reads like a list of names ("Jane Doe
// and John Roe, Reuters"): a few words, nearly all capitalised.
func looksLikeNames(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 14 || isSentence(s) && !strings.HasSuffix(s, ".") {
		return false
	}
	caps, other := 0, 0
	for _, w := range words {
		w = strings.Trim(w, ",;:()")
		if w == "" || nameConnectors[strings.ToLower(w)] && w == strings.ToLower(w) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			caps++
		default:
			other++
		}
	}
	return caps > 0 && other*4 <= caps && !strings.ContainsAny(s, "0123456789")
}

// cutDateline splits the dateline off the first paragraph of a story:
// "MOSCOW: The attack…" gives ("MOSCOW", "The attack…"), "LONDON (AP) —
// …" gives "LONDON", "KYIV, Ukraine (Reuters) - …" gives "KYIV, Ukraine"
// (a place qualifier stays; agencies and dates go) and "Kabul, Aug 26
// (Reuters) - …" gives "Kabul". An all-capitals place stands on its own; a title-case one needs an
// agency or a date to show that it is a dateline and not a sentence.
func cutDateline(p string) (place, rest string, ok bool) {
	head := p[:min(len(p), 120)]
	sepAt, sepLen := -1, 0
	for i := 0; i < len(head); {
		r, size := utf8.DecodeRuneInString(head[i:])
		switch {
		case r == ':' || r == '—' || r == '–' || r == '―':
			sepAt, sepLen = i, size
		case r == '-' && i+1 < len(head) && head[i+1] == '-':
			sepAt, sepLen = i, 2 // "CLEVELAND-- Two people..."
		case r == '-' && i > 0 && head[i-1] == ' ' && i+1 < len(head) && head[i+1] == ' ':
			sepAt, sepLen = i, 1
		case r == '!' || r == '?' || r == ';' || r == '"' || r == '“':
			return "", "", false
		}
		if sepAt >= 0 {
			break
		}
		i += size
	}
	bare := false
	if sepAt < 0 {
		// "EUTAW, Ala. (AP) Authorities say …": a news agency's sign
		// ends the dateline when no dash follows it.
		if j := strings.IndexByte(head, ')'); j > 0 && j+1 < len(head) && head[j+1] == ' ' {
			sepAt, sepLen, bare = j+1, 0, true
		}
	}
	if sepAt <= 0 {
		return "", "", false
	}
	prefix := strings.TrimSpace(p[:sepAt])
	rest = strings.TrimSpace(p[sepAt+sepLen:])
	if rest == "" {
		return "", "", false
	}
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("\"“‘'«(", r) {
		return "", "", false
	}
	rules := getRules()
	agency, outlet := false, false
	if strings.HasSuffix(prefix, ")") {
		open := strings.LastIndexByte(prefix, '(')
		if open < 0 {
			return "", "", false
		}
		name := strings.TrimSpace(prefix[open+1 : len(prefix)-1])
		first, _, _ := strings.Cut(name, "/")
		first = strings.TrimSpace(first)
		switch {
		case rules.agencies[strings.ToLower(first)] || isCallSign(first):
			agency = true
		case bare:
			return "", "", false
		case isDateText(name): // "RICHMOND, Ind. (April 11, 2014) –"
			agency = true
		case isOutletName(name):
			// "DALMERA, Ky. (WXYZ 12) --", "NORVALE (CBSNorvale) —": a
			// local outlet's own name, counted only after an all-capitals
			// place (below), where the rest is a dateline anyway.
			outlet = true
		default:
			return "", "", false
		}
		prefix = strings.TrimSpace(prefix[:open])
	}
	parts := strings.Split(prefix, ",")
	if len(parts) > 3 {
		return "", "", false
	}
	place = collapseSpace(parts[0])
	dated := false
	for _, part := range parts[1:] {
		part = strings.TrimSpace(part)
		switch {
		case isShortDate(part):
			dated = true
		case isPlaceName(part) != 0:
			// The qualifier ("Colo.", "Ukraine") stays: it is what tells
			// Clifton, Colorado from Clifton, New Jersey.
			place += ", " + collapseSpace(part)
		default:
			return "", "", false
		}
	}
	switch isPlaceName(collapseSpace(parts[0])) {
	case 'U':
		if rules.notPlaces[strings.ToUpper(collapseSpace(parts[0]))] {
			return "", "", false
		}
	case 'T':
		if !agency && !dated || outlet {
			return "", "", false
		}
	default:
		return "", "", false
	}
	return place, rest, true
}

// isOutletName recognises the short names local outlets sign their
// datelines with when they are not bare call letters: "LEX 18",
// "CBSMiami", "WXYZ-TV", "KSL.com". One to three words, each opening with
// a capital or a digit, with a capital or digit beyond its first letter
// somewhere (an outlet's name, not a word such as "Reuters" or "Friday").
func isOutletName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 3 || len(s) > 24 {
		return false
	}
	inner := false
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		for i, c := range w {
			if i > 0 && (unicode.IsUpper(c) || unicode.IsDigit(c)) {
				inner = true
			}
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune(".-&'", c) {
				return false
			}
		}
	}
	return inner || len(words) > 1 && unicode.IsDigit([]rune(words[len(words)-1])[0])
}

// isCallSign recognises the capitals-only names of broadcasters and local
// outlets that stand in US datelines: "(WAVE)", "(KDKA)", "(CBS)".
func isCallSign(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

func isDateText(s string) bool {
	_, ok := parseDate(s)
	return ok
}

// placeConnectors may stand lowercase inside a place name ("Rio de Janeiro").
var placeConnectors = map[string]bool{
	"de": true, "do": true, "da": true, "del": true, "di": true, "el": true, "al": true,
	"la": true, "le": true, "les": true, "sur": true, "am": true, "an": true, "upon": true,
	"of": true, "on": true, "du": true, "des": true, "los": true, "las": true, "es": true,
}

// isPlaceName classifies s as an all-capitals place ('U', "NEW YORK"), a
// title-case place ('T', "Kabul", "Rio de Janeiro") or neither (0).
func isPlaceName(s string) byte {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 || len(s) > 40 {
		return 0
	}
	allUpper, title := true, true
	letters := 0
	for _, w := range words {
		first := true
		lowerWord := placeConnectors[w]
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				letters++
				if !unicode.IsUpper(r) {
					allUpper = false
					if first && !lowerWord {
						title = false
					}
				}
				first = false
			case r == '.' || r == '\'' || r == '’' || r == '-':
			default:
				return 0
			}
		}
	}
	switch {
	case letters < 2:
		return 0
	case allUpper:
		return 'U'
	case title:
		return 'T'
	}
	return 0
}

// isShortDate recognises the "Aug 26" or "26 August" of a wire dateline.
func isShortDate(s string) bool {
	f := strings.Fields(s)
	if len(f) != 2 {
		return false
	}
	months := getRules().months
	isDay := func(x string) bool {
		return len(x) <= 2 && x != "" && strings.Trim(x, "0123456789") == ""
	}
	word := func(x string) bool { return months[strings.ToLower(strings.TrimSuffix(x, "."))] != 0 }
	return word(f[0]) && isDay(f[1]) || isDay(f[0]) && word(f[1])
}

// cutTrailer drops the page furniture that follows the story: from a tag
// list, a "Similar News" or "Comments" header, or a copyright line onward,
// when that line stands in the last part of the body; and inline "Read
// more: <other story>" teasers wherever they are.
//
// "Last part" means that at least half of the text comes before the line,
// or that nothing after it is a paragraph of prose: teaser lists are long
// but made of short lines.
func cutTrailer(a *Article, ps []string) []string {
	total := 0
	for _, p := range ps {
		total += len(p)
	}
	before := 0
	out := ps[:0:0]
	for i, p := range ps {
		kind, tags := trailerKind(p)
		if kind != 0 && i > 0 {
			if kind == 't' {
				before += len(p)
				continue // inline teaser
			}
			if before*2 >= total || !proseAfter(ps[i+1:]) {
				if kind == 'g' && len(a.Tags) == 0 {
					a.Tags = tags
				}
				return out
			}
		}
		out = append(out, p)
		before += len(p)
	}
	return out
}

// proseAfter reports whether any paragraph is a long stretch of prose.
func proseAfter(ps []string) bool {
	for _, p := range ps {
		if len(p) > 200 && isSentence(p) {
			return true
		}
	}
	return false
}

// trailerKind classifies a body line: 'g' a tag list (with its tags), 'e'
// a header that ends the story, 't' an inline teaser, 0 story text.
func trailerKind(p string) (byte, []string) {
	if len(p) > 300 {
		return 0, nil
	}
	rules := getRules()
	lower := strings.ToLower(p)
	if strings.HasPrefix(p, "©") || strings.HasPrefix(lower, "(c) ") ||
		strings.HasPrefix(lower, "copyright ") && strings.ContainsAny(p, "©0123456789") ||
		strings.Contains(lower, "all rights reserved") && len(p) < 200 {
		return 'e', nil
	}
	head, value, colon := strings.Cut(p, ":")
	key := headerKey(head)
	if !colon {
		key = headerKey(p)
	}
	value = strings.TrimSpace(value)
	switch {
	case rules.tagHeaders[key] && (colon || wordCount(p) <= 3):
		return 'g', splitTags(value)
	case rules.endHeaders[key] && (colon || wordCount(p) <= 6):
		return 'e', nil
	case rules.teaserHeaders[key] && (!colon || value == ""):
		return 'e', nil
	case rules.teaserHeaders[key] && colon && wordCount(value) <= 25 && !isSentence(value):
		return 't', nil
	}
	return 0, nil
}
