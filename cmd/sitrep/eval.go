package main

import (
	"fmt"
	"os"
)

func cmdEval(args []string) int {
	fmt.Fprintln(os.Stderr, "sitrep eval: not yet")
	return 2
}
