package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testClient returns a client that may reach srv (and only srv among
// forbidden addresses), with no politeness delay unless opt sets one.
func testClient(srv *httptest.Server, opt Options) *Client {
	if srv != nil {
		opt.Allow = append(opt.Allow, srv.Listener.Addr().String())
	}
	if opt.HostDelay == 0 {
		opt.HostDelay = -1
	}
	if opt.RetryBase == 0 {
		opt.RetryBase = time.Millisecond
	}
	return New(opt)
}

func hostPort(srv *httptest.Server) string {
	return srv.Listener.Addr().String()
}

func TestRefusesForbiddenAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(hostPort(srv))
	// A second server the client is not allowed to reach, for redirects.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "internal")
	}))
	defer other.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	}))
	defer redirector.Close()
	c := testClient(redirector, Options{IgnoreRobots: true, Timeout: 5 * time.Second})

	tests := []struct {
		name string
		url  string
	}{
		{"loopback", "http://127.0.0.1:" + port + "/"},
		{"loopback, other 127/8 address", "http://127.1.2.3:" + port + "/"},
		{"IPv6 loopback", "http://[::1]:" + port + "/"},
		{"hostname resolving to loopback", "http://localhost:" + port + "/"},
		{"private 10/8", "http://10.0.0.1/"},
		{"private 192.168/16", "http://192.168.1.1/"},
		{"cloud metadata (link-local)", "http://169.254.169.254/latest/meta-data/"},
		{"unspecified", "http://0.0.0.0:" + port + "/"},
		{"IPv4-mapped IPv6 loopback", "http://[::ffff:127.0.0.1]:" + port + "/"},
		{"redirect to a private address", redirector.URL + "/?to=http://10.1.2.3/"},
		{"redirect to another loopback server", redirector.URL + "/?to=" + other.URL + "/"},
		{"redirect to the metadata service", redirector.URL + "/?to=http://169.254.169.254/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := c.Get(context.Background(), tt.url)
			if !errors.Is(err, ErrForbiddenAddress) {
				t.Fatalf("Get(%s) = %v, %v; want ErrForbiddenAddress", tt.url, resp, err)
			}
			if !strings.Contains(err.Error(), tt.url) {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
	// The same client reaches the address it was explicitly allowed.
	if _, err := c.Get(context.Background(), redirector.URL+"/?to="+redirector.URL+"/x"); err == nil || errors.Is(err, ErrForbiddenAddress) {
		// a redirect to itself ends in a loop error, not a refusal
		t.Errorf("allowed server: %v", err)
	}
}

func TestAllowPrivate(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "hello")
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, HostDelay: -1, IgnoreRobots: true})
	resp, err := c.Get(context.Background(), srv.URL)
	if err != nil || string(resp.Body) != "hello" {
		t.Fatalf("Get = %v, %v", resp, err)
	}
}

func TestRejectsBadURLs(t *testing.T) {
	c := New(Options{})
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/", "http://", "://x", "gopher://x/"} {
		if _, err := c.Get(context.Background(), u); err == nil || !strings.Contains(err.Error(), u) {
			t.Errorf("Get(%q): err = %v, want an error naming it", u, err)
		}
	}
}

func TestRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusFound) })
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusMovedPermanently) })
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/two", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/one", http.StatusFound) })
	mux.HandleFunc("/one", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/page", http.StatusFound) })
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "landed") })
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := testClient(srv, Options{IgnoreRobots: true, MaxRedirects: 5})

	tests := []struct {
		path, body, err string
	}{
		{"/a", "", "redirect loop"},
		{"/chain/0", "", "stopped after 5 redirects"},
		{"/two", "landed", ""},
		{"/file", "", "unsupported scheme"},
	}
	for _, tt := range tests {
		resp, err := c.Get(context.Background(), srv.URL+tt.path)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: err = %v, want %q", tt.path, err, tt.err)
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v", tt.path, err)
		case tt.err == "" && (string(resp.Body) != tt.body || resp.URL != srv.URL+"/page"):
			t.Errorf("%s: body %q at %s", tt.path, resp.Body, resp.URL)
		}
	}
}

