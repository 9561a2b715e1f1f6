package ingest

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// xmlDecoder returns a lenient streaming decoder for an XML source from
// outside. The stream is converted to UTF-8 first — by its byte-order
// mark, else the encoding its declaration names, else taken as UTF-8 with
// invalid bytes replaced — because feeds that lie about their encoding are
// common and one bad byte must not lose the rest of the feed. Non-strict
// mode accepts the HTML entities (&nbsp;) feeds are full of.
func xmlDecoder(name string, r *bufio.Reader, budget *budgetReader) (*xml.Decoder, error) {
	head, _ := r.Peek(1024)
	var src io.Reader
	switch {
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}), bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		src = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Reader(r)
	default:
		label := declaredEncoding(head)
		switch label {
		case "", "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf16":
			// utf-16 declared without a BOM is almost always a lie about
			// what is really UTF-8.
			src = unicode.UTF8BOM.NewDecoder().Reader(r)
		default:
			enc, err := htmlindex.Get(label)
			if err != nil {
				return nil, fmt.Errorf("%s: unknown encoding %q in the XML declaration", name, label)
			}
			src = enc.NewDecoder().Reader(r)
		}
	}
	budget.r = src
	d := xml.NewDecoder(budget)
	d.Strict = false // but no AutoClose: HTML's void <link> is a feed's link
	d.Entity = xml.HTMLEntity
	// Already UTF-8: whatever the declaration says, read it as it is.
	d.CharsetReader = func(_ string, input io.Reader) (io.Reader, error) { return input, nil }
	return d, nil
}

var encodingDecl = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

func declaredEncoding(head []byte) string {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if m := encodingDecl.FindSubmatch(head); m != nil {
		return strings.ToLower(string(m[1]))
	}
	return ""
}

// budgetReader fails once more than limit bytes have been read since the
// last reset, so that one element of a streamed document (a feed item, a
// sitemap entry) cannot grow without bound while the document as a whole
// may be as long as it likes.
type budgetReader struct {
	r     io.Reader
	used  int64
	limit int64
}

// errBudget is what the decoder sees when an element is too large.
var errBudget = fmt.Errorf("element too large")

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.used > b.limit {
		return 0, errBudget
	}
	n, err := b.r.Read(p)
	b.used += int64(n)
	return n, err
}

func (b *budgetReader) reset() { b.used = 0 }

// xmlError words a decoder error for a message naming the input.
func xmlError(name string, err error) error {
	if se, ok := err.(*xml.SyntaxError); ok {
		return fmt.Errorf("%s: broken XML at line %d: %s", name, se.Line, se.Msg)
	}
	if err == errBudget || strings.Contains(err.Error(), errBudget.Error()) {
		return fmt.Errorf("%s: an element is larger than the limit (raise it with --max-bytes)", name)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// startTag writes se back as XML text, using the prefixes the document
// declared (prefixes maps namespace URL to prefix) so that a fragment cut
// out of the stream parses with the same names.
func startTag(b *bytes.Buffer, se xml.StartElement, prefixes map[string]string) {
	b.WriteByte('<')
	b.WriteString(qualified(se.Name, prefixes))
	for _, a := range se.Attr {
		b.WriteByte(' ')
		switch {
		case a.Name.Space == "xmlns":
			b.WriteString("xmlns:" + a.Name.Local)
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			b.WriteString("xmlns")
		default:
			b.WriteString(qualified(a.Name, prefixes))
		}
		b.WriteString(`="`)
		xml.EscapeText(b, []byte(a.Value))
		b.WriteByte('"')
	}
	b.WriteByte('>')
}

func endTag(b *bytes.Buffer, n xml.Name, prefixes map[string]string) {
	b.WriteString("</" + qualified(n, prefixes) + ">")
}

func qualified(n xml.Name, prefixes map[string]string) string {
	if n.Space == "" {
		return n.Local
	}
	if p, ok := prefixes[n.Space]; ok && p != "" {
		return p + ":" + n.Local
	}
	return n.Local
}

// notePrefixes records the namespace declarations of se.
func notePrefixes(se xml.StartElement, prefixes map[string]string) {
	for _, a := range se.Attr {
		switch {
		case a.Name.Space == "xmlns":
			prefixes[a.Value] = a.Name.Local
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			if _, ok := prefixes[a.Value]; !ok {
				prefixes[a.Value] = ""
			}
		}
	}
}
