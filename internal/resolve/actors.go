package resolve

// Actors: the second half of this package. Places answer "where"; actors
// answer "who", so that an analyst filtering on the Islamic State's
// Khorasan branch finds the events whose articles said "ISIS-K", "IS-KP"
// or "the Khorasan province" alike. The catalog is data (codebook/actors.yaml
// over the generated codebook/actors_states.yaml, plus any file a user
// adds), read once into maps so that resolving a name is a few lookups.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"sitrep/codebook"
	"sitrep/internal/resolve/norm"
)

// Actor kinds. They follow what an actor does in the events it is coded
// for (see the header of codebook/actors.yaml), not legal designations.
const (
	ActorState                     = "state"
	ActorStateForce                = "state_force"
	ActorRebelGroup                = "rebel_group"
	ActorTerroristGroup            = "terrorist_group"
	ActorMilitia                   = "militia"
	ActorPMC                       = "pmc"
	ActorPoliticalParty            = "political_party"
	ActorCivilians                 = "civilians"
	ActorInternationalOrganisation = "international_organisation"
)

// ActorKinds lists the valid kinds, in the order the catalog documents them.
var ActorKinds = []string{ActorState, ActorStateForce, ActorRebelGroup, ActorTerroristGroup,
	ActorMilitia, ActorPMC, ActorPoliticalParty, ActorCivilians, ActorInternationalOrganisation}

