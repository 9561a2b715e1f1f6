package export

import (
	"strconv"
	"strings"

	"sitrep/internal/extract"
	"sitrep/internal/resolve"
	"sitrep/internal/store"
)

// best is the count a single-number column gets: the reconciled estimate
// when the incident has one, else the lower bound the sources agree on.
func best(c *extract.Count) *int {
	if c == nil {
		return nil
	}
	if c.Best != nil {
		return c.Best
	}
	n := c.Min
	return &n
}

// itoaOr writes n, or def when there is no number.
func itoaOr(n *int, def string) string {
	if n == nil {
		return def
	}
	return strconv.Itoa(*n)
}

func coord(p *float64) string {
	if p == nil {
		return ""
	}
	// Four decimals (about 11 m) is what ACLED publishes and more than any
	// geocode from news text is worth.
	return strconv.FormatFloat(*p, 'f', 4, 64)
}

// participantName is the canonical actor when the name resolved, else the
// name as the text gave it.
func participantName(p extract.Participant) string {
	if p.Actor != nil && *p.Actor != "" {
		return *p.Actor
	}
	return p.Name
}

// kinds tells an actor's kind in the catalog's vocabulary (state_force,
// rebel_group, ...) where the participant resolved, else its participant
// kind (state, civilians, person, organization, unknown).
type kinds struct{ cat *resolve.ActorCatalog }

func newKinds() (kinds, error) {
	c, err := resolve.DefaultActors()
	return kinds{c}, err
}

func (k kinds) of(p extract.Participant) string {
	if p.Actor != nil && k.cat != nil {
		if a := k.cat.Actor(*p.Actor); a != nil {
			return a.Kind
		}
	}
	if p.Kind == "" {
		return "unknown"
	}
	return p.Kind
}

// others is who an incident was done to: its targets, then its victims,
// each actor once.
func others(inc *store.Incident) []extract.Participant {
	out := make([]extract.Participant, 0, len(inc.Targets)+len(inc.Victims))
	seen := map[string]bool{}
	for _, list := range [][]extract.Participant{inc.Targets, inc.Victims} {
		for _, p := range list {
			n := participantName(p)
			if !seen[n] {
				seen[n] = true
				out = append(out, p)
			}
		}
	}
	return out
}

// names joins participant names the way ACLED joins associated actors.
func names(ps []extract.Participant) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = participantName(p)
	}
	return strings.Join(s, "; ")
}

// outlets lists the distinct outlets (else article titles' sites) of the
// incident's sources, in order.
func outlets(inc *store.Incident) string {
	var out []string
	seen := map[string]bool{}
	for _, s := range inc.Sources {
		o := s.Outlet
		if o == "" || seen[o] {
			continue
		}
		seen[o] = true
		out = append(out, o)
	}
	return strings.Join(out, "; ")
}

// summary is the one-line description both datasets carry (ACLED's notes,
// GTD's summary): the headline of the first report, which is what a coder
// would paraphrase.
func summary(inc *store.Incident) string {
	if len(inc.Sources) == 0 {
		return ""
	}
	return inc.Sources[0].Title
}

// dateParts splits YYYY-MM-DD into numbers; ok is false for anything else.
func dateParts(s string) (y, m, d int, ok bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, 0, 0, false
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:7])
	d, err3 := strconv.Atoi(s[8:])
	return y, m, d, err1 == nil && err2 == nil && err3 == nil
}
