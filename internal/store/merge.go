package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/cluster"
	"sitrep/internal/extract"
)

// Merging: every event PutArticle stores joins the incident it reports, or
// starts one, inside the same transaction, by the rules of package cluster
// (cluster.Match). The candidates are the incidents with a report filed in
// the event's window of days and its place (incident_reports' indexes), so
// the cost of merging an event does not grow with the number of incidents
// stored, only with how many share its days and place. A syndicated copy of
// an article already stored (SimHash within cluster.NearDuplicateBits, found
// by the article_bands index) is linked to it (articles.duplicate_of) and
// its events join the copy's incidents as duplicate reports: listed as
// sources, not counted twice.

// mergeInfo is what merging needs of an article, computed with the rest of
// articleRow before the transaction.
type mergeInfo struct {
	sig    uint64
	tokens []string
	ids    []int32        // tokens' numbers in the vocabulary (see numberTokens)
	pub    time.Time      // published, or when it was put
	items  []cluster.Item // one per event, ArticleID unset
}

func makeMergeInfo(a Article, events []extract.Event, now time.Time) mergeInfo {
	mi := mergeInfo{sig: cluster.SimHash(a.Title + "\n" + a.Text), tokens: cluster.Tokens(a.Title, a.Text), pub: a.Published}
	if mi.pub.IsZero() {
		mi.pub = now
	}
	for i := range events {
		// FromEvent would hash and tokenise the text once per event.
		it := cluster.FromEvent("", &events[i], mi.pub, "", "")
		it.Signature, it.Tokens = mi.sig, mi.tokens
		mi.items = append(mi.items, it)
	}
	return mi
}

// numberTokens numbers the article's tokens in v, for its items too.
func (mi *mergeInfo) numberTokens(v *vocab) {
	mi.ids = v.intern(mi.tokens)
	for i := range mi.items {
		mi.items[i].TokenIDs = mi.ids
	}
}

// days is the day number (since 1970-01-01) of t.
func days(t time.Time) int { return int(t.Unix() / 86400) }

// reportData is the part of a report's cluster.Item kept in
// incident_reports.data: the rest (place, window, tokens, signature) has
// columns of its own or is the article's.
type reportData struct {
	Start    string  `json:"start,omitempty"`
	End      string  `json:"end,omitempty"`
	City     string  `json:"city,omitempty"`
	Admin1   string  `json:"admin1,omitempty"`
	Lat      float64 `json:"lat,omitempty"`
	Lon      float64 `json:"lon,omitempty"`
	HasPoint bool    `json:"has_point,omitempty"`
	Type     string  `json:"type"`
	Subtype  string  `json:"subtype"`
	Killed   *int    `json:"killed,omitempty"`
	Wounded  *int    `json:"wounded,omitempty"`
}

func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// batch is the merging state of one PutArticles transaction: document
// frequency changes are written once, at the end, in token order, so that
// concurrent transactions on PostgreSQL take those rows' locks in one order
// and cannot deadlock. Until then they are added to what the table says.
//
// It also keeps what the transaction's articles share: the candidate
// incidents loaded (articles of one day in one place are compared with
// the same incidents, and loading one is its reports' rows and JSON),
// dropped as soon as an article links a report to one or unlinks one; and
// the number of articles in token_df, read once (only flushDF, at the end,
// changes it). On PostgreSQL the merge locks, taken for all the articles
// before the first is put (see mergeLockKeys), keep other processes from
// merging into those places and weeks meanwhile.
type batch struct {
	v *vocab // the vocabulary its tokens are numbered in
	// Document frequency changes by token number: applied, of the
	// articles put so far; staged, the current article's until it
	// succeeds; and the numbers each may be nonzero for.
	applied, staged []int32
	dirty, staging  []int32
	flushed         []tokenDelta // what flushDF wrote, for the counts kept once committed
	wstamp          []uint32     // weights of the current article (see weights), by token
	wval            []float64
	wgen            uint32
	touched         map[int64]bool  // incidents to reconcile before commit
	created         map[int64][]any // incidents created, with the fields inserted (see reconcileAll)
	incs            map[int64]*cluster.Incident
	n               int // token_df's article count, -1 until read
	cands           map[candKey]*candList
	linked          []linkedReport // reports linked since the first candidate list was kept
}

func newBatch(v *vocab) *batch {
	return &batch{v: v, touched: map[int64]bool{}, created: map[int64][]any{},
		incs: map[int64]*cluster.Incident{}, n: -1, cands: map[candKey]*candList{}}
}

// candKey is what a candidate lookup depends on: an event's country,
// admin1 (lower case) and window of days. Events of one day and place,
// and undated ones of one publication day, share a key; in a batch of a
// day's news most do.
type candKey struct {
	country, admin1 string
	ws, we          int
}

// candList is a candidate lookup kept for the batch: the maxCandidates
// best-ranked incidents, their ranks, and how many of the batch's linked
// reports it has taken in. An incident's rank is its best report's, so a
// report linked later can only better one: the list stays exact by
// ranking those reports in (see rankLinked).
type candList struct {
	ids  []int64
	rank []int64
	seen int
}

// linkedReport is a report linked in the batch, as candidates filters it.
type linkedReport struct {
	inc             int64
	country, admin1 string
	ws, we          int
}

// forgetCandidates drops the kept lookups: an article rolled back, or an
// update unlinking reports, took away reports they may count.
func (b *batch) forgetCandidates() {
	clear(b.cands)
	b.linked = b.linked[:0]
}

// stage counts token id n more times in the current article's changes.
func (b *batch) stage(id int32, n int) {
	if int(id) >= len(b.staged) {
		b.staged = append(b.staged, make([]int32, int(id)+1-len(b.staged)+len(b.staged)/2)...)
	}
	if b.staged[id] == 0 {
		b.staging = append(b.staging, id)
	}
	b.staged[id] += int32(n)
}

func (b *batch) commitStage() {
	for _, id := range b.staging {
		n := b.staged[id]
		if n == 0 {
			continue
		}
		if int(id) >= len(b.applied) {
			b.applied = append(b.applied, make([]int32, int(id)+1-len(b.applied)+len(b.applied)/2)...)
		}
		if b.applied[id] == 0 {
			b.dirty = append(b.dirty, id)
		}
		b.applied[id] += n
		b.staged[id] = 0
	}
	b.staging = b.staging[:0]
}

func (b *batch) dropStage() {
	for _, id := range b.staging {
		b.staged[id] = 0
	}
	b.staging = b.staging[:0]
	b.forgetCandidates()
}

// delta is the transaction's change to token id's count so far.
func (b *batch) delta(id int32) int {
	n := 0
	if int(id) < len(b.applied) {
		n += int(b.applied[id])
	}
	if int(id) < len(b.staged) {
		n += int(b.staged[id])
	}
	return n
}

