package resolve

import (
	"strconv"
	"strings"
)

// ActorContext is what the caller knows about where a name was found.
type ActorContext struct {
	// Country is the ISO code of the event's country, when known. It
	// decides names that carry no nationality: "police", "the army",
	// "security forces", "civilians" in a story from Nigeria are
	// Nigeria's. Without it such names stay unresolved.
	Country string
	// Role is "perpetrator", "target" or "victim" when known. It decides
	// a bare nationality: "Americans" who attacked are the US military,
	// "Americans" who were killed are US civilians.
	Role string
}

// Match rules, in the order they are tried.
const (
	RuleExact      = "exact"      // an alias that counts only as written ("IS")
	RuleAlias      = "alias"      // a catalog alias, after normalisation
	RuleLoose      = "loose"      // an alias up to spaces, hyphens and "al-"
	RuleMember     = "member"     // an actor's alias + a member noun ("Hamas gunmen")
	RuleDemonym    = "demonym"    // nationality + force or people noun ("Russian forces", "Afghan civilians")
	RuleCountry    = "country"    // country name (or capital, leader) + force noun ("Russia's army", "Kremlin troops")
	RuleQualified  = "qualified"  // an actor after a qualifier ("Lebanon's Hezbollah", "Iran-backed Houthis", "President Putin")
	RuleContext    = "context"    // force or people noun + ActorContext.Country ("the police")
	RuleUnresolved = "unresolved" // nothing matched; the name is kept as written
)

// ActorMatch is how one name resolved. An unresolved name keeps its
// surface text in Name so that no participant is ever dropped.
type ActorMatch struct {
	Query    string `json:"query"`
	Name     string `json:"name"` // canonical name, or the trimmed query when unresolved
	Resolved bool   `json:"resolved"`
	Kind     string `json:"kind,omitempty"`
	Country  string `json:"country,omitempty"`
	// Parents is the parent chain, nearest first: ISIS-K → [Islamic State].
	Parents []string `json:"parents,omitempty"`
	Rule    string   `json:"rule"`
	// Matched is the alias or the pattern that matched, e.g. "IS-KP" or
	// "Syrian + regime forces".
	Matched string `json:"matched,omitempty"`
	// Role is the noun that named the people when a rule matched:
	// "troops", "journalists", "gunmen".
	Role string `json:"role,omitempty"`
	// Count is a number the name began with: "13 American military
	// personnel" → 13. Zero when there was none.
	Count int `json:"count,omitempty"`
}

// ActorName is the canonical name for extract.Participant.Actor: nil when
// unresolved, so the JSON says null rather than repeating the surface text.
func (m ActorMatch) ActorName() *string {
	if !m.Resolved {
		return nil
	}
	s := m.Name
	return &s
}

// ParticipantKind maps the actor kind onto extract.Participant.Kind's
// coarser vocabulary (state, civilians, organization); "" if unresolved.
func (m ActorMatch) ParticipantKind() string {
	switch {
	case !m.Resolved:
		return ""
	case m.Kind == ActorState || m.Kind == ActorStateForce:
		return "state"
	case m.Kind == ActorCivilians:
		return "civilians"
	}
	return "organization"
}

func unresolved(name string) ActorMatch {
	q := strings.TrimSpace(name)
	return ActorMatch{Query: name, Name: q, Rule: RuleUnresolved}
}

// Resolve finds the canonical actor for a name as the text wrote it. It
// tries, in order: exact-case aliases, normalised aliases, loose
// spellings, then patterns (an actor's name + "fighters", a nationality
// or country + a force or people noun, a bare force noun with the
// context's country). Anything else comes back unresolved with the name
// kept.
func (c *ActorCatalog) Resolve(name string, ctx ActorContext) ActorMatch {
	m := unresolved(name)
	if m.Name == "" {
		return m
	}
	if h, ok := c.cased[trimCased(m.Name)]; ok {
		return c.hit(m, h.a, RuleExact, h.alias)
	}
	key := ActorKey(m.Name)
	if key == "" {
		return m
	}
	if homonym(strings.Fields(key)[0], ctx) {
		return m
	}
	if h, ok := c.exact[key]; ok {
		return c.hit(m, h.a, RuleAlias, h.alias)
	}
	if h := c.lookupLoose(key); h != nil {
		return c.hit(m, h.a, RuleLoose, h.alias)
	}
	words := strings.Fields(key)
	words, m.Count = stripQuantity(words)
	hedged := false
	for len(words) > 1 && hedges[words[0]] {
		words, hedged = words[1:], true
	}
	if len(words) < len(strings.Fields(key)) {
		rest := strings.Join(words, " ")
		if h, ok := c.exact[rest]; ok {
			return c.hit(m, h.a, RuleAlias, h.alias)
		}
		if h := c.lookupLoose(rest); h != nil {
			return c.hit(m, h.a, RuleLoose, h.alias)
		}
	}
	if len(words) > maxPatternWords {
		return m // no force or member phrase is this long; keeps the rules linear
	}
	if r, ok := c.casedPrefix(m); ok {
		return r
	}
	if r, ok := c.matchPattern(m, words, ctx, hedged); ok {
		return r
	}
	return m
}

