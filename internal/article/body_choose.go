package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file decides what of a flattened page is the article: it drops
// furniture, counts text, and picks the body container and its lead.

// furnitureTags are dropped by tag name unless they hold the article.
var furnitureTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Aside: true, atom.Footer: true, atom.Header: true,
	atom.Figcaption: true, atom.Menu: true, atom.Form: true, atom.Fieldset: true,
	atom.Caption: false,
}

// weakTextLimit is the running text (in characters) above which a "weak"
// furniture name is not believed: a recipe card with "header-content" among
// its classes, a story in a "print-only" or "paywall" wrapper.
const weakTextLimit = 300

// prune marks furniture as removed. An element marked by its class or tag
// is kept when it is a page-level wrapper (html, body, article, main), or
// when it holds an element that names itself as content and a good part of
// the page's text — the "layout-with-sidebar" wrapper around a story.
func (d *flatDoc) prune(classes bool) {
	nodes := d.nodes
	N := len(nodes)
	for i := range nodes {
		nodes[i].flags &^= flagRemoved // from an earlier run
	}
	d.rawText = make([]int32, N)
	d.hasContent = make([]bool, N)
	// quoted: text inside blockquotes, per subtree.
	quoted := make([]int32, N)
	for i := N - 1; i >= 0; i-- {
		fn := &nodes[i]
		if fn.kind == kindText {
			d.rawText[i] += fn.chars
		}
		if fn.tag == atom.Blockquote {
			quoted[i] = d.rawText[i]
		}
		if fn.tier != 0 {
			d.hasContent[i] = true
		}
		if p := fn.parent; p >= 0 {
			d.rawText[p] += d.rawText[i]
			quoted[p] += quoted[i]
			if d.hasContent[i] {
				d.hasContent[p] = true
			}
		}
	}
	total, good := d.rawText[d.body], d.goodRaw[d.body]
	for i := range nodes {
		fn := &nodes[i]
		if p := fn.parent; p >= 0 && nodes[p].flags&flagRemoved != 0 {
			fn.flags |= flagRemoved
			continue
		}
		if fn.kind != kindElem {
			continue
		}
		if fn.flags&flagHidden != 0 {
			fn.flags |= flagRemoved
			continue
		}
		switch fn.tag {
		case atom.Html, atom.Body, atom.Article, atom.Main,
			atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th:
			// Table parts carry styling classes ("player-row",
			// "ad-hoc") far more often than furniture.
			continue
		}
		// Inline elements are furniture by class only if they are spans:
		// a link or an emphasis with class "ad-hoc" or "tag" is part of
		// a sentence, a span classed "image-caption" is not.
		furniture := furnitureTags[fn.tag] || classes && (fn.flags&flagBoiler != 0 && (fn.flags&flagInline == 0 || fn.tag == atom.Span) ||
			fn.flags&(flagWeak|flagInline) == flagWeak && d.goodRaw[i] < weakTextLimit)
		if !furniture {
			continue
		}
		if fn.tier != 0 {
			continue
		}
		if d.hasContent[i] && d.rawText[i]*4 >= total || d.goodRaw[i]*2 > good {
			continue
		}
		if fn.tag == atom.Blockquote || quoted[i] > 0 && quoted[i]*10 >= d.rawText[i]*8 {
			// An embedded post (a tweet, an Instagram caption) sits
			// in a "social-embed" wrapper, but what it quotes is part
			// of the story.
			continue
		}
		if fn.tag == atom.Form && (d.rawText[i]*2 >= total || d.goodRaw[i] >= 200) {
			// ASP.NET and some CMSs wrap the whole page in one form,
			// shops the product description; search boxes and
			// newsletter sign-ups hold little running text.
			continue
		}
		fn.flags |= flagRemoved
	}
}

