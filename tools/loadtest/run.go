package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// runConfig is what `loadtest run` is told.
type runConfig struct {
	base     *url.URL
	clients  int
	duration time.Duration
	pages    int // timed requests per web page; 0 skips them
	seed     uint64
	token    string
	kinds    map[string]bool // query kinds to send; empty sends the whole mix
	pid      int             // the server's process, to report its CPU time per request; 0: not
}

func cmdRun(args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "a running `sitrep serve` on this machine (loopback only)")
	clients := fs.Int("clients", 50, "concurrent clients, each sending one request at a time")
	dur := fs.Duration("duration", 30*time.Second, "how long to send requests (at most 10m)")
	pages := fs.Int("pages", 20, "timed requests per web page after the API run; 0 skips them")
	seed := fs.Uint64("seed", 1, "seed of the query mix")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	kinds := fs.String("kinds", "", "comma-separated query kinds to send, in their mix proportions (default: all; see the report's names)")
	pid := fs.Int("pid", 0, "process id of the server (on this machine): report its CPU time per request during the run")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: loadtest run [--url URL] [--clients N] [--duration D] [--pages N] [--json]

Sends a mix of filtered list, single-incident, actor and aggregate queries to
a running sitrep serve from N clients for D, then reports requests, errors
and p50/p90/p99 latency, overall and per query kind; then times the web
pages. It starts nothing itself and only talks to loopback addresses.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("--url %q: want http://HOST:PORT", *base)
	}
	if err := loopbackOnly(u.Hostname()); err != nil {
		return fmt.Errorf("--url %q: %w", *base, err)
	}
	if *clients < 1 || *clients > 1000 {
		return fmt.Errorf("--clients %d: want 1 to 1000", *clients)
	}
	if *dur <= 0 || *dur > 10*time.Minute {
		return fmt.Errorf("--duration %s: want more than 0 and at most 10m", *dur)
	}
	cfg := runConfig{base: u, clients: *clients, duration: *dur, pages: *pages, seed: *seed, token: os.Getenv("SITREP_READ_TOKEN"), pid: *pid}
	if *kinds != "" {
		cfg.kinds = map[string]bool{}
		for _, k := range strings.Split(*kinds, ",") {
			if !slices.ContainsFunc(mix, func(q query) bool { return q.name == k }) {
				return fmt.Errorf("--kinds: no query kind %q", k)
			}
			cfg.kinds[k] = true
		}
	}
	rep, err := run(context.Background(), cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	rep.print(os.Stdout)
	return nil
}

// loopbackOnly refuses any host that is not this machine: a load test
// must never be pointed at someone else's server.
func loopbackOnly(host string) error {
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return errors.New("only loopback addresses (127.0.0.1, ::1, localhost) may be load-tested")
	}
	return nil
}

// corpus is what the store holds, learned from the server before the run
// so the queries hit real countries, actors and ids.
type corpus struct {
	countries []string
	actors    []string
	words     []string
	maxID     int64
	first     time.Time // earliest and latest month with incidents
	last      time.Time
}

type client struct {
	http  *http.Client
	base  *url.URL
	token string
}

