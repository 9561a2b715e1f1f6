package nlp

import (
	"strings"
	"testing"
)

// TestDataParse fails when a data file has a syntax error, which lex()
// would otherwise turn into a panic at first use.
func TestDataParse(t *testing.T) {
	l, err := parseLexicon()
	if err != nil {
		t.Fatal(err)
	}
	for name, n := range map[string]int{
		"titles": len(l.titles), "ending": len(l.endingAbbr), "starters": len(l.starters),
		"units": len(l.units), "scales": len(l.scales), "vague": len(l.vague),
		"plural-scales": len(l.pluralScales), "modifiers": len(l.modifiers),
		"persons": len(l.persons), "stop": len(l.stop), "months": len(l.months),
	} {
		if n == 0 {
			t.Errorf("data section %s is empty", name)
		}
	}
	for _, w := range []string{"soldier", "soldiers", "men", "casualties", "witnesses", "afghans", "personnel", "crew"} {
		if _, ok := l.persons[w]; !ok {
			t.Errorf("person noun %q missing", w)
		}
	}
	if l.persons["police"] || l.persons["crew"] {
		t.Error(`"police" and "crew" must be plural only, or "a police" would count one`)
	}
}

// sentenceTexts returns the sentences of text as strings.
func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	// The texts are invented news copy; "|" marks where sentences must
	// break and is removed before splitting (with the spaces around it
	// kept in the text).
	tests := []struct {
		name string
		text string
	}{
		{"plain", "Shelling hit the market on Tuesday.| Three stalls burned.| Nobody was hurt."},
		{"titles", "Gen. Mara Okafor met Lt. Col. Ivan Dresch and Sgt. Pia Lund in the valley.| Dr. Hamid Zaki treated the wounded."},
		{"dotted acronyms inside", "The U.S. Army and the U.N. mission in Kandar denied it.| A statement followed."},
		{"acronym at sentence end", "The drones were bought from the U.S.| The sale was approved in March."},
		{"initials", "Former President George W. Bush and J. R. Hartley spoke at the rally.| Crowds cheered."},
		{"decimals", "The quake measured 5.8 and lasted 3.5 seconds.| Aftershocks of 4.1 followed."},
		{"months", "The ceasefire began on Jan. 12 and ended on Sept. 3.| Fighting resumed at dawn."},
		{"clock", "The curfew starts at 9 p.m. on weekdays.| It ends at 6 a.m.| The army enforces it."},
		{"clock before opener", "Sirens sounded at 4 a.m.| The streets emptied."},
		{"clock before any capital", "The raid began at 6 a.m.| Rescuers arrived at 9 a.m. Monday and left at 5 p.m. GMT.| Crowds, flags, etc.| Police watched."},
		{"company", "Vantar Logistics Inc. lost two trucks.| Orrin Shipping Co. lost none."},
		{"e.g. and vs.", "Light arms, e.g. rifles and pistols, were seized vs. heavy arms last year.| Both were destroyed."},
		{"number abbreviation", "Police sealed No. 14 Garrison Road.| He said no.| Then he left."},
		{"quote after period", `"We will not leave," the mayor said.| "This is our town."| The crowd applauded.`},
		{"quote question", `"Who fired first?" she asked.| "We did not," he replied.`},
		{"curly quotes", "“They came at night.”| Villagers said the raid lasted an hour."},
		{"bracket after period", "The road was closed (police cited a bomb threat.)| It reopened at noon."},
		{"exclamation", "Get down!| The second blast shook the hall."},
		{"ellipsis", "The radio went silent...| Then the shooting began."},
		{"ellipsis mid-sentence", "He said the convoy was... delayed by rain."},
		{"unicode ellipsis", "Nothing moved…| Then the drones returned."},
		{"paragraph without period", "Heavy fighting in the north\n\n| Troops advanced on Sunday."},
		{"paragraph breaks", "First paragraph ends here.\n\n| Second paragraph has no stop\n\n| Third one."},
		{"bullets", "The demands were:\n| - release of prisoners\n| - an end to raids\n| 1. Talks in Geneva\n| 2) Monitors on the ground"},
		{"numbered item period", "1. Evacuate the district.| 2. Open the crossing."},
		{"US dateline", "NASHVILLE, Tenn. (AP) — Two men were shot.| KANSAS CITY, Mo. — A teen died."},
		{"address at sentence end", "Officers were called to a flat on Harlow Ave.| Officers found two men.| One lived on Dock St.| That was in St. Louis."},
		{"street abbreviation", "The blast hit St. Brendan's church on Main St. in the old town.| Two died."},
		{"lower case after abbreviation", "The ambassador to the U.N. said talks were over."},
		{"CJK", "警方称。| 三人受伤！| 为什么？"},
		{"non-Latin after period", "Вчера был обстрел.| Погибли двое."},
		{"lower-cased text", "the army denied it on 2 feb.| a report said 3 people died at 9 a.m. monday.| gen. ruiz agreed."},
		{"line break inside paragraph", "The minister said\nthe talks would resume.| Nobody believed her."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.ReplaceAll(tt.text, "|", "")
			var want []string
			for _, w := range strings.Split(tt.text, "|") {
				want = append(want, strings.TrimSpace(w))
			}
			got := sentenceTexts(text)
			if strings.Join(got, "\x00") != strings.Join(want, "\x00") {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", text, got, want)
			}
			checkSpans(t, text, Sentences(text))
		})
	}
}

