// Package fetch is the HTTP client sitrep reads the web with: pages, feeds,
// sitemaps and robots.txt. It is written for fetching URLs that came from
// outside — a feed, a sitemap, a list someone handed us — so it refuses to
// be turned against the machine it runs on or its network (no loopback,
// private, link-local, unspecified or multicast address, checked on the
// address actually dialled, for every redirect hop), bounds what it reads
// (time, bytes, redirects), and is polite to the sites it reads (robots.txt,
// a delay between requests to one host, few requests at once, conditional
// GET, backing off when told to).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// DefaultUserAgent names sitrep to the sites it reads; robots.txt rules
// for the "sitrep" agent apply to it.
const DefaultUserAgent = "sitrep/0.1 (political-violence event coder; +https://github.com/sitrep/sitrep)"

// robotsToken is the product token matched against robots.txt User-agent lines.
const robotsToken = "sitrep"

var (
	// ErrTooLarge is returned for a body over Options.MaxBytes; the body is
	// not read past the limit.
	ErrTooLarge = errors.New("response too large")
	// ErrDisallowed is returned for a URL the site's robots.txt forbids us.
	ErrDisallowed = errors.New("disallowed by robots.txt")
)

// Options configure a Client. Zero values take the defaults noted.
type Options struct {
	UserAgent    string        // default DefaultUserAgent
	Timeout      time.Duration // whole request, body included; default 30s
	MaxBytes     int64         // largest body read; default 16 MiB
	MaxRedirects int           // default 5
	// AllowPrivate lets requests reach loopback, private, link-local,
	// unspecified and multicast addresses. Only for tests and trusted
	// intranets.
	AllowPrivate bool
	// Allow lists "ip:port" addresses that may be dialled although they are
	// forbidden: a test's own server, and nothing else.
	Allow []string
	// HostDelay is the least time between the starts of two requests to one
	// host (a robots.txt Crawl-delay may raise it); default 1s, negative
	// means none.
	HostDelay time.Duration
	// HostConcurrency bounds requests in flight to one host; default 2.
	HostConcurrency int
	// Retries is how many times a 429, a 5xx or a reset connection is
	// retried, with exponential backoff from RetryBase or as the server's
	// Retry-After says; default 3, negative means none.
	Retries   int
	RetryBase time.Duration // default 1s
	// MaxRetryWait is the longest wait for one retry; a Retry-After asking
	// for more gives up instead. Default 2 minutes.
	MaxRetryWait time.Duration
	// IgnoreRobots skips robots.txt, for URLs a person chose one by one.
	IgnoreRobots bool
	// Cache, if set, makes every GET conditional on the validators the
	// previous response of the same URL carried.
	Cache  Cache
	Logger *slog.Logger // default slog.Default()
}

// Response is a fetched body, already read whole (within MaxBytes).
type Response struct {
	URL         string // after redirects
	Status      int
	Header      http.Header
	ContentType string
	Body        []byte
	// NotModified is set when a conditional GET was answered 304: Body is
	// empty and what the caller made of the previous body still stands.
	NotModified bool
}

// Error is a failed fetch: the URL asked for, the HTTP status if one came
// back, and why.
type Error struct {
	URL    string
	Status int
	Err    error
}

func (e *Error) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("GET %s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
	}
	return fmt.Sprintf("GET %s: %v", e.URL, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Client fetches URLs under Options. It is safe for concurrent use; one
// Client should serve a whole run so that politeness and robots.txt are
// shared.
type Client struct {
	opt    Options
	http   *http.Client
	robots robotsCache
	hosts  hostLimiter
}

// New returns a Client with opt's defaults filled in.
func New(opt Options) *Client {
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 16 << 20
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = 5
	}
	if opt.HostDelay == 0 {
		opt.HostDelay = time.Second
	}
	if opt.HostDelay < 0 {
		opt.HostDelay = 0
	}
	if opt.HostConcurrency <= 0 {
		opt.HostConcurrency = 2
	}
	if opt.Retries == 0 {
		opt.Retries = 3
	}
	if opt.RetryBase <= 0 {
		opt.RetryBase = time.Second
	}
	if opt.MaxRetryWait <= 0 {
		opt.MaxRetryWait = 2 * time.Minute
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	g := guard{allowPrivate: opt.AllowPrivate, allow: map[string]bool{}}
	for _, a := range opt.Allow {
		g.allow[a] = true
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: g.control}
	transport := &http.Transport{
		// No proxy from the environment: the address check must see the
		// real destination.
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   opt.HostConcurrency,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opt.Timeout,
	}
	c := &Client{opt: opt}
	c.http = &http.Client{Transport: transport, Timeout: opt.Timeout, CheckRedirect: c.checkRedirect}
	c.robots.entries = map[string]*robotsEntry{}
	c.hosts.slots = map[string]*hostSlot{}
	return c
}

// checkRedirect bounds and vets each redirect hop. The address of the hop
// is checked when it is dialled (see guard); here the count, loops, the
// scheme and the target's robots.txt.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opt.MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", c.opt.MaxRedirects)
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("redirect loop at %s", req.URL)
		}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
	}
	if !c.opt.IgnoreRobots {
		if r := c.robotsFor(req.Context(), req.URL); !r.Allowed(req.URL.RequestURI()) {
			return fmt.Errorf("redirect to %s: %w", req.URL, r.disallowed())
		}
	}
	return nil
}

