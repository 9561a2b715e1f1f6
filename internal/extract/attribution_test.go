package extract

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"sitrep/internal/article"
)

func TestCapitalisedNames(t *testing.T) {
	tests := []struct {
		s    string
		want []string
	}{
		{"The attack on the Norvale Grand Hotel killed five.", []string{"Norvale Grand Hotel"}},
		{"Police said Dalmera Port, the capital, was calm.", []string{"Dalmera Port"}},
		{"Nothing Here at the start only.", nil},
	}
	for _, tt := range tests {
		if got := capitalisedNames(tt.s); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("capitalisedNames(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

// TestAttributions checks that a suspect named in a sentence that tells
// no event itself is given to the event the sentence names, and that the
// headline's claim reaches the main event.
func TestAttributions(t *testing.T) {
	a := article.Article{
		Title:     "Hotel bombing: Norvale blames Boko Haram",
		Published: time.Date(2025, 3, 4, 12, 0, 0, 0, time.UTC),
		Text: "A bomb exploded at the Norvale Grand Hotel on Monday, killing five guests.\n\n" +
			"The city was quiet on Tuesday.\n\n" +
			"Boko Haram, whose fighters are suspected of planning the Norvale Grand Hotel bombing, has bases in the north.",
	}
	evs := Extract(a, Options{}).Events
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	var suspects []string
	for _, p := range evs[0].Perpetrators {
		suspects = append(suspects, p.Name)
	}
	if !reflect.DeepEqual(suspects, []string{"Boko Haram"}) {
		t.Errorf("perpetrators = %q, want [Boko Haram]", suspects)
	}
	if !hasClaim(evs[0].Claims, Claim{By: "Norvale", Kind: "blames", Against: "Boko Haram"}) {
		t.Errorf("claims = %+v, want Norvale blames Boko Haram from the headline", evs[0].Claims)
	}
}

// FuzzHeadline: whatever a headline holds, reading its names, captions
// and toll never panics, and counts are never negative.
func FuzzHeadline(f *testing.F) {
	for _, s := range []string{"2 shot, 1 dead, in Kessin", "Teen shot in head", "3:31 Video", "Why Norvale Blames Dalmera", "\xff9999999999999999999 shot", "-year-old dies", ": |"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range HeadlineCasualties(s) {
			if c.Count.Min < 0 {
				t.Fatalf("negative count %d from %q", c.Count.Min, s)
			}
		}
		for _, n := range append(headlineNames(s, s), capitalisedNames(s)...) {
			if n == "" {
				t.Fatalf("empty name from %q", s)
			}
		}
		isVideoCaption(s)
	})
}

func TestClaimInLaterSentence(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // perpetrator expected, "" for none
	}{
		{"anaphor after the event",
			"Bomb kills 12 in Kabul\n\nKABUL, March 4 — A suicide bomber killed 12 people at a market in Kabul on Monday, police said.\n\nThe Islamic State claimed responsibility for the attack.\n",
			"Islamic State"},
		{"the only event comes after the claim",
			"Statement\n\nThe Islamic State claimed responsibility for the attack.\n\nOn Tuesday a car bomb killed six people at a checkpoint in Kabul, police said.\n",
			""},
		// Evidence offsets are characters, sentence spans bytes: the
		// accents and curly quotes before the claim put its byte offset
		// past the character offset where the later event ends, which
		// pinned the claim on it when the two were compared directly.
		{"the only event comes after the claim, accented text before",
			"Statement\n\n" + strings.Repeat("“Žofie Šťastná and Jiří Dvořák met in Třeboň,” said Zoë Ångström. ", 12) +
				"\n\nThe Islamic State claimed responsibility for the attack.\n\nOn Tuesday a car bomb killed six people at a checkpoint in Kabul, police said.\n",
			""},
		{"anaphor after the event, accented text before",
			"Bomb kills 12 in Kabul\n\n" + strings.Repeat("“Žofie Šťastná and Jiří Dvořák met in Třeboň,” said Zoë Ångström. ", 12) +
				"\n\nA suicide bomber killed 12 people at a market in Kabul on Monday, police said.\n\nThe Islamic State claimed responsibility for the attack.\n",
			"Islamic State"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Extract(article.Article{Title: strings.SplitN(tt.text, "\n", 2)[0], Text: tt.text}, Options{})
			var got []string
			for _, ev := range res.Events {
				for _, p := range ev.Perpetrators {
					got = append(got, p.Name)
				}
			}
			if tt.want == "" {
				if len(res.Events) == 0 {
					t.Fatal("no events: the case must hold an event the claim could be wrongly pinned on")
				}
				for _, ev := range res.Events {
					for _, c := range ev.Claims {
						if c.Kind == "claims_responsibility" {
							t.Errorf("claim %+v pinned on an event the text did not tell", c)
						}
					}
				}
				return
			}
			if !slices.Contains(got, tt.want) {
				t.Errorf("perpetrators = %v, want %s", got, tt.want)
			}
		})
	}
}
