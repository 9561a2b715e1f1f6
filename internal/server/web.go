package server

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// webFS holds the templates and the static files (CSS, the one script, the
// basemap); nothing is fetched from elsewhere, so the page works offline.
//
//go:embed web
var webFS embed.FS

// pages are the parsed templates, one set per page (each with the layout).
type pages struct {
	t map[string]*template.Template
}

var funcs = template.FuncMap{
	"typeLabel": typeLabel,
	"count":     countText,
	"date":      dateText,
	"place":     placeText,
	"actor":     actorName,
	"pathEsc":   url.PathEscape,
	"types":     types,
	"subtypes":  subtypes,
	"certs":     func() []string { return certainties },
	"sorts":     func() []string { return sorts },
	"fmtf":      func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
	"fmtp": func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', 4, 64)
	},
	"best":  best,
	"add":   func(a, b int) int { return a + b },
	"deref": func(p *string) string { return derefStr(p) },
	"year":  func(p *store.Source) string { return publishedText(p) },
}

func loadPages() (*pages, error) {
	p := &pages{t: map[string]*template.Template{}}
	names, err := fs.Glob(webFS, "web/templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := strings.TrimSuffix(n[len("web/templates/"):], ".html")
		if base == "layout" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(webFS, "web/templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("server: template %s: %w", n, err)
		}
		p.t[base] = t
	}
	return p, nil
}

