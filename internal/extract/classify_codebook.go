package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"sitrep/codebook"
	"sitrep/internal/resolve"

	"go.yaml.in/yaml/v3"
)

// rawLabel is one sub-type or category as a codebook file writes it.
type rawLabel struct {
	Type       string   `yaml:"type"`
	AttackType *string  `yaml:"attack_type"`
	Priority   *int     `yaml:"priority"`
	Strong     []string `yaml:"strong"`
	Triggers   []string `yaml:"triggers"`
	Weak       []string `yaml:"weak"`
}

type rawRule struct {
	When    []string `yaml:"when"`
	Unless  []string `yaml:"unless"`
	Ordered bool     `yaml:"ordered"`
	// NotBetween: none of these may occur between the first two `when`
	// labels, so "the army ... militants captured" credits the militants.
	NotBetween []string           `yaml:"not_between"`
	Within     int                `yaml:"within"`
	Add        map[string]float64 `yaml:"add"`
	Suppress   []string           `yaml:"suppress"`
}

type rawClaim struct {
	Kind         string   `yaml:"kind"`
	By           string   `yaml:"by"`
	Against      string   `yaml:"against"`
	AgainstAfter []string `yaml:"against_after"`
	Cues         []string `yaml:"cues"`
}

// rawCodebook is the union of events.yaml and certainty.yaml: a user file
// may carry any of these sections, and merge adds it to what is loaded.
type rawCodebook struct {
	Negation struct {
		Window int      `yaml:"window"`
		Cues   []string `yaml:"cues"`
	} `yaml:"negation"`
	Sets       map[string][]string  `yaml:"sets"`
	Subtypes   map[string]*rawLabel `yaml:"subtypes"`
	Categories map[string]*rawLabel `yaml:"categories"`
	Senses     map[string][]string  `yaml:"senses"`
	Cues       map[string][]string  `yaml:"cues"`
	Rules      []rawRule            `yaml:"rules"`
	Exclusive  [][]string           `yaml:"exclusive"`
	Levels     map[string][]string  `yaml:"levels"`
	Generic    []string             `yaml:"generic"`
	// GenericAftermath are the verbs of what follows an incident
	// ("investigate", "search for"): a generic cue right before one bears
	// on it, not on the trigger after it (certainty.go, generic).
	GenericAftermath []string `yaml:"generic_aftermath"`
	Scope            struct {
		Window int      `yaml:"window"`
		Levels []string `yaml:"levels"`
	} `yaml:"scope"`
	Precedence  []string   `yaml:"precedence"`
	Claims      []rawClaim `yaml:"claims"`
	NPStop      []string   `yaml:"np_stop"`
	SkipBefore  []string   `yaml:"skip_before"`
	Determiners []string   `yaml:"determiners"`
	// NameKeeps are the cues that still count inside a known actor's name
	// (the actor cues: "army" in "Sudan People's Liberation Army"); every
	// other cue and every trigger inside a name is a word of the name.
	NameKeeps []string `yaml:"name_keeps"`
}

func parseRaw(r io.Reader, name string) (*rawCodebook, error) {
	var cb rawCodebook
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true) // a misspelt section in a user's file is an error, not silence
	if err := dec.Decode(&cb); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("codebook %s: %w", name, err)
	}
	return &cb, nil
}

// merge adds o to cb: lists are appended, maps merged, scalars overridden
// when o sets them.
func (cb *rawCodebook) merge(o *rawCodebook) {
	if o.Negation.Window > 0 {
		cb.Negation.Window = o.Negation.Window
	}
	cb.Negation.Cues = append(cb.Negation.Cues, o.Negation.Cues...)
	cb.Sets = mergeLists(cb.Sets, o.Sets)
	cb.Senses = mergeLists(cb.Senses, o.Senses)
	cb.Cues = mergeLists(cb.Cues, o.Cues)
	cb.Levels = mergeLists(cb.Levels, o.Levels)
	if o.Scope.Window > 0 {
		cb.Scope.Window = o.Scope.Window
	}
	cb.Scope.Levels = append(cb.Scope.Levels, o.Scope.Levels...)
	cb.Generic = append(cb.Generic, o.Generic...)
	cb.GenericAftermath = append(cb.GenericAftermath, o.GenericAftermath...)
	cb.Subtypes = mergeLabels(cb.Subtypes, o.Subtypes)
	cb.Categories = mergeLabels(cb.Categories, o.Categories)
	cb.Rules = append(cb.Rules, o.Rules...)
	cb.Exclusive = append(cb.Exclusive, o.Exclusive...)
	if len(o.Precedence) > 0 {
		cb.Precedence = o.Precedence
	}
	cb.Claims = append(cb.Claims, o.Claims...)
	cb.NPStop = append(cb.NPStop, o.NPStop...)
	cb.SkipBefore = append(cb.SkipBefore, o.SkipBefore...)
	cb.Determiners = append(cb.Determiners, o.Determiners...)
	cb.NameKeeps = append(cb.NameKeeps, o.NameKeeps...)
}

