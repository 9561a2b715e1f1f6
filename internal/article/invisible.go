package article

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// invisibleRunes are format characters a reader never sees but that split
// a word for every later stage: the soft hyphen, the zero-width space, the
// word joiner and a byte-order mark inside the text. The zero-width
// non-joiner and joiner are listed too, but dropInvisible keeps them where
// a script needs them (see joinerMatters).
const invisibleRunes = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

// dropInvisible removes invisible format characters from s, so that a name
// written "Wilkins\u00adburg" reads as one word. The article's text is made
// without them, so evidence offsets into it stay consistent.
func dropInvisible(s string) string {
	if !strings.ContainsAny(s, invisibleRunes) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		keep := true
		switch r {
		case '\u00ad', '\u200b', '\u2060', '\ufeff':
			keep = false
		case '\u200c', '\u200d':
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			keep = joinerMatters(prev) || joinerMatters(next)
		}
		if keep {
			// Bytes are copied as they are, so text that is not valid
			// UTF-8 comes out no worse than it went in.
			b.WriteString(s[i : i+size])
			prev = r
		}
		i += size
	}
	return b.String()
}

// joinerMatters reports whether a zero-width (non-)joiner next to r may be
// part of the writing: Persian and the Indic scripts use the non-joiner
// inside words, and emoji sequences use the joiner. Next to Latin, Greek
// or Cyrillic letters, digits, punctuation or space it is only noise.
func joinerMatters(r rune) bool {
	if r < 0 || r == utf8.RuneError {
		return false
	}
	if r < 0x250 || unicode.In(r, unicode.Greek, unicode.Cyrillic, unicode.Latin) {
		return false
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsSymbol(r)
}
