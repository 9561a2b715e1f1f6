// Package server is `sitrep serve`: the JSON API under /api/v1/ and the web
// page, both reading the store's merged incidents.
//
// The handlers are thin on purpose. Filtering, sorting, paging, merging
// and counting are the store's (store.Incidents), so the API, the web page,
// the exports and the load tool all see the same answer; this package only
// parses and validates requests, checks tokens, and renders JSON, HTML and
// SVG.
//
// Article text, titles and actor names come from the web and are untrusted.
// Pages are html/template (contextual escaping), the JavaScript is one
// embedded file, and every response carries a Content-Security-Policy that
// allows scripts and styles from 'self' only, so that a payload that slips
// through escaping still cannot run.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"sitrep/internal/resolve"
	"sitrep/internal/store"
)

// Store is what the server needs of the store: articles (to show their text
// and to put submitted ones) and incidents. Every store.Store satisfies it;
// tests and tools can give anything smaller that does.
type Store interface {
	store.Articles
	store.Incidents
}

// Config configures a Server.
type Config struct {
	Store Store
	// WriteToken must be presented (Authorization: Bearer, or the submit
	// form's token field) to submit articles. Empty disables writes.
	WriteToken string
	// ReadToken, when set, is needed for every read too (API and pages);
	// the write token also reads. Empty makes reads public.
	ReadToken string
	// Actors is the catalog actor pages show aliases and parents from;
	// nil uses resolve.DefaultActors.
	Actors *resolve.ActorCatalog
	// Logger gets one line per request; nil uses slog.Default.
	Logger *slog.Logger
	// MaxBodyBytes bounds a submitted article; 0 means 4 MiB.
	MaxBodyBytes int64
	// Export writes the incidents matching a filter in a format
	// (acled-csv, gtd-csv, jsonl, geojson); nil leaves /api/v1/export
	// answering 501.
	Export ExportFunc
	// ReadTimeout bounds one read request, waiting included: past it the
	// store's query is cancelled and the answer is 503, so one slow query
	// gives back its pooled connection instead of starving the others.
	// 0 means 20 s (under the load tool's 30 s client timeout). Exports
	// are not bounded: a whole store streams for minutes.
	ReadTimeout time.Duration
	// CacheBytes bounds the cache of API read answers (see
	// responseCache); 0 disables it. It is used only if Store has a change
	// signal (store.Versioned), so that no answer outlives a write.
	CacheBytes int
	// MaxReads is how many read requests (API and pages, not exports)
	// run against the store at once; the others wait their turn (see
	// admitted). 0 means the store's own figure (store.ReadSlotter: on
	// SQLite the CPUs, 2 to 8; on PostgreSQL 8), else 8; negative, no
	// limit.
	MaxReads int
}

// ExportFunc is the signature of export.Write, taken as a value so this
// package does not depend on how exports are written.
type ExportFunc func(ctx context.Context, w io.Writer, format string, src store.Incidents, f store.IncidentFilter) error

// Server answers the API and the web page.
type Server struct {
	cfg     Config
	log     *slog.Logger
	actors  *resolve.ActorCatalog
	metrics *metrics
	pages   *pages
	cache   *responseCache // nil: answers are not cached
	reads   chan struct{}  // admission slots of reads; nil: no limit
	mux     *http.ServeMux
	// routes lists the API's method+pattern pairs, for the OpenAPI test.
	routes []string
}

// New builds a Server. It fails if the actor catalog or the embedded
// templates cannot be loaded.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 4 << 20
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = 20 * time.Second
	}
	if cfg.Actors == nil {
		cat, err := resolve.DefaultActors()
		if err != nil {
			return nil, err
		}
		cfg.Actors = cat
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: cfg.Logger, actors: cfg.Actors, metrics: newMetrics(), pages: p, mux: http.NewServeMux()}
	if cfg.MaxReads == 0 {
		cfg.MaxReads = 8
		if rs, ok := cfg.Store.(store.ReadSlotter); ok {
			cfg.MaxReads = rs.ReadSlots()
		}
	}
	if cfg.MaxReads > 0 {
		s.reads = make(chan struct{}, cfg.MaxReads)
	}
	if v, ok := versionedStore(cfg.Store); ok && cfg.CacheBytes > 0 {
		s.cache = newResponseCache(v, cfg.CacheBytes)
	}
	s.routesAPI()
	s.routesWeb()
	return s, nil
}

