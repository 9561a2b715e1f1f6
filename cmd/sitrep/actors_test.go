package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With names, each resolution shows the actor, its parent chain and the
// rule; an unresolved name is shown kept and makes the exit status 1.
func TestActorsResolveText(t *testing.T) {
	out, errs, code := runCLI(t, "", "actors", "ISIS-K", "Russian forces")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	for _, want := range []string{"→ ISIS-K (terrorist_group, AF)", "parents: Islamic State", "rule: alias",
		"→ Military Forces of Russia (state_force, RU)", "rule: demonym", "role: forces"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	out, _, code = runCLI(t, "", "actors", "Kessin Liberation Front")
	if code != 1 || !strings.Contains(out, `unresolved, kept as "Kessin Liberation Front"`) {
		t.Errorf("unknown name (exit %d):\n%s", code, out)
	}
}

// --json gives one object for one name, an array for several; --country
// decides a name with no nationality.
func TestActorsResolveJSON(t *testing.T) {
	out, errs, code := runCLI(t, "", "actors", "--json", "--country", "NG", "the police")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	var m struct {
		Name, Kind, Country, Rule string
		Resolved                  bool
		Parents                   []string
	}
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if m.Name != "Police Forces of Nigeria" || m.Kind != "state_force" || m.Rule != "context" || len(m.Parents) != 1 {
		t.Errorf("the police in Nigeria: %s", out)
	}
	out, _, code = runCLI(t, "", "actors", "--json", "Hizbullah", "Daesh", "nobody at all")
	var ms []struct {
		Name     string
		Resolved bool
	}
	if err := json.Unmarshal([]byte(out), &ms); err != nil || len(ms) != 3 {
		t.Fatalf("want an array of 3: %v\n%s", err, out)
	}
	if ms[0].Name != "Hezbollah" || ms[1].Name != "Islamic State" || ms[2].Resolved || ms[2].Name != "nobody at all" || code != 1 {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// With no name, the catalog is listed, filterable by country and kind.
func TestActorsList(t *testing.T) {
	out, errs, code := runCLI(t, "", "actors", "--country", "af")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	for _, want := range []string{"name", "alias", "ISIS-K", "terrorist_group", "Islamic State", "Government of Afghanistan", "Taliban", "actors"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Government of Russia") {
		t.Errorf("--country AF lists Russia:\n%s", out)
	}
	out, _, code = runCLI(t, "", "actors", "--json", "--kind", "pmc")
	var rows []struct {
		Name       string
		Kind       string
		AliasCount int `json:"alias_count"`
	}
	if err := json.Unmarshal([]byte(out), &rows); err != nil || code != 0 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	names := map[string]bool{}
	for _, r := range rows {
		names[r.Name] = true
		if r.Kind != "pmc" || r.AliasCount == 0 {
			t.Errorf("row %+v", r)
		}
	}
	if !names["Wagner Group"] || !names["Africa Corps"] {
		t.Errorf("pmc list: %v", names)
	}
	if _, _, code := runCLI(t, "", "actors", "--kind", "gang"); code != 2 {
		t.Errorf("unknown kind: exit %d, want 2", code)
	}
}

// --actors merges a user's file; a broken file is an error naming it.
func TestActorsUserFile(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(f, []byte("- name: Kessin Liberation Front\n  kind: rebel_group\n  country: NO\n  aliases: [KLF]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runCLI(t, "", "actors", "--actors", f, "KLF", "ISIS")
	if code != 0 || !strings.Contains(out, "→ Kessin Liberation Front (rebel_group, NO)") || !strings.Contains(out, "→ Islamic State") {
		t.Errorf("exit %d, stderr %s:\n%s", code, errs, out)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("- name: X\n  kind: gang\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs, code = runCLI(t, "", "actors", "--actors", bad, "X")
	if code != 1 || !strings.Contains(errs, "bad.yaml") || !strings.Contains(errs, "unknown kind") {
		t.Errorf("bad file: exit %d, stderr:\n%s", code, errs)
	}
	if _, _, code := runCLI(t, "", "actors", "--actors", filepath.Join(dir, "missing.yaml")); code != 1 {
		t.Errorf("missing file: exit %d", code)
	}
}
