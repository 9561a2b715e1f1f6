package fetch

import (
	"testing"
	"time"
)

func TestParseRobots(t *testing.T) {
	const robots = `# a comment
User-agent: Googlebot
Disallow: /

User-agent: sitrep
User-agent: otherbot
Disallow: /search
Disallow: /*.pdf$
Allow: /search/about
Crawl-delay: 2.5

User-agent: *
Disallow: /private
Crawl-delay: 10
Sitemap: https://news.example/sitemap.xml
`
	tests := []struct {
		token, path string
		want        bool
	}{
		{"sitrep", "/", true},
		{"sitrep", "/search?q=x", false},
		{"sitrep", "/search/about", true},
		{"sitrep", "/files/report.pdf", false},
		{"sitrep", "/files/report.pdf?x=1", true},
		{"sitrep", "/private", true}, // our group, not "*"
		{"SITREP", "/search", false},
		{"crawler", "/private/x", false},
		{"crawler", "/search", true},
		{"sitrep", "/robots.txt", true},
	}
	for _, tt := range tests {
		if got := ParseRobots([]byte(robots), tt.token).Allowed(tt.path); got != tt.want {
			t.Errorf("%s %s: allowed = %v, want %v", tt.token, tt.path, got, tt.want)
		}
	}
	if d := ParseRobots([]byte(robots), "sitrep").CrawlDelay; d != 2500*time.Millisecond {
		t.Errorf("sitrep crawl delay = %s", d)
	}
	if d := ParseRobots([]byte(robots), "crawler").CrawlDelay; d != 10*time.Second {
		t.Errorf("* crawl delay = %s", d)
	}
}

func TestRobotsMatch(t *testing.T) {
	tests := []struct {
		pattern, path string
		want          bool
	}{
		{"/a", "/a", true},
		{"/a", "/ab/c", true},
		{"/a$", "/ab", false},
		{"/a$", "/a", true},
		{"/*/x", "/a/b/x", true},
		{"/*/x", "/x", false},
		{"*.php$", "/index.php", true},
		{"*.php$", "/index.php5", false},
		{"/a*b*c", "/a--b--c--", true},
		{"/a*b*c", "/a--c--b", false},
		{"*", "/anything", true},
	}
	for _, tt := range tests {
		if got := robotsMatch(tt.pattern, tt.path); got != tt.want {
			t.Errorf("robotsMatch(%q, %q) = %v, want %v", tt.pattern, tt.path, got, tt.want)
		}
	}
}

// robots.txt comes from any site we fetch: whatever it holds, parsing must
// not panic, and "/robots.txt" itself stays allowed.
func FuzzParseRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /\n"), "/x")
	f.Add([]byte("User-agent: sitrep\nAllow: /a*b$\nDisallow: /a\nCrawl-delay: 1e9\n"), "/a-b")
	f.Add([]byte("Disallow: /orphan\nUser-agent:\n\x00\xff:"), "")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		r := ParseRobots(data, "sitrep")
		r.Allowed(path)
		if !r.Allowed("/robots.txt") {
			t.Error("robots.txt disallowed itself")
		}
		if r.CrawlDelay < 0 || r.CrawlDelay > 24*time.Hour {
			t.Errorf("crawl delay %s", r.CrawlDelay)
		}
	})
}
