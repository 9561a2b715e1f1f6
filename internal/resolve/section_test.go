package resolve

import (
	"strings"
	"testing"
)

func TestContaining(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, want string }{
		{"Jamaica Plain, Massachusetts", "Boston"},
		{"West Garfield Park, Illinois", "Chicago"},
		{"East New York, New York", "Brooklyn"}, // its county's seat, though Queens' point is nearer
		{"Long Island City, New York", "Queens"},
		{"Boston", ""}, // a town, not a section
		// GeoNames has these quarters as towns (PPL); their counties are
		// boroughs (data/boroughs.tsv).
		{"Bushwick, New York", "Brooklyn"},
		{"Coney Island, New York", "Brooklyn"},
		{"Fordham, New York", "The Bronx"},
		{"Far Rockaway, New York", ""}, // Queens is addressed by its quarters (quarters=no)
		{"Brooklyn, New York", ""},     // the borough itself
		{"New York City", ""},          // bigger than any borough
		{"Yonkers, New York", ""},      // next to the Bronx, in another county
		{"Evanston, Illinois", ""},     // its county's seat is Chicago, but Cook County is no borough
		{"Texas", ""},
	} {
		res := g.NewResolver(Context{}).Resolve(c.name)
		if res.Best == nil {
			t.Fatalf("%q: unresolved", c.name)
		}
		p, ok := g.Containing(*res.Best)
		if got := map[bool]string{true: p.Name}[ok]; got != c.want {
			t.Errorf("Containing(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestBoroughs checks data/boroughs.tsv: each county has a seat.
func TestBoroughs(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for k := range boroughCounties() {
		cc, rest, _ := strings.Cut(k, ".")
		if _, ok := g.countySeats(cc)[rest]; !ok {
			t.Errorf("boroughs.tsv: %s has no county seat in the gazetteer", k)
		}
	}
}

// TestBoroughsOf: New York City's five boroughs; none for other towns.
func TestBoroughsOf(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		want int
	}{{"New York City", 5}, {"Brooklyn, New York", 0}, {"Chicago", 0}, {"Yonkers, New York", 0}} {
		res := g.NewResolver(Context{}).Resolve(c.name)
		if res.Best == nil {
			t.Fatalf("%q: unresolved", c.name)
		}
		if got := g.Boroughs(*res.Best); len(got) != c.want {
			t.Errorf("Boroughs(%q) = %d places, want %d", c.name, len(got), c.want)
		}
	}
}

// BenchmarkBigTowns is the one-off read of the towns sections are held
// against, paid by the first Containing.
func BenchmarkBigTowns(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		g.bigMu.Lock()
		g.big = nil
		g.bigMu.Unlock()
		g.bigTowns("US")
	}
}

func TestCountySeat(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ county, state, want string }{
		{"Floyd County", "Georgia, United States", "Rome"},
		{"Harris County", "Texas", "Houston"},
		{"Kings County", "New York", "Brooklyn"},
		{"Troup County", "Georgia, United States", "LaGrange"}, // its seat is a plain town in GeoNames: the largest town stands in
		{"Floyd County", "Arizona", ""},                        // no such county there
	} {
		st := g.NewResolver(Context{}).Resolve(c.state).Best
		if st == nil {
			t.Fatalf("%q: unresolved", c.state)
		}
		p, ok := g.CountySeat(c.county, *st)
		if got := map[bool]string{true: p.Name}[ok]; got != c.want {
			t.Errorf("CountySeat(%q, %q) = %q, want %q", c.county, c.state, got, c.want)
		}
		if ok && p.Precision != "admin2" {
			t.Errorf("CountySeat(%q, %q): precision %q, want admin2", c.county, c.state, p.Precision)
		}
	}
}
