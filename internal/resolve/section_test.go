package resolve

import "testing"

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
		{"Floyd County", "Arizona", ""}, // no such county there
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
