package article

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

func parseHTML(t testing.TB, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestReadMeta(t *testing.T) {
	tests := []struct {
		name string
		page string
		want Article // only non-zero fields are compared, plus Text is ignored
		zero []string
	}{
		{
			name: "opengraph",
			page: `<html lang="en-GB"><head><title>Blast hits market in Kandahar | The Daily Planet</title>
<meta property="og:title" content="Blast hits market in Kandahar | The Daily Planet">
<meta property="og:site_name" content="The Daily Planet">
<meta property="og:url" content="https://planet.example/world/kandahar-blast">
<meta property="article:published_time" content="2024-05-02T09:15:00+04:30">
<meta property="article:modified_time" content="2024-05-02T11:00:00+04:30">
<meta property="article:tag" content="Afghanistan"><meta property="article:tag" content="Terrorism">
<meta name="keywords" content="afghanistan, Kandahar,  bombing ">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="/world/kandahar-blast">
</head><body><h1>Blast hits market in Kandahar</h1><article><p>Text.</p></article></body></html>`,
			want: Article{
				Title: "Blast hits market in Kandahar", Byline: "Jane Doe", Language: "en",
				Published: time.Date(2024, 5, 2, 4, 45, 0, 0, time.UTC),
				Updated:   time.Date(2024, 5, 2, 6, 30, 0, 0, time.UTC),
				Tags:      []string{"Afghanistan", "Terrorism", "Kandahar", "bombing"},
				URL:       "https://planet.example/world/kandahar-blast",
			},
		},
		{
			name: "json-ld graph",
			page: `<html><head><title>Explosion near ministry - Kabul Times</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Kabul Times","url":"https://kabultimes.example/"},
 {"@type":"WebPage","@id":"https://kabultimes.example/a/1","datePublished":"2020-01-01T00:00:00Z"},
 {"@type":["NewsArticle"],"headline":"Explosion near ministry kills four","datePublished":"2024-06-10T08:00:00+04:30",
  "dateModified":"2024-06-10T10:30:00+04:30","author":[{"@type":"Person","name":"Ahmad Karimi"},{"@type":"Person","name":"Sara Noor"}],
  "keywords":["Kabul","Security"],"mainEntityOfPage":{"@id":"https://kabultimes.example/a/1"},"inLanguage":"en-US"}]}</script>
</head><body><article><h1>Explosion near ministry kills four</h1><p>x</p></article></body></html>`,
			want: Article{
				Title: "Explosion near ministry kills four", Byline: "Ahmad Karimi, Sara Noor", Language: "en",
				Published: time.Date(2024, 6, 10, 3, 30, 0, 0, time.UTC),
				Updated:   time.Date(2024, 6, 10, 6, 0, 0, 0, time.UTC),
				Tags:      []string{"Kabul", "Security"},
				URL:       "https://kabultimes.example/a/1",
			},
		},
		{
			name: "broken json-ld and byline element",
			page: `<html><head><title>Gunmen attack checkpoint – Northern Courier</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Gunmen attack checkpoint
in the north","datePublished":"2023-11-05",}</script></head>
<body><nav><span class="author">Nav Person</span></nav><article><h1>Gunmen attack checkpoint</h1>
<p class="article__standfirst">Three soldiers were wounded in the overnight raid, the army said.</p>
<div class="c-byline">By <a rel="author" href="/p/1">Musa Bello</a> | 5 November 2023</div>
<p>ABUJA (Reuters) - Gunmen attacked...</p></article></body></html>`,
			want: Article{
				Title:     "Gunmen attack checkpoint in the north",
				Subtitle:  "Three soldiers were wounded in the overnight raid, the army said.",
				Byline:    "Musa Bello",
				Published: time.Date(2023, 11, 5, 0, 0, 0, 0, time.UTC),
			},
		},
		{
			name: "time element and microdata",
			page: `<html lang="de"><head><title>Anschlag in Solingen</title></head><body>
<header><time datetime="2000-01-01">Heute</time></header>
<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">Anschlag auf Stadtfest</h1>
<span itemprop="author">Von Max Muster</span>
<time itemprop="datePublished" datetime="2024-08-24T10:00:00+02:00">24.08.2024</time>
<time class="updated" datetime="2024-08-24T18:00:00+02:00">18:00</time>
</div><p>Text.</p></body></html>`,
			want: Article{
				Title: "Anschlag auf Stadtfest", Byline: "Max Muster", Language: "de",
				Published: time.Date(2024, 8, 24, 8, 0, 0, 0, time.UTC),
				Updated:   time.Date(2024, 8, 24, 16, 0, 0, 0, time.UTC),
			},
		},
		{
			name: "description that is the lede is no standfirst",
			page: `<html><head><meta name="description" content="Police in Lyon said on Tuesday that two men had been arrested after the shooting.">
<meta property="og:url" content="ftp://example.org/x"></head>
<body><h1>Two arrested after Lyon shooting</h1><p>Police in Lyon said on Tuesday that two men had been arrested after the shooting. More text follows.</p></body></html>`,
			want: Article{Title: "Two arrested after Lyon shooting"},
			zero: []string{"Subtitle", "URL"},
		},
		{
			name: "description as standfirst",
			page: `<html><head><meta property="og:description" content="The government blamed separatists for the attack, the third this month.">
<meta name="description" content="The government blamed separatists for the attack, the third this month."></head>
<body><h1>Train bombed in Balochistan</h1><p>QUETTA: A bomb exploded on a passenger train on Friday.</p></body></html>`,
			want: Article{Title: "Train bombed in Balochistan", Subtitle: "The government blamed separatists for the attack, the third this month."},
		},
		{
			name: "author urls are no bylines",
			page: `<html><head><meta property="article:author" content="https://facebook.com/someone">
<meta property="og:title" content="Protest turns violent"></head><body><p>x</p></body></html>`,
			want: Article{Title: "Protest turns violent"},
			zero: []string{"Byline"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := parseHTML(t, tt.page)
			before := renderHTML(t, doc)
			got := readMeta(doc)
			if after := renderHTML(t, doc); after != before {
				t.Fatal("readMeta modified the document")
			}
			w, g := reflect.ValueOf(tt.want), reflect.ValueOf(got)
			for i := 0; i < w.NumField(); i++ {
				name := w.Type().Field(i).Name
				if w.Field(i).IsZero() || name == "Text" {
					continue
				}
				if !reflect.DeepEqual(w.Field(i).Interface(), g.Field(i).Interface()) {
					t.Errorf("%s = %#v, want %#v", name, g.Field(i).Interface(), w.Field(i).Interface())
				}
			}
			for _, name := range tt.zero {
				if f := g.FieldByName(name); !f.IsZero() {
					t.Errorf("%s = %#v, want empty", name, f.Interface())
				}
			}
		})
	}
}

func renderHTML(t testing.TB, n *html.Node) string {
	var b strings.Builder
	if err := html.Render(&b, n); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, site, host, h1, want string }{
		{"Blast in Kabul | The Daily Planet", "", "", "", "Blast in Kabul"},
		{"Blast in Kabul - Planet News", "Planet News", "", "", "Blast in Kabul"},
		{"Blast in Kabul - Planet News", "", "www.planetnews.example", "", "Blast in Kabul"},
		{"Blast in Kabul – reuters.com", "", "", "", "Blast in Kabul"},
		{"Planet News | Blast in Kabul", "Planet News", "", "", "Blast in Kabul"},
		{"Blast in Kabul - what we know", "", "", "", "Blast in Kabul - what we know"},
		{"Blast in Kabul - World - Planet", "", "", "Blast in Kabul", "Blast in Kabul"},
		{"Port blast: Why the Front Struck Dalmera – and Why Dalmera Blames Its Neighbour", "", "", "", "Port blast: Why the Front Struck Dalmera – and Why Dalmera Blames Its Neighbour"},
	}
	for _, tt := range tests {
		if got := cleanTitle(tt.in, tt.site, tt.host, tt.h1); got != tt.want {
			t.Errorf("cleanTitle(%q, %q, %q, %q) = %q, want %q", tt.in, tt.site, tt.host, tt.h1, got, tt.want)
		}
	}
}

