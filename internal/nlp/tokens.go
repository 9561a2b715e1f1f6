package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind says what a token is made of.
type TokenKind uint8

const (
	// Word is letters, possibly with digits, inner hyphens and
	// apostrophes ("twenty-two", "don't", "F-16", "19-year-old"), or an
	// abbreviation with its period ("U.S.", "Gen.").
	Word TokenKind = iota
	// Number is digits with inner separators ("1,200", "3.5", "12:04")
	// and possibly an ordinal or decade ending ("22nd", "1990s").
	Number
	// Punct is punctuation: one mark, or a run of periods or dashes
	// ("...", "--").
	Punct
	// Symbol is anything else that is not space: currency, "%", "°",
	// emoji.
	Symbol
)

func (k TokenKind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	case Symbol:
		return "symbol"
	}
	return "?"
}

// Token is one token of a text: its byte range, its text (a slice of the
// original, not a copy) and its kind.
type Token struct {
	Start, End int
	Text       string
	Kind       TokenKind
}

// Tokens splits the span s of text into tokens. It reads each byte once
// or twice, so it is linear in the span.
//
// Words keep inner hyphens and apostrophes, so hyphenated numbers and
// compounds ("twenty-two", "pro-government") and contractions ("don't",
// "O'Brien", "army's") stay whole; an apostrophe or hyphen at a word's
// edge is punctuation of its own. A period stays on a word that is a
// listed abbreviation, a dotted acronym or an initial. Each Han, kana or
// Hangul character is its own word, as those scripts do not space
// words. A number followed by a hyphen and a digit stops there, so
// "133-143" is three tokens and a range can be read from it.
//
// A span that does not fit text is clipped to it.
func Tokens(text string, s Span) []Token {
	s = clip(text, s)
	return appendTokens(make([]Token, 0, tokenCap(s)), lex(), text, s)
}

// tokenCap guesses the number of tokens in a span from its length: news
// prose has one token in about five bytes, so a third of the length is
// rarely exceeded and the slice rarely grows.
func tokenCap(s Span) int { return (s.End-s.Start)/3 + 4 }

func clip(text string, s Span) Span {
	s.Start = max(s.Start, 0)
	s.End = min(s.End, len(text))
	if s.End < s.Start {
		s.End = s.Start
	}
	// Do not start or end inside a UTF-8 sequence.
	for s.Start < s.End && !utf8.RuneStart(text[s.Start]) {
		s.Start++
	}
	for s.End < len(text) && s.End > s.Start && !utf8.RuneStart(text[s.End]) {
		s.End--
	}
	return s
}

func appendTokens(out []Token, lx *lexicon, text string, s Span) []Token {
	end := s.End
	for i := s.Start; i < end; {
		r, size := decodeAt(text, i, end)
		switch {
		case r == ' ' || r == '\n' || r >= utf8.RuneSelf && unicode.IsSpace(r) || r < utf8.RuneSelf && unicode.IsSpace(r):
			i += size
			continue
		case r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r):
			j, kind := scanNumber(text, i, end)
			out = append(out, Token{i, j, text[i:j], kind})
			i = j
		case isWordStart(r):
			if isUnspaced(r) {
				out = append(out, Token{i, i + size, text[i : i+size], Word})
				i += size
				continue
			}
			j := scanWord(lx, text, i, end)
			out = append(out, Token{i, j, text[i:j], Word})
			i = j
		default:
			j := i + size
			kind := Punct
			switch {
			case r == '.' || r == '-':
				for j < end && text[j] == byte(r) {
					j++
				}
			case isSymbol(r):
				kind = Symbol
			}
			out = append(out, Token{i, j, text[i:j], kind})
			i = j
		}
	}
	return out
}

func decodeAt(text string, i, end int) (rune, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:end])
}

