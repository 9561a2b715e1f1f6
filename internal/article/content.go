package article

import "golang.org/x/net/html"

// extractBody returns the main text of the page as paragraphs, in reading
// order, without navigation, related links, captions or comments.
// It may modify doc.
//
// The page is first flattened into an array in document order (see
// flatDoc), so that every later step — dropping furniture, counting text,
// scoring containers, writing paragraphs — is a linear scan over that array
// with no recursion: pages nested 10^5 levels deep cost no more than flat
// ones. The steps are:
//
//  1. drop furniture: scripts and styles while flattening; then elements
//     that are hidden, or whose tag (nav, aside, footer…) or class/id/role
//     (rules/content.txt) marks them as boilerplate;
//  2. pick the container: a class/id/itemprop the site uses for its article
//     body when one holds a fair share of the text, otherwise the best
//     container by readability-style paragraph scoring, plus siblings that
//     look like article text;
//  3. put the standfirst first if the container leaves it out (see lead);
//  4. write the text as paragraphs, dropping link lists, headlines and
//     one-line furniture ("Advertisement", "Read more").
//
// Per-page work is linear in the size of the page; the class/id verdicts
// are cached per page, since sites repeat a few class names thousands of
// times.
func extractBody(doc *html.Node) []string {
	if doc == nil {
		return nil
	}
	d := flatten(doc)
	if len(d.nodes) == 0 {
		return nil
	}
	d.blocks()
	paras := d.extract(true)
	// Class names mislead now and then: a slideshow whose text is all in
	// "captions", a story in a "teaser" module. When the result is a
	// sliver of a page that has plenty of running text, try again trusting
	// only tags and hidden styles, and keep the longer result.
	if n := textLen(paras); n < shortBody && d.goodRaw[d.body] >= 2*shortBody {
		if again := d.extract(false); textLen(again) >= 2*max(n, 1) {
			paras = again
		}
	}
	return paras
}

// shortBody is the body length, in bytes, below which extractBody retries
// without the class/id furniture rules.
const shortBody = 250

// extract runs the choosing and writing steps over the flat page; classes
// says whether class/id furniture rules apply (see prune).
func (d *flatDoc) extract(classes bool) []string {
	d.prune(classes)
	d.count()
	roots := d.choose()
	var paras []string
	if lead := d.lead(roots); lead >= 0 {
		paras = d.write(lead, paras)
	}
	for _, r := range roots {
		paras = d.write(r, paras)
	}
	return paras
}

func textLen(paras []string) int {
	n := 0
	for _, p := range paras {
		n += len(p)
	}
	return n
}
