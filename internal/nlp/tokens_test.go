package nlp

import (
	"strings"
	"testing"
)

// tokenString renders tokens as "text/kind" separated by spaces.
func tokenString(toks []Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text + "/" + t.Kind.String()[:1])
	}
	return b.String()
}

func TestTokens(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Rebels seized the town.", "Rebels/w seized/w the/w town/w ./p"},
		{"twenty-two pro-government fighters", "twenty-two/w pro-government/w fighters/w"},
		{"Don't blame O'Brien's men.", "Don't/w blame/w O'Brien's/w men/w ./p"},
		{"the army’s “final” offer", "the/w army’s/w “/p final/w ”/p offer/w"},
		{"'quoted' soldiers' kit", "'/p quoted/w '/p soldiers/w '/p kit/w"},
		{"1,200 troops, 3.5 tonnes, 12:04, 2,000,000", "1,200/n troops/w ,/p 3.5/n tonnes/w ,/p 12:04/n ,/p 2,000,000/n"},
		{"the 22nd brigade in the 1990s", "the/w 22nd/n brigade/w in/w the/w 1990s/n"},
		{"a 19-year-old, a 5km march, $5m", "a/w 19-year-old/w ,/p a/w 5km/w march/w ,/p $/s 5m/w"},
		{"133-143 dead", "133/n -/p 143/n dead/w"},
		{"F-16 jets and COVID-19", "F-16/w jets/w and/w COVID-19/w"},
		{"Gen. Ruiz of the U.S. Army at 9 a.m. in St. Kilda", "Gen./w Ruiz/w of/w the/w U.S./w Army/w at/w 9/n a.m./w in/w St./w Kilda/w"},
		{"George W. Bush", "George/w W./w Bush/w"},
		{"wait... what—no – 40% off", "wait/w .../p what/w —/p no/w –/p 40/n %/s off/w"},
		{"Москва и Київ", "Москва/w и/w Київ/w"},
		{"القدس 3", "القدس/w 3/n"},
		{"警方称三人", "警/w 方/w 称/w 三/w 人/w"},
		{"नमस्ते दुनिया", "नमस्ते/w दुनिया/w"},
		{"end. -- next", "end/w ./p --/p next/w"},
		{"👍 ok", "👍/s ok/w"},
	}
	for _, tt := range tests {
		got := tokenString(Tokens(tt.text, Span{0, len(tt.text)}))
		if got != tt.want {
			t.Errorf("Tokens(%q)\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

func TestTokensSpan(t *testing.T) {
	text := "First sentence. Second one here."
	spans := Sentences(text)
	if len(spans) != 2 {
		t.Fatalf("want 2 sentences, got %v", spans)
	}
	toks := Tokens(text, spans[1])
	if got := tokenString(toks); got != "Second/w one/w here/w ./p" {
		t.Errorf("got %s", got)
	}
	for _, tk := range toks {
		if text[tk.Start:tk.End] != tk.Text {
			t.Errorf("token %q does not match its offsets", tk.Text)
		}
	}
	// Spans outside the text, or cutting a rune, are clipped.
	for _, s := range []Span{{-5, 3}, {10, 1000}, {20, 10}, {1, 2}} {
		for _, tk := range Tokens("héllo wörld", s) {
			if tk.Start < 0 || tk.End > len("héllo wörld") || tk.Start >= tk.End {
				t.Errorf("Tokens(%v) gave bad token %+v", s, tk)
			}
		}
	}
}