// render executes a page into a buffer first, so that a template error is
// a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data map[string]any) {
	t := s.pages.t[name]
	if t == nil {
		s.log.Error("no template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	data["Writes"] = s.cfg.WriteToken != ""
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		s.log.Error("template", "name", name, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// webError shows an error page; store failures are logged, not shown.
func (s *Server) webError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := http.StatusInternalServerError, "Something went wrong reading the store."
	var fe *filterError
	switch {
	case errors.As(err, &fe):
		status, msg = http.StatusBadRequest, "Bad filter: "+fe.Error()
	case errors.Is(err, store.ErrNotFound):
		status, msg = http.StatusNotFound, "Not found."
	case badCursor(err):
		status, msg = http.StatusBadRequest, "Bad page cursor: follow the Next link of the previous page."
	case r.Context().Err() == context.DeadlineExceeded:
		s.busy(w, r, false)
		return
	default:
		s.log.Error("page", "path", r.URL.Path, "err", err)
	}
	s.render(w, r, status, "error", map[string]any{"Title": http.StatusText(status), "Message": msg})
}

func (s *Server) routesWeb() {
	static, _ := fs.Sub(webFS, "web/static")
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	s.mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	}))
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		b, _ := webFS.ReadFile("web/static/favicon.svg")
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Write(b)
	})
	s.mux.HandleFunc("GET /basemap.svg", func(w http.ResponseWriter, r *http.Request) {
		b, err := basemap()
		if err != nil {
			s.webError(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Write(b)
	})
	s.mux.HandleFunc("GET /{$}", s.readable(false, s.admitted(false, s.pageEvents)))
	s.mux.HandleFunc("GET /events/{id}", s.readable(false, s.admitted(false, s.pageEvent)))
	s.mux.HandleFunc("GET /actors", s.readable(false, s.admitted(false, s.pageActors)))
	s.mux.HandleFunc("GET /actors/{name}", s.readable(false, s.admitted(false, s.pageActor)))
	s.mux.HandleFunc("GET /articles/{id}", s.readable(false, s.admitted(false, s.pageArticle)))
	s.mux.HandleFunc("GET /submit", s.pageSubmit)
	s.mux.HandleFunc("POST /submit", s.formSubmit)
}

// timelineCounts counts f by (week, type), or by (month, type) when the
// weeks would be more than maxPeriods bars. Months are asked first unless
// f's dates alone settle it: the store keeps them rolled up by country,
// so on a large store they cost far less than weeks, and they bound the
// span of the weeks tightly enough to decide without counting weeks.
func (s *Server) timelineCounts(ctx context.Context, f store.IncidentFilter) (string, []store.Bucket, error) {
	weeks := func() (string, []store.Bucket, error) {
		bs, err := s.cfg.Store.CountIncidents(ctx, f, store.ByWeek, store.ByType)
		if err == nil && len(bs) > 0 && len(periods(store.ByWeek, bs[0].Keys[0], bs[len(bs)-1].Keys[0])) > maxPeriods {
			bs, err = s.cfg.Store.CountIncidents(ctx, f, store.ByMonth, store.ByType)
			return store.ByMonth, bs, err
		}
		return store.ByWeek, bs, err
	}
	from, err1 := time.Parse(time.DateOnly, f.From)
	to, err2 := time.Parse(time.DateOnly, f.To)
	if err1 == nil && err2 == nil && to.Sub(from) < (maxPeriods-1)*7*24*time.Hour {
		return weeks()
	}
	months, err := s.cfg.Store.CountIncidents(ctx, f, store.ByMonth, store.ByType)
	if err != nil || len(months) == 0 {
		return store.ByMonth, months, err
	}
	first, err1 := time.Parse("2006-01", months[0].Keys[0])
	last, err2 := time.Parse("2006-01", months[len(months)-1].Keys[0])
	if err1 != nil || err2 != nil {
		return weeks()
	}
	// The weeks' first and last dates lie within the first and last
	// months: if even the shortest span they allow has too many weeks,
	// months it is; else the weeks decide as before.
	monday := func(d time.Time) string {
		return d.AddDate(0, 0, -(int(d.Weekday())+6)%7).Format(time.DateOnly)
	}
	shortest := periods(store.ByWeek, monday(first.AddDate(0, 1, -1)), monday(last))
	if len(shortest) > maxPeriods {
		return store.ByMonth, months, nil
	}
	return weeks()
}

// mapPoints is the most incidents the events page's map shows.
const mapPoints = 300

// mapPoint is one incident on the map.
type mapPoint struct {
	ID     int64
	X, Y   float64
	R      float64
	Class  string
	Title  string
	Killed int
}

// mapView is the map's viewBox and points.
type mapView struct {
	ViewBox     string
	X, Y, W, H  float64 // the basemap image's placement (always the whole world)
	Points      []mapPoint
	Unplaced    int // incidents on the page without coordinates
	StrokeWidth float64
}

// buildMap places incidents with coordinates, sizes them by deaths, and
// zooms the view to their extent (with a margin), at least 20° wide.
func buildMap(incs []store.Incident) mapView {
	mv := mapView{W: mapWidth, H: mapHeight}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, in := range incs {
		l := in.Location
		if l == nil || l.Lat == nil || l.Lon == nil {
			mv.Unplaced++
			continue
		}
		x, y := project(*l.Lon, *l.Lat)
		k := best(in.Killed)
		mv.Points = append(mv.Points, mapPoint{ID: in.ID, X: x, Y: y, Killed: k, Class: "t-" + in.Type,
			Title: fmt.Sprintf("%s — %s, %s, %d killed", typeLabel(in.Subtype), placeText(l), dateText(in.Date), k)})
		minX, minY, maxX, maxY = min(minX, x), min(minY, y), max(maxX, x), max(maxY, y)
	}
	if len(mv.Points) == 0 {
		mv.ViewBox = fmt.Sprintf("0 0 %g %g", mapWidth, mapHeight)
		mv.StrokeWidth = 1
		return mv
	}
	minW := 20 * mapWidth / 360
	w, h := max(maxX-minX, minW)*1.3, max(maxY-minY, minW/2)*1.3
	// Keep the basemap's 2:1 aspect so the page layout does not jump.
	if w < 2*h {
		w = 2 * h
	} else {
		h = w / 2
	}
	cx, cy := (minX+maxX)/2, (minY+maxY)/2
	x0 := math.Max(0, math.Min(cx-w/2, mapWidth-w))
	y0 := math.Max(0, math.Min(cy-h/2, mapHeight-h))
	w, h = math.Min(w, mapWidth), math.Min(h, mapHeight)
	mv.ViewBox = fmt.Sprintf("%.2f %.2f %.2f %.2f", x0, y0, w, h)
	unit := w / 200 // a point's base radius: 1/200 of the view's width
	mv.StrokeWidth = unit / 4
	for i := range mv.Points {
		mv.Points[i].R = unit * (1 + math.Sqrt(float64(mv.Points[i].Killed))/2)
	}
	// Big circles first, so small ones stay clickable on top.
	slices.SortStableFunc(mv.Points, func(a, b mapPoint) int { return b.Killed - a.Killed })
	return mv
}

func (s *Server) pageEvents(w http.ResponseWriter, r *http.Request) {
	v := pageQuery(r)
	f, err := parseFilter(v)
	if err != nil {
		s.webError(w, r, err)
		return
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	ctx := r.Context()
	// The map shows the deadliest mapPoints incidents of the whole filter,
	// not only this page's rows: a map of thousands of dots says little,
	// and each incident read costs (BenchmarkHandlers/page-events).
	mf := f
	mf.Cursor, mf.Limit, mf.Sort, mf.NoSources = "", mapPoints, "killed", true
	// The three reads are independent: run side by side on the store's
	// connections (as an actor page's), the page takes about as long as
	// the slowest, the timeline's count for a broad filter, not the sum.
	var (
		wg                      sync.WaitGroup
		p, mp                   store.IncidentPage
		by                      string
		buckets                 []store.Bucket
		listErr, countErr, mErr error
	)
	wg.Go(func() { p, listErr = s.cfg.Store.QueryIncidents(ctx, f) })
	wg.Go(func() { by, buckets, countErr = s.timelineCounts(ctx, f) })
	wg.Go(func() { mp, mErr = s.cfg.Store.QueryIncidents(ctx, mf) })
	wg.Wait()
	for _, err := range []error{listErr, countErr, mErr} {
		if err != nil {
			s.webError(w, r, err)
			return
		}
	}
	total := 0
	for _, b := range buckets {
		total += b.Incidents
	}
	var next string
	if p.Next != "" {
		q := query(f)
		q.Set("cursor", p.Next)
		next = "/?" + q.Encode()
	}
	api := query(f)
	exp := query(f)
	exp.Del("cursor")
	exp.Del("limit")
	exp.Del("sort")
	s.render(w, r, http.StatusOK, "events", map[string]any{
		"Title": "Events", "F": f, "Events": p.Incidents, "Next": next, "Total": total,
		"Timeline": buildTimeline(by, buckets), "Map": buildMap(mp.Incidents), "MapMore": mp.Next != "", "MapPoints": mapPoints,
		"API": "/api/v1/events?" + api.Encode(), "Export": exp.Encode(), "HasExport": s.cfg.Export != nil,
		"BBox": bboxText(f.BBox), "MinKilled": minKilledText(f.MinKilled),
	})
}

func bboxText(b *[4]float64) string {
	if b == nil {
		return ""
	}
	return fmt.Sprintf("%g,%g,%g,%g", b[0], b[1], b[2], b[3])
}

func minKilledText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// segment is a run of article text, marked when it is evidence.
type segment struct {
	Text string
	Mark bool
}

// excerpt is a paragraph of an article with its evidence sentences marked.
type excerpt struct {
	Segments []segment
}

// excerpts finds each evidence sentence in the article text and returns
// the paragraphs holding them, the sentences marked. Evidence offsets are
// characters (runes); when they do not point at the evidence text (the
// article was updated since) the text is searched for instead.
func excerpts(text string, ev []extract.Evidence) []excerpt {
	type span struct{ a, b int }
	var spans []span
	for _, e := range ev {
		a, b := runeToByte(text, e.Start), runeToByte(text, e.End)
		if a < 0 || b < a || b > len(text) || text[a:b] != e.Text {
			i := strings.Index(text, e.Text)
			if i < 0 || e.Text == "" {
				continue
			}
			a, b = i, i+len(e.Text)
		}
		if b > a { // an empty span marks nothing
			spans = append(spans, span{a, b})
		}
	}
	slices.SortFunc(spans, func(x, y span) int { return x.a - y.a })
	var out []excerpt
	for i := 0; i < len(spans); {
		// The paragraph around spans[i], and every span inside it.
		ps := strings.LastIndex(text[:spans[i].a], "\n\n")
		if ps < 0 {
			ps = 0
		} else {
			ps += 2
		}
		pe := strings.Index(text[spans[i].b:], "\n\n")
		if pe < 0 {
			pe = len(text)
		} else {
			pe += spans[i].b
		}
		var x excerpt
		pos := ps
		for ; i < len(spans) && spans[i].a < pe; i++ {
			sp := spans[i]
			if sp.a < pos { // overlaps the previous mark
				sp.a = pos
			}
			if sp.b <= sp.a {
				continue
			}
			if sp.a > pos {
				x.Segments = append(x.Segments, segment{Text: text[pos:sp.a]})
			}
			end := min(sp.b, pe)
			x.Segments = append(x.Segments, segment{Text: text[sp.a:end], Mark: true})
			pos = end
		}
		if pos < pe {
			x.Segments = append(x.Segments, segment{Text: text[pos:pe]})
		}
		out = append(out, x)
	}
	return out
}

// runeToByte converts a rune offset into text to a byte offset; -1 when
// it is past the end.
func runeToByte(text string, n int) int {
	if n < 0 {
		return -1
	}
	i := 0
	for b := range text {
		if i == n {
			return b
		}
		i++
	}
	if i == n {
		return len(text)
	}
	return -1
}

// reportView is one source's report on the event page.
type reportView struct {
	store.Report
	Excerpts []excerpt
	Differs  map[string]bool // fields whose value differs from another report's
}

func (s *Server) pageEvent(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.webError(w, r, &filterError{"id", r.PathValue("id"), "want a positive whole number"})
		return
	}
	inc, err := s.cfg.Store.Incident(r.Context(), id)
	if err != nil {
		s.webError(w, r, err)
		return
	}
	texts := map[int64]string{}
	reports := make([]reportView, len(inc.Reports))
	for i, rep := range inc.Reports {
		t, ok := texts[rep.Source.ArticleID]
		if !ok {
			a, err := s.cfg.Store.Article(r.Context(), rep.Source.ArticleID)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				s.webError(w, r, err)
				return
			}
			t = a.Text
			texts[rep.Source.ArticleID] = t
		}
		reports[i] = reportView{Report: rep, Excerpts: excerpts(t, rep.Event.Evidence), Differs: map[string]bool{}}
	}
	// Mark the fields the sources disagree on, to show them side by side.
	fields := map[string]func(e extract.Event) string{
		"type":      func(e extract.Event) string { return e.Subtype },
		"date":      func(e extract.Event) string { return dateText(e.Date) },
		"place":     func(e extract.Event) string { return placeText(e.Location) },
		"killed":    func(e extract.Event) string { return countText(e.Killed) },
		"wounded":   func(e extract.Event) string { return countText(e.Wounded) },
		"certainty": func(e extract.Event) string { return e.Certainty },
	}
	var conflicts []string
	for name, get := range fields {
		seen := map[string]bool{}
		for _, rep := range reports {
			seen[get(rep.Event)] = true
		}
		if len(seen) > 1 {
			conflicts = append(conflicts, name)
			for i := range reports {
				reports[i].Differs[name] = true
			}
		}
	}
	slices.Sort(conflicts)
	s.render(w, r, http.StatusOK, "event", map[string]any{
		"Title": typeLabel(inc.Subtype) + " — " + placeText(inc.Location), "I": inc, "Reports": reports,
		"Conflicts": conflicts, "Rule": store.ReconcileRule, "Map": buildMap([]store.Incident{inc}),
	})
}