// casedPrefix reads "IS fighters", "two US soldiers": an exact-case
// alias as the first word after any count, then a member or force phrase.
func (c *ActorCatalog) casedPrefix(m ActorMatch) (ActorMatch, bool) {
	fields := strings.Fields(m.Name)
	i := 0
	for ; i < len(fields)-1; i++ {
		k := ActorKey(fields[i])
		if _, err := strconv.Atoi(k); err != nil && !quantityWords[k] && !hedges[k] && k != "" {
			break
		}
	}
	if i >= len(fields)-1 {
		return m, false
	}
	h, ok := c.cased[trimCased(fields[i])]
	if !ok {
		return m, false
	}
	rest := strings.Join(fields[i+1:], " ")
	words := strings.Fields(ActorKey(rest))
	if h.a.Kind == ActorState {
		if class, role, ok := classify(words); ok {
			if a := c.stateActor(h.a.Country, class); a != nil {
				r := c.hit(m, a, RuleCountry, h.alias+" + "+strings.Join(words, " "))
				r.Role = role
				return r, true
			}
		}
		return m, false
	}
	if role, ok := memberPhrase(words); ok && h.a.Kind != ActorCivilians {
		r := c.hit(m, h.a, RuleMember, h.alias+" + "+strings.Join(words, " "))
		r.Role = role
		return r, true
	}
	return m, false
}

// domesticHomonyms are country names that are also a first-level division
// of another country, keyed by that country: in a story from the United
// States, "Georgia police" are a US state's, not the Caucasus republic's.
// Such names stay unresolved there rather than pick the wrong state.
var domesticHomonyms = map[string]string{"georgia": "US", "georgian": "US"}

func homonym(firstWord string, ctx ActorContext) bool {
	cc, ok := domesticHomonyms[firstWord]
	return ok && strings.EqualFold(cc, ctx.Country)
}

// trimCased takes away what surrounds an exact-case alias in running
// text without touching its letters: quotes, a possessive, a leading
// "the ".
func trimCased(s string) string {
	s = strings.Trim(s, ` "'“”‘’«»()[].,;:`)
	for _, p := range []string{"'s", "’s"} {
		s = strings.TrimSuffix(s, p)
	}
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func (c *ActorCatalog) lookupLoose(key string) *aliasHit {
	lk := looseKey(key)
	if h := c.loose[lk]; h != nil {
		return h
	}
	// "Alshabaab", "Alqaeda": the article glued to the name.
	if strings.HasPrefix(lk, "al") && len(lk) > 4 {
		if h := c.loose[lk[2:]]; h != nil {
			return h
		}
	}
	return nil
}

func (c *ActorCatalog) hit(m ActorMatch, a *Actor, rule, matched string) ActorMatch {
	m.Name, m.Resolved, m.Kind, m.Country = a.Name, true, a.Kind, a.Country
	m.Parents = c.Parents(a.Name)
	m.Rule, m.Matched = rule, matched
	return m
}

// Quantity words a participant name may begin with.
var quantityWords = map[string]bool{
	"a": true, "an": true, "at": true, "least": true, "more": true, "than": true, "about": true,
	"around": true, "nearly": true, "almost": true, "over": true, "up": true, "to": true,
	"some": true, "several": true, "many": true, "few": true, "dozens": true, "dozen": true,
	"hundreds": true, "thousands": true, "scores": true, "of": true, "two": true, "three": true,
	"four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"eleven": true, "twelve": true, "one": true, "other": true, "another": true, "all": true,
	"the": true, "al": true,
}

// hedges may open a name ("suspected ISIS militants"); they are dropped
// for actor and force rules but forbid reading the rest as civilians.
var hedges = map[string]bool{"suspected": true, "alleged": true, "presumed": true, "purported": true, "apparent": true}

var numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "another": 1}

