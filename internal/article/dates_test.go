package article

import (
	"testing"
	"time"
)

func TestParseDateLine(t *testing.T) {
	tests := []struct {
		line  string
		field dateField
		want  string // RFC 3339 UTC, "" for no date
	}{
		// The brief's examples.
		{"Update: 2024-03-27 01:30 GMT", fieldUpdated, "2024-03-27T01:30:00Z"},
		{"Updated 27 March 2024, 01:30 GMT", fieldUpdated, "2024-03-27T01:30:00Z"},
		{"Published 12:04 EST, 3 March 2021", fieldPublished, "2021-03-03T17:04:00Z"},
		{"March 3, 2021 at 12:04 p.m. ET", fieldPublished, "2021-03-03T17:04:00Z"},
		{"2021-03-03T12:04:00+02:00", fieldPublished, "2021-03-03T10:04:00Z"},
		// ET follows summer time.
		{"July 4, 2023 at 9:15 a.m. ET", fieldPublished, "2023-07-04T13:15:00Z"},
		{"Posted on Mar. 3, 2021 12:04 PM PST", fieldPublished, "2021-03-03T20:04:00Z"},
		{"Last updated: Wednesday, 27 March 2024 01:30 BST", fieldUpdated, "2024-03-27T00:30:00Z"},
		{"Published: 27/03/2024 14:00 CET", fieldPublished, "2024-03-27T13:00:00Z"},
		{"Updated 03/27/2024 2:00 pm EDT", fieldUpdated, "2024-03-27T18:00:00Z"},
		{"27 March 2024 18:00 MSK", fieldPublished, "2024-03-27T15:00:00Z"},
		{"27 Mar 2024, 10:00 IST", fieldPublished, "2024-03-27T04:30:00Z"},
		{"27 March 2024 09:00 JST", fieldPublished, "2024-03-27T00:00:00Z"},
		{"27 March 2024 11:00 AEDT", fieldPublished, "2024-03-27T00:00:00Z"},
		{"Updated: 2024-03-27 01:30 (GMT+3)", fieldUpdated, "2024-03-26T22:30:00Z"},
		{"2024-03-27 01:30:00 +0530", fieldPublished, "2024-03-26T20:00:00Z"},
		{"2024-03-27T01:30:00.000Z", fieldPublished, "2024-03-27T01:30:00Z"},
		{"Wed, 27 Mar 2024 01:30:00 GMT", fieldPublished, "2024-03-27T01:30:00Z"},
		{"March 27th, 2024", fieldPublished, "2024-03-27T00:00:00Z"},
		{"Published: Wednesday, 10/7/2015", fieldPublished, "2015-10-07T00:00:00Z"},
		{"Published: Friday, 10/7/2015", fieldPublished, "2015-07-10T00:00:00Z"},
		{"Last Updated: November 13, 2016 at 7:44 pm", fieldUpdated, "2016-11-13T19:44:00Z"},
		// Other languages.
		{"Aktualisiert am 27. März 2024, 14:05 Uhr MEZ", fieldUpdated, "2024-03-27T13:05:00Z"},
		{"Veröffentlicht: 27.03.2024 09:12", fieldPublished, "2024-03-27T09:12:00Z"},
		{"Mis à jour le 27 mars 2024 à 12h04", fieldUpdated, "2024-03-27T12:04:00Z"},
		{"Publié le mercredi 27 mars 2024", fieldPublished, "2024-03-27T00:00:00Z"},
		{"Actualizado el 27 de marzo de 2024, 10:00 CET", fieldUpdated, "2024-03-27T09:00:00Z"},
		{"Publicado em 27 de março de 2024", fieldPublished, "2024-03-27T00:00:00Z"},
		{"Обновлено 27 марта 2024, 18:00 МСК", fieldUpdated, "2024-03-27T15:00:00Z"},
		{"Опубликовано: 27.03.2024", fieldPublished, "2024-03-27T00:00:00Z"},
		// Not date lines.
		{"The killing of 41 market traders is only the latest outrage.", fieldNone, ""},
		{"The turning point came on June 12, 2011, when the army entered Dalmera.", fieldNone, ""},
		{"Updated", fieldNone, ""},
		{"Update: see below", fieldNone, ""},
		{"March 2024", fieldNone, ""},
		{"Pictures of the aftermath", fieldNone, ""},
		{"Updates from Kyiv: 2024-03-27", fieldNone, ""},
		// Nonsense dates.
		{"0000-01-01", fieldNone, ""},
		{"2024-13-01", fieldNone, ""},
		{"31 February 2024", fieldNone, ""},
		{"2024-02-30T10:00:00Z", fieldNone, ""},
		{"1000000000", fieldNone, ""},
		{"Updated: 1000000000 seconds", fieldNone, ""},
		{"1899-12-31", fieldNone, ""},
		{"9999-12-31", fieldNone, ""},
		{"2024-03-27 25:00", fieldNone, ""},
		{"2024-03-27 10:61", fieldNone, ""},
		{"13:00 pm 27 March 2024", fieldNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			field, got, ok := parseDateLine(tt.line)
			if tt.want == "" {
				if ok {
					t.Fatalf("parseDateLine(%q) = %v %v, want no date", tt.line, field, got)
				}
				return
			}
			if !ok {
				t.Fatalf("parseDateLine(%q): no date, want %s", tt.line, tt.want)
			}
			if s := got.Format(time.RFC3339); s != tt.want || field != tt.field {
				t.Errorf("parseDateLine(%q) = %v %s, want %v %s", tt.line, field, s, tt.field, tt.want)
			}
		})
	}
}