// Get fetches rawURL: checks robots.txt, waits its turn at the host, and
// retries as Options say. A status other than 2xx (or 304 to a conditional
// request) is an *Error carrying the status.
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Err: err}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &Error{URL: rawURL, Err: fmt.Errorf("unsupported scheme %q (want http or https)", u.Scheme)}
	}
	if u.Host == "" {
		return nil, &Error{URL: rawURL, Err: errors.New("no host")}
	}
	delay := c.opt.HostDelay
	if !c.opt.IgnoreRobots {
		r := c.robotsFor(ctx, u)
		if !r.Allowed(u.RequestURI()) {
			return nil, &Error{URL: rawURL, Err: r.disallowed()}
		}
		delay = max(delay, r.CrawlDelay)
	}
	for attempt := 0; ; attempt++ {
		release, err := c.hosts.acquire(ctx, u.Host, c.opt.HostConcurrency, delay)
		if err != nil {
			return nil, &Error{URL: rawURL, Err: err}
		}
		resp, retryAfter, err := c.do(ctx, rawURL)
		release()
		if err == nil {
			return resp, nil
		}
		if retryAfter < 0 || attempt >= c.opt.Retries {
			return nil, err
		}
		wait := retryAfter
		if wait == 0 {
			wait = c.opt.RetryBase << attempt
			wait += time.Duration(rand.Int64N(int64(wait)/2 + 1))
		}
		if wait > c.opt.MaxRetryWait {
			return nil, fmt.Errorf("%w (server asks to wait %s; giving up)", err, wait.Round(time.Second))
		}
		c.opt.Logger.Debug("fetch: retrying", "url", rawURL, "after", wait, "err", err)
		c.hosts.holdOff(u.Host, wait)
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return nil, &Error{URL: rawURL, Err: ctx.Err()}
		}
	}
}

// do makes one request. retryAfter is negative when the failure is not
// worth retrying, 0 to back off by our own schedule, else the server's
// Retry-After.
func (c *Client) do(ctx context.Context, rawURL string) (_ *Response, retryAfter time.Duration, _ error) {
	fail := func(status int, err error) (*Response, time.Duration, error) {
		return nil, -1, &Error{URL: rawURL, Status: status, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return fail(0, err)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	var cached Validators
	if c.opt.Cache != nil {
		var ok bool
		if cached, ok = c.opt.Cache.Validators(rawURL); ok {
			if cached.ETag != "" {
				req.Header.Set("If-None-Match", cached.ETag)
			}
			if cached.LastModified != "" {
				req.Header.Set("If-Modified-Since", cached.LastModified)
			}
		}
	}
	resp, err := c.http.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		retry := time.Duration(-1)
		if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) {
			retry = 0
		}
		return nil, retry, &Error{URL: rawURL, Err: err}
	}
	defer resp.Body.Close()
	out := &Response{URL: resp.Request.URL.String(), Status: resp.StatusCode, Header: resp.Header,
		ContentType: resp.Header.Get("Content-Type")}
	switch {
	case resp.StatusCode == http.StatusNotModified && c.opt.Cache != nil:
		out.NotModified = true
		cached.Seen = time.Now().UTC()
		c.opt.Cache.SetValidators(rawURL, cached)
		return out, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, retryAfterOf(resp.Header.Get("Retry-After")), &Error{URL: rawURL, Status: resp.StatusCode}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return fail(resp.StatusCode, nil)
	}
	if resp.ContentLength > c.opt.MaxBytes {
		return fail(0, fmt.Errorf("%w: Content-Length %d over the limit of %d bytes", ErrTooLarge, resp.ContentLength, c.opt.MaxBytes))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBytes+1))
	if err != nil {
		return fail(0, fmt.Errorf("reading body: %w", err))
	}
	if int64(len(body)) > c.opt.MaxBytes {
		return fail(0, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.opt.MaxBytes))
	}
	out.Body = body
	if c.opt.Cache != nil {
		c.opt.Cache.SetValidators(rawURL, Validators{ETag: resp.Header.Get("ETag"),
			LastModified: resp.Header.Get("Last-Modified"), Seen: time.Now().UTC()})
	}
	return out, 0, nil
}

// retryAfterOf reads a Retry-After header: seconds, or an HTTP date.
// 0 when absent or unreadable (back off by our own schedule).
func retryAfterOf(h string) time.Duration {
	if h == "" {
		return 0
	}
	if secs, err := strconv.Atoi(h); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

// hostLimiter spaces and bounds the requests to each host.
type hostLimiter struct {
	mu    sync.Mutex
	slots map[string]*hostSlot
}

type hostSlot struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time // no request starts before this
}

