package resolve

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzResolveActor: no input panics, the answer is the same twice, and an
// unresolved name is kept as written.
func FuzzResolveActor(f *testing.F) {
	for _, tc := range actorCases {
		f.Add(tc.name, tc.ctx.Country, tc.ctx.Role)
	}
	for _, s := range []string{"'s", "’s’s", "the the", "al-", "al al al", "0 0 0 of of", "IS IS", "\xff\xfe", "of Russia",
		"forces of", "Ѐ's", "ﷲ", "a'S b", "13", "at least", "US", "U.S. U.S."} {
		f.Add(s, "", "")
	}
	c, err := DefaultActors()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, country, role string) {
		ctx := ActorContext{Country: country, Role: role}
		m := c.Resolve(name, ctx)
		if again := c.Resolve(name, ctx); !reflect.DeepEqual(m, again) {
			t.Fatalf("%q: not deterministic: %+v then %+v", name, m, again)
		}
		if m.Query != name {
			t.Fatalf("%q: query changed to %q", name, m.Query)
		}
		if m.Resolved {
			if c.Actor(m.Name) == nil {
				t.Fatalf("%q: resolved to %q, not in the catalog", name, m.Name)
			}
		} else if m.Rule != RuleUnresolved || m.Name != strings.TrimSpace(name) {
			t.Fatalf("%q: unresolved but not kept as written: %+v", name, m)
		}
	})
}

// BenchmarkResolveActor: a mix of alias hits, rule matches and misses,
// as extract would call it per participant.
func BenchmarkResolveActor(b *testing.B) {
	c, err := DefaultActors()
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"ISIS-K", "the Taliban", "Russian forces", "13 American military personnel",
		"Hamas gunmen", "Kessin Liberation Front", "unknown gunmen", "police", "Hizbullah", "Syrian regime forces"}
	ctx := ActorContext{Country: "SY"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c.Resolve(names[i%len(names)], ctx)
	}
}

// BenchmarkResolveActorMiss is the slowest path: a long unknown name that
// every rule tries and rejects.
func BenchmarkResolveActorMiss(b *testing.B) {
	c, err := DefaultActors()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		c.Resolve("the armed wing of the Kessin People's Liberation Front of Norland", ActorContext{Country: "NO"})
	}
}

// BenchmarkLoadActors is the one-off cost DefaultActors pays.
func BenchmarkLoadActors(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadActorCatalog(builtinActorSources()...); err != nil {
			b.Fatal(err)
		}
	}
}
