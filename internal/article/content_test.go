package article

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"sitrep/internal/cputime"
)

func bodyOf(t testing.TB, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return extractBody(doc)
}

// Fictional pages; every story below is invented for these tests.
const (
	bodyP1 = "Flooding along the Varna river forced 2,300 residents from their homes on Tuesday, the regional governor said, as rain continued for a third day."
	bodyP2 = "Rescue crews used boats to reach villages cut off by the water, and the army opened two schools in the town of Orlen as temporary shelters."
	bodyP3 = "Officials said the river was expected to crest on Thursday, and warned that dams upstream were close to capacity after weeks of storms."
)

func bodyPage(body string) string {
	return `<!DOCTYPE html><html><head><title>Floods force thousands from homes</title>
<script>var x = "<p>not text</p>";</script><style>p{color:red}</style></head><body>` + body + `</body></html>`
}

func TestExtractBody(t *testing.T) {
	tests := []struct {
		name    string
		page    string
		want    []string // paragraphs, exactly, in order
		absent  []string // substrings that must not appear anywhere
		present []string // substrings that must appear (when want is nil)
	}{
		{
			name: "nav, share bar, related links and footer stripped",
			page: bodyPage(`
<header class="site-header"><a href="/">Daily Courier</a><nav><ul><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
  <h1>Floods force thousands from homes</h1>
  <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
  <div class="article-body">
    <p>` + bodyP1 + `</p>
    <p>` + bodyP2 + `</p>
    <p>` + bodyP3 + `</p>
  </div>
  <div class="related-stories"><h3>Related stories</h3><ul>
    <li><a href="/a">Storm damage closes coastal road for a week</a></li>
    <li><a href="/b">Farmers count the cost of a wet spring season</a></li>
  </ul></div>
</article></main>
<footer><p>© 2031 Daily Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>`),
			want: []string{bodyP1, bodyP2, bodyP3},
		},
		{
			name: "captions and figures stripped",
			page: bodyPage(`<article><div class="story-body">
<p>` + bodyP1 + `</p>
<figure><img src="a.jpg"><figcaption>Residents wade through water in Orlen. Photo: Staff photographer</figcaption></figure>
<div class="wp-caption"><img src="b.jpg"><p class="wp-caption-text">A rescue boat on the Varna river</p></div>
<p>` + bodyP2 + `</p></div></article>`),
			want: []string{bodyP1, bodyP2},
		},
		{
			name: "subheads and list items kept as paragraphs",
			page: bodyPage(`<article><div class="entry-content">
<p>` + bodyP1 + `</p>
<h2>Shelters open</h2>
<p>` + bodyP2 + `</p>
<ul><li>Orlen primary school, open all night</li><li>Varna sports hall, open until Friday</li></ul>
<p>` + bodyP3 + `</p></div></article>`),
			want: []string{bodyP1, "Shelters open", bodyP2, "Orlen primary school, open all night", "Varna sports hall, open until Friday", bodyP3},
		},
		{
			name: "inline markup joins without stray spaces; br splits lines",
			page: bodyPage(`<article><div class="article-text">
<p>The gov<b>ernor</b> said <a href="/x">2,300 people</a> had left, and that more   would
follow.</p>
<p>` + bodyP2 + `</p><p>` + bodyP3 + `</p></div></article>`),
			want: []string{"The governor said 2,300 people had left, and that more would follow.", bodyP2, bodyP3},
		},
		{
			name: "link-dense blocks and their headings dropped",
			page: bodyPage(`<div id="content"><div class="post">
<p>` + bodyP1 + `</p>
<p>` + bodyP2 + `</p>
<h3>More on this story</h3>
<div><a href="/1">Dam operators under pressure as levels rise</a><br><a href="/2">How to claim flood insurance quickly</a><br><a href="/3">Weather service issues red warning</a></div>
<p>` + bodyP3 + `</p>
<p><a href="/tags/floods">Floods</a>, <a href="/tags/weather">Weather</a>, <a href="/tags/varna">Varna</a></p>
</div></div>`),
			want: []string{bodyP1, bodyP2, bodyP3},
		},
		{
			name: "no p elements: text in divs separated by br",
			page: bodyPage(`<div class="menu"><a href="/">Home</a> | <a href="/news">News</a></div>
<div class="col">` + bodyP1 + `<br><br>` + bodyP2 + `<br><br>` + bodyP3 + `</div>
<div class="col-right"><a href="/x">Login</a></div>`),
			want: []string{bodyP1, bodyP2, bodyP3},
		},
		{
			name: "article laid out in a table",
			page: bodyPage(`<table width="100%"><tr><td class="left"><a href="/">Home</a><br><a href="/archive">Archive</a><br><a href="/contact">Contact</a></td>
<td><font size="2"><b>Floods force thousands from homes</b><br><br>` + bodyP1 + `<br><br>` + bodyP2 + `<br><br>` + bodyP3 + `</font></td></tr></table>`),
			present: []string{bodyP1, bodyP2, bodyP3},
			absent:  []string{"Archive", "Contact"},
		},
		{
			name: "data table rows are paragraphs",
			page: bodyPage(`<article><div class="article-body"><p>` + bodyP1 + `</p><p>` + bodyP2 + `</p>
<table><tr><th>Town</th><th>Evacuated</th></tr><tr><td>Orlen</td><td>1,200</td></tr><tr><td>Brask</td><td>1,100</td></tr></table></div></article>`),
			want: []string{bodyP1, bodyP2, "Town Evacuated", "Orlen 1,200", "Brask 1,100"},
		},
		{
			name: "cookie banner, newsletter box, comments and hidden text stripped",
			page: bodyPage(`<div id="cookie-consent"><p>We use cookies to improve your experience on our site. By continuing you agree to our use of cookies.</p></div>
<article><div class="article-content">
<p>` + bodyP1 + `</p>
<div class="newsletter-signup"><p>Get the morning briefing, with the day's most important stories, in your inbox every day.</p></div>
<p style="display: none">This paragraph is hidden from readers and should not be extracted at all.</p>
<p>` + bodyP2 + `</p>
</div></article>
<section id="comments"><h3>12 comments</h3><div class="comment"><p>This is exactly what happened in our village last year as well, nobody listened to us.</p></div></section>`),
			want: []string{bodyP1, bodyP2},
		},
		{
			name: "standfirst in the header before the body container",
			page: bodyPage(`<article><header><h1>Floods force thousands from homes</h1>
<p class="standfirst">Rain continues for a third day as the army opens schools for those who fled.</p>
<p class="byline">By A. Writer</p></header>
<div class="article-body"><p>` + bodyP1 + `</p><p>` + bodyP2 + `</p><p>` + bodyP3 + `</p></div></article>`),
			want: []string{"Rain continues for a third day as the army opens schools for those who fled.", bodyP1, bodyP2, bodyP3},
		},
		{
			name: "readability fallback without named containers picks the story",
			page: bodyPage(`<div class="a1"><div class="b2"><a href="/1">World</a> <a href="/2">Politics</a> <a href="/3">Business</a></div></div>
<div class="x9"><div class="y7">
<p>` + bodyP1 + `</p><p>` + bodyP2 + `</p><p>` + bodyP3 + `</p>
</div><div class="z3"><p><a href="/o">Other story about something that happened elsewhere today</a></p></div></div>
<div class="q1"><p>Contact the newsroom at 555-0100, weekdays only.</p></div>`),
			want: []string{bodyP1, bodyP2, bodyP3},
		},
		{
			name: "embedded post quoted in a social wrapper is kept",
			page: bodyPage(`<article><div class="entry-content"><p>` + bodyP1 + `</p>
<div class="social-embed"><blockquote class="twitter-tweet"><p>Water is at the second floor of the clinic in Orlen. We are moving patients now.</p>— Orlen Clinic (@orlenclinic)</blockquote></div>
<p>` + bodyP2 + `</p></div></article>`),
			present: []string{"Water is at the second floor of the clinic in Orlen.", bodyP1, bodyP2},
		},
		{
			name: "soft hyphens removed",
			page: bodyPage(`<article><div class="article-body"><p>Evacu&shy;ation of Or&shy;len began at dawn, the governor said, and continued all day long.</p><p>` + bodyP2 + `</p></div></article>`),
			want: []string{"Evacuation of Orlen began at dawn, the governor said, and continued all day long.", bodyP2},
		},
		{
			name: "text only in misleading classes: retry without class rules",
			page: bodyPage(`<nav><a href="/">Home</a></nav><div class="gallery">
<div class="slide-caption"><p>` + bodyP1 + `</p></div>
<div class="slide-caption"><p>` + bodyP2 + `</p></div>
<div class="slide-caption"><p>` + bodyP3 + `</p></div>
<div class="slide-caption"><p>` + bodyP2 + " " + bodyP1 + `</p></div>
<p style="display:none">Hidden text stays hidden even when the class rules are set aside.</p></div>`),
			want: []string{bodyP1, bodyP2, bodyP3, bodyP2 + " " + bodyP1},
		},
		{
			name: "empty body",
			page: `<html><head><title>x</title></head><body></body></html>`,
			want: nil,
		},
		{
			name: "only navigation",
			page: bodyPage(`<nav><a href="/">Home</a> <a href="/b">News</a></nav>`),
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bodyOf(t, tt.page)
			text := strings.Join(got, "\n\n")
			if tt.want != nil || tt.present == nil {
				if !slices.Equal(got, tt.want) {
					t.Errorf("got %d paragraphs:\n%s\nwant %d:\n%s", len(got), bodyQuoteAll(got), len(tt.want), bodyQuoteAll(tt.want))
				}
			}
			for _, s := range tt.present {
				if !strings.Contains(text, s) {
					t.Errorf("missing %q in:\n%s", s, text)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(text, s) {
					t.Errorf("unexpected %q in:\n%s", s, text)
				}
			}
		})
	}
}

