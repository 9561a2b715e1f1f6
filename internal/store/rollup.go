package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Rollups (migration 0003): CountIncidents over a million incidents cannot
// scan them within the API's latency budget, so triggers keep per-key
// totals in incident_days (dates × type) and incident_places (place ×
// type). A count whose filter and keys fit inside one rollup's columns is
// answered from it; any other falls back to the exact query over incidents.
// Both rollups name their columns as incidents does, so incidentWhere and
// aggregateKey apply to them unchanged (alias i).

// rollup is one rollup table and the IncidentFilter fields and count keys
// its columns can answer.
type rollup struct {
	table string
	keys  map[string]bool
	dated bool // has date_start and date_end ('' for NULL)
	// exprs replaces aggregateKey's expression of a key, for a rollup
	// whose column differs from incidents'.
	exprs  map[string]string
	noDate string // the condition "has a date"
	// certainty: has a certainty column, so it can answer a Certainty
	// filter. Only such a rollup can.
	certainty bool
	// killed: holds only the incidents with at least one death, under
	// their exact killed_best, so it answers any MinKilled filter and
	// nothing without one.
	killed bool
}

var rollups = []rollup{
	// First: the smallest that fits wins (migration 0009).
	{table: "incident_type_countries", keys: map[string]bool{ByCountry: true, ByType: true}},
	{table: "incident_days", dated: true, keys: map[string]bool{
		ByDay: true, ByWeek: true, ByMonth: true, ByYear: true, ByType: true, BySubtype: true},
		noDate: "i.date_start <> ''"},
	{table: "incident_places", keys: map[string]bool{
		ByCountry: true, ByAdmin1: true, ByType: true, BySubtype: true}},
	{table: "incident_months", keys: map[string]bool{ByMonth: true, ByYear: true, ByCountry: true, ByType: true},
		exprs:  map[string]string{ByMonth: "i.month", ByYear: "substr(i.month, 1, 4)"},
		noDate: "i.month <> ''"},
	// Migration 0016: a certainty's timeline (larger than the others, so
	// asked only under a certainty filter).
	{table: "incident_certainties", dated: true, certainty: true, keys: map[string]bool{
		ByDay: true, ByWeek: true, ByMonth: true, ByYear: true, ByType: true},
		noDate: "i.date_start <> ''"},
	// Migration 0018: the timeline of a minimum of deaths, with or
	// without a certainty.
	{table: "incident_killed", dated: true, certainty: true, killed: true, keys: map[string]bool{
		ByDay: true, ByWeek: true, ByMonth: true, ByYear: true, ByType: true},
		noDate: "i.date_start <> ''"},
}

// rollupFor is the rollup that can count f by keys exactly, if any.
func rollupFor(f IncidentFilter, keys []string) (rollup, bool) {
	if f.BBox != nil || f.Actor != "" || f.Q != "" || f.ArticleID != 0 {
		return rollup{}, false
	}
	for _, r := range rollups {
		switch {
		case r.killed != (f.MinKilled > 0):
			continue
		case f.Certainty != "" && !r.certainty, r.certainty && !r.killed && f.Certainty == "":
			continue
		case r.certainty && (f.Subtype != "" || f.Country != "" || f.Admin1 != ""):
			continue
		}
		if !r.dated && (f.From != "" || f.To != "") {
			continue
		}
		if r.dated && (f.Country != "" || f.Admin1 != "") {
			continue
		}
		if (r.table == "incident_months" || r.table == "incident_type_countries") && (f.Admin1 != "" || f.Subtype != "") {
			continue
		}
		ok := true
		for _, k := range keys {
			ok = ok && r.keys[k]
		}
		if ok {
			return r, true
		}
	}
	return rollup{}, false
}

// actorSummaryFits reports whether actor_summary (migration 0006) can list
// the actors of the incidents f selects: it is keyed by actor, country and
// type only, so any other filter needs the incidents themselves.
func actorSummaryFits(f IncidentFilter) bool {
	g := IncidentFilter{Country: f.Country, Type: f.Type, Limit: f.Limit, Cursor: f.Cursor, Sort: f.Sort, NoSources: f.NoSources}
	return f == g
}

