package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"sitrep/internal/extract"
)

// --- the Incidents contract over SQL ---

// incidentSort is how one IncidentFilter.Sort orders rows: by col (id
// alone when ""), then id, the same direction; a nullable column's NULLs
// come last either way.
type incidentSort struct {
	col      string
	desc     bool
	nullable bool
	number   bool // the column is an integer (else text)
}

var incidentSorts = map[string]incidentSort{
	"":        {col: "date_start", desc: true, nullable: true},
	"date":    {col: "date_start", desc: true, nullable: true},
	"-date":   {col: "date_start", nullable: true},
	"killed":  {col: "killed_best", desc: true, nullable: true, number: true},
	"reports": {col: "report_count", desc: true, number: true},
	"id":      {},
}

// incidentCursor is the last row of a page: its sort value (null when
// NULL) and id. On the wire it is opaque: base64 of its JSON.
type incidentCursor struct {
	Sort string `json:"s"`
	Null bool   `json:"n,omitempty"`
	Text string `json:"t,omitempty"`
	Num  int64  `json:"v,omitempty"`
	ID   int64  `json:"i"`
}

func (c incidentCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeIncidentCursor(s, sort string) (incidentCursor, error) {
	var c incidentCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Sort != sort || c.ID < 0 {
		return c, fmt.Errorf("%w %q", ErrBadCursor, s)
	}
	return c, nil
}

// where builds a WHERE clause with numbered placeholders.
type where struct {
	conds []string
	args  []any
}

// add appends a condition; each ? in it is the next argument.
func (w *where) add(cond string, vs ...any) {
	for _, v := range vs {
		w.args = append(w.args, v)
		cond = strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1)
	}
	w.conds = append(w.conds, cond)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return "1 = 1"
	}
	return strings.Join(w.conds, " AND ")
}

// actorRoles are the SQL conditions of an IncidentFilter's ActorRole:
// actors on incident_actors' role (alias-free, after "actor = ?"), rows on
// actor_incidents' roles (migration 0019: 1 perpetrator, + 2 target or
// victim). Both are "" for any role. Constants, not input.
type actorRoles struct{ actors, rows string }

// actorRoleSQL checks f.ActorRole and returns its conditions.
func actorRoleSQL(f IncidentFilter) (actorRoles, error) {
	switch {
	case f.ActorRole == "":
		return actorRoles{}, nil
	case f.Actor == "":
		return actorRoles{}, fmt.Errorf("store: an actor role (%q) needs an actor", f.ActorRole)
	case f.ActorRole == ByPerpetrator:
		return actorRoles{" AND role = '" + rolePerpetrator + "'", "roles IN (1, 3)"}, nil
	case f.ActorRole == ByTarget:
		return actorRoles{" AND role IN ('" + roleTarget + "', '" + roleVictim + "')", "roles IN (2, 3)"}, nil
	}
	return actorRoles{}, fmt.Errorf("store: unknown actor role %q (want %q or %q)", f.ActorRole, ByPerpetrator, ByTarget)
}

// incidentWhere is the WHERE clause over incidents (alias i) for f.
func (s *sqlStore) incidentWhere(f IncidentFilter) (*where, error) {
	return s.incidentWhereQ(f, walkTests{})
}

// commonMatches is how many articles a full-text match must reach for a
// list to test each incident it walks (see incidentWhereQ) rather than
// collect every match first; on SQLite, everyMatches is how many it must reach
// (estimated from the newest wordSample articles) for that test to ask the
// full-text index about each incident's articles rather than list every
// matching article once.
var (
	commonMatches = 5000   // variables so tests can take the other paths
	everyMatches  = 200000 // measured on the 1M load store: see incidentWhereQ
)

const wordSample = 20000

// commonWords says how common the words of q are: 0 (fewer than
// commonMatches articles match them all), 1 (fewer than about
// everyMatches, or any more on PostgreSQL) or 2. The first count stops at commonMatches, so it costs
// at most that many rowids; a word past it is counted among the newest
// wordSample articles only, and their share scaled to the store: the
// incidents a list by date meets first are theirs, and the share is what
// decides how far it walks.
func (s *sqlStore) commonWords(ctx context.Context, q string) (int, error) {
	ws := searchWords(q)
	if len(ws) == 0 {
		return 0, nil
	}
	if s.dialect != sqliteDialect {
		// PostgreSQL estimates a word's articles well from the search
		// column's statistics (on the 1M store: "Mexico" 3,738 for 4,165,
		// "Ukraine" 9,286 for 9,303) but not what testing an incident
		// costs: it walked 13,130 incidents for a page of "Mexico",
		// reading each one's reports and articles (0.33 s), where
		// collecting the matches and sorting their incidents took 0.06 s.
		// Its estimate is read from the plan, which costs no execution:
		// counting matches read tens of thousands of articles for a word
		// in one article in twelve.
		var plan string
		err := s.readRow(ctx, `EXPLAIN (FORMAT JSON) SELECT 1 FROM articles
			WHERE search @@ plainto_tsquery('simple', '`+strings.ReplaceAll(strings.Join(ws, " "), "'", "''")+`')`).Scan(&plan)
		if err != nil {
			return 0, fmt.Errorf("store: searching %q: %w", q, err)
		}
		var est []struct {
			Plan struct {
				Rows float64 `json:"Plan Rows"`
			}
		}
		if err := json.Unmarshal([]byte(plan), &est); err != nil || len(est) == 0 {
			return 0, fmt.Errorf("store: searching %q: reading the plan: %v", q, err)
		}
		if est[0].Plan.Rows < float64(2*commonMatches) {
			return 0, nil
		}
		return 1, nil
	}
	match := `"` + strings.Join(ws, `" "`) + `"`
	var n int
	err := s.readRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles_fts
		WHERE articles_fts MATCH $1 LIMIT `+strconv.Itoa(commonMatches)+`) m`, match).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: searching %q: %w", q, err)
	}
	if n < commonMatches {
		return 0, nil
	}
	var last int64
	if err := s.readRow(ctx, `SELECT COALESCE(max(id), 0) FROM articles`).Scan(&last); err != nil {
		return 0, fmt.Errorf("store: searching %q: %w", q, err)
	}
	err = s.readRow(ctx, `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH $1 AND rowid > $2`,
		match, last-wordSample).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: searching %q: %w", q, err)
	}
	if float64(n)*float64(max(last, wordSample))/wordSample >= float64(everyMatches) {
		return 2, nil
	}
	return 1, nil
}

// commonActorIncidents is how many incidents an actor must have for a
// SQLite list to test each incident it walks for that actor rather than
// collect and sort all of them first.
var commonActorIncidents = 5000 // a variable so tests can take the other path

// commonActor reports whether actor has at least commonActorIncidents
// incidents; counting stops there and reads only the (actor, role,
// incident_id) index.
func (s *sqlStore) commonActor(ctx context.Context, actor string) (bool, error) {
	if s.dialect != sqliteDialect || actor == "" {
		return false, nil
	}
	var n int
	err := s.readRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM incident_actors
		WHERE actor = $1 LIMIT `+strconv.Itoa(commonActorIncidents)+`) m`, actor).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: actor %q: %w", actor, err)
	}
	return n >= commonActorIncidents, nil
}

