package resolve

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// mucFloor is the share of MUC-4 incident places (Latin American towns,
// 1989-90) that must resolve into the key's country with only the
// article's dateline as context (the processed texts are lower-cased, so
// they give no capitalised names to read).
const mucFloor = 0.85

// TestMUCPlaces reads the MUC-4 answer keys in place from the shared
// evaluation folder (skipped when absent): "SAN MIGUEL" under a San
// Salvador dateline is El Salvador's, not San Diego's old name.
func TestMUCPlaces(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "eval", "muc4", "keys-train.jsonl.gz"))
	if err != nil {
		t.Skipf("MUC-4 evaluation data not available: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<26)
	g := gaz(t)
	n, ok, noCtx := 0, 0, 0
	for sc.Scan() {
		var d struct {
			Dateline  string
			Templates []struct {
				Location [][]struct{ Name, Type string }
			}
		}
		if json.Unmarshal(sc.Bytes(), &d) != nil {
			continue
		}
		for _, tp := range d.Templates {
			if len(tp.Location) == 0 || len(tp.Location[0]) < 2 || tp.Location[0][0].Type != "COUNTRY" {
				continue
			}
			country := g.NewResolver(Context{}).Resolve(tp.Location[0][0].Name)
			if country.Best == nil {
				continue
			}
			cc, name := country.Best.Country, tp.Location[0][1].Name
			n++
			if res := g.NewResolver(Context{Dateline: d.Dateline}).Resolve(name); res.Best != nil && res.Best.Country == cc {
				ok++
			}
			if res := g.NewResolver(Context{}).Resolve(name); res.Best != nil && res.Best.Country == cc {
				noCtx++
			}
		}
	}
	if n == 0 {
		t.Skip("no MUC-4 places read")
	}
	acc := float64(ok) / float64(n)
	t.Logf("MUC-4 place → country: %d/%d = %.1f%% with the dateline, %.1f%% without", ok, n, 100*acc, 100*float64(noCtx)/float64(n))
	if acc < mucFloor {
		t.Errorf("MUC-4 accuracy %.1f%% below floor %.0f%%", 100*acc, 100*mucFloor)
	}
}
