// Package article turns a news page — HTML or plain text, in any common
// charset — into an Article: its title, standfirst, byline, dateline, dates,
// language, tags, canonical URL and the article body alone.
//
// Every later stage of sitrep reads Articles, so this package errs on the
// side of leaving boilerplate out: a sentence missing from the body costs one
// fact, while a "Similar News" teaser kept in it can invent a whole event.
package article

import (
	"encoding/json"
	"strings"
	"time"
)

// Article is one news article, reduced to what later stages need.
//
// Optional text fields are empty when the page does not say; they are written
// as JSON null. Times are in UTC; the zero time means unknown.
type Article struct {
	Source    string    // path or URL the bytes came from
	Title     string    // headline
	Subtitle  string    // standfirst or dek
	Byline    string    // author line, without "By"
	Dateline  string    // place the story was filed from, e.g. "MOSCOW"
	Published time.Time // first publication
	Updated   time.Time // latest update, if the page states one
	Language  string    // ISO 639-1 code
	Tags      []string  // keywords or section tags the page gives
	URL       string    // canonical URL, if the page states one
	Text      string    // body only; paragraphs separated by a blank line
}

// Paragraphs returns the body split at blank lines.
func (a *Article) Paragraphs() []string {
	if a.Text == "" {
		return nil
	}
	return strings.Split(a.Text, "\n\n")
}

// jsonArticle is the wire form of Article: field names are part of sitrep's
// public contract (see `sitrep read --json`), so they are spelled out here
// rather than derived from Go names.
type jsonArticle struct {
	Source    string   `json:"source"`
	Title     *string  `json:"title"`
	Subtitle  *string  `json:"subtitle"`
	Byline    *string  `json:"byline"`
	Dateline  *string  `json:"dateline"`
	Published *string  `json:"published"`
	Updated   *string  `json:"updated"`
	Language  *string  `json:"language"`
	Tags      []string `json:"tags"`
	URL       *string  `json:"url"`
	Text      string   `json:"text"`
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

// MarshalJSON writes the article with absent fields as null.
func (a Article) MarshalJSON() ([]byte, error) {
	tags := a.Tags
	if tags == nil {
		tags = []string{}
	}
	return json.Marshal(jsonArticle{
		Source:    a.Source,
		Title:     optString(a.Title),
		Subtitle:  optString(a.Subtitle),
		Byline:    optString(a.Byline),
		Dateline:  optString(a.Dateline),
		Published: optTime(a.Published),
		Updated:   optTime(a.Updated),
		Language:  optString(a.Language),
		Tags:      tags,
		URL:       optString(a.URL),
		Text:      a.Text,
	})
}

// UnmarshalJSON reads the wire form written by MarshalJSON.
func (a *Article) UnmarshalJSON(b []byte) error {
	var j jsonArticle
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	deref := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	parse := func(p *string) (time.Time, error) {
		if p == nil {
			return time.Time{}, nil
		}
		return time.Parse(time.RFC3339, *p)
	}
	var err error
	*a = Article{
		Source:   j.Source,
		Title:    deref(j.Title),
		Subtitle: deref(j.Subtitle),
		Byline:   deref(j.Byline),
		Dateline: deref(j.Dateline),
		Language: deref(j.Language),
		Tags:     j.Tags,
		URL:      deref(j.URL),
		Text:     j.Text,
	}
	if a.Published, err = parse(j.Published); err != nil {
		return err
	}
	a.Updated, err = parse(j.Updated)
	return err
}
