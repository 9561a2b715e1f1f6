package article

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSplitTextParagraphs(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"blank lines", "Title\n\nFirst para\ncontinues.\n\n\nSecond.", []string{"Title", "First para continues.", "Second."}},
		{"crlf", "Title\r\n\r\nBody.\r\n", []string{"Title", "Body."}},
		{"no blank lines: one per line", "Title\nUpdated 27 March 2024\nFirst paragraph.\nSecond paragraph.", []string{"Title", "Updated 27 March 2024", "First paragraph.", "Second paragraph."}},
		{
			"no blank lines, hard-wrapped",
			"Militants attack police post in the north\n" +
				"Gunmen stormed a police post in the early hours of Sunday,\n" +
				"killing two officers and wounding three, a spokesman said on\n" +
				"Sunday.\n" +
				"The attack was the third this month in the province, where\n" +
				"insurgents have stepped up raids on security forces since the\n" +
				"spring.\n",
			[]string{
				"Militants attack police post in the north",
				"Gunmen stormed a police post in the early hours of Sunday, killing two officers and wounding three, a spokesman said on Sunday.",
				"The attack was the third this month in the province, where insurgents have stepped up raids on security forces since the spring.",
			},
		},
		{"headline over date line in one block", "Militants attack police post\nUpdated 27 March 2024\n\nBody text here.", []string{"Militants attack police post", "Updated 27 March 2024", "Body text here."}},
		{"empty", "\n \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := splitTextParagraphs(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReadText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Article
	}{
		{
			name: "headline, standfirst, date line, caption, dateline, trailer",
			in: "Gunmen kill six at wedding in northern village\n\n" +
				"The attack, blamed on bandits, is the deadliest in the state this year and comes days after a peace deal was signed.\n\n" +
				"Updated 14 June 2024, 18:20 GMT\n\n" +
				"Pictures from the village\n\n" +
				"KADUNA, Nigeria (Reuters) - Gunmen on motorcycles killed six guests at a wedding on Thursday night, police said.\n\n" +
				"A police spokesman said officers had been deployed to the village.\n\n" +
				"Tags: Nigeria, Kaduna\n\nSimilar News\n\nOpinion: Why the peace deals keep failing",
			want: Article{
				Title:    "Gunmen kill six at wedding in northern village",
				Subtitle: "The attack, blamed on bandits, is the deadliest in the state this year and comes days after a peace deal was signed.",
				Dateline: "KADUNA, Nigeria",
				Updated:  time.Date(2024, 6, 14, 18, 20, 0, 0, time.UTC),
				Language: "en",
				Tags:     []string{"Nigeria", "Kaduna"},
				Text: "Gunmen on motorcycles killed six guests at a wedding on Thursday night, police said.\n\n" +
					"A police spokesman said officers had been deployed to the village.",
			},
		},
		{
			name: "no standfirst without furniture after it",
			in: "Explosion at fuel depot\n\n" +
				"An explosion at a fuel depot on the outskirts of the city killed two workers on Monday, officials said.\n\n" +
				"The cause of the blast was not immediately known.",
			want: Article{
				Title:    "Explosion at fuel depot",
				Language: "en",
				Text: "An explosion at a fuel depot on the outskirts of the city killed two workers on Monday, officials said.\n\n" +
					"The cause of the blast was not immediately known.",
			},
		},
		{
			name: "first line is a sentence, not a headline",
			in:   "Police said two men were arrested on Friday.\n\nThey were charged on Saturday.",
			want: Article{Language: "en", Text: "Police said two men were arrested on Friday.\n\nThey were charged on Saturday."},
		},
		{
			name: "byline and published line",
			in: "Anschlag auf Polizeiwache in Köln\n\nVon Max Muster\n\nVeröffentlicht am 03.04.2024, 09:15 Uhr MESZ\n\n" +
				"KÖLN: Unbekannte haben in der Nacht einen Brandsatz auf eine Polizeiwache geworfen, teilte die Polizei mit.\n\n" +
				"Verletzt wurde niemand.\n\nSchlagwörter: Köln, Polizei\n\n© 2024 Rheinische Nachrichten",
			want: Article{
				Title: "Anschlag auf Polizeiwache in Köln", Byline: "Max Muster", Dateline: "KÖLN",
				Published: time.Date(2024, 4, 3, 7, 15, 0, 0, time.UTC),
				Language:  "de",
				Tags:      []string{"Köln", "Polizei"},
				Text:      "Unbekannte haben in der Nacht einen Brandsatz auf eine Polizeiwache geworfen, teilte die Polizei mit.\n\nVerletzt wurde niemand.",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readText(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// seedPath is the project's seed article, kept outside the repository.
var seedPath = filepath.Join("..", "..", "..", "shared", "seed", "000_6e64fbcfa3112358.txt")

// TestSeedArticle checks the seed article: a plain-text page with a
// standfirst, an "Update:" line, a caption, a "MOSCOW:" dateline and a
// "Tags: / Similar News / teaser" trailer.
func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Skipf("seed article not available (%v); it lives in ../shared beside the repository", err)
	}
	a, err := Read(seedPath, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Terror strikes: Why ISIS Attacked Russia – and Why Russia Blames Ukraine"; a.Title != want {
		t.Errorf("Title = %q, want %q", a.Title, want)
	}
	if want := time.Date(2024, 3, 27, 1, 30, 0, 0, time.UTC); !a.Updated.Equal(want) {
		t.Errorf("Updated = %v, want %v", a.Updated, want)
	}
	if a.Dateline != "MOSCOW" {
		t.Errorf("Dateline = %q, want MOSCOW", a.Dateline)
	}
	if a.Language != "en" {
		t.Errorf("Language = %q, want en", a.Language)
	}
	if a.Subtitle == "" || strings.Contains(a.Text, a.Subtitle) {
		t.Errorf("standfirst not moved to Subtitle: %q", a.Subtitle)
	}
	for _, bad := range []string{"Visuals from the Spot", "Tags:", "Similar News", "Editorial:", "Update:", "MOSCOW:"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("body contains %q", bad)
		}
	}
	if !strings.HasPrefix(a.Text, "The terrorist attack") {
		t.Errorf("body starts %.40q, want the first story paragraph without its dateline", a.Text)
	}
	if ps := a.Paragraphs(); len(ps) < 10 || !strings.HasSuffix(ps[len(ps)-1], "enduring and expanding.") {
		t.Errorf("body has %d paragraphs or lost its last one", len(ps))
	}
}
