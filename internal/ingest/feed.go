package ingest

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/rss"
)

// feedPages streams the items of an RSS (0.9x, 1.0, 2.0), Atom or JSON
// feed. gofeed knows the many ways feeds write dates, content and ids, but
// parses a whole feed into memory; so the XML is walked here as a stream,
// and each item is cut out (with its ancestors' tags, for the namespaces)
// and handed to gofeed's RSS or Atom parser alone (not its universal
// parser, whose translator HTML-parses every item's content looking for an
// image, a third of the cost). A feed of a million items costs the memory
// of one. Each item yields a Page to fetch from its link, with its own
// content as the fallback; the item's GUID (Atom id) is the external id.
//
// base is the feed's own URL when it was fetched: relative item links are
// resolved against it.
func feedPages(name, base string, r *bufio.Reader, maxBytes int64, yield func(Page) bool) bool {
	if head, _ := r.Peek(64); bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"), []byte("{")) {
		return jsonFeedPages(name, base, r, maxBytes, yield)
	}
	budget := &budgetReader{limit: maxBytes}
	d, err := xmlDecoder(name, r, budget)
	if err != nil {
		return yield(Page{Name: name, Err: err})
	}
	parser := &itemParser{}
	prefixes := map[string]string{}
	var stack []xml.StartElement
	n := 0
	for {
		budget.reset()
		tok, err := d.Token()
		if err == io.EOF {
			if n == 0 {
				return yield(Page{Name: name, Err: fmt.Errorf("%s: no items in the feed", name)})
			}
			return true
		}
		if err != nil {
			return yield(Page{Name: name, Err: xmlError(name, err)})
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				l := strings.ToLower(t.Name.Local)
				if l != "rss" && l != "rdf" && l != "feed" {
					return yield(Page{Name: name, Err: fmt.Errorf("%s: not a feed (root element <%s>)", name, t.Name.Local)})
				}
				parser.atom = l == "feed"
			}
			notePrefixes(t, prefixes)
			if len(stack) > 0 && (t.Name.Local == "item" || t.Name.Local == "entry") {
				n++
				itemName := fmt.Sprintf("%s: item %d", name, n)
				var raw struct {
					Inner []byte `xml:",innerxml"`
				}
				if err := d.DecodeElement(&raw, &t); err != nil {
					return yield(Page{Name: itemName, Err: xmlError(itemName, err)})
				}
				if !yield(feedItem(parser, itemName, base, stack, t, raw.Inner, prefixes)) {
					return false
				}
				continue
			}
			stack = append(stack, t.Copy())
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
}

// itemParser parses items cut out of an RSS or Atom feed.
type itemParser struct {
	atom bool
	rss  rss.Parser
	atp  atom.Parser
}

// parse reads a one-item feed into the fields sitrep uses, the way
// gofeed's translators would.
func (ip *itemParser) parse(doc io.Reader) (*gofeed.Item, error) {
	if ip.atom {
		f, err := ip.atp.Parse(doc)
		if err != nil {
			return nil, err
		}
		if len(f.Entries) != 1 {
			return nil, fmt.Errorf("unreadable entry")
		}
		e := f.Entries[0]
		it := &gofeed.Item{Title: e.Title, GUID: e.ID, Description: e.Summary,
			PublishedParsed: e.PublishedParsed, UpdatedParsed: e.UpdatedParsed}
		if e.Content != nil {
			it.Content = e.Content.Value
		}
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				it.Link = l.Href
				break
			}
		}
		return it, nil
	}
	f, err := ip.rss.Parse(doc)
	if err != nil {
		return nil, err
	}
	if len(f.Items) != 1 {
		return nil, fmt.Errorf("unreadable item")
	}
	r := f.Items[0]
	it := &gofeed.Item{Title: r.Title, Link: r.Link, Description: r.Description, Content: r.Content,
		PublishedParsed: r.PubDateParsed}
	if r.GUID != nil {
		it.GUID = r.GUID.Value
	}
	if it.PublishedParsed == nil && r.DublinCoreExt != nil && len(r.DublinCoreExt.Date) > 0 {
		if t, ok := w3cDate(strings.TrimSpace(r.DublinCoreExt.Date[0])); ok {
			it.PublishedParsed = &t
		}
	}
	return it, nil
}

// feedItem parses one item, cut out of its feed.
func feedItem(parser *itemParser, name, base string, ancestors []xml.StartElement, item xml.StartElement, inner []byte, prefixes map[string]string) Page {
	var b bytes.Buffer
	for _, a := range ancestors {
		startTag(&b, a, prefixes)
	}
	startTag(&b, item, prefixes)
	b.Write(inner)
	endTag(&b, item.Name, prefixes)
	for i := len(ancestors) - 1; i >= 0; i-- {
		endTag(&b, ancestors[i].Name, prefixes)
	}
	it, err := parser.parse(&b)
	if err != nil {
		return Page{Name: name, Err: fmt.Errorf("%s: %v", name, err)}
	}
	return itemPage(name, base, it)
}

// itemPage turns a parsed feed item into a Page: fetch the link, fall back
// on the item's content.
func itemPage(name, base string, it *gofeed.Item) Page {
	p := Page{Name: name, URL: resolveLink(base, strings.TrimSpace(it.Link)), ExternalID: strings.TrimSpace(it.GUID), Title: strings.TrimSpace(it.Title)}
	if p.ExternalID == "" {
		p.ExternalID = p.URL
	}
	if p.URL != "" {
		p.Name = name + " (" + p.URL + ")"
	}
	switch {
	case it.PublishedParsed != nil:
		p.Date = it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		p.Date = it.UpdatedParsed.UTC()
	}
	body := it.Content
	if strings.TrimSpace(body) == "" {
		body = it.Description
	}
	if strings.TrimSpace(body) != "" {
		p.Fallback = htmlPage(p.Title, body)
		if !p.Date.IsZero() {
			// The article reader finds the date in the page's metadata.
			p.Fallback = bytes.Replace(p.Fallback, []byte("</title>"),
				[]byte(`</title><meta property="article:published_time" content="`+p.Date.Format(time.RFC3339)+`">`), 1)
		}
	}
	if p.URL == "" && p.Fallback == nil {
		p.Err = fmt.Errorf("%s: item has neither a link nor content", name)
	}
	return p
}

// jsonFeedPages reads a JSON Feed (jsonfeed.org), which cannot be
// streamed item by item with gofeed; it is bounded by maxBytes instead.
func jsonFeedPages(name, base string, r io.Reader, maxBytes int64, yield func(Page) bool) bool {
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return yield(Page{Name: name, Err: fmt.Errorf("%s: reading: %w", name, err)})
	}
	if int64(len(data)) > maxBytes {
		return yield(Page{Name: name, Err: fmt.Errorf("%s: %w: JSON feed over %d bytes", name, ErrTooLarge, maxBytes)})
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return yield(Page{Name: name, Err: fmt.Errorf("%s: %v", name, err)})
	}
	for i, it := range feed.Items {
		if !yield(itemPage(fmt.Sprintf("%s: item %d", name, i+1), base, it)) {
			return false
		}
	}
	return true
}

// resolveLink makes an item's link absolute against the feed's URL; "" if
// it is not, or does not become, an http(s) URL.
func resolveLink(base, link string) string {
	if link == "" || isURL(link) {
		return link
	}
	b, err := url.Parse(base)
	if base == "" || err != nil {
		return ""
	}
	ref, err := url.Parse(link)
	if err != nil {
		return ""
	}
	if abs := b.ResolveReference(ref).String(); isURL(abs) {
		return abs
	}
	return ""
}
