package article

import (
	"encoding/json"
	"strings"
)

// readJSONLD reads one <script type="application/ld+json"> block.
//
// Pages wrap their article in many ways: a bare object, an array of
// objects, an "@graph", or a WebPage whose "mainEntity" is the article.
// Only those containers are entered; other nested objects (a "citation",
// a "hasPart", a "relatedLink") describe other articles.
//
// JSON-LD written by templates is often invalid — raw newlines inside
// strings, trailing commas — so a block that fails to parse is retried
// once after repairs of those two faults.
func (m *metaWalk) readJSONLD(src string) {
	src = strings.TrimSpace(src)
	src = strings.TrimPrefix(src, "<!--")
	src = strings.TrimSuffix(src, "-->")
	src = strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(strings.TrimSpace(src), "]]>"), "//<![CDATA["))
	if src == "" {
		return
	}
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		if err := json.Unmarshal([]byte(repairJSON(src)), &v); err != nil {
			return
		}
	}
	m.ldValue(v, 0)
}

// repairJSON replaces control characters inside strings with spaces and
// removes commas before a closing bracket or brace.
func repairJSON(s string) string {
	var b strings.Builder
	inStr, esc := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			case c < 0x20:
				c = ' '
			}
			b.WriteByte(c)
			continue
		}
		if c == '"' {
			inStr = true
		}
		if c == ',' {
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t') {
				j++
			}
			if j < len(s) && (s[j] == '}' || s[j] == ']') {
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (m *metaWalk) ldValue(v any, depth int) {
	if depth > 4 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			m.ldValue(e, depth+1)
		}
	case map[string]any:
		m.ldObject(v, depth)
	}
}

// ldArticleType reports whether a schema.org type is an article (or a
// page) and how much to trust its dates.
func ldArticleType(obj map[string]any) (article, page bool) {
	for _, t := range ldStrings(obj["@type"]) {
		t = strings.ToLower(t)
		switch {
		case strings.HasSuffix(t, "article"), t == "blogposting", t == "liveblogposting",
			t == "reportagenews", t == "report", t == "socialmediaposting", t == "posting":
			article = true
		case strings.HasSuffix(t, "webpage"), t == "collectionpage":
			page = true
		}
	}
	return article, page
}

func (m *metaWalk) ldObject(obj map[string]any, depth int) {
	if g, ok := obj["@graph"]; ok {
		m.ldValue(g, depth+1)
	}
	if me, ok := obj["mainEntity"]; ok {
		m.ldValue(me, depth+1)
	}
	isArticle, isPage := ldArticleType(obj)
	if t := ldStrings(obj["@type"]); len(t) > 0 && (strings.EqualFold(t[0], "WebSite") || strings.EqualFold(t[0], "Organization") || strings.EqualFold(t[0], "NewsMediaOrganization")) {
		if m.ldSite == "" {
			m.ldSite = ldString(obj["name"])
		}
	}
	if !isArticle && !isPage {
		return
	}
	prio := prioJSONLD
	if !isArticle {
		prio = prioJSONLDPage
	}
	if s := ldString(obj["datePublished"]); s != "" {
		m.setDate(fieldPublished, s, prio)
	} else if s := ldString(obj["dateCreated"]); s != "" {
		m.setDate(fieldPublished, s, prio)
	}
	if s := ldString(obj["dateModified"]); s != "" {
		m.setDate(fieldUpdated, s, prio)
	}
	if m.ldURL == "" || isArticle {
		u := ldString(obj["url"])
		if u == "" {
			u = ldID(obj["mainEntityOfPage"])
		}
		if u != "" && (m.ldURL == "" || isArticle && m.ldURLFromPage) {
			m.ldURL, m.ldURLFromPage = u, !isArticle
		}
	}
	if lang := ldString(obj["inLanguage"]); lang != "" && m.ldLang == "" {
		m.ldLang = lang
	}
	if !isArticle {
		return
	}
	if m.ldHeadline == "" {
		m.ldHeadline = firstNonEmpty(ldString(obj["headline"]), ldString(obj["name"]))
	}
	if m.ldDesc == "" {
		m.ldDesc = ldString(obj["description"])
	}
	if len(m.ldAuthors) == 0 {
		m.ldAuthors = ldNames(obj["author"])
		if len(m.ldAuthors) == 0 {
			m.ldAuthors = ldNames(obj["creator"])
		}
	}
	if len(m.ldTags) == 0 {
		for _, k := range ldStrings(obj["keywords"]) {
			m.ldTags = append(m.ldTags, splitTags(k)...)
		}
	}
	if pub, ok := obj["publisher"].(map[string]any); ok && m.ldSite == "" {
		m.ldSite = ldString(pub["name"])
	}
}

// ldString returns a JSON-LD value as one string: a string itself, the
// first of an array, or the "@value" of a value object.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case []any:
		if len(v) > 0 {
			return ldString(v[0])
		}
	case map[string]any:
		return ldString(v["@value"])
	}
	return ""
}

// ldStrings returns a string or an array of strings as a slice.
func ldStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// ldID returns a URL given as a string or as {"@id": ...}.
func ldID(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		return firstNonEmpty(ldString(v["@id"]), ldString(v["url"]))
	}
	return ""
}

// ldNames returns the names of a JSON-LD author: a string, a Person or
// Organization object, or an array of them.
func ldNames(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case map[string]any:
		if n := ldString(v["name"]); n != "" {
			return []string{n}
		}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, ldNames(e)...)
		}
		return out
	}
	return nil
}