// walkTests says which filters a list should test on each incident it
// walks (EXISTS) rather than collect up front (IN), because what they
// match is common enough that a page fills quickly on the walk.
type walkTests struct {
	words             int // 0: collect; 1: test against every match; 2: ask the index per incident
	actor, box, cells bool
}

// commonBoxPoints is how many points a bounding box must hold for a list
// filtered by it alone to walk the list's index testing each incident's
// point, rather than find the box's points on the spatial index and sort
// them. On the 1M load store a 5-degree box over a populated area holds
// tens of thousands of points, all read and sorted for one page; a walk
// meets one every few dozen incidents. A box with fewer points costs at
// most this many.
var commonBoxPoints = 2000 // a variable so tests can take the other path

// commonBox reports whether f's bounding box is the list's only filter
// (dates aside) and holds at least commonBoxPoints incidents' points;
// counting stops there.
func (s *sqlStore) commonBox(ctx context.Context, f IncidentFilter) (bool, error) {
	b := f.BBox
	if b == nil || b[0] > b[2] {
		return false, nil
	}
	g := IncidentFilter{BBox: b, From: f.From, To: f.To, Sort: f.Sort, Limit: f.Limit, Cursor: f.Cursor, NoSources: f.NoSources}
	if f != g {
		return false, nil
	}
	query := `SELECT count(*) FROM (SELECT 1 FROM incident_points
		WHERE max_lon >= $1 AND min_lon <= $3 AND max_lat >= $2 AND min_lat <= $4 LIMIT ` + strconv.Itoa(commonBoxPoints) + `) m`
	if s.dialect != sqliteDialect {
		query = `SELECT count(*) FROM (SELECT 1 FROM incidents i WHERE point(i.lon, i.lat) <@ box(point($1, $2), point($3, $4))
			AND i.lon IS NOT NULL AND i.lat IS NOT NULL LIMIT ` + strconv.Itoa(commonBoxPoints) + `) m`
	}
	var n int
	if err := s.readRow(ctx, query, b[0], b[1], b[2], b[3]).Scan(&n); err != nil {
		return false, fmt.Errorf("store: bounding box: %w", err)
	}
	return n >= commonBoxPoints, nil
}

// incidentWhereQ is incidentWhere; with walk.words 1 or 2 (SQLite only), a
// word search tests each incident for a matching report (EXISTS) instead of
// listing the incidents of every matching article. A list walks an index
// in its order and stops after a page, so for a word in a quarter of the
// articles (measured on the 1M store: "attack", 251,282 articles) that
// costs 0.06 s of CPU instead of 0.4–0.6 s; for a rare word it would walk
// every incident, hence the count first. walk.actor does the same for an
// actor filter: the walk costs about a page divided by the actor's share
// of incidents (the 1M store's most frequent actor, in one incident of
// eight: 0.3 s of collecting and sorting 121,817 incidents before), the
// collection costs the actor's incidents.
func (s *sqlStore) incidentWhereQ(f IncidentFilter, walk walkTests) (*where, error) {
	w := &where{}
	if f.From != "" {
		from, err := time.Parse(time.DateOnly, f.From)
		if err != nil {
			return nil, fmt.Errorf("store: bad From date %q (want YYYY-MM-DD)", f.From)
		}
		w.add("i.date_end >= ?", f.From)
		// Implied for any incident dated within MaxEventSpanDays; what lets
		// the date index bound the scan from below.
		w.add("i.date_start >= ?", from.AddDate(0, 0, -MaxEventSpanDays).Format(time.DateOnly))
	}
	if f.To != "" {
		if _, err := time.Parse(time.DateOnly, f.To); err != nil {
			return nil, fmt.Errorf("store: bad To date %q (want YYYY-MM-DD)", f.To)
		}
		w.add("i.date_start <= ?", f.To)
	}
	for _, c := range []struct{ col, v string }{
		{"country", f.Country}, {"admin1", f.Admin1}, {"type", f.Type},
		{"subtype", f.Subtype}, {"certainty", f.Certainty},
	} {
		if c.v != "" {
			w.add("i."+c.col+" = ?", c.v)
		}
	}
	if b := f.BBox; b != nil {
		west, south, east, north := b[0], b[1], b[2], b[3]
		for _, v := range b {
			if v != v { // NaN
				return nil, fmt.Errorf("store: bad bounding box %v", *b)
			}
		}
		if south > north || south < -90 || north > 90 || west < -180 || west > 180 || east < -180 || east > 180 {
			return nil, fmt.Errorf("store: bad bounding box %v (want west, south, east, north in degrees)", *b)
		}
		// A walk tests each incident it meets: "+" keeps SQLite from
		// reading the (lon, lat) index instead of the list's.
		plus := ""
		if walk.box && s.dialect == sqliteDialect {
			plus = "+"
		}
		w.add(plus+"i.lat BETWEEN ? AND ?", south, north)
		if west <= east {
			w.add(plus+"i.lon BETWEEN ? AND ?", west, east)
		} else {
			w.add("(i.lon >= ? OR i.lon <= ?)", west, east)
		}
		// The spatial index of migration 0006 finds the candidates of both
		// ranges at once; the exact tests above stay (the R*Tree rounds to
		// 32-bit floats). A box across the antimeridian is rare: the tests
		// above alone.
		switch {
		case west > east || walk.box || walk.cells:
		case s.dialect == sqliteDialect:
			w.add("i.id IN (SELECT id FROM incident_points WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)",
				west, east, south, north)
		default:
			w.add("point(i.lon, i.lat) <@ box(point(?, ?), point(?, ?)) AND i.lon IS NOT NULL AND i.lat IS NOT NULL",
				west, south, east, north)
		}
	}
	roles, err := actorRoleSQL(f)
	if err != nil {
		return nil, err
	}
	if f.Actor != "" && walk.actor {
		w.add("EXISTS (SELECT 1 FROM incident_actors a WHERE a.incident_id = i.id AND a.actor = ?"+roles.actors+")", f.Actor)
	} else if f.Actor != "" {
		w.add("i.id IN (SELECT incident_id FROM incident_actors WHERE actor = ?"+roles.actors+")", f.Actor)
	}
	if f.MinKilled > 0 {
		w.add("i.killed_best >= ?", f.MinKilled)
	}
	if f.ArticleID != 0 {
		w.add("i.id IN (SELECT incident_id FROM incident_reports WHERE article_id = ?)", f.ArticleID)
	}
	if ws := searchWords(f.Q); len(ws) > 0 {
		if s.dialect == sqliteDialect && walk.words == 2 {
			// The full-text index seeks each article's rowid in the
			// words' lists, which costs some hundreds of times listing
			// one match for the test below, so it pays only for a word
			// in more than about one article in six. Measured on the 1M
			// store (this driver, one page, best of 3, listing every
			// match / seeking): "killed", in all 1.18M articles, 469 /
			// 14 ms; "Protest" (295,699) 106 / 60 ms; "Attack"
			// (251,282) 106 / 62 ms; "civilians" (212,017) 100 / 113
			// ms; "State" (92,002) 30 / 206 ms.
			w.add(`EXISTS (SELECT 1 FROM incident_reports ir WHERE ir.incident_id = i.id
				AND EXISTS (SELECT 1 FROM articles_fts f WHERE articles_fts MATCH ? AND f.rowid = ir.article_id))`,
				`"`+strings.Join(ws, `" "`)+`"`)
		} else if s.dialect == sqliteDialect && walk.words == 1 {
			// The matches are listed once (SQLite builds a set of them
			// for IN), then each incident walked is tested against it.
			w.add(`EXISTS (SELECT 1 FROM incident_reports ir WHERE ir.incident_id = i.id
				AND ir.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`,
				`"`+strings.Join(ws, `" "`)+`"`)
		} else if s.dialect == sqliteDialect {
			w.add(`i.id IN (SELECT ir.incident_id FROM incident_reports ir
				WHERE ir.article_id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))`,
				`"`+strings.Join(ws, `" "`)+`"`)
		} else {
			// A rare word's matches are collected first: OFFSET 0 keeps
			// PostgreSQL from turning the IN into a walk of the list's
			// index that tests each incident (see commonWords).
			fence := ""
			if walk.words == 0 {
				fence = " OFFSET 0"
			}
			w.add(`i.id IN (SELECT ir.incident_id FROM incident_reports ir
				WHERE ir.article_id IN (SELECT id FROM articles WHERE search @@ plainto_tsquery('simple', ?))`+fence+`)`,
				strings.Join(ws, " "))
		}
	} else if strings.TrimSpace(f.Q) != "" {
		// Words only: a query with none matches nothing.
		w.add("1 = 0")
	}
	return w, nil
}