func (c *client) get(ctx context.Context, path string) (int, []byte, error) {
	resp, err := c.do(ctx, path)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func (c *client) do(ctx context.Context, path string) (*http.Response, error) {
	// Not base.JoinPath().String()+path: for a base without a path that
	// is "http://host:port//api/...", which the server's mux answers with
	// a redirect to the clean path, so every request was two.
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(c.base.String(), "/")+path, nil)
	if err != nil {
		return nil, err
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return c.http.Do(req)
}

// errHead is how much of a failed answer's body a timed request keeps,
// for the warning.
const errHead = 200

// timed is a timed request of the run: it reads the whole body (the
// connection is reused only after that, and the latency includes it) but
// keeps none of a 200 answer and only the head of another, and says
// whether the server answered from its response cache. Reading every body
// into memory (io.ReadAll, tens of kilobytes a list page) cost the load
// tool, which shares the machine's cores with the server, CPU and garbage
// collection for bytes it never looked at.
func (c *client) timed(ctx context.Context, path string) (int, []byte, bool, error) {
	resp, err := c.do(ctx, path)
	if err != nil {
		return 0, nil, false, err
	}
	defer resp.Body.Close()
	var head []byte
	if resp.StatusCode != http.StatusOK {
		head, err = io.ReadAll(io.LimitReader(resp.Body, errHead))
	}
	if err == nil {
		_, err = io.Copy(io.Discard, resp.Body)
	}
	return resp.StatusCode, head, resp.Header.Get("X-Sitrep-Cache") == "hit", err
}

func (c *client) getJSON(ctx context.Context, path string, v any) error {
	code, b, err := c.get(ctx, path)
	if err != nil {
		return err
	}
	if code != http.StatusOK {
		return fmt.Errorf("GET %s: %d %s", path, code, truncate(string(b), 200))
	}
	return json.Unmarshal(b, v)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// learn asks the server what it holds.
func learn(ctx context.Context, c *client) (corpus, error) {
	var k corpus
	var stats struct {
		Buckets []struct {
			Keys      []string `json:"keys"`
			Incidents int      `json:"incidents"`
		} `json:"buckets"`
	}
	if err := c.getJSON(ctx, "/api/v1/stats?by=country", &stats); err != nil {
		return k, err
	}
	for _, b := range stats.Buckets {
		if len(b.Keys) == 1 && b.Keys[0] != "" {
			k.countries = append(k.countries, b.Keys[0])
		}
	}
	if err := c.getJSON(ctx, "/api/v1/stats?by=year", &stats); err != nil {
		return k, err
	}
	for _, b := range stats.Buckets {
		y, err := strconv.Atoi(b.Keys[0])
		if err != nil {
			continue
		}
		t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		if k.first.IsZero() || t.Before(k.first) {
			k.first = t
		}
		if t.After(k.last) {
			k.last = t.AddDate(1, 0, -1)
		}
	}
	var actors struct {
		Actors []struct {
			Name string `json:"name"`
		} `json:"actors"`
	}
	if err := c.getJSON(ctx, "/api/v1/actors?limit=200", &actors); err != nil {
		return k, err
	}
	for _, a := range actors.Actors {
		k.actors = append(k.actors, a.Name)
	}
	var page struct {
		Events []struct {
			ID      int64 `json:"id"`
			Sources []struct {
				Title string `json:"title"`
			} `json:"sources"`
		} `json:"events"`
	}
	// The newest incidents give an upper bound for id lookups and the
	// words of their headlines for full-text queries.
	if err := c.getJSON(ctx, "/api/v1/events?limit=100", &page); err != nil {
		return k, err
	}
	seen := map[string]bool{}
	for _, e := range page.Events {
		k.maxID = max(k.maxID, e.ID)
		for _, s := range e.Sources {
			for _, w := range words(s.Title) {
				if len(w) > 4 && !seen[w] {
					seen[w] = true
					k.words = append(k.words, w)
				}
			}
		}
	}
	if len(k.countries) == 0 || k.maxID == 0 {
		return k, errors.New("the server holds no incidents: generate a store first (loadtest gen)")
	}
	return k, nil
}

func words(s string) []string {
	var out []string
	start := -1
	for i, r := range s + " " {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			out = append(out, s[start:i])
			start = -1
		}
	}
	return out
}

// query is one kind of request of the mix, with its share.
type query struct {
	name   string
	weight int
	path   func(r *rand.Rand, k *corpus) string
}

var eventTypes = []string{"battles", "explosions_remote_violence", "violence_against_civilians", "protests", "riots", "strategic_developments"}

// mix is what an analyst's browser and scripts send: mostly filtered lists
// (the map and table), then aggregates (the timeline and charts).
var mix = []query{
	{"list_recent", 10, func(r *rand.Rand, k *corpus) string { return "/api/v1/events?limit=50" }},
	{"list_country", 15, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/events?limit=50&country=" + pick(r, k.countries)
	}},
	{"list_country_window", 15, func(r *rand.Rand, k *corpus) string {
		from, to := window(r, k, 90)
		return "/api/v1/events?limit=50&country=" + pick(r, k.countries) + "&from=" + from + "&to=" + to
	}},
	{"list_type_killed", 8, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/events?limit=50&sort=killed&min_killed=5&type=" + pick(r, eventTypes)
	}},
	{"list_bbox", 8, func(r *rand.Rand, k *corpus) string {
		lon, lat := -20+r.Float64()*110, -30+r.Float64()*70
		return fmt.Sprintf("/api/v1/events?limit=50&bbox=%.2f,%.2f,%.2f,%.2f", lon, lat, lon+5, lat+5)
	}},
	{"list_actor", 6, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/events?limit=50&actor=" + url.QueryEscape(pick(r, k.actors))
	}},
	{"list_q", 4, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/events?limit=50&q=" + url.QueryEscape(pick(r, k.words))
	}},
	{"event", 8, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/events/" + strconv.FormatInt(1+r.Int64N(k.maxID), 10)
	}},
	{"stats_month_country", 10, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/stats?by=month&country=" + pick(r, k.countries)
	}},
	{"stats_week_type_window", 8, func(r *rand.Rand, k *corpus) string {
		from, to := window(r, k, 365)
		return "/api/v1/stats?by=week&by=type&from=" + from + "&to=" + to
	}},
	{"stats_country", 4, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/stats?by=country&type=" + pick(r, eventTypes)
	}},
	{"actors_country", 4, func(r *rand.Rand, k *corpus) string {
		return "/api/v1/actors?limit=20&country=" + pick(r, k.countries)
	}},
}

