package eval

import (
	"math"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"snake_case and 42nd", []string{"snake_case", "and", "42nd"}},
		{"Взрыв в Москве — 137 погибших", []string{"Взрыв", "в", "Москве", "137", "погибших"}},
		{"naïve café", []string{"naïve", "café"}},
		{"中文 测试", []string{"中文", "测试"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreShingles(t *testing.T) {
	tests := []struct {
		name        string
		truth, pred string
		p, r        float64
		exact       bool
	}{
		{"identical", "one two three four five", "one two three four five", 1, 1, true},
		{"punctuation ignored", "one, two. three four five", "one two three four five", 1, 1, true},
		{"empty prediction", "one two three four five", "", 0, 0, false},
		{"extra boilerplate lowers precision", "a b c d e", "a b c d e x y z w v", 2.0 / 7, 1, false},
		{"short texts use one shingle", "a b", "a b", 1, 1, true},
		{"missing half", "a b c d e f g h", "a b c d", 1, 1.0 / 5, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := ScoreShingles(tt.truth, tt.pred)
			if !near(it.precision(), tt.p) || !near(it.recall(), tt.r) || it.Exact != tt.exact {
				t.Errorf("P=%v R=%v exact=%v, want P=%v R=%v exact=%v", it.precision(), it.recall(), it.Exact, tt.p, tt.r, tt.exact)
			}
		})
	}
}

func TestAggregateShingles(t *testing.T) {
	items := []ShingleItem{
		ScoreShingles("a b c d e", "a b c d e"),     // P 1, R 1
		ScoreShingles("a b c d e f g h", "a b c d"), // P 1, R 1/5
		ScoreShingles("", ""),                       // skipped for P and R
		ScoreShingles("a b c d e", "v w x y z"),     // P 0, R 0
	}
	got := AggregateShingles(items)
	wantP, wantR := 2.0/3, (1+0.2)/3
	if !near(got.P, wantP) || !near(got.R, wantR) {
		t.Fatalf("P=%v R=%v, want %v %v", got.P, got.R, wantP, wantR)
	}
	if wantF := 2 * wantP * wantR / (wantP + wantR); !near(got.F1, wantF) {
		t.Errorf("F1=%v, want %v (from mean P and mean R)", got.F1, wantF)
	}
	if !near(got.Accuracy, 2.0/4) {
		t.Errorf("accuracy=%v, want 0.5 (identical token lists, including the empty pair)", got.Accuracy)
	}
	std := Bootstrap(items, 200)
	if std.F1 <= 0 || std.F1 > 0.5 {
		t.Errorf("bootstrap std of F1 = %v, want a small positive number", std.F1)
	}
}

func TestScoreSnippets(t *testing.T) {
	out := "First  paragraph\u00a0of the story.\n\nSecond paragraph.\nShare this"
	c := ScoreSnippets(out,
		[]string{"paragraph of the story.", "Second paragraph.", "not there"},
		[]string{"Share this", "Newsletter"})
	want := SnippetCounts{TP: 2, FN: 1, FP: 1, TN: 1}
	if c != want {
		t.Fatalf("counts = %+v, want %+v", c, want)
	}
	s := c.Scores()
	if !near(s.P, 2.0/3) || !near(s.R, 2.0/3) || !near(s.F1, 4.0/6) || !near(s.Accuracy, 3.0/5) {
		t.Errorf("scores = %+v", s)
	}
}

func TestNormSpace(t *testing.T) {
	if got := NormSpace(" a\t\u00a0b\u2003c\x1dd \n"); got != "a b c d" {
		t.Errorf("NormSpace = %q", got)
	}
}
