package store

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
}

var rollups = []rollup{
	{table: "incident_days", dated: true, keys: map[string]bool{
		ByDay: true, ByWeek: true, ByMonth: true, ByYear: true, ByType: true, BySubtype: true},
		noDate: "i.date_start <> ''"},
	{table: "incident_places", keys: map[string]bool{
		ByCountry: true, ByAdmin1: true, ByType: true, BySubtype: true}},
	{table: "incident_months", keys: map[string]bool{ByMonth: true, ByYear: true, ByCountry: true, ByType: true},
		exprs:  map[string]string{ByMonth: "i.month", ByYear: "substr(i.month, 1, 4)"},
		noDate: "i.month <> ''"},
}

// rollupFor is the rollup that can count f by keys exactly, if any.
func rollupFor(f IncidentFilter, keys []string) (rollup, bool) {
	if f.BBox != nil || f.Actor != "" || f.Certainty != "" || f.MinKilled > 0 ||
		f.Q != "" || f.ArticleID != 0 {
		return rollup{}, false
	}
	for _, r := range rollups {
		if !r.dated && (f.From != "" || f.To != "") {
			continue
		}
		if r.dated && (f.Country != "" || f.Admin1 != "") {
			continue
		}
		if r.table == "incident_months" && (f.Admin1 != "" || f.Subtype != "") {
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
	g := IncidentFilter{Country: f.Country, Type: f.Type, Limit: f.Limit, Cursor: f.Cursor, Sort: f.Sort}
	return f == g
}

// actorSummarySQL lists the actors of w's incidents (w over actor_summary,
// alias i, country and type only) from their summaries: a few rows per
// actor instead of one per incident. The columns are those of Actors'
// exact query.
const actorSummarySQL = `SELECT actor, CASE WHEN sum(resolved) > 0 THEN 1 ELSE 0 END, CAST(sum(incidents) AS BIGINT),
	CAST(sum(killed) AS BIGINT), min(first), max(last) FROM actor_summary i WHERE %s
	GROUP BY actor ORDER BY sum(incidents) DESC, actor LIMIT %d`