func TestParseDateMeta(t *testing.T) {
	tests := map[string]string{
		"2024-03-22T20:00:00+03:00":       "2024-03-22T17:00:00Z",
		"2024-03-22T20:00:00+0300":        "2024-03-22T17:00:00Z",
		"2024-03-22 20:00:00":             "2024-03-22T20:00:00Z",
		"2024-03-22":                      "2024-03-22T00:00:00Z",
		"20240322":                        "2024-03-22T00:00:00Z",
		"2024/03/22 8:00 pm":              "2024-03-22T20:00:00Z",
		"Fri, 22 Mar 2024 20:00:00 +0000": "2024-03-22T20:00:00Z",
		"0001-01-01T00:00:00Z":            "",
		"9999-99-99":                      "",
		"":                                "",
	}
	for in, want := range tests {
		got, ok := parseDate(in)
		if want == "" {
			if ok {
				t.Errorf("parseDate(%q) = %v, want no date", in, got)
			}
			continue
		}
		if !ok || got.Format(time.RFC3339) != want {
			t.Errorf("parseDate(%q) = %v %v, want %s", in, got, ok, want)
		}
	}
}

// FuzzParseDateLine checks that no input makes the date parser panic or
// return a date outside 1900..next year, or a time that is not UTC.
func FuzzParseDateLine(f *testing.F) {
	for _, s := range []string{
		"Update: 2024-03-27 01:30 GMT",
		"Updated 27 March 2024, 01:30 GMT",
		"Published 12:04 EST, 3 March 2021",
		"March 3, 2021 at 12:04 p.m. ET",
		"2021-03-03T12:04:00+02:00",
		"Mis à jour le 27 mars 2024 à 12h04",
		"Обновлено 27 марта 2024, 18:00 МСК",
		"0000-00-00", "2024-13-45", "31 Feb 2024", "1e9", "1000000000",
		"12:99 pm", "+99:99", "GMT+", "2024-03-27T", "27.03.", "p.m. a.m.",
	} {
		f.Add(s)
	}
	maxYear := time.Now().Year() + 1
	f.Fuzz(func(t *testing.T, s string) {
		_, got, ok := parseDateLine(s)
		if !ok {
			if !got.IsZero() {
				t.Fatalf("no date but non-zero time %v", got)
			}
			return
		}
		if y := got.Year(); y < 1900 || y > maxYear {
			t.Fatalf("parseDateLine(%q) = %v: year out of range", s, got)
		}
		if got.Location() != time.UTC {
			t.Fatalf("parseDateLine(%q) = %v: not UTC", s, got)
		}
	})
}
