package cluster

import (
	_ "embed"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// leadWords is how much of an article's body, after its title, the text
// similarity reads: about the length of a news story. The lead gives the
// who, where and when, but another outlet's report of the same incident
// often shares only the names, ages and streets of later paragraphs (on
// gva, reading 80 words gave B-cubed recall 0.76, 500 words 0.78, at the
// same precision); past a story's length the text is mostly the site's
// furniture and other stories.
const leadWords = 500

// stopWords are function words and the vocabulary every violence report
// shares; they carry no evidence that two texts tell the same incident.
// (Inverse document frequency down-weights the rest of the common words,
// but only once enough documents have been seen; this list works from the
// first one.)
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
		"as", "is", "was", "were", "are", "be", "been", "has", "have", "had", "it", "its", "this", "that",
		"he", "she", "they", "his", "her", "their", "them", "him", "who", "which", "what", "when", "where",
		"after", "before", "into", "about", "up", "out", "said", "says", "say", "according", "not", "no",
		"will", "would", "could", "can", "may", "also", "than", "then", "there", "one", "two", "new",
		"news", "police", "officials", "people", "man", "woman", "shooting", "shot", "killed", "dead",
		"died", "injured", "wounded", "attack", "gunman", "gun", "fire", "reported", "report",
	} {
		m[w] = true
	}
	return m
}()

// Tokens is the content-word set of an article's title and lead that the
// text similarity compares: normalised words (see Words) less stop words
// and single characters, and the names the same span gives (see Names),
// sorted and unique.
func Tokens(title, text string) []string {
	head := Headline(title)
	ws := Words(head)
	ws = appendWords(ws, text, len(ws)+leadWords)
	out := ws[:0]
	for _, w := range ws {
		if len(w) > 1 && !stopWords[w] {
			out = append(out, w)
		}
	}
	out = appendNames(out, head, -1, true)
	out = appendNames(out, text, leadWords, false)
	slices.Sort(out)
	return slices.Compact(out)
}

// notNames are the capitalised words that are not part of a person's
// name (rules/not_names.txt).
//
//go:embed rules/not_names.txt
var notNamesText string

var notNames = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(notNamesText, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			m[w] = true
		}
	}
	return m
}()

// nameSep joins the first and last word of a name token. Words never
// holds it, so a name token is never mistaken for a word.
const nameSep = "_"

// headlineSep joins the words of a name in a headline that gives no age
// ("Dana Whitlow sentenced"): a follow-up names the victim or suspect the
// first report gave with an age, but so would a headline name a place or
// an official, so it only counts matched with an aged name (see
// sharesName).
const headlineSep = "~"

// IsName reports whether a token is a name token (see Names).
func IsName(token string) bool { return strings.Contains(token, nameSep) }

// isHeadlineName reports whether a token is a headline's name.
func isHeadlineName(token string) bool { return strings.Contains(token, headlineSep) }

// Names are the name tokens of a text: the people it gives an age, as
// crime news gives its victims and suspects and hardly anyone else ("Ray
// Okafor, 19, of ...", "17-year-old Dana J. Whitlow"). A name is two or
// three capitalised words in a row (middle initials skipped) none of
// which is a stop word or in rules/not_names.txt; its token is its first
// and last word, lower-cased and joined by nameSep ("ray_okafor"), since
// outlets drop middle names. Reports of one incident name the same
// victims and suspects; officials, reporters, hospitals and streets,
// which recur across a city's incidents, are named without an age. A
// shared name is far stronger evidence than its two words apart, which
// is why it is a token of its own.
func Names(text string) []string { return appendNames(nil, text, -1, false) }

// ageAfter matches an age right after a name ("Okafor, 19," "Okafor Jr.,
// 19" "Okafor (19)"); ageBefore one right before it ("19-year-old ").
// Both read a few bytes at the name's edge.
var (
	ageAfter  = regexp.MustCompile(`^(?:,?\s+(?:Jr|Sr|II|III|IV)\b\.?)?(?:\s*,\s*(?:age\s+|aged\s+)?|\s*\()\d{1,3}\b`)
	ageBefore = regexp.MustCompile(`\b\d{1,3}[- ]years?[- ]old\s+$`)
)

