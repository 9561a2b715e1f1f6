package resolve

import "testing"

// TestCountyTown: a county name several states share is settled by a
// town in one state's county of that name the article names, and a
// qualifier is a state when a state has it as its own name.
func TestCountyTown(t *testing.T) {
	g := gaz(t)
	cases := []struct {
		name, text string
		want       string // admin1 code of the best place, "" for none
	}{
		{"Henderson County", "A Hendersonville woman was treated for a cut hand on Sunday. Henderson County deputies closed the road.", "NC"},
		{"DeKalb County", "A man from Decatur was stopped on Tuesday. DeKalb County officers found a rifle in the trunk.", "GA"},
		{"Floyd County", "A Rome teenager was hurt at a cookout on Saturday. Floyd County police spoke to neighbours.", "GA"},
		// A town named like the county proves nothing: every state's
		// DeKalb County may hold a DeKalb.
		{"DeKalb County", "The DeKalb fire crew came at noon. DeKalb County officers found a rifle in the trunk.", "IL"},
		// Riverside, Missouri was once called Illinois; the qualifier is
		// the state, and the gazetteer has no Manchester there.
		{"Manchester, Illinois", "Troopers wrote a report on Friday.", ""},
		{"Springfield, Illinois", "Troopers wrote a report on Friday.", "IL"},
	}
	for _, c := range cases {
		res := g.NewResolver(Context{Text: c.text}).Resolve(c.name)
		got := ""
		if res.Best != nil {
			got = res.Best.Admin1Code
		}
		if got != c.want {
			t.Errorf("%q in %q: admin1 %q, want %q (%s)", c.name, c.text, got, c.want, res.Note)
		}
	}
}

// TestFederalIsNoPlace: "Federal" alone is the adjective of "Federal
// agents", not Brazil's Federal District (which carries it as a name).
func TestFederalIsNoPlace(t *testing.T) {
	res := gaz(t).NewResolver(Context{Text: "Federal agents searched a warehouse on Pine Street in the early hours of Monday."}).Resolve("Federal")
	if res.Best != nil {
		t.Errorf("Federal: got %s, %s; want no place", res.Best.Name, res.Best.Country)
	}
}