// stripQuantity takes leading counts and hedges off a name's words:
// "at least 13 american military personnel" → "american military
// personnel", 13. "al" and "unknown"/"unidentified" are dropped only as
// leading words, where they qualify the rest.
func stripQuantity(words []string) ([]string, int) {
	n := 0
	i := 0
	for ; i < len(words)-1; i++ {
		w := words[i]
		if v, err := strconv.Atoi(w); err == nil {
			if n == 0 {
				n = v
			}
			continue
		}
		if !quantityWords[w] {
			break
		}
		if v, ok := numberWords[w]; ok && n == 0 {
			n = v
		}
	}
	return words[i:], n
}

// Force classes a noun phrase can name.
const (
	classMil    = "mil"
	classPolice = "police"
	classGov    = "gov"
	classCiv    = "civ"
)

// heads are the nouns that end a force or people phrase, with the class
// of state actor they name.
var heads = map[string]string{
	"forces": classMil, "force": classMil, "troops": classMil, "troop": classMil, "soldiers": classMil,
	"soldier": classMil, "army": classMil, "armies": classMil, "military": classMil, "servicemen": classMil,
	"serviceman": classMil, "servicemembers": classMil, "personnel": classMil, "marines": classMil,
	"marine": classMil, "navy": classMil, "paratroopers": classMil, "commandos": classMil, "commando": classMil,
	"aircraft": classMil, "jets": classMil, "warplanes": classMil, "warplane": classMil, "drones": classMil,
	"drone": classMil, "helicopters": classMil, "artillery": classMil, "tanks": classMil, "units": classMil,
	"unit": classMil, "battalion": classMil, "battalions": classMil, "brigade": classMil, "brigades": classMil,
	"warships": classMil, "warship": classMil, "guard": classMil, "guards": classMil, "guardsmen": classMil,
	"peacekeepers": classMil, "peacekeeper": classMil, "airmen": classMil, "pilots": classMil, "pilot": classMil,
	"contingent": classMil, "officers": classMil, "officer": classMil, "agents": classMil, "intelligence": classMil,
	"airstrikes": classMil, "airstrike": classMil, "strikes": classMil, "strike": classMil,
	"missiles": classMil, "missile": classMil, "rockets": classMil, "shelling": classMil,
	"bombers": classMil, "gunboats": classMil, "conscripts": classMil, "reservists": classMil, "sentries": classMil, "snipers": classMil, "sniper": classMil,
	"police": classPolice, "policemen": classPolice, "policeman": classPolice, "policewomen": classPolice,
	"gendarmes": classPolice, "gendarmerie": classPolice, "gendarme": classPolice, "cops": classPolice,
	"constabulary": classPolice,
	"government":   classGov, "authorities": classGov, "officials": classGov, "official": classGov,
	"regime": classGov, "administration": classGov, "leadership": classGov, "ministry": classGov,
	"cabinet": classGov, "president": classGov, "leader": classGov, "leaders": classGov, "diplomats": classGov,
	"diplomat": classGov, "embassy": classGov, "consulate": classGov, "state": classGov, "junta": classGov,
	"lawmakers": classGov, "prosecutors": classGov, "courts": classGov, "court": classGov, "judiciary": classGov,
	"civilians": classCiv, "civilian": classCiv, "people": classCiv, "persons": classCiv, "nationals": classCiv,
	"national": classCiv, "citizens": classCiv, "citizen": classCiv, "residents": classCiv, "resident": classCiv,
	"villagers": classCiv, "villager": classCiv, "men": classCiv, "man": classCiv, "women": classCiv,
	"woman": classCiv, "children": classCiv, "child": classCiv, "boys": classCiv, "girls": classCiv,
	"boy": classCiv, "girl": classCiv, "families": classCiv, "family": classCiv, "journalists": classCiv,
	"journalist": classCiv, "reporters": classCiv, "reporter": classCiv, "photographer": classCiv,
	"photographers": classCiv, "workers": classCiv, "worker": classCiv, "students": classCiv, "student": classCiv,
	"farmers": classCiv, "farmer": classCiv, "fishermen": classCiv, "fisherman": classCiv, "migrants": classCiv,
	"migrant": classCiv, "refugees": classCiv, "refugee": classCiv, "tourists": classCiv, "tourist": classCiv,
	"pilgrims": classCiv, "worshippers": classCiv, "worshipers": classCiv, "protesters": classCiv,
	"protestors": classCiv, "demonstrators": classCiv, "teachers": classCiv, "teacher": classCiv,
	"doctors": classCiv, "doctor": classCiv, "medics": classCiv, "medic": classCiv, "nurses": classCiv,
	"hostages": classCiv, "hostage": classCiv, "passengers": classCiv, "passenger": classCiv,
	"prisoners": classCiv, "detainees": classCiv, "captives": classCiv, "seafarers": classCiv,
	"engineers": classCiv, "activists": classCiv, "activist": classCiv, "mourners": classCiv,
	"shoppers": classCiv, "traders": classCiv, "miners": classCiv, "drivers": classCiv, "driver": classCiv,
	"clerics": classCiv, "cleric": classCiv, "priests": classCiv, "priest": classCiv, "inhabitants": classCiv,
	"youths": classCiv, "youth": classCiv, "teenagers": classCiv, "teenager": classCiv, "infants": classCiv,
	"babies": classCiv, "elderly": classCiv, "population": classCiv, "crew": classCiv, "voters": classCiv,
	"businessman": classCiv, "businessmen": classCiv, "herders": classCiv, "truckers": classCiv,
}

