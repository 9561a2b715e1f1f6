package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"iter"
	"net/url"
	"os"
	"strings"
	"time"

	"sitrep/internal/fetch"
)

// Page is one page a source yields: its bytes, or a URL to fetch them
// from, with what the source said about it.
type Page struct {
	// Name identifies the page in messages: a path, a URL, or the input
	// and the place in it ("news.warc.gz: record 12 (https://...)").
	Name string
	// Source is the input (argument) the page came from, for per-source
	// counts.
	Source string
	// URL is where the page lives, when known.
	URL string
	// ExternalID is the page's identity in its source (a feed item's GUID).
	ExternalID string
	// Data is the page; nil when it is still to be fetched from URL.
	Data        []byte
	ContentType string
	// Fallback is used when URL cannot be fetched: a feed item's own
	// content, as an HTML page.
	Fallback []byte
	// Title and Date are hints from the source (feed item title and date,
	// a WARC record's Last-Modified or capture date, a sitemap's lastmod)
	// for a page that does not say them itself.
	Title string
	Date  time.Time
	// Err is why the page could not be read; the other fields may be empty.
	Err error
}

// Fetcher gets a URL; *fetch.Client is one.
type Fetcher interface {
	Get(ctx context.Context, url string) (*fetch.Response, error)
}

// Kind is what a source is. Sources detects it; Options.Kind forces it.
type Kind string

const (
	KindAuto    Kind = ""
	KindPage    Kind = "page"    // one page (HTML or text)
	KindURLs    Kind = "urls"    // a list of URLs, one a line
	KindFeed    Kind = "feed"    // RSS, Atom or JSON Feed
	KindSitemap Kind = "sitemap" // urlset or sitemap index
	KindWARC    Kind = "warc"    // WARC archive, gzipped or not
)

// Options say how sources are read.
type Options struct {
	Stdin    io.Reader // what "-" reads
	MaxBytes int64     // largest page, feed item or record read into memory
	// Fetcher reads URLs: those named as sources and those sources list.
	// Without one, a URL is an error.
	Fetcher Fetcher
	// Kind forces every source to be read as this kind (--urls).
	Kind Kind
}

// maxSitemapDepth bounds how deep sitemap indexes may nest.
const maxSitemapDepth = 3

// Sources yields the pages of every source named by args: a file or
// directory (walked recursively; each file is detected on its own), "-"
// for stdin, or an http(s) URL. What a source is comes from its content —
// a WARC header, a feed or sitemap root element, lines that are all URLs —
// so that a .txt of URLs and a .txt article are both read right.
//
// Pages listed by URL come back with Data nil; Resolve fetches them. A
// source that cannot be read yields one Page with Err, and the others are
// still read.
func Sources(ctx context.Context, args []string, opt Options) iter.Seq[Page] {
	return func(yield func(Page) bool) {
		for _, arg := range args {
			for p := range source(ctx, arg, opt) {
				p.Source = arg
				if !yield(p) {
					return
				}
			}
			if ctx.Err() != nil {
				return
			}
		}
	}
}

func source(ctx context.Context, arg string, opt Options) iter.Seq[Page] {
	return func(yield func(Page) bool) {
		switch {
		case arg == "-":
			if opt.Stdin == nil {
				yield(Page{Name: "-", Err: errors.New("no standard input")})
				return
			}
			readStream(ctx, "-", "", opt.Stdin, opt, 0, yield)
		case isURL(arg):
			fetchSource(ctx, arg, opt, 0, yield)
		default:
			info, err := os.Stat(arg)
			if err != nil {
				yield(Page{Name: arg, Err: statError(err)})
				return
			}
			if !info.IsDir() {
				readPath(ctx, arg, opt, yield)
				return
			}
			files, walkErr := dirFiles(arg)
			if walkErr != nil && !yield(Page{Name: arg, Err: walkErr}) {
				return
			}
			for _, f := range files {
				if !readPath(ctx, f, opt, yield) || ctx.Err() != nil {
					return
				}
			}
		}
	}
}