func bodyQuoteAll(ps []string) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %q\n", p)
	}
	return b.String()
}

func TestHiddenClass(t *testing.T) {
	for v, want := range map[string]bool{
		"sr-only":                      true,
		"skip-link screen-reader-text": true,
		"d-none":                       true,
		"d-none d-md-block":            false,
		"hidden md:flex":               false,
		"hidden":                       true,
		"field-label-hidden":           false,
		"article-body":                 false,
	} {
		if got := hiddenClass(v); got != want {
			t.Errorf("hiddenClass(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestExtractBodyNil(t *testing.T) {
	if got := extractBody(nil); got != nil {
		t.Errorf("extractBody(nil) = %q", got)
	}
	if got := extractBody(&html.Node{Type: html.DocumentNode}); got != nil {
		t.Errorf("empty document: %q", got)
	}
}

// bodyNested builds a document nested depth levels deep by hand: the HTML
// parser itself is not what is under test, and it caps nesting anyway.
func bodyNested(depth int) *html.Node {
	doc := &html.Node{Type: html.DocumentNode}
	htmlN := &html.Node{Type: html.ElementNode, Data: "html"}
	body := &html.Node{Type: html.ElementNode, Data: "body"}
	doc.AppendChild(htmlN)
	htmlN.AppendChild(body)
	cur := body
	for range depth {
		div := &html.Node{Type: html.ElementNode, Data: "div"}
		cur.AppendChild(div)
		cur = div
	}
	for _, s := range []string{bodyP1, bodyP2, bodyP3} {
		p := &html.Node{Type: html.ElementNode, Data: "p"}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: s})
		cur.AppendChild(p)
	}
	bodyFixAtoms(doc)
	return doc
}

// bodyFixAtoms sets DataAtom from Data, as the parser would, without
// recursion.
func bodyFixAtoms(n *html.Node) {
	for stack := []*html.Node{n}; len(stack) > 0; {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c.Type == html.ElementNode {
			c.DataAtom = atom.Lookup([]byte(c.Data))
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			stack = append(stack, k)
		}
	}
}

func TestExtractBodyDeepNesting(t *testing.T) {
	// The cost is the thread's CPU time where the system reports it, so a
	// busy machine (which stretches the wall clock) does not fail the test.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock := func() time.Duration {
		if c, ok := cputime.Thread(); ok {
			return c
		}
		return time.Duration(time.Now().UnixNano())
	}
	small := bodyNested(1000)
	start := clock()
	got := extractBody(small)
	smallTime := clock() - start
	if len(got) != 3 {
		t.Fatalf("depth 1000: got %q", got)
	}
	deep := bodyNested(100000)
	start = clock()
	got = extractBody(deep)
	deepTime := clock() - start
	if len(got) != 3 || got[0] != bodyP1 {
		t.Fatalf("depth 100000: got %d paragraphs", len(got))
	}
	// Linear work: 100× the depth must not cost anything like 100²×.
	if deepTime > 2*time.Second && deepTime > smallTime*1000 {
		t.Errorf("depth 100000 took %v (depth 1000: %v): not linear", deepTime, smallTime)
	}
}