func mergeLists(a, b map[string][]string) map[string][]string {
	if a == nil {
		a = make(map[string][]string)
	}
	for k, v := range b {
		a[k] = append(a[k], v...)
	}
	return a
}

func mergeLabels(a, b map[string]*rawLabel) map[string]*rawLabel {
	if a == nil {
		a = make(map[string]*rawLabel)
	}
	for k, v := range b {
		if v == nil {
			continue
		}
		old := a[k]
		if old == nil {
			c := *v
			a[k] = &c
			continue
		}
		if v.Type != "" {
			old.Type = v.Type
		}
		if v.AttackType != nil {
			old.AttackType = v.AttackType
		}
		if v.Priority != nil {
			old.Priority = v.Priority
		}
		old.Strong = append(old.Strong, v.Strong...)
		old.Triggers = append(old.Triggers, v.Triggers...)
		old.Weak = append(old.Weak, v.Weak...)
	}
	return a
}

// Phrase weights by list: a strong phrase alone decides a sentence, a weak
// one only tips a balance.
const (
	weightStrong  = 3
	weightTrigger = 1.5
	weightWeak    = 0.5
)

type refKind uint8

const (
	kTrigger   refKind = iota // a sub-type's or category's phrase
	kSense                    // a non-violent (or re-labelled) sense
	kCue                      // a context cue used by rules
	kNeg                      // a negation cue
	kLevel                    // a certainty level cue
	kClaim                    // a claim/blame/denial cue
	kGeneric                  // a cue of a generic or habitual statement
	kAftermath                // a verb of an incident's aftermath a generic cue may govern
	kName                     // a known actor's name: a trigger wholly inside it is no event
)

type phraseRef struct {
	kind   refKind
	label  int // label index (trigger, sense, cue), level index or claim index
	weight float64
}

// labelKind says what a label is: only sub-types and categories are
// answers; cues and "none" only steer.
type labelKind uint8

const (
	lSubtype labelKind = iota
	lCategory
	lCue
	lNone
)

type labelInfo struct {
	name, typ, attack string
	priority          int
	kind              labelKind
}

type rule struct {
	when, unless []int
	notBetween   []int
	ordered      bool
	within       int
	add          map[int]float64
	suppress     []int
}

type claimRule struct {
	kind         string
	byBefore     bool
	againstAfter bool
	againstWords map[string]bool
}

// compiled is a codebook ready to match: one trie for every kind of phrase,
// so a sentence is tokenized and scanned once for triggers, senses, cues,
// negation, certainty and claims alike.
type compiled struct {
	m          matcher
	nameKeep   map[int]bool // cues that count inside a known actor's name (name_keeps)
	refs       []phraseRef
	labels     []labelInfo
	byName     map[string]int
	rules      []rule
	exclusive  map[int]int // label → rival group, for cues such as gov/nonstate
	negWindow  int
	levels     []string
	precedence []int // level indices, first wins
	// scoped[i]: a cue of level i counts only when an event trigger
	// follows it within scopeWindow words of the same clause ("could
	// attack", "will be bombed"), not when it governs another verb of
	// the sentence ("killed five, and police will investigate").
	scoped      []bool
	scopeWindow int
	claims      []claimRule
	npStop      map[string]bool
	skipBefore  map[string]bool
	determiner  map[string]bool
}

// maxExpansions bounds the word sequences one phrase may expand into, so a
// careless "@set @set @set" in a user file fails loudly instead of eating
// memory.
const maxExpansions = 20000