// actorSummarySQL lists the actors of w's incidents (w over actor_summary,
// alias i, country and type only) from their summaries: a few rows per
// actor instead of one per incident. The columns are those of Actors'
// exact query.
const actorSummarySQL = `SELECT actor, CASE WHEN sum(resolved) > 0 THEN 1 ELSE 0 END, CAST(sum(incidents) AS BIGINT),
	CAST(sum(killed) AS BIGINT), min(first), max(last) FROM actor_summary i WHERE %s
	GROUP BY actor ORDER BY sum(incidents) DESC, actor LIMIT %d`

// dayTypeKeys are the keys incident_day_types (migration 0009) can count
// by: expressions of an incident's first day and its type.
var dayTypeKeys = map[string]bool{ByDay: true, ByWeek: true, ByMonth: true, ByYear: true, ByType: true}

// dayTypesFit reports whether dayTypeCounts can count f by keys: perhaps
// a window of days (From, To or both) and a type, and keys of the first
// day and the type only. incident_day_types holds dated incidents only,
// which is all a window or a time key counts; a count by type alone with
// no window would miss the undated.
func dayTypesFit(f IncidentFilter, keys []string) bool {
	g := IncidentFilter{From: f.From, To: f.To, Type: f.Type, Limit: f.Limit, Cursor: f.Cursor, Sort: f.Sort, NoSources: f.NoSources}
	if f != g {
		return false
	}
	dated := f.From != "" || f.To != ""
	for _, k := range keys {
		if !dayTypeKeys[k] {
			return false
		}
		dated = dated || k != ByType
	}
	return dated
}

// dayTypeCountsSQL is the query of dayTypeCounts and its arguments, for
// incidents of [from, to] (either may be "": unbounded) and of typ if not
// "", grouped by exprs (over alias i) and keyed by them, or where shows[k]
// is not "" by shows[k] with the group's value in place of its %s (see
// weekGroup); shows may be nil.
//
// An incident matches the window when it starts on or before to and ends
// on or after from (incidentWhereQ). incident_day_types counts every dated
// incident under its first day, so the days [from, to] of it hold those
// starting in the window; all of them end on or after from except the
// odd ones of incident_spans (no last day, or one before the first),
// which are taken out again when they end before from. Those starting
// before from (at most MaxEventSpanDays before) that end on or after it
// are spans (odd = 0) and are added. Without from, the days up to to are
// the answer. A bucket whose incidents were all taken out sums to 0 and
// is dropped (HAVING), as the exact query would have no such bucket.
func dayTypeCountsSQL(exprs, shows []string, from, earliest, to, typ string) (string, []any) {
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	tail := func() string {
		var t string
		if to != "" {
			t += " AND date_start <= " + arg(to)
		}
		if typ != "" {
			t += " AND type = " + arg(typ)
		}
		return t
	}
	parts := []string{"SELECT date_start, type, incidents, killed, wounded FROM incident_day_types WHERE 1 = 1"}
	if from != "" {
		parts[0] += " AND date_start >= " + arg(from)
	}
	parts[0] += tail()
	if from != "" {
		parts = append(parts,
			"SELECT date_start, type, -incidents, -killed, -wounded FROM incident_spans WHERE odd = 1 AND date_start >= "+
				arg(from)+" AND date_end < "+arg(from)+tail(),
			"SELECT date_start, type, incidents, killed, wounded FROM incident_spans WHERE odd = 0 AND date_start >= "+
				arg(earliest)+" AND date_start < "+arg(from)+" AND date_end >= "+arg(from)+tail())
	}
	keys := strings.Join(exprs, ", ")
	query := `SELECT ` + keys + `, CAST(sum(i.incidents) AS BIGINT), CAST(sum(i.killed) AS BIGINT), CAST(sum(i.wounded) AS BIGINT)
		FROM (` + strings.Join(parts, " UNION ALL ") + `) i GROUP BY ` + keys + ` HAVING sum(i.incidents) > 0 ORDER BY ` + keys
	if !slices.ContainsFunc(shows, func(s string) bool { return s != "" }) {
		return query, args
	}
	return shownKeys(exprs, shows, `CAST(sum(i.incidents) AS BIGINT) AS n, CAST(sum(i.killed) AS BIGINT) AS kl, CAST(sum(i.wounded) AS BIGINT) AS wd`,
		`FROM (`+strings.Join(parts, " UNION ALL ")+`) i`, ` HAVING sum(i.incidents) > 0`), args
}

