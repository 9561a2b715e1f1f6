package article

import "golang.org/x/net/html"

// readMeta reads what the page says about itself: title, standfirst,
// byline, dates, language, tags and canonical URL. It does not modify doc.
func readMeta(doc *html.Node) Article {
	return Article{} // TODO(metadata)
}

// finishArticle takes the body paragraphs of a page and moves into a what
// belongs in metadata (datelines, "Update:" lines, bylines, the headline
// repeated) and drops trailing boilerplate (tags, "Similar News" blocks), then
// sets a.Text. Both HTML and plain-text pages go through it.
func finishArticle(a *Article, paras []string) {
	a.Text = joinParagraphs(paras) // TODO(metadata)
}

// readText reads a plain-text page: headline first, then date lines,
// dateline and body.
func readText(s string) Article {
	var a Article
	finishArticle(&a, splitParagraphs(s)) // TODO(metadata)
	return a
}
