package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// metrics is a small hand-written Prometheus exposition: requests by route
// and status, and a latency histogram by route. It is hand-written rather
// than prometheus/client_golang because these two families are all the
// server needs, and the client library would bring a dozen modules
// (protobuf among them) into a binary that otherwise has few. The text
// format (version 0.0.4) is stable and simple; TestMetrics checks it.
type metrics struct {
	start time.Time
	mu    sync.Mutex
	count map[[2]string]uint64 // (route, code) -> requests
	hist  map[string]*histogram
}

// latencyBuckets are the histogram's upper bounds in seconds.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	n      uint64
}

func newMetrics() *metrics {
	return &metrics{start: time.Now(), count: map[[2]string]uint64{}, hist: map[string]*histogram{}}
}

func (m *metrics) observe(route string, code int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.count[[2]string{route, fmt.Sprint(code)}]++
	h := m.hist[route]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.hist[route] = h
	}
	sec := d.Seconds()
	for i, b := range latencyBuckets {
		if sec <= b {
			h.counts[i]++
			break
		}
	}
	h.sum += sec
	h.n++
}

// labelValue escapes a label value as the exposition format wants.
func labelValue(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

func (m *metrics) serve(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	var b strings.Builder
	b.WriteString("# HELP sitrep_http_requests_total HTTP requests answered, by route pattern and status code.\n")
	b.WriteString("# TYPE sitrep_http_requests_total counter\n")
	keys := make([][2]string, 0, len(m.count))
	for k := range m.count {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+" "+a[1], b[0]+" "+b[1]) })
	for _, k := range keys {
		fmt.Fprintf(&b, "sitrep_http_requests_total{route=\"%s\",code=\"%s\"} %d\n", labelValue(k[0]), k[1], m.count[k])
	}
	b.WriteString("# HELP sitrep_http_request_duration_seconds Time to answer a request, by route pattern.\n")
	b.WriteString("# TYPE sitrep_http_request_duration_seconds histogram\n")
	routes := make([]string, 0, len(m.hist))
	for r := range m.hist {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	for _, route := range routes {
		h, l := m.hist[route], labelValue(route)
		var cum uint64
		for i, ub := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(&b, "sitrep_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %d\n", l, ub, cum)
		}
		fmt.Fprintf(&b, "sitrep_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %d\n", l, h.n)
		fmt.Fprintf(&b, "sitrep_http_request_duration_seconds_sum{route=\"%s\"} %g\n", l, h.sum)
		fmt.Fprintf(&b, "sitrep_http_request_duration_seconds_count{route=\"%s\"} %d\n", l, h.n)
	}
	b.WriteString("# HELP sitrep_uptime_seconds Seconds since the server started.\n# TYPE sitrep_uptime_seconds gauge\n")
	fmt.Fprintf(&b, "sitrep_uptime_seconds %g\n", time.Since(m.start).Seconds())
	w.Write([]byte(b.String()))
}

// statusWriter remembers the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe counts, times and logs every request. The route label is the
// mux pattern that matched (bounded), never the raw path (unbounded).
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		d := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, sw.code, d)
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "route", route, "status", sw.code, "dur", d)
	})
}