// shownKeys is a count grouped by exprs, each group keyed by its
// expression or, where shows[k] is not "", by shows[k] with the group's
// value in place of its %s (see weekGroup), ordered by the groups: the
// inner query groups (aggs are its counts, aliased n, kl and wd; from is
// its FROM and WHERE; having is "" or its HAVING), the outer one shows.
func shownKeys(exprs, shows []string, aggs, from, having string) string {
	inner := make([]string, len(exprs))
	outer := make([]string, len(exprs))
	for k, e := range exprs {
		a := "k" + strconv.Itoa(k)
		inner[k] = e + " AS " + a
		outer[k] = a
		if k < len(shows) && shows[k] != "" {
			outer[k] = strings.ReplaceAll(shows[k], "%s", a)
		}
	}
	return `SELECT ` + strings.Join(outer, ", ") + `, n, kl, wd FROM (SELECT ` + strings.Join(inner, ", ") + `, ` + aggs + `
		` + from + ` GROUP BY ` + strings.Join(exprs, ", ") + having + `) g ORDER BY ` + strings.Join(aliases(len(exprs)), ", ")
}

// aliases is "k0", "k1", ... "k(n-1)".
func aliases(n int) []string {
	out := make([]string, n)
	for k := range out {
		out[k] = "k" + strconv.Itoa(k)
	}
	return out
}

// actorCountKeys are the keys a count from actor_incidents can group by:
// its columns are named as incidents' are (alias i), and the other actors
// of the actor's incidents join on its incident_id as they join on
// incidents' id.
var actorCountKeys = map[string]bool{ByDay: true, ByWeek: true, ByMonth: true, ByYear: true, ByType: true, ByCountry: true,
	ByAdmin1: true, ByActor: true, ByPerpetrator: true, ByTarget: true}

// actorCountsFit reports whether a count of f by keys can read
// actor_incidents (migrations 0006, 0017, 0019) instead of the incidents:
// an actor filter, perhaps an actor role, a window of days, a type, a
// country, an admin1, a certainty and a minimum of deaths, and keys of
// those columns only. actor_incidents holds one row per incident and
// actor, so the actor's rows are its incidents, each once whatever its
// roles, as the exact query's "id IN (incidents of the actor)" counts
// them; its index on (actor, date_start, incident_id) includes every
// other column such a count reads but the actor's roles (an actor role
// reads the rows too).
func actorCountsFit(f IncidentFilter, keys []string) bool {
	g := IncidentFilter{Actor: f.Actor, ActorRole: f.ActorRole, From: f.From, To: f.To, Type: f.Type,
		Country: f.Country, Admin1: f.Admin1, Certainty: f.Certainty, MinKilled: f.MinKilled,
		Limit: f.Limit, Cursor: f.Cursor, Sort: f.Sort, NoSources: f.NoSources}
	if f.Actor == "" || f != g {
		return false
	}
	for _, k := range keys {
		if !actorCountKeys[k] {
			return false
		}
	}
	return true
}

// actorPlaceKeys are the keys actor_places (migration 0019) can count by.
var actorPlaceKeys = map[string]bool{ByCountry: true, ByAdmin1: true, ByType: true}

