package server

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sitrep/internal/export"
	"sitrep/internal/store"
)

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

func TestEventsFilters(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	all := allEvents(t, ts, "/api/v1/events?limit=2")
	if len(all) < 5 {
		t.Fatalf("%d incidents from the fixtures, want at least 5", len(all))
	}
	tests := []struct {
		name  string
		query string
		keep  func(store.Incident) bool // which of all must come back
	}{
		{"no filter", "", func(store.Incident) bool { return true }},
		{"type", "type=explosions_remote_violence", func(i store.Incident) bool { return i.Type == "explosions_remote_violence" }},
		{"subtype", "subtype=suicide_bomb", func(i store.Incident) bool { return i.Subtype == "suicide_bomb" }},
		{"country", "country=af", func(i store.Incident) bool { return i.Location != nil && i.Location.Country == "AF" }},
		{"min killed", "min_killed=10", func(i store.Incident) bool { return best(i.Killed) >= 10 }},
		{"date window", "from=2025-03-01&to=2025-03-31", func(i store.Incident) bool {
			return i.Date != nil && i.Date.Start <= "2025-03-31" && i.Date.End >= "2025-03-01"
		}},
		{"bbox around Kabul", "bbox=68,33,70,36", func(i store.Incident) bool {
			l := i.Location
			return l != nil && l.Lat != nil && *l.Lon >= 68 && *l.Lon <= 70 && *l.Lat >= 33 && *l.Lat <= 36
		}},
		{"certainty", "certainty=reported", func(i store.Incident) bool { return i.Certainty == "reported" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := allEvents(t, ts, "/api/v1/events?limit=2&"+tt.query)
			var want []int64
			for _, i := range all {
				if tt.keep(i) {
					want = append(want, i.ID)
				}
			}
			var ids []int64
			for _, i := range got {
				ids = append(ids, i.ID)
			}
			slices.Sort(ids)
			slices.Sort(want)
			if !slices.Equal(ids, want) {
				t.Errorf("?%s: incidents %v, want %v", tt.query, ids, want)
			}
		})
	}
	// The fixtures were written so that these filters are not vacuous.
	for _, q := range []string{"type=explosions_remote_violence", "country=AF", "min_killed=10", "bbox=68,33,70,36"} {
		if len(allEvents(t, ts, "/api/v1/events?"+q)) == 0 {
			t.Errorf("?%s matches nothing; the fixtures should give it something to find", q)
		}
	}
}

func TestEventsSortAndShape(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	var p struct {
		Events []json.RawMessage `json:"events"`
		Next   *string           `json:"next"`
	}
	if code := get(t, ts, "/api/v1/events?sort=killed", &p); code != 200 {
		t.Fatalf("status %d", code)
	}
	var prev = -1
	for _, raw := range p.Events {
		var m map[string]any
		json.Unmarshal(raw, &m)
		// The fields of `sitrep extract --json`, plus id and sources.
		for _, k := range []string{"id", "sources", "type", "subtype", "date", "location", "killed", "certainty", "claims"} {
			if _, ok := m[k]; !ok {
				t.Errorf("event lacks %q: %s", k, raw)
			}
		}
		var i store.Incident
		json.Unmarshal(raw, &i)
		if k := best(i.Killed); prev >= 0 && k > prev {
			t.Errorf("sort=killed: %d after %d", k, prev)
		} else {
			prev = k
		}
		if len(i.Sources) == 0 {
			t.Errorf("incident %d has no sources", i.ID)
		}
	}
	if p.Next != nil {
		t.Errorf("next = %q after the whole set in one page", *p.Next)
	}
}

