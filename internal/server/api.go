package server

import (
	_ "embed"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sitrep/internal/store"
)

//go:embed openapi.json
var openapiJSON []byte

// aggregateKeys are the keys /api/v1/stats groups by (store.By*).
var aggregateKeys = []string{store.ByDay, store.ByWeek, store.ByMonth, store.ByYear, store.ByType,
	store.BySubtype, store.ByCountry, store.ByAdmin1, store.ByActor, store.ByPerpetrator, store.ByTarget}

func (s *Server) routesAPI() {
	s.handle("GET /api/v1/events", s.readable(true, s.cached(s.admitted(true, s.apiEvents))))
	s.handle("GET /api/v1/events/{id}", s.readable(true, s.cached(s.admitted(true, s.apiEvent))))
	s.handle("GET /api/v1/actors", s.readable(true, s.cached(s.admitted(true, s.apiActors))))
	s.handle("GET /api/v1/actors/{name}", s.readable(true, s.cached(s.admitted(true, s.apiActor))))
	s.handle("GET /api/v1/articles/{id}", s.readable(true, s.cached(s.admitted(true, s.apiArticle))))
	s.handle("POST /api/v1/articles", s.apiSubmit)
	s.handle("GET /api/v1/stats", s.readable(true, s.cached(s.admitted(true, s.apiStats))))
	s.handle("GET /api/v1/export", s.readable(true, s.apiExport))
	s.handle("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openapiJSON)
	})
	s.handle("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	s.handle("GET /readyz", s.readyz)
	s.handle("GET /metrics", s.metrics.serve)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path+" (see /api/v1/openapi.json)")
	})
}

// eventsPage is the answer of GET /api/v1/events.
type eventsPage struct {
	Events []store.Incident `json:"events"`
	Next   *string          `json:"next"`
}

func eventsPageOf(p store.IncidentPage) eventsPage {
	out := eventsPage{Events: p.Incidents}
	if out.Events == nil {
		out.Events = []store.Incident{}
	}
	if p.Next != "" {
		out.Next = &p.Next
	}
	return out
}

// filter parses the request's filter, answering 400 itself on error.
func filter(w http.ResponseWriter, r *http.Request, extra ...string) (store.IncidentFilter, bool) {
	f, err := parseFilter(r.URL.Query(), extra...)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return f, false
	}
	return f, true
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	f, ok := filter(w, r)
	if !ok {
		return
	}
	p, err := s.cfg.Store.QueryIncidents(r.Context(), f)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, eventsPageOf(p))
}

// pathID reads the {id} path value, answering 400 itself when it is not
// a positive integer.
func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		writeError(w, http.StatusBadRequest, "id "+strconv.Quote(truncate(r.PathValue("id"), 40))+": want a positive whole number")
		return 0, false
	}
	return id, true
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	inc, err := s.cfg.Store.Incident(r.Context(), id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, inc)
}

func (s *Server) apiActors(w http.ResponseWriter, r *http.Request) {
	f, ok := filter(w, r)
	if !ok {
		return
	}
	limit := f.Limit
	if limit == 0 {
		limit = 100
	}
	as, err := s.cfg.Store.Actors(r.Context(), f, limit)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if as == nil {
		as = []store.ActorCount{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"actors": as})
}

// actorProfile is an actor's page: the catalog's entry (when the name is a
// catalog actor) and what the store knows of its incidents.
type actorProfile struct {
	Name    string           `json:"name"`
	Kind    string           `json:"kind,omitempty"`
	Country string           `json:"country,omitempty"`
	Aliases []string         `json:"aliases"`
	Parents []string         `json:"parents"`
	Note    string           `json:"note,omitempty"`
	Catalog bool             `json:"catalog"` // a catalog actor, not only a name in the text
	Weeks   []store.Bucket   `json:"weeks"`   // incidents and deaths per week
	Targets []store.Bucket   `json:"targets"` // the targets and victims of the incidents it perpetrated, most first
	Places  []store.Bucket   `json:"places"`  // where, by country and admin1, most first
	Events  []store.Incident `json:"events"`
	Next    *string          `json:"next"`
}

