package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  = 'w'
	kNum   = 'n'
	kPunct = 'p'
)

// token is one word, digit run or punctuation mark. Offsets are bytes into
// the text, so every expression built from tokens can be sliced back out of
// it exactly.
type token struct {
	s, e int    // byte offsets, end exclusive
	low  string // lower-cased word; digits (without suffix) for numbers; the mark for punctuation
	kind byte
	cap  bool   // word starts with an upper-case letter
	n    int    // value of a number token (digits only), -1 if too long
	ndig int    // number of digits
	suf  string // letters glued to a number: "s" (1990s), "st", "th", "am"...
	sp   bool   // preceded by white space (or the start of text)
}

// tokenize splits text in one pass. Words are runs of letters (with
// internal dots for "a.m.", "U.S."), numbers are runs of ASCII digits with
// any letters glued after them kept as a suffix, everything else that is not
// space is a one-rune punctuation token. Apostrophes and hyphens are their
// own tokens, so "third-quarter" and "year's" are matched word by word.
func tokenize(text string) []token {
	// News prose averages about six bytes a token; guessing low and letting
	// append grow keeps a long page from reserving more than it uses.
	toks := make([]token, 0, len(text)/8+1)
	sp := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			sp = true
			i += size
			continue
		case r >= '0' && r <= '9':
			j := i
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				j++
			}
			t := token{s: i, low: text[i:j], kind: kNum, ndig: j - i, n: -1, sp: sp}
			if t.ndig <= 9 {
				t.n = atoi(text[i:j])
			}
			k := j
			for k < len(text) && k-j < 4 && isASCIILetter(text[k]) {
				k++
			}
			if k > j && (k == len(text) || !isWordByte(text[k])) {
				t.suf = strings.ToLower(text[j:k])
				j = k
			}
			t.e = j
			toks = append(toks, t)
			i = j
		case unicode.IsLetter(r):
			j := i
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsMark(r2) {
					j += s2
					continue
				}
				// "a.m.", "p.m.", "U.S.": a dot between single letters.
				if r2 == '.' && j+2 <= len(text) && j+1 < len(text) && isASCIILetter(text[j+1]) &&
					(j+2 == len(text) || text[j+2] == '.') && j-i <= 3 {
					j += 2
					if j < len(text) && text[j] == '.' {
						j++
					}
					continue
				}
				break
			}
			w := text[i:j]
			first, _ := utf8.DecodeRuneInString(w)
			toks = append(toks, token{s: i, e: j, low: strings.ToLower(w), kind: kWord, cap: unicode.IsUpper(first), n: -1, sp: sp})
			i = j
		default:
			low := text[i : i+size]
			switch r {
			case '\u2019', '\u2018', '`':
				low = "'"
			case '\u2013', '\u2014', '\u2010', '\u2011':
				low = "-"
			}
			toks = append(toks, token{s: i, e: i + size, low: low, kind: kPunct, n: -1, sp: sp})
			i += size
		}
		sp = false
	}
	return toks
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

func isWordByte(b byte) bool { return isASCIILetter(b) || b >= '0' && b <= '9' || b >= 0x80 }

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