func TestContentRulesParse(t *testing.T) {
	r := bodyRules
	for _, v := range []string{"share-bar", "socialLinks", "related-posts", "site-footer", "wp-caption-text", "newsletterBox", "comments-area", "ad-slot"} {
		if !r.isBoilerValue(v) {
			t.Errorf("%q: want boilerplate", v)
		}
	}
	for _, v := range []string{"article-body", "entry-content", "commentary", "story", "paragraph", "headline", "shadow", "elementor-widget-container"} {
		if r.isBoilerValue(v) {
			t.Errorf("%q: want not boilerplate", v)
		}
	}
	for v, tier := range map[string]int{"article-body": 1, "articleBody": 1, "entry-content clear": 1, "content": 2, "main": 3, "sidebar": 0} {
		if got := r.contentTier(squeeze(v)); got != tier {
			t.Errorf("contentTier(%q) = %d, want %d", v, got, tier)
		}
	}
	for _, p := range []string{"Advertisement", "Read more: Storm damage closes coastal road", "ADVERTISEMENT", "Share this article", "Jane Roe/Getty Images", "(AP Photo/Jo Doe)", "Image 3 of 12", "14 Comments"} {
		if !r.isDropLine(p) {
			t.Errorf("%q: want dropped", p)
		}
	}
	if r.isDropLine("The dam is safe, an engineer told AFP.") {
		t.Error("a sentence ending with an agency name was dropped")
	}
	if r.isDropLine("Read more about the history of the dam in our archive, which goes back to the year 1911 and covers every flood since then in great detail.") {
		t.Error("a long paragraph starting with 'Read more' was dropped")
	}
}