// modifiers may stand before a head without changing what it names:
// "Syrian regime forces", "Afghan security forces", "13 American military
// personnel", "Israeli riot police".
var modifiers = map[string]bool{
	"regime": true, "government": true, "state": true, "armed": true, "security": true, "special": true,
	"elite": true, "regular": true, "national": true, "riot": true, "border": true, "federal": true,
	"occupation": true, "occupying": true, "air": true, "naval": true, "ground": true, "navy": true,
	"marine": true, "active": true, "duty": true, "uniformed": true, "defence": true, "defense": true,
	"intelligence": true, "counter": true, "terrorism": true, "counterterrorism": true, "anti": true,
	"service": true, "paramilitary": true, "local": true, "provincial": true, "senior": true, "top": true,
	"high": true, "ranking": true, "military": true, "army": true, "police": true, "traffic": true,
	"off": true, "visiting": true, "peacekeeping": true, "civilian": true, "innocent": true, "ordinary": true,
	"young": true, "male": true, "female": true, "wounded": true, "injured": true, "dead": true,
	"aid": true, "humanitarian": true, "health": true, "medical": true, "construction": true, "foreign": true,
	"coast": true, "infantry": true, "mechanised": true, "mechanized": true, "airborne": true, "tank": true,
	"artillery": true, "missile": true, "combat": true, "fighter": true, "frontline": true, "front": true,
	"line": true, "retreating": true, "advancing": true, "invading": true, "retired": true,
	"interior": true, "energy": true, "oil": true,
	"school": true, "university": true, "media": true, "news": true, "tv": true, "hospital": true,
	"displaced": true, "internally": true, "fleeing": true, "unarmed": true, "kidnapped": true,
	"abducted": true, "detained": true, "captured": true,
}

// refuse words mean the phrase is not the country's own state or people
// even with a nationality in front: "Russian-backed separatists",
// "Iranian-aligned militias", "pro-government militia".
var refuse = map[string]bool{
	"backed": true, "pro": true, "aligned": true, "allied": true, "affiliated": true, "linked": true,
	"supported": true, "sponsored": true, "led": true, "opposition": true, "rebel": true, "rebels": true,
	"militants": true, "militant": true, "separatists": true, "separatist": true, "insurgents": true,
	"militia": true, "militias": true, "militiamen": true, "gunmen": true, "gunman": true, "fighters": true,
	"mercenaries": true, "mercenary": true, "jihadists": true, "extremists": true, "terrorists": true,
	"dissidents": true, "dissident": true, "former": true, "ex": true, "deserters": true, "defectors": true,
	"volunteers": true, "partisans": true, "guerrillas": true, "inspired": true, "trained": true,
}

