package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/cluster"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
	"sitrep/internal/store"
)

// codedArticle is one GVA article coded with the full pipeline, as
// gvaPredict does: the article as read and its events, most salient first.
type codedArticle struct {
	art    article.Article
	pub    time.Time
	events []extract.Event
}

func codeArticle(a eval.GVAArticle) codedArticle {
	art, err := article.Read(a.ID, []byte(a.Title+"\n\n"+a.Text), article.Options{Format: "text"})
	if err != nil && art.Text == "" {
		return codedArticle{}
	}
	art.Title = a.Title
	pub, _ := time.Parse("2006-01-02", a.Published)
	art.Published = pub
	return codedArticle{art: art, pub: pub, events: extract.Extract(art, extract.Options{Published: pub}).Events}
}

// clusterInMemory feeds each article's main (first) event to a Clusterer
// in order of publication and returns the incident of each article that
// has an event, the items it was given and the clusterer's word weights.
func clusterInMemory(todo []eval.GVAArticle, coded []codedArticle) (map[string]string, map[string]cluster.Item, cluster.IDF) {
	c := cluster.New()
	pred, items := map[string]string{}, map[string]cluster.Item{}
	for i, ca := range coded {
		if len(ca.events) > 0 {
			it := cluster.FromEvent(todo[i].ID, &ca.events[0], ca.pub, ca.art.Title, ca.art.Text)
			pred[todo[i].ID] = strconv.Itoa(c.Add(it))
			items[todo[i].ID] = it
		}
	}
	return pred, items, c.IDF()
}

// clusterThroughStore puts every article with all its events into a new
// SQLite store in a temporary folder, in order of publication and in
// batches as 'sitrep ingest' does, and returns the incident the store
// merged each article's main event into.
func clusterThroughStore(ctx context.Context, todo []eval.GVAArticle, coded []codedArticle) (map[string]string, error) {
	dir, err := os.MkdirTemp("", "sitrep-eval-cluster-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	s, err := store.Open(ctx, filepath.Join(dir, "eval.db"))
	if err != nil {
		return nil, err
	}
	defer s.Close()
	const batch = 64
	ids := make([]int64, len(todo))
	for lo := 0; lo < len(todo); lo += batch {
		hi := min(lo+batch, len(todo))
		items := make([]store.Item, 0, hi-lo)
		for i := lo; i < hi; i++ {
			items = append(items, store.Item{Article: store.Article{Article: coded[i].art, ExternalID: todo[i].ID},
				Events: coded[i].events})
		}
		res, err := s.PutArticles(ctx, items)
		if err != nil {
			return nil, err
		}
		for k, r := range res {
			if r.Err != nil {
				return nil, r.Err
			}
			ids[lo+k] = r.ID
		}
	}
	pred := map[string]string{}
	for i, id := range ids {
		evs, err := s.ArticleEvents(ctx, id)
		if err != nil {
			return nil, err
		}
		if len(evs) > 0 && len(coded[i].events) > 0 {
			pred[todo[i].ID] = strconv.FormatInt(evs[0].IncidentID, 10)
		}
	}
	return pred, nil
}

func (e env) cmdEvalCluster(args []string) int {
	f := e.newEvalFlags("cluster", "gva", "usage: sitrep eval cluster --data DIR [--worst N] [--misses N] [--json]\n\nCodes each Gun Violence Archive article with 'sitrep extract' and puts it,\nwith all its events, into a new SQLite store in order of publication, as\n'sitrep ingest' would; the store merges events into incidents. Each article\nis scored by the incident of its main event (an article with no event is a\nsingleton) against the archive's article grouping: B-cubed precision,\nrecall and F1 over articles, and the number of predicted and gold clusters.\nThe in-memory clusterer fed main events only is scored beside it.\nBoilerplate pages are left out. --misses counts the pairs of one\nincident's articles the in-memory clusterer put apart by the rule that\nkept them apart, and lists N of them with their fields.",
		0, "list N false merges and N missed merges")
	misses := f.fs.Int("misses", 0, "count the same-incident pairs put apart by what blocked them and list N")
	dir, ok := f.parse(args)
	if !ok {
		return 2
	}
	set, err := eval.LoadGVA(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	gold, err := eval.LoadGVAClusterGold(dir)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return 1
	}
	var todo []eval.GVAArticle
	for _, a := range set.Articles {
		if _, ok := gold[a.ID]; ok {
			todo = append(todo, a)
		}
	}
	sort.SliceStable(todo, func(i, j int) bool {
		if todo[i].Published != todo[j].Published {
			return todo[i].Published < todo[j].Published
		}
		return todo[i].ID < todo[j].ID
	})
	coded := make([]codedArticle, len(todo))
	eval.Each(len(todo), func(i int) { coded[i] = codeArticle(todo[i]) }, nil)

	memPred, memItems, memIDF := clusterInMemory(todo, coded)
	mem := eval.ScoreBCubed(memPred, gold)
	pred, err := clusterThroughStore(context.Background(), todo, coded)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep: eval cluster: %v\n", err)
		return 1
	}
	s := eval.ScoreBCubed(pred, gold)
	if *f.asJSON {
		json.NewEncoder(e.stdout).Encode(map[string]any{
			"articles": s.Articles, "with_event": len(pred), "precision": s.Precision, "recall": s.Recall, "f1": s.F1,
			"pred_clusters": s.PredClusters, "gold_clusters": s.GoldClusters,
			"in_memory": map[string]any{"precision": mem.Precision, "recall": mem.Recall, "f1": mem.F1, "pred_clusters": mem.PredClusters},
		})
		return 0
	}
	fmt.Fprintf(e.stdout, "gva cluster: %d articles (%d with an event; boilerplate pages left out)\n", s.Articles, len(pred))
	fmt.Fprintf(e.stdout, "  through the store (SQLite, every event): B-cubed precision %.3f  recall %.3f  F1 %.3f\n", s.Precision, s.Recall, s.F1)
	fmt.Fprintf(e.stdout, "  in memory (main event only):             B-cubed precision %.3f  recall %.3f  F1 %.3f\n", mem.Precision, mem.Recall, mem.F1)
	fmt.Fprintf(e.stdout, "  clusters: %d predicted through the store, %d in memory, %d gold\n", s.PredClusters, mem.PredClusters, s.GoldClusters)
	if *f.worst > 0 {
		printClusterErrors(e, todo, pred, gold, *f.worst)
	}
	if *misses > 0 {
		printMisses(e, todo, memItems, memPred, gold, memIDF, *misses)
	}
	return 0
}

