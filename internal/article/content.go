package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

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
	d.prune()
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

// Node kinds and flags of flatNode.
const (
	kindElem = iota
	kindText
)

const (
	flagBoiler  = 1 << iota // class/id/role marks furniture
	flagHidden              // hidden attribute or display:none
	flagInline              // inline element: text flows through it
	flagLink                // inside an <a>
	flagRemoved             // dropped, with its subtree
	flagLead                // class/id marks a standfirst or lead
	flagWeak                // class/id marks furniture if it holds little text
)

// flatNode is one element or text node of the page in document order. The
// subtree of node i is nodes[i:end].
type flatNode struct {
	n      *html.Node
	parent int32
	end    int32
	tag    atom.Atom
	kind   uint8
	flags  uint8
	tier   uint8 // content tier from rules/content.txt, 0 if none
	// own text of a text node: characters other than white space, and
	// commas; both zero for elements.
	chars, commas int32
}

// flatDoc is the page as an array plus per-node counts filled in by count.
type flatDoc struct {
	nodes []flatNode
	body  int32
	// Subtree totals over nodes not removed: characters, characters
	// inside links.
	text, link []int32
	// rawText is the subtree total before furniture was removed.
	rawText []int32
	// Per block (see blocks): own text, link text and commas; goodRaw
	// is the subtree total of good block text before pruning.
	btext, blink, bcomma, goodRaw []int32
	// hasContent marks nodes that are or contain a content-tier node.
	hasContent []bool
}

// skipTags are never text: their subtrees are left out of the flat array.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Svg: true,
	atom.Math: true, atom.Template: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Select: true, atom.Button: true,
	atom.Input: true, atom.Textarea: true, atom.Option: true, atom.Link: true,
	atom.Meta: true, atom.Head: true, atom.Title: true, atom.Img: true,
	atom.Picture: true, atom.Video: true, atom.Audio: true, atom.Source: true,
	atom.Map: true, atom.Area: true, atom.Track: true, atom.Param: true,
	atom.Base: true, atom.Dialog: true, atom.Datalist: true,
}

// inlineTags carry text inside a paragraph; any other element, including
// unknown custom elements, starts a new block.
var inlineTags = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.Acronym: true, atom.B: true,
	atom.Bdi: true, atom.Bdo: true, atom.Big: true, atom.Cite: true,
	atom.Code: true, atom.Data: true, atom.Del: true, atom.Dfn: true,
	atom.Em: true, atom.Font: true, atom.I: true, atom.Ins: true,
	atom.Kbd: true, atom.Label: true, atom.Mark: true, atom.Nobr: true,
	atom.Q: true, atom.Rp: true, atom.Rt: true, atom.Ruby: true,
	atom.S: true, atom.Samp: true, atom.Small: true, atom.Span: true,
	atom.Strike: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.Tt: true, atom.U: true, atom.Var: true,
	atom.Wbr: true, atom.Br: true,
}

