package article

import (
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// readMeta reads what the page says about itself: title, standfirst,
// byline, dates, language, tags and canonical URL. It does not modify doc.
//
// It walks the tree once, collecting every candidate (meta tags, JSON-LD
// blocks, the first h1, byline and standfirst elements, <time> elements),
// and only then decides, because the best source for a field is often
// found after a worse one: og:title sits in the head, the h1 in the body,
// JSON-LD anywhere. Body text is skipped, so the walk costs little more
// than visiting each node.
func readMeta(doc *html.Node) Article {
	m := &metaWalk{}
	m.walk(doc, 0)
	for _, s := range m.ldJSON {
		m.readJSONLD(s)
	}
	return m.decide()
}

// Priorities of date sources; lower wins.
const (
	prioOpenGraph   = iota + 1 // article:published_time, article:modified_time
	prioJSONLD                 // JSON-LD of an Article
	prioItemprop               // microdata
	prioMetaName               // <meta name="date">, dc.date, ...
	prioJSONLDPage             // JSON-LD of a WebPage
	prioTimeElement            // <time datetime> near the headline
	prioNone
)

// dateMetaNames maps <meta name|property> keys to the date they give.
var dateMetaNames = map[string]struct {
	field dateField
	prio  int
}{
	"article:published_time":       {fieldPublished, prioOpenGraph},
	"og:article:published_time":    {fieldPublished, prioOpenGraph},
	"article:published":            {fieldPublished, prioOpenGraph},
	"article:modified_time":        {fieldUpdated, prioOpenGraph},
	"og:article:modified_time":     {fieldUpdated, prioOpenGraph},
	"article:modified":             {fieldUpdated, prioOpenGraph},
	"og:updated_time":              {fieldUpdated, prioOpenGraph},
	"date":                         {fieldPublished, prioMetaName},
	"pubdate":                      {fieldPublished, prioMetaName},
	"publishdate":                  {fieldPublished, prioMetaName},
	"publish-date":                 {fieldPublished, prioMetaName},
	"publish_date":                 {fieldPublished, prioMetaName},
	"publication_date":             {fieldPublished, prioMetaName},
	"published_date":               {fieldPublished, prioMetaName},
	"article_date_original":        {fieldPublished, prioMetaName},
	"original-publish-date":        {fieldPublished, prioMetaName},
	"dc.date":                      {fieldPublished, prioMetaName},
	"dc.date.issued":               {fieldPublished, prioMetaName},
	"dc.date.created":              {fieldPublished, prioMetaName},
	"dcterms.date":                 {fieldPublished, prioMetaName},
	"dcterms.issued":               {fieldPublished, prioMetaName},
	"dcterms.created":              {fieldPublished, prioMetaName},
	"sailthru.date":                {fieldPublished, prioMetaName},
	"parsely-pub-date":             {fieldPublished, prioMetaName},
	"cxenseparse:recs:publishtime": {fieldPublished, prioMetaName},
	"displaydate":                  {fieldPublished, prioMetaName},
	"last-modified":                {fieldUpdated, prioMetaName},
	"lastmod":                      {fieldUpdated, prioMetaName},
	"dc.date.modified":             {fieldUpdated, prioMetaName},
	"dcterms.modified":             {fieldUpdated, prioMetaName},
	"article_date_updated":         {fieldUpdated, prioMetaName},
	"datepublished":                {fieldPublished, prioItemprop},
	"datecreated":                  {fieldPublished, prioItemprop},
	"datemodified":                 {fieldUpdated, prioItemprop},
}

// authorMetaNames are <meta name|property> keys that give an author.
var authorMetaNames = map[string]bool{
	"author": true, "article:author": true, "byl": true, "dc.creator": true,
	"dcterms.creator": true, "sailthru.author": true, "parsely-author": true,
	"og:article:author": true, "twitter:creator:name": true,
}

// tagMetaNames are <meta name|property> keys that give tags or keywords.
var tagMetaNames = map[string]int{
	"article:tag": 0, "og:article:tag": 0, "news_keywords": 1, "keywords": 2,
	"parsely-tags": 1, "sailthru.tags": 1,
}

type datedCandidate struct {
	t    time.Time
	prio int
}

// metaWalk holds what one walk over the page found.
type metaWalk struct {
	htmlLang, contentLang, localeLang string

	title, ogTitle, twTitle, ldHeadline, itemHeadline, h1, h1Article string
	siteName                                                         string
	description, ogDescription, twDescription                        string
	standfirst                                                       string

	metaAuthors, ldAuthors, relAuthors []string
	bylineEl, itempropAuthor           string

	published, updated datedCandidate

	tags          [3][]string // by source: article:tag, JSON-LD & news_keywords, keywords
	ldTags        []string
	canon         string
	ogURL         string
	ldURL         string
	ldURLFromPage bool
	ldJSON        []string
	ldLang        string
	ldSite        string
	ldDesc        string
	paras         []*html.Node // the first paragraphs, to spot a description that is the lede
	nodes         int          // elements seen so far
	h1At          int          // element count when the first h1 was seen
	inArt         int          // depth of <article> nesting
	timeCnt       int
}

func (m *metaWalk) setDate(field dateField, value string, prio int) {
	cand := &m.published
	if field == fieldUpdated {
		cand = &m.updated
	}
	if cand.prio != 0 && cand.prio <= prio {
		return
	}
	if t, ok := parseDate(value); ok {
		*cand = datedCandidate{t, prio}
	}
}

// skipped elements hold no metadata a reader sees.
func skippedElement(a atom.Atom) bool {
	switch a {
	case atom.Style, atom.Svg, atom.Math, atom.Template, atom.Iframe, atom.Object,
		atom.Select, atom.Textarea, atom.Button, atom.Form, atom.Noscript:
		return true
	}
	return false
}

// chromeElement is page furniture whose bylines and dates belong to other
// stories (teasers, comments, footers).
func chromeElement(a atom.Atom) bool {
	return a == atom.Nav || a == atom.Footer || a == atom.Aside
}

func (m *metaWalk) walk(n *html.Node, chrome int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		m.nodes++
		switch c.DataAtom {
		case atom.Html:
			m.htmlLang = metaAttr(c, "lang")
			if m.htmlLang == "" {
				m.htmlLang = metaAttr(c, "xml:lang")
			}
		case atom.Meta:
			m.meta(c)
			continue
		case atom.Link:
			m.link(c)
			continue
		case atom.Title:
			if m.title == "" && chrome == 0 {
				m.title = textOf(c)
			}
			continue
		case atom.Script:
			if strings.Contains(strings.ToLower(metaAttr(c, "type")), "ld+json") && len(m.ldJSON) < 10 {
				m.ldJSON = append(m.ldJSON, textOf(c))
			}
			continue
		case atom.H1:
			if chrome == 0 {
				if m.h1 == "" {
					m.h1 = textOf(c)
					m.h1At = m.nodes
				}
				if m.inArt > 0 && m.h1Article == "" {
					m.h1Article = textOf(c)
					m.h1At = m.nodes
				}
			}
		case atom.Time:
			if chrome == 0 && m.timeCnt < 5 {
				m.timeCnt++
				m.timeElement(c)
			}
		case atom.A:
			if strings.EqualFold(metaAttr(c, "rel"), "author") && chrome == 0 && len(m.relAuthors) < 5 {
				if t := textOf(c); t != "" {
					m.relAuthors = append(m.relAuthors, t)
				}
			}
		case atom.P:
			if len(m.paras) < 15 && chrome == 0 {
				m.paras = append(m.paras, c)
			}
		}
		if skippedElement(c.DataAtom) {
			continue
		}
		var class, id, itemprop string
		for _, a := range c.Attr {
			switch a.Key {
			case "class":
				class = a.Val
			case "id":
				id = a.Val
			case "itemprop":
				itemprop = a.Val
			}
		}
		if itemprop != "" {
			m.itemprop(c, strings.ToLower(itemprop))
		}
		if chrome == 0 && class != "" {
			m.classHints(c, class)
		}
		inChrome := chrome
		if chromeElement(c.DataAtom) || sectionElement(c.DataAtom) && (isCommentsBlock(class) || isCommentsBlock(id)) {
			inChrome++
		}
		if c.DataAtom == atom.Article {
			m.inArt++
		}
		m.walk(c, inChrome)
		if c.DataAtom == atom.Article {
			m.inArt--
		}
	}
}

