package resolve

import "testing"

func TestCaselessName(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"kandahar", true},
		{"KANDAHAR", true},
		{"new york", true},
		{"chile", true},           // a common word, but the country's own name
		{"turkey", true},          // likewise
		{"central america", true}, // a region without a point: read whole
		{"mobile", false},         // the phones, in text without case
		{"reading", false},
		{"central", false},
		{"san", false},    // half a name
		{"puerto", false}, // likewise
		{"the meeting", false},
		{"island", false}, // Iceland's alias, not its name
		{"march", false},
		{"zzqx", false}, // unknown
	} {
		if got := g.CaselessName(tc.name); got != tc.want {
			t.Errorf("CaselessName(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestCaselessContext: in text without case the countries a story names
// still count as context, and common words do not.
func TestCaselessContext(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, name, wantCC string
	}{
		{"gunmen fired on a bus on a road in western honduras on friday. police in tegucigalpa said two passengers died, and honduras closed the road.", "santa rosa", "HN"},
		{"GUNMEN FIRED ON A BUS ON A ROAD IN WESTERN HONDURAS ON FRIDAY. POLICE IN TEGUCIGALPA SAID TWO PASSENGERS DIED, AND HONDURAS CLOSED THE ROAD.", "santa rosa", "HN"},
		{"gunmen fired on a bus on a road in western mexico on friday. police in guadalajara said two passengers died, and mexico closed the road.", "la paz", "MX"},
	} {
		res := g.NewResolver(Context{Text: tc.text}).Resolve(tc.name)
		if res.Best == nil || res.Best.Country != tc.wantCC {
			t.Errorf("%q in %q: got %+v, want %s", tc.name, tc.text, res.Best, tc.wantCC)
		}
	}
}