// isURL says whether s is an absolute http(s) URL with a host.
func isURL(s string) bool {
	if !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// readPath reads one file as whatever it turns out to be. It returns false
// when the consumer stopped.
func readPath(ctx context.Context, path string, opt Options, yield func(Page) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(Page{Name: path, Err: statError(err)})
	}
	defer f.Close()
	return readStream(ctx, path, "", f, opt, 0, yield)
}

// peekSize is how much of a stream is looked at to tell what it is.
const peekSize = 4096

// readStream tells what r holds (after gunzipping it) and yields its pages.
// pageURL is set when r was fetched from that URL.
func readStream(ctx context.Context, name, pageURL string, r io.Reader, opt Options, depth int, yield func(Page) bool) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	var src io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return yield(Page{Name: name, Err: fmt.Errorf("reading gzip: %w", err)})
		}
		defer zr.Close()
		src = zr // multistream: a .warc.gz is one gzip member per record
	}
	sr := bufio.NewReaderSize(src, 64<<10)
	// A read error here (a truncated gzip) is met again, and reported in
	// context, by the reader of whatever the first bytes say this is.
	head, _ := sr.Peek(peekSize)
	kind := opt.Kind
	if kind == KindAuto {
		kind = sniff(head)
	}
	switch kind {
	case KindWARC:
		return warcPages(name, sr, opt.MaxBytes, yield)
	case KindFeed:
		return feedPages(name, pageURL, sr, opt.MaxBytes, yield)
	case KindSitemap:
		return sitemapPages(ctx, name, sr, opt, depth, yield)
	case KindURLs:
		return urlPages(name, sr, yield)
	}
	data, err := io.ReadAll(io.LimitReader(sr, opt.MaxBytes+1))
	switch {
	case err != nil:
		err = fmt.Errorf("reading: %w", err)
	case int64(len(data)) > opt.MaxBytes:
		data, err = nil, fmt.Errorf("%w: more than %d bytes (raise the limit with --max-bytes)", ErrTooLarge, opt.MaxBytes)
	}
	return yield(Page{Name: name, URL: pageURL, Data: data, Err: err})
}

// fetchSource fetches a URL named as a source and reads what came back.
func fetchSource(ctx context.Context, u string, opt Options, depth int, yield func(Page) bool) bool {
	if opt.Fetcher == nil {
		return yield(Page{Name: u, URL: u, Err: fmt.Errorf("%s: cannot fetch URLs here", u)})
	}
	resp, err := opt.Fetcher.Get(ctx, u)
	if err != nil {
		return yield(Page{Name: u, URL: u, Err: err})
	}
	if opt.Kind == KindAuto && sniff(resp.Body) == KindPage && !gzipped(resp.Body) {
		return yield(Page{Name: u, URL: resp.URL, Data: resp.Body, ContentType: resp.ContentType})
	}
	return readStream(ctx, u, resp.URL, bytes.NewReader(resp.Body), opt, depth, yield)
}

func gzipped(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// sniff tells a source's kind from its first bytes.
func sniff(head []byte) Kind {
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return KindWARC
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("{")) && bytes.Contains(head, []byte("jsonfeed.org/version")) {
		return KindFeed
	}
	switch rootElement(trimmed) {
	case "rss", "rdf", "feed":
		return KindFeed
	case "urlset", "sitemapindex":
		return KindSitemap
	}
	if looksLikeURLList(head) {
		return KindURLs
	}
	return KindPage
}

// rootElement is the lower-cased local name of the first element of an
// XML document, skipping the declaration, comments, processing
// instructions and DOCTYPE; "" when there is none in b.
func rootElement(b []byte) string {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		switch {
		case bytes.HasPrefix(b, []byte("<?")):
			i := bytes.Index(b, []byte("?>"))
			if i < 0 {
				return ""
			}
			b = b[i+2:]
		case bytes.HasPrefix(b, []byte("<!--")):
			i := bytes.Index(b, []byte("-->"))
			if i < 0 {
				return ""
			}
			b = b[i+3:]
		case bytes.HasPrefix(b, []byte("<!")):
			i := bytes.IndexByte(b, '>')
			if i < 0 {
				return ""
			}
			b = b[i+1:]
		case bytes.HasPrefix(b, []byte("<")):
			end := bytes.IndexAny(b[1:], " \t\r\n/>")
			if end < 0 {
				return ""
			}
			name := string(b[1 : 1+end])
			if i := strings.IndexByte(name, ':'); i >= 0 {
				name = name[i+1:]
			}
			return strings.ToLower(name)
		default:
			return ""
		}
	}
}

