package export

import (
	"bufio"
	"encoding/csv"
	"strconv"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// acledColumns are ACLED's columns in ACLED's order, so that scripts that
// read ACLED's CSV by name or by position read this one.
var acledColumns = []string{"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
	"inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
	"admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
	"fatalities", "tags", "timestamp"}

type acledEncoder struct {
	w     *csv.Writer
	st    *Stats
	c     *codebook
	kinds kinds
	row   []string
}

func newACLED(w *bufio.Writer, st *Stats, c *codebook, k kinds) *acledEncoder {
	return &acledEncoder{w: csv.NewWriter(w), st: st, c: c, kinds: k, row: make([]string, len(acledColumns))}
}

func (e *acledEncoder) begin() error { return e.w.Write(acledColumns) }

func (e *acledEncoder) end() error {
	e.w.Flush()
	return e.w.Error()
}

func (e *acledEncoder) write(inc *store.Incident) error {
	a := &e.c.ACLED
	r := e.row
	clear(r)
	var cc country
	var loc extract.Location
	if inc.Location != nil {
		loc = *inc.Location
		cc = e.c.countries[loc.Country]
	}
	prefix := cc.ISO3
	if prefix == "" {
		prefix = "XXX" // no country: still a unique id
	}
	r[0] = prefix + strconv.FormatInt(inc.ID, 10)
	if d := inc.Date; d != nil {
		r[1] = d.Start
		if y, _, _, ok := dateParts(d.Start); ok {
			r[2] = strconv.Itoa(y)
		}
		if p := a.TimePrecision[d.Precision]; p > 0 {
			r[3] = strconv.Itoa(p)
		}
	}
	st := a.Subtypes[inc.Subtype]
	r[4], r[5], r[6] = st.Disorder, a.EventTypes[inc.Type], st.Label

	where := cc.ACLEDName
	if where == "" {
		where = loc.Country
	}
	bracket := func(s string) string {
		if where == "" {
			return s
		}
		return s + " (" + where + ")"
	}
	// Actor 1: the crowd of a protest or riot, else the first perpetrator,
	// else ACLED's unidentified armed group.
	inter1, inter2 := 0, 0
	perps := inc.Perpetrators
	if code, ok := a.ProtesterTypes[inc.Type]; ok {
		name := a.UnnamedActor[inc.Type]
		r[7], r[8], inter1 = bracket(name), names(perps), code
	} else if len(perps) > 0 {
		r[7], r[8], inter1 = e.actorName(perps[0], where), names(perps[1:]), a.Inter[e.kinds.of(perps[0])]
	} else {
		r[7], inter1 = bracket(a.UnnamedActor["default"]), a.Inter["unknown"]
	}
	civilians := inc.Type == extract.ViolenceAgainstCivilians
	if o := others(inc); len(o) > 0 {
		r[10], r[11], inter2 = e.actorName(o[0], where), names(o[1:]), a.Inter[e.kinds.of(o[0])]
		for _, p := range o {
			civilians = civilians || e.kinds.of(p) == "civilians"
		}
	}
	r[9] = strconv.Itoa(inter1)
	if inter2 > 0 {
		r[12] = strconv.Itoa(inter2)
	}
	// interaction: the two codes, lower first; a lone actor is code*10.
	lo, hi := inter1, inter2
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == 0 {
		r[13] = strconv.Itoa(hi * 10)
	} else {
		r[13] = strconv.Itoa(lo*10 + hi)
	}
	if civilians {
		r[14] = a.CivilianTargeting
	}
	r[15], r[16], r[17] = cc.ISONumeric, cc.ACLEDRegion, where
	r[18], r[19], r[21] = loc.Admin1, loc.Admin2, loc.Name
	r[22], r[23] = coord(loc.Lat), coord(loc.Lon)
	if p := a.GeoPrecision[loc.Precision]; p > 0 {
		r[24] = strconv.Itoa(p)
	}
	r[25], r[27] = outlets(inc), summary(inc)
	r[28] = itoaOr(best(inc.Killed), "0") // ACLED writes 0 for no reported fatalities
	if inc.Certainty != "" && inc.Certainty != extract.Reported {
		r[29] = "certainty=" + inc.Certainty
	}
	if !inc.ChangedAt.IsZero() {
		r[30] = strconv.FormatInt(inc.ChangedAt.Unix(), 10)
	}
	e.st.Incidents++
	return e.w.Write(r)
}

// actorName is the canonical actor, or "Civilians (Country)" for civilians
// the catalog did not name.
func (e *acledEncoder) actorName(p extract.Participant, where string) string {
	if p.Actor == nil && p.Kind == "civilians" && where != "" {
		return e.c.ACLED.CiviliansActor + " (" + where + ")"
	}
	return participantName(p)
}