// acquire waits until a request to host may start: fewer than limit in
// flight, and delay since the last start. The caller must call release.
func (h *hostLimiter) acquire(ctx context.Context, host string, limit int, delay time.Duration) (release func(), err error) {
	h.mu.Lock()
	s := h.slots[host]
	if s == nil {
		if len(h.slots) >= maxHostSlots {
			h.prune()
		}
		s = &hostSlot{sem: make(chan struct{}, limit)}
		h.slots[host] = s
	}
	h.mu.Unlock()
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	release = func() { <-s.sem }
	// Each start moves next to its own actual time plus delay, and a
	// waiter checks again when it wakes: a timer that fires late (a busy
	// machine) then delays the requests after it instead of letting two
	// start closer together than the host asked.
	for {
		s.mu.Lock()
		now := time.Now()
		wait := s.next.Sub(now)
		if wait <= 0 {
			s.next = now.Add(delay)
			s.mu.Unlock()
			return release, nil
		}
		s.mu.Unlock()
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			release()
			return nil, ctx.Err()
		}
	}
}

// maxHostSlots bounds the hosts remembered at once: a URL list from a
// crawl may name millions.
const maxHostSlots = 10000

// prune forgets the hosts nobody is waiting on and whose delay is over;
// h.mu is held.
func (h *hostLimiter) prune() {
	now := time.Now()
	for host, s := range h.slots {
		s.mu.Lock()
		idle := len(s.sem) == 0 && s.next.Before(now)
		s.mu.Unlock()
		if idle {
			delete(h.slots, host)
		}
	}
}

// holdOff keeps every request to host waiting for d, as a server's
// Retry-After asks of the whole client, not only of the request it answered.
func (h *hostLimiter) holdOff(host string, d time.Duration) {
	h.mu.Lock()
	s := h.slots[host]
	h.mu.Unlock()
	if s == nil {
		return
	}
	s.mu.Lock()
	if until := time.Now().Add(d); until.After(s.next) {
		s.next = until
	}
	s.mu.Unlock()
}

// robotsCache keeps each host's robots.txt for robotsTTL (an unreachable
// one for less), fetching it once however many requests wait on it.
type robotsCache struct {
	mu      sync.Mutex
	entries map[string]*robotsEntry
}

type robotsEntry struct {
	ready   chan struct{}
	robots  *Robots
	expires time.Time
}

// maxRobotsEntries bounds the robots.txt files kept at once.
const maxRobotsEntries = 10000

// prune drops the expired entries, and if that is not enough, every entry
// already fetched: they are fetched again when next needed. c.mu is held.
func (c *robotsCache) prune() {
	now := time.Now()
	for k, e := range c.entries {
		if isClosed(e.ready) && e.expires.Before(now) {
			delete(c.entries, k)
		}
	}
	if len(c.entries) < maxRobotsEntries {
		return
	}
	for k, e := range c.entries {
		if isClosed(e.ready) {
			delete(c.entries, k)
		}
	}
}

const (
	robotsTTL      = 24 * time.Hour
	robotsErrorTTL = 10 * time.Minute
)

// robotsFor returns the robots.txt rules of u's host for sitrep.
func (c *Client) robotsFor(ctx context.Context, u *url.URL) *Robots {
	key := u.Scheme + "://" + u.Host
	c.robots.mu.Lock()
	e := c.robots.entries[key]
	// ready is checked first: its closing is what publishes expires.
	if e != nil && isClosed(e.ready) && e.expires.Before(time.Now()) {
		e = nil
	}
	if e == nil {
		if len(c.robots.entries) >= maxRobotsEntries {
			c.robots.prune()
		}
		e = &robotsEntry{ready: make(chan struct{})}
		c.robots.entries[key] = e
		c.robots.mu.Unlock()
		e.robots, e.expires = c.fetchRobots(ctx, key)
		close(e.ready)
		return e.robots
	}
	c.robots.mu.Unlock()
	select {
	case <-e.ready:
		return e.robots
	case <-ctx.Done():
		return unreachableRobots(ctx.Err())
	}
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// fetchRobots fetches and parses base/robots.txt. As RFC 9309 says: a 4xx
// means no rules; a 5xx or no answer means assume everything disallowed
// (for a short while). Redirects are followed by the client as usual.
func (c *Client) fetchRobots(ctx context.Context, base string) (*Robots, time.Time) {
	now := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return unreachableRobots(err), now.Add(robotsErrorTTL)
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	resp, err := c.http.Do(req)
	if errors.Is(err, ErrForbiddenAddress) {
		// The request itself will be refused, with the reason.
		return allowAll, now
	}
	if err != nil {
		c.opt.Logger.Debug("fetch: robots.txt unreachable", "site", base, "err", err)
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return unreachableRobots(err), now.Add(robotsErrorTTL)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		data, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
		if err != nil {
			return unreachableRobots(err), now.Add(robotsErrorTTL)
		}
		return ParseRobots(data, robotsToken), now.Add(robotsTTL)
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		return allowAll, now.Add(robotsTTL)
	default:
		return unreachableRobots(fmt.Errorf("HTTP %d", resp.StatusCode)), now.Add(robotsErrorTTL)
	}
}