// profile gathers an actor's page from the catalog and the store.
func (s *Server) profile(r *http.Request, name string, f store.IncidentFilter) (actorProfile, error) {
	ctx := r.Context()
	p := actorProfile{Name: name, Aliases: []string{}, Parents: []string{}}
	if a := s.actors.Actor(name); a != nil {
		p.Catalog, p.Kind, p.Country, p.Note = true, a.Kind, a.Country, a.Note
		p.Aliases = append(append(p.Aliases, a.Aliases...), a.Exact...)
		p.Parents = append(p.Parents, s.actors.Parents(name)...)
	}
	f.Actor = name
	// The four reads are independent, and for a frequent actor each of
	// the counts reads many of its incidents: run side by side on the
	// store's connections, the page takes about as long as the slowest
	// rather than their sum.
	var (
		wg                      sync.WaitGroup
		weeksErr, targetsErr    error
		placesErr, incidentsErr error
		pg                      store.IncidentPage
	)
	wg.Go(func() { p.Weeks, weeksErr = s.cfg.Store.CountIncidents(ctx, f, store.ByWeek) })
	// The targets and victims of the actor's own acts: the incidents it
	// perpetrated (whatever role f asks for the rest), counted from the
	// actor_targets rollup, which holds perpetrator x target pairs only
	// so that an incident's rows grow with its actors, not their square
	// (see actorTargetsFit in the store).
	tf := f
	tf.ActorRole = store.ByPerpetrator
	wg.Go(func() { p.Targets, targetsErr = s.cfg.Store.CountIncidents(ctx, tf, store.ByTarget) })
	wg.Go(func() { p.Places, placesErr = s.cfg.Store.CountIncidents(ctx, f, store.ByCountry, store.ByAdmin1) })
	wg.Go(func() { pg, incidentsErr = s.cfg.Store.QueryIncidents(ctx, f) })
	wg.Wait()
	if err := errors.Join(weeksErr, targetsErr, placesErr, incidentsErr); err != nil {
		return p, err
	}
	p.Targets = mostFirst(slices.DeleteFunc(p.Targets, func(b store.Bucket) bool { return b.Keys[0] == name }), 10)
	p.Places = mostFirst(p.Places, 10)
	ep := eventsPageOf(pg)
	p.Events, p.Next = ep.Events, ep.Next
	return p, nil
}

// mostFirst sorts buckets by incidents, most first, and keeps n.
func mostFirst(bs []store.Bucket, n int) []store.Bucket {
	slices.SortStableFunc(bs, func(a, b store.Bucket) int { return b.Incidents - a.Incidents })
	if len(bs) > n {
		bs = bs[:n]
	}
	if bs == nil {
		bs = []store.Bucket{}
	}
	return bs
}

