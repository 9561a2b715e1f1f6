package article

import "golang.org/x/net/html"

// extractBody returns the main text of the page as paragraphs, in reading
// order, without navigation, related links, captions or comments.
// It may modify doc.
func extractBody(doc *html.Node) []string {
	return nil // TODO(body extractor)
}
