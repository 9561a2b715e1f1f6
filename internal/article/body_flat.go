package article

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// This file holds the flat representation of a page that the body
// extractor works on (see extractBody) and the walk that builds it.

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
					if a.Key == "class" && hiddenClass(a.Val) {
						fn.flags |= flagHidden
					}
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

// hiddenClass reports whether a class list hides the element from
// readers: screen-reader-only text ("Skip to content", "Opens in a new
// window"), and the utility classes of Bootstrap and Tailwind that hide an
// element at every screen size ("d-none", "hidden") unless the list also
// shows it at some size ("d-md-block", "lg:flex").
func hiddenClass(v string) bool {
	if !strings.Contains(v, "hidden") && !strings.Contains(v, "none") && !strings.Contains(v, "sr-only") && !strings.Contains(v, "screen-reader") {
		return false
	}
	hide, show := false, false
	for c := range strings.FieldsSeq(v) {
		switch c {
		case "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screen-reader-only":
			return true
		case "hidden", "d-none", "is-hidden", "u-hidden":
			hide = true
		default:
			if strings.HasPrefix(c, "d-") && !strings.HasSuffix(c, "-none") ||
				strings.Contains(c, ":") && !strings.HasSuffix(c, ":hidden") {
				show = true // d-md-block, md:flex …
			}
		}
	}
	return hide && !show
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
