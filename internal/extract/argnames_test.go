package extract

import "testing"

func TestWithoutCount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"two vehicles", "vehicles"},
		{"a large gas station", "gas station"},
		{"12 buses", "buses"},
		{"several stores", "stores"},
		{"police station", "police station"},
		{"two", "two"}, // nothing but a count: kept whole
		{"\"el faro\" hotel", "\"el faro\" hotel"},
	}
	for _, tt := range tests {
		if got := WithoutCount(tt.in); got != tt.want {
			t.Errorf("WithoutCount(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFullNames(t *testing.T) {
	tests := []struct {
		text, victim, want string
	}{
		{"the trade union leader marcos ibarra tovar was abducted on monday. ibarra tovar was freed today.", "ibarra tovar", "marcos ibarra tovar"},
		{"the guatemalan hilda moran was killed. moran worked at a clinic.", "moran", "hilda moran"},
		{"gunmen killed the mayor on tuesday. police said torres was shot twice.", "torres", "torres"},
		{"they shot judge ana prieto. prieto died.", "prieto", "ana prieto"},
	}
	for _, tt := range tests {
		evs := []Event{{Victims: []Participant{{Name: tt.victim, Kind: "person"}}}}
		fullNames(tt.text, evs)
		if got := evs[0].Victims[0].Name; got != tt.want {
			t.Errorf("fullNames(%q): %q, want %q", tt.text, got, tt.want)
		}
	}
}