// flushDF writes the batch's document frequency changes.
func (s *sqlStore) flushDF(ctx context.Context, tx *sql.Tx, b *batch) error {
	type change struct {
		t string
		d tokenDelta
	}
	slices.Sort(b.dirty)
	b.dirty = slices.Compact(b.dirty)
	changes := make([]change, 0, len(b.dirty))
	b.v.mu.Lock()
	for _, id := range b.dirty {
		if n := b.applied[id]; n != 0 {
			changes = append(changes, change{b.v.strs[id], tokenDelta{id, int(n)}})
		}
	}
	b.v.mu.Unlock()
	slices.SortFunc(changes, func(x, y change) int { return strings.Compare(x.t, y.t) })
	if s.dialect == postgresDialect && len(changes) > 0 {
		// One statement a batch, its rows as two arrays: as multi-row
		// VALUES of 500 rows it was a round trip and a 1,000-parameter
		// bind every 500 tokens, about 100 statements in an ingest of
		// 500 web pages. The rows go in token order, as below.
		toks := make([]string, len(changes))
		ns := make([]int64, len(changes))
		for i, c := range changes {
			toks[i], ns[i] = c.t, int64(c.d.n)
		}
		if _, err := s.stmt(ctx, tx, `INSERT INTO token_df (token, n)
			SELECT token, n FROM unnest(CAST($1 AS TEXT[]), CAST($2 AS BIGINT[])) WITH ORDINALITY AS x (token, n, k) ORDER BY k
			ON CONFLICT (token) DO UPDATE SET n = token_df.n + excluded.n`).ExecContext(ctx, toks, ns); err != nil {
			return fmt.Errorf("token frequencies: %w", err)
		}
	}
	const cols = 2
	for lo := 0; s.dialect != postgresDialect && lo < len(changes); lo += maxRowsPerInsert {
		chunk := changes[lo:min(lo+maxRowsPerInsert, len(changes))]
		args := make([]any, 0, cols*len(chunk))
		for _, c := range chunk {
			args = append(args, c.t, c.d.n)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO token_df (token, n) VALUES `+valuesList(len(chunk), cols)+`
			ON CONFLICT (token) DO UPDATE SET n = token_df.n + excluded.n`, args...); err != nil {
			return fmt.Errorf("token frequencies: %w", err)
		}
	}
	b.flushed = b.flushed[:0]
	for _, c := range changes {
		b.flushed = append(b.flushed, c.d)
	}
	for _, id := range b.dirty {
		b.applied[id] = 0
	}
	b.dirty = b.dirty[:0]
	return nil
}

// docFreqs reads the document frequencies of tokens (and the number of
// articles) as the transaction sees them.
func (s *sqlStore) docFreqs(ctx context.Context, tx *sql.Tx, b *batch, tokens []string) (cluster.DocFreqs, error) {
	ids := b.v.intern(tokens)
	counts, err := s.readCounts(ctx, tx, b, ids)
	if err != nil {
		return cluster.DocFreqs{}, err
	}
	d := cluster.DocFreqs{N: b.n + b.delta(0), DF: make(map[string]int, len(tokens))}
	for i, t := range tokens {
		d.DF[t] = counts[i] + b.delta(ids[i])
	}
	return d, nil
}

// readCounts is the document frequency in token_df of each token (by
// number), from the counts kept or else read; the transaction's own
// changes (batch.delta) are not in them. It reads the number of articles
// too, once a transaction (see batch): it is what makes every weight move.
func (s *sqlStore) readCounts(ctx context.Context, tx *sql.Tx, b *batch, ids []int32) ([]int, error) {
	out := make([]int, len(ids))
	v := b.v
	var list []string
	var pos []int // where each of list goes in out; -1 for the number of articles
	if b.n < 0 {
		list, pos = append(list, ""), append(pos, -1)
	}
	v.mu.Lock()
	for i, id := range ids {
		if n := v.df[id]; n >= 0 && id != 0 {
			out[i] = int(n)
		} else {
			list, pos = append(list, v.strs[id]), append(pos, i)
		}
	}
	v.mu.Unlock()
	if len(list) == 0 {
		return out, nil
	}
	js, _ := json.Marshal(list)
	q := `SELECT token, n FROM token_df WHERE token IN (SELECT value FROM json_each($1))`
	if s.dialect == postgresDialect {
		// = ANY of an array, not IN a set: with no statistics the
		// planner hashed the set and read all of token_df for it.
		q = `SELECT token, n FROM token_df WHERE token = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST($1 AS JSONB))))`
	}
	rows, err := s.stmt(ctx, tx, q).QueryContext(ctx, string(js))
	if err != nil {
		return nil, fmt.Errorf("token frequencies: %w", err)
	}
	defer rows.Close()
	got := make(map[string]int, len(list)) // absent from the table: no article has it yet
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, err
		}
		got[t] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	v.mu.Lock()
	for k, p := range pos {
		n := got[list[k]]
		if p < 0 {
			b.n = n
			continue
		}
		out[p] = n
		if id := ids[p]; id != 0 {
			v.df[id] = int32(n)
		}
	}
	v.mu.Unlock()
	return out, nil
}

// prefetchCounts reads the document frequencies readCounts would read
// for rows' articles with events (the ones merging weighs, and the names
// it looks up) in one
// statement for the batch: read article by article, they were a round
// trip for most articles with events. The counts are the same: token_df
// changes only at the end of the transaction (flushDF).
func (s *sqlStore) prefetchCounts(ctx context.Context, tx *sql.Tx, b *batch, rows []*articleRow) error {
	var ids []int32
	seen := map[int32]bool{}
	// The forms of the names nameCandidates looks up (of the article's
	// tokens, as its events' items have them).
	var forms []string
	for _, r := range rows {
		if len(r.merge.items) == 0 {
			continue
		}
		for _, k := range cluster.NameKeys(r.merge.tokens) {
			forms = append(forms, cluster.NameForms(k)...)
		}
	}
	formIDs := b.v.intern(forms)
	b.v.mu.Lock()
	for _, id := range formIDs {
		if id != 0 && b.v.df[id] < 0 && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, r := range rows {
		if len(r.merge.items) == 0 {
			continue
		}
		for _, id := range r.merge.ids {
			if id != 0 && b.v.df[id] < 0 && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	b.v.mu.Unlock()
	if len(ids) == 0 {
		return nil
	}
	_, err := s.readCounts(ctx, tx, b, ids)
	return err
}

// weigh sets the weights of tokens need (numbers, each once) for the
// current article.
func (s *sqlStore) weigh(ctx context.Context, tx *sql.Tx, b *batch, w *weights, need []int32) error {
	counts, err := s.readCounts(ctx, tx, b, need)
	if err != nil {
		return err
	}
	n := b.n + b.delta(0)
	for i, id := range need {
		w.val[id] = cluster.Weight(n, counts[i]+b.delta(id))
	}
	return nil
}

// bandKeys are an article's near-duplicate index keys: band number in the
// high bits, the band's value in the low 16.
func bandKeys(sig uint64) []int64 {
	if sig == 0 {
		return nil
	}
	const n = cluster.NearDuplicateBits + 1
	keys := make([]int64, 0, n)
	for i := range n {
		lo, hi := 64*i/n, 64*(i+1)/n
		keys = append(keys, int64(i)<<16|int64((sig>>lo)&(1<<(hi-lo)-1)))
	}
	return keys
}

// nearDuplicates finds the stored articles whose text is a near-duplicate
// of r's (article id), published within a week of it, nearest first. It
// also files r's own bands in the index, for the articles after it: on
// PostgreSQL in the same statement (a round trip fewer an article; the
// query does not see the rows its WITH clause inserts, and skips id's
// anyway), on SQLite, which has no INSERT in WITH, in a second one.
func (s *sqlStore) nearDuplicates(ctx context.Context, tx *sql.Tx, id int64, r *articleRow) ([]int64, error) {
	keys := bandKeys(r.merge.sig)
	if len(keys) == 0 {
		return nil, nil
	}
	week := days(r.merge.pub) / 7
	pg := s.dialect == postgresDialect
	args := []any{week - 1, week + 1, id}
	if pg {
		args = append(args, week) // $4, the INSERT's week
	}
	ph := make([]string, len(keys))
	for i, k := range keys {
		args = append(args, k)
		ph[i] = "$" + strconv.Itoa(len(args))
	}
	q := `SELECT DISTINCT a.id, a.signature FROM article_bands b
		JOIN articles a ON a.id = b.article_id
		WHERE b.key IN (` + strings.Join(ph, ", ") + `) AND b.week BETWEEN $1 AND $2 AND b.article_id <> $3`
	if pg {
		bands := make([]string, len(keys))
		for i, p := range ph {
			bands[i] = "(" + p + ", $4, $3)"
		}
		q = `WITH bands AS (INSERT INTO article_bands (key, week, article_id) VALUES ` +
			strings.Join(bands, ", ") + ` ON CONFLICT DO NOTHING) ` + q
	}
	rows, err := s.stmt(ctx, tx, q).QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("near-duplicates: %w", err)
	}
	defer rows.Close()
	var found []storedSig
	for rows.Next() {
		var c storedSig
		if err := rows.Scan(&c.id, &c.sig); err != nil {
			return nil, err
		}
		found = append(found, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !pg {
		bargs := make([]any, 0, 3*len(keys))
		for _, k := range keys {
			bargs = append(bargs, k, week, id)
		}
		if _, err := s.stmt(ctx, tx, `INSERT INTO article_bands (key, week, article_id) VALUES `+
			valuesList(len(keys), 3)+` ON CONFLICT DO NOTHING`).ExecContext(ctx, bargs...); err != nil {
			return nil, fmt.Errorf("near-duplicate index: %w", err)
		}
	}
	return nearest(r, found), nil
}

// storedSig is an article sharing a band with the one being put, and its
// signature.
type storedSig struct {
	id  int64
	sig sql.NullInt64
}

// nearest is which of found are near-duplicates of r, nearest first.
func nearest(r *articleRow, found []storedSig) []int64 {
	type cand struct {
		id   int64
		dist int
	}
	var cs []cand
	for _, f := range found {
		if cluster.NearDuplicate(uint64(f.sig.Int64), r.merge.sig) {
			cs = append(cs, cand{f.id, cluster.Hamming(uint64(f.sig.Int64), r.merge.sig)})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.dist != b.dist {
			return a.dist - b.dist
		}
		return int(a.id - b.id)
	})
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.id
	}
	return out
}

// mergeArticle links a freshly put article (its events just inserted, with
// ids eventIDs) into incidents. For an update, old lists the incidents its
// previous version's events belonged to, which are recomputed (deleted when
// left empty), and oldTokens that version's tokens.
//
// filed, if not nil, are the article's near-duplicates, its bands already
// filed (see findOrInsertArticleSQL); else mergeArticle finds them.
func (s *sqlStore) mergeArticle(ctx context.Context, tx *sql.Tx, b *batch, id int64, r *articleRow, eventIDs []int64, update bool, old []int64, oldTokens string, filed *[]int64) error {
	// Document frequencies: the new version's tokens count, the old
	// version's (an update) no longer do.
	if !update {
		b.stage(0, 1)
	}
	for _, id := range b.v.intern(strings.Fields(oldTokens)) {
		b.stage(id, -1)
	}
	for _, id := range r.merge.ids {
		b.stage(id, 1)
	}

	// Near-duplicates. A new article has no bands to drop and no
	// duplicate_of to clear: two statements fewer an article, which on
	// PostgreSQL are two round trips.
	if update {
		if _, err := s.stmt(ctx, tx, `DELETE FROM article_bands WHERE article_id = $1`).ExecContext(ctx, id); err != nil {
			return err
		}
	}
	var dups []int64
	if filed != nil {
		dups = *filed
	} else {
		var err error
		if dups, err = s.nearDuplicates(ctx, tx, id, r); err != nil {
			return err
		}
	}
	var dupOf any
	if len(dups) > 0 {
		// The first stored copy, so that copies of copies share one root.
		var root sql.NullInt64
		if err := s.stmt(ctx, tx, `SELECT duplicate_of FROM articles WHERE id = $1`).scanRow(ctx, []any{dups[0]}, &root); err != nil {
			return err
		}
		if root.Valid && root.Int64 != id {
			dupOf = root.Int64
		} else {
			dupOf = dups[0]
		}
	}
	if update || dupOf != nil {
		if _, err := s.stmt(ctx, tx, `UPDATE articles SET duplicate_of = $2 WHERE id = $1`).ExecContext(ctx, id, dupOf); err != nil {
			return err
		}
	}

	touched := map[int64]bool{}
	var mine []toldEvent // the article's events filed so far, in order, with their incidents
	// What the article's events share: token weights, and the candidate
	// incidents loaded (an incident an event joins is skipped by the
	// later ones, so the others stay as loaded).
	ac := &articleCache{w: b.newWeights(), incs: b.incs, weighed: map[*cluster.Incident]bool{}}
	for _, inc := range old {
		delete(ac.incs, inc) // the old version's reports are gone
	}
	if update {
		b.forgetCandidates()
	}
	for i, it := range r.merge.items {
		it.ArticleID = strconv.FormatInt(id, 10)
		inc, score, dup, err := s.placeEvent(ctx, tx, b, ac, it, i, dups, mine)
		if err != nil {
			return err
		}
		inc, err = s.linkReport(ctx, tx, b, inc, eventIDs[i], id, r, i, it, score, dup)
		if err != nil {
			return err
		}
		mine = append(mine, toldEvent{inc, it})
		delete(ac.incs, inc) // changed: loaded afresh if a later event looks at it
		touched[inc] = true
		if len(b.cands) > 0 {
			ws, we := cluster.Window(it)
			b.linked = append(b.linked, linkedReport{inc, it.Country, strings.ToLower(it.Admin1), days(ws), days(we)})
		}
	}
	ac.w.keep(b)
	for _, inc := range old {
		touched[inc] = true
	}
	// Reconciled once per transaction, at its end (see reconcileBatch).
	for inc := range touched {
		b.touched[inc] = true
	}
	return nil
}

// reconcileBatch recomputes every incident the transaction's articles
// touched, once each, in id order, after all of them are linked. On
// PostgreSQL that is what keeps two transactions from deadlocking on
// incident rows: the merge locks do not cover every incident two
// transactions can both join (a copy's, one with no country), but each
// transaction now locks the incident rows it updates in one order, after
// all its other writes (and before the document frequencies, also in
// order). Their actors are replaced after all of them are updated: a
// transaction touches an incident's actors only while it holds that
// incident's row. An incident touched by an article that was then rolled
// back is recomputed too, harmlessly: from the reports that are there.
func (s *sqlStore) reconcileBatch(ctx context.Context, tx *sql.Tx, b *batch) error {
	ids := make([]int64, 0, len(b.touched))
	for inc := range b.touched {
		ids = append(ids, inc)
	}
	slices.Sort(ids)
	if err := s.reconcileAll(ctx, tx, ids, b.created); err != nil {
		return err
	}
	clear(b.touched)
	clear(b.created)
	return nil
}

// newIncidentSQL creates an incident with the fields its first report
// gives ($2 on, incidentFieldCols); its report is linked after. The
// incident is reconciled again at the end of the batch, from all its
// reports, but an incident created blank and then filled in went through
// the rollup triggers twice (and on PostgreSQL through every incidents
// index twice): filled in at once, the final update changes nothing most
// of them count by.
const newIncidentSQL = `INSERT INTO incidents (created_at, changed_at, ` + incidentFieldCols + `)
	VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`

// linkReportCols are incident_reports' columns as linkReport fills them,
// incident_id first.
const linkReportCols = `incident_id, event_id, article_id,
	date_start, date_end, killed_min, killed_max, wounded_min, wounded_max, certainty, score, data,
	linked_at, win_start, win_end, country, admin1, published, duplicate`

const linkReportSQL = `INSERT INTO incident_reports (` + linkReportCols + `)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`

// newIncidentReportSQL is newIncidentSQL and linkReportSQL in one
// statement, for PostgreSQL, where each statement is a round trip and a
// new incident was two: $1 is the new incident's created_at (in place of
// linkReportSQL's incident id), $2-$19 are linkReportSQL's, and $20 on
// are the incident's fields. SQLite has no INSERT in a WITH clause, and
// no round trips to save.
const newIncidentReportSQL = `WITH inc AS (INSERT INTO incidents (created_at, changed_at, ` + incidentFieldCols + `)
	VALUES ($1, $1, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37) RETURNING id)
	INSERT INTO incident_reports (` + linkReportCols + `)
	VALUES ((SELECT id FROM inc), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
	RETURNING incident_id`

// linkReport files the article's seq-th event (eventID, item it) as a
// report of incident inc, creating the incident first when inc is 0; it
// returns the incident.
func (s *sqlStore) linkReport(ctx context.Context, tx *sql.Tx, b *batch, inc, eventID, articleID int64, r *articleRow, seq int, it cluster.Item, score float64, dup bool) (int64, error) {
	e := r.events[seq].e
	var created any
	var fields []any
	if inc == 0 {
		created = s.tv(s.clock())
		var err error
		_, fields, err = incidentFields([]reconReport{{article: articleID, published: storedTime(it.Published), duplicate: dup, e: e}})
		if err != nil {
			return 0, fmt.Errorf("new incident: %w", err)
		}
		if s.dialect != postgresDialect {
			if err := s.stmt(ctx, tx, newIncidentSQL).scanRow(ctx, append([]any{created}, fields...), &inc); err != nil {
				return 0, fmt.Errorf("new incident: %w", err)
			}
			b.created[inc] = fields
		}
	}
	ws, we := cluster.Window(it)
	d := reportData{Start: dateOnly(it.Start), End: dateOnly(it.End), City: it.City, Admin1: it.Admin1,
		Lat: it.Lat, Lon: it.Lon, HasPoint: it.HasPoint, Type: it.Type, Subtype: it.Subtype,
		Killed: it.Killed, Wounded: it.Wounded}
	data, _ := json.Marshal(d)
	var ds, de any
	if e.Date != nil {
		ds, de = nullable(e.Date.Start), nullable(e.Date.End)
	}
	kmin, kmax := countCols(e.Killed)
	wmin, wmax := countCols(e.Wounded)
	args := []any{inc, eventID, articleID, ds, de, kmin, kmax, wmin, wmax, e.Certainty, score, string(data),
		s.tv(s.clock()), days(ws), days(we), it.Country, strings.ToLower(it.Admin1), s.tv(it.Published), dup}
	if inc == 0 {
		args[0] = created
		args = append(args, fields...)
		if err := s.stmt(ctx, tx, newIncidentReportSQL).scanRow(ctx, args, &inc); err != nil {
			return 0, fmt.Errorf("linking event %d to a new incident: %w", eventID, err)
		}
		b.created[inc] = fields
		return inc, nil
	}
	if _, err := s.stmt(ctx, tx, linkReportSQL).ExecContext(ctx, args...); err != nil {
		return 0, fmt.Errorf("linking event %d to incident %d: %w", eventID, inc, err)
	}
	return inc, nil
}

// placeEvent finds the incident an event (item it, the article's seq-th)
// reports: 0 when none does. An article that is a near-duplicate of others
// (dups) files its events with theirs, as duplicate reports; otherwise the
// candidates are the incidents with a report in its days and place, and the
// best match by cluster.Match wins. skip are incidents the article already
// reports: two events of one article are two incidents.
func (s *sqlStore) placeEvent(ctx context.Context, tx *sql.Tx, b *batch, ac *articleCache, it cluster.Item, seq int, dups []int64, mine []toldEvent) (int64, float64, bool, error) {
	skip := map[int64]bool{}
	for _, o := range mine {
		skip[o.inc] = true
	}
	if len(dups) > 0 {
		inc, err := s.duplicateIncident(ctx, tx, seq, dups, skip)
		if err != nil || inc != 0 {
			return inc, 0, inc != 0, err
		}
	}
	// The same incident told again further down the article (its
	// arrest, a second victim): the same city and days as an event the
	// article already filed. It joins that incident as a duplicate
	// report — the article counts once. Events in other places or on
	// other days stay apart, or a roundup of shootings would collapse.
	for _, o := range mine {
		if sameTelling(o.it, it) {
			return o.inc, 0, true, nil
		}
	}
	ids, err := s.candidates(ctx, tx, b, it)
	if err != nil {
		return 0, 0, false, err
	}
	named, err := s.nameCandidates(ctx, tx, b, it)
	if err != nil {
		return 0, 0, false, err
	}
	for _, id := range named {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.DeleteFunc(ids, func(id int64) bool { return skip[id] })
	if len(ids) == 0 {
		return 0, 0, false, nil
	}
	var load []int64
	for _, id := range ids {
		if ac.incs[id] == nil {
			load = append(load, id)
		}
	}
	if len(load) > 0 {
		loaded, err := s.loadCandidates(ctx, tx, b, load)
		if err != nil {
			return 0, 0, false, err
		}
		for i, id := range load {
			ac.incs[id] = loaded[i]
		}
	}
	incs := make([]*cluster.Incident, len(ids))
	// The tokens not weighed yet, each once: marked in the weights when
	// first seen, weighed below.
	need := ac.need[:0]
	want := func(toks []int32) {
		for _, id := range toks {
			if !ac.w.has(id) {
				ac.w.mark(id)
				need = append(need, id)
			}
		}
	}
	want(it.TokenIDs)
	for i, id := range ids {
		incs[i] = ac.incs[id]
		if ac.weighed[incs[i]] {
			continue // its tokens were weighed for an earlier event
		}
		for _, m := range incs[i].Members {
			want(m.TokenIDs)
		}
	}
	ac.need = need
	if len(need) > 0 {
		// Each token's weight once, not once per comparison.
		if err := s.weigh(ctx, tx, b, ac.w, need); err != nil {
			for _, id := range need {
				ac.w.unmark(id)
			}
			return 0, 0, false, err
		}
	}
	for _, in := range incs {
		ac.weighed[in] = true
	}
	df := ac.w
	var best int64
	bestScore := 0.0
	for i, in := range incs {
		if sc, ok := cluster.Match(in, it, df); ok && sc > bestScore {
			best, bestScore = ids[i], sc
		}
	}
	return best, bestScore, false, nil
}

// duplicateIncident is the incident of the copy's event with the same
// place among its article's events (the same text codes the same way),
// else the first of the copies' incidents not taken; 0 if none.
func (s *sqlStore) duplicateIncident(ctx context.Context, tx *sql.Tx, seq int, dups []int64, skip map[int64]bool) (int64, error) {
	ph := make([]string, len(dups))
	args := make([]any, len(dups))
	for i, d := range dups {
		ph[i] = "$" + strconv.Itoa(i+1)
		args[i] = d
	}
	rows, err := tx.QueryContext(ctx, `SELECT ir.incident_id, ir.article_id, e.seq FROM incident_reports ir
		JOIN events e ON e.id = ir.event_id
		WHERE ir.article_id IN (`+strings.Join(ph, ", ")+`) ORDER BY ir.incident_id`, args...)
	if err != nil {
		return 0, fmt.Errorf("copies' incidents: %w", err)
	}
	defer rows.Close()
	rank := map[int64]int{}
	for i, d := range dups {
		rank[d] = i
	}
	var best int64
	bestRank := -1
	for rows.Next() {
		var inc, art int64
		var es int
		if err := rows.Scan(&inc, &art, &es); err != nil {
			return 0, err
		}
		if skip[inc] {
			continue
		}
		r := len(dups) + rank[art]
		if es == seq {
			r = rank[art]
		}
		if bestRank < 0 || r < bestRank {
			best, bestRank = inc, r
		}
	}
	return best, rows.Err()
}

// toldEvent is an event of the article being merged, filed in incident
// inc.
type toldEvent struct {
	inc int64
	it  cluster.Item
}

// sameTelling reports whether a later event b of an article tells the
// same incident as an earlier one a: their windows of days overlap, and
// they are placed in one named city of one admin1, or b less precisely
// in a's place (a's admin1 or country, or nowhere). An event the article
// neither places apart nor dates apart is most often the story told
// again further down (the arrest, a victim's death): filed as an
// incident of its own it is a vague one, which later reports of the
// story join instead of the story's own (and its counts, a part of the
// toll, then contradict theirs).
func sameTelling(a, b cluster.Item) bool {
	switch {
	case b.Country == "":
	case b.Country != a.Country:
		return false
	case b.Admin1 == "":
	case !strings.EqualFold(a.Admin1, b.Admin1):
		return false
	case b.City == "":
	case a.City == "" || !strings.EqualFold(a.City, b.City):
		return false
	}
	as, ae := cluster.Window(a)
	bs, be := cluster.Window(b)
	return !ae.Before(bs) && !be.Before(as)
}

// maxNameArticles bounds how many articles (the latest) one name brings
// up as candidates, as cluster.MaxNameCandidates bounds the Clusterer's.
const maxNameArticles = cluster.MaxNameCandidates

// nameCandidates lists the incidents reported by articles that name a
// rare person the event's article names (cluster.NameKeys, NameIDF): a
// follow-up (a trial, a sentence) dated months after the shooting is
// outside the window candidates looks in, and the names of victim and
// suspect are what tie it to the incident (cluster.NamedFollowUpDays).
// Articles naming the person are found by the full-text index, both words
// of the name; cluster.Match then checks the name and everything else.
func (s *sqlStore) nameCandidates(ctx context.Context, tx *sql.Tx, b *batch, it cluster.Item) ([]int64, error) {
	keys := cluster.NameKeys(it.Tokens)
	if len(keys) == 0 {
		return nil, nil
	}
	var forms []string
	for _, k := range keys {
		forms = append(forms, cluster.NameForms(k)...)
	}
	df, err := s.docFreqs(ctx, tx, b, forms)
	if err != nil {
		return nil, err
	}
	q := `SELECT DISTINCT incident_id FROM incident_reports WHERE article_id IN (
		SELECT rowid FROM articles_fts WHERE articles_fts MATCH $1 ORDER BY rowid DESC LIMIT $2)`
	if s.dialect == postgresDialect {
		// id + 0: the matches come from the full-text index, never from a
		// walk of the primary key backwards testing each article, which a
		// generic plan (see PutArticles) could choose for a rare name.
		q = `SELECT DISTINCT incident_id FROM incident_reports WHERE article_id IN (
			SELECT id FROM articles WHERE search @@ plainto_tsquery('simple', $1) ORDER BY id + 0 DESC LIMIT $2)`
	}
	var ids []int64
	for _, k := range keys {
		// The article's own tokens are counted: a name no other
		// article gives (most, when first seen) has nothing to find.
		others := 0
		for _, f := range cluster.NameForms(k) {
			others += df.DF[f]
			if _, ok := slices.BinarySearch(it.Tokens, f); ok {
				others--
			}
		}
		if others <= 0 || df.IDF(k) < cluster.NameIDF {
			continue
		}
		ws := cluster.NameWords(k)
		arg := strings.Join(ws, " ")
		if s.dialect == sqliteDialect {
			arg = `"` + strings.Join(ws, `" "`) + `"`
		}
		rows, err := s.stmt(ctx, tx, q).QueryContext(ctx, arg, maxNameArticles)
		if err != nil {
			return nil, fmt.Errorf("incidents by name: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// maxCandidates bounds how many incidents one event is compared with, so
// that an event in a dense stretch of news (a country-wide report in a
// week of many) costs no more than one in a quiet one. The nearest are
// kept: those filed under the event's own admin1 before those of the
// country as a whole or of no place, then the closest in days — where the
// incident it reports is, if any.
const maxCandidates = 48

// candidates lists the incidents with a report filed in it's window of
// days, widened as cluster.Clusterer looks (FollowUpDays before,
// DateSlackDays after), and in its place: the same admin1, or the same
// country with no admin1 known, or no country known; a report with no
// admin1 looks at its whole country, one with no country at every place.
// Each is a range scan of an index on (place, win_start).
func (s *sqlStore) candidates(ctx context.Context, tx *sql.Tx, b *batch, it cluster.Item) ([]int64, error) {
	ws, we := cluster.Window(it)
	ids, err := s.candidatesIn(ctx, tx, b, it, days(ws), days(we))
	if err != nil {
		return nil, err
	}
	// A follow-up that says its event happened long before (a month, a
	// date years back) also looks at those days (cluster.SaidWindow).
	if ss, se, ok := cluster.SaidWindow(it); ok {
		said, err := s.candidatesIn(ctx, tx, b, it, days(ss), days(se))
		if err != nil {
			return nil, err
		}
		for _, id := range said {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
	}
	return ids, nil
}

// candidatesIn is candidates for the window of days start to end.
func (s *sqlStore) candidatesIn(ctx context.Context, tx *sql.Tx, b *batch, it cluster.Item, start, end int) ([]int64, error) {
	key := candKey{it.Country, strings.ToLower(it.Admin1), start, end}
	if cl := b.cands[key]; cl != nil {
		cl.rankLinked(key, b.linked)
		return sortedIDs(cl.ids), nil
	}
	lo := start - cluster.FollowUpDays
	// A report's window is at most MaxSpanDays long, so one ending after
	// lo started after lo-MaxSpanDays: that bounds the scan.
	args := []any{lo - cluster.MaxSpanDays, end + cluster.DateSlackDays, lo, start}
	const win = `win_start BETWEEN $1 AND $2 AND win_end >= $3`
	var parts []string
	admin1 := strings.ToLower(it.Admin1)
	switch {
	case it.Country == "":
		parts = []string{`SELECT incident_id, win_start AS ws, 1 AS part FROM incident_reports WHERE ` + win}
	case admin1 == "":
		args = append(args, it.Country)
		parts = []string{
			`SELECT incident_id, win_start AS ws, 1 AS part FROM incident_reports WHERE country = $5 AND ` + win,
			`SELECT incident_id, win_start, 2 FROM incident_reports WHERE country = '' AND ` + win,
		}
	default:
		args = append(args, it.Country, admin1)
		parts = []string{
			`SELECT incident_id, win_start AS ws, 0 AS part FROM incident_reports WHERE country = $5 AND admin1 = $6 AND ` + win,
			`SELECT incident_id, win_start, 1 FROM incident_reports WHERE country = $5 AND admin1 = '' AND ` + win,
			`SELECT incident_id, win_start, 2 FROM incident_reports WHERE country = '' AND ` + win,
		}
		if s.dialect == postgresDialect {
			// The admin1's reports and the country's with no admin1 in
			// one scan. Without statistics PostgreSQL reads both parts
			// on the (country, win_start) index, filtering admin1 in
			// the table: two reads of every report of the country in
			// the window (all of them, in a one-country store), halved.
			parts = append([]string{`SELECT incident_id, win_start AS ws, CASE WHEN admin1 = '' THEN 1 ELSE 0 END AS part
				FROM incident_reports WHERE country = $5 AND admin1 = ANY(ARRAY[$6, '']) AND ` + win}, parts[2])
		}
	}
	// Each incident ranked by its nearest report — the part first, then
	// the distance in days — and only the maxCandidates first come back:
	// a busy window has hundreds of reports, and rows cost more to hand
	// to Go than to rank in the query. (A distance is under a million
	// days, so part*1e6+distance orders as the pair does.)
	rows, err := s.stmt(ctx, tx, `SELECT incident_id, MIN(part * 1000000 + ABS(ws - $4)) AS k FROM (`+
		strings.Join(parts, " UNION ALL ")+`) c GROUP BY incident_id ORDER BY k, incident_id LIMIT `+
		strconv.Itoa(maxCandidates)).QueryContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("candidate incidents: %w", err)
	}
	defer rows.Close()
	cl := &candList{seen: len(b.linked)}
	for rows.Next() {
		var id, k int64
		if err := rows.Scan(&id, &k); err != nil {
			return nil, err
		}
		cl.ids, cl.rank = append(cl.ids, id), append(cl.rank, k)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	b.cands[key] = cl
	return sortedIDs(cl.ids), nil
}

func sortedIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// rankLinked takes the reports linked since the list was made into it, by
// the query's rules: the same filters and ranking, in Go.
func (cl *candList) rankLinked(key candKey, linked []linkedReport) {
	if cl.seen >= len(linked) {
		return
	}
	start := key.ws
	lo := start - cluster.FollowUpDays
	from, to := lo-cluster.MaxSpanDays, key.we+cluster.DateSlackDays
	best := make(map[int64]int64, len(cl.ids))
	for i, id := range cl.ids {
		best[id] = cl.rank[i]
	}
	for _, r := range linked[cl.seen:] {
		if r.ws < from || r.ws > to || r.we < lo {
			continue
		}
		part := -1
		switch {
		case key.country == "":
			part = 1
		case key.admin1 == "":
			if r.country == key.country {
				part = 1
			} else if r.country == "" {
				part = 2
			}
		default:
			if r.country == key.country && r.admin1 == key.admin1 {
				part = 0
			} else if r.country == key.country && r.admin1 == "" {
				part = 1
			} else if r.country == "" {
				part = 2
			}
		}
		if part < 0 {
			continue
		}
		k := int64(part)*1000000 + int64(max(r.ws-start, start-r.ws))
		if old, ok := best[r.inc]; !ok || k < old {
			best[r.inc] = k
		}
	}
	cl.seen = len(linked)
	cl.ids, cl.rank = cl.ids[:0], cl.rank[:0]
	for id := range best {
		cl.ids = append(cl.ids, id)
	}
	slices.SortFunc(cl.ids, func(a, b int64) int {
		if best[a] != best[b] {
			return cmp.Compare(best[a], best[b])
		}
		return cmp.Compare(a, b)
	})
	if len(cl.ids) > maxCandidates {
		cl.ids = cl.ids[:maxCandidates]
	}
	for _, id := range cl.ids {
		cl.rank = append(cl.rank, best[id])
	}
}

// loadCandidates rebuilds incidents (in the order of ids) as cluster.Match
// wants them: the MaxMembersCompared latest reports as members.
func (s *sqlStore) loadCandidates(ctx context.Context, tx *sql.Tx, b *batch, ids []int64) ([]*cluster.Incident, error) {
	pos := map[int64]int{}
	incs := make([]*cluster.Incident, len(ids))
	for i, id := range ids {
		pos[id] = i
		incs[i] = &cluster.Incident{ID: i}
	}
	js, _ := json.Marshal(ids)
	// The ids go as one JSON array, so that the statement's text is the
	// same for any number of them and is prepared once (see stmt).
	// The latest MaxMembersCompared reports of each: a much-reported
	// incident costs no more to compare with than any other. (Its older
	// tolls are left out of the contradiction rule, which the latest
	// ones decide anyway: tolls are revised upward.)
	q := `SELECT r.incident_id, r.article_id, r.country, r.published, r.data, a.signature, r.duplicate
		FROM (SELECT incident_id, article_id, country, published, data, event_id, duplicate, row_number() OVER (
			PARTITION BY incident_id ORDER BY published DESC, event_id DESC) AS k
			FROM incident_reports WHERE incident_id IN (SELECT value FROM json_each($1))) r
		JOIN articles a ON a.id = r.article_id
		WHERE r.k <= $2
		ORDER BY r.incident_id, r.published DESC, r.event_id DESC`
	if s.dialect == postgresDialect {
		// The same rows, each incident's taken by its own index lookup.
		// Without statistics (no autovacuum) PostgreSQL planned the IN
		// list above as a hash join over all of incident_reports and all
		// of articles: 11 ms a call at 3,000 articles, growing with them.
		q = `SELECT r.incident_id, r.article_id, r.country, r.published, r.data, a.signature, r.duplicate
		FROM (SELECT CAST(jsonb_array_elements_text(CAST($1 AS JSONB)) AS BIGINT) AS id) x
		CROSS JOIN LATERAL (SELECT incident_id, article_id, country, published, data, event_id, duplicate
			FROM incident_reports WHERE incident_id = x.id
			ORDER BY published DESC, event_id DESC LIMIT $2) r
		JOIN articles a ON a.id = r.article_id
		ORDER BY r.incident_id, r.published DESC, r.event_id DESC`
	}
	rows, err := s.stmt(ctx, tx, q).QueryContext(ctx, string(js), cluster.MaxMembersCompared)
	if err != nil {
		return nil, fmt.Errorf("loading candidates: %w", err)
	}
	defer rows.Close()
	members := make([][]cluster.Item, len(ids))
	dup := make([][]bool, len(ids))
	for rows.Next() {
		var (
			inc, art int64
			country  string
			pub      time.Time
			data     []byte
			sig      sql.NullInt64
			isDup    bool
		)
		if err := rows.Scan(&inc, &art, &country, timeCol{&pub}, &data, &sig, &isDup); err != nil {
			return nil, err
		}
		var d reportData
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, fmt.Errorf("report of incident %d: %w", inc, err)
		}
		it := cluster.Item{ArticleID: strconv.FormatInt(art, 10), Published: pub, Country: country, Admin1: d.Admin1,
			City: d.City, Lat: d.Lat, Lon: d.Lon, HasPoint: d.HasPoint, Type: d.Type, Subtype: d.Subtype,
			Killed: d.Killed, Wounded: d.Wounded, Signature: uint64(sig.Int64)}
		it.Start, _ = time.Parse(time.DateOnly, d.Start)
		it.End, _ = time.Parse(time.DateOnly, d.End)
		members[pos[inc]] = append(members[pos[inc]], it)
		dup[pos[inc]] = append(dup[pos[inc]], isDup)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := s.fillTokens(ctx, tx, b.v, members); err != nil {
		return nil, err
	}
	for i, ms := range members {
		// Newest first from the query; members go oldest first.
		for j := len(ms) - 1; j >= 0; j-- {
			switch {
			case j < cluster.MaxMembersCompared && dup[i][j]:
				incs[i].AppendDuplicate(ms[j])
			case j < cluster.MaxMembersCompared:
				incs[i].Append(ms[j])
			case !dup[i][j]:
				incs[i].AppendCounts(ms[j])
			}
		}
	}
	return incs, nil
}

// weights are tokens' IDF weights, worked out once for all the
// comparisons of one article's events, by token number (the arrays are
// the batch's, reused by each article: a token is weighed for this
// article when its stamp is gen), and the squared norms of the token
// sets compared (cluster.Norms), so that a comparison weighs only the
// tokens two texts share. A token's weight, once set, does not change
// within an article, so neither does a norm.
type weights struct {
	v     *vocab
	gen   uint32
	stamp []uint32
	val   []float64
	norms map[idsKey]float64
}

// idsKey names a token set by its backing array: the article's tokens
// and a member's (shared through the token cache) are the same slice at
// every comparison.
type idsKey struct {
	p *int32
	n int
}

// newWeights starts the weights of the batch's next article.
func (b *batch) newWeights() *weights {
	b.wgen++
	if b.wgen == 0 { // wrapped: no stamp may look current
		clear(b.wstamp)
		b.wgen = 1
	}
	return &weights{v: b.v, gen: b.wgen, stamp: b.wstamp, val: b.wval, norms: map[idsKey]float64{}}
}

func (w *weights) has(id int32) bool { return int(id) < len(w.stamp) && w.stamp[id] == w.gen }

func (w *weights) mark(id int32) {
	if int(id) >= len(w.stamp) {
		n := int(id) + 1 + len(w.stamp)/2
		w.stamp = append(w.stamp, make([]uint32, n-len(w.stamp))...)
		w.val = append(w.val, make([]float64, n-len(w.val))...)
	}
	w.stamp[id] = w.gen
	w.val[id] = 0
}

func (w *weights) unmark(id int32) { w.stamp[id] = 0 }

// keep hands the arrays, grown, back to the batch.
func (w *weights) keep(b *batch) { b.wstamp, b.wval = w.stamp, w.val }

func (w *weights) WeightOf(id int32) float64 {
	if w.has(id) {
		return w.val[id]
	}
	return 0
}

func (w *weights) IDF(t string) float64 {
	if id, ok := w.v.lookup(t); ok {
		return w.WeightOf(id)
	}
	return 0
}

func (w *weights) SquaredNorm(tokens []string) float64 { return cluster.SquaredNorm(w, tokens) }

func (w *weights) SquaredNormOf(ids []int32) float64 {
	if len(ids) == 0 {
		return 0
	}
	k := idsKey{&ids[0], len(ids)}
	n, ok := w.norms[k]
	if !ok {
		for _, id := range ids {
			x := w.WeightOf(id)
			n += x * x
		}
		w.norms[k] = n
	}
	return n
}

// articleCache is what merging one article's events shares: the weights,
// the candidate incidents loaded (the batch's), which of those have had
// their tokens weighed, and a list to reuse.
type articleCache struct {
	w       *weights
	incs    map[int64]*cluster.Incident
	weighed map[*cluster.Incident]bool
	need    []int32
}

// maxCached bounds the entries of each of the store's merge caches; a
// full cache is emptied and fills again with what is in use.
const maxCached = 200_000

// tokenCache keeps articles' tokens (keyed by id, checked against the
// signature, which changes with the text) so that an article compared
// with many later ones is read and split once.
type tokenCache struct {
	mu sync.Mutex
	m  map[int64]cachedTokens
}

type cachedTokens struct {
	sig    uint64
	tokens []string
	v      *vocab // ids are the tokens' numbers in v
	ids    []int32
}

// fillTokens sets the Tokens (and TokenIDs, numbered in v) of the
// members, from the cache or, for the articles it lacks, from the
// database in one query.
func (s *sqlStore) fillTokens(ctx context.Context, tx *sql.Tx, v *vocab, members [][]cluster.Item) error {
	c := &s.tokens
	c.mu.Lock()
	var missing []int64
	seen := map[int64]bool{}
	for _, ms := range members {
		for k := range ms {
			id, _ := strconv.ParseInt(ms[k].ArticleID, 10, 64)
			if ct, ok := c.m[id]; ok && ct.sig == ms[k].Signature {
				if ct.v != v {
					// Numbered in a vocabulary since replaced.
					ct.v, ct.ids = v, v.intern(ct.tokens)
					c.m[id] = ct
				}
				ms[k].Tokens, ms[k].TokenIDs = ct.tokens, ct.ids
			} else if !seen[id] {
				seen[id] = true
				missing = append(missing, id)
			}
		}
	}
	c.mu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	got := map[int64]cachedTokens{}
	for lo := 0; lo < len(missing); lo += maxRowsPerInsert {
		ph, args := placeholders(missing[lo:min(lo+maxRowsPerInsert, len(missing))], 0)
		rows, err := tx.QueryContext(ctx, `SELECT id, signature, tokens FROM articles WHERE id IN (`+ph+`)`, args...)
		if err != nil {
			return fmt.Errorf("article tokens: %w", err)
		}
		for rows.Next() {
			var id int64
			var sig sql.NullInt64
			var toks string
			if err := rows.Scan(&id, &sig, &toks); err != nil {
				rows.Close()
				return err
			}
			ts := strings.Fields(toks)
			got[id] = cachedTokens{uint64(sig.Int64), ts, v, v.intern(ts)}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	for _, ms := range members {
		for k := range ms {
			if ms[k].Tokens == nil {
				id, _ := strconv.ParseInt(ms[k].ArticleID, 10, 64)
				ms[k].Tokens, ms[k].TokenIDs = got[id].tokens, got[id].ids
			}
		}
	}
	c.mu.Lock()
	if c.m == nil || len(c.m)+len(got) > maxCached {
		c.m = map[int64]cachedTokens{}
	}
	for id, ct := range got {
		c.m[id] = ct
	}
	c.mu.Unlock()
	return nil
}

// mergeLockKeys are the advisory locks (key → exclusive) that make merging
// on PostgreSQL safe with other processes: each event takes its country's
// lock for every week of its candidate window exclusively, and the
// world's for those weeks shared; an event with no country takes the
// world's exclusively. Two transactions that could each see the other's new
// incident as a candidate — same country, or one unplaced — thus take
// turns, and neither creates an incident the other has just created.
func mergeLockKeys(r *articleRow, keys map[int64]bool) {
	for _, it := range r.merge.items {
		ws, we := cluster.Window(it)
		lockWeeks(it, days(ws), days(we), keys)
		if ss, se, ok := cluster.SaidWindow(it); ok {
			lockWeeks(it, days(ss), days(se), keys) // its candidates are looked up there too
		}
	}
}

// lockWeeks adds the lock keys of an event's candidates in the window of
// days start to end (see mergeLockKeys).
func lockWeeks(it cluster.Item, start, end int, keys map[int64]bool) {
	lo := start - cluster.FollowUpDays - cluster.MaxSpanDays
	hi := end + cluster.DateSlackDays + cluster.MaxSpanDays
	for w := lo / 7; w <= hi/7; w++ {
		world := lockKey("world", strconv.Itoa(w))
		if it.Country == "" {
			keys[world] = true
			continue
		}
		keys[lockKey(it.Country, strconv.Itoa(w))] = true
		if !keys[world] {
			keys[world] = false
		}
	}
}

func lockKey(parts ...string) int64 {
	h := fnv.New64a()
	h.Write([]byte("sitrep.merge"))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return int64(h.Sum64())
}

// oldMerge is what an update must undo of an article's merge: the
// incidents its events are in, and its tokens.
func (s *sqlStore) oldMerge(ctx context.Context, tx *sql.Tx, id int64) ([]int64, string, error) {
	var tokens string
	if err := tx.QueryRowContext(ctx, `SELECT tokens FROM articles WHERE id = $1`, id).Scan(&tokens); err != nil {
		return nil, "", err
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT incident_id FROM incident_reports WHERE article_id = $1`, id)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	old := []int64{}
	for rows.Next() {
		var inc int64
		if err := rows.Scan(&inc); err != nil {
			return nil, "", err
		}
		old = append(old, inc)
	}
	return old, tokens, rows.Err()
}