func TestCutDateline(t *testing.T) {
	tests := []struct{ in, place, rest string }{
		{"MOSCOW: The attack came without warning.", "MOSCOW", "The attack came without warning."},
		{"MOSCOW — The attack came without warning.", "MOSCOW", "The attack came without warning."},
		{"KYIV, Ukraine (Reuters) - Russian drones struck the city.", "KYIV, Ukraine", "Russian drones struck the city."},
		{"LONDON (AP) — Police said two men were arrested.", "LONDON", "Police said two men were arrested."},
		{"Kabul, Aug 26 (Reuters) - Two blasts hit the airport.", "Kabul", "Two blasts hit the airport."},
		{"RIO DE JANEIRO (AFP) - Gunmen opened fire.", "RIO DE JANEIRO", "Gunmen opened fire."},
		{"WASHINGTON, D.C. -- The FBI said on Monday...", "WASHINGTON, D.C.", "The FBI said on Monday..."},
		{"ST. PETERSBURG, Russia, March 22 (Reuters) – A blast hit a cafe.", "ST. PETERSBURG, Russia", "A blast hit a cafe."},
		{"LOUISVILLE, KY (WAVE) - Police have charged a suspect.", "LOUISVILLE, KY", "Police have charged a suspect."},
		{"McKEES ROCKS (KDKA) — Police are investigating.", "McKEES ROCKS", "Police are investigating."},
		{"RICHMOND, Ind. (April 11, 2014) – Four men were wounded.", "RICHMOND, Ind.", "Four men were wounded."},
		{"CLEVELAND-- Two people were shot.", "CLEVELAND", "Two people were shot."},
		{"CLIFTON, Colo. - A 15-year-old was killed.", "CLIFTON, Colo.", "A 15-year-old was killed."},
		{"DALMER COUNTY, Ky. (WXYZ 12) -- Deputies found a car in a ditch.", "DALMER COUNTY, Ky.", "Deputies found a car in a ditch."},
		{"NORVALE (CBSNorvale) — Two cousins were hurt on Friday.", "NORVALE", "Two cousins were hurt on Friday."},
		{"DALMER, Ala. (AP) Deputies say a boy was hurt at a home.", "DALMER, Ala.", "Deputies say a boy was hurt at a home."},
		// Not datelines.
		{"Dalmer (pictured) Deputies say a boy was hurt.", "", ""},
		{"Norvale (WXYZ 12) Deputies say a boy was hurt.", "", ""},
		{"BREAKING: Explosion reported in the capital.", "", ""},
		{"Moscow: the city where nothing is what it seems.", "", ""},
		{"Putin — who has ruled since 2000 — said nothing.", "", ""},
		{"However, Russia — unlike Ukraine — has not responded.", "", ""},
		{"The attack began at 10:30 local time, police said.", "", ""},
		{"(Reuters) - Two blasts hit the airport.", "", ""},
		{"Kabul (Unknown) - Two blasts hit the airport.", "", ""},
		{"Al-Qaeda-linked groups claimed the attack.", "", ""},
		{"Ukraine (file photo) - Two blasts hit the airport.", "", ""},
		{"Norvale (CBSNorvale) — Two cousins were hurt on Friday.", "", ""}, // an outlet's name vouches only for a capitals place
		{"NORVALE (Friday) — Two cousins were hurt.", "", ""},
	}
	for _, tt := range tests {
		place, rest, ok := cutDateline(tt.in)
		if tt.place == "" {
			if ok {
				t.Errorf("cutDateline(%q) = %q, %q; want none", tt.in, place, rest)
			}
			continue
		}
		if !ok || place != tt.place || rest != tt.rest {
			t.Errorf("cutDateline(%q) = %q, %q, %v; want %q, %q", tt.in, place, rest, ok, tt.place, tt.rest)
		}
	}
}

