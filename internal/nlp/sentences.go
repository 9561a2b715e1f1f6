package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text. Byte offsets,
// not runes, so that a span can be sliced out of the text and mapped back
// to the article without conversion.
type Span struct{ Start, End int }

// Text returns the spanned part of text, or "" when s does not fit it.
func (s Span) Text(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Sentences splits an article body into sentences, returned in order,
// without overlap, each trimmed of surrounding white space.
//
// A blank line (the reader's paragraph break) always ends a sentence, and
// so does a line break before a list bullet. Otherwise a sentence ends
// at ".", "?", "!" or an ellipsis, together with any closing quotes or
// brackets after it, when white space and a plausible sentence opening
// follow. The rules are local and read each byte a bounded number of
// times, so the cost is linear in the text:
//
//   - "?" and "!" end a sentence unless a lower-case word follows
//     ("'Why?' he asked").
//   - An ellipsis ends one only before a capital letter.
//   - After a period, the word before it decides: a title ("Gen.",
//     "e.g.") never ends a sentence; "No." does not before a number; an
//     abbreviation that may end one ("U.S.", "Jan.", "a.m."), a dotted
//     acronym or an initial ("W.") ends it only before a typical opening
//     word ("The", "He", ...); "a.m.", "p.m." and "etc." end it before
//     any capital but a weekday, month or time zone; any other word ends
//     it unless a lower-case word follows. Decimals ("3.5") never split: no space follows.
//   - A number or letter alone at the start of a line followed by a
//     period is a list bullet ("1. ...").
//   - In a text with no capital letter at all, the case rules above are
//     off: any word may open a sentence.
//
// The abbreviation lists are in data/abbreviations.txt.
// maxSentence is the longest sentence, in bytes, Sentences returns: news
// sentences run to a few hundred bytes and legal or list-like ones to a
// couple of thousand, so a longer span is not a sentence but text with no
// stops in it.
const maxSentence = 4096

func Sentences(text string) []Span {
	lx := lex()
	caseless := !hasUpper(text)
	var out []Span
	start := -1
	emit := func(end int) {
		for end > start {
			r, size := utf8.DecodeLastRuneInString(text[start:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= size
		}
		if end > start {
			out = append(out, Span{start, end})
		}
		start = -1
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if start < 0 {
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			start = i
		}
		if i-start >= maxSentence && unicode.IsSpace(r) {
			// A runaway "sentence" (a page that is one line, a list
			// with no stops) is cut at a space, so that the work each
			// later stage does per sentence stays bounded.
			emit(i)
			i += size
			continue
		}
		switch r {
		case '\n', '\u2029', '\u2028':
			j := skipHSpace(text, i+size)
			if r == '\u2029' || j >= len(text) || text[j] == '\n' || isBullet(text, j) {
				emit(i)
				i = j
				continue
			}
		case '.', '?', '!', '…':
			end, ok := sentenceEnd(lx, text, start, i, caseless)
			if ok {
				emit(end)
			}
			i = end
			continue
		case '。', '！', '？', '｡':
			end := skipClosers(text, i+size)
			emit(end)
			i = end
			continue
		}
		i += size
	}
	if start >= 0 {
		emit(len(text))
	}
	return out
}

// hasUpper reports whether text has any capital letter. Text without one
// (some corpora are lower-cased) gives no case cue at all, so Sentences
// then reads every word as if it could open a sentence.
func hasUpper(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if 'A' <= c && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsUpper(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

// minCaselessLetters is the fewest cased letters a text must have before
// Caseless calls it caseless: a headline of two words in capitals is a
// style, not a text without case.
const minCaselessLetters = 40

// Caseless reports text whose cased letters are all lower case or all
// capitals (a lower-cased corpus, wire copy in ALL CAPITALS, lower-case
// social media posts): capitals there say nothing about which words are
// names, so readers that find names by them must find them another way.
// Letters of scripts without case (Arabic, Hebrew, CJK) are not counted.
// The scan stops at the first pair of a capital and a small letter, so
// ordinary text pays for a few bytes of it.
func Caseless(text string) bool {
	upper, lower := 0, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case 'a' <= c && c <= 'z':
			lower++
		case 'A' <= c && c <= 'Z':
			upper++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
			i += size - 1
		default:
			continue
		}
		if upper > 0 && lower > 0 {
			return false
		}
	}
	return upper+lower >= minCaselessLetters
}

// skipHSpace skips spaces other than line breaks.
func skipHSpace(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r != '\n' && r != '\u2028' && r != '\u2029' && unicode.IsSpace(r) {
				i += size
				continue
			}
		}
		break
	}
	return i
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '”', '’', '»', '›', '」', '』', '）', '*':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '(', '[', '{', '“', '‘', '«', '‹', '„', '「', '『', '（', '¿', '¡', '*', '_':
		return true
	}
	return false
}

func skipClosers(text string, j int) int {
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !isCloser(r) {
			break
		}
		j += size
	}
	return j
}