// afterMerge updates the document frequency cache once a transaction has
// ended: with what it wrote if it committed, emptied if it failed.
func (s *sqlStore) afterMerge(b *batch, err error) {
	if err != nil {
		b.v.forgetCounts()
		if v := s.vocab.p.Load(); v != b.v && v != nil {
			v.forgetCounts()
		}
		return
	}
	b.v.addCounts(b.flushed)
}

// stmts are the statements merging runs for every article or event,
// prepared once per store: SQLite would otherwise parse each every time.
// Only fixed texts come here (a statement per IN-list length would not).
type stmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// stmt returns query prepared, for use in tx. A statement that cannot be
// prepared (the connection is lost) returns that error when run.
func (s *sqlStore) stmt(ctx context.Context, tx *sql.Tx, query string) txStmt {
	s.prepared.mu.Lock()
	defer s.prepared.mu.Unlock()
	st, ok := s.prepared.m[query]
	if !ok {
		var err error
		if st, err = s.db.PrepareContext(ctx, query); err != nil {
			return txStmt{err: err}
		}
		if s.prepared.m == nil {
			s.prepared.m = map[string]*sql.Stmt{}
		}
		s.prepared.m[query] = st
	}
	return txStmt{st: tx.StmtContext(ctx, st)}
}

// maxPreparedRows bounds the multi-row INSERTs kept prepared (see
// stmtRows): an article's events, their evidence and an incident's actors
// are nearly always fewer rows than this, and each row count is its own
// statement text, so at most this many texts per statement are kept.
const maxPreparedRows = 16

