package export

import (
	"bufio"
	"encoding/json"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// jsonlRow is one line of the jsonl format: the incident's reconciled
// event fields inline, with its id and the articles that report it.
type jsonlRow struct {
	ID int64 `json:"id"`
	extract.Event
	// Evidence shadows the event's: evidence belongs to each report, and
	// an incident's is always empty, so the line leaves it out.
	Evidence *struct{}      `json:"evidence,omitempty"`
	Reports  int            `json:"reports"`
	Articles []string       `json:"articles"`
	Sources  []store.Source `json:"sources"`
	Created  time.Time      `json:"created_at"`
	Changed  time.Time      `json:"changed_at"`
}

type jsonlEncoder struct {
	w  *bufio.Writer
	st *Stats
}

func (e *jsonlEncoder) begin() error { return nil }
func (e *jsonlEncoder) end() error   { return nil }

func (e *jsonlEncoder) write(inc *store.Incident) error {
	row := jsonlRow{ID: inc.ID, Event: inc.Event, Reports: len(inc.Sources), Articles: make([]string, len(inc.Sources)),
		Sources: inc.Sources, Created: inc.CreatedAt.UTC(), Changed: inc.ChangedAt.UTC()}
	for i, s := range inc.Sources {
		row.Articles[i] = articleRef(s)
	}
	if row.Sources == nil {
		row.Sources = []store.Source{}
	}
	b, err := json.Marshal(row)
	if err != nil {
		return err
	}
	e.w.Write(b)
	e.st.Incidents++
	return e.w.WriteByte('\n')
}