// appendNames appends the name tokens of the first max words of text (all
// when max < 0) to ts; with unaged (a headline) also the names given
// without an age, as headline names (see headlineSep). It reads the text
// once and looks only a few bytes either side of each name: linear in the
// length of the text.
func appendNames(ts []string, text string, max int, unaged bool) []string {
	type span struct{ start, end int }
	var (
		run   []span // the name words so far, with their byte offsets
		start = -1   // the current word's start; -1 between words, -2 after an initial
		gap   bool   // something other than spaces since the last word
		n     int
	)
	endRun := func() {
		if len(run) >= 2 && len(run) <= 3 {
			a, z := run[0], run[len(run)-1]
			after := text[z.end:min(len(text), z.end+24)]
			before := text[max0(a.start-16):a.start]
			aged := ageAfter.MatchString(after) || ageBefore.MatchString(before)
			if aged || unaged {
				sep := nameSep
				if !aged {
					sep = headlineSep
				}
				ts = append(ts, strings.Join(Words(text[a.start:a.end]), "")+sep+strings.Join(Words(text[z.start:z.end]), ""))
			}
		}
		run = run[:0]
	}
	word := func(end int) {
		w := text[start:end]
		start = -1
		n++
		if gap {
			endRun()
			gap = false
		}
		lw := strings.ToLower(w)
		switch {
		case len(w) == 1 && unicode.IsUpper(rune(w[0])) && end < len(text) && text[end] == '.':
			// A middle initial ("Dana J. Whitlow"): skipped, and the
			// full stop after it does not end the name.
			start = -2
		case !capitalised(w) || stopWords[lw] || notNames[lw]:
			endRun()
		default:
			run = append(run, span{end - len(w), end})
		}
	}
	for i, r := range text {
		if max >= 0 && n >= max {
			break
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’':
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 {
				word(i)
			}
			if start == -2 {
				start = -1
				continue // an initial's full stop
			}
			if r != ' ' {
				gap = true
			}
		}
	}
	if start >= 0 {
		word(len(text))
	}
	endRun()
	return ts
}

func max0(i int) int { return max(i, 0) }

