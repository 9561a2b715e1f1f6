package cluster

import (
	"math"
	"slices"
	"strings"
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
// and single characters, sorted and unique.
func Tokens(title, text string) []string {
	ws := Words(Headline(title))
	ws = appendWords(ws, text, len(ws)+leadWords)
	out := ws[:0]
	for _, w := range ws {
		if len(w) > 1 && !stopWords[w] {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
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