// sentenceEnd decides whether the run of terminal punctuation starting
// at i ends the sentence that began at start. It returns the end of the
// run (with its closing quotes and brackets when it is a sentence end),
// from which scanning continues either way.
func sentenceEnd(lx *lexicon, text string, start, i int, caseless bool) (int, bool) {
	j, dots, marks := i, 0, 0
	for j < len(text) {
		switch {
		case text[j] == '.':
			dots++
			j++
			continue
		case text[j] == '?' || text[j] == '!':
			marks++
			j++
			continue
		case strings.HasPrefix(text[j:], "…"):
			dots += 3
			j += len("…")
			continue
		}
		break
	}
	runEnd := j
	j = skipClosers(text, j)
	if j >= len(text) {
		return j, true
	}
	r, _ := utf8.DecodeRuneInString(text[j:])
	if !unicode.IsSpace(r) {
		return runEnd, false
	}
	k := j
	for k < len(text) {
		r, size := utf8.DecodeRuneInString(text[k:])
		if !unicode.IsSpace(r) {
			break
		}
		k += size
	}
	if k >= len(text) {
		return j, true
	}
	// first is the first letter or digit of what follows, past opening
	// quotes and brackets; next is the word it starts.
	first, wordStart := rune(0), k
	for m := k; m < len(text); {
		r, size := utf8.DecodeRuneInString(text[m:])
		if !isOpener(r) {
			first, wordStart = r, m
			break
		}
		m += size
	}
	lowerNext := unicode.IsLower(first) && !caseless
	upperNext := unicode.IsUpper(first) || caseless
	switch {
	case marks > 0 && dots == 0:
		return j, !lowerNext
	case dots >= 2:
		return j, upperNext || (unicode.IsLetter(first) && !lowerNext)
	}

	// A single period: the word before it decides.
	ws := i
	for ws > start {
		r, size := utf8.DecodeLastRuneInString(text[start:ws])
		if unicode.IsSpace(r) {
			break
		}
		ws -= size
	}
	for ws < i {
		r, size := utf8.DecodeRuneInString(text[ws:i])
		if !isOpener(r) {
			break
		}
		ws += size
	}
	word := text[ws:i]
	if word == "" {
		return j, !lowerNext
	}
	if ws == start && isBulletWord(word) {
		return runEnd, false
	}
	key := strings.ToLower(word) + "."
	switch {
	case lx.titles[key]:
		return runEnd, false
	case lx.numericAbbr[key] && first >= '0' && first <= '9':
		return runEnd, false
	case lx.clockAbbr[key]:
		if upperNext && !lx.continuers[strings.ToLower(wordAt(text, wordStart))] {
			return j, true
		}
		return runEnd, false
	case lx.endingAbbr[key] || isDotted(word) || isInitial(word):
		if upperNext && lx.starters[strings.ToLower(wordAt(text, wordStart))] {
			return j, true
		}
		return runEnd, false
	}
	return j, !lowerNext
}

// wordAt returns the run of letters starting at i.
func wordAt(text string, i int) string {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	return text[i:j]
}

// isDotted reports a dotted acronym without its final period: "U.S",
// "a.m", "Ph.D" (letters in groups of at most three, split by periods).
func isDotted(w string) bool {
	if !strings.Contains(w, ".") {
		return false
	}
	n := 0
	for _, r := range w {
		switch {
		case r == '.':
			if n == 0 {
				return false
			}
			n = 0
		case unicode.IsLetter(r):
			n++
			if n > 3 {
				return false
			}
		default:
			return false
		}
	}
	return n > 0
}

// isInitial reports a single capital letter, as in "George W. Bush".
func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

// isBulletWord reports what stands before the period of a numbered list
// item: up to three digits, or one letter.
func isBulletWord(w string) bool {
	if len(w) <= 3 {
		digits := true
		for i := 0; i < len(w); i++ {
			if w[i] < '0' || w[i] > '9' {
				digits = false
			}
		}
		if digits {
			return true
		}
	}
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsLetter(r)
}

// isBullet reports a list bullet at i: "-", "*", "•" and similar marks,
// "1.", "1)", "a)" or "(a)", each followed by a space.
func isBullet(text string, i int) bool {
	r, size := utf8.DecodeRuneInString(text[i:])
	switch r {
	case '-', '*', '•', '–', '—', '·', '‣', '▪', '◦', '○', '●', '■', '►', '+':
		return i+size < len(text) && (text[i+size] == ' ' || text[i+size] == '\t')
	}
	j := i
	if r == '(' {
		j++
	}
	k := j
	for k < len(text) && k-j < 3 && (text[k] >= '0' && text[k] <= '9' || text[k] >= 'a' && text[k] <= 'z' || text[k] >= 'A' && text[k] <= 'Z') {
		k++
	}
	if k == j || k+1 >= len(text) {
		return false
	}
	allDigits := true
	for m := j; m < k; m++ {
		if text[m] < '0' || text[m] > '9' {
			allDigits = false
		}
	}
	if !allDigits && k-j > 1 {
		return false
	}
	switch text[k] {
	case ')':
	case '.':
		if r == '(' || !allDigits {
			return false
		}
	default:
		return false
	}
	return text[k+1] == ' ' || text[k+1] == '\t'
}
