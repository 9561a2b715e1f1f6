package article

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// Decode converts the bytes of a page to UTF-8.
//
// The charset is taken, in order of trust, from a byte-order mark, the
// HTTP Content-Type, the page's own <meta charset> or http-equiv, and
// finally statistical detection. A declared legacy charset loses to UTF-8
// when the bytes are valid UTF-8 with non-ASCII characters in them: that
// happens by accident almost never, while stale declarations are common.
//
// A page that is mostly valid in its charset but has a few bad bytes is
// decoded with U+FFFD in their place and a *Warning; binary data is an error.
func Decode(data []byte, contentType string) (string, error) {
	if enc, name := bomEncoding(data); enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("%w: %s: %v", ErrEncoding, name, err)
		}
		return string(bytes.TrimPrefix(out, []byte("\ufeff"))), nil
	}
	if kind := binaryKind(data); kind != "" {
		return "", fmt.Errorf("%w (%s)", ErrBinary, kind)
	}
	name := declaredCharset(data, contentType)
	validUTF8 := utf8.Valid(data)
	if name == "" || name == "utf-8" || (validUTF8 && hasNonASCII(data)) {
		if validUTF8 {
			return string(data), nil
		}
		if name == "" && !mostlyUTF8(data) {
			// Undeclared and not UTF-8: guess the legacy charset.
			if guess := detectCharset(data); guess != "" && guess != "utf-8" {
				if s, err := decodeWith(guess, data); err == nil {
					return s, nil
				}
			}
		}
		return replaceInvalidUTF8(data)
	}
	s, err := decodeWith(name, data)
	if err != nil {
		return "", err
	}
	return s, nil
}

func bomEncoding(data []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8BOM, "UTF-8"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16BE"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16LE"
	}
	return nil, ""
}

// magic numbers of formats people feed to text tools by mistake.
var magics = []struct {
	prefix, name string
}{
	{"%PDF", "PDF document"},
	{"\x89PNG", "PNG image"},
	{"\xff\xd8\xff", "JPEG image"},
	{"GIF8", "GIF image"},
	{"PK\x03\x04", "ZIP archive"},
	{"\x1f\x8b", "gzip data"},
	{"\x7fELF", "ELF executable"},
	{"RIFF", "RIFF media"},
	{"\x00\x00\x00", "binary data"},
}

// binaryKind names the kind of data if it is not text, or returns "".
// Text in any ASCII-compatible charset has no NUL bytes and few control
// characters; we look at the first 8 KiB only.
func binaryKind(data []byte) string {
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.name
		}
	}
	head := data[:min(len(data), 8192)]
	control := 0
	for _, c := range head {
		switch {
		case c == 0:
			return "contains NUL bytes"
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b:
			control++
		}
	}
	if control*20 > len(head) {
		return "mostly control characters"
	}
	// Text in any charset has spaces or line breaks; a long run of bytes
	// with none is not a page.
	if len(head) >= 1024 && !bytes.ContainsAny(head, " \t\n\r") {
		return "no spaces or line breaks"
	}
	return ""
}

// mostlyUTF8 reports whether invalid data is UTF-8 with a few bad bytes
// rather than text in a legacy charset: it has at least as many valid
// multi-byte sequences as invalid bytes.
func mostlyUTF8(data []byte) bool {
	valid, bad := 0, 0
	for i := 0; i < len(data); {
		if data[i] < 0x80 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		} else {
			valid++
		}
		i += size
	}
	return valid > 0 && valid >= bad
}

var metaCharsetRE = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:\-]+)`)

// declaredCharset returns the canonical WHATWG name of the charset declared
// by the HTTP header or the page, or "" if none is declared.
func declaredCharset(data []byte, contentType string) string {
	if contentType != "" {
		if _, name, certain := charset.DetermineEncoding(nil, contentType); certain {
			return canonicalCharset(name)
		}
	}
	// Meta tags belong in the first 1024 bytes but are often much later,
	// after scripts and styles; look through the whole head.
	head := data[:min(len(data), 64<<10)]
	if i := indexTagFoldBytes(head, "</head"); i > 0 {
		head = head[:i]
	}
	if m := metaCharsetRE.FindSubmatch(head); m != nil {
		return canonicalCharset(string(m[1]))
	}
	if bytes.HasPrefix(data, []byte("<?xml")) {
		if m := regexp.MustCompile(`encoding=["']([A-Za-z0-9_.:\-]+)`).FindSubmatch(data[:min(len(data), 200)]); m != nil {
			return canonicalCharset(string(m[1]))
		}
	}
	return ""
}

