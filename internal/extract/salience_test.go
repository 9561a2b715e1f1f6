package extract

import "testing"

// The first violent event leads when the text's most salient event is not
// violent; the others keep their order, and their reasons follow them.
func TestPromoteViolentEvent(t *testing.T) {
	ev := func(typ, sub string) Event { return Event{Type: typ, Subtype: sub} }
	arrest := ev(StrategicDevelopments, "arrests")
	protest := ev(Protests, "peaceful_protest")
	shooting := ev(ViolenceAgainstCivilians, "attack")
	clash := ev(Battles, "armed_clash")
	tests := []struct {
		name string
		in   []Event
		want []string
	}{
		{"arrest told first", []Event{arrest, protest, shooting, clash}, []string{"attack", "arrests", "peaceful_protest", "armed_clash"}},
		{"violent already first", []Event{clash, arrest, shooting}, []string{"armed_clash", "arrests", "attack"}},
		{"nothing violent", []Event{arrest, protest}, []string{"arrests", "peaceful_protest"}},
		{"one event", []Event{arrest}, []string{"arrests"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := append([]Event(nil), tt.in...)
			why := make([][]Reason, len(evs))
			for i, e := range evs {
				why[i] = []Reason{{Value: e.Subtype}}
			}
			promoteViolentEvent(evs, why)
			for i, e := range evs {
				if e.Subtype != tt.want[i] || why[i][0].Value != tt.want[i] {
					t.Fatalf("order = %v (reasons %v), want %v", subtypes(evs), why, tt.want)
				}
			}
		})
	}
}

func subtypes(evs []Event) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Subtype)
	}
	return out
}
