package extract

import "fmt"

// outletHome is the story's place when nothing in the article gives it:
// the outlet's home its address names (resolve.OutletHome), a town or a
// state. Local news reports mostly on its own area; the rule says where
// the place came from, so a reader can weigh it.
func (p *placer) outletHome() (*Location, string) {
	if p.r == nil || p.r.Home() == nil {
		return nil, ""
	}
	h := p.r.Home()
	return location(h), fmt.Sprintf("the story's place: %s, the outlet's home its address names", h.Name)
}
