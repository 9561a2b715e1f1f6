package article

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDropInvisible(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"no change here", "no change here"},
		{"Dal\u00admera police", "Dalmera police"},
		{"Nor\u200bvale", "Norvale"},
		{"Kes\u2060sin and \ufeffOrlen", "Kessin and Orlen"},
		{"Dal\u200cmera, Nor\u200dvale", "Dalmera, Norvale"},
		{"\u00ad\u200b\u200c\u200d\u2060\ufeff", ""},
		// The non-joiner inside a Persian word is writing, not noise.
		{"\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"},
		// So is the joiner of an emoji sequence.
		{"\U0001F469\u200d\U0001F692", "\U0001F469\u200d\U0001F692"},
		// Invalid bytes pass through unchanged.
		{"a\xff\u00adb", "a\xffb"},
	}
	for _, tt := range tests {
		if got := dropInvisible(tt.in); got != tt.want {
			t.Errorf("dropInvisible(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestReadDropsInvisible checks both input formats: a name split by a soft
// hyphen reads whole in the article's text and title.
func TestReadDropsInvisible(t *testing.T) {
	body := "Two men were shot late Sunday outside a bar in Dal\u00admera, the county sheriff\u2019s office said. " +
		"Both were taken to Nor\u200bvale General Hospital, where one of them later died of his wounds."
	pages := map[string]string{
		"text": "Shoot\u00ading in Dal\u00admera leaves one dead\n\n" + body + "\n",
		"html": "<html><head><title>Shoot&shy;ing in Dal&shy;mera leaves one dead</title></head><body><article><h1>Shoot&shy;ing in Dal&shy;mera leaves one dead</h1><p>" +
			strings.ReplaceAll(body, "\u00ad", "&shy;") + "</p></article></body></html>",
	}
	for format, page := range pages {
		a, err := Read("t", []byte(page), Options{Format: format})
		if err != nil && !isWarning(err) {
			t.Fatalf("%s: %v", format, err)
		}
		if strings.ContainsAny(a.Text+a.Title, invisibleRunes) {
			t.Errorf("%s: invisible characters kept: %q / %q", format, a.Title, a.Text)
		}
		if !strings.Contains(a.Text, "in Dalmera, the") || !strings.Contains(a.Text, "Norvale General") {
			t.Errorf("%s: names not joined: %q", format, a.Text)
		}
		if a.Title != "Shooting in Dalmera leaves one dead" {
			t.Errorf("%s: title = %q", format, a.Title)
		}
	}
}

// FuzzDropInvisible: the result never holds the always-dropped characters,
// is never longer than the input, keeps valid UTF-8 valid, and on valid
// text a second pass changes nothing.
func FuzzDropInvisible(f *testing.F) {
	for _, s := range []string{"", "Dal\u00admera", "a\u200cb", "\u0645\u200c\u06cc", "\xff\u200d", "\u200d\u200d\u200c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := dropInvisible(s)
		if strings.ContainsAny(got, "\u00ad\u200b\u2060\ufeff") {
			t.Fatalf("dropInvisible(%q) = %q keeps an invisible character", s, got)
		}
		if len(got) > len(s) {
			t.Fatalf("dropInvisible(%q) = %q grew", s, got)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("dropInvisible(%q) = %q is not valid UTF-8", s, got)
		}
		// (Invalid bytes on both sides of a dropped character may join
		// into a new one, so idempotence holds for valid text only.)
		if again := dropInvisible(got); utf8.ValidString(s) && again != got {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}