// Handler returns the server's handler with its middleware: metrics,
// logging, security headers and cross-origin protection.
func (s *Server) Handler() http.Handler {
	// CrossOriginProtection rejects state-changing requests a browser sends
	// from another site (Sec-Fetch-Site, Origin): the CSRF defence for the
	// submit form. API clients (curl, scripts) send neither header and pass.
	cop := http.NewCrossOriginProtection()
	return s.observe(securityHeaders(cop.Handler(s.mux)))
}

// handle registers an API route: the pattern is "METHOD /path".
func (s *Server) handle(pattern string, h http.HandlerFunc) {
	s.routes = append(s.routes, pattern)
	s.mux.Handle(pattern, h)
}

// contentSecurityPolicy allows nothing inline: scripts, styles, images and
// fetches from this origin only, no framing, no plugins, forms posting
// only here.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// tokenOK compares a presented token with the configured one in constant
// time. Both are hashed first so that not even the length leaks.
func tokenOK(got, want string) bool {
	if want == "" || got == "" {
		return false
	}
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// bearer is the request's token: the Authorization header's, else the
// sitrep_token cookie's (so that a browser can read a protected site).
func bearer(r *http.Request) string {
	if a := r.Header.Get("Authorization"); a != "" {
		if t, ok := strings.CutPrefix(a, "Bearer "); ok {
			return strings.TrimSpace(t)
		}
		return ""
	}
	if c, err := r.Cookie("sitrep_token"); err == nil {
		return c.Value
	}
	return ""
}

// canRead says whether the request may read: reads are public unless a
// read token is configured.
func (s *Server) canRead(r *http.Request) bool {
	if s.cfg.ReadToken == "" {
		return true
	}
	t := bearer(r)
	return tokenOK(t, s.cfg.ReadToken) || tokenOK(t, s.cfg.WriteToken)
}

// readable wraps a read handler with the read-token check.
func (s *Server) readable(api bool, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !api && s.cfg.ReadToken != "" && r.URL.Query().Has("token") {
			s.tokenLink(w, r)
			return
		}
		if !s.canRead(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
			if api {
				writeError(w, http.StatusUnauthorized, "a read token is required (Authorization: Bearer TOKEN)")
				return
			}
			http.Error(w, "401 unauthorized: a read token is required", http.StatusUnauthorized)
			return
		}
		ctx := r.Context()
		if r.URL.Path != "/api/v1/export" { // a whole-store export streams for minutes
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, s.cfg.ReadTimeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		h(w, r)
	}
}

// busy answers a read that ran out of time: 503, try again later.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, api bool) {
	w.Header().Set("Retry-After", "5")
	msg := "the query took longer than " + s.cfg.ReadTimeout.String() + " (the server is busy or the filter is broad); narrow the filter or try again"
	if api {
		writeError(w, http.StatusServiceUnavailable, msg)
		return
	}
	s.render(w, r, http.StatusServiceUnavailable, "error", map[string]any{"Title": http.StatusText(http.StatusServiceUnavailable), "Message": msg})
}

// tokenLink lets a browser into a read-protected site: a link carrying
// ?token=T sets the token as an HttpOnly, SameSite=Strict cookie and
// redirects to the same page without it, so the token leaves the address
// bar (and the history) at once.
func (s *Server) tokenLink(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	t := q.Get("token")
	if !tokenOK(t, s.cfg.ReadToken) && !tokenOK(t, s.cfg.WriteToken) {
		http.Error(w, "401 unauthorized: wrong token", http.StatusUnauthorized)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: "sitrep_token", Value: t, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	q.Del("token")
	u := *r.URL
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
}

// apiError is the body of every API error: {"error": "..."}.
type apiError struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // untrusted text stays inert even if sniffed as HTML
	enc.Encode(v)
}

// storeError answers a store failure: 404 for not found, 400 for a bad
// cursor or filter the store refused, 500 otherwise (logged, not shown).
func (s *Server) storeError(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not found")
	case badCursor(err):
		writeError(w, http.StatusBadRequest, "parameter cursor: not a cursor this listing gave (use the previous page's next)")
	case r.Context().Err() == context.DeadlineExceeded:
		s.log.Warn("store: read timed out", "path", r.URL.Path, "err", err)
		s.busy(w, r, true)
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		s.log.Error("store", "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}

// badCursor says whether the store refused a cursor: a 400, not a 500.
func badCursor(err error) bool { return errors.Is(err, store.ErrBadCursor) }

// Serve runs the server on addr until ctx is done, then shuts down,
// letting requests in flight finish for up to 10 seconds.
func (s *Server) Serve(ctx context.Context, addr string, ready func(addr string)) error {
	hs := &http.Server{Addr: addr, Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return hs.Shutdown(sctx)
}
