package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// This is a streaming WARC 1.0/1.1 reader (ISO 28500) for what sitrep
// needs: the HTML responses of a crawl. The maintained Go libraries were
// weighed and not taken: nlnwa/gowarc brings Prometheus and a dozen more
// modules with it, internetarchive/gowarc is a crawler's writer with its
// own HTTP stack, and neither resynchronises after a record whose
// Content-Length lies, which a reader of archives from outside must do.
// A .warc.gz is a series of gzip members, one per record; the gzip reader
// streams across them, so nothing but the current record is ever held.

const (
	maxWARCHeader = 64 << 10 // bytes of one record's header block
	maxWARCLine   = 16 << 10
)

var (
	errLineTooLong = errors.New("line too long")
	warcMagic      = []byte("WARC/1.")
)

// warcPages yields a Page for each response record holding an HTML page
// with status 200: URL from WARC-Target-URI, date hint from the HTTP
// Last-Modified or else WARC-Date. Other records are skipped. A broken
// record (a Content-Length longer or shorter than its block, a bad header,
// an unreadable HTTP message) is reported by number and reading resumes at
// the next record; a truncated or corrupt stream ends the archive with an
// error naming the last good record.
func warcPages(name string, r *bufio.Reader, maxBytes int64, yield func(Page) bool) bool {
	pb := &pushback{r: r}
	br := bufio.NewReaderSize(pb, 64<<10)
	rec, pages := 0, 0
	lost := false // scanning for the next header after a broken record
	for {
		line, err := readLine(br)
		if err == io.EOF {
			if rec == 0 {
				return yield(Page{Name: name, Err: fmt.Errorf("%s: no WARC records", name)})
			}
			return true
		}
		if err != nil && err != errLineTooLong {
			return yield(Page{Name: name, Err: streamError(name, rec, err)})
		}
		if err == nil && len(bytes.TrimSpace(line)) == 0 {
			continue // stray blank lines between records
		}
		if err == errLineTooLong || !bytes.HasPrefix(line, warcMagic) {
			if !lost {
				lost = true
				if !yield(Page{Name: name, Err: fmt.Errorf("%s: after record %d: expected a WARC header, skipping to the next record", name, rec)}) {
					return false
				}
			}
			continue
		}
		lost = false
		rec++
		recName := fmt.Sprintf("%s: record %d", name, rec)
		h, err := readWARCHeader(br)
		if err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return yield(Page{Name: name, Err: streamError(name, rec-1, io.ErrUnexpectedEOF)})
			}
			lost = true
			if !yield(Page{Name: recName, Err: fmt.Errorf("%s: %v", recName, err)}) {
				return false
			}
			continue
		}
		if uri := h.get("warc-target-uri"); uri != "" {
			recName += " (" + uri + ")"
		}
		length, err := strconv.ParseInt(h.get("content-length"), 10, 64)
		if err != nil || length < 0 {
			lost = true
			if !yield(Page{Name: recName, Err: fmt.Errorf("%s: bad Content-Length %q", recName, h.get("content-length"))}) {
				return false
			}
			continue
		}
		wanted := strings.EqualFold(h.get("warc-type"), "response") &&
			strings.HasPrefix(strings.ToLower(h.get("content-type")), "application/http")
		var block []byte
		var tooLarge bool
		if wanted && length <= maxBytes+maxWARCHeader {
			block = make([]byte, length)
			_, err = io.ReadFull(br, block)
		} else {
			tooLarge = wanted
			_, err = io.CopyN(io.Discard, br, length)
		}
		if err != nil {
			return yield(Page{Name: name, Err: streamError(name, rec-1, io.ErrUnexpectedEOF)})
		}
		if !trailerOK(br) {
			// The Content-Length lied. If the block swallowed the start of
			// the next record, read on from there; else scan ahead.
			if i := bytes.Index(block, append([]byte("\n"), warcMagic...)); i >= 0 {
				pb.unread(block[i+1:], br)
			}
			lost = true
			if !yield(Page{Name: recName, Err: fmt.Errorf("%s: Content-Length %d does not match the record's block; record skipped", recName, length)}) {
				return false
			}
			continue
		}
		if tooLarge {
			if !yield(Page{Name: recName, Err: fmt.Errorf("%s: %w: %d bytes (raise the limit with --max-bytes)", recName, ErrTooLarge, length)}) {
				return false
			}
			continue
		}
		if !wanted {
			continue
		}
		p, ok := warcResponse(recName, h, block, maxBytes)
		if !ok {
			continue // not an HTML page with status 200
		}
		pages++
		if !yield(p) {
			return false
		}
	}
}

// streamError says the archive stopped making sense after record good.
func streamError(name string, good int, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return fmt.Errorf("%s: truncated or corrupt after record %d: %v", name, good, err)
	}
	return fmt.Errorf("%s: after record %d: %w", name, good, err)
}

// warcHeader holds a record's named fields, keys lower-cased.
type warcHeader map[string]string

func (h warcHeader) get(k string) string { return h[k] }

