package extract

import (
	"strings"
	"testing"
)

func TestPrecedingWeapons(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool // "machinegun" is a weapon of the event told with "killed"
	}{
		{"the scene set one sentence before",
			"Neighbours in Velmora heard long bursts of machinegun fire shortly after midnight. Gunmen killed two night watchmen at the gate of the grain depot.", true},
		{"another paragraph",
			"Neighbours in Velmora heard long bursts of machinegun fire shortly after midnight.\n\nGunmen killed two night watchmen at the gate of the grain depot.", false},
		{"two sentences before",
			"Neighbours in Velmora heard long bursts of machinegun fire shortly after midnight. The depot stores grain for the whole valley. Gunmen killed two night watchmen at the gate of the grain depot.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := eventToldWith(t, "Watchmen killed in Velmora", tt.text, "killed")
			got := false
			for _, w := range ev.Weapons {
				if strings.Contains(w, "machinegun") {
					got = true
				}
			}
			if got != tt.want {
				t.Errorf("machinegun a weapon = %v, want %v: %v", got, tt.want, ev.Weapons)
			}
		})
	}
}
