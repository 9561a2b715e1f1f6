package store

import (
	"context"
	"time"

	"sitrep/internal/extract"
)

// Incidents reads the incidents merged from the events of many articles:
// what the API, the web page and the exports show. The store builds them
// itself as articles are put (see PutArticles): each new event joins the
// incident it reports, found among the incidents of its days and place
// (never by comparing with every incident), or starts a new one; an
// article's update or re-coding re-merges its events.
type Incidents interface {
	// QueryIncidents returns the incidents matching f, sorted by f.Sort, a
	// page at a time. Following Next until it is "" returns every matching
	// incident exactly once while the matching rows do not change. Sources
	// is filled; Reports is not.
	QueryIncidents(ctx context.Context, f IncidentFilter) (IncidentPage, error)
	// Incident returns one incident with its Sources and every Report, or
	// ErrNotFound.
	Incident(ctx context.Context, id int64) (Incident, error)
	// CountIncidents aggregates the incidents matching f (f.Limit, Cursor
	// and Sort are ignored) into buckets keyed by one or two of the
	// AggregateBy keys, e.g. ("week", "type") for a stacked timeline.
	// Buckets come ordered by key; a time key's buckets are the periods
	// that have incidents.
	CountIncidents(ctx context.Context, f IncidentFilter, by ...string) ([]Bucket, error)
	// Actors lists the actors (canonical names where resolved, else the
	// text's names) of the incidents matching f, most incidents first.
	Actors(ctx context.Context, f IncidentFilter, limit int) ([]ActorCount, error)
	// SimilarArticles returns the other articles about the same incidents
	// as the article, or copies of it (near-duplicate text), best first.
	SimilarArticles(ctx context.Context, articleID int64, limit int) ([]SimilarArticle, error)
}

// The keys CountIncidents groups by.
const (
	ByDay     = "day"   // YYYY-MM-DD of the incident's first day
	ByWeek    = "week"  // YYYY-MM-DD of the Monday of that day's ISO week
	ByMonth   = "month" // YYYY-MM
	ByYear    = "year"  // YYYY
	ByType    = "type"
	BySubtype = "subtype"
	ByCountry = "country"
	ByAdmin1  = "admin1"
	// ByActor, ByPerpetrator and ByTarget key by actor: any role, the
	// perpetrators only, or the targets and victims only. An incident with
	// two actors counts in both buckets.
	ByActor       = "actor"
	ByPerpetrator = "perpetrator"
	ByTarget      = "target"
)

// Incident is one real-world incident merged from every report of it.
// The embedded Event holds the reconciled fields: the most specific type
// the reports agree on, the narrowest date, the most precise place, the
// union of participants, weapons and claims, and Killed and Wounded as the
// range the sources give with Best the estimate (see ReconcileRule);
// Evidence is empty, since evidence belongs to each report.
type Incident struct {
	ID int64 `json:"id"`
	extract.Event
	// Sources are the articles reporting the incident, earliest first.
	Sources []Source `json:"sources"`
	// Reports is every event merged into the incident, as each article
	// coded it (with its evidence); only Incident(id) fills it.
	Reports   []Report  `json:"reports,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	ChangedAt time.Time `json:"changed_at"`
}

// ReconcileRule says, for users and the docs, how an incident's counts are
// reconciled from its reports.
const ReconcileRule = "best = the value of the latest report (tolls are revised upward as the wounded die and bodies are found); among reports of that day, the value most sources give, then the larger; min and max = the lowest and highest value any source gave"

// Source is an article that reports an incident.
type Source struct {
	ArticleID  int64      `json:"article_id"`
	ExternalID string     `json:"external_id,omitempty"`
	URL        string     `json:"url,omitempty"`
	Title      string     `json:"title"`
	Outlet     string     `json:"outlet,omitempty"` // the article's source (site name)
	Published  *time.Time `json:"published,omitempty"`
}

// Report is one article's event merged into an incident, with the values
// it gave, so disagreements can be shown side by side.
type Report struct {
	EventID int64  `json:"event_id"`
	Source  Source `json:"source"`
	// Event is the event as that article coded it, evidence included.
	Event extract.Event `json:"event"`
	// Score is how strongly the report matched the incident when merged;
	// 0 for the report that started it.
	Score float64 `json:"score"`
}

// IncidentFilter selects incidents. Zero fields do not filter.
type IncidentFilter struct {
	// From and To (YYYY-MM-DD, inclusive) keep incidents whose date range
	// overlaps [From, To]; incidents without a date never match.
	From, To string
	Country  string // ISO 3166-1 alpha-2
	Admin1   string
	// BBox keeps incidents with a point inside [west, south, east, north]
	// (degrees; west > east crosses the antimeridian).
	BBox *[4]float64
	// Actor keeps incidents with this actor in any role: a canonical
	// catalog name, or a name as the text gave it.
	Actor string
	// ActorRole keeps, of Actor's incidents, those where it holds this
	// role: ByPerpetrator ("perpetrator") or ByTarget ("target": a target
	// or a victim); "" any role. Only with Actor. An actor page counts the
	// targets of the actor's own acts with it (ByTarget under
	// ActorRole ByPerpetrator, from the actor_targets rollup).
	ActorRole string
	Type      string
	Subtype   string
	Certainty string
	// MinKilled keeps incidents whose best estimate of killed is at least
	// this.
	MinKilled int
	// Q keeps incidents reported by an article whose title or text contain
	// all its words (words only, as SearchArticles).
	Q         string
	ArticleID int64 // incidents this article reports
	// Sort is one of "date" (default: newest first), "-date" (oldest
	// first), "killed" (most first), "reports" (most first), "id".
	Sort   string
	Limit  int    // page size; default 100, at most 1000
	Cursor string // Next of the previous page
	// NoSources leaves each incident's Sources out, for a caller that
	// does not show them (the events page's map): reading them is a row
	// of incident_reports and of articles per source, on a cold file a
	// page read from disk each.
	NoSources bool
}

// IncidentPage is one page of QueryIncidents.
type IncidentPage struct {
	Incidents []Incident
	Next      string // cursor for the next page; "" after the last
}

// Bucket is one group of CountIncidents.
type Bucket struct {
	Keys      []string `json:"keys"` // one value per AggregateBy key asked for
	Incidents int      `json:"incidents"`
	Killed    int      `json:"killed"`  // sum of best estimates
	Wounded   int      `json:"wounded"` // sum of best estimates
}

// ActorCount is an actor with the incidents it takes part in.
type ActorCount struct {
	Name      string `json:"name"`
	Resolved  bool   `json:"resolved"` // a catalog actor, not only a name in the text
	Incidents int    `json:"incidents"`
	Killed    int    `json:"killed"`
	First     string `json:"first,omitempty"` // YYYY-MM-DD
	Last      string `json:"last,omitempty"`
}

// SimilarArticle is an article about the same incidents as another.
type SimilarArticle struct {
	Source
	// Shared is how many incidents the two articles both report.
	Shared int `json:"shared"`
	// NearDuplicate says the texts are copies (syndication), whatever
	// their incidents.
	NearDuplicate bool `json:"near_duplicate"`
}
