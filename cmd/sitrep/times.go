package main

import "fmt"

// cmdTimes lists time expressions (owned by the time-expression work).
func (e env) cmdTimes(args []string) int {
	fmt.Fprintln(e.stderr, "sitrep times: not yet")
	return 2
}

// cmdEvalTimex scores time expressions on tempeval3.
func (e env) cmdEvalTimex(args []string) int {
	fmt.Fprintln(e.stderr, "sitrep eval timex: not yet")
	return 2
}