const incidentCols = `i.id, i.data, i.killed_best, i.killed_min, i.killed_max, i.wounded_best,
	i.wounded_min, i.wounded_max, i.created_at, i.changed_at, i.date_start, i.report_count`

// incidentRow is a scanned incident and its sort values.
type incidentRow struct {
	in        Incident
	dateStart sql.NullString
	killed    sql.NullInt64
	reports   int64
}

func scanIncident(row scanner) (incidentRow, error) {
	var r incidentRow
	var data []byte
	var kmin, kmax, wbest, wmin, wmax sql.NullInt64
	err := row.Scan(&r.in.ID, &data, &r.killed, &kmin, &kmax, &wbest, &wmin, &wmax,
		timeCol{&r.in.CreatedAt}, timeCol{&r.in.ChangedAt}, &r.dateStart, &r.reports)
	if err != nil {
		return r, err
	}
	if err := decodeEvent(data, &r.in.Event); err != nil {
		return r, fmt.Errorf("store: incident %d: %w", r.in.ID, err)
	}
	r.in.Evidence = nil
	return r, nil
}

func (s *sqlStore) QueryIncidents(ctx context.Context, f IncidentFilter) (IncidentPage, error) {
	so, ok := incidentSorts[f.Sort]
	if !ok {
		return IncidentPage{}, fmt.Errorf("store: bad sort %q (want date, -date, killed, reports or id)", f.Sort)
	}
	var walk walkTests
	var err error
	if walk.words, err = s.commonWords(ctx, f.Q); err != nil {
		return IncidentPage{}, err
	}
	// An actor listed by date walks the actor's own index of
	// actor_incidents (migration 0009) in that order: a page costs a page
	// of the actor's incidents, however many it has. Any other order
	// tests or collects as before.
	byActor := f.Actor != "" && so.col == "date_start" && actorDateWalk
	if !byActor {
		if walk.actor, err = s.commonActor(ctx, f.Actor); err != nil {
			return IncidentPage{}, err
		}
	}
	cells := boxCells(f, so)
	if cells != nil {
		walk.cells = true
	} else if walk.box, err = s.commonBox(ctx, f); err != nil {
		return IncidentPage{}, err
	}
	roles, err := actorRoleSQL(f)
	if err != nil {
		return IncidentPage{}, err
	}
	wf := f
	if byActor {
		wf.Actor, wf.ActorRole = "", ""
	}
	w, err := s.incidentWhereQ(wf, walk)
	if err != nil {
		return IncidentPage{}, err
	}
	from, keys := "incidents i", sortKeys{col: "i." + so.col, id: "i.id"}
	if byActor {
		// CROSS JOIN keeps SQLite's join order (the actor's index first);
		// PostgreSQL plans it as the inner join it is.
		from, keys = "actor_incidents ax CROSS JOIN incidents i", sortKeys{col: "ax.date_start", id: "ax.incident_id"}
		w.add("ax.actor = ?", f.Actor)
		if roles.rows != "" {
			w.add("ax." + roles.rows)
		}
		w.add("i.id = ax.incident_id")
	}
	var cur *incidentCursor
	if f.Cursor != "" {
		c, err := decodeIncidentCursor(f.Cursor, f.Sort)
		if err != nil {
			return IncidentPage{}, err
		}
		cur = &c
	}
	limit := pageSize(f.Limit)
	// A PostgreSQL word search finds the page's ids first and reads only
	// their rows: the incidents it walks or collects and sorts are then
	// read from the (date_start, id) index alone (an index-only scan)
	// rather than each from the table, which for a word in a few per cent
	// of the articles was thousands of rows for one page. SQLite defers
	// the row itself until a row passes its tests.
	deferRows := s.dialect != sqliteDialect && !byActor && len(searchWords(f.Q)) > 0
	var got []incidentRow
	for _, seg := range sortSegments(w, so, cur, keys) {
		n := strconv.Itoa(limit + 1 - len(got))
		query := `SELECT ` + incidentCols + ` FROM ` + from + ` WHERE ` + seg.w.String() +
			` ORDER BY ` + seg.order + ` LIMIT ` + n
		args := seg.w.args
		switch {
		case cells != nil:
			query, args = s.cellsQuery(seg, cells, n)
		case deferRows:
			query = `SELECT ` + incidentCols + ` FROM (SELECT i.id FROM incidents i WHERE ` + seg.w.String() +
				` ORDER BY ` + seg.order + ` LIMIT ` + n + `) c CROSS JOIN incidents i WHERE i.id = c.id ORDER BY ` + seg.order
		}
		rows, err := s.readQuery(ctx, query, args...)
		if err != nil {
			return IncidentPage{}, fmt.Errorf("store: incidents: %w", err)
		}
		for rows.Next() {
			r, err := scanIncident(rows)
			if err != nil {
				rows.Close()
				return IncidentPage{}, err
			}
			got = append(got, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return IncidentPage{}, err
		}
		if len(got) > limit {
			break
		}
	}
	var page IncidentPage
	if len(got) > limit {
		got = got[:limit]
		last := got[limit-1]
		c := incidentCursor{Sort: f.Sort, ID: last.in.ID}
		switch so.col {
		case "date_start":
			c.Null, c.Text = !last.dateStart.Valid, last.dateStart.String
		case "killed_best":
			c.Null, c.Num = !last.killed.Valid, last.killed.Int64
		case "report_count":
			c.Num = last.reports
		}
		page.Next = c.encode()
	}
	page.Incidents = make([]Incident, len(got))
	ids := make([]int64, len(got))
	for i, r := range got {
		page.Incidents[i] = r.in
		ids[i] = r.in.ID
	}
	if f.NoSources {
		return page, nil
	}
	sources, err := s.incidentSources(ctx, ids)
	if err != nil {
		return IncidentPage{}, err
	}
	for i := range page.Incidents {
		page.Incidents[i].Sources = sources[page.Incidents[i].ID]
	}
	return page, nil
}

// maxBoxCells is how many one-degree cells (migration 0011) a bounding box
// may cover for a list to walk each of them (boxCells). Each is one index
// seek and at most a page of index entries; a larger box holds more points,
// which the walk of the list's own index meets sooner (commonBox).
const maxBoxCells = 100

// boxCellWalk says whether a box listed by date walks its cells (a
// variable so tests can compare with the other paths).
var boxCellWalk = true

// boxCells returns the one-degree cells of f's bounding box when a list
// in so's order should walk them: the box is the filter (dates aside, as
// the cells' index holds them too), it does not cross the antimeridian,
// the order is by date, and it covers at most maxBoxCells cells. Else nil.
// A cell is trunc(lat + 90) * 361 + trunc(lon + 180), as the index
// computes it in float64: the same sums truncated give the same cells.
func boxCells(f IncidentFilter, so incidentSort) []int {
	b := f.BBox
	if b == nil || so.col != "date_start" || !boxCellWalk {
		return nil
	}
	g := IncidentFilter{BBox: b, From: f.From, To: f.To, Sort: f.Sort, Limit: f.Limit, Cursor: f.Cursor, NoSources: f.NoSources}
	if f != g {
		return nil
	}
	west, south, east, north := b[0], b[1], b[2], b[3]
	// NaN and out-of-range boxes are refused by incidentWhereQ; none may
	// reach the arithmetic below.
	if !(west <= east && south <= north && south >= -90 && north <= 90 && west >= -180 && east <= 180) {
		return nil
	}
	r0, r1 := int(south+90), int(north+90)
	c0, c1 := int(west+180), int(east+180)
	if (r1-r0+1)*(c1-c0+1) > maxBoxCells {
		return nil
	}
	var cells []int
	for r := r0; r <= r1; r++ {
		for c := c0; c <= c1; c++ {
			cells = append(cells, r*361+c)
		}
	}
	return cells
}

// The cell of an incident as the index of migration 0011 computes it;
// the text must be the index's own.
const (
	sqliteCellExpr   = `(CAST(i.lat + 90 AS INTEGER) * 361 + CAST(i.lon + 180 AS INTEGER))`
	postgresCellExpr = `(CAST(floor(i.lat + 90) AS INTEGER) * 361 + CAST(floor(i.lon + 180) AS INTEGER))`
)

// cellsQuery is a segment of a page of a box listed by date: each cell's
// first n incidents in the segment's order, read from the cells' index
// alone, then the first n of all of them, then their rows. The segment's
// conditions (the box's exact tests, dates, the cursor) are tested on
// the index entries. It returns the query and its arguments (the
// segment's, then on SQLite the cells).
func (s *sqlStore) cellsQuery(seg sortSegment, cells []int, n string) (string, []any) {
	var ids string
	args := seg.w.args
	if s.dialect == sqliteDialect {
		// SQLite has no LATERAL; a correlated IN does the same: for each
		// cell of the JSON list, its first n in the index's order, then
		// their rows by id. (It was one UNION ALL arm per cell, 36 for a
		// five-degree box, whose parsing and planning cost more than the
		// walks: 3 ms a request, a tenth of the server's CPU on a 100k
		// store with the response cache off.) The text is the same for
		// any cells, so it is kept prepared.
		list := make([]string, len(cells))
		for k, c := range cells {
			list[k] = strconv.Itoa(c)
		}
		args = append(slices.Clip(args), "["+strings.Join(list, ",")+"]")
		outer := strings.ReplaceAll(seg.order, "i.", "x.")
		ids = `SELECT x.id FROM json_each($` + strconv.Itoa(len(args)) + `) cell CROSS JOIN incidents x
			WHERE x.id IN (SELECT i.id FROM incidents i INDEXED BY incidents_cell WHERE ` + sqliteCellExpr + ` = cell.value
				AND i.lat IS NOT NULL AND i.lon IS NOT NULL AND ` + seg.w.String() + `
				ORDER BY ` + seg.order + ` LIMIT ` + n + `) ORDER BY ` + outer + ` LIMIT ` + n
	} else {
		list := make([]string, len(cells))
		for k, c := range cells {
			list[k] = strconv.Itoa(c)
		}
		ids = `SELECT i.id FROM unnest(ARRAY[` + strings.Join(list, `, `) + `]) AS cell(v) CROSS JOIN LATERAL
			(SELECT i.id, i.date_start FROM incidents i WHERE ` + postgresCellExpr + ` = cell.v
				AND i.lat IS NOT NULL AND i.lon IS NOT NULL AND ` + seg.w.String() + `
				ORDER BY ` + seg.order + ` LIMIT ` + n + `) i ORDER BY ` + seg.order + ` LIMIT ` + n
	}
	return `SELECT ` + incidentCols + ` FROM (` + ids + `) c CROSS JOIN incidents i WHERE i.id = c.id ORDER BY ` + seg.order, args
}

// sortSegment is one query of a page: its WHERE and ORDER BY.
type sortSegment struct {
	w     *where
	order string
}

// sortSegments splits a page in so's order after c (nil: from the start)
// into queries each of which an index on (col, id) walks in order: for a
// nullable column, the rows with a value, then those without (NULLs come
// last either way). One ORDER BY "(col IS NULL), col, id" would say the
// same, but no index matches it, so every page would sort the whole table.
func sortSegments(base *where, so incidentSort, c *incidentCursor, k sortKeys) []sortSegment {
	dir, cmp := "ASC", ">"
	if so.desc {
		dir, cmp = "DESC", "<"
	}
	clone := func() *where {
		return &where{conds: slices.Clone(base.conds), args: slices.Clone(base.args)}
	}
	if so.col == "" {
		w := clone()
		if c != nil {
			w.add(k.id+" "+cmp+" ?", c.ID)
		}
		return []sortSegment{{w, k.id + " " + dir}}
	}
	col, id := k.col, k.id
	var segs []sortSegment
	if c == nil || !c.Null {
		w := clone()
		if so.nullable {
			w.add(col + " IS NOT NULL")
		}
		if c != nil {
			var v any = c.Text
			if so.number {
				v = c.Num
			}
			// A row value compares both keys as the index orders them.
			w.add("("+col+", "+id+") "+cmp+" (?, ?)", v, c.ID)
		}
		segs = append(segs, sortSegment{w, col + " " + dir + ", " + id + " " + dir})
	}
	if so.nullable {
		w := clone()
		w.add(col + " IS NULL")
		if c != nil && c.Null {
			w.add(id+" "+cmp+" ?", c.ID)
		}
		segs = append(segs, sortSegment{w, id + " " + dir})
	}
	return segs
}

// sortKeys are the columns a page's segments order and compare by: the
// sort column (unused for the id order) and the incident id, as the index
// the page walks holds them (i.date_start and i.id, or a copy of them in
// another table).
type sortKeys struct{ col, id string }

// actorDateWalk says whether an actor filter listed by date walks
// actor_incidents (a variable so tests can compare with the other paths).
var actorDateWalk = true

// incidentSources lists each incident's articles, earliest first.
func (s *sqlStore) incidentSources(ctx context.Context, ids []int64) (map[int64][]Source, error) {
	out := map[int64][]Source{}
	if len(ids) == 0 {
		return out, nil
	}
	// An article that tells an incident twice (two events) is one of its
	// sources: its rows are the same and, in this order, next to each
	// other, so the second is skipped here. (A DISTINCT did the same in a
	// temporary B-tree of every row's columns, besides the ORDER BY's.)
	ph, args := s.idList(ids)
	rows, err := s.readQuery(ctx, `SELECT ir.incident_id, a.id, a.external_id, a.url, a.title,
		a.source, a.published FROM incident_reports ir JOIN articles a ON a.id = ir.article_id
		WHERE ir.incident_id IN (`+ph+`) ORDER BY ir.incident_id, a.published, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: incident sources: %w", err)
	}
	defer rows.Close()
	var lastInc, lastArticle int64 = -1, -1
	for rows.Next() {
		var inc int64
		src, err := scanSource(rows, &inc)
		if err != nil {
			return nil, err
		}
		if inc == lastInc && src.ArticleID == lastArticle {
			continue
		}
		lastInc, lastArticle = inc, src.ArticleID
		out[inc] = append(out[inc], src)
	}
	return out, rows.Err()
}

// scanSource reads (id, external_id, url, title, source, published) after
// the leading columns lead.
func scanSource(row scanner, lead ...any) (Source, error) {
	var src Source
	var ext, u sql.NullString
	var origin string
	var pub time.Time
	if err := row.Scan(append(lead, &src.ArticleID, &ext, &u, &src.Title, &origin, timeCol{&pub})...); err != nil {
		return src, err
	}
	src.ExternalID, src.URL = ext.String, u.String
	src.Outlet = outlet(u.String, origin)
	if !pub.IsZero() {
		src.Published = &pub
	}
	return src, nil
}

// outlet is the site an article came from: the host of its URL, or of
// where it was read from, without "www.".
func outlet(urls ...string) string {
	for _, raw := range urls {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return ""
}

// idList is the list of an IN over ids, and its arguments: on SQLite one
// argument, the ids as a JSON array read by json_each, so that the
// statement's text is the same for any number of ids and is kept prepared
// (readStmts), and so that its plan does not depend on the values bound
// (SQLite's STAT4 re-prepares a statement whose plan read a bound value,
// as an IN list of placeholders on an indexed column does, every time it
// is run); on PostgreSQL placeholders (pgx keeps those statements).
func (s *sqlStore) idList(ids []int64) (string, []any) {
	if s.dialect != sqliteDialect {
		return placeholders(ids, 0)
	}
	b := make([]byte, 0, 8*len(ids)+2)
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	b = append(b, ']')
	return "SELECT value FROM json_each($1)", []any{string(b)}
}

// placeholders is "$k+1, $k+2, ..." for ids, and them as arguments.
func placeholders(ids []int64, k int) (string, []any) {
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i] = "$" + strconv.Itoa(k+i+1)
		args[i] = id
	}
	return strings.Join(ph, ", "), args
}

// Incident reads the incident, its reports, their articles and events in
// one query and the reports' evidence in a second. It used to take five
// (incident, sources, reports, events, evidence); under load each waited
// for a pooled connection in turn, so a cheap page queued five times.
func (s *sqlStore) Incident(ctx context.Context, id int64) (Incident, error) {
	rows, err := s.readQuery(ctx, `SELECT `+incidentCols+`, ir.event_id, ir.duplicate, ir.score, e.data,
		a.id, a.external_id, a.url, a.title, a.source, a.published
		FROM incidents i JOIN incident_reports ir ON ir.incident_id = i.id
		JOIN articles a ON a.id = ir.article_id JOIN events e ON e.id = ir.event_id
		WHERE i.id = $1 ORDER BY ir.published, ir.event_id`, id)
	if err != nil {
		return Incident{}, fmt.Errorf("store: incident %d: %w", id, err)
	}
	defer rows.Close()
	var in Incident
	found := false
	sources := map[int64]Source{}
	for rows.Next() {
		var r incidentRow
		var data []byte
		var kmin, kmax, wbest, wmin, wmax sql.NullInt64
		var rep Report
		var dup bool
		var score sql.NullFloat64
		var evData []byte
		dest := []any{&r.in.ID, &data, &r.killed, &kmin, &kmax, &wbest, &wmin, &wmax,
			timeCol{&r.in.CreatedAt}, timeCol{&r.in.ChangedAt}, &r.dateStart, &r.reports,
			&rep.EventID, &dup, &score, &evData}
		src, err := scanSource(rows, dest...)
		if err != nil {
			return Incident{}, err
		}
		if !found {
			if err := decodeEvent(data, &r.in.Event); err != nil {
				return Incident{}, fmt.Errorf("store: incident %d: %w", id, err)
			}
			r.in.Evidence = nil
			in, found = r.in, true
		}
		sources[src.ArticleID] = src
		if dup {
			continue
		}
		if err := decodeEvent(evData, &rep.Event); err != nil {
			return Incident{}, fmt.Errorf("store: event %d: %w", rep.EventID, err)
		}
		rep.Source, rep.Score = src, score.Float64
		in.Reports = append(in.Reports, rep)
	}
	if err := rows.Err(); err != nil {
		return Incident{}, err
	}
	rows.Close()
	if !found {
		// No reports (not left by merging, but possible): the row alone.
		r, err := scanIncident(s.readRow(ctx, `SELECT `+incidentCols+` FROM incidents i WHERE i.id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return Incident{}, ErrNotFound
		}
		return r.in, err
	}
	for _, src := range sources {
		in.Sources = append(in.Sources, src)
	}
	// Earliest first, as incidentSources orders them (a missing date first).
	slices.SortFunc(in.Sources, func(a, b Source) int {
		var ta, tb time.Time
		if a.Published != nil {
			ta = *a.Published
		}
		if b.Published != nil {
			tb = *b.Published
		}
		if c := ta.Compare(tb); c != 0 {
			return c
		}
		return cmp.Compare(a.ArticleID, b.ArticleID)
	})
	if len(in.Reports) == 0 {
		return in, nil
	}
	ids := make([]int64, len(in.Reports))
	byEvent := map[int64]int{}
	for k, rep := range in.Reports {
		ids[k] = rep.EventID
		byEvent[rep.EventID] = k
	}
	ph, args := s.idList(ids)
	erows, err := s.readQuery(ctx, `SELECT event_id, start_offset, end_offset, text
		FROM evidence WHERE event_id IN (`+ph+`) ORDER BY event_id, seq`, args...)
	if err != nil {
		return Incident{}, fmt.Errorf("store: evidence: %w", err)
	}
	defer erows.Close()
	for erows.Next() {
		var eid int64
		var ev extract.Evidence
		if err := erows.Scan(&eid, &ev.Start, &ev.End, &ev.Text); err != nil {
			return Incident{}, err
		}
		e := &in.Reports[byEvent[eid]].Event
		e.Evidence = append(e.Evidence, ev)
	}
	return in, erows.Err()
}