// actorPlacesFit reports whether a count of f by keys can read
// actor_places (migration 0019): an actor filter, perhaps a country, an
// admin1 and a type, and keys of those columns only. Per actor,
// actor_places counts its incidents (each once) by country, admin1 and
// type: an actor page's "places".
func actorPlacesFit(f IncidentFilter, keys []string) bool {
	g := IncidentFilter{Actor: f.Actor, Type: f.Type, Country: f.Country, Admin1: f.Admin1,
		Limit: f.Limit, Cursor: f.Cursor, Sort: f.Sort, NoSources: f.NoSources}
	if f.Actor == "" || f != g {
		return false
	}
	for _, k := range keys {
		if !actorPlaceKeys[k] {
			return false
		}
	}
	return true
}

// actorTargetsFit reports whether a count of f by keys can read
// actor_targets (migration 0019): an actor filter with ActorRole
// ByPerpetrator, perhaps a country and a type, and the key ByTarget,
// perhaps with a country or a type key. Per actor, actor_targets counts
// each incident it perpetrated once under every target or victim of it
// (the actor itself included if it was both), by the incident's country
// and type: an actor page's "targets and victims of its attacks".
//
// It holds perpetrator x target pairs only, not every pair of an
// incident's actors (by role, as the branch hA reverted in 9f929e1 did):
// an incident writes as many rows as its perpetrators times its targets
// and victims, about linear in its actors since an incident names few
// perpetrators, where every pair grew with the square of them and the
// sync rewriting them at each commit made concurrent writers 4x slower.
// The other counts of other actors under an actor (ByActor, ByPerpetrator,
// ByTarget under any role) join the actor's rows of actor_incidents to
// incident_actors (actorCountsFit), slower for an actor of 100,000
// incidents but needed by no page.
func actorTargetsFit(f IncidentFilter, keys []string) bool {
	g := IncidentFilter{Actor: f.Actor, ActorRole: ByPerpetrator, Type: f.Type, Country: f.Country,
		Limit: f.Limit, Cursor: f.Cursor, Sort: f.Sort, NoSources: f.NoSources}
	if f.Actor == "" || f != g {
		return false
	}
	targets := 0
	for _, k := range keys {
		switch k {
		case ByTarget:
			targets++
		case ByCountry, ByType:
		default:
			return false
		}
	}
	return targets == 1
}

// foldEvery is how often a store folds the actor rollups' deltas at most
// (see maybeFoldRollups).
const foldEvery = time.Second

// maybeFoldRollups folds the deltas of actor_targets and actor_places
// (PostgreSQL migration 0021) into them after a write, if this store has
// not for foldEvery: the deltas stay small (a second of every writer's
// rows), so readers sum few rows besides the base table's. The fold is a
// short transaction of its own after the writer's has committed, so the
// writer holds none of its locks meanwhile. Its error is dropped: the
// deltas stay, readers count them, and the next fold takes them.
func (s *sqlStore) maybeFoldRollups(ctx context.Context) {
	if s.dialect != postgresDialect {
		return
	}
	now := time.Now().UnixNano()
	last := s.lastFold.Load()
	if now-last < int64(foldEvery) || !s.lastFold.CompareAndSwap(last, now) {
		return
	}
	s.foldRollups(ctx) //nolint:errcheck // see above
}

// foldRollups moves the deltas of actor_targets and actor_places into
// them (actor_rollups_fold, migration 0021) and returns how many keys it
// wrote, -1 if another fold was running. On SQLite, whose sync updates the
// tables in place, there is nothing to fold.
func (s *sqlStore) foldRollups(ctx context.Context) (int64, error) {
	if s.dialect != postgresDialect {
		return 0, nil
	}
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT actor_rollups_fold()`).Scan(&n)
	return n, err
}

// actorRollupTable is what actorRollupCounts reads as table (actor_targets
// or actor_places): on PostgreSQL the table and its delta (migration
// 0021), whose rows readers add up with the table's.
func (s *sqlStore) actorRollupTable(table string) string {
	if s.dialect != postgresDialect {
		return table
	}
	cols := "actor, country, admin1, type, incidents, killed, wounded"
	if table == "actor_targets" {
		cols = "actor, target, country, type, incidents, killed, wounded"
	}
	return "(SELECT " + cols + " FROM " + table + " UNION ALL SELECT " + cols + " FROM " + table + "_delta)"
}
