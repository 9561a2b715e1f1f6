package article

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// normLang turns a declared language ("en-US", "en_GB", "EN", "eng",
// "zh-Hans") into an ISO 639-1 code, or "" when it is not one.
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_,; "); i >= 0 {
		s = s[:i]
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return ""
		}
	}
	switch len(s) {
	case 2:
		if s == "iw" { // pre-1989 code for Hebrew, still emitted by some CMSs
			return "he"
		}
		return s
	case 3:
		return iso6392to1[s]
	}
	return ""
}

// iso6392to1 maps the three-letter codes pages actually use.
var iso6392to1 = map[string]string{
	"eng": "en", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "spa": "es",
	"ita": "it", "por": "pt", "rus": "ru", "ukr": "uk", "ara": "ar", "zho": "zh",
	"chi": "zh", "jpn": "ja", "kor": "ko", "tur": "tr", "nld": "nl", "dut": "nl",
	"pol": "pl", "fas": "fa", "per": "fa", "urd": "ur", "hin": "hi", "heb": "he",
}

// latinLanguages are written in the Latin script; used to notice a page
// whose template declares one language while its text is in another
// script (an English template around Russian copy).
var latinLanguages = map[string]bool{
	"en": true, "fr": true, "de": true, "es": true, "it": true, "pt": true, "nl": true,
	"pl": true, "tr": true, "sv": true, "da": true, "no": true, "nb": true, "fi": true,
	"cs": true, "sk": true, "hu": true, "ro": true, "hr": true, "sl": true, "id": true,
	"ms": true, "tl": true, "vi": true, "sw": true, "so": true, "ha": true, "uz": true,
	"az": true, "ca": true, "eu": true, "gl": true, "et": true, "lv": true, "lt": true,
}

// langSample is how much text language detection looks at: enough for a
// confident answer, small enough to keep detection well under a
// millisecond.
const langSample = 1200

// finishLanguage fills a.Language from the text when the page declared
// none, and corrects a declaration that contradicts the script of the text.
func finishLanguage(a *Article) {
	sample := a.Title + "\n" + a.Text
	if len(sample) > langSample {
		n := langSample
		for n > 0 && !utf8.RuneStart(sample[n]) {
			n--
		}
		sample = sample[:n]
	}
	if a.Language != "" {
		latin, letters := latinShare(sample)
		if letters < 50 {
			return
		}
		declaredLatin := latinLanguages[a.Language]
		if declaredLatin && latin*10 >= letters*3 || !declaredLatin && latin*10 <= letters*9 {
			// Same script as declared; still, templates often declare
			// their own language rather than the article's.
			if other := contradictingLanguage(sample, a.Language); other != "" {
				a.Language = other
			}
			return
		}
	}
	if lang := detectLanguage(sample); lang != "" {
		a.Language = lang
	}
}

var (
	stopwordsOnce sync.Once
	stopwords     map[string][]string // word → languages
	stopwordLangs map[string]bool     // languages with a list
)

func loadStopwords() {
	sec, err := ruleSections("meta_stopwords.txt")
	if err != nil {
		panic("article: " + err.Error())
	}
	stopwords, stopwordLangs = map[string][]string{}, map[string]bool{}
	for _, line := range sec[""] {
		code, words, ok := strings.Cut(line, ":")
		if !ok || len(strings.TrimSpace(code)) != 2 {
			panic(fmt.Sprintf("article: meta_stopwords.txt: bad line %q", line))
		}
		code = strings.TrimSpace(code)
		stopwordLangs[code] = true
		for _, w := range strings.Fields(words) {
			stopwords[w] = append(stopwords[w], code)
		}
	}
}

// contradictingLanguage returns the language the text is plainly written
// in when that is not the declared one: at least 60 words, a fifth of
// them function words of that language, and four times as many as of the
// declared language. "" when the declaration stands or the lists do not
// cover the languages involved.
func contradictingLanguage(text, declared string) string {
	stopwordsOnce.Do(loadStopwords)
	counts := map[string]int{}
	words := 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		words++
		for _, l := range stopwords[strings.ToLower(w)] {
			counts[l]++
		}
		if words == 300 {
			break
		}
	}
	best, bestN := "", 0
	for l, n := range counts {
		if n > bestN || n == bestN && l < best {
			best, bestN = l, n
		}
	}
	if words < 60 || best == "" || best == declared || bestN*5 < words || counts[declared]*4 > bestN {
		return ""
	}
	if !stopwordLangs[declared] {
		return "" // no list for the declared language: cannot judge
	}
	return best
}

// detectLanguage guesses the language of text; "" when the text is too
// short or the guess is unreliable.
func detectLanguage(text string) string {
	if _, letters := latinShare(text); letters < 20 {
		return ""
	}
	info := whatlanggo.Detect(text)
	if info.Lang < 0 || info.Confidence < 0.1 && len(text) < 400 {
		return ""
	}
	code := info.Lang.Iso6391()
	switch code {
	case "ru", "uk", "bg", "be", "mk", "sr":
		if c := cyrillicLanguage(text); c != "" {
			return c
		}
	}
	return code
}

// cyrillicLanguage tells the big Cyrillic languages apart by letters only
// one of them uses; trigram statistics confuse Russian news copy with
// Bulgarian surprisingly often. "" means the letters do not decide.
func cyrillicLanguage(text string) string {
	var ru, uk, be, bg int
	for _, r := range strings.ToLower(text) {
		switch r {
		case 'ы', 'э', 'ё':
			ru++
		case 'ї', 'є', 'ґ':
			uk++
		case 'ў':
			be++
		case 'і':
			uk++
			be++
		case 'ъ':
			bg++
		}
	}
	switch {
	case uk > 0 && be == uk && ru == 0:
		return "uk" // і without ў
	case be > uk:
		return "be"
	case uk > 0 && ru == 0:
		return "uk"
	case ru > 0 && uk == 0 && be == 0 && ru >= bg:
		return "ru"
	}
	return ""
}

// latinShare counts Latin letters and all letters in s.
func latinShare(s string) (latin, letters int) {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if r < 0x250 || unicode.Is(unicode.Latin, r) {
			latin++
		}
	}
	return latin, letters
}