// weekGroup is ByWeek's key as a count of rollup rows groups it: an
// expression of i.date_start that is the same for every day of a week and
// orders weeks as their Mondays do, and the expression of the answer's key
// (aggregateKey's text for the week) over that value as %s. A year's
// timeline groups some 2,200 rows of incident_day_types into 53 weeks per
// type: the calendar arithmetic of aggregateKey's text ran for each row
// (SQLite parsed its two modifiers every time; grouping this way took a
// quarter off the request's CPU on the 100k load store, and PostgreSQL's
// to_char per row was most of a whole-history timeline), the shown key's
// only for each answered week.
func (s *sqlStore) weekGroup() (group, show string) {
	if s.dialect == sqliteDialect {
		// The Julian day number of the day (julianday is its noon - 0.5
		// for a date, plus the time of day if any) rounded down to a
		// multiple of 7: day numbers divisible by 7 are Mondays. NULL and
		// text that is no date stay NULL, as with date().
		return "(CAST(julianday(i.date_start) + 0.5 AS INTEGER) / 7 * 7)", "date(%s - 0.5)"
	}
	return "date_trunc('week', CAST(i.date_start AS DATE))", "to_char(%s, 'YYYY-MM-DD')"
}

// aggregateKey is the SQL expression of a CountIncidents key, and for an
// actor key the roles it covers.
func (s *sqlStore) aggregateKey(key string) (expr string, roles []string, err error) {
	switch key {
	case ByDay:
		return "substr(i.date_start, 1, 10)", nil, nil
	case ByWeek:
		if s.dialect == sqliteDialect {
			return "date(i.date_start, '-6 days', 'weekday 1')", nil, nil
		}
		return "to_char(date_trunc('week', CAST(i.date_start AS DATE)), 'YYYY-MM-DD')", nil, nil
	case ByMonth:
		return "substr(i.date_start, 1, 7)", nil, nil
	case ByYear:
		return "substr(i.date_start, 1, 4)", nil, nil
	case ByType, BySubtype, ByCountry, ByAdmin1:
		return "i." + key, nil, nil
	case ByActor:
		return "", []string{rolePerpetrator, roleTarget, roleVictim}, nil
	case ByPerpetrator:
		return "", []string{rolePerpetrator}, nil
	case ByTarget:
		return "", []string{roleTarget, roleVictim}, nil
	}
	return "", nil, fmt.Errorf("store: cannot count incidents by %q", key)
}

