package eval

import (
	"path/filepath"
	"sort"

	"sitrep/internal/cluster"
)

// ClusterGold is the gold clustering of a set: for each article, the
// incidents it was collected for (usually one; several when one article
// reports more than one incident).
type ClusterGold map[string][]string

// LoadGVAClusterGold reads the articles' incident ids from
// ../shared/eval/gva, leaving out boilerplate pages (paywall and error
// pages whose text is another incident's), as the set's README says.
func LoadGVAClusterGold(dir string) (ClusterGold, error) {
	gold := ClusterGold{}
	err := eachJSONLine(filepath.Join(dir, "articles.jsonl.gz"), func(dec func(any) error) error {
		var r struct {
			ID          string   `json:"id"`
			IncidentID  string   `json:"incident_id"`
			IncidentIDs []string `json:"incident_ids"`
			Boilerplate bool     `json:"boilerplate"`
		}
		if err := dec(&r); err != nil {
			return err
		}
		if r.Boilerplate {
			return nil
		}
		ids := r.IncidentIDs
		if len(ids) == 0 {
			ids = []string{r.IncidentID}
		}
		gold[r.ID] = ids
		return nil
	})
	return gold, err
}

// BCubed is the B-cubed score of a clustering (Bagga & Baldwin 1998):
// for each article, precision is the share of its predicted cluster that
// is in its gold cluster and recall the share of its gold cluster that is
// in its predicted cluster, averaged over articles.
type BCubed struct {
	Articles                   int
	Precision, Recall, F1      float64
	PredClusters, GoldClusters int
}

// ScoreBCubed scores predicted cluster labels (article id → cluster) on
// the gold articles; a gold article with no prediction is a singleton. An
// article with several gold incidents counts as belonging to the one most
// of its predicted cluster-mates belong to (correct with any of them),
// ties going to the first listed.
func ScoreBCubed(pred map[string]string, gold ClusterGold) BCubed {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	label := func(id string) string {
		if p, ok := pred[id]; ok {
			return "p:" + p
		}
		return "s:" + id // singleton
	}
	predMembers := map[string][]string{}
	for _, id := range ids {
		predMembers[label(id)] = append(predMembers[label(id)], id)
	}
	// Resolve multi-incident articles against their predicted cluster.
	goldOf := map[string]string{}
	for _, id := range ids {
		g := gold[id]
		if len(g) == 1 {
			goldOf[id] = g[0]
			continue
		}
		votes := map[string]int{}
		for _, o := range predMembers[label(id)] {
			if o == id {
				continue
			}
			for _, x := range gold[o] {
				votes[x]++
			}
		}
		best := g[0]
		for _, x := range g {
			if votes[x] > votes[best] {
				best = x
			}
		}
		goldOf[id] = best
	}
	goldMembers := map[string]int{}
	for _, id := range ids {
		goldMembers[goldOf[id]]++
	}
	var s BCubed
	s.Articles = len(ids)
	s.PredClusters, s.GoldClusters = len(predMembers), len(goldMembers)
	if len(ids) == 0 {
		return s
	}
	for _, ms := range predMembers {
		inter := map[string]int{}
		for _, id := range ms {
			inter[goldOf[id]]++
		}
		for _, id := range ms {
			n := float64(inter[goldOf[id]])
			s.Precision += n / float64(len(ms))
			s.Recall += n / float64(goldMembers[goldOf[id]])
		}
	}
	s.Precision /= float64(len(ids))
	s.Recall /= float64(len(ids))
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// MissedPair is two articles of one gold incident that a clustering put
// apart, with what the merge rules say of them: the evidence for finding
// out which rule keeps same-incident reports apart (sitrep eval cluster
// --misses).
type MissedPair struct {
	Incident string
	A, B     string // article ids, A published first
	// NoEvent is set when A or B has no event: nothing could merge it.
	NoEvent bool
	Verdict cluster.Verdict // of B against an incident of A alone
}

// Blocker names what kept the pair apart: "no event"; the hard rules
// ("date", "place", "count", joined by "+" when several hold); "text"
// when the similarity fell short of what the places asked, "text
// (follow-up)" or "text (other type)" when a later date or another type
// raised the bar; or "search" when the rules would merge the two alone,
// so the candidate search or a better-scoring incident kept them apart.
func (m MissedPair) Blocker() string {
	v := m.Verdict
	if m.NoEvent {
		return "no event"
	}
	var hard []string
	for _, r := range []struct {
		on   bool
		name string
	}{{v.Date, "date"}, {v.Place, "place"}, {v.Count, "count"}} {
		if r.on {
			hard = append(hard, r.name)
		}
	}
	switch {
	case len(hard) > 0:
		s := hard[0]
		for _, h := range hard[1:] {
			s += "+" + h
		}
		return s
	case v.Merges():
		return "search"
	case v.FollowUp:
		return "text (follow-up)"
	case v.OtherType:
		return "text (other type)"
	}
	return "text"
}

// MissedPairs lists the pairs of articles of one gold incident (by
// first-listed incident) that pred puts in different clusters. order is
// the articles in the order they were clustered (publication), items
// their main events (an article without one is absent), idf the
// clusterer's weights.
func MissedPairs(order []string, items map[string]cluster.Item, pred map[string]string, gold ClusterGold, idf cluster.IDF) []MissedPair {
	byGold := map[string][]string{}
	var incidents []string
	for _, id := range order {
		g, ok := gold[id]
		if !ok {
			continue
		}
		if byGold[g[0]] == nil {
			incidents = append(incidents, g[0])
		}
		byGold[g[0]] = append(byGold[g[0]], id)
	}
	sort.Strings(incidents)
	var out []MissedPair
	for _, inc := range incidents {
		ids := byGold[inc]
		for i, a := range ids {
			for _, b := range ids[i+1:] {
				pa, okA := pred[a]
				pb, okB := pred[b]
				if okA && okB && pa == pb {
					continue
				}
				m := MissedPair{Incident: inc, A: a, B: b}
				ia, hasA := items[a]
				ib, hasB := items[b]
				if !hasA || !hasB {
					m.NoEvent = true
				} else {
					m.Verdict = cluster.Compare(ia, ib, idf)
				}
				out = append(out, m)
			}
		}
	}
	return out
}
