package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// gtdColumns are the GTD columns sitrep can fill, in GTD's order; the
// columns between them that it cannot (natlty1, nperps, ...) are left out
// rather than written empty, since GTD scripts select columns by name.
var gtdColumns = []string{"eventid", "iyear", "imonth", "iday", "approxdate", "extended", "country",
	"country_txt", "region", "region_txt", "provstate", "city", "latitude", "longitude", "specificity",
	"vicinity", "summary", "multiple", "success", "suicide", "attacktype1", "attacktype1_txt",
	"targtype1", "targtype1_txt", "target1", "gname", "guncertain1", "claimed", "weaptype1",
	"weaptype1_txt", "nkill", "nwound", "property", "ishostkid", "scite1", "scite2", "scite3", "dbsource"}

type gtdEncoder struct {
	w     *csv.Writer
	st    *Stats
	c     *codebook
	kinds kinds
	row   []string
}

func newGTD(w *bufio.Writer, st *Stats, c *codebook, k kinds) *gtdEncoder {
	return &gtdEncoder{w: csv.NewWriter(w), st: st, c: c, kinds: k, row: make([]string, len(gtdColumns))}
}

func (e *gtdEncoder) begin() error { return e.w.Write(gtdColumns) }

func (e *gtdEncoder) end() error {
	e.w.Flush()
	return e.w.Error()
}

func (e *gtdEncoder) write(inc *store.Incident) error {
	g := &e.c.GTD
	r := e.row
	clear(r)
	// GTD writes 0 for a month or day it does not know, and says what it
	// does know in approxdate.
	y, m, d := 0, 0, 0
	if dt := inc.Date; dt != nil {
		if yy, mm, dd, ok := dateParts(dt.Start); ok {
			switch dt.Precision {
			case "day":
				y, m, d = yy, mm, dd
			case "week", "month":
				y, m = yy, mm
			default:
				y = yy
			}
			if dt.Precision != "day" {
				r[4] = dt.Start + " to " + dt.End
			}
		}
	}
	// eventid: GTD's YYYYMMDD and a serial; the serial is sitrep's id, at
	// least four digits, so ids stay unique however many incidents a day has.
	r[0] = fmt.Sprintf("%04d%02d%02d%04d", y, m, d, inc.ID)
	if y > 0 {
		r[1], r[2], r[3] = strconv.Itoa(y), strconv.Itoa(m), strconv.Itoa(d)
	}
	r[5] = "0"
	var loc extract.Location
	if inc.Location != nil {
		loc = *inc.Location
	}
	cc := e.c.countries[loc.Country]
	r[6], r[7], r[8], r[9] = cc.GTDCode, cc.GTDName, cc.GTDRegion, cc.GTDRegionName
	if r[7] == "" {
		r[7] = loc.Country
	}
	r[10] = loc.Admin1
	if loc.Precision == "point" || loc.Precision == "city" {
		r[11] = loc.Name
	}
	r[12], r[13] = coord(loc.Lat), coord(loc.Lon)
	if s := g.Specificity[loc.Precision]; s > 0 {
		r[14] = strconv.Itoa(s)
	}
	r[15], r[16], r[17] = "0", summary(inc), "0"
	r[18] = "1"
	if inc.Subtype == "disrupted_weapons_use" {
		r[18] = "0" // stopped before it did harm
	}
	r[19] = "0"
	if inc.Subtype == "suicide_bomb" {
		r[19] = "1"
	}
	at := "unknown"
	if inc.AttackType != nil {
		if _, ok := g.AttackTypes[*inc.AttackType]; ok {
			at = *inc.AttackType
		}
	} else if s, ok := g.AttackTypeBySubtype[inc.Subtype]; ok {
		at = s
	}
	r[20], r[21] = strconv.Itoa(g.AttackTypes[at].Code), g.AttackTypes[at].Label
	tt := "unknown"
	if o := others(inc); len(o) > 0 {
		tt = e.targetType(o[0])
		r[24] = participantName(o[0])
	}
	r[22], r[23] = strconv.Itoa(g.TargetTypes[tt].Code), g.TargetTypes[tt].Label
	r[25] = "Unknown"
	if len(inc.Perpetrators) > 0 {
		r[25] = participantName(inc.Perpetrators[0])
	}
	r[26] = "0"
	switch inc.Certainty {
	case extract.Alleged, extract.Suspected:
		r[26] = "1" // the perpetrator is suspected, not established
	}
	r[27] = "0"
	for _, c := range inc.Claims {
		if c.Kind == "claims_responsibility" {
			r[27] = "1"
		}
	}
	wt := e.weaponType(inc)
	r[28], r[29] = strconv.Itoa(g.WeaponTypes[wt].Code), g.WeaponTypes[wt].Label
	r[30], r[31] = itoaOr(best(inc.Killed), ""), itoaOr(best(inc.Wounded), "")
	r[32] = "-9" // property damage: unknown
	r[33] = "0"
	if strings.HasPrefix(at, "hostage_taking") {
		r[33] = "1"
	}
	for i := 0; i < 3 && i < len(inc.Sources); i++ {
		r[34+i] = articleRef(inc.Sources[i])
	}
	r[37] = "sitrep"
	e.st.Incidents++
	return e.w.Write(r)
}

// targetType applies the target rules of codes.yaml: catalog name prefix,
// then kind.
func (e *gtdEncoder) targetType(p extract.Participant) string {
	if p.Actor != nil {
		for prefix, tt := range e.c.GTD.TargetByNamePrefix {
			if strings.HasPrefix(*p.Actor, prefix) {
				return tt
			}
		}
	}
	if tt, ok := e.c.GTD.TargetByKind[e.kinds.of(p)]; ok {
		return tt
	}
	return "unknown"
}

// weaponType applies the weapon rules of codes.yaml: the first weapon
// phrase with a known word (read from its end: "car bomb" is a bomb), else
// the subtype's usual weapon.
func (e *gtdEncoder) weaponType(inc *store.Incident) string {
	for _, w := range inc.Weapons {
		words := strings.Fields(strings.ToLower(w))
		for i := len(words) - 1; i >= 0; i-- {
			if wt, ok := e.c.GTD.WeaponWords[words[i]]; ok {
				return wt
			}
			if wt, ok := e.c.GTD.WeaponWords[strings.TrimSuffix(words[i], "s")]; ok {
				return wt
			}
		}
	}
	if wt, ok := e.c.GTD.WeaponTypeBySubtype[inc.Subtype]; ok {
		return wt
	}
	return "unknown"
}