func TestFilterErrors(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	tests := []struct {
		path  string
		param string // the error must name it
	}{
		{"/api/v1/events?from=2025-13-01", "from"},
		{"/api/v1/events?from=yesterday", "from"},
		{"/api/v1/events?from=2025-03-02&to=2025-03-01", "to"},
		{"/api/v1/events?country=Afghanistan", "country"},
		{"/api/v1/events?country=1x", "country"},
		{"/api/v1/events?type=war", "type"},
		{"/api/v1/events?subtype=armed_clash&type=protests", "subtype"},
		{"/api/v1/events?certainty=sure", "certainty"},
		{"/api/v1/events?min_killed=-1", "min_killed"},
		{"/api/v1/events?min_killed=ten", "min_killed"},
		{"/api/v1/events?limit=0", "limit"},
		{"/api/v1/events?limit=1001", "limit"},
		{"/api/v1/events?bbox=1,2,3", "bbox"},
		{"/api/v1/events?bbox=0,10,10,0", "bbox"},
		{"/api/v1/events?bbox=0,0,200,10", "bbox"},
		{"/api/v1/events?bbox=a,b,c,d", "bbox"},
		{"/api/v1/events?sort=random", "sort"},
		{"/api/v1/events?contry=NG", "contry"},
		{"/api/v1/events?type=battles&type=riots", "type"},
		{"/api/v1/events?q=" + strings.Repeat("x", 201), "q"},
		{"/api/v1/events?actor=%ff%fe", "actor"},
		{"/api/v1/events?role=perpetrator", "role"},
		{"/api/v1/events?actor=Taliban&role=victim", "role"},
		{"/api/v1/events?article=0", "article"},
		{"/api/v1/events/abc", "id"},
		{"/api/v1/events/-3", "id"},
		{"/api/v1/stats", "by"},
		{"/api/v1/stats?by=week&by=type&by=country", "by"},
		{"/api/v1/stats?by=hour", "by"},
		{"/api/v1/export?format=xlsx", "format"},
	}
	for _, tt := range tests {
		var e apiError
		if code := get(t, ts, tt.path, &e); code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400 (%q)", tt.path, code, e.Error)
			continue
		}
		if !strings.Contains(e.Error, tt.param) {
			t.Errorf("GET %s: error %q does not name %q", tt.path, e.Error, tt.param)
		}
	}
}

// TestSQLInjection feeds classic injection strings through every filter
// parameter: each answer is a normal one (200 or a 400 naming the
// parameter), never a 500, and the store is unchanged afterwards.
func TestSQLInjection(t *testing.T) {
	s := fixtureStore(t)
	ts := newTestServer(t, s)
	before := allEvents(t, ts, "/api/v1/events")
	payloads := []string{
		`' OR '1'='1`, `'; DROP TABLE incidents; --`, `1; DELETE FROM articles`, `" OR ""="`,
		`1) OR (1=1`, `%' OR 1=1 --`, `' UNION SELECT id, text FROM articles --`, `\'; SELECT pg_sleep(5); --`,
		`NG' --`, `2025-01-01' OR '1'='1`, `1 OR 1=1`, `*`, `%`, `_`, `)(`, `"); DROP TABLE events; --`,
	}
	for _, param := range filterParams {
		for _, p := range payloads {
			path := "/api/v1/events?" + url.Values{param: {p}}.Encode()
			var e apiError
			code := get(t, ts, path, &e)
			switch code {
			case http.StatusOK:
			case http.StatusBadRequest:
				if !strings.Contains(e.Error, param) {
					t.Errorf("%s: 400 %q does not name %s", path, e.Error, param)
				}
			default:
				t.Errorf("%s: status %d (%s)", path, code, e.Error)
			}
		}
	}
	for _, p := range payloads {
		for _, path := range []string{"/api/v1/actors/" + url.PathEscape(p), "/api/v1/stats?by=type&q=" + url.QueryEscape(p),
			"/api/v1/actors?actor=" + url.QueryEscape(p), "/?q=" + url.QueryEscape(p), "/actors/" + url.PathEscape(p)} {
			resp, err := ts.Client().Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				t.Errorf("%s: status %d", path, resp.StatusCode)
			}
		}
	}
	after := allEvents(t, ts, "/api/v1/events")
	if len(after) != len(before) {
		t.Errorf("%d incidents after the injections, %d before", len(after), len(before))
	}
}

func TestEventDetail(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	all := allEvents(t, ts, "/api/v1/events?sort=reports")
	var inc store.Incident
	if code := get(t, ts, "/api/v1/events/"+itoa(all[0].ID), &inc); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(inc.Reports) == 0 {
		t.Fatal("no reports")
	}
	for _, r := range inc.Reports {
		if r.Source.ArticleID == 0 || r.Source.Title == "" {
			t.Errorf("report %d: source %+v", r.EventID, r.Source)
		}
		if len(r.Event.Evidence) == 0 {
			t.Errorf("report %d: no evidence sentences", r.EventID)
		}
	}
	// The two Kabul reports merge into one incident with both sources.
	if len(inc.Reports) < 2 {
		t.Errorf("the most reported incident has %d reports; the two Kabul stories should merge", len(inc.Reports))
	}
	var e apiError
	if code := get(t, ts, "/api/v1/events/999999", &e); code != http.StatusNotFound {
		t.Errorf("missing incident: status %d, want 404", code)
	}
}

