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