// memberHeads are nouns naming members of a non-state actor: "Hamas
// gunmen", "al-Shabaab militants", "Wagner mercenaries".
var memberHeads = map[string]bool{
	"fighters": true, "fighter": true, "militants": true, "militant": true, "gunmen": true, "gunman": true,
	"members": true, "member": true, "operatives": true, "operative": true, "commanders": true,
	"commander": true, "leader": true, "leaders": true, "leadership": true, "rebels": true, "rebel": true,
	"forces": true, "troops": true, "soldiers": true, "units": true, "unit": true, "cell": true,
	"cells": true, "insurgents": true, "insurgent": true, "jihadists": true, "jihadist": true,
	"terrorists": true, "terrorist": true, "mercenaries": true, "mercenary": true, "militiamen": true,
	"militia": true, "militias": true, "men": true, "supporters": true, "activists": true,
	"guerrillas": true, "guerrilla": true, "combatants": true, "elements": true, "loyalists": true,
	"group": true, "movement": true, "faction": true, "factions": true, "wing": true, "bomber": true,
	"bombers": true, "attackers": true, "assailants": true, "kidnappers": true, "snipers": true,
	"sniper": true, "police": true, "security": true, "authorities": true, "officials": true,
	"government": true, "administration": true, "spokesman": true, "spokesperson": true,
	"personnel": true, "cadres": true, "recruits": true, "affiliates": true, "followers": true,
	"contractors": true, "instructors": true, "paramilitaries": true, "paramilitary": true, "army": true,
	"drones": true, "drone": true, "missiles": true, "missile": true, "rockets": true, "rocket": true,
	"strikes": true, "strike": true, "airstrikes": true, "shelling": true,
	"gangs": true, "gang": true, "gangsters": true, "thugs": true, "youths": true, "partisans": true,
}

// memberModifiers may stand between an actor's name and a member noun:
// "Hamas armed wing", "Taliban security forces", "IS suicide bomber".
var memberModifiers = map[string]bool{
	"armed": true, "military": true, "senior": true, "top": true, "local": true, "suicide": true,
	"security": true, "foreign": true, "heavily": true, "suspected": true, "alleged": true,
	"splinter": true, "breakaway": true, "political": true, "youth": true, "women": true,
	"special": true, "elite": true,
}

// maxPatternWords bounds the names the pattern rules try: a participant
// longer than this is a clause, not a name, and trying every "of" in it
// would cost time quadratic in its length.
const maxPatternWords = 12

// maxPrefixWords bounds the words tried as a nationality, country or
// actor name before a noun phrase.
const maxPrefixWords = 6