func (s *Server) pageActors(w http.ResponseWriter, r *http.Request) {
	v := pageQuery(r)
	f, err := parseFilter(v)
	if err != nil {
		s.webError(w, r, err)
		return
	}
	as, err := s.cfg.Store.Actors(r.Context(), f, 200)
	if err != nil {
		s.webError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "actors", map[string]any{"Title": "Actors", "Actors": as})
}

func (s *Server) pageActor(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(r.PathValue("name"))
	if name == "" || len(name) > maxTextParam || !utf8.ValidString(name) {
		s.webError(w, r, &filterError{"name", name, "want 1 to 200 bytes of text"})
		return
	}
	p, err := s.profile(r, name, store.IncidentFilter{Limit: 50})
	if err != nil {
		s.webError(w, r, err)
		return
	}
	if !p.Catalog && len(p.Events) == 0 {
		s.webError(w, r, store.ErrNotFound)
		return
	}
	// One panel per week, a single colour: the actor's own activity.
	var wb []store.Bucket
	for _, b := range p.Weeks {
		wb = append(wb, store.Bucket{Keys: []string{b.Keys[0], "all"}, Incidents: b.Incidents, Killed: b.Killed})
	}
	s.render(w, r, http.StatusOK, "actor", map[string]any{"Title": name, "P": p,
		"Timeline": buildTimeline(store.ByWeek, wb), "Events": p.Events,
		"More": "/?" + url.Values{"actor": {name}}.Encode()})
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		s.webError(w, r, &filterError{"id", r.PathValue("id"), "want a positive whole number"})
		return
	}
	v, err := s.article(r, id)
	if err != nil {
		s.webError(w, r, err)
		return
	}
	a, _ := s.cfg.Store.Article(r.Context(), id)
	s.render(w, r, http.StatusOK, "article", map[string]any{"Title": a.Title, "A": v.Article,
		"Paragraphs": a.Paragraphs(), "Events": v.Events, "Similar": v.Similar})
}

