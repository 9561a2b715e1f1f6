package extract

import (
	"strings"
	"testing"
)

func TestStoryGroups(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool // the FMLN is a perpetrator of the event told with "blew up"
	}{
		{"generic fighters, one group in the article",
			"Rebels blew up a bridge near Velmora on Monday, cutting the road to the coast.\n\nThe Farabundo Marti National Liberation Front announced a new campaign against the economy last week.", true},
		{"two groups: whose fighters is not told",
			"Rebels blew up a bridge near Velmora on Monday, cutting the road to the coast.\n\nThe Farabundo Marti National Liberation Front and the Shining Path announced new campaigns last week.", false},
		{"the fighters are no generic noun",
			"Soldiers blew up a bridge near Velmora on Monday, cutting the road to the coast.\n\nThe Farabundo Marti National Liberation Front announced a new campaign against the economy last week.", false},
		{"the group is the side attacked",
			"Rebels blew up a bridge near Velmora on Monday, cutting the road to the coast.\n\nThe army said it would step up its offensive against the FMLN in the east.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := eventToldWith(t, "Bridge destroyed near Velmora", tt.text, "blew up")
			got := false
			for _, p := range ev.Perpetrators {
				if p.Actor != nil && strings.Contains(*p.Actor, "Farabundo") {
					got = true
				}
			}
			if got != tt.want {
				t.Errorf("FMLN a perpetrator = %v, want %v: %+v", got, tt.want, ev.Perpetrators)
			}
		})
	}
}
