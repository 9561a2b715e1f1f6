package article

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// errDeep matches the warning for pages read as flat text.
var errDeep = errors.New("too deeply nested")

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		want   error
		usable bool // a *Warning with an Article
	}{
		{"empty", "", ErrEmpty, false},
		{"only white space", " \n\t\n", ErrEmpty, false},
		{"binary", "\x7fELF\x02\x01\x01\x00\x00\x00", ErrBinary, false},
		{"html without text", "<html><head><title>x</title></head><body><script>1</script></body></html>", ErrNoText, false},
		{"nested deeper than the parser allows", "<html><head><title>Deep page</title></head><body>" + strings.Repeat("<div>", 600) +
			"<p>Three people were wounded when a grenade was thrown into a cafe on Friday, police said.</p>" + strings.Repeat("</div>", 600) + "</body></html>", errDeep, true},
		{"truncated html", "<html><body><article><p>Three people were wounded when a grenade was thrown into a cafe on Friday, police said.</p><p>The attack came a", ErrTruncated, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Read("in", []byte(tt.data), Options{})
			if tt.want == errDeep {
				if err == nil || !strings.Contains(err.Error(), "too deeply nested") {
					t.Fatalf("Read error = %v, want a warning about nesting", err)
				}
			} else if !errors.Is(err, tt.want) {
				t.Fatalf("Read error = %v, want %v", err, tt.want)
			}
			if isWarning(err) != tt.usable {
				t.Errorf("warning = %v, want %v", isWarning(err), tt.usable)
			}
			if tt.usable && !strings.Contains(a.Text, "grenade") {
				t.Errorf("truncated page lost its text: %q", a.Text)
			}
		})
	}
}

// FuzzRead feeds arbitrary bytes to the reader. Whatever comes in, it must
// not panic, and what comes out must be well-formed: valid UTF-8, trimmed
// non-empty paragraphs, and dates in a plausible range.
func FuzzRead(f *testing.F) {
	seeds := []string{
		"",
		"<html><body><p>Hello</p></body></html>",
		"Headline\n\nMOSCOW: Three people were killed, police said.\n\nTags:",
		"<html><head><meta charset=windows-1251><meta property=\"article:published_time\" content=\"2024-03-22T20:00:00+03:00\"></head><body><article><h1>t</h1><p>\xc2\xe7\xf0\xfb\xe2</p></article></body></html>",
		"<div><div><div><p>nested</div></div>",
		"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"9999-99-99\"}</script><p>x</p>",
		"\xef\xbb\xbf<p>bom</p>",
		"Head\u00adline\n\nSoft\u00adhyphen and zero\u200bwidth \ufeffspace.",
		"\xff\xfe<\x00p\x00>\x00",
		"<html><body><table><tr><td>cell<td>cell</table><p>Update: 2024-03-27 01:30 GMT</p>",
		strings.Repeat("<div>", 2000) + "deep" + strings.Repeat("</div>", 2000),
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	lo := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Now().AddDate(2, 0, 0)
	f.Fuzz(func(t *testing.T, data []byte) {
		// Work is linear in the input, so any input here reads in well under
		// a second; a hang is a bug the fuzzer must report, not wait on.
		var (
			a    Article
			err  error
			done = make(chan struct{})
		)
		go func() { a, err = Read("fuzz", data, Options{}); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Read did not finish in 5s on %d bytes: %q", len(data), data[:min(len(data), 500)])
		}
		if err != nil && !isWarning(err) {
			return
		}
		for _, s := range []string{a.Title, a.Subtitle, a.Byline, a.Dateline, a.Text, a.URL, a.Language} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output: %q", s)
			}
		}
		if strings.ContainsAny(a.Text, "\u00ad\u200b\u2060\ufeff") {
			t.Fatalf("invisible character kept in text: %q", a.Text)
		}
		if a.Text == "" {
			t.Fatalf("Read returned no error and no text")
		}
		for _, p := range a.Paragraphs() {
			if p == "" || strings.TrimSpace(p) != p {
				t.Fatalf("badly formed paragraph %q in %q", p, a.Text)
			}
		}
		for _, d := range []time.Time{a.Published, a.Updated} {
			if !d.IsZero() && (d.Before(lo) || d.After(hi)) {
				t.Fatalf("implausible date %v", d)
			}
		}
	})
}