func readWARCHeader(br *bufio.Reader) (warcHeader, error) {
	h := warcHeader{}
	size := 0
	for {
		line, err := readLine(br)
		if err != nil {
			if err == errLineTooLong {
				return nil, errors.New("header line too long")
			}
			return nil, err
		}
		size += len(line)
		if size > maxWARCHeader {
			return nil, errors.New("header too long")
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			return h, nil
		}
		k, v, ok := bytes.Cut(line, []byte(":"))
		if !ok {
			return nil, fmt.Errorf("bad header line %.60q", line)
		}
		key := strings.ToLower(string(bytes.TrimSpace(k)))
		val := string(bytes.TrimSpace(v))
		if key == "warc-target-uri" {
			val = strings.TrimSuffix(strings.TrimPrefix(val, "<"), ">") // WARC 1.0 drafts wrote <uri>
		}
		h[key] = val
	}
}

// readLine reads one line, newline included. A line over maxWARCLine is
// consumed and reported as errLineTooLong rather than held.
func readLine(br *bufio.Reader) ([]byte, error) {
	var long []byte
	for {
		part, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			if len(long)+len(part) <= maxWARCLine {
				long = append(long, part...)
			} else {
				long = nil
				for err == bufio.ErrBufferFull {
					_, err = br.ReadSlice('\n')
				}
				if err != nil && err != io.EOF {
					return nil, err
				}
				return nil, errLineTooLong
			}
			continue
		}
		if long != nil {
			part = append(long, part...)
		}
		if len(part) > maxWARCLine {
			return nil, errLineTooLong
		}
		if err == io.EOF && len(part) > 0 {
			return part, nil
		}
		return part, err
	}
}

// trailerOK consumes the blank line (CRLF CRLF) that ends a record's block.
// Anything else means the record's Content-Length was wrong. A final
// record with no trailer at the end of the archive, or a record ended by
// a single line break before the next, is accepted.
func trailerOK(br *bufio.Reader) bool {
	b, err := br.Peek(4)
	if bytes.Equal(b, []byte("\r\n\r\n")) {
		br.Discard(4)
		return true
	}
	if bytes.HasPrefix(b, []byte("\n\n")) {
		br.Discard(2)
		return true
	}
	if len(b) == 0 && err == io.EOF {
		return true
	}
	if (bytes.Equal(b, []byte("\r\n")) || bytes.Equal(b, []byte("\n"))) && err == io.EOF {
		br.Discard(len(b))
		return true
	}
	// Some writers end a record with one line break: accept it when the
	// next record follows at once.
	for _, nl := range []string{"\r\n", "\n"} {
		if b, _ := br.Peek(len(nl) + len(warcMagic)); bytes.Equal(b, append([]byte(nl), warcMagic...)) {
			br.Discard(len(nl))
			return true
		}
	}
	return false
}

// warcResponse reads the HTTP response in a response record's block. ok is
// false for anything but an HTML page with status 200.
func warcResponse(name string, h warcHeader, block []byte, maxBytes int64) (Page, bool) {
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return Page{Name: name, Err: fmt.Errorf("%s: unreadable HTTP response: %v", name, err)}, true
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Page{}, false
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return Page{Name: name, Err: fmt.Errorf("%s: reading HTTP body: %v", name, err)}, true
	}
	if gzipped(body) { // Content-Encoding: gzip kept as sent
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err == nil {
			body, err = io.ReadAll(io.LimitReader(zr, maxBytes+1))
		}
		if err != nil {
			return Page{Name: name, Err: fmt.Errorf("%s: gzip body: %v", name, err)}, true
		}
	}
	if int64(len(body)) > maxBytes {
		return Page{Name: name, Err: fmt.Errorf("%s: %w: more than %d bytes (raise the limit with --max-bytes)", name, ErrTooLarge, maxBytes)}, true
	}
	ct := resp.Header.Get("Content-Type")
	if !isHTML(ct, body) {
		return Page{}, false
	}
	p := Page{Name: name, URL: h.get("warc-target-uri"), Data: body, ContentType: ct}
	if t, err := http.ParseTime(resp.Header.Get("Last-Modified")); err == nil {
		p.Date = t.UTC()
	} else if t, err := time.Parse(time.RFC3339Nano, h.get("warc-date")); err == nil {
		p.Date = t.UTC()
	}
	if !isURL(p.URL) {
		p.URL = ""
	}
	return p, true
}

// isHTML says whether a response is an HTML page, by its Content-Type or,
// when it has none, by its bytes.
func isHTML(contentType string, body []byte) bool {
	if contentType == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// pushback is a reader that first returns bytes given back to it.
type pushback struct {
	r       io.Reader
	pending []byte
}

func (p *pushback) Read(b []byte) (int, error) {
	if len(p.pending) > 0 {
		n := copy(b, p.pending)
		p.pending = p.pending[n:]
		return n, nil
	}
	return p.r.Read(b)
}

// unread puts data back in front of what br has buffered, and resets br
// to read it all again.
func (p *pushback) unread(data []byte, br *bufio.Reader) {
	buffered, _ := br.Peek(br.Buffered())
	pending := make([]byte, 0, len(data)+len(buffered)+len(p.pending))
	pending = append(pending, data...)
	pending = append(pending, buffered...)
	pending = append(pending, p.pending...)
	p.pending = pending
	br.Reset(p)
}
