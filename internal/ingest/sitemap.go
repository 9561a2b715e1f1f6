package ingest

import (
	"bufio"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// sitemapURL is one <url> of a urlset, with the Google News extension's
// publication date and title when present.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod"`
	News    struct {
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

// sitemapPages streams a sitemap (sitemaps.org): each <url> of a urlset
// is a Page to fetch, its lastmod (or news:publication_date) the date
// hint; each <sitemap> of an index is fetched and read in turn, at most
// maxSitemapDepth deep. A sitemap may hold 50,000 URLs and an index 50,000
// sitemaps, so nothing is collected: entries are decoded one at a time.
func sitemapPages(ctx context.Context, name string, r *bufio.Reader, opt Options, depth int, yield func(Page) bool) bool {
	budget := &budgetReader{limit: max(opt.MaxBytes, 1<<20)}
	d, err := xmlDecoder(name, r, budget)
	if err != nil {
		return yield(Page{Name: name, Err: err})
	}
	level, n := 0, 0
	for {
		budget.reset()
		tok, err := d.Token()
		if err == io.EOF {
			if n == 0 {
				return yield(Page{Name: name, Err: fmt.Errorf("%s: empty sitemap", name)})
			}
			return true
		}
		if err != nil {
			return yield(Page{Name: name, Err: xmlError(name, err)})
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if level == 0 {
				if l := strings.ToLower(t.Name.Local); l != "urlset" && l != "sitemapindex" {
					return yield(Page{Name: name, Err: fmt.Errorf("%s: not a sitemap (root element <%s>)", name, t.Name.Local)})
				}
			}
			if level == 1 && t.Name.Local == "url" {
				n++
				var u sitemapURL
				entry := fmt.Sprintf("%s: url %d", name, n)
				if err := d.DecodeElement(&u, &t); err != nil {
					return yield(Page{Name: entry, Err: xmlError(entry, err)})
				}
				if !yield(sitemapPage(entry, u)) {
					return false
				}
				continue
			}
			if level == 1 && t.Name.Local == "sitemap" {
				n++
				var s struct {
					Loc string `xml:"loc"`
				}
				entry := fmt.Sprintf("%s: sitemap %d", name, n)
				if err := d.DecodeElement(&s, &t); err != nil {
					return yield(Page{Name: entry, Err: xmlError(entry, err)})
				}
				loc := strings.TrimSpace(s.Loc)
				switch {
				case !isURL(loc):
					if !yield(Page{Name: entry, Err: fmt.Errorf("%s: <loc> %q is not an http(s) URL", entry, loc)}) {
						return false
					}
				case depth+1 >= maxSitemapDepth:
					if !yield(Page{Name: loc, Err: fmt.Errorf("%s: sitemap indexes nested more than %d deep", loc, maxSitemapDepth)}) {
						return false
					}
				default:
					child := opt
					child.Kind = KindSitemap
					if !fetchSource(ctx, loc, child, depth+1, yield) {
						return false
					}
				}
				if ctx.Err() != nil {
					return false
				}
				continue
			}
			level++
		case xml.EndElement:
			level--
		}
	}
}

func sitemapPage(name string, u sitemapURL) Page {
	loc := strings.TrimSpace(u.Loc)
	if !isURL(loc) {
		return Page{Name: name, Err: fmt.Errorf("%s: <loc> %q is not an http(s) URL", name, loc)}
	}
	p := Page{Name: loc, URL: loc, Title: strings.TrimSpace(u.News.Title)}
	for _, s := range []string{u.News.PublicationDate, u.Lastmod} {
		if t, ok := w3cDate(strings.TrimSpace(s)); ok {
			p.Date = t
			break
		}
	}
	return p
}

// w3cDate reads the W3C Datetime forms sitemaps use.
func w3cDate(s string) (time.Time, bool) {
	for _, f := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02"} {
		if t, err := time.Parse(f, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