func (s *sqlStore) CountIncidents(ctx context.Context, f IncidentFilter, by ...string) ([]Bucket, error) {
	return s.countIncidents(ctx, f, by, true)
}

// countIncidents is CountIncidents, from the rollups only if withRollups
// (tests compare the two).
func (s *sqlStore) countIncidents(ctx context.Context, f IncidentFilter, by []string, withRollups bool) ([]Bucket, error) {
	if len(by) < 1 || len(by) > 2 {
		return nil, fmt.Errorf("store: count incidents by one or two keys, not %d", len(by))
	}
	w, err := s.incidentWhere(f)
	if err != nil {
		return nil, err
	}
	// Counted from a rollup when one holds every column the filter and the
	// keys use (see rollup.go); else over the incidents themselves.
	ru, useRollup := rollupFor(f, by)
	useRollup = useRollup && withRollups
	if withRollups && dayTypesFit(f, by) {
		exprs := make([]string, len(by))
		shows := make([]string, len(by))
		for k, key := range by {
			if exprs[k], _, err = s.aggregateKey(key); err != nil {
				return nil, err
			}
			if key == ByWeek {
				exprs[k], shows[k] = s.weekGroup()
			}
		}
		var earliest string
		if f.From != "" {
			from, _ := time.Parse(time.DateOnly, f.From) // incidentWhere checked it
			earliest = from.AddDate(0, 0, -MaxEventSpanDays).Format(time.DateOnly)
		}
		query, args := dayTypeCountsSQL(exprs, shows, f.From, earliest, f.To, f.Type)
		return s.scanBuckets(ctx, query, args, len(by))
	}
	if withRollups && (actorTargetsFit(f, by) || actorPlacesFit(f, by)) {
		return s.actorRollupCounts(ctx, f, by)
	}
	// killedCol and woundedCol are from's columns for an incident's dead
	// and wounded, killed and wounded their sums over a key's rows.
	from, count, killedCol, woundedCol := "incidents i", "count(*)", "i.killed_best", "i.wounded_best"
	noDate := "i.date_start IS NOT NULL"
	idCol := "i.id" // the incident's id in from
	if withRollups && actorCountsFit(f, by) {
		// The actor's rows of actor_incidents (see rollup.go): the same
		// WHERE without the actor's subquery, and the actor's key instead.
		g := f
		g.Actor, g.ActorRole, g.MinKilled = "", "", 0
		if w, err = s.incidentWhere(g); err != nil {
			return nil, err
		}
		w.add("i.actor = ?", f.Actor)
		roles, err := actorRoleSQL(f)
		if err != nil {
			return nil, err
		}
		if roles.rows != "" {
			w.add("i." + roles.rows)
		}
		if f.MinKilled > 0 {
			// killed is killed_best or 0, the same test for N > 0.
			w.add("i.killed >= ?", f.MinKilled)
		}
		from, killedCol, woundedCol = "actor_incidents i", "i.killed", "i.wounded"
		idCol = "i.incident_id"
		if s.dialect == sqliteDialect {
			// With a country too, SQLite took the (actor, country, type,
			// date_start) index and read each row from the table for the
			// rest: 0.6-0.7 s for an actor's 49,000 incidents in one
			// country of the 1M store. This one holds every column read.
			from = "actor_incidents i INDEXED BY actor_incidents_date"
		}
	}
	killed, wounded := "sum("+killedCol+")", "sum("+woundedCol+")"
	if useRollup {
		// Sums of BIGINT are NUMERIC in PostgreSQL; the counts fit in one.
		from, count = ru.table+" i", "CAST(sum(i.incidents) AS BIGINT)"
		killed, wounded = "CAST(sum(i.killed) AS BIGINT)", "CAST(sum(i.wounded) AS BIGINT)"
		noDate = ru.noDate
		if f.To != "" {
			w.add(noDate) // '' (no date) sorts before any To
		}
	}
	var exprs []string
	byRole := false // a key is an actor in some roles
	for k, key := range by {
		expr, roles, err := s.aggregateKey(key)
		if err != nil {
			return nil, err
		}
		if e := ru.exprs[key]; useRollup && e != "" {
			expr = e
		}
		switch {
		case roles != nil:
			alias := "a" + strconv.Itoa(k)
			ph := make([]string, len(roles))
			for j, r := range roles {
				ph[j] = "'" + r + "'" // constants of this file, not input
			}
			from += ` JOIN incident_actors ` + alias + ` ON ` + alias + `.incident_id = ` + idCol +
				` AND ` + alias + `.role IN (` + strings.Join(ph, ", ") + `)`
			expr = alias + ".actor"
			byRole = true
		case key == ByDay || key == ByWeek || key == ByMonth || key == ByYear:
			w.add(noDate)
		}
		exprs = append(exprs, expr)
	}
	keys := strings.Join(exprs, ", ")
	if byRole && !useRollup {
		// An actor may hold two of the roles in one incident (target and
		// victim): each incident counts once per key, so the rows are
		// made distinct after the filter, not before it. A DISTINCT
		// subquery of incident_actors joined whole read every row of
		// the roles first (1.0 s for the most frequent actor's targets
		// on the 1M store, 0.5 s this way).
		inner := make([]string, len(exprs))
		outer := make([]string, len(exprs))
		for k, e := range exprs {
			outer[k] = "k" + strconv.Itoa(k)
			inner[k] = e + " AS " + outer[k]
		}
		okeys := strings.Join(outer, ", ")
		return s.scanBuckets(ctx, `SELECT `+okeys+`, count(*), COALESCE(sum(x.kl), 0), COALESCE(sum(x.wd), 0)
			FROM (SELECT DISTINCT `+idCol+` AS iid, `+strings.Join(inner, ", ")+`, `+killedCol+` AS kl, `+woundedCol+` AS wd
			FROM `+from+` WHERE `+w.String()+`) x GROUP BY `+okeys+` ORDER BY `+okeys, w.args, len(by))
	}
	if useRollup && slices.Contains(by, ByWeek) && ru.dated {
		// A dated rollup holds a row per day (and more keys): grouped as
		// the day rollups' timeline is (see weekGroup).
		shows := make([]string, len(by))
		for k, key := range by {
			if key == ByWeek {
				exprs[k], shows[k] = s.weekGroup()
			}
		}
		return s.scanBuckets(ctx, shownKeys(exprs, shows, count+` AS n, COALESCE(`+killed+`, 0) AS kl, COALESCE(`+wounded+`, 0) AS wd`,
			`FROM `+from+` WHERE `+w.String(), ""), w.args, len(by))
	}
	return s.scanBuckets(ctx, `SELECT `+keys+`, `+count+`, COALESCE(`+killed+`, 0),
		COALESCE(`+wounded+`, 0) FROM `+from+` WHERE `+w.String()+` GROUP BY `+keys+` ORDER BY `+keys, w.args, len(by))
}