func TestStats(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	total := len(allEvents(t, ts, "/api/v1/events"))
	tests := []struct {
		query string
		keys  int
	}{
		{"by=type", 1}, {"by=week&by=type", 2}, {"by=month", 1}, {"by=country&by=admin1", 2}, {"by=day&type=protests", 1},
	}
	for _, tt := range tests {
		var a statsAnswer
		if code := get(t, ts, "/api/v1/stats?"+tt.query, &a); code != 200 {
			t.Fatalf("?%s: status %d", tt.query, code)
		}
		sum := 0
		for _, b := range a.Buckets {
			if len(b.Keys) != tt.keys {
				t.Errorf("?%s: bucket keys %v", tt.query, b.Keys)
			}
			sum += b.Incidents
		}
		if tt.query == "by=type" && sum != total {
			t.Errorf("by=type sums to %d incidents, the list has %d", sum, total)
		}
	}
}

func TestActorsAndArticles(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	var as struct {
		Actors []store.ActorCount `json:"actors"`
	}
	if code := get(t, ts, "/api/v1/actors", &as); code != 200 || len(as.Actors) == 0 {
		t.Fatalf("actors: status %d, %d actors", code, len(as.Actors))
	}
	var p actorProfile
	if code := get(t, ts, "/api/v1/actors/"+url.PathEscape("Islamic State"), &p); code != 200 {
		t.Fatalf("Islamic State: status %d", code)
	}
	if !p.Catalog || len(p.Aliases) == 0 || p.Kind == "" {
		t.Errorf("Islamic State profile lacks the catalog entry: %+v", p)
	}
	// Its targets are those of the incidents it perpetrated: the stats
	// under role=perpetrator, itself left out, most first.
	var st statsAnswer
	if code := get(t, ts, "/api/v1/stats?by=target&role=perpetrator&actor="+url.QueryEscape("Islamic State"), &st); code != 200 {
		t.Fatalf("stats by target under role=perpetrator: status %d", code)
	}
	want := mostFirst(slices.DeleteFunc(st.Buckets, func(b store.Bucket) bool { return b.Keys[0] == "Islamic State" }), 10)
	if len(want) == 0 || !reflect.DeepEqual(p.Targets, want) {
		t.Errorf("Islamic State's targets %+v, want the stats' %+v", p.Targets, want)
	}
	// role= on the actor's own endpoint is its role there.
	var pp actorProfile
	if code := get(t, ts, "/api/v1/actors/"+url.PathEscape("Islamic State")+"?role=perpetrator", &pp); code != 200 {
		t.Fatalf("Islamic State as perpetrator: status %d", code)
	}
	if len(pp.Events) == 0 || len(pp.Events) > len(p.Events) {
		t.Errorf("Islamic State as perpetrator: %d events, %d in any role", len(pp.Events), len(p.Events))
	}
	var e apiError
	if code := get(t, ts, "/api/v1/actors/Nobody%20At%20All", &e); code != 404 {
		t.Errorf("unknown actor: status %d", code)
	}
	var v articleView
	if code := get(t, ts, "/api/v1/articles/1", &v); code != 200 {
		t.Fatalf("article 1: status %d", code)
	}
	if v.Article.ID != 1 || v.Article.Text == "" || len(v.Events) == 0 {
		t.Errorf("article 1: %+v", v)
	}
	if code := get(t, ts, "/api/v1/articles/424242", &e); code != 404 {
		t.Errorf("missing article: status %d", code)
	}
}

