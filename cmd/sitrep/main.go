// Command sitrep turns news into a structured, sourced database of
// political-violence events. See README.md.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command reads and writes; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin, stdout, stderr}
	if len(args) == 0 {
		e.usage()
		return 2
	}
	switch args[0] {
	case "read":
		return e.cmdRead(args[1:])
	case "eval":
		return e.cmdEval(args[1:])
	case "extract":
		return e.cmdExtract(args[1:])
	case "explain":
		return e.cmdExplain(args[1:])
	case "ingest":
		return e.cmdIngest(args[1:])
	case "export":
		return e.cmdExport(args[1:])
	case "times":
		return e.cmdTimes(args[1:])
	case "geocode":
		return e.cmdGeocode(args[1:])
	case "actors":
		return e.cmdActors(args[1:])
	case "help", "-h", "--help":
		e.usage()
		return 0
	}
	fmt.Fprintf(stderr, "sitrep: unknown command %q\n", args[0])
	e.usage()
	return 2
}

func (e env) usage() {
	fmt.Fprint(e.stderr, `usage: sitrep COMMAND [flags] ...

commands:
  read  INPUT...        read pages (HTML, text, "-" for stdin, directories) into clean articles
  extract INPUT...      find and code the political-violence events articles report
  explain INPUT...      show which words and rules coded each event
  ingest INPUT...       read, extract and store articles (default store ./sitrep.db)
  export                write stored events as JSON Lines or CSV
  times INPUT...        list time expressions with TIMEX3 type and normalised value
  geocode TEXT          show gazetteer candidates for a place name and the choice
  actors [NAME...]      list the actor catalog, or show how names resolve to canonical actors
  eval  read|timex|case2021|gva --data DIR
                        score a stage on an evaluation set
`)
}