// A server that sends its body a byte at a time must not hold us past the
// timeout.
func TestSlowBodyTimesOut(t *testing.T) {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		for {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(50 * time.Millisecond):
			case <-done:
				return
			case <-r.Context().Done():
				return
			}
		}
	}))
	defer srv.Close()
	defer close(done)
	c := testClient(srv, Options{IgnoreRobots: true, Timeout: 300 * time.Millisecond, Retries: -1})
	start := time.Now()
	_, err := c.Get(context.Background(), srv.URL)
	if err == nil || !strings.Contains(err.Error(), "Client.Timeout") {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %s with a 300ms timeout", d)
	}
}

// A gigabyte streamed at us is cut off at MaxBytes, and memory stays flat.
func TestHugeBodyIsCapped(t *testing.T) {
	const gb = 1 << 30
	var sent atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/declared" {
			w.Header().Set("Content-Length", fmt.Sprint(gb))
		}
		chunk := make([]byte, 64<<10)
		for i := range chunk {
			chunk[i] = 'x'
		}
		for n := 0; n < gb; n += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			sent.Add(int64(len(chunk)))
		}
	}))
	defer srv.Close()
	c := testClient(srv, Options{IgnoreRobots: true, MaxBytes: 1 << 20, Retries: -1})
	for _, path := range []string{"/streamed", "/declared"} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := c.Get(context.Background(), srv.URL+path)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("%s: err = %v, want ErrTooLarge", path, err)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
			t.Errorf("%s: allocated %d MiB to refuse a 1 GiB body with a 1 MiB cap", path, grew>>20)
		}
	}
	if s := sent.Load(); s > 256<<20 {
		t.Errorf("server got to send %d MiB before we hung up", s>>20)
	}
}

func TestRobots(t *testing.T) {
	var mu sync.Mutex
	var agents []string
	robotsHits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		agents = append(agents, r.UserAgent())
		if r.URL.Path == "/robots.txt" {
			robotsHits++
		}
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: sitrep\nDisallow: /private/\nAllow: /private/ok\n")
		case "/hop":
			http.Redirect(w, r, "/private/x", http.StatusFound)
		default:
			fmt.Fprint(w, "page")
		}
	}))
	defer srv.Close()
	c := testClient(srv, Options{})
	tests := []struct {
		path    string
		allowed bool
	}{
		{"/news/1", true},
		{"/private/secret", false},
		{"/private/ok.html", true},
		{"/hop", false}, // the redirect target is checked too
	}
	for _, tt := range tests {
		_, err := c.Get(context.Background(), srv.URL+tt.path)
		if got := !errors.Is(err, ErrDisallowed); got != tt.allowed {
			t.Errorf("%s: allowed = %v (err %v), want %v", tt.path, got, err, tt.allowed)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if robotsHits != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached)", robotsHits)
	}
	for _, a := range agents {
		if !strings.HasPrefix(a, "sitrep/") {
			t.Errorf("User-Agent %q does not name sitrep", a)
		}
	}
}

func TestRobotsUnavailable(t *testing.T) {
	tests := []struct {
		status  int
		allowed bool
	}{
		{http.StatusNotFound, true},
		{http.StatusForbidden, true},
		{http.StatusServiceUnavailable, false},
	}
	for _, tt := range tests {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/robots.txt" {
				w.WriteHeader(tt.status)
				return
			}
			fmt.Fprint(w, "page")
		}))
		_, err := testClient(srv, Options{}).Get(context.Background(), srv.URL+"/a")
		if got := !errors.Is(err, ErrDisallowed); got != tt.allowed {
			t.Errorf("robots.txt %d: allowed = %v (%v), want %v", tt.status, got, err, tt.allowed)
		}
		srv.Close()
	}
}

// Requests to one host are spaced by HostDelay (or a longer Crawl-delay)
// and never more than HostConcurrency at once.
func TestPoliteness(t *testing.T) {
	var mu sync.Mutex
	var starts []time.Time
	var inFlight, maxInFlight int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.15\n")
			return
		}
		mu.Lock()
		starts = append(starts, time.Now())
		inFlight++
		maxInFlight = max(maxInFlight, inFlight)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
	}))
	defer srv.Close()
	c := testClient(srv, Options{HostDelay: 50 * time.Millisecond, HostConcurrency: 1})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), fmt.Sprintf("%s/p%d", srv.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if maxInFlight != 1 {
		t.Errorf("%d requests in flight at once, want 1", maxInFlight)
	}
	// Crawl-delay (150ms) outranks HostDelay (50ms). Starts are scheduled
	// 150ms apart; arrivals jitter with the scheduler, so each gap gets
	// slack and the whole span little.
	for i := 1; i < len(starts); i++ {
		if gap := starts[i].Sub(starts[i-1]); gap < 100*time.Millisecond {
			t.Errorf("requests %d and %d only %s apart", i-1, i, gap)
		}
	}
	if span := starts[len(starts)-1].Sub(starts[0]); span < 3*150*time.Millisecond-30*time.Millisecond {
		t.Errorf("4 requests within %s; Crawl-delay 150ms", span)
	}
}

