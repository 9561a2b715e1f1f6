package extract

import (
	"fmt"
	"strings"
)

// datelinePlace is the story's place its dateline gives. decided is false
// when the dateline is no place at all ("UPDATE", "PICTURES": a page's
// label where a dateline stands), and the story's place is to be found
// elsewhere. A dateline whose town the gazetteer lacks but whose region it
// knows ("PINETOWN, N.C.") gives the region. One whose region is unknown
// too ("QARVELO, Norvania") means the story is somewhere we do not know:
// a same-named town elsewhere found through the headline would be a false
// point, so it decides on no place.
func (p *placer) datelinePlace(dl string) (loc *Location, rule string, decided bool) {
	rule = fmt.Sprintf("the story's place: dateline %q", dl)
	if loc := p.resolve(dl); loc != nil {
		return loc, rule, true
	}
	_, region, ok := strings.Cut(dl, ",")
	if !ok {
		return nil, "", false
	}
	if p.r != nil {
		if reg := p.r.Region(strings.TrimSpace(region)); reg != nil {
			return location(reg), rule + " (its region: the gazetteer lacks the town)", true
		}
	}
	return nil, rule, true
}