// flatten walks doc iteratively and builds the flat array, leaving out
// comments and skipTags subtrees, and reading each element's attributes
// once. Verdicts on class/id values are cached per page: sites repeat the
// same few class names thousands of times.
func flatten(doc *html.Node) *flatDoc {
	d := &flatDoc{nodes: make([]flatNode, 0, 1024), body: -1}
	verdicts := map[string]uint8{} // value -> tier<<3 | weak<<2 | lead<<1 | boiler
	classify := func(v string) uint8 {
		if v == "" {
			return 0
		}
		c, ok := verdicts[v]
		if !ok {
			sq := squeeze(v)
			if bodyRules.boiler.match(v, sq) {
				c |= 1
			} else if bodyRules.weak.match(v, sq) {
				c |= 4
			}
			if bodyRules.lead.match(v, sq) {
				c |= 2
			}
			c |= uint8(tierOf(bodyRules.squeezed.match(sq))) << 3
			verdicts[v] = c
		}
		return c
	}
	parent := int32(-1)
	n := doc
	for n != nil {
		descend := false
		switch n.Type {
		case html.DocumentNode:
			descend = true
		case html.TextNode:
			idx := int32(len(d.nodes))
			fn := flatNode{n: n, parent: parent, end: idx + 1, kind: kindText}
			for _, r := range n.Data {
				switch r {
				case ' ', '\t', '\n', '\r', '\f', '\u00a0', '\u00ad', '\u200b', '\u2060', '\ufeff':
				case ',', '，', '、', '،':
					fn.commas++
					fn.chars++
				default:
					fn.chars++
				}
			}
			if parent >= 0 && d.nodes[parent].flags&flagLink != 0 {
				fn.flags |= flagLink
			}
			d.nodes = append(d.nodes, fn)
		case html.ElementNode:
			if skipTags[n.DataAtom] {
				break
			}
			idx := int32(len(d.nodes))
			fn := flatNode{n: n, parent: parent, end: idx + 1, tag: n.DataAtom, kind: kindElem}
			if parent >= 0 {
				fn.flags |= d.nodes[parent].flags & flagLink
			}
			if n.DataAtom == atom.A {
				fn.flags |= flagLink
			}
			if inlineTags[n.DataAtom] {
				fn.flags |= flagInline
			} else if n.DataAtom == 0 && parent >= 0 && (d.nodes[parent].flags&flagInline != 0 || paragraphTags[d.nodes[parent].tag]) {
				// A custom element inside running text (a citation
				// widget, a glossary tooltip) flows with it.
				fn.flags |= flagInline
			}
			if n.DataAtom == atom.Body && d.body < 0 {
				d.body = idx
			}
			for _, a := range n.Attr {
				if a.Namespace != "" {
					continue
				}
				switch a.Key {
				case "class", "id", "role", "itemprop":
					c := classify(a.Val)
					if c&1 != 0 {
						fn.flags |= flagBoiler
					}
					if c&2 != 0 {
						fn.flags |= flagLead
					}
					if c&4 != 0 {
						fn.flags |= flagWeak
					}
					t := c >> 3
					if t != 0 && (fn.tier == 0 || t < fn.tier) {
						fn.tier = t
					}
				case "hidden":
					fn.flags |= flagHidden
				case "style":
					if hiddenStyle(a.Val) {
						fn.flags |= flagHidden
					}
				case "aria-hidden":
					// Icons and duplicated labels; real text is rarely
					// hidden from screen readers.
				}
			}
			d.nodes = append(d.nodes, fn)
			descend = true
			if n.FirstChild != nil {
				parent = idx
			}
		}
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		// Climb until a node has a next sibling, closing the subtrees of
		// the elements we leave.
		for n != doc && n.NextSibling == nil {
			n = n.Parent
			if n.Type == html.ElementNode && parent >= 0 && d.nodes[parent].n == n {
				d.nodes[parent].end = int32(len(d.nodes))
				parent = d.nodes[parent].parent
			}
		}
		if n == doc {
			break
		}
		n = n.NextSibling
	}
	if d.body < 0 {
		d.body = 0
	}
	return d
}

// hiddenStyle reports whether an inline style hides the element.
func hiddenStyle(s string) bool {
	if !strings.Contains(s, "none") && !strings.Contains(s, "hidden") {
		return false
	}
	s = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// paragraphTags hold running text but are not containers of an article.
var paragraphTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Dd: true,
	atom.Dt: true, atom.Blockquote: true, atom.Figcaption: true, atom.Caption: true,
}

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
func (d *flatDoc) prune() {
	nodes := d.nodes
	N := len(nodes)
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
		furniture := furnitureTags[fn.tag] || fn.flags&flagBoiler != 0 && (fn.flags&flagInline == 0 || fn.tag == atom.Span) ||
			fn.flags&(flagWeak|flagInline) == flagWeak && d.goodRaw[i] < weakTextLimit
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
			if !ok && nodes[c].kind == kindElem && nodes[c].flags&flagInline == 0 && d.text[c] > 0 {
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

// paraWriter accumulates one paragraph at a time.
type paraWriter struct {
	b         strings.Builder
	chars     int  // characters other than white space
	linkChars int  // of which inside links
	space     bool // white space pending before the next character
	brPending bool // a <br> with nothing after it yet
	heading   atom.Atom
	// lastHeading: the last paragraph written was a heading; lastTitle:
	// it was a heading or a short label (see titleLike).
	lastHeading, lastTitle bool
	out                    []string
}

func (w *paraWriter) text(s string, link bool) {
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\u00a0':
			w.space = true
			continue
		case '\u00ad', '\u200b', '\u2060', '\ufeff':
			// Soft hyphens and zero-width spaces are invisible; kept,
			// they split words for every later stage.
			continue
		}
		if w.space && w.b.Len() > 0 {
			last := w.b.String()[w.b.Len()-1]
			if last != '\n' {
				w.b.WriteByte(' ')
			}
		}
		w.space = false
		w.brPending = false
		w.b.WriteRune(r)
		w.chars++
		if link {
			w.linkChars++
		}
	}
}