func (s *Server) apiActor(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" || len(name) > maxTextParam {
		writeError(w, http.StatusBadRequest, "actor name: want 1 to 200 bytes")
		return
	}
	// The path names the actor: a role (role=) is its role without
	// repeating it as actor=.
	q := r.URL.Query()
	if q.Get("actor") == "" {
		q.Set("actor", name)
	}
	f, err := parseFilter(q)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	p, err := s.profile(r, name, f)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if !p.Catalog && len(p.Events) == 0 {
		writeError(w, http.StatusNotFound, "no actor "+strconv.Quote(name)+" in the catalog or the events")
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// articleJSON is a stored article on the wire, with the field names of
// `sitrep read --json`.
type articleJSON struct {
	ID         int64      `json:"id"`
	ExternalID string     `json:"external_id,omitempty"`
	Source     string     `json:"source"`
	Title      string     `json:"title"`
	Subtitle   string     `json:"subtitle,omitempty"`
	Byline     string     `json:"byline,omitempty"`
	Published  *time.Time `json:"published"`
	Updated    *time.Time `json:"updated"`
	Language   string     `json:"language,omitempty"`
	URL        string     `json:"url,omitempty"`
	Text       string     `json:"text"`
	Version    int        `json:"version"`
	IngestedAt time.Time  `json:"ingested_at"`
}

func toArticleJSON(a store.StoredArticle) articleJSON {
	opt := func(t time.Time) *time.Time {
		if t.IsZero() {
			return nil
		}
		t = t.UTC()
		return &t
	}
	return articleJSON{ID: a.ID, ExternalID: a.ExternalID, Source: a.Source, Title: a.Title, Subtitle: a.Subtitle,
		Byline: a.Byline, Published: opt(a.Published), Updated: opt(a.Updated), Language: a.Language, URL: a.URL,
		Text: a.Text, Version: a.Version, IngestedAt: a.IngestedAt.UTC()}
}

// articleView is an article with its incidents and the articles about the
// same incidents.
type articleView struct {
	Article articleJSON            `json:"article"`
	Events  []store.Incident       `json:"events"`
	Similar []store.SimilarArticle `json:"similar"`
}

func (s *Server) article(r *http.Request, id int64) (articleView, error) {
	var v articleView
	a, err := s.cfg.Store.Article(r.Context(), id)
	if err != nil {
		return v, err
	}
	v.Article = toArticleJSON(a)
	p, err := s.cfg.Store.QueryIncidents(r.Context(), store.IncidentFilter{ArticleID: id, Limit: 1000})
	if err != nil {
		return v, err
	}
	v.Events = eventsPageOf(p).Events
	if v.Similar, err = s.cfg.Store.SimilarArticles(r.Context(), id, 20); err != nil {
		return v, err
	}
	if v.Similar == nil {
		v.Similar = []store.SimilarArticle{}
	}
	return v, nil
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	v, err := s.article(r, id)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// statsAnswer is GET /api/v1/stats: buckets keyed by the "by" keys.
type statsAnswer struct {
	By      []string       `json:"by"`
	Buckets []store.Bucket `json:"buckets"`
}

// byKeys reads the one or two "by" parameters of a stats request.
func byKeys(v url.Values) ([]string, error) {
	by := v["by"]
	if len(by) == 0 || len(by) > 2 {
		return nil, &filterError{"by", strings.Join(by, ","), "give one or two keys, e.g. by=week&by=type"}
	}
	for _, k := range by {
		if !slices.Contains(aggregateKeys, k) {
			return nil, &filterError{"by", k, "want one of " + strings.Join(aggregateKeys, ", ")}
		}
	}
	if len(by) == 2 && by[0] == by[1] {
		return nil, &filterError{"by", by[1], "given twice"}
	}
	return by, nil
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	by, err := byKeys(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	f, ok := filter(w, r, "by")
	if !ok {
		return
	}
	bs, err := s.cfg.Store.CountIncidents(r.Context(), f, by...)
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	if bs == nil {
		bs = []store.Bucket{}
	}
	writeJSON(w, http.StatusOK, statsAnswer{By: by, Buckets: bs})
}

// exportFormats are the formats export.Write knows, with their media type
// and file extension.
var exportFormats = map[string][2]string{
	"acled-csv": {"text/csv; charset=utf-8", "csv"},
	"gtd-csv":   {"text/csv; charset=utf-8", "csv"},
	"jsonl":     {"application/jsonl; charset=utf-8", "jsonl"},
	"geojson":   {"application/geo+json", "geojson"},
}

func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	ct, ok := exportFormats[format]
	if !ok {
		names := make([]string, 0, len(exportFormats))
		for k := range exportFormats {
			names = append(names, k)
		}
		slices.Sort(names)
		writeError(w, http.StatusBadRequest, (&filterError{"format", format, "want one of " + strings.Join(names, ", ")}).Error())
		return
	}
	f, ok := filter(w, r, "format")
	if !ok {
		return
	}
	if s.cfg.Export == nil {
		writeError(w, http.StatusNotImplemented, "exports are not available in this build")
		return
	}
	// A large export outlasts the server's write timeout, which is there
	// for slow clients of small answers; this one may stream for long.
	http.NewResponseController(w).SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", ct[0])
	w.Header().Set("Content-Disposition", `attachment; filename="sitrep-events.`+ct[1]+`"`)
	if err := s.cfg.Export(r.Context(), w, format, s.cfg.Store, f); err != nil {
		// Headers are gone; the truncated body and the log say what happened.
		s.log.Error("export", "format", format, "err", err)
	}
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.cfg.Store.QueryIncidents(r.Context(), store.IncidentFilter{Limit: 1, Sort: "id"}); err != nil {
		s.log.Error("readyz", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "store unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}
