// Package ingest finds the inputs a user names and hands each page's bytes
// to the pipeline: files, directories and standard input (Files), and every
// kind of source a news archive comes in — lists of URLs, RSS/Atom/JSON
// feeds, sitemaps, WARC archives (Sources). Every reader streams and bounds
// what it holds, so memory stays flat however large the input; a broken
// part of one input is reported by name and the rest still read.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ErrTooLarge is returned for an input over the size limit.
var ErrTooLarge = errors.New("input too large")

// Input is one page's bytes, or the error met while reading it.
type Input struct {
	Source string // path, or "-" for standard input
	Data   []byte
	Err    error
}

// Files yields every input named by paths: a file, "-" for stdin,
// or a directory, walked recursively in lexical order (hidden entries are
// skipped). Gzip-compressed files are decompressed. No input larger than
// maxBytes (after decompression) is read into memory.
func Files(paths []string, stdin io.Reader, maxBytes int64) iter.Seq[Input] {
	return func(yield func(Input) bool) {
		for _, p := range paths {
			if p == "-" {
				data, err := readBounded(stdin, maxBytes)
				if !yield(Input{Source: "-", Data: data, Err: err}) {
					return
				}
				continue
			}
			info, err := os.Stat(p)
			if err != nil {
				if !yield(Input{Source: p, Err: statError(err)}) {
					return
				}
				continue
			}
			if !info.IsDir() {
				if !yield(readFile(p, maxBytes)) {
					return
				}
				continue
			}
			files, walkErr := dirFiles(p)
			if walkErr != nil {
				if !yield(Input{Source: p, Err: walkErr}) {
					return
				}
			}
			for _, f := range files {
				if !yield(readFile(f, maxBytes)) {
					return
				}
			}
		}
	}
}

func statError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file or directory")
	}
	if errors.Is(err, fs.ErrPermission) {
		return errors.New("permission denied")
	}
	return err
}

func readFile(path string, maxBytes int64) Input {
	f, err := os.Open(path)
	if err != nil {
		return Input{Source: path, Err: statError(err)}
	}
	defer f.Close()
	data, err := readBounded(f, maxBytes)
	return Input{Source: path, Data: data, Err: err}
}

// readBounded reads r whole, decompressing gzip, and fails without reading
// further once more than maxBytes have come out.
func readBounded(r io.Reader, maxBytes int64) ([]byte, error) {
	br := bufio.NewReader(r)
	var src io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("reading gzip: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	data, err := io.ReadAll(io.LimitReader(src, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes (raise the limit with --max-bytes)", ErrTooLarge, maxBytes)
	}
	return data, nil
}

// dirFiles lists the regular files below dir, recursively, in name order,
// skipping hidden files and folders (".git", editor backups). A path that
// cannot be walked is listed anyway, so that reading it reports the error
// under its own name.
func dirFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, path) // reported when read
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}