// blocks assigns every text node to its block — the nearest non-inline
// ancestor — and totals each block's own text, link text and commas. It
// also sums, per subtree, the "good" text: blocks of at least 25
// characters that are not mostly links. prune uses that to avoid dropping
// a wrapper with "sidebar" in its class that holds the story.
func (d *flatDoc) blocks() {
	nodes := d.nodes
	N := len(nodes)
	blockOf := make([]int32, N)
	d.btext = make([]int32, N)
	d.blink = make([]int32, N)
	d.bcomma = make([]int32, N)
	btext, blink, bcomma := d.btext, d.blink, d.bcomma
	for i := range nodes {
		fn := &nodes[i]
		if fn.kind == kindElem && fn.flags&flagInline == 0 {
			blockOf[i] = int32(i)
		} else if fn.parent >= 0 {
			blockOf[i] = blockOf[fn.parent]
		} else {
			blockOf[i] = -1
		}
		if fn.kind == kindText {
			if b := blockOf[i]; b >= 0 {
				btext[b] += fn.chars
				bcomma[b] += fn.commas
				if fn.flags&flagLink != 0 {
					blink[b] += fn.chars
				}
			}
		}
	}
	d.goodRaw = make([]int32, N)
	for i := N - 1; i >= 0; i-- {
		if t := btext[i]; t >= 25 && blink[i]*2 <= t {
			d.goodRaw[i] += t - blink[i]
		}
		if p := nodes[i].parent; p >= 0 {
			d.goodRaw[p] += d.goodRaw[i]
		}
	}
}

// count fills text and link totals over the nodes that survived prune.
func (d *flatDoc) count() {
	N := len(d.nodes)
	d.text = make([]int32, N)
	d.link = make([]int32, N)
	for i := N - 1; i >= 0; i-- {
		fn := &d.nodes[i]
		if fn.flags&flagRemoved != 0 {
			continue
		}
		if fn.kind == kindText {
			d.text[i] = fn.chars
			if fn.flags&flagLink != 0 {
				d.link[i] = fn.chars
			}
		}
		if p := fn.parent; p >= 0 {
			d.text[p] += d.text[i]
			d.link[p] += d.link[i]
		}
	}
}

// choose returns the containers whose text is the article, in document
// order.
func (d *flatDoc) choose() []int32 {
	nodes := d.nodes
	N := len(nodes)
	// Readability-style scoring: every block of running text with enough
	// text and few links scores its container fully, the container's
	// parent half, and more distant ancestors less. The container of a
	// paragraph-like block (p, li, h2…) is its parent; a div or cell that
	// holds running text itself is its own container, as readability makes
	// it by wrapping the text in <p>.
	btext, blink, bcomma := d.btext, d.blink, d.bcomma
	score := make([]float32, N)
	for i := range nodes {
		t := btext[i]
		if t < 25 || blink[i]*2 > t || nodes[i].flags&flagRemoved != 0 {
			continue
		}
		s := 1 + float32(bcomma[i]) + min(float32(t)/100, 3)
		p := int32(i)
		if paragraphTags[nodes[i].tag] {
			p = nodes[i].parent
		}
		for level := 0; level < 5 && p >= 0; level++ {
			switch level {
			case 0:
				score[p] += s
			case 1:
				score[p] += s / 2
			default:
				score[p] += s / float32(level*3)
			}
			p = nodes[p].parent
		}
	}
	top := int32(-1)
	var topScore float32
	for i := range nodes {
		if score[i] == 0 {
			continue
		}
		ld := float32(0)
		if d.text[i] > 0 {
			ld = float32(d.link[i]) / float32(d.text[i])
		}
		s := score[i] * (1 - ld)
		if nodes[i].tier != 0 {
			s *= 1.25
		}
		score[i] = s
		if s > topScore {
			top, topScore = int32(i), s
		}
	}
	if top < 0 {
		if d.text[d.body] == 0 {
			return nil
		}
		return []int32{d.body}
	}

	// The readability choice: top plus siblings that look like article text.
	// A lone child carries no more than its parent: climb to the
	// widest container with the same text, so that the siblings looked at
	// are the article's other sections rather than nothing.
	for {
		p := nodes[top].parent
		if p < 0 || p == d.body || d.text[p] != d.text[top] {
			break
		}
		top = p
	}
	var picked []int32
	good := int32(0)
	if p := nodes[top].parent; p >= 0 {
		threshold := max(10, topScore*0.2)
		for c := p + 1; c < nodes[p].end; c = nodes[c].end {
			if nodes[c].flags&flagRemoved != 0 {
				continue
			}
			ok := c == top || score[c] >= threshold
			// A sibling named as furniture (a cookie dialog too long for
			// the weak rule to drop) joins only on its score.
			if !ok && nodes[c].kind == kindElem && nodes[c].flags&(flagInline|flagWeak|flagBoiler) == 0 && d.text[c] > 0 {
				ld := float32(d.link[c]) / float32(d.text[c])
				ok = d.text[c] > 80 && ld < 0.25 || d.text[c] > 0 && ld == 0 && btext[c] == d.text[c] && endsSentence(nodes[c].n)
			}
			if ok {
				picked = append(picked, c)
				good += d.text[c] - d.link[c]
			}
		}
	} else {
		picked = []int32{top}
		good = d.text[top] - d.link[top]
	}

	// A container the site itself names as the article body wins when it
	// holds a fair share of what readability found.
	for tier := uint8(1); tier <= 3; tier++ {
		best := int32(-1)
		for i := range nodes {
			fn := &nodes[i]
			if fn.tier != tier || fn.flags&flagRemoved != 0 {
				continue
			}
			if best < 0 || d.text[i]-d.link[i] > d.text[best]-d.link[best] {
				best = int32(i)
			}
		}
		if best < 0 {
			continue
		}
		bg := d.text[best] - d.link[best]
		if bg*2 < good || bg < 100 {
			continue
		}
		// Narrow to the deepest named container that keeps most of the
		// text: they are nested, since two disjoint ones cannot both hold
		// 80%.
		for i := best + 1; i < nodes[best].end; i++ {
			fn := &nodes[i]
			if fn.tier != 0 && fn.flags&flagRemoved == 0 && (d.text[i]-d.link[i])*5 >= bg*4 {
				best = i
			}
		}
		return d.sameClass(best)
	}
	return picked
}

