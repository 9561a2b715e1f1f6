package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"sitrep/internal/cluster"
	"sitrep/internal/extract"
)

// A report as reconcile reads it.
type reconReport struct {
	article   int64
	published time.Time
	duplicate bool
	e         extract.Event
}

// reconcileAll recomputes incidents' fields, counts and actors from their
// reports, in the order of ids, and deletes those with none left. It reads
// every incident's reports in one query and replaces their actors with one
// DELETE and one INSERT, not four statements an incident: on PostgreSQL
// each statement is a round trip, and the writer spent most of a batch
// waiting on them. The incident rows are still updated one by one in id
// order, before their actors (see reconcileBatch).
//
// created are the fields incidents made in this transaction were
// inserted with (see linkReport): one whose reports reconcile to the same
// fields (most new incidents: one report) is not written again.
func (s *sqlStore) reconcileAll(ctx context.Context, tx *sql.Tx, ids []int64, created map[int64][]any) error {
	if len(ids) == 0 {
		return nil
	}
	in, js := s.idIn("ir.incident_id", ids)
	// The event's data by a lookup per report (every report has its
	// event: the foreign key cascades): PostgreSQL without statistics
	// joined all of events by hash instead.
	rows, err := s.stmt(ctx, tx, `SELECT ir.incident_id, ir.article_id, ir.published, ir.duplicate,
		(SELECT e.data FROM events e WHERE e.id = ir.event_id)
		FROM incident_reports ir
		WHERE `+in+` ORDER BY ir.incident_id, ir.published, ir.event_id`).QueryContext(ctx, js)
	if err != nil {
		return fmt.Errorf("incidents' reports: %w", err)
	}
	reps := make(map[int64][]reconReport, len(ids))
	for rows.Next() {
		var inc int64
		var r reconReport
		var data []byte
		if err := rows.Scan(&inc, &r.article, timeCol{&r.published}, &r.duplicate, &data); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal(data, &r.e); err != nil {
			rows.Close()
			return fmt.Errorf("incident %d: report: %w", inc, err)
		}
		reps[inc] = append(reps[inc], r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var kept []int64
	var actors []any
	for _, id := range ids {
		if len(reps[id]) == 0 {
			if _, err := s.stmt(ctx, tx, `DELETE FROM incidents WHERE id = $1`).ExecContext(ctx, id); err != nil {
				return fmt.Errorf("incident %d: %w", id, err)
			}
			continue
		}
		ev, fields, err := incidentFields(reps[id])
		if err != nil {
			return err
		}
		if !sameArgs(fields, created[id]) {
			if err := s.updateIncident(ctx, tx, id, fields); err != nil {
				return err
			}
		}
		kept = append(kept, id)
		actors = appendActors(actors, id, ev)
	}
	return s.putActors(ctx, tx, kept, actors)
}

// updateIncident writes an incident's fields (incidentFields').
func (s *sqlStore) updateIncident(ctx context.Context, tx *sql.Tx, id int64, fields []any) error {
	args := append(append([]any{id}, fields...), s.tv(s.clock()))
	_, err := s.stmt(ctx, tx, `UPDATE incidents SET type = $2, subtype = $3, date_start = $4, date_end = $5,
		location = $6, country = $7, admin1 = $8, lat = $9, lon = $10, killed_best = $11, killed_min = $12,
		killed_max = $13, wounded_best = $14, wounded_min = $15, wounded_max = $16, certainty = $17,
		report_count = $18, data = $19, changed_at = $20 WHERE id = $1`).ExecContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("incident %d: %w", id, err)
	}
	return nil
}

// sameArgs reports whether two lists of incidentFields are equal (a
// missing list equals none). Their values are strings, numbers and nils.
func sameArgs(a, b []any) bool {
	if len(a) != len(b) || b == nil {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// incidentFieldCols are the incidents columns incidentFields fills, in
// its order.
const incidentFieldCols = `type, subtype, date_start, date_end, location, country, admin1, lat, lon,
	killed_best, killed_min, killed_max, wounded_best, wounded_min, wounded_max, certainty, report_count, data`

// incidentFields reconciles reports into an incident's fields
// (incidentFieldCols) as query arguments.
func incidentFields(reps []reconReport) (extract.Event, []any, error) {
	ev, counted := reconcileEvent(reps)
	data, err := json.Marshal(ev)
	if err != nil {
		return ev, nil, err
	}
	var ds, de, lat, lon any
	if ev.Date != nil {
		ds, de = nullable(ev.Date.Start), nullable(ev.Date.End)
	}
	var place, country, admin1 string
	if l := ev.Location; l != nil {
		place, country, admin1 = l.Name, l.Country, l.Admin1
		if l.Lat != nil && l.Lon != nil {
			lat, lon = *l.Lat, *l.Lon
		}
	}
	kb, kmin, kmax := countBest(ev.Killed)
	wb, wmin, wmax := countBest(ev.Wounded)
	return ev, []any{ev.Type, ev.Subtype, ds, de, place, country, admin1, lat, lon, kb, kmin, kmax, wb, wmin, wmax,
		ev.Certainty, counted, string(data)}, nil
}

func countBest(c *extract.Count) (best, lo, hi any) {
	if c == nil {
		return nil, nil, nil
	}
	lo = c.Min
	if c.Max != nil {
		hi = *c.Max
	}
	if c.Best != nil {
		best = *c.Best
	}
	return best, lo, hi
}

// The roles of incident_actors.
const (
	rolePerpetrator = "perpetrator"
	roleTarget      = "target"
	roleVictim      = "victim"
)

// appendActors adds the incident_actors rows (incident, actor, role,
// resolved) of incident id, reconciled as ev, to args.
func appendActors(args []any, id int64, ev extract.Event) []any {
	type key struct{ actor, role string }
	seen := map[key]bool{}
	for _, g := range []struct {
		role string
		ps   []extract.Participant
	}{{rolePerpetrator, ev.Perpetrators}, {roleTarget, ev.Targets}, {roleVictim, ev.Victims}} {
		for _, p := range g.ps {
			name, resolved := participantName(p)
			if name == "" || seen[key{name, g.role}] {
				continue
			}
			seen[key{name, g.role}] = true
			args = append(args, id, name, g.role, resolved)
		}
	}
	return args
}

// idIn passes ids to a statement as one JSON argument ($1) and gives the
// condition that col is one of them, so a batch of any size is one
// statement and one round trip on either backend. On PostgreSQL the
// condition is = ANY of an array, which is an index lookup per id
// whatever the planner knows; IN a set of unknown size was planned, with
// no statistics, as a hash join over the whole table.
func (s *sqlStore) idIn(col string, ids []int64) (cond, arg string) {
	js, _ := json.Marshal(ids)
	if s.dialect == postgresDialect {
		return col + ` = ANY(ARRAY(SELECT CAST(jsonb_array_elements_text(CAST($1 AS JSONB)) AS BIGINT)))`, string(js)
	}
	return col + ` IN (SELECT value FROM json_each($1))`, string(js)
}

// putActors makes the actors of incidents ids rows (appendActors'): it
// reads the rows they have and deletes, updates and inserts only the
// ones that differ. Every row written runs the actor summary's trigger
// for its incident (on SQLite at once, on PostgreSQL at commit), which
// recomputes that incident's summary rows; deleting and inserting all of
// a touched incident's actors ran it twice a row, most often to put back
// what was there (a report joining an incident seldom names a new actor),
// and was most of reconciling. The summaries come out the same: the
// trigger reads the rows as they end up, and an incident whose actors
// do not change is recomputed when its own fields change (its trigger
// on incidents).
func (s *sqlStore) putActors(ctx context.Context, tx *sql.Tx, ids []int64, rows []any) error {
	if len(ids) == 0 {
		return nil
	}
	type key struct {
		inc         int64
		actor, role string
	}
	in, js := s.idIn("incident_id", ids)
	q, err := s.stmt(ctx, tx, `SELECT incident_id, actor, role, resolved FROM incident_actors WHERE `+in).QueryContext(ctx, js)
	if err != nil {
		return fmt.Errorf("incident actors: %w", err)
	}
	have := map[key]bool{}
	for q.Next() {
		var k key
		var resolved bool
		if err := q.Scan(&k.inc, &k.actor, &k.role, &resolved); err != nil {
			q.Close()
			return fmt.Errorf("incident actors: %w", err)
		}
		have[k] = resolved
	}
	q.Close()
	if err := q.Err(); err != nil {
		return fmt.Errorf("incident actors: %w", err)
	}
	const cols = 4
	want := make(map[key]bool, len(rows)/cols)
	var add []any
	for i := 0; i < len(rows); i += cols {
		k := key{rows[i].(int64), rows[i+1].(string), rows[i+2].(string)}
		resolved := rows[i+3].(bool)
		want[k] = resolved
		old, ok := have[k]
		switch {
		case !ok:
			add = append(add, rows[i:i+cols]...)
		case old != resolved:
			if _, err := s.stmt(ctx, tx, `UPDATE incident_actors SET resolved = $4
				WHERE incident_id = $1 AND actor = $2 AND role = $3`).ExecContext(ctx, k.inc, k.actor, k.role, resolved); err != nil {
				return fmt.Errorf("incident actors: %w", err)
			}
		}
	}
	var drop []key
	for k := range have {
		if _, ok := want[k]; !ok {
			drop = append(drop, k)
		}
	}
	slices.SortFunc(drop, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.inc, b.inc), strings.Compare(a.actor, b.actor), strings.Compare(a.role, b.role))
	})
	for _, k := range drop {
		if _, err := s.stmt(ctx, tx, `DELETE FROM incident_actors
			WHERE incident_id = $1 AND actor = $2 AND role = $3`).ExecContext(ctx, k.inc, k.actor, k.role); err != nil {
			return fmt.Errorf("incident actors: %w", err)
		}
	}
	for lo := 0; lo < len(add); lo += cols * maxRowsPerInsert {
		chunk := add[lo:min(lo+cols*maxRowsPerInsert, len(add))]
		n := len(chunk) / cols
		if _, err := s.stmtRows(ctx, tx, `INSERT INTO incident_actors (incident_id, actor, role, resolved) VALUES `+
			valuesList(n, cols), n).ExecContext(ctx, chunk...); err != nil {
			return fmt.Errorf("incident actors: %w", err)
		}
	}
	return nil
}