// matchPattern tries the rules that read a name as a prefix (an actor or
// a nationality) and a noun phrase.
func (c *ActorCatalog) matchPattern(m ActorMatch, words []string, ctx ActorContext, hedged bool) (ActorMatch, bool) {
	classify := func(words []string) (string, string, bool) {
		class, role, ok := classify(words)
		if ok && hedged && class == classCiv {
			return "", "", false
		}
		return class, role, ok
	}
	// "<force noun> of <country>": "armed forces of ukraine", "the army of mali".
	for i := 1; i < len(words)-1; i++ {
		if words[i] != "of" {
			continue
		}
		cc, how, matched := c.countryOf(words[i+1:])
		if cc == "" {
			continue
		}
		if class, role, ok := classify(words[:i]); ok {
			if a := c.stateActor(cc, class); a != nil {
				r := c.hit(m, a, how, strings.Join(words[:i], " ")+" of + "+matched)
				r.Role = role
				return r, true
			}
		}
	}
	for n := min(maxPrefixWords, len(words)); n >= 1; n-- {
		prefix := strings.Join(words[:n], " ")
		rest := words[n:]
		// A nationality or a state's name: "russian forces", "kremlin troops".
		cc, how := c.demonymCC(prefix), RuleDemonym
		if cc == "" {
			if h, ok := c.exact[prefix]; ok && h.a.Kind == ActorState && h.a.Country != "" {
				cc, how = h.a.Country, RuleCountry
			}
		}
		if cc != "" {
			if len(rest) == 0 {
				// "Americans": who they are depends on what they did.
				if !strings.HasSuffix(prefix, "s") || how != RuleDemonym {
					continue
				}
				class := classCiv
				if ctx.Role == "perpetrator" {
					class = classMil
				}
				if a := c.stateActor(cc, class); a != nil {
					r := c.hit(m, a, how, prefix)
					r.Role = "nationals"
					return r, true
				}
				continue
			}
			if class, role, ok := classify(rest); ok {
				if a := c.stateActor(cc, class); a != nil {
					r := c.hit(m, a, how, prefix+" + "+strings.Join(rest, " "))
					r.Role = role
					return r, true
				}
			}
			continue
		}
		// A non-state actor's name: "hamas gunmen", "isis k fighters".
		if len(rest) == 0 {
			continue
		}
		h, ok := c.exact[prefix]
		if !ok {
			if lh := c.lookupLoose(prefix); lh != nil {
				h, ok = *lh, true
			}
		}
		if ok && h.a.Kind != ActorState && h.a.Kind != ActorCivilians {
			if role, ok := memberPhrase(rest); ok {
				r := c.hit(m, h.a, RuleMember, h.alias+" + "+strings.Join(rest, " "))
				r.Role = role
				return r, true
			}
		}
	}
	if r, ok := c.qualified(m, words); ok {
		return r, true
	}
	// No nationality: "the police", "government forces", "civilians".
	if ctx.Country != "" {
		if class, role, ok := classify(words); ok {
			if a := c.stateActor(strings.ToUpper(ctx.Country), class); a != nil {
				r := c.hit(m, a, RuleContext, strings.Join(words, " ")+" + context "+strings.ToUpper(ctx.Country))
				r.Role = role
				return r, true
			}
		}
	}
	return m, false
}

// countryPrefix is countryOf for the first two or three words of q
// ("south korean", "central african republic").
func (c *ActorCatalog) countryPrefix(q []string) string {
	for j := len(q); j >= 2; j-- {
		if cc, _, _ := c.countryOf(q[:j]); cc != "" {
			return cc
		}
	}
	return ""
}

// demonymCC returns the country of a demonym key, singular or plural
// ("afghan", "afghans", "americans").
func (c *ActorCatalog) demonymCC(k string) string {
	if cc, ok := c.demonym[k]; ok {
		return cc
	}
	if strings.HasSuffix(k, "s") {
		if cc, ok := c.demonym[k[:len(k)-1]]; ok {
			return cc
		}
	}
	return ""
}

// countryOf reads words as a whole nationality or state name.
func (c *ActorCatalog) countryOf(words []string) (cc, how, matched string) {
	k := strings.Join(words, " ")
	if cc := c.demonymCC(k); cc != "" {
		return cc, RuleDemonym, k
	}
	if h, ok := c.exact[k]; ok && h.a.Kind == ActorState && h.a.Country != "" {
		return h.a.Country, RuleCountry, h.alias
	}
	return "", "", ""
}

// stateActor picks the country's actor for a class.
func (c *ActorCatalog) stateActor(cc, class string) *Actor {
	fs := c.states[cc]
	if fs == nil {
		return nil
	}
	switch class {
	case classMil:
		return fs.mil
	case classPolice:
		return fs.police
	case classGov:
		return fs.gov
	case classCiv:
		return fs.civ
	}
	return nil
}

// classify reads a noun phrase such as "regime forces", "military
// personnel", "riot police" or "aid workers": the last word is the head,
// and every word before it must be a modifier. A police word anywhere
// makes it the police ("police officers"); a refusal word anywhere makes
// it no state actor at all.
func classify(words []string) (class, role string, ok bool) {
	if len(words) == 0 || len(words) > 5 {
		return "", "", false
	}
	head := words[len(words)-1]
	class, ok = heads[head]
	if !ok {
		return "", "", false
	}
	for _, w := range words {
		// "armed men" are not civilians, whoever they are.
		if refuse[w] || (w == "armed" && class == classCiv) {
			return "", "", false
		}
	}
	for _, w := range words[:len(words)-1] {
		if !modifiers[w] {
			if _, isHead := heads[w]; !isHead {
				return "", "", false
			}
		}
		if heads[w] == classPolice && class == classMil {
			class = classPolice
		}
	}
	return class, strings.Join(words, " "), true
}