func canonicalCharset(label string) string {
	enc, err := htmlindex.Get(strings.TrimSpace(label))
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return ""
	}
	return name
}

func decodeWith(name string, data []byte) (string, error) {
	enc, err := htmlindex.Get(name)
	if err != nil {
		return "", fmt.Errorf("%w: unknown charset %q", ErrEncoding, name)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("%w: not valid %s: %v", ErrEncoding, name, err)
	}
	return string(out), nil
}

func detectCharset(data []byte) string {
	sample := data[:min(len(data), 64<<10)]
	res, err := chardet.NewHtmlDetector().DetectBest(sample)
	if err != nil || res.Confidence < 30 {
		return ""
	}
	return canonicalCharset(res.Charset)
}

func hasNonASCII(data []byte) bool {
	for _, c := range data {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// replaceInvalidUTF8 keeps a page that is UTF-8 but for a few bad bytes
// (a bad copy-paste, a truncated multi-byte character) and reports where the
// first one was. Mostly-invalid data is refused: decoding it would only
// produce noise.
func replaceInvalidUTF8(data []byte) (string, error) {
	bad, first := 0, -1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			if first < 0 {
				first = i
			}
			bad++
		}
		i += size
	}
	if bad*10 > len(data) {
		return "", fmt.Errorf("%w: %d of %d bytes are not valid UTF-8 and no charset is declared", ErrEncoding, bad, len(data))
	}
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	return s, &Warning{fmt.Errorf("%w: %d invalid UTF-8 byte(s), first at byte %d, replaced with U+FFFD", ErrEncoding, bad, first)}
}

var htmlStartRE = regexp.MustCompile(`(?i)<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|div[\s>]|p>|article[\s>]|\?xml[^>]*>\s*<(!doctype|html))`)

// LooksLikeHTML reports whether a decoded page is HTML rather than plain text.
func LooksLikeHTML(s string) bool {
	head := s[:min(len(s), 4096)]
	return htmlStartRE.MatchString(head)
}

// truncation describes how an HTML page was cut short, or returns "".
// Pages that simply omit </html> are common and legal; we only flag a
// document that stops inside a tag, a comment or a script. It looks at the
// last 16 KiB only and allocates nothing: it runs on every page.
func truncation(s string) string {
	tail := strings.TrimRightFunc(s[max(0, len(s)-16384):], func(r rune) bool { return r == ' ' || r == '\n' || r == '\r' || r == '\t' })
	lt, gt := strings.LastIndexByte(tail, '<'), strings.LastIndexByte(tail, '>')
	if lt > gt {
		return fmt.Sprintf("the page ends inside a tag (%q)", ellipsis(tail[lt:], 40))
	}
	if i := strings.LastIndex(tail, "<!--"); i >= 0 && !strings.Contains(tail[i:], "-->") {
		return "the page ends inside a comment"
	}
	for _, raw := range []string{"script", "style", "textarea"} {
		if i := indexTagFold(tail, "<"+raw, true); i >= 0 && indexTagFold(tail[i:], "</"+raw, false) < 0 {
			return "the page ends inside a <" + raw + "> element"
		}
	}
	if indexTagFold(s[:min(len(s), 65536)], "<body", false) >= 0 || indexTagFold(tail, "<body", false) >= 0 {
		if indexTagFold(tail, "</body", false) < 0 && indexTagFold(tail, "</html", false) < 0 {
			return "the page has no closing </body> or </html>"
		}
	}
	return ""
}

// indexTagFold returns the index of the first (or, with last, the last)
// case-insensitive occurrence of tag, which starts with '<', or -1. It
// only compares at '<' bytes, so it is fast on any page and never
// allocates, unlike lower-casing the page first.
func indexTagFold(s, tag string, last bool) int {
	found := -1
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if len(s)-i >= len(tag) && strings.EqualFold(s[i:i+len(tag)], tag) {
			if !last {
				return i
			}
			found = i
		}
		i++
	}
	return found
}

// indexTagFoldBytes is indexTagFold(string(s), tag, false) without
// copying s.
func indexTagFoldBytes(s []byte, tag string) int {
	for i := 0; i < len(s); {
		j := bytes.IndexByte(s[i:], '<')
		if j < 0 {
			break
		}
		i += j
		if len(s)-i >= len(tag) && strings.EqualFold(string(s[i:i+len(tag)]), tag) {
			return i
		}
		i++
	}
	return -1
}

func ellipsis(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// joinParagraphs joins non-empty paragraphs with a blank line between them.
func joinParagraphs(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String()
}