// sectionElement can hold a whole comments or related-stories section.
func sectionElement(a atom.Atom) bool {
	return a == atom.Div || a == atom.Section || a == atom.Ul || a == atom.Ol
}

// isCommentsBlock recognises a comments or related-stories section by its
// id or class, whose bylines and dates are other people's.
func isCommentsBlock(s string) bool {
	return s != "" && (containsFold(s, "comment") || containsFold(s, "related"))
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case, without allocating.
func containsFold(s, sub string) bool {
	if strings.Contains(s, sub) {
		return true
	}
	upper := false
	for i := 0; i < len(s) && !upper; i++ {
		upper = 'A' <= s[i] && s[i] <= 'Z'
	}
	if !upper {
		return false
	}
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

func (m *metaWalk) meta(n *html.Node) {
	content := strings.TrimSpace(metaAttr(n, "content"))
	if content == "" {
		return
	}
	if he := strings.ToLower(metaAttr(n, "http-equiv")); he != "" {
		if he == "content-language" {
			m.contentLang = content
		}
		return
	}
	if ip := metaAttr(n, "itemprop"); ip != "" {
		m.itemprop(n, strings.ToLower(ip))
	}
	for _, key := range []string{metaAttr(n, "property"), metaAttr(n, "name")} {
		key = strings.ToLower(strings.TrimSpace(key))
		if key == "" {
			continue
		}
		if d, ok := dateMetaNames[key]; ok {
			m.setDate(d.field, content, d.prio)
			continue
		}
		if authorMetaNames[key] {
			if len(m.metaAuthors) < 10 {
				m.metaAuthors = append(m.metaAuthors, content)
			}
			continue
		}
		if src, ok := tagMetaNames[key]; ok {
			m.tags[src] = append(m.tags[src], splitTags(content)...)
			continue
		}
		switch key {
		case "og:title":
			m.ogTitle = content
		case "twitter:title":
			m.twTitle = content
		case "og:description":
			m.ogDescription = content
		case "twitter:description":
			m.twDescription = content
		case "description", "dc.description":
			m.description = content
		case "og:site_name", "application-name", "apple-mobile-web-app-title":
			if m.siteName == "" {
				m.siteName = content
			}
		case "og:url":
			m.ogURL = content
		case "og:locale":
			m.localeLang = content
		case "language", "dc.language", "content-language":
			m.contentLang = content
		}
	}
}

func (m *metaWalk) link(n *html.Node) {
	rel := strings.ToLower(metaAttr(n, "rel"))
	if rel == "canonical" && m.canon == "" {
		m.canon = strings.TrimSpace(metaAttr(n, "href"))
	}
}

func (m *metaWalk) itemprop(n *html.Node, prop string) {
	value := func() string {
		for _, k := range []string{"content", "datetime"} {
			if v := metaAttr(n, k); v != "" {
				return v
			}
		}
		return textOf(n)
	}
	for _, p := range strings.Fields(prop) {
		switch p {
		case "datepublished", "datecreated":
			m.setDate(fieldPublished, value(), prioItemprop)
		case "datemodified":
			m.setDate(fieldUpdated, value(), prioItemprop)
		case "headline":
			if m.itemHeadline == "" && n.DataAtom != atom.Meta {
				m.itemHeadline = value()
			}
		case "author", "creator":
			if m.itempropAuthor == "" && n.DataAtom != atom.Meta && n.DataAtom != atom.Link {
				m.itempropAuthor = value()
			}
		}
	}
}

// timeElement takes a <time datetime> near the headline as a weak date
// source: inside the article, or soon after the h1. Class names such as
// "updated" or "modified" say which date it is.
func (m *metaWalk) timeElement(n *html.Node) {
	if metaAttr(n, "itemprop") != "" {
		return // read as microdata
	}
	dt := metaAttr(n, "datetime")
	if dt == "" {
		return
	}
	if m.inArt == 0 && (m.h1At == 0 || m.nodes-m.h1At > 60) {
		return
	}
	field := fieldPublished
	hint := strings.ToLower(metaAttr(n, "class") + " " + metaAttr(n, "id"))
	if n.Parent != nil && n.Parent.Type == html.ElementNode {
		hint += " " + strings.ToLower(metaAttr(n.Parent, "class"))
	}
	if strings.Contains(hint, "updat") || strings.Contains(hint, "modif") {
		field = fieldUpdated
	}
	m.setDate(field, dt, prioTimeElement)
}

// classHints looks at class names for bylines and standfirsts.
func (m *metaWalk) classHints(n *html.Node, class string) {
	byline := m.bylineEl == "" && (containsFold(class, "byline") || containsFold(class, "author"))
	standfirst := m.standfirst == "" && m.h1At > 0 && m.nodes-m.h1At <= 40
	if !byline && !standfirst {
		return
	}
	class = strings.ToLower(class)
	if byline && (strings.Contains(class, "byline") || hasClassPart(class, "author")) {
		if t := textOf(n); t != "" && len(t) < 200 && wordCount(t) <= 20 {
			m.bylineEl = t
		}
	}
	if standfirst {
		for _, k := range []string{"standfirst", "dek", "subtitle", "sub-title", "subheadline", "sub-headline", "summary", "strapline", "intro", "lede", "deck", "excerpt", "chapo", "chapeau"} {
			if hasClassPart(class, k) {
				if t := textOf(n); wordCount(t) >= 5 && len(t) <= 600 {
					m.standfirst = t
				}
				break
			}
		}
	}
}

// hasClassPart reports whether one of the class names, split at "-", "_"
// and BEM "__", is the word k: "article__standfirst" and "c-dek" match,
// "dekstop" and "authority" do not.
func hasClassPart(class, k string) bool {
	if !strings.Contains(class, k) {
		return false // the common case, decided without splitting
	}
	for c := range strings.FieldsSeq(class) {
		if c == k {
			return true
		}
		for part := range strings.FieldsFuncSeq(c, func(r rune) bool { return r == '-' || r == '_' }) {
			if part == k {
				return true
			}
		}
	}
	return false
}

// decide picks each field from the best source found.
func (m *metaWalk) decide() Article {
	var a Article
	a.URL = absoluteURL(m.canon, m.ogURL)
	if a.URL == "" {
		a.URL = absoluteURL(m.ogURL, "")
	}
	if a.URL == "" {
		a.URL = absoluteURL(m.ldURL, "")
	}
	site := m.siteName
	if site == "" {
		site = m.ldSite
	}
	host := ""
	if u, err := url.Parse(a.URL); err == nil {
		host = u.Hostname()
	}
	h1 := firstNonEmpty(m.h1Article, m.h1)
	a.Title = cleanTitle(firstNonEmpty(m.ogTitle, m.twTitle, m.ldHeadline, m.itemHeadline, h1, m.title), site, host, h1)

	a.Subtitle = m.standfirst
	if a.Subtitle == "" {
		a.Subtitle = m.descriptionStandfirst(a.Title)
	}
	a.Subtitle = collapseSpace(a.Subtitle)

	a.Byline = joinNames(firstNonEmptyList(m.metaAuthors, m.ldAuthors, nonEmpty(m.itempropAuthor), m.relAuthors, nonEmpty(m.bylineEl)))
	a.Published = m.published.t
	a.Updated = m.updated.t

	a.Language = firstNonEmpty(normLang(m.htmlLang), normLang(m.contentLang), normLang(m.ldLang), normLang(m.localeLang))

	var tags []string
	tags = append(tags, m.tags[0]...)
	tags = append(tags, m.ldTags...)
	tags = append(tags, m.tags[1]...)
	tags = append(tags, m.tags[2]...)
	a.Tags = dedupeTags(tags)
	return a
}

// descriptionStandfirst returns the page description when it reads as a
// standfirst: a complete summary, not the opening of the first paragraph
// (which is what most CMSs put there), not cut short with "…", not the
// title again, and not a blurb about the site.
func (m *metaWalk) descriptionStandfirst(title string) string {
	d := collapseSpace(firstNonEmpty(m.ogDescription, m.description, m.twDescription, m.ldDesc))
	if d == "" || wordCount(d) < 6 || len(d) > 600 || sameText(d, title) {
		return ""
	}
	// Cut short by the CMS: an ellipsis, a trailing comma, or ~155
	// characters of running text with no final punctuation.
	if strings.HasSuffix(d, "...") || strings.HasSuffix(d, "…") || strings.HasSuffix(d, "[…]") ||
		strings.ContainsRune(",;:-", lastRune(d)) || len(d) >= 140 && !isSentence(d) {
		return ""
	}
	// The lede again, perhaps after a wire prefix ("(Reuters) — ").
	key := headerKey(d)
	key = key[:min(len(key), 40)]
	for _, p := range m.paras {
		pk := headerKey(firstText(p, 200))
		if len(key) >= 20 && strings.Contains(pk, key) {
			return ""
		}
	}
	if m.siteName != "" && strings.Contains(strings.ToLower(d), strings.ToLower(m.siteName)) {
		return ""
	}
	return d
}

// cleanTitle removes the site name that pages append (or prepend) to
// their <title> and og:title: "Blast in Kabul | The Daily Planet",
// "Blast in Kabul - Planet News". A segment is removed when it names the
// site (og:site_name, the host name), when the rest is the h1, or when it
// follows a "|" and is short: pipes almost never occur in headlines,
// while dashes often do ("Why ISIS Attacked Russia – and Why…").
func cleanTitle(t, site, host string, h1s ...string) string {
	t = collapseSpace(t)
	h1 := ""
	if len(h1s) > 0 {
		h1 = h1s[0]
	}
	isSite := func(seg string) bool {
		k := strings.ReplaceAll(headerKey(seg), " ", "")
		if k == "" {
			return false
		}
		if site != "" && k == strings.ReplaceAll(headerKey(site), " ", "") {
			return true
		}
		if host != "" {
			h := strings.TrimPrefix(strings.ToLower(host), "www.")
			if k == strings.ReplaceAll(headerKey(h), " ", "") {
				return true
			}
			if label, _, _ := strings.Cut(h, "."); len(label) >= 3 && k == label {
				return true
			}
		}
		return strings.Contains(seg, ".") && !strings.Contains(seg, " ") // "example.com"
	}
	if h1 = collapseSpace(h1); h1 != "" && len(t) > len(h1) && strings.HasPrefix(strings.ToLower(t), strings.ToLower(h1)) {
		// "<h1> - Section - Site": the h1 is the headline.
		if rest := strings.TrimSpace(t[len(h1):]); rest != "" && strings.ContainsRune("|-–—:·»/", []rune(rest)[0]) {
			return h1
		}
	}
	for range 2 {
		changed := false
		// "Site Name | Headline"
		for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "} {
			if j := strings.Index(t, sep); j > 0 && isSite(t[:j]) && wordCount(t[j+len(sep):]) >= 2 {
				t, changed = strings.TrimSpace(t[j+len(sep):]), true
				break
			}
		}
		for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "} {
			i := strings.LastIndex(t, sep)
			if i <= 0 {
				continue
			}
			head, tail := strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+len(sep):])
			if wordCount(head) < 2 || isSite(head) {
				continue
			}
			pipe := sep == " | " || sep == " :: " || sep == " » "
			if isSite(tail) || h1 != "" && sameText(head, h1) || pipe && wordCount(tail) <= 4 {
				t, changed = head, true
				break
			}
		}
		if !changed {
			break
		}
	}
	return t
}