// memberPhrase reads the words after an actor's name: modifiers then a
// member noun ("armed wing", "suicide bomber", "fighters").
func memberPhrase(words []string) (string, bool) {
	if len(words) == 0 || len(words) > 4 || !memberHeads[words[len(words)-1]] {
		return "", false
	}
	for _, w := range words[:len(words)-1] {
		if !memberModifiers[w] && !memberHeads[w] {
			return "", false
		}
	}
	return strings.Join(words, " "), true
}

// qualifierWords may stand before an actor's name without changing who
// it is: descriptions ("paramilitary", "Islamist"), the backer words of
// "Iran-backed", and titles before a leader's name ("President Putin").
var qualifierWords = map[string]bool{
	"paramilitary": true, "islamist": true, "jihadist": true, "militant": true, "rebel": true,
	"insurgent": true, "separatist": true, "terrorist": true, "extremist": true, "armed": true,
	"shiite": true, "shia": true, "sunni": true, "notorious": true, "powerful": true, "outlawed": true,
	"banned": true, "proscribed": true, "ruling": true, "main": true,
	"president": true, "prime": true, "minister": true, "pm": true, "supreme": true, "leader": true,
	"king": true, "crown": true, "prince": true, "chancellor": true, "emir": true, "premier": true,
	"general": true, "gen": true, "field": true, "marshal": true, "mr": true, "dictator": true,
	"strongman": true, "warlord": true, "chief": true, "kurdish": true, "arab": true, "led": true,
	"dominated": true,
}

// backerWords turn a country before an actor into its backer, which may
// be another country: "Iran-backed Hezbollah", "Rwandan-backed M23".
var backerWords = map[string]bool{
	"backed": true, "aligned": true, "allied": true, "supported": true, "sponsored": true,
	"linked": true, "affiliated": true, "funded": true, "armed": true, "trained": true,
}

// qualified reads a known actor after qualifiers: a country or
// nationality, backer words, descriptions and titles. A country that is
// not a backer must be the actor's own (or the actor transnational):
// "Lebanon's Hezbollah" and "Somalia's al-Shabaab" resolve, "Kenyan
// al-Shabaab" does not, because the same name is used by other groups
// elsewhere ("Mozambican al-Shabaab" is an alias of the IS branch). The actor must not be a state force read by the
// nationality rules, so "Russian-backed separatists" stays unresolved.
func (c *ActorCatalog) qualified(m ActorMatch, words []string) (ActorMatch, bool) {
	// Most names reaching here start with neither a qualifier nor a
	// country; reject those before trying every split.
	if !qualifierWords[words[0]] && words[0] != "us" {
		if cc, _, _ := c.countryOf(words[:1]); cc == "" && (len(words) < 3 || c.countryPrefix(words[:3]) == "") {
			return m, false
		}
	}
	for i := 1; i < len(words) && i <= maxPrefixWords; i++ {
		rest := strings.Join(words[i:], " ")
		h, ok := c.exact[rest]
		if !ok {
			if lh := c.lookupLoose(rest); lh != nil {
				h, ok = *lh, true
			}
		}
		if !ok || h.a.Kind == ActorCivilians {
			continue
		}
		if !c.qualifiesFor(words[:i], h.a) {
			continue
		}
		return c.hit(m, h.a, RuleQualified, strings.Join(words[:i], " ")+" + "+h.alias), true
	}
	return m, false
}

func (c *ActorCatalog) qualifiesFor(q []string, a *Actor) bool {
	for len(q) > 0 {
		if qualifierWords[q[0]] {
			q = q[1:]
			continue
		}
		n := 0
		cc := ""
		if q[0] == "us" && len(q) > 1 && backerWords[q[1]] {
			n, cc = 1, "US" // "US-backed": "US" is an exact-case alias, lowercased here
		}
		for j := min(3, len(q)); j >= 1 && n == 0; j-- {
			if got, _, _ := c.countryOf(q[:j]); got != "" {
				n, cc = j, got
				break
			}
		}
		if n == 0 {
			return false
		}
		q = q[n:]
		if len(q) > 0 && backerWords[q[0]] {
			q = q[1:]
			continue
		}
		if a.Country != "" && cc != a.Country { // a transnational actor takes any country
			return false
		}
	}
	return true
}
