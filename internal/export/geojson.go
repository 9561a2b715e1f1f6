package export

import (
	"bufio"
	"encoding/json"

	"sitrep/internal/store"
)

// geojsonEncoder writes a FeatureCollection one Feature at a time, so the
// collection is never held whole. Incidents without a point cannot be
// mapped and are counted in Stats.Skipped.
type geojsonEncoder struct {
	w     *bufio.Writer
	st    *Stats
	first bool
}

type feature struct {
	Type       string       `json:"type"`
	ID         int64        `json:"id"`
	Geometry   point        `json:"geometry"`
	Properties featureProps `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"` // longitude, latitude (RFC 7946)
}

// featureProps are the scalar fields a map styles and filters by, plus the
// articles; lists of participants stay in jsonl.
type featureProps struct {
	Type      string   `json:"type"`
	Subtype   string   `json:"subtype"`
	DateStart string   `json:"date_start,omitempty"`
	DateEnd   string   `json:"date_end,omitempty"`
	Location  string   `json:"location,omitempty"`
	Country   string   `json:"country,omitempty"`
	Admin1    string   `json:"admin1,omitempty"`
	Precision string   `json:"geo_precision,omitempty"`
	Killed    *int     `json:"killed"`
	Wounded   *int     `json:"wounded"`
	Certainty string   `json:"certainty,omitempty"`
	Reports   int      `json:"reports"`
	Articles  []string `json:"articles"`
}

func (e *geojsonEncoder) begin() error {
	e.first = true
	_, err := e.w.WriteString(`{"type":"FeatureCollection","features":[`)
	return err
}

func (e *geojsonEncoder) end() error {
	_, err := e.w.WriteString("\n]}\n")
	return err
}

func (e *geojsonEncoder) write(inc *store.Incident) error {
	l := inc.Location
	if l == nil || l.Lat == nil || l.Lon == nil {
		e.st.Skipped++
		return nil
	}
	f := feature{Type: "Feature", ID: inc.ID, Geometry: point{Type: "Point", Coordinates: [2]float64{*l.Lon, *l.Lat}},
		Properties: featureProps{Type: inc.Type, Subtype: inc.Subtype, Location: l.Name, Country: l.Country,
			Admin1: l.Admin1, Precision: l.Precision, Killed: best(inc.Killed), Wounded: best(inc.Wounded),
			Certainty: inc.Certainty, Reports: len(inc.Sources), Articles: make([]string, len(inc.Sources))}}
	if d := inc.Date; d != nil {
		f.Properties.DateStart, f.Properties.DateEnd = d.Start, d.End
	}
	for i, s := range inc.Sources {
		f.Properties.Articles[i] = articleRef(s)
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if !e.first {
		e.w.WriteByte(',')
	}
	e.first = false
	e.w.WriteByte('\n')
	e.st.Incidents++
	_, err = e.w.Write(b)
	return err
}