// Actor is one canonical actor of the catalog.
type Actor struct {
	Name    string   `json:"name"`
	Kind    string   `json:"kind"`
	Country string   `json:"country"` // ISO 3166-1 alpha-2; "" for transnational actors
	Parent  string   `json:"parent,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	// Exact are aliases that match only as written, letter case included:
	// "IS" is the Islamic State but "is" is a verb.
	Exact []string `json:"exact,omitempty"`
	Note  string   `json:"note,omitempty"`
	// from is the file that last set the actor's fields, for errors found
	// only once every file is read.
	from string
}

// ActorSource is one catalog file: its name (for error messages) and text.
type ActorSource struct {
	Name string
	Data []byte
}

// rawActor is an actor as a file writes it. Pointers tell "not given"
// from "given empty", so that a later file can add aliases to an actor
// without restating its kind, and can still set country to "".
type rawActor struct {
	Name    string   `yaml:"name"`
	Kind    *string  `yaml:"kind"`
	Country *string  `yaml:"country"`
	Parent  *string  `yaml:"parent"`
	Aliases []string `yaml:"aliases"`
	Exact   []string `yaml:"exact"`
	Note    *string  `yaml:"note"`
}

// aliasHit is what an alias key leads to.
type aliasHit struct {
	a     *Actor
	alias string // the alias as the catalog writes it
	src   int    // index of the source file that defined it
}

// forceSet holds a country's state actors, for the demonym rules.
type forceSet struct {
	gov, mil, police, civ *Actor
}

// ActorCatalog is a loaded actor catalog. It is immutable after loading
// and safe for concurrent use.
type ActorCatalog struct {
	actors []*Actor
	byName map[string]*Actor
	// exact maps normalised alias keys (ActorKey) to actors.
	exact map[string]aliasHit
	// loose maps looseKey(alias) to actors, for spellings that differ
	// only in spaces, hyphens and articles ("Alshabaab", "ISISK"); a
	// loose key two actors share is ambiguous and maps to nil.
	loose map[string]*aliasHit
	// cased maps exact-case aliases, as written, to actors.
	cased map[string]aliasHit
	// states maps an ISO code to the country's government, military,
	// police and civilians.
	states map[string]*forceSet
	// demonym maps a demonym key ("afghan", "south korean") to its code.
	demonym map[string]string
	// overridden lists aliases a later file moved to another actor
	// ("Brussels: Government of Belgium → European Union"), so that a
	// user file's effect on the built-in catalog can be checked.
	overridden []string
	loadTime   time.Duration
	srcName    string // the file being read
}

var (
	actorsOnce sync.Once
	actorsCat  *ActorCatalog
	actorsErr  error
)

// builtinActorSources are the embedded catalog files, generated first so
// that the hand-written file is merged over it.
func builtinActorSources() []ActorSource {
	return []ActorSource{
		{"codebook/actors_states.yaml", codebook.ActorStates},
		{"codebook/actors.yaml", codebook.Actors},
	}
}

// DefaultActors returns the embedded catalog, loading it on first use
// (a few milliseconds; see LoadTime) so that commands that never resolve
// actors never pay for it.
func DefaultActors() (*ActorCatalog, error) {
	actorsOnce.Do(func() {
		actorsCat, actorsErr = LoadActorCatalog(builtinActorSources()...)
	})
	return actorsCat, actorsErr
}

// LoadActorsWith returns the embedded catalog with extra files merged
// over it, in order (`sitrep actors --actors FILE`).
func LoadActorsWith(extra ...ActorSource) (*ActorCatalog, error) {
	return LoadActorCatalog(append(builtinActorSources(), extra...)...)
}

// ResolveActor resolves name with the embedded catalog. It never fails:
// if the catalog could not load (a broken build), every name comes back
// unresolved, and DefaultActors reports the error.
func ResolveActor(name string, ctx ActorContext) ActorMatch {
	c, err := DefaultActors()
	if err != nil {
		return unresolved(name)
	}
	return c.Resolve(name, ctx)
}

// LoadActorCatalog reads catalog files in order. An entry naming an actor
// already defined merges into it: aliases are added and the fields it
// gives override. The same alias on two actors is an error within one
// file; a later file's alias wins over an earlier file's (recorded in
// Overridden), which is how a user file corrects the built-in catalog.
func LoadActorCatalog(srcs ...ActorSource) (*ActorCatalog, error) {
	start := time.Now()
	c := &ActorCatalog{
		byName:  map[string]*Actor{},
		exact:   map[string]aliasHit{},
		loose:   map[string]*aliasHit{},
		cased:   map[string]aliasHit{},
		states:  map[string]*forceSet{},
		demonym: map[string]string{},
	}
	for si, src := range srcs {
		c.srcName = src.Name
		if err := c.readSource(si, src); err != nil {
			return nil, err
		}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	if err := tsvRows("demonyms.tsv", demonymsTSV, 2, func(_ int, f []string) error {
		c.demonym[norm.Key(f[0])] = f[1]
		return nil
	}); err != nil {
		return nil, err
	}
	c.loadTime = time.Since(start)
	return c, nil
}

func (c *ActorCatalog) readSource(si int, src ActorSource) error {
	dec := yaml.NewDecoder(bytes.NewReader(src.Data))
	dec.KnownFields(true)
	var raws []rawActor
	if err := dec.Decode(&raws); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", src.Name, err)
	}
	for _, r := range raws {
		if err := c.add(si, r); err != nil {
			return fmt.Errorf("%s: %s: %w", src.Name, r.Name, err)
		}
	}
	return nil
}

func (c *ActorCatalog) add(si int, r rawActor) error {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" {
		return errors.New("actor without a name")
	}
	a := c.byName[r.Name]
	if a == nil {
		if r.Kind == nil {
			return errors.New("new actor without a kind (or a misspelt name of an existing one)")
		}
		a = &Actor{Name: r.Name}
		c.byName[r.Name] = a
		c.actors = append(c.actors, a)
		if err := c.addAlias(si, a, r.Name); err != nil {
			return err
		}
	}
	if r.Kind != nil || r.Country != nil || r.Parent != nil {
		a.from = c.srcName
	}
	if r.Kind != nil {
		a.Kind = *r.Kind
	}
	if r.Country != nil {
		a.Country = strings.ToUpper(strings.TrimSpace(*r.Country))
	}
	if r.Parent != nil {
		a.Parent = strings.TrimSpace(*r.Parent)
	}
	if r.Note != nil {
		a.Note = *r.Note
	}
	for _, al := range r.Aliases {
		al = strings.TrimSpace(al)
		if al == "" {
			continue
		}
		if err := c.addAlias(si, a, al); err != nil {
			return err
		}
		if !contains(a.Aliases, al) {
			a.Aliases = append(a.Aliases, al)
		}
	}
	for _, al := range r.Exact {
		al = strings.TrimSpace(al)
		if al == "" {
			continue
		}
		if h, ok := c.cased[al]; ok && h.a != a && h.src == si {
			return fmt.Errorf("exact alias %q is also %q's", al, h.a.Name)
		} else if ok && h.a != a {
			c.overridden = append(c.overridden, fmt.Sprintf("%s: %s → %s", al, h.a.Name, a.Name))
		}
		c.cased[al] = aliasHit{a, al, si}
		if !contains(a.Exact, al) {
			a.Exact = append(a.Exact, al)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// addAlias indexes one alias under its exact and loose keys.
func (c *ActorCatalog) addAlias(si int, a *Actor, alias string) error {
	k := ActorKey(alias)
	if k == "" {
		return fmt.Errorf("alias %q has no letters or digits", alias)
	}
	if h, ok := c.exact[k]; ok && h.a != a {
		if h.src == si {
			return fmt.Errorf("alias %q is also %q's (as %q)", alias, h.a.Name, h.alias)
		}
		c.overridden = append(c.overridden, fmt.Sprintf("%s: %s → %s", alias, h.a.Name, a.Name))
	}
	if h, ok := c.exact[k]; !ok || h.a != a {
		c.exact[k] = aliasHit{a, alias, si} // the first spelling of an actor's alias is the one reported
	}
	lk := looseKey(k)
	if lk == "" {
		return nil
	}
	switch h, ok := c.loose[lk]; {
	case !ok:
		c.loose[lk] = &aliasHit{a, alias, si}
	case h != nil && h.a != a:
		if h.src == si {
			c.loose[lk] = nil // two actors, one loose spelling: ambiguous
		} else {
			c.loose[lk] = &aliasHit{a, alias, si}
		}
	}
	return nil
}

// check validates kinds, countries and parents once every file is read,
// so a user file may name a parent the same file defines further down.
func (c *ActorCatalog) check() error {
	kinds := map[string]bool{}
	for _, k := range ActorKinds {
		kinds[k] = true
	}
	for _, a := range c.actors {
		if !kinds[a.Kind] {
			return fmt.Errorf("%s: actor %q: unknown kind %q (want one of %s)", a.from, a.Name, a.Kind, strings.Join(ActorKinds, ", "))
		}
		if a.Country != "" && !validCC(a.Country) {
			return fmt.Errorf("%s: actor %q: country %q is not an ISO 3166-1 alpha-2 code", a.from, a.Name, a.Country)
		}
		if a.Parent != "" {
			if c.byName[a.Parent] == nil {
				return fmt.Errorf("%s: actor %q: unknown parent %q", a.from, a.Name, a.Parent)
			}
			seen := map[string]bool{a.Name: true}
			for p := c.byName[a.Parent]; p != nil; p = c.byName[p.Parent] {
				if seen[p.Name] {
					return fmt.Errorf("%s: actor %q: parent chain loops at %q", a.from, a.Name, p.Name)
				}
				seen[p.Name] = true
			}
		}
	}
	// The generated names tell each country's state actors apart.
	for _, a := range c.actors {
		if a.Country == "" {
			continue
		}
		fs := c.states[a.Country]
		if fs == nil {
			fs = &forceSet{}
		}
		switch {
		case a.Kind == ActorState && strings.HasPrefix(a.Name, "Government of "):
			fs.gov = a
		case a.Kind == ActorStateForce && strings.HasPrefix(a.Name, "Military Forces of "):
			fs.mil = a
		case a.Kind == ActorStateForce && strings.HasPrefix(a.Name, "Police Forces of "):
			fs.police = a
		case a.Kind == ActorCivilians && strings.HasPrefix(a.Name, "Civilians ("):
			fs.civ = a
		default:
			continue
		}
		c.states[a.Country] = fs
	}
	return nil
}

func validCC(cc string) bool {
	return len(cc) == 2 && cc[0] >= 'A' && cc[0] <= 'Z' && cc[1] >= 'A' && cc[1] <= 'Z'
}

// Actors returns the catalog's actors sorted by name.
func (c *ActorCatalog) Actors() []*Actor {
	out := append([]*Actor(nil), c.actors...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Actor returns the actor with this canonical name, or nil.
func (c *ActorCatalog) Actor(name string) *Actor { return c.byName[name] }

// Parents returns the parent chain of the named actor, nearest first.
func (c *ActorCatalog) Parents(name string) []string {
	var out []string
	a := c.byName[name]
	for a != nil && a.Parent != "" && len(out) < 16 { // check() rules out loops; 16 is a guard
		out = append(out, a.Parent)
		a = c.byName[a.Parent]
	}
	return out
}

// AliasCount is the number of distinct alias keys the catalog indexes.
func (c *ActorCatalog) AliasCount() int { return len(c.exact) + len(c.cased) }

// LoadTime is how long loading the catalog took.
func (c *ActorCatalog) LoadTime() time.Duration { return c.loadTime }

// Overridden lists aliases a later file took from another actor.
func (c *ActorCatalog) Overridden() []string { return c.overridden }

// ActorKey is the normalised form names are looked up by: norm.Key's
// folding (case, accents, punctuation, Arabic "al-" spellings) after
// dropping possessive "'s", then without a leading "the". "The
// Kremlin's", "Kremlin" and "kremlin" share a key.
func ActorKey(s string) string {
	k := norm.Key(dropPossessive(s))
	for strings.HasPrefix(k, "the ") {
		k = k[len("the "):]
	}
	if k == "the" {
		return ""
	}
	return k
}

// dropPossessive removes "'s" (any apostrophe) at the end of words, which
// norm.Key would otherwise fold into the word ("Russia's" → "russias").
func dropPossessive(s string) string {
	if !strings.ContainsAny(s, "'’`") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if (r == '\'' || r == '’' || r == '`') && i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') &&
			(i+2 == len(rs) || !isWordRune(rs[i+2])) && i > 0 && isWordRune(rs[i-1]) {
			i++ // skip the apostrophe and the s
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f
}

// looseKey drops the article words "al" and "the" and all spaces from a
// key, so spellings that differ only there meet: "ISIS K" and "ISISK"
// ("isisk"), "Shabaab" and "al Shabaab" ("shabaab"). An article glued to
// the name ("Alshabaab") is tried by lookupLoose, which strips a leading
// "al" when the whole key misses.
func looseKey(k string) string {
	// One pass, one allocation: it runs for every prefix the pattern
	// rules try, so it is the miss path's main cost.
	b := make([]byte, 0, len(k))
	for i := 0; i < len(k); {
		j := strings.IndexByte(k[i:], ' ')
		if j < 0 {
			j = len(k) - i
		}
		w := k[i : i+j]
		if w != "al" && w != "the" {
			b = append(b, w...)
		}
		i += j + 1
	}
	return string(b)
}