func (w *paraWriter) br() {
	if w.brPending {
		w.flush()
		return
	}
	if w.b.Len() > 0 {
		w.b.WriteByte('\n')
		w.space = false
		w.brPending = true
	}
}

func (w *paraWriter) flush() {
	defer func() {
		w.b.Reset()
		w.chars, w.linkChars = 0, 0
		w.space, w.brPending = false, false
		w.heading = 0
	}()
	if w.chars == 0 {
		return
	}
	// NFC: pages mix precomposed and decomposed forms of the same
	// letters (Bengali, Vietnamese, Korean); later stages match strings.
	p := norm.NFC.String(strings.TrimSpace(w.b.String()))
	if w.heading == atom.H1 {
		return // the headline belongs to metadata
	}
	// Link lists: teasers, tags, "read more" lines.
	if w.linkChars*10 >= w.chars*8 {
		w.droppedLinks()
		return
	}
	if bodyRules.isDropLine(p) {
		return
	}
	w.out = append(w.out, p)
	w.lastHeading = w.heading != 0
	w.lastTitle = w.lastHeading || titleLike(p)
}

// titleLike reports whether a paragraph reads as a label rather than a
// sentence: short, and not ending in sentence punctuation ("Read also",
// "More from our partners").
func titleLike(p string) bool {
	if len(p) > 160 || utf8.RuneCountInString(p) > 60 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(p)
	return !strings.ContainsRune(".!?。！？…\"”»)", r)
}

// droppedLinks notes that a link list was left out: a heading just before
// it was the list's title ("More on this story") and goes too.
func (w *paraWriter) droppedLinks() {
	if w.lastTitle && len(w.out) > 0 {
		w.out = w.out[:len(w.out)-1]
	}
	w.lastHeading, w.lastTitle = false, false
}

// write appends the paragraphs of the subtree at root to out.
func (d *flatDoc) write(root int32, out []string) []string {
	nodes := d.nodes
	w := &paraWriter{out: out}
	// open holds the end index of each open block; when the scan reaches
	// it the block is closed and the paragraph flushed. Table cells are
	// pushed negated: closing one only separates words.
	var open []int32
	end := nodes[root].end
	for i := root; i < end; {
		for len(open) > 0 && i >= abs32(open[len(open)-1]) {
			if open[len(open)-1] > 0 {
				w.flush()
			} else {
				w.space = true
			}
			open = open[:len(open)-1]
		}
		fn := &nodes[i]
		if fn.flags&flagRemoved != 0 {
			i = fn.end
			continue
		}
		if fn.kind == kindText {
			w.text(fn.n.Data, fn.flags&flagLink != 0)
			i++
			continue
		}
		switch {
		case fn.tag == atom.Br:
			w.br()
		case fn.tag == atom.Td || fn.tag == atom.Th:
			// A row of a data table is one paragraph, cells separated
			// by a space; blocks inside a layout table's cells still
			// make their own paragraphs.
			w.space = true
			w.brPending = false
			if fn.end > i+1 {
				open = append(open, -fn.end)
			}
		case fn.flags&flagInline == 0:
			w.flush()
			if i != root && !paragraphTags[fn.tag] && d.link[i]*10 > d.text[i]*6 {
				// A block of mostly links inside the article: a
				// "more on this" box, a tag cloud.
				w.droppedLinks()
				i = fn.end
				continue
			}
			if fn.end > i+1 {
				open = append(open, fn.end)
			}
			switch fn.tag {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				w.heading = fn.tag
			}
		}
		i++
	}
	w.flush()
	if w.lastHeading {
		// A heading that ends the article heads something that was
		// left out.
		w.out = w.out[:len(w.out)-1]
	}
	return w.out
}

func abs32(x int32) int32 {
	if x < 0 {
		return -x
	}
	return x
}