func (s *Server) pageSubmit(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "submit", map[string]any{"Title": "Submit an article"})
}

// formSubmit is the submit form's POST. Cross-site posts are refused by
// http.CrossOriginProtection (see Handler); the write token is a form
// field the user types, never a cookie, so a forged request has nothing
// to ride on either.
func (s *Server) formSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	if err := r.ParseForm(); err != nil {
		s.render(w, r, http.StatusBadRequest, "submit", map[string]any{"Title": "Submit an article", "Error": "The form could not be read: " + err.Error()})
		return
	}
	data := map[string]any{"Title": "Submit an article", "URL": r.PostForm.Get("url"), "Headline": r.PostForm.Get("title"), "Text": r.PostForm.Get("text")}
	if s.cfg.WriteToken == "" || !tokenOK(r.PostForm.Get("token"), s.cfg.WriteToken) {
		data["Error"] = "The write token is missing or wrong."
		s.render(w, r, http.StatusUnauthorized, "submit", data)
		return
	}
	sub := submission{URL: r.PostForm.Get("url"), Title: r.PostForm.Get("title"), Published: r.PostForm.Get("published")}
	if r.PostForm.Get("format") == "html" {
		sub.HTML = r.PostForm.Get("text")
	} else {
		sub.Text = r.PostForm.Get("text")
	}
	out, code, err := s.put(r, sub)
	if err != nil {
		if code == http.StatusInternalServerError {
			s.webError(w, r, err)
			return
		}
		data["Error"] = "The article was not stored: " + err.Error()
		s.render(w, r, code, "submit", data)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/articles/%d", out.ID), http.StatusSeeOther)
}