func TestConditionalGet(t *testing.T) {
	var plain, conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` && r.Header.Get("If-Modified-Since") == "Mon, 06 May 2024 10:00:00 GMT" {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		plain.Add(1)
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 06 May 2024 10:00:00 GMT")
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	cache := &MemoryCache{}
	c := testClient(srv, Options{IgnoreRobots: true, Cache: cache})
	first, err := c.Get(context.Background(), srv.URL+"/feed")
	if err != nil || first.NotModified || string(first.Body) != "<rss/>" {
		t.Fatalf("first: %+v, %v", first, err)
	}
	// The cache survives a restart through its file.
	path := t.TempDir() + "/cache.json"
	if err := cache.Save(path); err != nil {
		t.Fatal(err)
	}
	reloaded := &MemoryCache{}
	if err := reloaded.Load(path); err != nil {
		t.Fatal(err)
	}
	c = testClient(srv, Options{IgnoreRobots: true, Cache: reloaded})
	second, err := c.Get(context.Background(), srv.URL+"/feed")
	if err != nil || !second.NotModified || len(second.Body) != 0 {
		t.Fatalf("second: %+v, %v", second, err)
	}
	if plain.Load() != 1 || conditional.Load() != 1 {
		t.Errorf("%d plain and %d conditional requests, want 1 and 1", plain.Load(), conditional.Load())
	}
}

func TestRetry(t *testing.T) {
	tests := []struct {
		name       string
		statuses   []int
		retryAfter string
		wantErr    string
		wantHits   int
	}{
		{"503 then 200", []int{503, 503, 200}, "0", "", 3},
		{"429 then 200", []int{429, 200}, "", "", 2},
		{"500 forever", []int{500, 500, 500, 500, 500}, "", "HTTP 500", 4},
		{"429 asking for an hour", []int{429, 200}, "3600", "giving up", 1},
		{"404 is not retried", []int{404, 200}, "", "HTTP 404", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := int(hits.Add(1)) - 1
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.statuses[min(n, len(tt.statuses)-1)])
				io.WriteString(w, "body")
			}))
			defer srv.Close()
			c := testClient(srv, Options{IgnoreRobots: true, Retries: 3, MaxRetryWait: time.Minute})
			_, err := c.Get(context.Background(), srv.URL)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
			if int(hits.Load()) != tt.wantHits {
				t.Errorf("%d requests, want %d", hits.Load(), tt.wantHits)
			}
		})
	}
}

func TestRetryAfterOf(t *testing.T) {
	future := time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		in       string
		min, max time.Duration
	}{
		{"", 0, 0},
		{"120", 120 * time.Second, 120 * time.Second},
		{future, 80 * time.Second, 91 * time.Second},
		{"soon", 0, 0},
		{"-5", 0, 0},
	}
	for _, tt := range tests {
		if got := retryAfterOf(tt.in); got < tt.min || got > tt.max {
			t.Errorf("retryAfterOf(%q) = %s, want %s..%s", tt.in, got, tt.min, tt.max)
		}
	}
}

// A run over millions of hosts must not remember them all.
func TestHostLimiterForgetsIdleHosts(t *testing.T) {
	var h hostLimiter
	h.slots = map[string]*hostSlot{}
	for i := range maxHostSlots + 10 {
		release, err := h.acquire(context.Background(), fmt.Sprintf("h%d.example", i), 1, 0)
		if err != nil {
			t.Fatal(err)
		}
		release()
	}
	if n := len(h.slots); n > maxHostSlots {
		t.Errorf("%d hosts remembered, limit %d", n, maxHostSlots)
	}
}
