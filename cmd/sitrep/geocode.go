package main

import "fmt"

// cmdGeocode shows how a place name resolves (owned by the gazetteer work).
func (e env) cmdGeocode(args []string) int {
	fmt.Fprintln(e.stderr, "sitrep geocode: not yet")
	return 2
}