// printMisses counts the same-incident pairs the in-memory clusterer put
// apart by what blocked them (eval.MissedPair.Blocker) and lists n of
// them, each article with the fields the rules read.
func printMisses(e env, arts []eval.GVAArticle, items map[string]cluster.Item, pred map[string]string, gold eval.ClusterGold, idf cluster.IDF, n int) {
	order := make([]string, len(arts))
	byID := map[string]eval.GVAArticle{}
	for i, a := range arts {
		order[i] = a.ID
		byID[a.ID] = a
	}
	ms := eval.MissedPairs(order, items, pred, gold, idf)
	count := map[string]int{}
	var kinds []string
	for _, m := range ms {
		b := m.Blocker()
		if count[b] == 0 {
			kinds = append(kinds, b)
		}
		count[b]++
	}
	sort.Slice(kinds, func(i, j int) bool { return count[kinds[i]] > count[kinds[j]] })
	fmt.Fprintf(e.stdout, "  same-incident pairs put apart in memory: %d\n", len(ms))
	for _, k := range kinds {
		fmt.Fprintf(e.stdout, "    %6d  %s\n", count[k], k)
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format(time.DateOnly)
	}
	num := func(p *int) string {
		if p == nil {
			return "?"
		}
		return strconv.Itoa(*p)
	}
	for i, m := range ms {
		if i >= n {
			break
		}
		fmt.Fprintf(e.stdout, "  gold %s: %s (similarity %.3f, needed %.2f)\n", m.Incident, m.Blocker(), m.Verdict.Similarity, m.Verdict.Needed)
		for _, id := range []string{m.A, m.B} {
			a := byID[id]
			it, ok := items[id]
			if !ok {
				fmt.Fprintf(e.stdout, "    %.8s pub %s  no event  %.80s\n", id, a.Published, a.Title)
				continue
			}
			fmt.Fprintf(e.stdout, "    %.8s pub %s  date %s..%s  %s/%s/%s  %s  killed %s wounded %s  %.80s\n", id, a.Published,
				day(it.Start), day(it.End), it.Country, it.Admin1, it.City, it.Subtype, num(it.Killed), num(it.Wounded), a.Title)
		}
	}
}

// printClusterErrors lists predicted clusters that mix gold incidents
// (false merges) and gold incidents split over several predicted
// clusters (missed merges), with the articles' titles.
func printClusterErrors(e env, arts []eval.GVAArticle, pred map[string]string, gold eval.ClusterGold, n int) {
	title := map[string]string{}
	for _, a := range arts {
		title[a.ID] = a.Published + " " + a.Title
	}
	byPred, byGold := map[string][]string{}, map[string][]string{}
	for _, a := range arts {
		if p, ok := pred[a.ID]; ok {
			byPred[p] = append(byPred[p], a.ID)
		} else {
			byPred["s:"+a.ID] = []string{a.ID}
		}
		byGold[gold[a.ID][0]] = append(byGold[gold[a.ID][0]], a.ID)
	}
	show := func(head string, groups map[string][]string, bad func([]string) bool, key func(string) string) {
		keys := make([]string, 0, len(groups))
		for k := range groups {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		shown := 0
		for _, k := range keys {
			if shown >= n || !bad(groups[k]) {
				continue
			}
			shown++
			fmt.Fprintf(e.stdout, "  %s:\n", head)
			for _, id := range groups[k] {
				fmt.Fprintf(e.stdout, "    %-12s %s\n", key(id), title[id])
			}
		}
	}
	mixed := func(key func(string) string) func([]string) bool {
		return func(ids []string) bool {
			for _, id := range ids[1:] {
				if key(id) != key(ids[0]) {
					return true
				}
			}
			return false
		}
	}
	goldKey := func(id string) string { return "gold " + gold[id][0] }
	predKey := func(id string) string {
		if p, ok := pred[id]; ok {
			return "pred " + p
		}
		return "no event"
	}
	show("false merge", byPred, mixed(goldKey), goldKey)
	show("missed merge", byGold, mixed(predKey), predKey)
}
