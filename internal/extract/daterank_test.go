package extract

import (
	"strings"
	"testing"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/nlp"
)

func TestParseDateWeights(t *testing.T) {
	tests := []struct {
		name, text string
		wantErr    string
		want       map[string]float64
	}{
		{"two weights", "# c\n[weights]\nmain_date 1.5\nstamp -0.25\n", "", map[string]float64{"main_date": 1.5, "stamp": -0.25}},
		{"empty file", "", "", map[string]float64{}},
		{"outside the section", "main_date 1\n", "outside [weights]", nil},
		{"unknown feature", "[weights]\nmoon_phase 1\n", "unknown feature", nil},
		{"no weight", "[weights]\nmain_date\n", "want a feature and a weight", nil},
		{"not a number", "[weights]\nmain_date high\n", "bad weight", nil},
		{"not finite", "[weights]\nmain_date NaN\n", "bad weight", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := ParseDateWeights(tt.text)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, name := range DateFeatureNames() {
				if w[i] != tt.want[name] {
					t.Errorf("%s = %v, want %v", name, w[i], tt.want[name])
				}
			}
		})
	}
}

// TestDateWeightsRoundTrip checks that the trainer's output reads back and
// that the committed weights name every feature.
func TestDateWeightsRoundTrip(t *testing.T) {
	w := make([]float64, len(DateFeatureNames()))
	for i := range w {
		w[i] = float64(i) / 8
	}
	got, err := ParseDateWeights(FormatDateWeights(w, "a header\nof two lines"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range w {
		if got[i] != w[i] {
			t.Errorf("%s: %v, want %v", DateFeatureNames()[i], got[i], w[i])
		}
	}
	for _, name := range DateFeatureNames() {
		if !strings.Contains(dateWeightsText, "\n"+name+" ") {
			t.Errorf("rules/date_weights.txt has no weight for %s: rerun tools/datetrain --write", name)
		}
	}
}

// TestDateChoicesCandidates checks which days the ranker is offered, by
// the features that mark the candidates the text does not write as such:
// the day before a clock time read as the article's day, and a day the
// careful rule refuses but a sentence about violence tells.
func TestDateChoicesCandidates(t *testing.T) {
	pub := time.Date(2016, 7, 21, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		want       []string // day and the marking features, "2016-07-20 day_before day_before_evening"
	}{
		{"evening clock time", "A man was shot and wounded outside a bar on Elm Street in Dalmera, police said.\n\nOfficers were called to the bar around 11:40 p.m. and found him on the sidewalk.",
			[]string{"2016-07-21", "2016-07-20 day_before day_before_evening"}},
		{"morning clock time", "A man was shot and wounded outside a bar on Elm Street in Dalmera, police said.\n\nOfficers were called to the bar around 9:15 a.m. and found him on the sidewalk.",
			[]string{"2016-07-21", "2016-07-20 day_before"}},
		{"a weekday is not shifted", "A man was shot and wounded outside a bar on Elm Street in Dalmera on Thursday, police said.",
			[]string{"2016-07-21"}},
		{"an old day beside violence", "A man was shot and killed outside a bar on Elm Street in Dalmera, police said.\n\nPhoto: the bar.\n\nShare.\n\nSubscribe.\n\nA second shooting there, on April 2, left a woman wounded.",
			[]string{"2016-04-02 loose"}},
		{"an old day beside a hearing", "A man was shot and wounded outside a bar on Elm Street in Dalmera last week, police said.\n\nThe bar's licence was renewed on April 2.",
			nil},
		{"a recent day outside the rough date, where the police were called", "A man was shot and wounded outside a bar on Elm Street in Dalmera last week, police said.\n\nDeputies were called back to the bar around 11:40 p.m. Tuesday.",
			nil},
		{"a recent day far down, where the police were called", "Photo: the bar.\n\nVideo.\n\nShare.\n\nSubscribe.\n\nDeputies were called to the bar around 11:40 p.m. Tuesday.\n\nA man was shot and wounded outside a bar on Elm Street in Dalmera, police said.",
			[]string{"2016-07-19 stray"}},
		{"a recent day far down, no call", "Photo: the bar.\n\nVideo.\n\nShare.\n\nSubscribe.\n\nThe mayor toured the bar Tuesday.\n\nA man was shot and wounded outside a bar on Elm Street in Dalmera, police said.",
			nil},
		{"an old day where the police were called", "A man was shot and wounded outside a bar on Elm Street in Dalmera, police said.\n\nDeputies responded to the bar on April 2.",
			[]string{"2016-04-02 stray"}},
		{"an old day, no violence, no call", "A man was shot and wounded outside a bar on Elm Street in Dalmera, police said.\n\nThe bar opened on April 2.",
			nil},
		{"a bare weekday six days back", "A man was shot and wounded outside a bar on Elm Street in Dalmera on Wednesday, police said.\n\nHis brother visited him in hospital Friday.",
			[]string{"2016-07-20", "2016-07-15 weekday_delta6"}},
		{"a calendar day six days back", "A man was shot and wounded outside a bar on Elm Street in Dalmera on Wednesday, police said.\n\nHis brother had seen him on July 15.",
			[]string{"2016-07-20", "2016-07-15"}},
		{"overnight with no day: both nights", "A man was shot and wounded overnight outside a bar on Elm Street in Dalmera, police said.",
			[]string{"2016-07-21 overnight", "2016-07-20 overnight overnight_before"}},
		{"overnight beside a weekday is that weekday", "A man was shot and wounded overnight Tuesday outside a bar on Elm Street in Dalmera, police said.",
			[]string{"2016-07-19"}},
		{"overnight of no incident", "A man was shot and wounded outside a bar on Elm Street in Dalmera, police said.\n\nHis sister stayed overnight at the motel.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, _ := DateChoices(article.Article{Published: pub, Text: tt.text}, Options{})
			var got []string
			for _, c := range cs {
				g := c.Date.Start
				for _, f := range []string{"day_before", "day_before_evening", "loose", "stray", "weekday_delta6", "overnight", "overnight_before"} {
					if c.Features[dateFeatureIndex()[f]] != 0 {
						g += " " + f
					}
				}
				got = append(got, g)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("candidates = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestViolenceCues checks that a sentence naming the crime or its marks,
// not only the shooting, counts as a sentence about violence.
func TestViolenceCues(t *testing.T) {
	tests := []struct {
		sentence string
		want     bool
	}{
		{"Detectives matched the bullet to a case on Oak Lane.", true},
		{"He is charged in the April 2 homicide on Oak Lane.", true},
		{"The teenager's death was ruled accidental.", true},
		{"Two men were fatally wounded near the depot.", true},
		{"The council approved the park budget on Tuesday.", false},
		{"A judge lowered his bail at the hearing.", false},
	}
	for _, tt := range tests {
		if got := hasCue(lowerWords(tt.sentence), dateCues()["violence_cues"]); got != tt.want {
			t.Errorf("violence cue in %q = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

func TestBestDateDayMass(t *testing.T) {
	// One feature; weights 1. Day A told twice at score 1, day B once at
	// 1.5: A holds 2e against e^1.5, so A wins, by its better telling.
	day := func(s string) *Date { return &Date{Start: s, End: s, Precision: "day"} }
	w := make([]float64, len(dateFeatures))
	w[0] = 1
	x := func(v float64) []float64 {
		f := make([]float64, len(dateFeatures))
		f[0] = v
		return f
	}
	cs := []DateChoice{
		{Date: day("2031-05-02"), Features: x(1.5)},
		{Date: day("2031-05-01"), Features: x(0.9)},
		{Date: day("2031-05-01"), Features: x(1)},
	}
	if got := BestDate(cs, w); got != 2 {
		t.Errorf("BestDate = %d, want 2 (the day told twice, its higher telling)", got)
	}
	if got := BestDate(cs[:1], w); got != 0 {
		t.Errorf("one candidate: BestDate = %d, want 0", got)
	}
	if got := BestDate(nil, w); got != -1 {
		t.Errorf("no candidates: BestDate = %d, want -1", got)
	}
}

func TestClauseWords(t *testing.T) {
	tests := []struct{ text, expr, want string }{
		{"Deputies were searching for the driver Tuesday after he shot a clerk.", "Tuesday", "deputies were searching for the driver"},
		{"The clerk was shot Monday night, deputies said.", "Monday night", "the clerk was shot"},
		{"He was arraigned Friday and remains in jail.", "Friday", "he was arraigned"},
		{"Police said the shooting happened when a fight broke out Sunday.", "Sunday", "a fight broke out"},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.expr)
		got := strings.Join(clauseWords(tt.text, nlp.Span{Start: 0, End: len(tt.text)}, i, i+len(tt.expr)), " ")
		if got != tt.want {
			t.Errorf("%q around %q: %q, want %q", tt.text, tt.expr, got, tt.want)
		}
	}
}