// asciiWord marks the ASCII letters and digits, the fast path of the
// word scanners.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordStart(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// isUnspaced reports the scripts written without spaces between words.
func isUnspaced(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

func isSymbol(r rune) bool {
	switch r {
	case '%', '‰', '#', '&', '@', '°', '§', '¶', '†', '‡':
		return true
	}
	return !unicode.IsPunct(r)
}

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// scanWord scans a word starting at i and returns its end.
func scanWord(lx *lexicon, text string, i, end int) int {
	j := i
	dotted := false // inside a dotted acronym such as "U.S"
	seg := 0        // letters since the last period
	for j < end {
		if c := text[j]; c < utf8.RuneSelf && asciiWord[c] {
			j++
			seg++
			continue
		}
		r, size := decodeAt(text, j, end)
		if isWordRune(r) && !isUnspaced(r) {
			j += size
			seg++
			continue
		}
		if j+size >= end {
			break
		}
		next, nsize := decodeAt(text, j+size, end)
		switch {
		case (isHyphen(r) || isApostrophe(r)) && isWordRune(next) && !isUnspaced(next):
			j += size + nsize
			seg = 1
			continue
		case r == '.' && seg <= 3 && unicode.IsLetter(next) && (dotted || isDottedStart(text[i:j])):
			dotted = true
			j += size + nsize
			seg = 1
			continue
		}
		break
	}
	if j < end && text[j] == '.' {
		w := text[i:j]
		if dotted || isInitial(w) || lx.isAbbrev(w) {
			j++
		}
	}
	return j
}

// isDottedStart reports whether a word may open a dotted acronym: one to
// three letters ("U", "Ph", "a").
func isDottedStart(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= 3
}

// isAbbrev reports whether w followed by a period is a listed
// abbreviation. Only short words can be, which spares the lowering.
func (lx *lexicon) isAbbrev(w string) bool {
	if len(w) > 8 {
		return false
	}
	k := strings.ToLower(w) + "."
	return lx.titles[k] || lx.numericAbbr[k] || lx.endingAbbr[k] || lx.clockAbbr[k]
}

// scanNumber scans digits with inner ",", "." or ":" between digits and
// an ordinal or decade ending; a number glued to letters or a hyphenated
// word ("5km", "19-year-old") becomes a Word.
func scanNumber(text string, i, end int) (int, TokenKind) {
	j := i
	for j < end {
		r, size := decodeAt(text, j, end)
		if unicode.IsDigit(r) {
			j += size
			continue
		}
		if (r == ',' || r == '.' || r == ':') && j+1 < end && text[j+1] >= '0' && text[j+1] <= '9' {
			j++
			continue
		}
		break
	}
	if j >= end {
		return j, Number
	}
	r, size := decodeAt(text, j, end)
	switch {
	case isWordRune(r):
		k := j
		for k < end {
			r, size := decodeAt(text, k, end)
			if !unicode.IsLetter(r) || isUnspaced(r) {
				break
			}
			k += size
		}
		suffix := strings.ToLower(text[j:k])
		if k >= end || !isWordContinuation(text, k, end) {
			if suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" || suffix == "s" {
				return k, Number
			}
		}
		return scanWordTail(text, k, end), Word
	case isHyphen(r) && j+size < end:
		next, _ := decodeAt(text, j+size, end)
		if unicode.IsLetter(next) {
			return scanWordTail(text, j, end), Word
		}
	}
	return j, Number
}

func isWordContinuation(text string, k, end int) bool {
	r, size := decodeAt(text, k, end)
	if isWordRune(r) {
		return true
	}
	if (isHyphen(r) || isApostrophe(r)) && k+size < end {
		next, _ := decodeAt(text, k+size, end)
		return isWordRune(next)
	}
	return false
}

// scanWordTail continues a word from j over letters, digits and inner
// hyphens and apostrophes.
func scanWordTail(text string, j, end int) int {
	for j < end {
		if c := text[j]; c < utf8.RuneSelf && asciiWord[c] {
			j++
			continue
		}
		r, size := decodeAt(text, j, end)
		if isWordRune(r) && !isUnspaced(r) {
			j += size
			continue
		}
		if (isHyphen(r) || isApostrophe(r)) && j+size < end {
			next, nsize := decodeAt(text, j+size, end)
			if isWordRune(next) && !isUnspaced(next) {
				j += size + nsize
				continue
			}
		}
		break
	}
	return j
}