func TestSubmit(t *testing.T) {
	s := fixtureStore(t)
	ts := newTestServer(t, s)
	text := "Gunmen killed four farmers near Jos on Sunday, police said. The attackers fled on motorcycles."
	body := func(v any) io.Reader { b, _ := json.Marshal(v); return strings.NewReader(string(b)) }
	tests := []struct {
		name   string
		token  string
		ctype  string
		body   io.Reader
		status int
	}{
		{"no token", "", "application/json", body(submission{Text: text}), 401},
		{"wrong token", "nope", "application/json", body(submission{Text: text}), 401},
		{"read token does not write", testReadToken, "application/json", body(submission{Text: text}), 401},
		{"text", testWriteToken, "application/json", body(submission{Text: text, Title: "Four farmers killed near Jos", Published: "2025-03-10"}), 201},
		{"same text again", testWriteToken, "application/json", body(submission{Text: text, Title: "Four farmers killed near Jos", Published: "2025-03-10"}), 200},
		{"plain body", testWriteToken, "text/plain", strings.NewReader("Soldiers clashed with rebels near Goma on Friday, killing three rebels."), 201},
		{"both html and text", testWriteToken, "application/json", body(submission{Text: "a", HTML: "<p>b</p>"}), 422},
		{"no text", testWriteToken, "application/json", body(submission{Text: "   "}), 422},
		{"bad date", testWriteToken, "application/json", body(submission{Text: text, Published: "soon"}), 422},
		{"unknown field", testWriteToken, "application/json", strings.NewReader(`{"txt": "x"}`), 400},
		{"not json", testWriteToken, "application/json", strings.NewReader(`{`), 400},
		{"content type", testWriteToken, "application/pdf", strings.NewReader("%PDF"), 415},
		{"invalid utf-8", testWriteToken, "text/plain", strings.NewReader("Gunmen killed two \xff\xfe near Jos."), 422},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/articles", tt.body)
			req.Header.Set("Content-Type", tt.ctype)
			if tt.token != "" {
				req.Header.Set("Authorization", "Bearer "+tt.token)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, tt.status, b)
			}
		})
	}
	t.Run("writes disabled", func(t *testing.T) {
		ro := newTestServer(t, s, func(c *Config) { c.WriteToken = "" })
		req, _ := http.NewRequest("POST", ro.URL+"/api/v1/articles", body(submission{Text: text}))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+testWriteToken)
		resp, err := ro.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("status %d, want 403", resp.StatusCode)
		}
	})
}

// TestSubmitFormCSRF: the submit form refuses a cross-site post even with
// the right token, and accepts a same-origin one.
func TestSubmitFormCSRF(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	form := url.Values{"token": {testWriteToken}, "title": {"Grenade attack in Bujumbura"}, "format": {"text"},
		"text": {"A grenade attack on a bar in Bujumbura on Saturday killed two people, police said."}}
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	tests := []struct {
		name    string
		headers map[string]string
		token   string
		status  int
	}{
		{"cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, testWriteToken, 403},
		{"foreign origin", map[string]string{"Origin": "https://evil.example"}, testWriteToken, 403},
		{"same origin, wrong token", map[string]string{"Sec-Fetch-Site": "same-origin"}, "guess", 401},
		{"same origin", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": ts.URL}, testWriteToken, 303},
	}
	for _, tt := range tests {
		f := url.Values{}
		for k, v := range form {
			f[k] = v
		}
		f.Set("token", tt.token)
		req, _ := http.NewRequest("POST", ts.URL+"/submit", strings.NewReader(f.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range tt.headers {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.status)
		}
	}
}

func TestReadToken(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t), func(c *Config) { c.ReadToken = testReadToken })
	tests := []struct {
		path, token string
		status      int
	}{
		{"/api/v1/events", "", 401},
		{"/api/v1/events", "wrong", 401},
		{"/api/v1/events", testReadToken, 200},
		{"/api/v1/events", testWriteToken, 200},
		{"/", "", 401},
		{"/", testReadToken, 200},
		{"/healthz", "", 200},
		{"/static/app.css", "", 200},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("GET", ts.URL+tt.path, nil)
		if tt.token != "" {
			req.Header.Set("Authorization", "Bearer "+tt.token)
		}
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s with %q: status %d, want %d", tt.path, tt.token, resp.StatusCode, tt.status)
		}
	}
}

// TestReadTokenLink: a link with ?token= sets the cookie and redirects to
// the page without it; the cookie then reads pages and the API.
func TestReadTokenLink(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t), func(c *Config) { c.ReadToken = testReadToken })
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	resp, err := client.Get(ts.URL + "/?type=battles&token=wrong")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("wrong token link: %d, want 401", resp.StatusCode)
	}
	resp, err = client.Get(ts.URL + "/?type=battles&token=" + testReadToken)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/?type=battles" {
		t.Fatalf("token link: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookies := resp.Cookies()
	if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie %+v", cookies)
	}
	for _, p := range []string{"/?type=battles", "/api/v1/events"} {
		req, _ := http.NewRequest("GET", ts.URL+p, nil)
		req.AddCookie(cookies[0])
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s with the cookie: %d", p, resp.StatusCode)
		}
	}
}