func (c *compiled) label(name string, kind labelKind) int {
	if i, ok := c.byName[name]; ok {
		return i
	}
	c.labels = append(c.labels, labelInfo{name: name, kind: kind})
	c.byName[name] = len(c.labels) - 1
	return len(c.labels) - 1
}

func (c *compiled) add(phrase string, sets map[string][]string, ref phraseRef) error {
	seqs, err := expand(phrase, sets, 0)
	if err != nil {
		return err
	}
	c.refs = append(c.refs, ref)
	id := int32(len(c.refs) - 1)
	for _, s := range seqs {
		if len(s) > 0 {
			c.m.insert(s, id)
		}
	}
	return nil
}

// expand turns a phrase into the word sequences it stands for.
func expand(phrase string, sets map[string][]string, depth int) ([][]string, error) {
	if depth > 4 {
		return nil, fmt.Errorf("phrase %q: sets nested too deep", phrase)
	}
	seqs := [][]string{nil}
	for _, f := range strings.Fields(strings.ToLower(phrase)) {
		var alts [][]string
		switch {
		case f == "*":
			alts = [][]string{{anyWord}}
		case f == "#":
			alts = [][]string{{anyNum}}
		case strings.HasPrefix(f, "@"):
			members, ok := sets[f[1:]]
			if !ok {
				return nil, fmt.Errorf("phrase %q: no set %q", phrase, f[1:])
			}
			for _, m := range members {
				s, err := expand(m, sets, depth+1)
				if err != nil {
					return nil, err
				}
				alts = append(alts, s...)
			}
		default:
			for _, a := range strings.Split(f, "|") {
				infl := strings.HasSuffix(a, "~")
				words := splitWords(strings.TrimSuffix(a, "~"))
				if len(words) == 0 {
					continue
				}
				if !infl {
					alts = append(alts, words)
					continue
				}
				head := words[:len(words)-1]
				for _, form := range inflect(words[len(words)-1]) {
					alts = append(alts, append(slices.Clone(head), form))
				}
			}
		}
		if len(alts) == 0 {
			return nil, fmt.Errorf("phrase %q: empty slot %q", phrase, f)
		}
		if len(seqs)*len(alts) > maxExpansions {
			return nil, fmt.Errorf("phrase %q expands to over %d word sequences", phrase, maxExpansions)
		}
		next := make([][]string, 0, len(seqs)*len(alts))
		for _, s := range seqs {
			for _, a := range alts {
				next = append(next, append(slices.Clone(s), a...))
			}
		}
		seqs = next
	}
	return seqs, nil
}

// splitWords splits as tokenize does, so "sit-in" and "women's" in a phrase
// meet the words the text is cut into.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func wordSet(lists ...[]string) map[string]bool {
	m := make(map[string]bool)
	for _, l := range lists {
		for _, w := range l {
			for _, x := range splitWords(strings.ToLower(w)) {
				m[x] = true
			}
		}
	}
	return m
}