// looksLikeURLList says whether head reads as a list of URLs: its first
// non-blank, non-comment line is an http(s) URL and so are more than half
// of its complete lines (a list may have typos; an article starting with its
// address has many more lines of prose).
func looksLikeURLList(head []byte) bool {
	if i := bytes.LastIndexByte(head, '\n'); i >= 0 && len(head) == peekSize {
		head = head[:i] // the last line may be cut
	}
	urls, lines := 0, 0
	for line := range strings.Lines(string(head)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines++
		if isURL(line) && !strings.ContainsAny(line, " \t") {
			urls++
		} else if urls == 0 {
			return false
		}
	}
	return urls > 0 && 2*urls > lines
}

// Resolve fills in p.Data by fetching p.URL when the source gave only the
// URL. When the fetch fails and the source gave the page's content itself
// (a feed item), that content is used and the fetch error returned as a
// *FallbackError, a warning. Pages with data or an error are left alone.
func Resolve(ctx context.Context, f Fetcher, p *Page) error {
	if p.Err != nil || p.Data != nil {
		return p.Err
	}
	if p.URL == "" || f == nil {
		if p.Fallback != nil {
			p.Data, p.ContentType = p.Fallback, "text/html; charset=utf-8"
			return nil
		}
		p.Err = errors.New("nothing to read: no URL and no content")
		if f == nil && p.URL != "" {
			p.Err = errors.New("cannot fetch URLs here")
		}
		return p.Err
	}
	resp, err := f.Get(ctx, p.URL)
	if err != nil {
		if p.Fallback != nil {
			p.Data, p.ContentType = p.Fallback, "text/html; charset=utf-8"
			return &FallbackError{Err: err}
		}
		p.Err = err
		return err
	}
	p.Data, p.ContentType = resp.Body, resp.ContentType
	if resp.URL != "" {
		p.URL = resp.URL
	}
	return nil
}

// FallbackError says a page could not be fetched and the source's own
// copy of its content was used instead.
type FallbackError struct{ Err error }

func (e *FallbackError) Error() string {
	return fmt.Sprintf("%v (used the feed's own content)", e.Err)
}

func (e *FallbackError) Unwrap() error { return e.Err }

// htmlPage wraps an HTML fragment (a feed item's content) into a page with
// a title, so that the article reader finds both.
func htmlPage(title, body string) []byte {
	var b bytes.Buffer
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</title></head><body><article><h1>")
	b.WriteString(html.EscapeString(title))
	b.WriteString("</h1>\n")
	b.WriteString(body)
	b.WriteString("\n</article></body></html>\n")
	return b.Bytes()
}

// Read yields the pages of one stream already in hand — a feed the caller
// fetched itself, conditionally — told apart as Sources tells files. name
// is the stream's URL if it has one.
func Read(ctx context.Context, name string, r io.Reader, opt Options) iter.Seq[Page] {
	return func(yield func(Page) bool) {
		base := ""
		if isURL(name) {
			base = name // relative links in it are relative to it
		}
		readStream(ctx, name, base, r, opt, 0, func(p Page) bool {
			p.Source = name
			return yield(p)
		})
	}
}

// KindOf tells what the file at path holds, from its first bytes (after
// gunzipping), as Sources would read it.
func KindOf(path string) (Kind, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", statError(err)
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, peekSize)
	var src io.Reader = br
	if magic, _ := br.Peek(2); gzipped(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return "", fmt.Errorf("reading gzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	head := make([]byte, peekSize)
	n, err := io.ReadFull(src, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return "", err
	}
	return sniff(head[:n]), nil
}