// absoluteURL returns u if it is an absolute http(s) URL; a relative u is
// resolved against base when base is absolute.
func absoluteURL(u, base string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	if !p.IsAbs() {
		b, err := url.Parse(strings.TrimSpace(base))
		if err != nil || !b.IsAbs() {
			return ""
		}
		p = b.ResolveReference(p)
	}
	if (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

// splitTags splits a keyword list at commas or semicolons.
func splitTags(s string) []string {
	sep := ","
	if !strings.Contains(s, ",") && strings.Contains(s, ";") {
		sep = ";"
	}
	var out []string
	for _, t := range strings.Split(s, sep) {
		if t = collapseSpace(strings.Trim(t, " \t\n\"'#")); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// dedupeTags drops empty, overlong and repeated (case-insensitively) tags,
// keeping the first spelling, and caps the list: a page with hundreds of
// "keywords" is stuffing them for search engines. CMS-internal tags
// ("@river", "ctp_video", "_no-apple-news", "Section: News:World") are
// not topics and are dropped; a "Category: " prefix is removed.
func dedupeTags(tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tags {
		t = collapseSpace(t)
		if head, rest, ok := strings.Cut(t, ":"); ok {
			switch strings.ToLower(strings.TrimSpace(head)) {
			case "category", "tag", "topic", "section", "keyword":
				t = strings.TrimSpace(rest)
			}
		}
		k := strings.ToLower(t)
		if t == "" || len(t) > 60 || wordCount(t) > 6 || seen[k] ||
			strings.ContainsAny(t, "@_:=<>{}|") || strings.HasPrefix(t, "-") || strings.HasPrefix(t, "/") || hasEntity(t) {
			continue
		}
		seen[k] = true
		out = append(out, t)
		if len(out) == 30 {
			break
		}
	}
	return out
}

// hasEntity reports whether s holds an HTML entity left escaped ("&quot").
func hasEntity(s string) bool {
	for i := strings.IndexByte(s, '&'); i >= 0 && i+1 < len(s); {
		c := s[i+1]
		if 'a' <= c && c <= 'z' || c == '#' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '&')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// joinNames cleans author names ("By Jane Doe", a profile URL, "Jane Doe
// | Reuters"), drops duplicates and joins them with ", ".
func joinNames(names []string) string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = cleanByline(n)
		k := strings.ToLower(n)
		if n == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, n)
	}
	return strings.Join(out, ", ")
}

// cleanByline reduces a byline element's text or an author meta value to
// the names: without "By", without dates or reading times, never a URL.
func cleanByline(s string) string {
	s = collapseSpace(s)
	if s == "" || strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.Contains(s, "@") && !strings.Contains(s, " ") {
		return ""
	}
	var keep []string
	for _, seg := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '·' || r == '•' }) {
		seg = strings.TrimSpace(seg)
		if seg == "" || isReadingTime(seg) {
			continue
		}
		if _, _, ok := parseDateLine(seg); ok {
			continue
		}
		seg = cutAtDate(seg)
		if by, ok := cutByline(seg); ok {
			seg = by
		}
		if seg != "" {
			keep = append(keep, seg)
		}
	}
	s = strings.Join(keep, " | ")
	if len(s) > 150 {
		return ""
	}
	return s
}

