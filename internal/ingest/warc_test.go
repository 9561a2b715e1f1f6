package ingest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// warcRecord builds one WARC 1.1 record of a fictional crawl.
func warcRecord(typ, uri string, block []byte) []byte {
	return warcRecordLength(typ, uri, block, len(block))
}

// warcRecordLength builds a record whose Content-Length says length,
// whatever the block's real length: for lying headers.
func warcRecordLength(typ, uri string, block []byte, length int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\n", typ, len(uri)*7919+length)
	fmt.Fprintf(&b, "WARC-Date: 2024-05-06T12:00:00Z\r\n")
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	ct := "application/http; msgtype=response"
	if typ == "request" {
		ct = "application/http; msgtype=request"
	}
	if typ == "warcinfo" {
		ct = "application/warc-fields"
	}
	fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n", ct, length)
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpOK(contentType, body string) []byte {
	return httpResponse(200, contentType, "", body)
}

func httpResponse(status int, contentType, lastModified, body string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d X\r\n", status)
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	if lastModified != "" {
		fmt.Fprintf(&b, "Last-Modified: %s\r\n", lastModified)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(body), body)
	return b.Bytes()
}

// gzMembers compresses each record as its own gzip member, as .warc.gz does.
func gzMembers(t *testing.T, records ...[]byte) []byte {
	var b bytes.Buffer
	for _, r := range records {
		b.Write(gz(t, r))
	}
	return b.Bytes()
}

func TestWARC(t *testing.T) {
	info := warcRecord("warcinfo", "", []byte("software: fictional-crawler/1.0\r\n"))
	page1 := warcRecord("response", "https://news.example/one", httpResponse(200, "text/html; charset=utf-8", "Sun, 05 May 2024 10:00:00 GMT", "<html><p>one</p></html>"))
	request := warcRecord("request", "https://news.example/one", []byte("GET /one HTTP/1.1\r\nHost: news.example\r\n\r\n"))
	image := warcRecord("response", "https://news.example/logo.png", httpOK("image/png", "\x89PNG...."))
	missing := warcRecord("response", "https://news.example/gone", httpResponse(404, "text/html", "", "<p>not found</p>"))
	untyped := warcRecord("response", "https://news.example/two", httpOK("", "<!DOCTYPE html><p>two</p>"))
	page3 := warcRecord("response", "<https://news.example/three>", httpOK("application/xhtml+xml", "<html><p>three</p></html>"))
	badHTTP := warcRecord("response", "https://news.example/bad", []byte("this is not HTTP"))
	// Content-Length longer than the block: it swallows the next record's
	// head; reading resumes at that record.
	longer := warcRecordLength("response", "https://news.example/longer", httpOK("text/html", "<p>longer</p>"), 300)
	// Content-Length shorter than the block: the rest is skipped.
	shorter := warcRecordLength("response", "https://news.example/shorter", httpOK("text/html", "<p>shorter, and then some text</p>"), 40)

	goodPages := []string{
		`record 2 (https://news.example/one) url=https://news.example/one date=2024-05-05T10:00:00Z data="<html><p>one</p></html>"`,
		`record 6 (https://news.example/two) url=https://news.example/two date=2024-05-06T12:00:00Z data="<!DOCTYPE html><p>two</p>"`,
		`record 7 (https://news.example/three) url=https://news.example/three date=2024-05-06T12:00:00Z data="<html><p>three</p></html>"`,
	}
	plain := bytes.Join([][]byte{info, page1, request, image, missing, untyped, page3}, nil)
	tests := []struct {
		name string
		data []byte
		want []string
	}{
		{"plain.warc", plain, goodPages},
		{"members.warc.gz", gzMembers(t, info, page1, request, image, missing, untyped, page3), goodPages},
		{"one-member.warc.gz", gz(t, plain), goodPages},
		{"bad-http.warc", bytes.Join([][]byte{badHTTP, page1}, nil), []string{
			"error: DIR/bad-http.warc: record 1 (https://news.example/bad): unreadable HTTP response: malformed HTTP status code \"is\"",
			`record 2 (https://news.example/one) url=https://news.example/one date=2024-05-05T10:00:00Z data="<html><p>one</p></html>"`,
		}},
		{"longer.warc", bytes.Join([][]byte{info, longer, page1, page3}, nil), []string{
			"error: DIR/longer.warc: record 2 (https://news.example/longer): Content-Length 300 does not match the record's block; record skipped",
			`record 3 (https://news.example/one) url=https://news.example/one date=2024-05-05T10:00:00Z data="<html><p>one</p></html>"`,
			`record 4 (https://news.example/three) url=https://news.example/three date=2024-05-06T12:00:00Z data="<html><p>three</p></html>"`,
		}},
		{"shorter.warc.gz", gzMembers(t, shorter, page1), []string{
			"error: DIR/shorter.warc.gz: record 1 (https://news.example/shorter): Content-Length 40 does not match the record's block; record skipped",
			`record 2 (https://news.example/one) url=https://news.example/one date=2024-05-05T10:00:00Z data="<html><p>one</p></html>"`,
		}},
		{"truncated.warc.gz", func() []byte {
			all := gzMembers(t, page1, page3)
			return all[:len(all)-20]
		}(), []string{
			`record 1 (https://news.example/one) url=https://news.example/one date=2024-05-05T10:00:00Z data="<html><p>one</p></html>"`,
			"error: DIR/truncated.warc.gz: truncated or corrupt after record 1: unexpected EOF",
		}},
		{"cut-block.warc", page1[:len(page1)-30], []string{
			"error: DIR/cut-block.warc: truncated or corrupt after record 0: unexpected EOF",
		}},
		{"garbage-between.warc", bytes.Join([][]byte{page1, []byte("garbage\r\nmore garbage\r\n"), page3}, nil), []string{
			`record 1 (https://news.example/one) url=https://news.example/one date=2024-05-05T10:00:00Z data="<html><p>one</p></html>"`,
			"error: DIR/garbage-between.warc: after record 1: expected a WARC header, skipping to the next record",
			`record 2 (https://news.example/three) url=https://news.example/three date=2024-05-06T12:00:00Z data="<html><p>three</p></html>"`,
		}},
		{"one-newline.warc", bytes.Join([][]byte{bytes.TrimSuffix(page1, []byte("\r\n")), page3}, nil), []string{
			`record 1 (https://news.example/one) url=https://news.example/one date=2024-05-05T10:00:00Z data="<html><p>one</p></html>"`,
			`record 2 (https://news.example/three) url=https://news.example/three date=2024-05-06T12:00:00Z data="<html><p>three</p></html>"`,
		}},
		{"bad-length.warc", bytes.Join([][]byte{[]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: lots\r\n\r\nxx\r\n\r\n"), page3}, nil), []string{
			`error: DIR/bad-length.warc: record 1: bad Content-Length "lots"`,
			`record 2 (https://news.example/three) url=https://news.example/three date=2024-05-06T12:00:00Z data="<html><p>three</p></html>"`,
		}},
		{"huge-length.warc", bytes.Join([][]byte{warcRecordLength("response", "https://news.example/huge", nil, 1<<40), page3}, nil), []string{
			"error: DIR/huge-length.warc: truncated or corrupt after record 0: unexpected EOF",
		}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			writeFile(t, path, tt.data)
			var want []string
			for _, w := range tt.want {
				want = append(want, strings.ReplaceAll(w, "DIR", dir))
			}
			check(t, collect(t, []string{path}, Options{}), want)
		})
	}
}

// A response over the size limit is reported, not read, and the archive
// goes on.
func TestWARCRecordTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := warcRecord("response", "https://news.example/big", httpOK("text/html", strings.Repeat("x", 200<<10)))
	small := warcRecord("response", "https://news.example/small", httpOK("text/html", "<p>small</p>"))
	path := filepath.Join(dir, "a.warc")
	writeFile(t, path, append(big, small...))
	check(t, collect(t, []string{path}, Options{MaxBytes: 1 << 10}), []string{
		"error: " + path + ": record 1 (https://news.example/big): input too large: 204867 bytes (raise the limit with --max-bytes)",
		`record 2 (https://news.example/small) url=https://news.example/small date=2024-05-06T12:00:00Z data="<p>small</p>"`,
	})
}
