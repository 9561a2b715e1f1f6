package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"sitrep/internal/resolve"
)

// cmdActors lists the actor catalog or shows how names resolve, with the
// alias or rule that decided, so that a coder can check a spelling before
// adding it and trace a wrong actor to the catalog line behind it.
func (e env) cmdActors(args []string) int {
	fs := flag.NewFlagSet("actors", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var files multiFlag
	fs.Var(&files, "actors", "extra actor catalog `FILE` (YAML, as codebook/actors.yaml) merged over the built-in one; repeatable")
	country := fs.String("country", "", "ISO code of the event's country: decides \"police\", \"the army\", \"civilians\"; with no NAME, list only this country's actors")
	role := fs.String("role", "", "perpetrator, target or victim: decides a bare nationality (\"Americans\")")
	kind := fs.String("kind", "", "with no NAME, list only actors of this kind ("+strings.Join(resolve.ActorKinds, ", ")+")")
	asJSON := fs.Bool("json", false, "print JSON")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: sitrep actors [--actors FILE]... [--country CC] [--role ROLE] [--kind KIND] [--json] [NAME...]`)
		fs.PrintDefaults()
	}
	names, err := parseFlags(fs, args)
	if err != nil {
		return 2
	}
	cat, err := loadActorCatalog(files)
	if err != nil {
		fmt.Fprintln(e.stderr, "sitrep actors:", err)
		return 1
	}
	if len(names) == 0 {
		return e.listActors(cat, strings.ToUpper(*country), *kind, *asJSON)
	}
	ctx := resolve.ActorContext{Country: *country, Role: *role}
	var matches []resolve.ActorMatch
	code := 0
	for _, n := range names {
		m := cat.Resolve(n, ctx)
		if !m.Resolved {
			code = 1 // as `sitrep geocode`: scripts can tell a miss
		}
		matches = append(matches, m)
	}
	if *asJSON {
		var v any = matches
		if len(matches) == 1 {
			v = matches[0]
		}
		if err := writeJSON(e, v); err != nil {
			return 1
		}
		return code
	}
	for i, m := range matches {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		printActorMatch(e, m)
	}
	return code
}

func loadActorCatalog(files []string) (*resolve.ActorCatalog, error) {
	if len(files) == 0 {
		return resolve.DefaultActors()
	}
	var srcs []resolve.ActorSource
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		srcs = append(srcs, resolve.ActorSource{Name: f, Data: b})
	}
	return resolve.LoadActorsWith(srcs...)
}

func writeJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		fmt.Fprintln(e.stderr, "sitrep actors:", err)
		return err
	}
	return nil
}

func printActorMatch(e env, m resolve.ActorMatch) {
	fmt.Fprintln(e.stdout, m.Query)
	if !m.Resolved {
		fmt.Fprintf(e.stdout, "→ unresolved, kept as %q\n", m.Name)
		return
	}
	where := m.Country
	if where == "" {
		where = "transnational"
	}
	fmt.Fprintf(e.stdout, "→ %s (%s, %s)\n", m.Name, m.Kind, where)
	if len(m.Parents) > 0 {
		fmt.Fprintf(e.stdout, "  parents: %s\n", strings.Join(m.Parents, " → "))
	}
	fmt.Fprintf(e.stdout, "  rule: %s, matched %q\n", m.Rule, m.Matched)
	if m.Role != "" {
		fmt.Fprintf(e.stdout, "  role: %s\n", m.Role)
	}
	if m.Count != 0 {
		fmt.Fprintf(e.stdout, "  count: %d\n", m.Count)
	}
}

// actorRow is one catalog line of `sitrep actors --json`.
type actorRow struct {
	*resolve.Actor
	AliasCount int `json:"alias_count"`
}

func (e env) listActors(cat *resolve.ActorCatalog, country, kind string, asJSON bool) int {
	if kind != "" {
		ok := false
		for _, k := range resolve.ActorKinds {
			ok = ok || k == kind
		}
		if !ok {
			fmt.Fprintf(e.stderr, "sitrep actors: unknown kind %q (want one of %s)\n", kind, strings.Join(resolve.ActorKinds, ", "))
			return 2
		}
	}
	var rows []actorRow
	for _, a := range cat.Actors() {
		if (country != "" && a.Country != country) || (kind != "" && a.Kind != kind) {
			continue
		}
		rows = append(rows, actorRow{a, len(a.Aliases) + len(a.Exact)})
	}
	if asJSON {
		if rows == nil {
			rows = []actorRow{}
		}
		if writeJSON(e, rows) != nil {
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "name\tkind\tcountry\tparent\taliases")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", r.Name, r.Kind, dash(r.Country), dash(r.Parent), r.AliasCount)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "%d of %d actors, %d alias keys in the catalog, loaded in %v\n",
		len(rows), len(cat.Actors()), cat.AliasCount(), cat.LoadTime().Round(100_000))
	for _, o := range cat.Overridden() {
		fmt.Fprintf(e.stdout, "override: %s\n", o)
	}
	return 0
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