// sameClass returns best together with the other surviving elements that
// share its tag and class, in document order: sites that build a story
// from modules ("text-module", image, quote, "text-module") repeat the
// body class once per run of paragraphs.
func (d *flatDoc) sameClass(best int32) []int32 {
	class := attr(d.nodes[best].n, "class")
	if class == "" {
		return []int32{best}
	}
	tag := d.nodes[best].tag
	var out []int32
	for i := int32(0); i < int32(len(d.nodes)); {
		fn := &d.nodes[i]
		if fn.flags&flagRemoved != 0 {
			i = fn.end
			continue
		}
		if i == best || fn.kind == kindElem && fn.tag == tag && fn.tier == d.nodes[best].tier &&
			d.text[i] > d.link[i]*2 && attr(fn.n, "class") == class {
			out = append(out, i)
			i = fn.end
			continue
		}
		i++
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// endsSentence reports whether the last text in n ends with sentence
// punctuation.
func endsSentence(n *html.Node) bool {
	for c := n.LastChild; c != nil; c = c.LastChild {
		for c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" && c.PrevSibling != nil {
			c = c.PrevSibling
		}
		if c.Type == html.TextNode {
			t := strings.TrimSpace(c.Data)
			if t == "" {
				return false
			}
			r, _ := utf8.DecodeLastRuneInString(t)
			return strings.ContainsRune(".!?。！？…\"”»", r)
		}
	}
	return false
}

// lead finds the standfirst of an article whose body container leaves it
// out: many sites put the lead paragraph in the article header, next to
// the headline, and the body class only on what follows. It is an element
// whose class says so (rules/content.txt, [lead]), placed before the first
// root within a few levels of it, holding running text; furniture rules
// that dropped the header around it do not count. Returns -1 if none.
func (d *flatDoc) lead(roots []int32) int32 {
	if len(roots) == 0 {
		return -1
	}
	nodes := d.nodes
	first := roots[0]
	for i := first; i < nodes[first].end; i++ {
		if nodes[i].flags&flagLead != 0 {
			return -1 // the body starts with its own lead
		}
		if d.btext[i] >= 25 {
			break // the body starts with running text
		}
	}
	scope := first
	for level := 0; level < 6; level++ {
		p := nodes[scope].parent
		if p < 0 || p == d.body {
			break
		}
		scope = p
		if t := nodes[p].tag; t == atom.Article || t == atom.Main {
			break
		}
	}
	best := int32(-1)
	for i := scope; i < first; i++ {
		fn := &nodes[i]
		if fn.flags&(flagLead|flagBoiler|flagHidden) == flagLead && fn.tag != atom.Figcaption &&
			fn.end <= first && d.goodRaw[i] >= 30 {
			// Not a caption "description" or a teaser's "summary".
			best = i
			i = fn.end - 1
		}
	}
	if best >= 0 {
		// Un-drop what the lead holds, but for what is hidden.
		for i := best; i < nodes[best].end; i++ {
			if nodes[i].flags&flagHidden != 0 {
				i = nodes[i].end - 1
				continue
			}
			nodes[i].flags &^= flagRemoved
		}
	}
	return best
}
