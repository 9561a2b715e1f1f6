package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The -update flag rewrites the golden files:
//
//	go test ./internal/article -run Golden -update
//
// It is defined in init, after every package-level variable, and only if
// no other test file of the package has defined it already, so that two
// golden-file tests can share it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files in testdata")
	}
}

// updating reports whether -update was given.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestGolden reads every fixture page under testdata/meta (HTML) and
// testdata/text (plain text) with Read and compares the result with the
// .json file beside it.
//
// For HTML pages only the metadata fields are compared: the body comes from
// the extractor, which has its own tests, and a change there should not
// fail these. Differences in an HTML body are logged. Plain-text pages are
// compared whole, since their body is this package's work end to end.
func TestGolden(t *testing.T) {
	var files []string
	for _, pat := range []string{"testdata/meta/*.html", "testdata/text/*.txt"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Read(filepath.ToSlash(path), data, Options{})
			if err != nil && !isWarning(err) && !errors.Is(err, ErrNoText) {
				t.Fatal(err)
			}
			gotJSON := marshalGolden(t, got)
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".json"
			if updating() {
				if err := os.WriteFile(golden, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantJSON, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			var want Article
			if err := json.Unmarshal(wantJSON, &want); err != nil {
				t.Fatal(err)
			}
			isHTML := strings.HasSuffix(path, ".html")
			if isHTML && got.Text != want.Text {
				t.Logf("body differs from golden (extractor change?):\n got: %.200q\nwant: %.200q", got.Text, want.Text)
				got.Text = want.Text
			}
			if g := marshalGolden(t, got); !bytes.Equal(g, wantJSON) {
				t.Errorf("%s differs from golden (rerun with -update if intended):\n got: %s\nwant: %s", path, g, wantJSON)
			}
		})
	}
}

func marshalGolden(t *testing.T, a Article) []byte {
	t.Helper()
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}