func TestCutByline(t *testing.T) {
	tests := map[string]string{
		"By Jane Doe":                              "Jane Doe",
		"By Jane Doe and John Roe, Reuters":        "Jane Doe and John Roe, Reuters",
		"BY JANE DOE":                              "JANE DOE",
		"Von Max Muster":                           "Max Muster",
		"Par Marie Dupont":                         "Marie Dupont",
		"Author: Ahmad Karimi":                     "Ahmad Karimi",
		"By the time police arrived, it was over.": "",
		"By 2030 the city will have grown.":        "",
		"Bystanders filmed the attack":             "",
		"by car bomb":                              "",
	}
	for in, want := range tests {
		got, ok := cutByline(in)
		if want == "" && ok || want != "" && got != want {
			t.Errorf("cutByline(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestCleanByline(t *testing.T) {
	tests := map[string]string{
		"by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET":         "Bryan DeArdo",
		"Tom Davies Associated Press Published 11:34 PM EST Nov 19, 2019": "Tom Davies Associated Press",
		"by Jeff Foust Monday, November 18, 2019":                         "Jeff Foust",
		"November 18, 2019 12:26 PM Print this article":                   "",
		"By Jane Doe | Updated 3 March 2021 | 4 min read":                 "Jane Doe",
		"https://www.facebook.com/janedoe":                                "",
		"Текст: Венера Ерофеева":                                          "Венера Ерофеева",
		"MEG KINNARD and ERRIN HAINES, Associated Press":                  "MEG KINNARD and ERRIN HAINES, Associated Press",
	}
	for in, want := range tests {
		if got := cleanByline(in); got != want {
			t.Errorf("cleanByline(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDedupeTags(t *testing.T) {
	in := []string{"Kabul", "kabul", " Security ", "@river", "ctp_video", "Category: Jupiter", "Section: News:World", "&quot", "Energy & Environment", "/article", ""}
	want := []string{"Kabul", "Security", "Jupiter", "Energy & Environment"}
	if got := dedupeTags(in); !reflect.DeepEqual(got, want) {
		t.Errorf("dedupeTags = %q, want %q", got, want)
	}
}

func TestFinishArticle(t *testing.T) {
	meta := time.Date(2024, 3, 26, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		in    Article
		paras []string
		want  Article
	}{
		{
			name: "lead furniture and trailer",
			in:   Article{Title: "Blast hits Kandahar market"},
			paras: []string{
				"Blast hits Kandahar market",
				"By Jane Doe | Updated 27 March 2024, 01:30 GMT | 3 min read",
				"Published 12:04 EST, 26 March 2024",
				"Photos from the scene",
				"KANDAHAR, Afghanistan (Reuters) - A bomb exploded in a crowded market on Tuesday, killing at least seven people, officials said.",
				"The Taliban-run interior ministry blamed Islamic State.",
				"Read more: Taliban vow to hunt down attackers",
				"No group has claimed responsibility so far.",
				"Tags: Afghanistan, Kandahar",
				"Related Stories",
				"Another story headline",
				"© 2024 Planet News. All rights reserved.",
			},
			want: Article{
				Title: "Blast hits Kandahar market", Byline: "Jane Doe", Dateline: "KANDAHAR, Afghanistan",
				Published: time.Date(2024, 3, 26, 17, 4, 0, 0, time.UTC),
				Updated:   time.Date(2024, 3, 27, 1, 30, 0, 0, time.UTC),
				Language:  "en",
				Tags:      []string{"Afghanistan", "Kandahar"},
				Text: "A bomb exploded in a crowded market on Tuesday, killing at least seven people, officials said.\n\n" +
					"The Taliban-run interior ministry blamed Islamic State.\n\nNo group has claimed responsibility so far.",
			},
		},
		{
			name: "meta dates outrank visible lines",
			in:   Article{Published: meta, Language: "en"},
			paras: []string{
				"Published 27 March 2024",
				"Updated 28 March 2024",
				"LONDON (AP) — Police arrested two men after a stabbing in east London on Wednesday evening.",
			},
			want: Article{
				Dateline: "LONDON", Language: "en", Published: meta,
				Updated: time.Date(2024, 3, 28, 0, 0, 0, 0, time.UTC),
				Text:    "Police arrested two men after a stabbing in east London on Wednesday evening.",
			},
		},
		{
			name:  "related early in a long story is kept",
			in:    Article{Language: "en"},
			paras: []string{"First paragraph of the story, which is short.", "Related", strings.Repeat("A long paragraph of prose that continues the story. ", 10)},
			want:  Article{Language: "en", Text: "First paragraph of the story, which is short.\n\nRelated\n\n" + strings.TrimSpace(strings.Repeat("A long paragraph of prose that continues the story. ", 10))},
		},
		{
			name: "byline run into a date",
			in:   Article{Language: "fr"},
			paras: []string{
				"Par Marie Dupont 18 septembre 2024",
				"Un homme a été interpellé dans la nuit, a-t-on appris mercredi de source policière.",
				"Le mobile de l'agression reste inconnu.",
				"Violences urbaines : le bilan de l'été",
			},
			want: Article{
				Byline: "Marie Dupont", Language: "fr",
				Published: time.Date(2024, 9, 18, 0, 0, 0, 0, time.UTC),
				Text:      "Un homme a été interpellé dans la nuit, a-t-on appris mercredi de source policière.\n\nLe mobile de l'agression reste inconnu.\n\nViolences urbaines : le bilan de l'été",
			},
		},
		{
			name:  "subheading over prose is kept; standfirst kept where the extractor put it",
			in:    Article{Subtitle: "Officials said 40,000 homes lost power.", Language: "de"},
			paras: []string{"Officials said 40,000 homes lost power.", "Platzwechsel, langsam erklärt", "Beim Platzwechsel tauschen die Paare ihre Positionen im Kreis."},
			want: Article{Subtitle: "Officials said 40,000 homes lost power.", Language: "de",
				Text: "Officials said 40,000 homes lost power.\n\nPlatzwechsel, langsam erklärt\n\nBeim Platzwechsel tauschen die Paare ihre Positionen im Kreis."},
		},
		{
			name: "headline run into two date lines",
			in:   Article{Title: "Witness IDs at issue in gunfight case - WDSU News", Language: "en"},
			paras: []string{
				"Witness IDs at issue in gunfight case Posted: Wednesday, April 8, 2015 4:09 AM EDT Updated: Wednesday, April 8, 2015 6:30 AM EDT",
				"NEW ORLEANS (AP) — Lawyers argued over witness identifications on Tuesday.",
			},
			want: Article{
				Title: "Witness IDs at issue in gunfight case - WDSU News", Dateline: "NEW ORLEANS", Language: "en",
				Published: time.Date(2015, 4, 8, 8, 9, 0, 0, time.UTC),
				Updated:   time.Date(2015, 4, 8, 10, 30, 0, 0, time.UTC),
				Text:      "Lawyers argued over witness identifications on Tuesday.",
			},
		},
		{
			name:  "dateline after a short note",
			in:    Article{Language: "en"},
			paras: []string{"Warning: The audio in the video above may be disturbing to some listeners.", "SAINT PAUL, Minn. (AP) — Police said a man was shot on Friday.", "He was taken to hospital."},
			want:  Article{Language: "en", Dateline: "SAINT PAUL, Minn.", Text: "Warning: The audio in the video above may be disturbing to some listeners.\n\nPolice said a man was shot on Friday.\n\nHe was taken to hospital."},
		},
		{
			name:  "no dateline deep in the story",
			in:    Article{Language: "en"},
			paras: []string{strings.Repeat("Police said a man was shot on Friday near the station. ", 4), "LONDON (AP) — Another paragraph.", "He was taken to hospital."},
			want:  Article{Language: "en", Text: strings.TrimSpace(strings.Repeat("Police said a man was shot on Friday near the station. ", 4)) + "\n\nLONDON (AP) — Another paragraph.\n\nHe was taken to hospital."},
		},
		{
			name:  "updated equal to published is no update",
			in:    Article{Published: meta, Updated: meta, Language: "en"},
			paras: []string{"Police said three people were hurt."},
			want:  Article{Published: meta, Language: "en", Text: "Police said three people were hurt."},
		},
		{
			name:  "short lines body is kept",
			in:    Article{Language: "en"},
			paras: []string{"Live updates", "Kyiv sirens", "Police said three people were hurt."},
			want:  Article{Language: "en", Text: "Live updates\n\nKyiv sirens\n\nPolice said three people were hurt."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.in
			finishArticle(&a, tt.paras)
			if !reflect.DeepEqual(a, tt.want) {
				t.Errorf("got  %+v\nwant %+v", a, tt.want)
			}
		})
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct{ declared, text, want string }{
		{"", "Police said on Tuesday that three people had been killed when a bomb exploded near the market in the centre of the city.", "en"},
		{"", "Die Polizei teilte am Dienstag mit, dass bei der Explosion einer Bombe in der Nähe des Marktes drei Menschen getötet wurden.", "de"},
		{"", "La police a déclaré mardi que trois personnes avaient été tuées lors de l'explosion d'une bombe près du marché.", "fr"},
		{"", "Полиция сообщила во вторник, что три человека погибли в результате взрыва бомбы возле рынка в центре города.", "ru"},
		{"en", "Полиция сообщила во вторник, что три человека погибли в результате взрыва бомбы возле рынка в центре города.", "ru"},
		{"de", "Die Polizei teilte am Dienstag mit, dass drei Menschen getötet wurden.", "de"},
		// An English template around German copy.
		{"en", strings.Repeat("Die Polizei teilte am Dienstag mit, dass bei dem Anschlag auf die Wache in der Nacht niemand verletzt wurde. ", 4), "de"},
		{"en", strings.Repeat("Police said on Tuesday that nobody was hurt in the attack on the station during the night, and that the investigation was continuing. ", 4), "en"},
		{"ca", strings.Repeat("La policia va dir dimarts que ningú no va resultar ferit en l'atac a la comissaria durant la nit. ", 4), "ca"},
		{"", "Hi", ""},
	}
	for _, tt := range tests {
		a := Article{Language: tt.declared}
		finishArticle(&a, []string{tt.text})
		if a.Language != tt.want {
			t.Errorf("language of %.30q (declared %q) = %q, want %q", tt.text, tt.declared, a.Language, tt.want)
		}
	}
	for in, want := range map[string]string{"en-US": "en", "EN_gb": "en", "eng": "en", "zh-Hans": "zh", "x-klingon": "", "iw": "he", "": ""} {
		if got := normLang(in); got != want {
			t.Errorf("normLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRulesParse(t *testing.T) {
	r, err := parseRules()
	if err != nil {
		t.Fatal(err)
	}
	if r.months["märz"] != time.March || r.months["марта"] != time.March {
		t.Error("month names missing")
	}
	if _, ok := r.zones["est"]; !ok {
		t.Error("EST missing")
	}
	if !r.agencies["reuters"] || !r.endHeaders["similar news"] || !r.tagHeaders["tags"] {
		t.Error("cue phrases missing")
	}
}
