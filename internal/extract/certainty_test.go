package extract

import (
	"reflect"
	"testing"

	"sitrep/internal/article"
)

// Sentences written for these tests; names are fictional.
func TestCertainty(t *testing.T) {
	tests := []struct {
		text   string
		want   string
		claims []Claim
	}{
		{"Gunmen killed four traders at the Rano market on Sunday.", Reported, nil},
		{"The Islamic State group claimed responsibility for the bombing in Darvel.", Claimed,
			[]Claim{{By: "Islamic State group", Kind: "claims_responsibility"}}},
		{"The Red Hand has claimed responsibility for the attack, police said.", Claimed,
			[]Claim{{By: "Red Hand", Kind: "claims_responsibility"}}},
		{"The Northern Front said it carried out the raid on the barracks.", Claimed,
			[]Claim{{By: "Northern Front", Kind: "claims_responsibility"}}},
		{"The militia allegedly burned three villages.", Alleged, nil},
		{"The colonel is alleged to have ordered the killings.", Alleged, nil},
		{"A man believed to be a member of the cell was shot dead.", Suspected, nil},
		{"Suspected rebels ambushed a convoy near Kefar Lami.", Suspected, nil},
		{"The Velora Liberation Army denied involvement in the blast.", Denied,
			[]Claim{{By: "Velora Liberation Army", Kind: "denies"}}},
		{"The group may have used chlorine in the attack.", Hypothetical, nil},
		{"Officials ignored warnings of a coming attack on the depot.", Hypothetical, nil},
		{"The rebels threatened to attack the capital if talks failed.", Hypothetical, nil},
		// Irrealis counts where it bears on the event, not anywhere in
		// the sentence.
		{"The army said the rebels will attack the dam at Velm.", Hypothetical, nil},
		{"Residents were told their district would be bombed.", Hypothetical, nil},
		{"Gunmen killed two guards in Orsa, and police will investigate.", Reported, nil},
		{"The Tarn Brigade must stop the kidnappings, the bishop said.", Hypothetical, nil},
		{"The interior minister blamed the Red Hand for the bombing.", Reported,
			[]Claim{{By: "interior minister", Kind: "blames", Against: "Red Hand"}}},
		{"Police blamed the attack on the Northern Front.", Reported,
			[]Claim{{By: "Police", Kind: "blames", Against: "Northern Front"}}},
		{"Sorvia blames Kestria and Marlo for the sabotage of the pipeline.", Reported,
			[]Claim{{By: "Sorvia", Kind: "blames", Against: "Kestria"}, {By: "Sorvia", Kind: "blames", Against: "Marlo"}}},
		{"Human rights groups accused the army of torturing detainees.", Alleged,
			[]Claim{{By: "Human rights groups", Kind: "blames", Against: "army"}}},
		{"The government pinned the blame on the Eastern Shield.", Reported,
			[]Claim{{By: "government", Kind: "blames", Against: "Eastern Shield"}}},
		{"The explosion was blamed on the Eastern Shield.", Reported,
			[]Claim{{Kind: "blames", Against: "Eastern Shield"}}},
		{"No group has claimed responsibility for the attack.", Reported, nil},
	}
	for _, tc := range tests {
		got, claims := Certainty(tc.text)
		if got != tc.want {
			t.Errorf("Certainty(%q) = %q, want %q", tc.text, got, tc.want)
		}
		if !reflect.DeepEqual(claims, tc.claims) {
			t.Errorf("Certainty(%q) claims\n got %+v\nwant %+v", tc.text, claims, tc.claims)
		}
	}
}

func TestCertaintyClauses(t *testing.T) {
	tests := []struct {
		text   string
		claims []Claim
	}{
		{"Kestria, which denies arming the rebels, called the charge baseless.",
			[]Claim{{By: "Kestria", Kind: "denies"}}},
		{"The Dawn Brigade denied responsibility, blaming the Red Hand instead.",
			[]Claim{{By: "Dawn Brigade", Kind: "denies"}, {By: "Dawn Brigade", Kind: "blames", Against: "Red Hand"}}},
		{"Both sides blamed each other for the collapse of the truce.",
			[]Claim{{By: "Both sides", Kind: "blames", Against: "each other"}}},
		{"Sorvia's foreign ministry accused Kestria of sponsoring the militants.",
			[]Claim{{By: "Sorvia's foreign ministry", Kind: "blames", Against: "Kestria"}}},
		// "the blame" is a noun: nobody in the words before it blames.
		{"The council hid the warnings, perhaps to shift the blame to the contractors.", nil},
		{"The minister laid the blame on the Eastern Shield.",
			[]Claim{{By: "minister", Kind: "blames", Against: "Eastern Shield"}}},
	}
	for _, tc := range tests {
		if _, claims := Certainty(tc.text); !reflect.DeepEqual(claims, tc.claims) {
			t.Errorf("Certainty(%q) claims\n got %+v\nwant %+v", tc.text, claims, tc.claims)
		}
	}
}

func TestCertaintyAppositive(t *testing.T) {
	text := "The Dawn Brigade, an armed group that has fought the government since 2019, claimed responsibility for the raid."
	_, claims := Certainty(text)
	want := []Claim{{By: "Dawn Brigade", Kind: "claims_responsibility"}}
	if !reflect.DeepEqual(claims, want) {
		t.Errorf("got %+v, want %+v", claims, want)
	}
}

// TestEventCertainty checks the certainty events get from their sentences:
// a later sentence of what may happen does not undo one that told what
// happened, and generic statements make no event. Fictional text.
func TestEventCertainty(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // certainty of each event, in order
	}{
		{"reported then irrealis retelling",
			"Gunmen attacked a bus near Orsa on Monday, killing two passengers.\n\nThe gunmen would have attacked more buses near Orsa on Monday, police said.\n",
			[]string{Reported}},
		{"irrealis alone",
			"The Tarn Brigade could attack the police post in Orsa next week, officials said.\n",
			[]string{Hypothetical}},
		{"generic statement",
			"The Tarn Brigade usually attacks police posts in the dry season.\n",
			nil},
		{"continuation of another verb, habitual",
			"The Tarn Brigade continues to attack police posts in the hills.\n",
			nil},
		{"continued investigation of a shooting that happened",
			"RIVERTON, Ohio (WXYZ) — Police continue to investigate after a shooting outside a bar early Sunday sent five people to the hospital.\n",
			[]string{Reported}},
		{"continued search after a stabbing",
			"Officers continued to search for the man who stabbed a clerk at a Riverton gas station on Friday.\n",
			[]string{Reported}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, ev := range Extract(article.Article{Text: tt.text}, Options{}).Events {
				got = append(got, ev.Certainty)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("certainties = %q, want %q", got, tt.want)
			}
		})
	}
}
