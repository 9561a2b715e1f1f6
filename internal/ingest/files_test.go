package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.html"), []byte("<p>b</p>"))
	writeFile(t, filepath.Join(dir, "a.txt"), []byte("a"))
	writeFile(t, filepath.Join(dir, "sub", "c.html.gz"), gz(t, []byte("<p>c</p>")))
	writeFile(t, filepath.Join(dir, ".hidden", "x.html"), []byte("x"))
	writeFile(t, filepath.Join(dir, "big.html"), bytes.Repeat([]byte("x"), 2000))
	writeFile(t, filepath.Join(dir, "bomb.gz"), gz(t, bytes.Repeat([]byte("y"), 1<<20)))

	var got []string
	for in := range Files([]string{dir, filepath.Join(dir, "missing.html")}, nil, 1000) {
		line := filepath.Base(in.Source) + "=" + string(in.Data)
		if in.Err != nil {
			line = filepath.Base(in.Source) + " error: " + in.Err.Error()
		}
		got = append(got, line)
	}
	want := []string{
		"a.txt=a",
		"b.html=<p>b</p>",
		"big.html error: input too large: more than 1000 bytes (raise the limit with --max-bytes)",
		"bomb.gz error: input too large: more than 1000 bytes (raise the limit with --max-bytes)",
		"c.html.gz=<p>c</p>",
		"missing.html error: no such file or directory",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadBoundedStopsEarly(t *testing.T) {
	// An endless stream must be refused after maxBytes+1 bytes, not read whole.
	r := &countingReader{}
	_, err := readBounded(r, 1<<16)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	if r.n > 1<<17 {
		t.Errorf("read %d bytes of an endless stream with a %d limit", r.n, 1<<16)
	}
}

type countingReader struct{ n int }

func (c *countingReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'z'
	}
	c.n += len(p)
	return len(p), nil
}

func TestCorruptGzip(t *testing.T) {
	dir := t.TempDir()
	data := gz(t, bytes.Repeat([]byte("news "), 1000))
	writeFile(t, filepath.Join(dir, "cut.gz"), data[:len(data)/2])
	for in := range Files([]string{filepath.Join(dir, "cut.gz")}, nil, 1<<20) {
		if in.Err == nil || !strings.Contains(in.Err.Error(), "unexpected EOF") {
			t.Errorf("truncated gzip: err = %v, want unexpected EOF", in.Err)
		}
	}
}
