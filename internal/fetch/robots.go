package fetch

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Robots is one host's robots.txt as it applies to one user agent
// (RFC 9309): the rules of the group naming the agent, else of the "*"
// group, and that group's Crawl-delay, a widespread extension.
type Robots struct {
	rules      []robotsRule
	CrawlDelay time.Duration
	// unreachable is why robots.txt could not be read, when everything is
	// disallowed for that reason.
	unreachable error
}

type robotsRule struct {
	allow   bool
	pattern string
}

// maxRobotsBytes is how much of a robots.txt is read; RFC 9309 asks
// crawlers to parse at least 500 KiB.
const maxRobotsBytes = 512 << 10

// allowAll and disallowAll stand for a missing robots.txt (4xx: crawl
// freely) and an unreachable one (5xx: assume the site wants no crawling).
var (
	allowAll    = &Robots{}
	disallowAll = &Robots{rules: []robotsRule{{allow: false, pattern: "/"}}}
)

// unreachableRobots disallows everything because of err.
func unreachableRobots(err error) *Robots {
	return &Robots{rules: disallowAll.rules, unreachable: err}
}

// disallowed is the error for a path r refuses.
func (r *Robots) disallowed() error {
	if r.unreachable != nil {
		return fmt.Errorf("%w (robots.txt unreachable: %v)", ErrDisallowed, r.unreachable)
	}
	return ErrDisallowed
}

// ParseRobots reads a robots.txt for the agent named by token (a product
// token such as "sitrep", matched case-insensitively against User-agent
// lines). Lines it does not understand are ignored, as the RFC asks.
func ParseRobots(data []byte, token string) *Robots {
	if len(data) > maxRobotsBytes {
		data = data[:maxRobotsBytes]
	}
	token = strings.ToLower(token)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
		hasDel bool
	}
	var groups []*group
	var cur *group
	inAgents := false // the previous significant line was a User-agent
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 4096), maxRobotsBytes)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if !inAgents || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(value))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur == nil || value == "" { // "Disallow:" alone allows everything
				continue
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: value})
		case "crawl-delay":
			inAgents = false
			if cur == nil {
				continue
			}
			if secs, err := strconv.ParseFloat(value, 64); err == nil && secs >= 0 && secs < 86400 {
				cur.delay, cur.hasDel = time.Duration(secs*float64(time.Second)), true
			}
		default:
			// Sitemap and unknown keys do not end a run of User-agent
			// lines in practice, but they do belong to no group.
		}
	}
	pick := func(match func(agent string) bool) *Robots {
		var r *Robots
		for _, g := range groups {
			for _, a := range g.agents {
				if match(a) {
					if r == nil {
						r = &Robots{}
					}
					r.rules = append(r.rules, g.rules...)
					if g.hasDel && g.delay > r.CrawlDelay {
						r.CrawlDelay = g.delay
					}
					break
				}
			}
		}
		return r
	}
	if r := pick(func(a string) bool { return a != "*" && a != "" && strings.Contains(token, a) }); r != nil {
		return r
	}
	if r := pick(func(a string) bool { return a == "*" }); r != nil {
		return r
	}
	return allowAll
}

// Allowed says whether path (the URL's path and query, as sent) may be
// fetched: the longest matching rule wins, Allow on a tie; no match allows.
func (r *Robots) Allowed(path string) bool {
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	best, allowed := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || n == best && rule.allow {
			best, allowed = n, rule.allow
		}
	}
	return allowed
}

// robotsMatch matches a robots.txt path pattern: a prefix, where "*" is any
// run of characters and a final "$" anchors the end.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	if len(parts) == 1 {
		return !anchored || rest == ""
	}
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return true
}