// actorRollupCounts counts f by keys from actor_targets or actor_places
// (see actorTargetsFit and actorPlacesFit): the actor's rows summed by the
// keys, and on PostgreSQL their deltas' (migration 0021). A row holds no
// incident once its count is 0 (the sync, or the fold, deletes it), so no
// bucket is empty, as in the exact query.
func (s *sqlStore) actorRollupCounts(ctx context.Context, f IncidentFilter, by []string) ([]Bucket, error) {
	g := f
	g.Actor, g.ActorRole = "", ""
	w, err := s.incidentWhere(g)
	if err != nil {
		return nil, err
	}
	w.add("i.actor = ?", f.Actor)
	table := "actor_places"
	exprs := make([]string, len(by))
	for k, key := range by {
		if key == ByTarget {
			exprs[k], table = "i.target", "actor_targets"
			continue
		}
		if exprs[k], _, err = s.aggregateKey(key); err != nil {
			return nil, err
		}
	}
	keys := strings.Join(exprs, ", ")
	// A key whose delta rows (PostgreSQL) take out its incidents sums to
	// 0: no bucket, as after the fold deletes it.
	return s.scanBuckets(ctx, `SELECT `+keys+`, CAST(sum(i.incidents) AS BIGINT), CAST(sum(i.killed) AS BIGINT),
		CAST(sum(i.wounded) AS BIGINT) FROM `+s.actorRollupTable(table)+` i WHERE `+w.String()+` GROUP BY `+keys+`
		HAVING sum(i.incidents) > 0 ORDER BY `+keys, w.args, len(by))
}

