package server

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The browser tests drive a real headless Chromium (Debian's chromium
// package) through the pages: filtering, opening an event, the map, and
// pages full of script payloads. Any console error, uncaught exception,
// CSP violation or alert dialog fails the test.
//
//	go test ./internal/server -run Browser -screenshots   # also writes docs/screenshots/*.png

var screenshots = flag.Bool("screenshots", false, "write a screenshot of each page to docs/screenshots")

// chromiumPath finds the browser; without one the tests skip, except
// under CI=true where they fail.
func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium on PATH; install it with apt-get install -y chromium"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// browser is a headless Chromium tab that records every error the page
// reports: console errors, uncaught exceptions, browser log errors (CSP
// violations, failed loads) and dialogs (alert, confirm, prompt).
type browser struct {
	ctx  context.Context
	mu   sync.Mutex
	errs []string
}

func newBrowser(t *testing.T) *browser {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	b := &browser{ctx: ctx}
	messages := chromedp.Console(ctx)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				b.fail("%s (%s:%d)", m, m.URL, m.Line+1)
			}
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.fail("a %s dialog opened: %q", ev.Type, ev.Message)
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return b
}

func (b *browser) fail(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.errs = append(b.errs, fmt.Sprintf(format, args...))
}

// check fails t with every error recorded since the last check. Messages
// arrive asynchronously, so it first lets the page settle briefly.
func (b *browser) check(t *testing.T, where string) {
	t.Helper()
	chromedp.Do(b.ctx, chromedp.Sleep(100*time.Millisecond))
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errs {
		t.Errorf("%s: %s", where, e)
	}
	b.errs = nil
}

// do runs steps, then checks for errors.
func (b *browser) do(t *testing.T, where string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	b.check(t, where)
}

// value runs one action that returns a value.
func value[T any](t *testing.T, b *browser, where string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	return v
}

// void drops an action's value, to run it among steps.
func void[T any](a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := a(ctx, t)
		return chromedp.Void{}, err
	}
}

