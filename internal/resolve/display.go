package resolve

import (
	_ "embed"
	"sync"
)

//go:embed data/display.tsv
var displayTSV string

var (
	displayOnce  sync.Once
	displayNames map[int]string // GeoNames id -> the name news uses
)

// displayName is the name news uses for the place e (data/display.tsv),
// or "" when it is the gazetteer's own (TestDisplayNames checks that
// every row names a place the gazetteer has).
func (g *Gazetteer) displayName(e *entry) string {
	displayOnce.Do(func() {
		displayNames = map[int]string{}
		_ = tsvRows("display.tsv", displayTSV, 2, func(_ int, f []string) error {
			if r, ok := g.target(f[0]); ok {
				displayNames[g.rec(r).gid] = f[1]
			}
			return nil
		})
	})
	if e.gid == 0 {
		return ""
	}
	return displayNames[e.gid]
}