// cutAtDate removes a date, and whatever follows it, from the end of a
// byline: "Tom Davies Associated Press Published 11:34 PM EST Nov 19,
// 2019", "by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET".
// Social-media handles go too.
func cutAtDate(s string) string {
	rules := getRules()
	words := strings.Fields(s)
	out := words[:0:0]
	for k, w := range words {
		if strings.HasPrefix(w, "@") {
			continue
		}
		lw := strings.ToLower(strings.Trim(w, ",.:;()"))
		next := ""
		if k+1 < len(words) {
			next = words[k+1]
		}
		startsDate := false
		for _, c := range rules.dateCues {
			if len(c.words) == 1 && c.words[0] == lw && w != strings.ToLower(w) {
				startsDate = true // "Published", "Updated", capitalised
			}
		}
		if rules.months[lw] != 0 && next != "" && next[0] >= '0' && next[0] <= '9' ||
			isWeekday(rules, lw) && len(lw) > 3 && strings.HasSuffix(w, ",") ||
			len(lw) > 0 && lw[0] >= '0' && lw[0] <= '9' {
			startsDate = true
		}
		if startsDate {
			break
		}
		out = append(out, w)
	}
	return strings.TrimRight(strings.Join(out, " "), " ,;:|-–—")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

func firstNonEmptyList(ls ...[]string) []string {
	for _, l := range ls {
		for _, s := range l {
			if cleanByline(s) != "" {
				return l
			}
		}
	}
	return nil
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func metaAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// textOf returns the text of n's subtree with white space collapsed,
// skipping scripts and styles.
func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if c.DataAtom == atom.Style || c.DataAtom == atom.Noscript || c.DataAtom == atom.Script && n.DataAtom != atom.Script {
					continue
				}
				if c.DataAtom == atom.Br || c.DataAtom == atom.P || c.DataAtom == atom.Div || c.DataAtom == atom.Li {
					b.WriteByte(' ')
				}
				rec(c)
				if c.DataAtom == atom.P || c.DataAtom == atom.Div || c.DataAtom == atom.Li {
					b.WriteByte(' ')
				}
			}
			if b.Len() > 1<<20 {
				return
			}
		}
	}
	rec(n)
	if n.DataAtom == atom.Script {
		return b.String()
	}
	return collapseSpace(b.String())
}

// firstText returns up to max bytes of the first text inside n.
func firstText(n *html.Node, max int) string {
	var b strings.Builder
	var rec func(*html.Node) bool
	rec = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				b.WriteString(c.Data)
				if b.Len() >= max {
					return true
				}
			} else if c.Type == html.ElementNode && rec(c) {
				return true
			}
		}
		return false
	}
	rec(n)
	return collapseSpace(b.String())
}