func compile(raw *rawCodebook) (*compiled, error) {
	c := &compiled{byName: make(map[string]int), negWindow: raw.Negation.Window}
	if c.negWindow <= 0 {
		c.negWindow = 3
	}
	c.label("none", lNone)
	for _, group := range []struct {
		m    map[string]*rawLabel
		kind labelKind
	}{{raw.Subtypes, lSubtype}, {raw.Categories, lCategory}} {
		for _, name := range sortedKeys(group.m) {
			rl := group.m[name]
			if rl == nil {
				continue
			}
			i := c.label(name, group.kind)
			li := &c.labels[i]
			li.typ = rl.Type
			if li.typ == "" && group.kind == lSubtype {
				li.typ = Subtypes[name]
			}
			if rl.AttackType != nil {
				li.attack = *rl.AttackType
			}
			if rl.Priority != nil {
				li.priority = *rl.Priority
			}
			for _, l := range []struct {
				ps []string
				w  float64
			}{{rl.Strong, weightStrong}, {rl.Triggers, weightTrigger}, {rl.Weak, weightWeak}} {
				for _, p := range l.ps {
					if err := c.add(p, raw.Sets, phraseRef{kind: kTrigger, label: i, weight: l.w}); err != nil {
						return nil, fmt.Errorf("%s: %w", name, err)
					}
				}
			}
		}
	}
	for _, name := range sortedKeys(raw.Senses) {
		i, ok := c.byName[name]
		if !ok {
			return nil, fmt.Errorf("senses: unknown label %q", name)
		}
		for _, p := range raw.Senses[name] {
			if err := c.add(p, raw.Sets, phraseRef{kind: kSense, label: i, weight: weightStrong}); err != nil {
				return nil, fmt.Errorf("senses %s: %w", name, err)
			}
		}
	}
	for _, name := range sortedKeys(raw.Cues) {
		if i, ok := c.byName[name]; ok && c.labels[i].kind != lCue {
			return nil, fmt.Errorf("cue %q has the name of a label", name)
		}
		i := c.label(name, lCue)
		for _, p := range raw.Cues[name] {
			if err := c.add(p, raw.Sets, phraseRef{kind: kCue, label: i}); err != nil {
				return nil, fmt.Errorf("cue %s: %w", name, err)
			}
		}
	}
	c.addActorNames()
	c.nameKeep = make(map[int]bool)
	for _, n := range raw.NameKeeps {
		i, ok := c.byName[n]
		if !ok || c.labels[i].kind != lCue {
			return nil, fmt.Errorf("name_keeps: unknown cue %q", n)
		}
		c.nameKeep[i] = true
	}
	for _, p := range raw.Negation.Cues {
		if err := c.add(p, raw.Sets, phraseRef{kind: kNeg}); err != nil {
			return nil, fmt.Errorf("negation: %w", err)
		}
	}
	for _, p := range raw.Generic {
		if err := c.add(p, raw.Sets, phraseRef{kind: kGeneric}); err != nil {
			return nil, fmt.Errorf("generic: %w", err)
		}
	}
	for _, p := range raw.GenericAftermath {
		if err := c.add(p, raw.Sets, phraseRef{kind: kAftermath}); err != nil {
			return nil, fmt.Errorf("generic_aftermath: %w", err)
		}
	}
	names := func(where string, ns []string) ([]int, error) {
		out := make([]int, 0, len(ns))
		for _, n := range ns {
			i, ok := c.byName[n]
			if !ok {
				return nil, fmt.Errorf("rule %s: unknown label or cue %q", where, n)
			}
			out = append(out, i)
		}
		return out, nil
	}
	for k, rr := range raw.Rules {
		var r rule
		var err error
		where := fmt.Sprint(k+1, " ", rr.When)
		if r.when, err = names(where, rr.When); err != nil {
			return nil, err
		}
		if r.unless, err = names(where, rr.Unless); err != nil {
			return nil, err
		}
		if r.notBetween, err = names(where, rr.NotBetween); err != nil {
			return nil, err
		}
		if r.suppress, err = names(where, rr.Suppress); err != nil {
			return nil, err
		}
		r.add = make(map[int]float64)
		for _, n := range sortedKeys(rr.Add) {
			ids, err := names(where, []string{n})
			if err != nil {
				return nil, err
			}
			r.add[ids[0]] += rr.Add[n]
		}
		r.ordered, r.within = rr.Ordered, rr.Within
		c.rules = append(c.rules, r)
	}
	c.exclusive = make(map[int]int)
	for g, group := range raw.Exclusive {
		ids, err := names(fmt.Sprint("exclusive ", group), group)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			c.exclusive[id] = g + 1
		}
	}
	for _, lv := range sortedKeys(raw.Levels) {
		c.levels = append(c.levels, lv)
		for _, p := range raw.Levels[lv] {
			if err := c.add(p, raw.Sets, phraseRef{kind: kLevel, label: len(c.levels) - 1}); err != nil {
				return nil, fmt.Errorf("level %s: %w", lv, err)
			}
		}
	}
	for _, p := range raw.Precedence {
		i := slices.Index(c.levels, p)
		if i < 0 {
			return nil, fmt.Errorf("precedence: unknown level %q", p)
		}
		c.precedence = append(c.precedence, i)
	}
	c.scoped = make([]bool, len(c.levels))
	c.scopeWindow = raw.Scope.Window
	for _, p := range raw.Scope.Levels {
		i := slices.Index(c.levels, p)
		if i < 0 {
			return nil, fmt.Errorf("scope: unknown level %q", p)
		}
		c.scoped[i] = c.scopeWindow > 0
	}
	for i := range c.levels { // levels the precedence list forgot still count, last
		if !slices.Contains(c.precedence, i) {
			c.precedence = append(c.precedence, i)
		}
	}
	for _, rc := range raw.Claims {
		switch rc.Kind {
		case "claims_responsibility", "blames", "denies":
		default:
			return nil, fmt.Errorf("claims: unknown kind %q", rc.Kind)
		}
		cr := claimRule{kind: rc.Kind, byBefore: rc.By == "before", againstAfter: rc.Against == "after", againstWords: wordSet(rc.AgainstAfter)}
		c.claims = append(c.claims, cr)
		for _, p := range rc.Cues {
			if err := c.add(p, raw.Sets, phraseRef{kind: kClaim, label: len(c.claims) - 1}); err != nil {
				return nil, fmt.Errorf("claims %s: %w", rc.Kind, err)
			}
		}
	}
	c.npStop = wordSet(raw.NPStop)
	c.skipBefore = wordSet(raw.SkipBefore)
	c.determiner = wordSet(raw.Determiners)
	return c, nil
}

