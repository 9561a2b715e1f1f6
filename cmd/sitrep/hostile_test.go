package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// hostileInput is one input built to hurt a reader: huge, compressed to
// explode, nested past any parser's stack, or not text at all. Each is
// generated when the test runs — a gigabyte is a loop, not a file in git.
type hostileInput struct {
	name string
	// make writes the input under dir and returns the path to pass to
	// sitrep ingest, or "-" and a reader for its standard input.
	make func(t *testing.T, dir string) (path string, stdin io.Reader)
	// want is what the one error line must say besides the input's name.
	want string
	// stored marks an input the reader salvages an article from, with a
	// warning (README: "a page that was read but is suspect"): the store
	// gains that one article and nothing already stored changes.
	stored bool
}

var hostileInputs = []hostileInput{
	{"gzip bomb (1 GiB of zeros in about 1 MiB)", gzipBomb(1 << 30), "input too large", false},
	{"gzip of a gzip bomb", func(t *testing.T, dir string) (string, io.Reader) {
		inner, _ := gzipBomb(1<<30)(t, dir)
		return writeHostile(t, dir, "nested.gz", gzipped(t, readAll(t, inner))), nil
	}, "binary data", false},
	{"truncated gzip", func(t *testing.T, dir string) (string, io.Reader) {
		gz := gzipped(t, bytes.Repeat([]byte("<p>Gunmen attacked the post.</p>\n"), 1000))
		return writeHostile(t, dir, "cut.html.gz", gz[:len(gz)/2]), nil
	}, "unexpected EOF", false},
	// sitrep does not open archives: a zip is refused as binary before
	// anything is inflated, so the entry's size does not matter.
	{"zip archive (a 64 MiB entry)", func(t *testing.T, dir string) (string, io.Reader) {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		w, err := zw.Create("page.html")
		if err != nil {
			t.Fatal(err)
		}
		zeros := make([]byte, 1<<20)
		for range 64 {
			w.Write(zeros)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return writeHostile(t, dir, "bomb.zip", b.Bytes()), nil
	}, "binary data", false},
	{"1 GiB stream on standard input", func(t *testing.T, dir string) (string, io.Reader) {
		return "-", io.LimitReader(&repeatReader{chunk: []byte("<p>Gunmen attacked the checkpoint at dawn. ")}, 1<<30)
	}, "input too large", false},
	{"1 GiB file (sparse, all NUL)", func(t *testing.T, dir string) (string, io.Reader) {
		p := filepath.Join(dir, "huge.html")
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := f.Truncate(1 << 30); err != nil {
			t.Fatal(err)
		}
		return p, nil
	}, "input too large", false},
	{"HTML nested 100,000 levels deep, no text", func(t *testing.T, dir string) (string, io.Reader) {
		return writeHostile(t, dir, "nested.html", nestedHTML(100000, "")), nil
	}, "no article text", false},
	{"HTML nested 100,000 levels deep around a report", func(t *testing.T, dir string) (string, io.Reader) {
		return writeHostile(t, dir, "nested-report.html", nestedHTML(100000,
			"<p>Gunmen killed three guards at the Velmora grain depot on Sunday night, the district police chief said.</p>")), nil
	}, "too deeply nested", true},
	{"invalid UTF-8 throughout", func(t *testing.T, dir string) (string, io.Reader) {
		r := rand.New(rand.NewPCG(1, 2))
		var b bytes.Buffer
		b.WriteString(`<html><head><meta charset="utf-8"></head><body><p>`)
		for range 200000 {
			b.WriteByte(0x80 + byte(r.IntN(0x40))) // continuation bytes with no lead
		}
		return writeHostile(t, dir, "badutf8.html", b.Bytes()), nil
	}, "invalid text encoding", false},
	{"NUL bytes between the words", func(t *testing.T, dir string) (string, io.Reader) {
		text := strings.Repeat("Gunmen\x00attacked\x00the\x00checkpoint\x00at\x00dawn.\x00", 2000)
		return writeHostile(t, dir, "nul.txt", []byte(text)), nil
	}, "binary data", false},
	// A line under the 16 MiB limit is text and is read (see
	// docs/RELIABILITY.md for what that costs); one over it is refused
	// without being held whole.
	{"one 64 MiB line", func(t *testing.T, dir string) (string, io.Reader) {
		return writeHostile(t, dir, "line.txt", bytes.Repeat([]byte("aaaaaaaaaaaaaaa "), 64<<20/16)), nil
	}, "input too large", false},
	{"random binary junk", func(t *testing.T, dir string) (string, io.Reader) {
		r := rand.New(rand.NewPCG(3, 4))
		b := make([]byte, 4<<20)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		return writeHostile(t, dir, "junk.html", b), nil
	}, "binary data", false},
	// Sources other than pages (internal/ingest has its own tests of these
	// readers; here they go through the command, into a store).
	{"feed whose one item runs on for 10^6 lines", func(t *testing.T, dir string) (string, io.Reader) {
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Velmora Daily</title><item><title>t</title><description>`)
		for range 1000000 {
			b.WriteString("line of an endless item\n")
		}
		return writeHostile(t, dir, "endless.xml", b.Bytes()), nil
	}, "larger than the limit", false},
	{"WARC record claiming 10^12 bytes", func(t *testing.T, dir string) (string, io.Reader) {
		return writeHostile(t, dir, "lying.warc", []byte("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://velmora.example/a\r\n"+
			"Content-Type: application/http; msgtype=response\r\nContent-Length: 999999999999\r\n\r\n"+
			"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Gunmen killed two soldiers outside Velmora on Tuesday.</p>\r\n\r\n")), nil
	}, "truncated or corrupt", false},
	{"WARC record with a negative length", func(t *testing.T, dir string) (string, io.Reader) {
		return writeHostile(t, dir, "negative.warc", []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\nxx")), nil
	}, "bad Content-Length", false},
	{"UTF-16 without a byte order mark", func(t *testing.T, dir string) (string, io.Reader) {
		var b bytes.Buffer
		for _, c := range strings.Repeat("<p>Gunmen attacked the checkpoint.</p>", 500) {
			b.WriteByte(byte(c))
			b.WriteByte(0)
		}
		return writeHostile(t, dir, "utf16.html", b.Bytes()), nil
	}, "binary data", false},
}

// Every hostile input gets one clear error naming it, sitrep's memory stays
// within a fixed bound whatever the input's size, and the store it ingests
// into is left exactly as it was.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sitrep and generates gigabyte inputs; run without -short")
	}
	bin := faultBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "store.db")
	runBinary(t, bin, "ingest", "--db", db, filepath.Join("..", "..", "examples"))

	// Memory for an ordinary page, the baseline a hostile one is held to:
	// the input limit is 16 MiB, so even the worst input may cost a few
	// times that above it, never its own size.
	good := writeHostile(t, dir, "good.txt", []byte("Gunmen attack checkpoint\n\nGunmen killed two soldiers at a checkpoint outside the town of Velmora on Tuesday, officials said.\n"))
	_, _, baseline := ingestRSS(t, bin, db, good, nil)
	bound := baseline + 256<<20
	t.Logf("peak RSS ingesting one ordinary page: %d MiB; bound for hostile inputs: %d MiB", baseline>>20, bound>>20)
	for _, h := range hostileInputs {
		t.Run(h.name, func(t *testing.T) {
			before, kept := sqliteDigest(t, db), articleCount(t, db)
			keptRows := earlierRows(t, db, kept)
			path, stdin := h.make(t, t.TempDir())
			code, stderr, rss := ingestRSS(t, bin, db, path, stdin)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			var errLines []string
			for _, l := range lines {
				if strings.HasPrefix(l, "sitrep: ") {
					errLines = append(errLines, l)
				}
			}
			t.Logf("exit %d, peak RSS %d MiB: %s", code, rss>>20, strings.Join(errLines, " / "))
			if len(errLines) != 1 {
				t.Errorf("want one error line, got %d:\n%s", len(errLines), tail(stderr, 2000))
			} else if !strings.Contains(errLines[0], "sitrep: "+path+": ") || !strings.Contains(errLines[0], h.want) {
				t.Errorf("error line %q does not name %s and say %q", errLines[0], path, h.want)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("sitrep crashed:\n%s", tail(stderr, 3000))
			}
			if rss > bound {
				t.Errorf("peak RSS %d MiB, over the bound of %d MiB", rss>>20, bound>>20)
			}
			switch {
			case !h.stored && sqliteDigest(t, db) != before:
				t.Errorf("the store changed")
			case h.stored && articleCount(t, db) != kept+1:
				t.Errorf("%d articles stored, want the %d there were and this one", articleCount(t, db), kept)
			case h.stored && earlierRows(t, db, kept) != keptRows:
				t.Errorf("the articles stored before changed")
			}
		})
	}
}

func articleCount(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return queryInt(t, db, `SELECT count(*) FROM articles`)
}

// ingestRSS runs `sitrep ingest --db db path` and returns its exit status,
// standard error and peak resident memory in bytes.
//
// The peak comes from GNU time (/usr/bin/time -f %M) when it is installed:
// Go starts children with vfork, and Linux then counts the parent's
// high-water mark in the child's own rusage, so cmd.ProcessState's Maxrss
// is at least this test process's size. Without GNU time that upper bound
// is used, which can only make the bound stricter.
func ingestRSS(t *testing.T, bin, db, path string, stdin io.Reader) (code int, stderr string, rss int64) {
	t.Helper()
	var errb bytes.Buffer
	args := []string{bin, "ingest", "--db", db, path}
	rssFile := ""
	if _, err := os.Stat("/usr/bin/time"); err == nil {
		rssFile = filepath.Join(t.TempDir(), "rss")
		args = append([]string{"/usr/bin/time", "-f", "%M", "-o", rssFile}, args...)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = &errb
	if stdin != nil {
		// A pipe the test feeds: sitrep stops reading at its limit, and the
		// write that then fails is expected.
		w, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			io.Copy(w, stdin)
			w.Close()
		}()
	}
	if err := cmd.Run(); err != nil && cmd.ProcessState == nil {
		t.Fatal(err)
	}
	rss = cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KiB on Linux
	if rssFile != "" {
		out, err := os.ReadFile(rssFile)
		if err != nil {
			t.Fatal(err)
		}
		// The last line is %M; a line before it may say the exit status.
		kib, err := strconv.ParseInt(lastLine(string(out)), 10, 64)
		if err != nil {
			t.Fatalf("/usr/bin/time wrote %q: %v", out, err)
		}
		rss = kib << 10
	}
	return cmd.ProcessState.ExitCode(), errb.String(), rss
}

// gzipBomb writes n zero bytes (a multiple of 1 MiB) gzip-compressed, as
// 1 MiB members one after another — a gzip reader reads them as one
// stream — so making a 1 GiB bomb costs one compression of 1 MiB.
func gzipBomb(n int64) func(t *testing.T, dir string) (string, io.Reader) {
	return func(t *testing.T, dir string) (string, io.Reader) {
		var m bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&m, gzip.BestCompression)
		zw.Write(make([]byte, 1<<20))
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, fmt.Sprintf("bomb-%d.html.gz", n))
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		bw := bufio.NewWriter(f)
		for range n >> 20 {
			bw.Write(m.Bytes())
		}
		if err := bw.Flush(); err != nil {
			t.Fatal(err)
		}
		return p, nil
	}
}

// nestedHTML is a page whose body is depth nested divs around inner.
func nestedHTML(depth int, inner string) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html><html><head><title>Depot attack</title></head><body>")
	for range depth {
		b.WriteString("<div>")
	}
	b.WriteString(inner)
	for range depth {
		b.WriteString("</div>")
	}
	b.WriteString("</body></html>")
	return b.Bytes()
}

func gzipped(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func readAll(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeHostile(t *testing.T, dir, name string, data []byte) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// repeatReader yields chunk over and over, forever: an endless stream
// that costs no memory to produce.
type repeatReader struct {
	chunk []byte
	off   int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.chunk[r.off:])
		n += c
		r.off = (r.off + c) % len(r.chunk)
	}
	return n, nil
}