// scanBuckets runs a count whose rows are nkeys keys, then incidents,
// killed and wounded.
func (s *sqlStore) scanBuckets(ctx context.Context, query string, args []any, nkeys int) ([]Bucket, error) {
	rows, err := s.readQuery(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: counting incidents: %w", err)
	}
	defer rows.Close()
	var out []Bucket
	for rows.Next() {
		b := Bucket{Keys: make([]string, nkeys)}
		dest := make([]any, 0, nkeys+3)
		vals := make([]sql.NullString, nkeys)
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		dest = append(dest, &b.Incidents, &b.Killed, &b.Wounded)
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		for i, v := range vals {
			b.Keys[i] = v.String
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func (s *sqlStore) Actors(ctx context.Context, f IncidentFilter, limit int) ([]ActorCount, error) {
	return s.actors(ctx, f, limit, true)
}

// actors is Actors, from actor_summary only if withSummary (tests compare
// the two).
func (s *sqlStore) actors(ctx context.Context, f IncidentFilter, limit int, withSummary bool) ([]ActorCount, error) {
	w, err := s.incidentWhere(f)
	if err != nil {
		return nil, err
	}
	limit = pageSize(limit)
	// The filtered incidents first, then their actors by the primary key
	// (one row per incident and actor, whatever its roles): grouping all
	// of incident_actors before the filter read every row of it.
	query := `SELECT actor, max(resolved), count(*), COALESCE(sum(killed_best), 0),
		min(date_start), max(date_start)
		FROM (SELECT a.actor, max(CAST(a.resolved AS INTEGER)) AS resolved, i.killed_best, i.date_start
			FROM incidents i JOIN incident_actors a ON a.incident_id = i.id
			WHERE ` + w.String() + ` GROUP BY i.id, a.actor) ia
		GROUP BY actor ORDER BY count(*) DESC, actor LIMIT ` + strconv.Itoa(limit)
	if withSummary && actorSummaryFits(f) {
		// Even so, every incident of a big country is one row each (0.8 s
		// for Nigeria's on the 1M store, 5-8 s for all incidents); the
		// summary has one per actor, country and type.
		query = fmt.Sprintf(actorSummarySQL, w.String(), limit)
	}
	rows, err := s.readQuery(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: actors: %w", err)
	}
	defer rows.Close()
	var out []ActorCount
	for rows.Next() {
		var a ActorCount
		var resolved int
		var first, last sql.NullString
		if err := rows.Scan(&a.Name, &resolved, &a.Incidents, &a.Killed, &first, &last); err != nil {
			return nil, err
		}
		a.Resolved, a.First, a.Last = resolved != 0, first.String, last.String
		out = append(out, a)
	}
	return out, rows.Err()
}

func (s *sqlStore) SimilarArticles(ctx context.Context, articleID int64, limit int) ([]SimilarArticle, error) {
	limit = pageSize(limit)
	found := map[int64]*SimilarArticle{}
	var order []int64
	get := func(id int64) *SimilarArticle {
		if a, ok := found[id]; ok {
			return a
		}
		a := &SimilarArticle{Source: Source{ArticleID: id}}
		found[id] = a
		order = append(order, id)
		return a
	}
	// Copies: the article's root copy, and every article with that root.
	var dupOf sql.NullInt64
	err := s.readRow(ctx, `SELECT duplicate_of FROM articles WHERE id = $1`, articleID).Scan(&dupOf)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	root := articleID
	if dupOf.Valid {
		root = dupOf.Int64
	}
	rows, err := s.readQuery(ctx, `SELECT id FROM articles WHERE (id = $1 OR duplicate_of = $1) AND id <> $2`, root, articleID)
	if err != nil {
		return nil, fmt.Errorf("store: similar articles: %w", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		get(id).NearDuplicate = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.readQuery(ctx, `SELECT o.article_id, count(DISTINCT o.incident_id)
		FROM incident_reports m JOIN incident_reports o ON o.incident_id = m.incident_id
		WHERE m.article_id = $1 AND o.article_id <> $1 GROUP BY o.article_id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("store: similar articles: %w", err)
	}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return nil, err
		}
		get(id).Shared = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(order) == 0 {
		return nil, nil
	}
	slices.SortFunc(order, func(a, b int64) int {
		x, y := found[a], found[b]
		switch {
		case x.NearDuplicate != y.NearDuplicate:
			if x.NearDuplicate {
				return -1
			}
			return 1
		case x.Shared != y.Shared:
			return y.Shared - x.Shared
		}
		return int(a - b)
	})
	if len(order) > limit {
		order = order[:limit]
	}
	ph, args := s.idList(order)
	rows, err = s.readQuery(ctx, `SELECT id, external_id, url, title, source, published FROM articles WHERE id IN (`+ph+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: similar articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		src, err := scanSource(rows)
		if err != nil {
			return nil, err
		}
		found[src.ArticleID].Source = src
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]SimilarArticle, len(order))
	for i, id := range order {
		out[i] = *found[id]
	}
	return out, nil
}
