package main

import (
	"testing"

	"sitrep/internal/resolve"
)

// TestGVASamePlace: the archive's shortened name of a gazetteer place
// ("New York" for New York City) is the same place; a name the gazetteer
// carries only as a distant town's alternate, or a different place, is not.
func TestGVASamePlace(t *testing.T) {
	g, err := resolve.Default()
	if err != nil {
		t.Fatal(err)
	}
	ny := g.PlacesKnownAs("New York", "US", "New York")
	if len(ny) != 1 || ny[0].Own {
		t.Fatalf("PlacesKnownAs(New York, NY) = %+v, want one place, by an alternate name", ny)
	}
	nyc := gvaSamePlace("New York City", ny[0].Lat, ny[0].Lon)
	if !nyc("New York", "New York") {
		t.Error("New York City is not the archive's New York")
	}
	if nyc("New York", "New Jersey") || nyc("Brooklyn", "New York") || nyc("", "New York") {
		t.Error("New York City matched another state or another place")
	}
	if gvaSamePlace("Yonkers", ny[0].Lat+1, ny[0].Lon)("New York", "New York") {
		t.Error("a place whose name does not begin with the archive's matched")
	}
	if gvaSamePlace("New York City", ny[0].Lat+1, ny[0].Lon)("New York", "New York") {
		t.Error("a place elsewhere matched")
	}
}
