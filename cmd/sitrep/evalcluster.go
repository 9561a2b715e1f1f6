package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"

	"sitrep/internal/article"
	"sitrep/internal/cluster"
	"sitrep/internal/eval"
	"sitrep/internal/extract"
)

// clusterItem codes one GVA article with the full pipeline, as gvaPredict
// does, and returns its main (first) event as a cluster item; false when
// the article reports no event.
func clusterItem(a eval.GVAArticle) (cluster.Item, bool) {
	art, err := article.Read(a.ID, []byte(a.Title+"\n\n"+a.Text), article.Options{Format: "text"})
	if err != nil && art.Text == "" {
		return cluster.Item{}, false
	}
	art.Title = a.Title
	pub, _ := time.Parse("2006-01-02", a.Published)
	evs := extract.Extract(art, extract.Options{Published: pub}).Events
	if len(evs) == 0 {
		return cluster.Item{}, false
	}
	return cluster.FromEvent(a.ID, &evs[0], pub, a.Title, art.Text), true
}

func (e env) cmdEvalCluster(args []string) int {
	f := e.newEvalFlags("cluster", "gva", "usage: sitrep eval cluster --data DIR [--worst N] [--json]\n\nCodes each Gun Violence Archive article with 'sitrep extract', feeds its main\nevent to the incident clusterer in order of publication (an article with no\nevent is a singleton) and scores the incidents against the archive's\narticle grouping: B-cubed precision, recall and F1 over articles, and the\nnumber of predicted and gold clusters. Boilerplate pages are left out.",
		0, "list N false merges and N missed merges")
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
	items := make([]cluster.Item, len(todo))
	has := make([]bool, len(todo))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				items[i], has[i] = clusterItem(todo[i])
			}
		})
	}
	for i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()

	c := cluster.New()
	pred := map[string]string{}
	for i, it := range items {
		if has[i] {
			pred[todo[i].ID] = strconv.Itoa(c.Add(it))
		}
	}
	s := eval.ScoreBCubed(pred, gold)
	if *f.asJSON {
		json.NewEncoder(e.stdout).Encode(map[string]any{
			"articles": s.Articles, "with_event": len(pred), "precision": s.Precision, "recall": s.Recall, "f1": s.F1,
			"pred_clusters": s.PredClusters, "gold_clusters": s.GoldClusters,
		})
		return 0
	}
	fmt.Fprintf(e.stdout, "gva cluster: %d articles (%d with an event; boilerplate pages left out)\n", s.Articles, len(pred))
	fmt.Fprintf(e.stdout, "  B-cubed precision %.3f  recall %.3f  F1 %.3f\n", s.Precision, s.Recall, s.F1)
	fmt.Fprintf(e.stdout, "  clusters: %d predicted, %d gold\n", s.PredClusters, s.GoldClusters)
	if *f.worst > 0 {
		printClusterErrors(e, todo, pred, gold, *f.worst)
	}
	return 0
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