// stmtRows is stmt for a multi-row statement whose text is made for rows
// rows (valuesList): prepared and kept up to maxPreparedRows, since
// parsing such a statement was most of inserting an article's events;
// run unprepared in tx above that.
func (s *sqlStore) stmtRows(ctx context.Context, tx *sql.Tx, query string, rows int) txStmt {
	if rows <= maxPreparedRows {
		return s.stmt(ctx, tx, query)
	}
	return txStmt{tx: tx, query: query}
}

// txStmt is a prepared statement in a transaction, or why it is not, or
// (tx and query set) a statement to run unprepared in tx.
type txStmt struct {
	st    *sql.Stmt
	err   error
	tx    *sql.Tx
	query string
}

func (t txStmt) ExecContext(ctx context.Context, args ...any) (sql.Result, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.st == nil {
		return t.tx.ExecContext(ctx, t.query, args...)
	}
	return t.st.ExecContext(ctx, args...)
}

// scanRow runs a query of one row and scans it into dest.
func (t txStmt) scanRow(ctx context.Context, args []any, dest ...any) error {
	rows, err := t.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return sql.ErrNoRows
	}
	if err := rows.Scan(dest...); err != nil {
		return err
	}
	return rows.Close()
}

func (t txStmt) QueryContext(ctx context.Context, args ...any) (*sql.Rows, error) {
	if t.err != nil {
		return nil, t.err
	}
	if t.st == nil {
		return t.tx.QueryContext(ctx, t.query, args...)
	}
	return t.st.QueryContext(ctx, args...)
}
