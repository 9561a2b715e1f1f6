package article

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// This file writes the chosen containers of a flattened page as
// paragraphs.

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

// text appends the text of one text node, collapsing runs of white space
// to one space as a browser does; link says the text is inside an <a>,
// for the link-density test in flush.
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

// br handles a <br>: one breaks the line within the paragraph, two in a
// row (white space between them aside) end the paragraph, which is how
// pages without <p> separate theirs.
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

// flush ends the current paragraph and keeps it unless it is the headline,
// a link list or a line of furniture.
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
