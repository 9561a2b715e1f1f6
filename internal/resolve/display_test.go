package resolve

import "testing"

// TestDisplayNames: every row of data/display.tsv names a place the
// gazetteer has, and a place resolved there is reported by news's name.
func TestDisplayNames(t *testing.T) {
	g := gaz(t)
	err := tsvRows("display.tsv", displayTSV, 2, func(_ int, f []string) error {
		if _, ok := g.target(f[0]); !ok {
			t.Errorf("display.tsv: %q is not in the gazetteer", f[0])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b := g.NewResolver(Context{}).Resolve("Lexington, Kentucky").Best
	if b == nil || b.Name != "Lexington" || b.Admin1 != "Kentucky" {
		t.Errorf("Lexington, Kentucky: got %v, want Lexington (GeoNames: Lexington-Fayette)", b)
	}
}
