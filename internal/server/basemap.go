package server

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// The map is drawn in an equirectangular projection on a mapWidth ×
// mapHeight plane: longitude and latitude scale linearly, which is all a
// map of event points needs, and lets the server place points without a
// projection library. The basemap (Natural Earth's countries at 1:110m,
// shipped as TopoJSON by the world-atlas package) is turned into one SVG
// once, on first request, and served as /basemap.svg; the page's map
// draws it as an <image> under the points and zooms with its viewBox.
const (
	mapWidth  = 1000.0
	mapHeight = 500.0
)

// project maps a longitude and latitude to the map plane.
func project(lon, lat float64) (x, y float64) {
	return (lon + 180) * mapWidth / 360, (90 - lat) * mapHeight / 180
}

// topology is the part of a TopoJSON document the basemap reads.
type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects map[string]struct {
		Type       string `json:"type"`
		Geometries []struct {
			Type string          `json:"type"`
			Arcs json.RawMessage `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
}

// topoPaths decodes the named object of a TopoJSON topology into SVG path
// data, one string per geometry, in map coordinates. It checks every arc
// index, so a malformed file is an error, never a panic.
func topoPaths(data []byte, object string) ([]string, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("basemap: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("basemap: type %q, want Topology", t.Type)
	}
	obj, ok := t.Objects[object]
	if !ok {
		return nil, fmt.Errorf("basemap: no object %q", object)
	}
	// Decode the arcs to absolute longitude and latitude once.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([][2]float64, len(arc))
		var x, y float64
		for j, p := range arc {
			if t.Transform != nil {
				x, y = x+p[0], y+p[1]
				pts[j] = [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
			} else {
				pts[j] = p
			}
		}
		arcs[i] = pts
	}
	ring := func(b *strings.Builder, idx []int) error {
		var pts [][2]float64
		for k, i := range idx {
			rev := i < 0
			if rev {
				i = ^i
			}
			if i >= len(arcs) {
				return fmt.Errorf("basemap: arc %d of %d", i, len(arcs))
			}
			a := arcs[i]
			if rev {
				r := make([][2]float64, len(a))
				for j := range a {
					r[j] = a[len(a)-1-j]
				}
				a = r
			}
			if k > 0 && len(a) > 0 {
				a = a[1:] // the previous arc ended where this one starts
			}
			pts = append(pts, a...)
		}
		for j, p := range pts {
			x, y := project(p[0], p[1])
			if j == 0 {
				b.WriteByte('M')
			} else {
				b.WriteByte('L')
			}
			b.WriteString(strconv.FormatFloat(x, 'f', 1, 64))
			b.WriteByte(' ')
			b.WriteString(strconv.FormatFloat(y, 'f', 1, 64))
		}
		if len(pts) > 0 {
			b.WriteByte('Z')
		}
		return nil
	}
	var out []string
	for _, g := range obj.Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, fmt.Errorf("basemap: polygon arcs: %w", err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return nil, fmt.Errorf("basemap: multipolygon arcs: %w", err)
			}
		default:
			continue // points and lines draw nothing on a basemap
		}
		var b strings.Builder
		for _, p := range polys {
			for _, r := range p {
				if err := ring(&b, r); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, b.String())
	}
	return out, nil
}

var (
	basemapOnce sync.Once
	basemapSVG  []byte
	basemapErr  error
)

// basemap returns the countries as one SVG document, made on first use.
// Colours are presentation attributes, not a <style>, so the strict CSP
// (no inline styles) applies to it too.
func basemap() ([]byte, error) {
	basemapOnce.Do(func() {
		data, err := webFS.ReadFile("web/static/countries-110m.json")
		if err != nil {
			basemapErr = err
			return
		}
		paths, err := topoPaths(data, "countries")
		if err != nil {
			basemapErr = err
			return
		}
		var b strings.Builder
		fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g">`, mapWidth, mapHeight, mapWidth, mapHeight)
		fmt.Fprintf(&b, `<rect width="%g" height="%g" fill="#eef3f7"/>`, mapWidth, mapHeight)
		b.WriteString(`<g fill="#dcdcd4" stroke="#ffffff" stroke-width="0.4" fill-rule="evenodd">`)
		for _, p := range paths {
			fmt.Fprintf(&b, `<path d="%s"/>`, p)
		}
		b.WriteString(`</g></svg>`)
		basemapSVG = []byte(b.String())
	})
	return basemapSVG, basemapErr
}