// BenchmarkExtractBody measures the extractor alone on a synthetic news
// page of typical size (about 100 KB of HTML).
func BenchmarkExtractBody(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`<html><head><title>t</title></head><body><header class="site-header"><nav><ul>`)
	for i := range 60 {
		fmt.Fprintf(&sb, `<li class="menu-item"><a href="/s%d">Section %d</a></li>`, i, i)
	}
	sb.WriteString(`</ul></nav></header><div class="layout has-sidebar"><main><article><h1>Headline</h1><div class="article-body">`)
	for i := range 25 {
		fmt.Fprintf(&sb, `<p class="para">%s <a href="/l%d">a link</a> %s</p>`, bodyP1, i, bodyP2)
		if i%5 == 4 {
			sb.WriteString(`<div class="ad-slot"><div class="inner"><span>Advertisement</span></div></div><h2>Subhead</h2>`)
		}
	}
	sb.WriteString(`</div></article></main><aside class="sidebar">`)
	for i := range 40 {
		fmt.Fprintf(&sb, `<div class="teaser"><a href="/t%d"><span class="title">Teaser number %d about something else</span></a><p>%s</p></div>`, i, i, bodyP3)
	}
	sb.WriteString(`</aside></div><footer class="site-footer"><p>Copyright</p></footer></body></html>`)
	src := sb.String()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		b.StopTimer()
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if got := extractBody(doc); len(got) < 25 {
			b.Fatalf("got %d paragraphs", len(got))
		}
	}
}

// FuzzExtractBody checks that any page yields trimmed, non-empty
// paragraphs without blank lines inside them (Article.Text joins
// paragraphs with one), and never panics.
func FuzzExtractBody(f *testing.F) {
	f.Add(bodyPage(`<article><div class="article-body"><p>` + bodyP1 + `</p></div></article>`))
	f.Add(bodyPage(`<div>` + bodyP1 + `<br><br><br>` + bodyP2 + `<br> <br></div>`))
	f.Add(bodyPage(`<table><tr><td><p>` + bodyP1 + `</p></td><td>x<br>y</td></tr></table><header><p class="lead">` + bodyP3 + `</p></header>`))
	f.Add(`<p>` + strings.Repeat("<div><span>", 200) + bodyP2)
	f.Fuzz(func(t *testing.T, page string) {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		for _, p := range extractBody(doc) {
			if p == "" || p != strings.TrimSpace(p) || strings.Contains(p, "\n\n") {
				t.Fatalf("bad paragraph %q", p)
			}
		}
	})
}
