package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// submission is the JSON body of POST /api/v1/articles: a page (html) or
// a text with its metadata. Exactly one of HTML and Text is given.
type submission struct {
	URL        string `json:"url"`
	Title      string `json:"title"`
	Text       string `json:"text"`
	HTML       string `json:"html"`
	Published  string `json:"published"` // RFC 3339 or YYYY-MM-DD
	ExternalID string `json:"external_id"`
}

// submitted is the answer: what the store did, and the incidents the
// article's events joined.
type submitted struct {
	ID      int64             `json:"id"`
	Status  store.Status      `json:"status"`
	Version int               `json:"version"`
	Events  int               `json:"events"` // events coded from the article
	Warning string            `json:"warning,omitempty"`
	Links   map[string]string `json:"links"`
}

// readSubmission turns a submission into an article, reading HTML as
// `sitrep read` does. A *article.Warning comes back with a usable article.
func readSubmission(sub submission) (store.Article, error) {
	var a store.Article
	if (sub.HTML == "") == (sub.Text == "") {
		return a, errors.New(`give exactly one of "html" and "text"`)
	}
	var pub time.Time
	if sub.Published != "" {
		var err error
		if pub, err = time.Parse(time.RFC3339, sub.Published); err != nil {
			if pub, err = time.Parse(time.DateOnly, sub.Published); err != nil {
				return a, fmt.Errorf("published %q: want RFC 3339 or YYYY-MM-DD", truncate(sub.Published, 40))
			}
		}
	}
	source := sub.URL
	if source == "" {
		source = "api"
	}
	var warn error
	if sub.HTML != "" {
		read, err := article.Read(source, []byte(sub.HTML), article.Options{Format: "html"})
		var w *article.Warning
		if err != nil && !errors.As(err, &w) {
			return a, err
		}
		a.Article, warn = read, err
	} else {
		a.Article = article.Article{Source: source, Text: strings.TrimSpace(sub.Text)}
	}
	if sub.Title != "" {
		a.Title = sub.Title
	}
	if sub.URL != "" && a.URL == "" {
		a.URL = sub.URL
	}
	if !pub.IsZero() {
		a.Published = pub
	}
	a.ExternalID = sub.ExternalID
	if strings.TrimSpace(a.Text) == "" {
		return a, article.ErrNoText
	}
	return a, warn
}

// put reads, codes and stores a submission.
func (s *Server) put(r *http.Request, sub submission) (submitted, int, error) {
	a, err := readSubmission(sub)
	var warn *article.Warning
	if err != nil && !errors.As(err, &warn) {
		return submitted{}, http.StatusUnprocessableEntity, err
	}
	events := extract.Extract(a.Article, extract.Options{}).Events
	res, err := s.cfg.Store.PutArticle(r.Context(), a, events)
	if errors.Is(err, store.ErrInvalidText) {
		return submitted{}, http.StatusUnprocessableEntity, err
	}
	if err != nil {
		return submitted{}, http.StatusInternalServerError, err
	}
	out := submitted{ID: res.ID, Status: res.Status, Version: res.Version, Events: len(events),
		Links: map[string]string{"article": fmt.Sprintf("/api/v1/articles/%d", res.ID), "page": fmt.Sprintf("/articles/%d", res.ID)}}
	if warn != nil {
		out.Warning = warn.Error()
	}
	code := http.StatusCreated
	if res.Status != store.Inserted {
		code = http.StatusOK
	}
	s.log.Info("article submitted", "id", res.ID, "status", res.Status, "events", len(events))
	return out, code, nil
}

// apiSubmit is POST /api/v1/articles. It needs the write token in the
// Authorization header (never a cookie, so a browser cannot be tricked
// into sending it). The body is JSON (a submission), or the page itself
// as text/html or text/plain with ?url= and ?title=.
func (s *Server) apiSubmit(w http.ResponseWriter, r *http.Request) {
	if s.cfg.WriteToken == "" {
		writeError(w, http.StatusForbidden, "writes are disabled: start sitrep serve with --write-token or $SITREP_WRITE_TOKEN")
		return
	}
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !tokenOK(strings.TrimSpace(tok), s.cfg.WriteToken) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
		writeError(w, http.StatusUnauthorized, "a write token is required (Authorization: Bearer TOKEN)")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body: %v (limit %d bytes)", err, s.cfg.MaxBodyBytes))
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var sub submission
	switch mt {
	case "application/json":
		dec := json.NewDecoder(strings.NewReader(string(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&sub); err != nil {
			writeError(w, http.StatusBadRequest, "body: not a submission: "+err.Error())
			return
		}
	case "text/html":
		sub = submission{HTML: string(body), URL: r.URL.Query().Get("url"), Title: r.URL.Query().Get("title")}
	case "text/plain":
		sub = submission{Text: string(body), URL: r.URL.Query().Get("url"), Title: r.URL.Query().Get("title")}
	default:
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type "+truncate(mt, 40)+": want application/json, text/html or text/plain")
		return
	}
	out, code, err := s.put(r, sub)
	if err != nil {
		if code == http.StatusInternalServerError {
			s.storeError(w, r, err)
			return
		}
		writeError(w, code, "article: "+err.Error())
		return
	}
	writeJSON(w, code, out)
}
