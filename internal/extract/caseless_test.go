package extract

import (
	"reflect"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
	"sitrep/internal/resolve"
)

func TestCaselessPlaceMentions(t *testing.T) {
	g, err := resolve.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sentence string
		want     []string
	}{
		{"rebels ambushed an army patrol near the town of kandahar on sunday.", []string{"kandahar"}},
		{"REBELS AMBUSHED AN ARMY PATROL NEAR THE TOWN OF KANDAHAR ON SUNDAY.", []string{"KANDAHAR"}},
		{"a bomb went off in a market in northern peshawar, and the karachi police said a second was found.", []string{"peshawar", "karachi"}},
		{"the unrest spread across central america within a week.", []string{"central america"}}, // a region, read whole
		{"guerrillas fired on a patrol in chile's south.", []string{"chile"}},                    // a country's own name
		{"looters were seen in mobile phone shops in the centre.", nil},                          // a common word
		{"in order to reach the capital, the convoy waited in march.", nil},                      // words, and a month
		{"the attack at santos's house left two dead.", nil},                                     // a person's home
		{"the wounded were taken to a hospital in multan.", nil},                                 // where they were treated
	}
	for _, tt := range tests {
		var got []string
		for _, pm := range caselessPlaceMentionsIn(tt.sentence, nlp.Tokens(tt.sentence, nlp.Span{Start: 0, End: len(tt.sentence)}), g) {
			got = append(got, pm.Name)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("caselessPlaceMentionsIn(%q) = %q, want %q", tt.sentence, got, tt.want)
		}
	}
}

// TestCaselessEventPlaces: in a lower-cased or all-capitals report, two
// attacks the text places in different towns are two events, each placed.
func TestCaselessEventPlaces(t *testing.T) {
	const text = "gunmen attacked a police post in the town of kandahar on monday, killing two officers. " +
		"in a separate incident on tuesday, gunmen attacked a bus near herat, killing four passengers. " +
		"no group claimed either attack, the interior ministry said."
	for _, tc := range []string{text, toUpper(text)} {
		res := Extract(article.Article{Text: tc, Published: time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)}, Options{})
		places := map[string]bool{}
		for _, ev := range res.Events {
			if ev.Location != nil {
				places[ev.Location.Name] = true
			}
		}
		if !places["Kandahār"] || !places["Herāt"] {
			t.Errorf("events of %q placed in %v, want Kandahār and Herāt", tc[:40], places)
		}
	}
}

func toUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
