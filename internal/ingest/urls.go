package ingest

import (
	"bufio"
	"fmt"
	"strings"
)

// maxURLLine bounds one line of a URL list; longer lines are reported,
// not read whole.
const maxURLLine = 64 << 10

// urlPages streams a list of URLs, one a line; blank lines and lines
// starting with # are skipped. A line that is not an http(s) URL is
// reported with its number and the list goes on.
func urlPages(name string, r *bufio.Reader, yield func(Page) bool) bool {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxURLLine)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		p := Page{Name: line, URL: line}
		if !isURL(line) || strings.ContainsAny(line, " \t") {
			p = Page{Name: where, Err: fmt.Errorf("%s: not an http(s) URL: %.80q", where, line)}
		}
		if !yield(p) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		return yield(Page{Name: name, Err: fmt.Errorf("%s: %v (lines are limited to %d bytes)", name, err, maxURLLine)})
	}
	return true
}