func TestTokenOK(t *testing.T) {
	tests := []struct {
		got, want string
		ok        bool
	}{
		{"abc", "abc", true}, {"abd", "abc", false}, {"ab", "abc", false}, {"", "", false}, {"x", "", false}, {"", "x", false},
	}
	for _, tt := range tests {
		if ok := tokenOK(tt.got, tt.want); ok != tt.ok {
			t.Errorf("tokenOK(%q, %q) = %v", tt.got, tt.want, ok)
		}
	}
}

// TestOpenAPI checks the OpenAPI document against the handlers: every
// route is documented with its method, every documented path is served,
// and the event filters documented are the ones parseFilter reads.
func TestOpenAPI(t *testing.T) {
	srv, err := New(Config{Store: fixtureStore(t), Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Parameters map[string]struct {
				Name string `json:"name"`
			} `json:"parameters"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	served := map[string]bool{}
	for _, r := range srv.routes {
		method, path, _ := strings.Cut(r, " ")
		served[strings.ToLower(method)+" "+path] = true
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("route %s is not in openapi.json", r)
		}
	}
	for path, ops := range doc.Paths {
		for m := range ops {
			if !served[m+" "+path] {
				t.Errorf("openapi.json documents %s %s, which is not served", strings.ToUpper(m), path)
			}
		}
	}
	var documented []string
	for _, p := range doc.Components.Parameters {
		documented = append(documented, p.Name)
	}
	slices.Sort(documented)
	want := slices.Sorted(slices.Values(filterParams))
	if !slices.Equal(documented, want) {
		t.Errorf("documented filters %v, parseFilter reads %v", documented, want)
	}
	ts := newTestServer(t, fixtureStore(t))
	var served2 map[string]any
	if code := get(t, ts, "/api/v1/openapi.json", &served2); code != 200 {
		t.Errorf("GET openapi.json: %d", code)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	for _, p := range []string{"/healthz", "/readyz"} {
		if code := get(t, ts, p, nil); code != 200 {
			t.Errorf("%s: %d", p, code)
		}
	}
	get(t, ts, "/api/v1/events", nil)
	get(t, ts, "/api/v1/events?type=bogus", nil)
	resp, err := ts.Client().Get(ts.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	text := string(b)
	for _, want := range []string{
		`sitrep_http_requests_total{route="GET /api/v1/events",code="200"} 1`,
		`sitrep_http_requests_total{route="GET /api/v1/events",code="400"} 1`,
		`sitrep_http_request_duration_seconds_count{route="GET /api/v1/events"} 2`,
		`sitrep_http_request_duration_seconds_bucket{route="GET /api/v1/events",le="+Inf"} 2`,
		"# TYPE sitrep_http_requests_total counter",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
	// Every sample line is NAME{labels} VALUE or NAME VALUE.
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		if !sampleLine.MatchString(line) {
			t.Errorf("malformed sample %q", line)
		}
	}
}

func TestPagesEscapeAndCSP(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	all := allEvents(t, ts, "/api/v1/events")
	paths := []string{"/", "/actors", "/actors/" + url.PathEscape(payloadActor), "/submit", "/?q=gao"}
	for _, i := range all {
		paths = append(paths, "/events/"+itoa(i.ID))
		for _, s := range i.Sources {
			paths = append(paths, "/articles/"+itoa(s.ArticleID))
		}
	}
	for _, p := range paths {
		resp, err := ts.Client().Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
			continue
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") {
			t.Errorf("GET %s: CSP %q", p, csp)
		}
		html := string(b)
		for _, bad := range []string{"<script>window", "onerror=\"", "<img src=x", "<svg onload"} {
			if strings.Contains(html, bad) {
				t.Errorf("GET %s: page contains unescaped %q", p, bad)
			}
		}
		if strings.Count(html, "<script") != 1 {
			t.Errorf("GET %s: %d script elements, want the one app.js", p, strings.Count(html, "<script"))
		}
	}
}

func TestBadPages(t *testing.T) {
	ts := newTestServer(t, fixtureStore(t))
	tests := []struct {
		path   string
		status int
	}{
		{"/?type=war", 400}, {"/?from=2025-02-30", 400}, {"/events/0", 400}, {"/events/99999", 404},
		{"/articles/x", 400}, {"/actors/Nobody%20At%20All", 404}, {"/nowhere", 404}, {"/api/v1/nowhere", 404},
	}
	for _, tt := range tests {
		resp, err := ts.Client().Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s: %d, want %d", tt.path, resp.StatusCode, tt.status)
		}
	}
}

// TestPostgres runs the API over the PostgreSQL backend: the same
// fixtures, listing with filters and paging, an incident's detail, stats.
func TestPostgres(t *testing.T) {
	s := openStore(t, postgresDSN(t))
	fill(t, s)
	ts := newTestServer(t, s)
	all := allEvents(t, ts, "/api/v1/events?limit=2")
	if len(all) < 5 {
		t.Fatalf("%d incidents, want at least 5", len(all))
	}
	for _, q := range []string{"country=AF", "type=explosions_remote_violence", "min_killed=10", "bbox=68,33,70,36", "q=market"} {
		if len(allEvents(t, ts, "/api/v1/events?limit=1&"+q)) == 0 {
			t.Errorf("?%s: nothing", q)
		}
	}
	var inc store.Incident
	if code := get(t, ts, "/api/v1/events/"+itoa(all[0].ID), &inc); code != 200 || len(inc.Reports) == 0 {
		t.Errorf("detail: status %d, %d reports", code, len(inc.Reports))
	}
	var a statsAnswer
	if code := get(t, ts, "/api/v1/stats?by=week&by=type", &a); code != 200 || len(a.Buckets) == 0 {
		t.Errorf("stats: status %d, %d buckets", code, len(a.Buckets))
	}
	if code := get(t, ts, "/", nil); code != 200 {
		t.Errorf("page: %d", code)
	}
}

// sampleLine is a Prometheus text-format sample: name, optional labels
// (quoted values, escapes allowed), one value.
var sampleLine = regexp.MustCompile(`^sitrep_[a-z_]+(\{([a-z_]+="([^"\\]|\\.)*",?)*\})? [-+0-9.eInf]+$`)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestExport: /api/v1/export hands the filter to export.Write and serves
// its file; without an exporter it answers 501.
func TestExport(t *testing.T) {
	s := fixtureStore(t)
	ts := newTestServer(t, s, func(c *Config) { c.Export = export.Write })
	tests := []struct {
		query, ctype string
		check        func(t *testing.T, body []byte)
	}{
		{"format=geojson&country=AF", "application/geo+json", func(t *testing.T, body []byte) {
			var fc struct {
				Type     string            `json:"type"`
				Features []json.RawMessage `json:"features"`
			}
			if err := json.Unmarshal(body, &fc); err != nil || fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
				t.Errorf("geojson: %v, %q, %d features", err, fc.Type, len(fc.Features))
			}
		}},
		{"format=acled-csv", "text/csv", func(t *testing.T, body []byte) {
			rows, err := csv.NewReader(strings.NewReader(string(body))).ReadAll()
			if err != nil || len(rows) < 2 {
				t.Errorf("acled-csv: %v, %d rows", err, len(rows))
			}
		}},
		{"format=jsonl&type=protests", "application/jsonl", func(t *testing.T, body []byte) {
			if n := strings.Count(strings.TrimSpace(string(body)), "\n") + 1; len(body) == 0 || n != len(allEvents(t, ts, "/api/v1/events?type=protests")) {
				t.Errorf("jsonl: %d lines for the protests", n)
			}
		}},
	}
	for _, tt := range tests {
		resp, err := ts.Client().Get(ts.URL + "/api/v1/export?" + tt.query)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), tt.ctype) {
			t.Errorf("?%s: %d %q: %s", tt.query, resp.StatusCode, resp.Header.Get("Content-Type"), body)
			continue
		}
		tt.check(t, body)
	}
	none := newTestServer(t, s)
	var e apiError
	if code := get(t, none, "/api/v1/export?format=jsonl", &e); code != http.StatusNotImplemented {
		t.Errorf("no exporter: %d, want 501", code)
	}
}
