package article

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// DefaultMaxBytes bounds the size of one input. News pages are rarely over
// 2 MB of HTML; anything far larger is a feed, an archive or an attack, and
// reading it whole would make memory grow with the input.
const DefaultMaxBytes = 16 << 20

// Errors a caller can test for with errors.Is. Each is wrapped with details
// (and the CLI adds the input's name) before it reaches a user.
var (
	ErrEmpty     = errors.New("empty input")
	ErrBinary    = errors.New("binary data, not a text or HTML page")
	ErrTooLarge  = errors.New("input too large")
	ErrNoText    = errors.New("no article text found")
	ErrTruncated = errors.New("truncated HTML")
	ErrEncoding  = errors.New("invalid text encoding")
)

// Warning is an error that still comes with a usable Article: the page was
// read, but something about it is wrong enough that the user should know
// (a truncated download, bytes that are not valid in the page's charset).
type Warning struct{ Err error }

func (w *Warning) Error() string { return w.Err.Error() }
func (w *Warning) Unwrap() error { return w.Err }

// Options tune the reader.
type Options struct {
	// ContentType is the HTTP Content-Type header, if the page was fetched;
	// its charset parameter outranks what the page itself declares.
	ContentType string
	// Format forces "html" or "text"; empty means sniff the bytes.
	Format string
}

// Read turns the raw bytes of one page into an Article. source names the
// input (a path or URL) and is copied into the Article.
//
// The error is nil, a *Warning (the Article is usable), or a plain error
// (the Article is empty). Callers bound the size of data; see DefaultMaxBytes.
func Read(source string, data []byte, opt Options) (Article, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return Article{}, ErrEmpty
	}
	text, decodeErr := Decode(data, opt.ContentType)
	if decodeErr != nil && !isWarning(decodeErr) {
		return Article{}, decodeErr
	}
	format := opt.Format
	if format == "" {
		format = "text"
		if LooksLikeHTML(text) {
			format = "html"
		}
	}
	var (
		a    Article
		err  error
		flat bool
	)
	switch format {
	case "html":
		a, err = readHTML(text)
		if err != nil {
			// The parser refuses pathological pages (elements nested more
			// than 512 deep); their text is still worth reading.
			a, err, flat = readFlatHTML(text), nil, true
		}
	case "text":
		a = readText(text)
	default:
		return Article{}, fmt.Errorf("unknown format %q (want html or text)", format)
	}
	if err != nil {
		return Article{}, err
	}
	a.Source = source
	if strings.TrimSpace(a.Text) == "" {
		return a, ErrNoText
	}
	if decodeErr != nil {
		return a, decodeErr
	}
	if flat {
		return a, &Warning{errors.New("HTML too deeply nested to parse; read as flat text, so boilerplate may remain")}
	}
	if format == "html" {
		if t := truncation(text); t != "" {
			return a, &Warning{fmt.Errorf("%w: %s; the article may be incomplete", ErrTruncated, t)}
		}
	}
	return a, nil
}

func isWarning(err error) bool {
	var w *Warning
	return errors.As(err, &w)
}

// readFlatHTML reads the text of a page the HTML parser refused, from the
// token stream alone: block elements break paragraphs, and scripts, styles
// and the head are skipped. There is no boilerplate removal beyond that.
func readFlatHTML(s string) Article {
	var (
		a     Article
		paras []string
		cur   strings.Builder
		skip  int
		title bool
	)
	flush := func() {
		if p := strings.Join(strings.Fields(cur.String()), " "); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		tag := string(name)
		switch tt {
		case html.StartTagToken, html.EndTagToken:
			switch tag {
			case "script", "style", "noscript", "template", "svg", "head", "nav", "footer":
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case "title":
				title = tt == html.StartTagToken
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "table":
				flush()
			}
		case html.TextToken:
			if title && a.Title == "" {
				a.Title = strings.TrimSpace(string(z.Text()))
			} else if skip == 0 {
				cur.Write(z.Text())
				cur.WriteByte(' ')
			}
		}
	}
	flush()
	finishArticle(&a, paras)
	return a
}

// readHTML parses the page once and runs the metadata and body readers over
// the same tree. Metadata is read first because body extraction prunes the
// tree as it goes.
func readHTML(s string) (Article, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return Article{}, fmt.Errorf("parsing HTML: %w", err)
	}
	a := readMeta(doc)
	paras := extractBody(doc)
	finishArticle(&a, paras)
	return a, nil
}
