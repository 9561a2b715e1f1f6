// Command sitrep turns news into a structured, sourced database of
// political-violence events. See README.md.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command reads and writes; tests give their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one sitrep subcommand. Each command's file registers itself
// (see register), so adding a command never touches this file.
type command struct {
	name    string
	args    string // the usage line's arguments, e.g. "INPUT..."
	summary string // one line for `sitrep help`
	order   int    // position in `sitrep help`: the pipeline's order
	run     func(e env, args []string) int
}

var commands = map[string]command{}

// register adds a subcommand; it is called from init functions.
func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("sitrep: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// evalSets are the `sitrep eval` subcommands, one per evaluation set,
// registered like commands.
var evalSets = map[string]func(e env, args []string) int{}

func registerEval(name string, run func(e env, args []string) int) {
	if _, dup := evalSets[name]; dup {
		panic("sitrep: eval set registered twice: " + name)
	}
	evalSets[name] = run
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin, stdout, stderr}
	if len(args) == 0 {
		e.usage()
		return 2
	}
	switch args[0] {
	case "help", "-h", "--help":
		e.usage()
		return 0
	}
	if c, ok := commands[args[0]]; ok {
		return c.run(e, args[1:])
	}
	fmt.Fprintf(stderr, "sitrep: unknown command %q\n", args[0])
	e.usage()
	return 2
}

func (e env) usage() {
	cs := make([]command, 0, len(commands))
	for _, c := range commands {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].order != cs[j].order {
			return cs[i].order < cs[j].order
		}
		return cs[i].name < cs[j].name
	})
	var b strings.Builder
	b.WriteString("usage: sitrep COMMAND [flags] ...\n\ncommands:\n")
	for _, c := range cs {
		head := c.name
		if c.args != "" {
			head += " " + c.args
		}
		if len(head) > 20 {
			fmt.Fprintf(&b, "  %s\n  %-20s  %s\n", head, "", c.summary)
			continue
		}
		fmt.Fprintf(&b, "  %-20s  %s\n", head, c.summary)
	}
	fmt.Fprint(e.stderr, b.String())
}

func init() {
	register(command{name: "read", args: "INPUT...", order: 10, run: env.cmdRead,
		summary: `read pages (HTML, text, "-" for stdin, directories) into clean articles`})
	register(command{name: "extract", args: "INPUT...", order: 20, run: env.cmdExtract,
		summary: "find and code the political-violence events articles report"})
	register(command{name: "explain", args: "INPUT...", order: 21, run: env.cmdExplain,
		summary: "show which words and rules coded each event"})
	register(command{name: "times", args: "INPUT...", order: 22, run: env.cmdTimes,
		summary: "list time expressions with TIMEX3 type and normalised value"})
	register(command{name: "geocode", args: "TEXT", order: 30, run: env.cmdGeocode,
		summary: "show gazetteer candidates for a place name and the choice"})
	register(command{name: "actors", args: "[NAME...]", order: 31, run: env.cmdActors,
		summary: "list the actor catalog, or show how names resolve to canonical actors"})
	register(command{name: "ingest", args: "INPUT...", order: 40, run: env.cmdIngest,
		summary: "read, extract and store articles (default store ./sitrep.db)"})
	register(command{name: "export", order: 50, run: env.cmdExport,
		summary: "write stored incidents as jsonl, acled-csv, gtd-csv or geojson"})
	register(command{name: "eval", args: "SET --data DIR", order: 90, run: env.cmdEval,
		summary: "score a stage on an evaluation set (sitrep eval lists the sets)"})
}
