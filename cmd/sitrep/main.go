// Command sitrep turns news into a structured, sourced database of
// political-violence events. See README.md.
package main

import (
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) == 0 {
		usage()
		return 2
	}
	switch args[0] {
	case "read":
		return cmdRead(args[1:])
	case "eval":
		return cmdEval(args[1:])
	case "help", "-h", "--help":
		usage()
		return 0
	}
	fmt.Fprintf(os.Stderr, "sitrep: unknown command %q\n", args[0])
	usage()
	return 2
}

func usage() {
	fmt.Fprint(os.Stderr, `usage: sitrep COMMAND [flags] ...

commands:
  read  INPUT...        read pages (HTML, text, "-" for stdin, directories) into clean articles
  eval  read --data DIR score the reader on an evaluation set
`)
}