// typeLabel writes a codebook name for people: "armed_clash" → "armed clash".
func typeLabel(s string) string {
	if s == "" {
		return "—"
	}
	return strings.ReplaceAll(s, "_", " ")
}

// best is a count's best estimate: Best when merged, else the lower bound.
func best(c *extract.Count) int {
	if c == nil {
		return 0
	}
	if c.Best != nil {
		return *c.Best
	}
	return c.Min
}

// countText writes a count as "12", "12 (10–15)" or "at least 5".
func countText(c *extract.Count) string {
	if c == nil {
		return "—"
	}
	b := best(c)
	switch {
	case c.Max == nil && c.Min == b:
		if c.Best == nil {
			return fmt.Sprintf("at least %d", c.Min)
		}
		return strconv.Itoa(b)
	case c.Max == nil:
		return fmt.Sprintf("%d (at least %d)", b, c.Min)
	case c.Min == *c.Max && b == c.Min:
		return strconv.Itoa(b)
	}
	return fmt.Sprintf("%d (%d–%d)", b, c.Min, *c.Max)
}

func dateText(d *extract.Date) string {
	if d == nil {
		return "undated"
	}
	if d.End == "" || d.End == d.Start {
		return d.Start
	}
	return d.Start + " – " + d.End
}

func placeText(l *extract.Location) string {
	if l == nil {
		return "unknown place"
	}
	var parts []string
	for _, p := range []string{l.Name, l.Admin1, l.Country} {
		if p != "" && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "unknown place"
	}
	return strings.Join(parts, ", ")
}

// actorName is the name an actor page is keyed by: the canonical actor
// when resolved, else the text's name.
func actorName(p extract.Participant) string {
	if p.Actor != nil && *p.Actor != "" {
		return *p.Actor
	}
	return p.Name
}

func derefStr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func publishedText(s *store.Source) string {
	if s == nil || s.Published == nil {
		return ""
	}
	return s.Published.UTC().Format("2006-01-02")
}

// pageQuery is a page's query string as the filter parser should see it.
// Forms send every field, empty ones too; those are dropped so the parser
// sees what the user chose. So are the tracking parameters links pick up
// when shared (utm_*, fbclid, gclid): a shared page must open, whereas the
// API refuses any parameter it does not know.
func pageQuery(r *http.Request) url.Values {
	v := r.URL.Query()
	for k, vs := range v {
		if (len(vs) == 1 && strings.TrimSpace(vs[0]) == "") || strings.HasPrefix(k, "utm_") || k == "fbclid" || k == "gclid" {
			delete(v, k)
		}
	}
	return v
}
