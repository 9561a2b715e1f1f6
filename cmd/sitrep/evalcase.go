package main

import "fmt"

// cmdEvalCase2021 scores event typing on case2021 (owned by the event-typing work).
func (e env) cmdEvalCase2021(args []string) int {
	fmt.Fprintln(e.stderr, "sitrep eval case2021: not yet")
	return 2
}