// shoot writes a full-page screenshot to docs/screenshots when asked.
func (b *browser) shoot(t *testing.T, name string) {
	t.Helper()
	if !*screenshots {
		return
	}
	png := value(t, b, "screenshot "+name, chromedp.FullScreenshot(100))
	dir := filepath.Join("..", "..", "docs", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// pollOpts bound every wait, so a broken page fails rather than hangs.
var pollOpts = []chromedp.PollOption{chromedp.WithPollingTimeout(15 * time.Second)}

func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow; not in -short")
	}
	ts := newTestServer(t, fixtureStore(t))
	b := newBrowser(t)
	count := func(sel string) chromedp.Action[int] {
		return chromedp.Evaluate[int](`document.querySelectorAll(` + strconv.Quote(sel) + `).length`)
	}
	// clickAndLoad clicks and waits for the page the click opens.
	clickAndLoad := func(sel chromedp.CSS) chromedp.Action[chromedp.Void] {
		return void(chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(sel)))
	}

	t.Run("filter", func(t *testing.T) {
		b.do(t, "events page",
			chromedp.Navigate(ts.URL+"/"),
			chromedp.WaitVisible(chromedp.ID("events")),
			chromedp.WaitVisible(chromedp.CSS("#timeline rect")),
		)
		before := value(t, b, "rows", count("#events a.event-link"))
		b.shoot(t, "events")
		b.do(t, "filter by type",
			chromedp.SetValue(chromedp.CSS(`select[name="type"]`), "explosions_remote_violence"),
			clickAndLoad(chromedp.CSS("#apply")),
			chromedp.WaitVisible(chromedp.ID("events")),
		)
		after := value(t, b, "rows", count("#events a.event-link"))
		search := value(t, b, "search", chromedp.Evaluate[string](`location.search`))
		if after == 0 || after >= before {
			t.Errorf("filtering by type: %d rows, %d before", after, before)
		}
		// The URL is the view: only the chosen filter, no empty fields.
		if q, _ := url.ParseQuery(strings.TrimPrefix(search, "?")); len(q) != 1 {
			t.Errorf("shareable URL %q carries more than the filter", search)
		}
		types := value(t, b, "rows' types", chromedp.Evaluate[[]string](
			`[...document.querySelectorAll("#events tbody tr td:nth-child(2) .muted")].map(e => e.textContent)`))
		for _, ty := range types {
			if ty != "explosions remote violence" {
				t.Errorf("row of type %q under type=explosions_remote_violence", ty)
			}
		}
		// Opening the shared URL shows the same filter selected.
		b.do(t, "shared URL", chromedp.Navigate(ts.URL+"/"+search), chromedp.WaitVisible(chromedp.ID("events")))
		if sel := value(t, b, "type select", chromedp.Value(chromedp.CSS(`select[name="type"]`))); sel != "explosions_remote_violence" {
			t.Errorf("shared URL: type select shows %q", sel)
		}
	})

	t.Run("open event", func(t *testing.T) {
		b.do(t, "open an event",
			chromedp.Navigate(ts.URL+"/?sort=reports"),
			chromedp.WaitVisible(chromedp.ID("events")),
			clickAndLoad(chromedp.CSS("#events a.event-link")),
			chromedp.WaitVisible(chromedp.ID("event-title")),
		)
		path := value(t, b, "location", chromedp.Location())
		if n := value(t, b, "reports", count("#reports tbody tr")); n < 2 {
			t.Errorf("%s: %d reports, want the two Kabul sources", path, n)
		}
		if n := value(t, b, "marks", count("article.source mark")); n == 0 {
			t.Errorf("%s: no evidence sentence highlighted", path)
		}
		if n := value(t, b, "differs", count("#reports td.differs")); n == 0 {
			t.Errorf("%s: the sources' different tolls are not marked side by side", path)
		}
		b.shoot(t, "event")
	})

	t.Run("map", func(t *testing.T) {
		b.do(t, "map",
			chromedp.Navigate(ts.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("#map circle.pt")),
			void(chromedp.Poll[bool](`performance.getEntriesByType("resource").some(e => e.name.endsWith("/basemap.svg"))`, pollOpts...)),
		)
		if n := value(t, b, "points", count("#map circle.pt")); n < 3 {
			t.Errorf("%d points on the map, want the fixtures' places", n)
		}
		// The last point is drawn on top (the smallest), so the click is its.
		top := chromedp.CSS("#map a.pt-link:last-of-type circle.pt")
		id := value(t, b, "point id", chromedp.AttributeValue(top, "data-id"))
		b.do(t, "click a point",
			clickAndLoad(top),
			chromedp.WaitVisible(chromedp.ID("event-title")),
		)
		if path := value(t, b, "location", chromedp.Location()); !strings.HasSuffix(path, "/events/"+id.Value) {
			t.Errorf("clicking point %s opened %s", id.Value, path)
		}
	})

	t.Run("actor and article", func(t *testing.T) {
		// The catalog actor with the most incidents in the fixtures.
		var as struct {
			Actors []struct {
				Name     string `json:"name"`
				Resolved bool   `json:"resolved"`
			} `json:"actors"`
		}
		get(t, ts, "/api/v1/actors", &as)
		name := ""
		for _, a := range as.Actors {
			if a.Resolved {
				name = a.Name
				break
			}
		}
		if name == "" {
			t.Fatal("no catalog actor among the fixtures' incidents")
		}
		b.do(t, "actor page",
			chromedp.Navigate(ts.URL+"/actors/"+url.PathEscape(name)),
			chromedp.WaitVisible(chromedp.ID("actor-name")),
		)
		if aliases := value(t, b, "aliases", chromedp.Text(chromedp.ID("aliases"))); aliases == "" || aliases == "—" {
			t.Errorf("%s: the page shows no aliases", name)
		}
		if n := value(t, b, "incidents", count("#events a.event-link")); n == 0 {
			t.Errorf("%s: the page lists no incidents", name)
		}
		b.shoot(t, "actor")
		b.do(t, "article page",
			chromedp.Navigate(ts.URL+"/articles/1"),
			chromedp.WaitVisible(chromedp.ID("article-title")),
		)
		b.shoot(t, "article")
	})

	t.Run("payloads stay inert", func(t *testing.T) {
		pages := []string{"/?q=gao", "/?actor=" + url.QueryEscape(payloadActor), "/actors", "/actors/" + url.PathEscape(payloadActor)}
		var inc struct {
			Events []struct {
				ID      int64 `json:"id"`
				Sources []struct {
					ArticleID int64 `json:"article_id"`
				} `json:"sources"`
			} `json:"events"`
		}
		get(t, ts, "/api/v1/events?q=gao", &inc)
		if len(inc.Events) == 0 {
			t.Fatal("the payload article's incident is not found by q=gao")
		}
		for _, e := range inc.Events {
			pages = append(pages, fmt.Sprintf("/events/%d", e.ID))
			for _, s := range e.Sources {
				pages = append(pages, fmt.Sprintf("/articles/%d", s.ArticleID))
			}
		}
		for _, p := range pages {
			b.do(t, p, chromedp.Navigate(ts.URL+p), chromedp.WaitReady(chromedp.CSS("body")))
			if value(t, b, p, chromedp.Evaluate[bool](`window.__pwned !== undefined`)) {
				t.Errorf("%s: a payload ran", p)
			}
			if n := value(t, b, p, count("main img, main script, [onerror], [onload]")); n != 0 {
				t.Errorf("%s: %d elements made from payload text", p, n)
			}
		}
		// The test can fail: a page that did run a payload is caught.
		b.do(t, "control", chromedp.Navigate(ts.URL+"/static/app.css"))
		if err := chromedp.Do(b.ctx, void(chromedp.Evaluate[chromedp.Void](`console.error("control")`))); err != nil {
			t.Fatal(err)
		}
		chromedp.Do(b.ctx, chromedp.Sleep(200*time.Millisecond))
		b.mu.Lock()
		caught := len(b.errs) > 0
		b.errs = nil
		b.mu.Unlock()
		if !caught {
			t.Error("a console.error was not recorded: the browser checks cannot fail")
		}
	})
}