// participantName is the name an actor is kept under: the catalog's when
// resolved, else the text's.
func participantName(p extract.Participant) (string, bool) {
	if p.Actor != nil && *p.Actor != "" {
		return *p.Actor, true
	}
	return strings.TrimSpace(p.Name), false
}

// certaintyRank orders certainties from the surest: an incident is as
// certain as its surest report.
var certaintyRank = map[string]int{
	extract.Reported: 0, extract.Claimed: 1, extract.Alleged: 2, extract.Suspected: 3,
	extract.Denied: 4, extract.Hypothetical: 5,
}

// precisionRank orders place precisions from the most precise.
var precisionRank = map[string]int{"point": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}

// genericSubtypes are the sub-types a report uses when it knows no more
// (see cluster's rules): any more specific one wins over them.
var genericSubtypes = map[string]bool{"attack": true, "armed_clash": true, "other": true}

// reconcileEvent merges reports (oldest first) into an incident's fields,
// and returns how many reports count (near-duplicates do not):
//   - type and sub-type: the sub-type most reports give, a specific one
//     before a generic one ("attack", "armed_clash"), the earliest on a tie;
//   - date: the narrowest, then the one most reports give, then the earliest;
//   - place: the most precise, then the one most reports give;
//   - certainty: the surest; attack type: the one most reports give;
//   - participants, weapons and claims: the union;
//   - killed and wounded: see ReconcileRule (cluster.Number.Best).
//
// Duplicates (copies of another source's text) are skipped for everything
// but the union, which they cannot change.
func reconcileEvent(reps []reconReport) (extract.Event, int) {
	var counted []reconReport
	for _, r := range reps {
		if !r.duplicate {
			counted = append(counted, r)
		}
	}
	if len(counted) == 0 { // cannot happen: a duplicate joins a counted report
		counted = reps
	}
	var ev extract.Event

	// Sub-type.
	votes := map[string]int{}
	for _, r := range counted {
		votes[r.e.Subtype]++
	}
	generic := func(st string) bool { return st == "" || genericSubtypes[st] }
	for i, r := range counted {
		st, cur := r.e.Subtype, ev.Subtype
		if i == 0 || (generic(cur) && !generic(st)) || (generic(cur) == generic(st) && votes[st] > votes[cur]) {
			ev.Type, ev.Subtype = r.e.Type, st
		}
	}

	// Date.
	dateVotes := map[[2]string]int{}
	for _, r := range counted {
		if d := r.e.Date; d != nil && d.Start != "" {
			dateVotes[[2]string{d.Start, d.End}]++
		}
	}
	span := func(d *extract.Date) int {
		a, err1 := time.Parse(time.DateOnly, d.Start)
		b, err2 := time.Parse(time.DateOnly, d.End)
		if err1 != nil || err2 != nil {
			return 1 << 30
		}
		return int(b.Sub(a).Hours() / 24)
	}
	for _, r := range counted {
		d := r.e.Date
		if d == nil || d.Start == "" {
			continue
		}
		if ev.Date == nil {
			ev.Date = d
			continue
		}
		sd, sb := span(d), span(ev.Date)
		vd, vb := dateVotes[[2]string{d.Start, d.End}], dateVotes[[2]string{ev.Date.Start, ev.Date.End}]
		if sd < sb || (sd == sb && (vd > vb || (vd == vb && d.Start < ev.Date.Start))) {
			ev.Date = d
		}
	}

	// Place.
	placeVotes := map[string]int{}
	for _, r := range counted {
		if l := r.e.Location; l != nil {
			placeVotes[strings.ToLower(l.Name)]++
		}
	}
	prec := func(l *extract.Location) int {
		if p, ok := precisionRank[l.Precision]; ok {
			return p
		}
		return len(precisionRank)
	}
	for _, r := range counted {
		l := r.e.Location
		if l == nil {
			continue
		}
		if ev.Location == nil {
			ev.Location = l
			continue
		}
		pl, pb := prec(l), prec(ev.Location)
		if pl < pb || (pl == pb && placeVotes[strings.ToLower(l.Name)] > placeVotes[strings.ToLower(ev.Location.Name)]) {
			ev.Location = l
		}
	}

	// Certainty and attack type.
	attackVotes := map[string]int{}
	for i, r := range counted {
		c, ok := certaintyRank[r.e.Certainty]
		if cur, ok2 := certaintyRank[ev.Certainty]; i == 0 || (ok && (!ok2 || c < cur)) {
			ev.Certainty = r.e.Certainty
		}
		if a := r.e.AttackType; a != nil {
			attackVotes[*a]++
			if ev.AttackType == nil || attackVotes[*a] > attackVotes[*ev.AttackType] {
				ev.AttackType = a
			}
		}
	}

	// Unions, over every report.
	type pkey struct{ name string }
	addParts := func(dst []extract.Participant, seen map[pkey]bool, ps []extract.Participant) []extract.Participant {
		for _, p := range ps {
			name, _ := participantName(p)
			k := pkey{strings.ToLower(name)}
			if name == "" || seen[k] {
				continue
			}
			seen[k] = true
			dst = append(dst, p)
		}
		return dst
	}
	seenP, seenT, seenV := map[pkey]bool{}, map[pkey]bool{}, map[pkey]bool{}
	seenW, seenC := map[string]bool{}, map[extract.Claim]bool{}
	for _, r := range reps {
		ev.Perpetrators = addParts(ev.Perpetrators, seenP, r.e.Perpetrators)
		ev.Targets = addParts(ev.Targets, seenT, r.e.Targets)
		ev.Victims = addParts(ev.Victims, seenV, r.e.Victims)
		for _, w := range r.e.Weapons {
			if !seenW[w] {
				seenW[w] = true
				ev.Weapons = append(ev.Weapons, w)
			}
		}
		for _, c := range r.e.Claims {
			if !seenC[c] {
				seenC[c] = true
				ev.Claims = append(ev.Claims, c)
			}
		}
	}

	// Tolls.
	ev.Killed = reconcileCount(counted, func(e *extract.Event) *extract.Count { return e.Killed })
	ev.Wounded = reconcileCount(counted, func(e *extract.Event) *extract.Count { return e.Wounded })
	return ev, len(counted)
}

// reconcileCount is a toll over the reports: Min and Max the lowest and
// highest value any gave (a report's lower bound, and its upper bound when
// it gives one), Best by cluster.Number.Best over the reports' lower
// bounds — the figure each states ("at least 12" states 12).
func reconcileCount(reps []reconReport, get func(*extract.Event) *extract.Count) *extract.Count {
	var n cluster.Number
	hi := 0
	for _, r := range reps {
		c := get(&r.e)
		if c == nil {
			continue
		}
		n.Reports = append(n.Reports, cluster.Report{ArticleID: fmt.Sprint(r.article), Published: r.published, Value: c.Min})
		hi = max(hi, c.Min)
		if c.Max != nil {
			hi = max(hi, *c.Max)
		}
	}
	best, ok := n.Best()
	if !ok {
		return nil
	}
	lo, _ := n.Range()
	return &extract.Count{Min: lo, Max: &hi, Best: &best}
}