// capitalised reports whether a word is written as a name is: an upper
// case letter, then at least one lower case letter ("Okafor", "McKay";
// not "FBI" or "NEW YORK", which are acronyms or shouting headlines).
func capitalised(w string) bool {
	first, size := utf8.DecodeRuneInString(w)
	if len(w) < 2 || !unicode.IsUpper(first) {
		return false
	}
	for _, r := range w[size:] {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// Headline is a page title without the site name outlets append to it
// ("Four hurt in shooting - Channel 5 - Springfield, Ohio"): the first
// segment before " | ", " - " or " – " when it has a few words. The site's
// name and home town would otherwise make every story of one outlet look
// alike, and name a place the story is not about.
func Headline(title string) string {
	best := title
	for _, sep := range []string{" | ", " - ", " – ", " — "} {
		if i := strings.Index(best, sep); i > 0 && len(Words(best[:i])) >= 3 {
			best = best[:i]
		}
	}
	return best
}

// docFreq counts, incrementally, in how many items each token occurred,
// so that text similarity weighs a token by its inverse document
// frequency: a victim's name or a street shared by two reports is strong
// evidence they tell the same incident, "county" or "sunday" is not.
type docFreq struct {
	n  int
	df map[string]int
}

// IDF weighs a token by its inverse document frequency. The Clusterer
// keeps its own counts; the store reads them from its database (see
// DocFreqs), so both compare texts by one measure.
type IDF interface {
	IDF(token string) float64
}

// DocFreqs is a table of document frequencies read from elsewhere: N
// documents seen, DF[token] of them containing the token.
type DocFreqs struct {
	N  int
	DF map[string]int
}

// IDF is log((N+1)/(df+1)) + 1, the smoothed IDF the Clusterer uses.
func (d DocFreqs) IDF(t string) float64 { return idf(d.N, d.DF[t]) }

// Weight is the IDF of a token df of n documents contain: what
// DocFreqs.IDF gives, for callers that keep their own counts.
func Weight(n, df int) float64 { return idf(n, df) }

func idf(n, df int) float64 { return math.Log(float64(n+1)/float64(df+1)) + 1 }

func (d *docFreq) add(tokens []string) {
	if d.df == nil {
		d.df = map[string]int{}
	}
	d.n++
	for _, t := range tokens {
		d.df[t]++
	}
}

// IDF implements IDF over the counts seen so far.
func (d *docFreq) IDF(t string) float64 { return idf(d.n, d.df[t]) }

// Norms is an IDF that also knows the squared norm of a token set (the sum
// of its tokens' squared weights, in order): a caller comparing one text
// with many keeps each set's norm once instead of weighing every token of
// both sides at every comparison, and Cosine then weighs only the tokens
// the two sets share. The store's merging does; the sums are the same, so
// the scores are too.
type Norms interface {
	IDF
	SquaredNorm(tokens []string) float64
}

// SquaredNorm is the sum of the squared weights of tokens, in order: what
// Cosine sums for each side, for implementations of Norms.
func SquaredNorm(d IDF, tokens []string) float64 {
	var n float64
	for _, t := range tokens {
		w := d.IDF(t)
		n += w * w
	}
	return n
}

// Cosine is the IDF-weighted cosine of two sorted token sets, 0..1. It is
// linear in their lengths (a merge of two sorted lists).
func Cosine(d IDF, a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if nd, ok := d.(Norms); ok {
		return cosineNorms(nd, a, b)
	}
	var dot, na, nb float64
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i] < b[j]):
			w := d.IDF(a[i])
			na += w * w
			i++
		case i >= len(a) || b[j] < a[i]:
			w := d.IDF(b[j])
			nb += w * w
			j++
		default:
			w := d.IDF(a[i])
			dot += w * w
			na += w * w
			nb += w * w
			i++
			j++
		}
	}
	return dot / math.Sqrt(na*nb)
}

// cosineNorms is Cosine with the norms known: only shared tokens are
// weighed.
func cosineNorms(d Norms, a, b []string) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case b[j] < a[i]:
			j++
		default:
			w := d.IDF(a[i])
			dot += w * w
			i++
			j++
		}
	}
	return dot / math.Sqrt(d.SquaredNorm(a)*d.SquaredNorm(b))
}

// IDWeights is a Norms that also weighs tokens by their numbers in the
// caller's vocabulary (Item.TokenIDs): WeightOf(id) is IDF of the token
// numbered id, SquaredNormOf(ids) SquaredNorm of the tokens numbered ids.
type IDWeights interface {
	Norms
	WeightOf(id int32) float64
	SquaredNormOf(ids []int32) float64
}

// cosineItems is Cosine of two items' tokens; with an IDWeights and both
// items' TokenIDs it weighs the shared tokens by number. The sums are
// the same, in the same order, so the score is too.
func cosineItems(d IDF, a, b *Item) float64 {
	iw, ok := d.(IDWeights)
	if !ok || len(a.Tokens) == 0 || len(b.Tokens) == 0 ||
		len(a.TokenIDs) != len(a.Tokens) || len(b.TokenIDs) != len(b.Tokens) {
		return Cosine(d, a.Tokens, b.Tokens)
	}
	at, bt := a.Tokens, b.Tokens
	var dot float64
	i, j := 0, 0
	for i < len(at) && j < len(bt) {
		switch {
		case at[i] < bt[j]:
			i++
		case bt[j] < at[i]:
			j++
		default:
			w := iw.WeightOf(a.TokenIDs[i])
			dot += w * w
			i++
			j++
		}
	}
	return dot / math.Sqrt(iw.SquaredNormOf(a.TokenIDs)*iw.SquaredNormOf(b.TokenIDs))
}
