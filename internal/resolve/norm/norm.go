// Package norm turns place names into lookup keys.
//
// It is a package of its own because the gazetteer generator and the
// resolver must agree byte for byte: the generator writes keys into the
// embedded index and the resolver looks them up without normalising the
// whole gazetteer again at start-up (which would cost most of the load
// budget). Any change here must bump Version and regenerate the data.
package norm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Version is written into the generated gazetteer; the loader refuses a
// file made with a different normaliser, so stale keys fail loudly
// instead of silently missing.
const Version = "3"

// Key folds a name to its lookup key: lowercase, accents and Arabic/Hebrew
// vowel marks removed, apostrophe-like letters (ʹ ʼ ’ ') dropped so that
// "Mariupolʹ" and "Mariupol" meet, other punctuation turned into single
// spaces ("Ivano-Frankivsk" = "Ivano Frankivsk"), Arabic letter variants
// unified, and the abbreviations St/Ste/Mt/Ft spelt out.
func Key(s string) string {
	if isPlainASCII(s) {
		return asciiKey(s)
	}
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading space
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) {
			continue
		}
		if isApostrophe(r) {
			continue
		}
		if f, ok := fold[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return expand(strings.TrimRight(b.String(), " "))
}

func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiKey is Key's fast path: most queries and most index entries are
// plain ASCII, and skipping NFD makes them several times cheaper.
func asciiKey(s string) string {
	if isKeyWord(s) {
		return expand(s) // already its own key: no copy
	}
	b := make([]byte, 0, len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
			space = false
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
			space = false
		case c == '\'' || c == '`':
			// dropped: Kharkiv's "Khar'kiv" and "Kharkiv" must meet
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return expand(string(b))
}

// isKeyWord reports whether s is one word of lowercase ASCII letters and
// digits, which asciiKey would copy unchanged: most words of a text are.
func isKeyWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '´', '‘', '’', 'ʹ', 'ʺ', 'ʻ', 'ʼ', 'ʽ', 'ʾ', 'ʿ', '′', '″', 'ˈ', 'ـ':
		return true
	}
	return false
}

// fold maps letters that NFD does not decompose, and Arabic-script letter
// variants that spellings mix freely, to one form.
var fold = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l",
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'ı': "i", 'þ': "th", 'Þ': "th",
	'œ': "oe", 'Œ': "oe", 'ħ': "h", 'Ħ': "h", 'ŧ': "t",
	'أ': "ا", 'إ': "ا", 'آ': "ا", 'ٱ': "ا", 'ة': "ه", 'ى': "ي", 'ی': "ي",
	'ئ': "ي", 'ؤ': "و", 'ک': "ك", 'ە': "ه",
}

// expand spells out abbreviations as whole words, so "St. Petersburg",
// "St Petersburg" and "Saint Petersburg" share a key, and writes every
// transliteration of the Arabic article before another word as "al":
// "Deir el-Balah", "Dayr al Balah" and "Deir al-Balah" then meet, as do
// "Deir ez-Zor" and "Dayr az Zawr" up to the vowels.
func expand(k string) string {
	if !strings.Contains(k, " ") {
		if r, ok := abbrev[k]; ok {
			return r
		}
		return k
	}
	f := strings.Split(k, " ")
	changed := false
	for i, w := range f {
		if r, ok := abbrev[w]; ok {
			f[i] = r
			changed = true
		} else if w != "al" && arabicArticle[w] && i < len(f)-1 {
			f[i] = "al"
			changed = true
		}
	}
	if !changed {
		return k
	}
	return strings.Join(f, " ")
}

var abbrev = map[string]string{"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}

// arabicArticle are the spellings of the Arabic article with and without
// assimilation to the next consonant (ash-Sham, ad-Dawr, az-Zawiya …).
var arabicArticle = map[string]bool{
	"al": true, "el": true, "ar": true, "as": true, "ash": true, "ad": true, "an": true,
	"az": true, "at": true, "ath": true, "adh": true, "ed": true, "es": true, "ez": true,
	"er": true, "en": true, "et": true, "ul": true,
}

// StripArticle returns key without a leading article word ("al" after
// Key, or English "the"), or "" when it has none (or nothing would be
// left): "Al-Raqqa" and "Raqqa" then meet.
func StripArticle(key string) string {
	if i := strings.IndexByte(key, ' '); i > 0 && (key[:i] == "al" || key[:i] == "the") {
		return key[i+1:]
	}
	if strings.HasPrefix(key, "ال") && len(key) > len("ال")+2 && !strings.Contains(key[:len("ال")+2], " ") {
		return key[len("ال"):]
	}
	return ""
}

// Squash is a looser key for names no exact key matches: doubled letters
// collapse and a few vowel spellings meet, so "Maarat al-Numan" finds
// "Ma‘arrat an Nu‘man" and "Myawaddy" finds "Myawadi". The generator
// indexes it with a "~" prefix; the resolver tries it only as a fallback
// and marks such matches.
func Squash(key string) string {
	b := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c == 'y':
			c = 'i'
		case c == 'o' && i+1 < len(key) && key[i+1] == 'u':
			c = 'u'
			i++
		case c == 'e' && i+1 < len(key) && key[i+1] == 'e':
			c = 'i'
			i++
		}
		if n := len(b); n > 0 && b[n-1] == c && c != ' ' {
			continue
		}
		b = append(b, c)
	}
	return string(b)
}