var (
	defaultOnce sync.Once
	defaultCB   *compiled
	defaultErr  error
	current     atomic.Pointer[compiled]
)

func baseRaw() (*rawCodebook, error) {
	raw, err := parseRaw(bytes.NewReader(codebook.Events), "events.yaml")
	if err != nil {
		return nil, err
	}
	cert, err := parseRaw(bytes.NewReader(codebook.Certainty), "certainty.yaml")
	if err != nil {
		return nil, err
	}
	raw.merge(cert)
	return raw, nil
}

// book returns the codebook in use: the embedded one, compiled once on first
// use, unless LoadCodebook has installed another. The embedded files are
// tested, so failing to compile them is a programming error.
func book() *compiled {
	if c := current.Load(); c != nil {
		return c
	}
	defaultOnce.Do(func() {
		raw, err := baseRaw()
		if err == nil {
			defaultCB, defaultErr = compile(raw)
		} else {
			defaultErr = err
		}
	})
	if defaultErr != nil {
		panic("extract: embedded codebook: " + defaultErr.Error())
	}
	return defaultCB
}

// LoadCodebook installs the embedded codebook merged with extra files of
// the same shape (events.yaml or certainty.yaml sections) for all later
// calls of Triggers, Classify and Certainty. With no arguments it restores
// the embedded codebook. On error the codebook in use is unchanged.
func LoadCodebook(extra ...io.Reader) error {
	raw, err := baseRaw()
	if err != nil {
		return err
	}
	for i, r := range extra {
		o, err := parseRaw(r, fmt.Sprintf("extra #%d", i+1))
		if err != nil {
			return err
		}
		raw.merge(o)
	}
	c, err := compile(raw)
	if err != nil {
		return err
	}
	current.Store(c)
	return nil
}

// addActorNames adds every name and alias of the actor catalog
// (codebook/actors.yaml over actors_states.yaml) of two words or more as a
// name: a trigger that lies wholly inside a known actor's name is a word of
// the name, not an event ("Liberation" in "Liberation Tigers of Tamil
// Eelam" or "Popular Front for the Liberation of Palestine" takes no
// territory). A trigger that reaches beyond the name ("... Liberation Front
// attacked") still counts. One-word names are left out: the word is then
// the whole match and the catalog, not the codebook, decides its sense.
func (c *compiled) addActorNames() {
	cat, err := resolve.DefaultActors()
	if err != nil || cat == nil {
		return // the catalog's own tests report a broken catalog
	}
	c.refs = append(c.refs, phraseRef{kind: kName})
	id := int32(len(c.refs) - 1)
	for _, a := range cat.Actors() {
		for _, n := range append(append([]string{a.Name}, a.Aliases...), a.Exact...) {
			toks := tokenize(n)
			if len(toks) < 2 {
				continue
			}
			seq := make([]string, len(toks))
			for i, t := range toks {
				seq[i] = t.low
			}
			c.m.insert(seq, id)
		}
	}
}
