package resolve

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"sitrep/internal/resolve/norm"
)

//go:embed data/quarters.tsv
var quartersTSV string

// quarter is one row's neighbourhood of a city (data/quarters.tsv).
type quarter struct {
	name   string
	postal bool // its own mail town: the place keeps its name
}

// quarterTable maps a city's GeoNames id to its neighbourhoods by key.
type quarterTable struct {
	byHost map[int]map[string]quarter
	host   map[int]int32 // the city's record, by GeoNames id
	err    error
}

var (
	quartersOnce sync.Once
	quartersTab  *quarterTable
)

func (g *Gazetteer) quarters() *quarterTable {
	quartersOnce.Do(func() {
		t := &quarterTable{byHost: map[int]map[string]quarter{}, host: map[int]int32{}}
		t.err = tsvRows("quarters.tsv", quartersTSV, 2, func(_ int, f []string) error {
			r, ok := g.target(f[0])
			if !ok || !strings.Contains(f[0], ":") {
				return fmt.Errorf("quarters: unknown city %q", f[0])
			}
			e := g.rec(r)
			postal := len(f) > 2 && f[2] == "postal"
			if len(f) > 2 && !postal {
				return fmt.Errorf("quarters: %q: third field %q, want postal or nothing", f[0], f[2])
			}
			m := t.byHost[e.gid]
			if m == nil {
				m = map[string]quarter{}
				t.byHost[e.gid] = m
				t.host[e.gid] = r
			}
			for _, n := range strings.Split(f[1], ";") {
				if n = strings.TrimSpace(n); n != "" {
					m[norm.Key(n)] = quarter{name: n, postal: postal}
				}
			}
			return nil
		})
		quartersTab = t
	})
	return quartersTab
}

// localQuarter is the place a bare name stands for when it is a listed
// neighbourhood of the town the story is told from (the dateline's town,
// else the outlet's home town): local news names its city's quarters
// bare ("shot in Austin" on a Chicago page), and a namesake town
// elsewhere is not meant. A quarter that is its own mail town keeps its
// name with the city's point and state; another is the city.
func (r *Resolver) localQuarter(key string) (*Place, bool) {
	local := r.dlTown
	if local == nil && r.home != nil && r.home.Precision == "city" {
		local = r.home
	}
	if local == nil || local.GeonameID == 0 {
		return nil, false
	}
	t := r.g.quarters()
	if t.err != nil {
		return nil, false
	}
	q, ok := t.byHost[local.GeonameID][key]
	if !ok || r.namesNamesakeState(key, local) {
		return nil, false
	}
	p := r.place(&cand{e: r.g.rec(t.host[local.GeonameID])})
	p.Reasons = []string{fmt.Sprintf("a neighbourhood of %s, the town the story is told from", p.Name)}
	if q.postal {
		p.Name = q.name
	}
	return &p, true
}

// namesNamesakeState reports whether the text names a town called key
// with a state other than the local town's ("near Lonsdale, Minnesota"):
// then the namesake is meant somewhere in the story, and context decides
// as for any name. A state named otherwise ("Minnesota Avenue") does not
// count.
func (r *Resolver) namesNamesakeState(key string, local *Place) bool {
	for _, i := range r.g.lookup(key) {
		e := r.g.rec(i)
		if e.kind != KindPlace || e.cc == local.Country && e.adm1 == local.Admin1Code {
			continue
		}
		for _, m := range r.mentions {
			if m.self && m.key == key && m.cc == e.cc && m.adm1 == e.adm1 {
				return true
			}
		}
	}
	return false
}