// checkSpans asserts the invariants every splitter result keeps: spans
// inside the text, non-empty, ordered, apart, on rune boundaries, and
// trimmed.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	prev := 0
	for _, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("bad span %v after %d in text of %d bytes", s, prev, len(text))
		}
		got := text[s.Start:s.End]
		if strings.TrimSpace(got) != got && strings.ToValidUTF8(got, "") == got {
			t.Fatalf("span %v not trimmed: %q", s, got)
		}
		prev = s.End
	}
}

func TestSentencesEmpty(t *testing.T) {
	for _, text := range []string{"", " ", "\n\n\n", "\t \n"} {
		if got := Sentences(text); len(got) != 0 {
			t.Errorf("Sentences(%q) = %v, want none", text, got)
		}
	}
}

func TestSpanText(t *testing.T) {
	if got := (Span{2, 5}).Text("abcdefg"); got != "cde" {
		t.Errorf("got %q", got)
	}
	for _, s := range []Span{{-1, 2}, {3, 2}, {0, 99}} {
		if got := s.Text("abc"); got != "" {
			t.Errorf("%v.Text = %q, want empty", s, got)
		}
	}
}

// TestSentencesCapped: text with no stops is cut into spans of at most
// about maxSentence bytes, at spaces, covering every word once.
func TestSentencesCapped(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"one long line of words", strings.Repeat("word ", 5000)},
		{"a list with no stops", strings.Repeat("Kessin Dalmera Norland ", 1000) + "end."},
		{"long words", strings.Repeat(strings.Repeat("x", 100)+" ", 300)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans := Sentences(tt.text)
			if len(spans) < 2 {
				t.Fatalf("got %d spans, want the text cut", len(spans))
			}
			words := 0
			for _, s := range spans {
				if s.End-s.Start > maxSentence+128 {
					t.Errorf("span of %d bytes, want at most about %d", s.End-s.Start, maxSentence)
				}
				words += len(strings.Fields(tt.text[s.Start:s.End]))
			}
			if want := len(strings.Fields(tt.text)); words != want {
				t.Errorf("spans cover %d words, want %d", words, want)
			}
		})
	}
}

func TestCaseless(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"gunmen shot two farmers near the village of dalmera on tuesday, the army said.", true},
		{"GUNMEN SHOT TWO FARMERS NEAR THE VILLAGE OF DALMERA ON TUESDAY, THE ARMY SAID.", true},
		{"Gunmen shot two farmers near the village of Dalmera on Tuesday, the army said.", false},
		{"gunmen shot two farmers near the village of dalmera on tuesday, the Army said.", false},
		{"a short line", false}, // too few letters to tell
		{"ÉLITE TROOPS ENTERED SÃO TOMÉ AT DAWN AND FIRED ON THE CROWD", true},
		{"المسلحون هاجموا القرية ليلا وقتلوا ثلاثة", false}, // no cased letters
	} {
		if got := Caseless(tc.text); got != tc.want {
			t.Errorf("Caseless(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
