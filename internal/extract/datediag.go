package extract

import (
	"time"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
)

// DateDiagnosis is what `go run ./tools/datetrain --dump` needs to sort
// the main event's date misses into causes: the events, the day
// expressions the text writes (the ranker's candidates among them) and the
// anchor they were resolved against.
type DateDiagnosis struct {
	Events      int
	MainType    string
	MainSubtype string
	MainViolent bool
	Date        *Date // the main event's date, as Extract gives it
	Anchor      time.Time
	Days        []DiagDay
	Choices     []DateChoice
}

// DiagDay is one day-precision expression of the text.
type DiagDay struct {
	Date     *Date
	Para     int
	Sentence string
	Report   bool
}

// DiagnoseDate extracts a as Extract does and describes its dates.
func DiagnoseDate(a article.Article, opt Options) DateDiagnosis {
	res, cs := extract(a, opt, dateWeights())
	d := DateDiagnosis{Events: len(res.Events), Choices: cs, Anchor: Anchor(a, opt.Published)}
	if len(res.Events) > 0 {
		e := res.Events[0]
		d.MainType, d.MainSubtype, d.MainViolent, d.Date = e.Type, e.Subtype, violent[e.Type], e.Date
	}
	if a.Text == "" || d.Anchor.IsZero() {
		return d
	}
	sents := nlp.Sentences(a.Text)
	paras := paragraphIndex(a.Text, sents)
	idx := sentenceDates(a.Text, sents, paras, d.Anchor)
	for _, x := range idx.days {
		s := sents[x.sent]
		d.Days = append(d.Days, DiagDay{Date: x.date, Para: paras[x.sent], Sentence: a.Text[s.Start:s.End], Report: x.report})
	}
	return d
}