func pick(r *rand.Rand, xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[r.IntN(len(xs))]
}

// window is a random span of days within the corpus's years.
func window(r *rand.Rand, k *corpus, days int) (string, string) {
	span := int(k.last.Sub(k.first).Hours()/24) - days
	start := k.first.AddDate(0, 0, r.IntN(max(span, 1)))
	return start.Format(time.DateOnly), start.AddDate(0, 0, days).Format(time.DateOnly)
}

// sample is one request's outcome.
type sample struct {
	kind int
	dur  time.Duration
	err  bool
	hit  bool // the server answered from its cache (X-Sitrep-Cache: hit)
}

func run(ctx context.Context, cfg runConfig) (*report, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: cfg.clients, MaxConnsPerHost: cfg.clients, IdleConnTimeout: time.Minute}
	// A redirect is answered as it is, not followed: the run counts it as
	// a failed request instead of timing two round trips as one.
	noRedirects := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c := &client{http: &http.Client{Transport: tr, Timeout: 30 * time.Second, CheckRedirect: noRedirects}, base: cfg.base, token: cfg.token}
	k, err := learn(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("learning what the server holds: %w", err)
	}
	slog.Info("loadtest: corpus", "countries", len(k.countries), "actors", len(k.actors), "words", len(k.words), "max_id", k.maxID)
	weight := func(q query) int {
		if cfg.kinds != nil && !cfg.kinds[q.name] {
			return 0
		}
		return q.weight
	}
	total := 0
	for _, q := range mix {
		total += weight(q)
	}
	cpu0, cpuErr := processCPU(cfg.pid)
	// New requests stop at the deadline; those in flight finish (within the
	// client's timeout) and are counted, so a slow server's slowest
	// requests are not dropped from its percentiles.
	deadline := time.Now().Add(cfg.duration)
	results := make([][]sample, cfg.clients)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(cfg.seed, uint64(i)))
			for time.Now().Before(deadline) {
				n := r.IntN(total)
				kind := 0
				for n >= weight(mix[kind]) {
					n -= weight(mix[kind])
					kind++
				}
				path := mix[kind].path(r, &k)
				t0 := time.Now()
				code, body, hit, err := c.timed(ctx, path)
				d := time.Since(t0)
				// 404 is a fair answer to an id that was merged away.
				bad := err != nil || (code != http.StatusOK && !(code == http.StatusNotFound && mix[kind].name == "event"))
				if bad {
					slog.Warn("loadtest: request failed", "path", path, "status", code, "err", err, "body", truncate(string(body), 200))
				}
				results[i] = append(results[i], sample{kind: kind, dur: d, err: bad, hit: hit})
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	rep := newReport(cfg, elapsed, results)
	if cfg.pid != 0 {
		cpu1, err := processCPU(cfg.pid)
		if err = cmp.Or(cpuErr, err); err != nil {
			return nil, fmt.Errorf("--pid %d: %w", cfg.pid, err)
		}
		rep.ServerCPUSeconds = (cpu1 - cpu0).Seconds()
		if rep.Requests > 0 {
			rep.ServerCPUPerRequestMs = 1000 * rep.ServerCPUSeconds / float64(rep.Requests)
		}
	}
	if cfg.pages > 0 {
		rep.Pages, err = timePages(ctx, c, &k, cfg.pages, cfg.seed)
		if err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// timePages times the web pages one request at a time, on an idle server.
func timePages(ctx context.Context, c *client, k *corpus, n int, seed uint64) ([]latency, error) {
	r := rand.New(rand.NewPCG(seed, 99))
	pages := []struct {
		name string
		path func() string
	}{
		{"page_home", func() string { return "/" }},
		{"page_home_country", func() string { return "/?country=" + pick(r, k.countries) }},
		{"page_event", func() string { return "/events/" + strconv.FormatInt(1+r.Int64N(k.maxID), 10) }},
		{"page_actors", func() string { return "/actors" }},
	}
	var out []latency
	for _, p := range pages {
		var ds []time.Duration
		errs := 0
		for range n {
			t0 := time.Now()
			code, _, _, err := c.timed(ctx, p.path())
			ds = append(ds, time.Since(t0))
			if err != nil || (code != http.StatusOK && code != http.StatusNotFound) {
				errs++
			}
		}
		out = append(out, summarize(p.name, ds, errs))
	}
	return out, nil
}

// latency is one line of the report.
type latency struct {
	Name     string  `json:"name"`
	Requests int     `json:"requests"`
	Errors   int     `json:"errors"`
	P50ms    float64 `json:"p50_ms"`
	P90ms    float64 `json:"p90_ms"`
	P99ms    float64 `json:"p99_ms"`
	Maxms    float64 `json:"max_ms"`
	// Hits is how many were answered from the server's response cache.
	Hits int `json:"cache_hits"`
}

type report struct {
	Clients   int       `json:"clients"`
	Seconds   float64   `json:"seconds"`
	Requests  int       `json:"requests"`
	Errors    int       `json:"errors"`
	PerSecond float64   `json:"requests_per_second"`
	All       latency   `json:"all"`
	Kinds     []latency `json:"kinds"`
	Pages     []latency `json:"pages,omitempty"`
	// The server's CPU time (user + system) over the run, when its pid
	// was given: less sensitive to a busy machine than latency.
	ServerCPUSeconds      float64 `json:"server_cpu_seconds,omitempty"`
	ServerCPUPerRequestMs float64 `json:"server_cpu_per_request_ms,omitempty"`
}

func newReport(cfg runConfig, elapsed time.Duration, results [][]sample) *report {
	rep := &report{Clients: cfg.clients, Seconds: elapsed.Seconds()}
	byKind := make([][]time.Duration, len(mix))
	errKind, hitKind := make([]int, len(mix)), make([]int, len(mix))
	var all []time.Duration
	hits := 0
	for _, rs := range results {
		for _, s := range rs {
			all = append(all, s.dur)
			byKind[s.kind] = append(byKind[s.kind], s.dur)
			if s.err {
				errKind[s.kind]++
				rep.Errors++
			}
			if s.hit {
				hitKind[s.kind]++
				hits++
			}
		}
	}
	rep.Requests = len(all)
	rep.PerSecond = float64(len(all)) / elapsed.Seconds()
	rep.All = summarize("all", all, rep.Errors)
	rep.All.Hits = hits
	for i, q := range mix {
		rep.Kinds = append(rep.Kinds, summarize(q.name, byKind[i], errKind[i]))
		rep.Kinds[i].Hits = hitKind[i]
	}
	return rep
}

func summarize(name string, ds []time.Duration, errs int) latency {
	l := latency{Name: name, Requests: len(ds), Errors: errs}
	if len(ds) == 0 {
		return l
	}
	slices.Sort(ds)
	q := func(p float64) float64 {
		i := int(p*float64(len(ds))+0.5) - 1
		return float64(ds[min(max(i, 0), len(ds)-1)].Microseconds()) / 1000
	}
	l.P50ms, l.P90ms, l.P99ms, l.Maxms = q(0.50), q(0.90), q(0.99), float64(ds[len(ds)-1].Microseconds())/1000
	return l
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "%d clients, %.1f s: %d requests (%.0f/s), %d errors\n", r.Clients, r.Seconds, r.Requests, r.PerSecond, r.Errors)
	fmt.Fprintf(w, "%-24s %8s %6s %9s %9s %9s %9s %6s\n", "query", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "cached")
	line := func(l latency) {
		hit := 0.0
		if l.Requests > 0 {
			hit = 100 * float64(l.Hits) / float64(l.Requests)
		}
		fmt.Fprintf(w, "%-24s %8d %6d %9.1f %9.1f %9.1f %9.1f %5.0f%%\n", l.Name, l.Requests, l.Errors, l.P50ms, l.P90ms, l.P99ms, l.Maxms, hit)
	}
	line(r.All)
	for _, l := range r.Kinds {
		if l.Requests > 0 {
			line(l)
		}
	}
	if r.ServerCPUSeconds > 0 {
		fmt.Fprintf(w, "server CPU: %.1f s, %.2f ms per request\n", r.ServerCPUSeconds, r.ServerCPUPerRequestMs)
	}
	if len(r.Pages) > 0 {
		fmt.Fprintln(w, "web pages, one request at a time:")
		for _, l := range r.Pages {
			line(l)
		}
	}
}

// processCPU is the user + system CPU time of process pid so far, from
// /proc/PID/stat (Linux); 0 and no error when pid is 0.
func processCPU(pid int) (time.Duration, error) {
	if pid == 0 {
		return 0, nil
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	return parseStatCPU(string(b))
}

// parseStatCPU reads utime and stime (fields 14 and 15, in clock ticks of
// 1/100 s on Linux) from a /proc/PID/stat line. The command name (field 2)
// is in parentheses and may hold spaces, so fields count from the last ')'.
func parseStatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("unexpected /proc stat format")
	}
	f := strings.Fields(stat[i+1:])
	if len(f) < 13 {
		return 0, errors.New("unexpected /proc stat format")
	}
	var ticks int64
	for _, s := range f[11:13] { // fields 14 and 15 of the line
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("unexpected /proc stat format: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}
