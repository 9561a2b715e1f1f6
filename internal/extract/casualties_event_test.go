package extract

import (
	"testing"
	"time"

	"sitrep/internal/article"
)

// TestEventWounded checks how an event's wounded come from people shot
// less people killed beside a sentence's own count of the hurt.
func TestEventWounded(t *testing.T) {
	pub := time.Date(2015, 5, 4, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, title, text string
		killed, wounded   int
	}{
		{"an accident headline's toll", "Boy, 7, accidentally shot, killed in Dalmera",
			"Police in Dalmera said a boy of 7 had been shot behind a grocery on Monday. Officers found the boy bleeding in a car.", 1, 0},
		{"a toll told with the arrest", "",
			"Police in Dalmera arrested a man on Monday in connection with a shooting that left five people hospitalized. The shooting happened early Sunday outside a bar on Kessin Avenue, police said.", 0, 5},
		{"the boy told dead paragraphs on", "",
			"A 9-year-old boy was shot outside a bar in Dalmera on Sunday night, police said.\n\nOfficers searched the street for shell casings.\n\nNeighbours said the street had been quiet for years.\n\nPolice later confirmed that the boy had died.", 1, 0},
		{"a surname's death paragraphs on", "",
			"A woman who was shot in a park in Dalmera on Monday afternoon has been identified as Mira Tolland, 19, police said.\n\nThe shooting happened near the boat ramp.\n\n\"We heard four pops,\" a jogger said.\n\nOfficers had trouble identifying Tolland, who was pronounced dead at Orlen Memorial.", 1, 0},
		{"a gunshot wound, then dead", "",
			"Deputies found a teenager in the street with a gunshot wound in Dalmera on Sunday night, police said. Medics pronounced him dead at the scene.", 1, 0},
		{"several injured, nine shot", "",
			"A gunman killed one person and injured several others at a club in Dalmera on Sunday, police said. Police said nine people were shot outside the club.", 1, 8},
		{"one in critical condition among four shot", "",
			"Four people were shot outside a bar in Dayton on Sunday night, police said. One man was killed in the shooting. One woman was in critical condition.", 1, 3},
		{"taken to hospital, then died", "",
			"Gunmen opened fire outside a bar in Dayton on Sunday night, police said. The man was taken to a local hospital, where he died.", 1, 0},
		{"a city's tally is not the event's", "",
			"A man is in critical condition after a shooting outside a bar in Dayton on Sunday night, police said. So far this year 76 people have been shot in the city.", 0, 1},
		{"another man also killed", "",
			"A man was killed in a shooting outside a bar in Dayton on Sunday night, police said. Orrin Pike, 24, was also killed in the shooting.", 2, 0},
		{"the same dead told twice", "",
			"Two men were killed in a shooting outside a bar in Dayton on Sunday night, police said. Orrin Pike, 24, was also killed in the shooting.", 2, 0},
		{"a fatal shooting in the headline", "Police probe fatal shooting on Kessin Avenue",
			"A man was shot outside a bar on Kessin Avenue in Dalmera on Sunday night, police said. Officers searched the street for shell casings.", 1, 0},
		{"shot to death in the headline", "Dalmera cook found shot to death behind diner",
			"Officers found Orrin Pike, 41, behind a diner in Dalmera on Sunday night, police said. He had been shot several times.", 1, 0},
		{"a killing in the headline", "Teen charged with killing cousin in Dalmera",
			"Police in Dalmera said a man was shot inside a parked car on Sunday night. A 17-year-old was arrested on Monday.", 1, 0},
		{"attempted murder in the headline", "Teen charged with attempted murder in Dalmera",
			"Police in Dalmera said a man was shot inside a parked car on Sunday night. A 17-year-old was arrested on Monday.", 0, 1},
		{"a headline that denies the death", "Dalmera cook survives shooting, no one dead",
			"A man was shot outside a bar on Kessin Avenue in Dalmera on Sunday night, police said. Officers searched the street for shell casings.", 0, 1},
		{"one woman shot, told again paragraphs on", "",
			"A woman was fatally shot on Kessin Avenue in Dalmera late on Sunday, and detectives are looking for witnesses.\n\nNeighbours said the street had been quiet for years.\n\nThe city council meets on Tuesday.\n\nA detective said the victim was shot during the shooting by a man she knew.", 1, 0},
		{"also shot, beyond the dead", "",
			"Three people were shot to death inside a house in Dalmera on Sunday night, police said. The owner's nephew was also shot in the hip and is expected to recover.", 3, 1},
		{"a survivor beside the dead", "",
			"Three people were shot to death inside a house in Dalmera on Sunday night, police said. The landlord said a fourth victim survived and was taken to the hospital.", 3, 1},
		{"a survivor not expected to live", "",
			"Three people were shot to death inside a house in Dalmera on Sunday night, police said. A fourth man was taken to hospital, where he is not expected to survive.", 3, 0},
		{"another victim taken to hospital", "",
			"Two brothers were shot dead inside a house in Dalmera on Sunday night, police said. Another victim, a neighbour aged 15, is in hospital in critical condition.", 2, 1},
		{"the others inside when she was shot", "",
			"A woman was shot and killed inside a car in Dalmera on Sunday night, police said. She was riding with two other friends when she was shot.", 1, 0},
		{"a rider dated after an undated mention", "",
			"Two men were slain at a barbershop in Dalmera, police said on Thursday.\n\nThe medical examiner named the men who died of gunshot wounds.\n\nFour other men were hurt at the shop on Wednesday evening.", 2, 4},
		{"a murder-suicide told twice", "",
			"Two people are dead after a murder-suicide at a home in Dalmera on Sunday night, police said. Police said a man shot his wife and then turned the gun on himself.", 2, 0},
		{"a death that could have been", "",
			"A girl was shot in the arm on Kessin Avenue in Dalmera on Sunday night, police said. Doctors said the bullet could have struck an artery and killed her.", 0, 1},
		{"a death that could easily have been", "",
			"A girl was shot in the arm on Kessin Avenue in Dalmera on Sunday night, police said. Her father said it could easily have killed her.", 0, 1},
		{"one died of him and four others shot", "",
			"A Dalmera man died on Sunday night after he and four others were shot outside a bar on Kessin Avenue, police said.", 1, 4},
		{"the gunman's four others count the dead", "",
			"Police in Dalmera are looking for a man who shot four others outside a bar on Sunday night, including one who died.", 1, 3},
		// People listed without numerals count once each, however
		// often they are told again.
		{"a man, woman and child, then told one by one", "",
			"A man, woman and child were shot outside a diner on Kessin Avenue in Dalmera on Sunday night, police said. The man was hit in one leg. The woman is in critical condition. The child was grazed.", 0, 3},
		{"a list set off after the count, one of them dead", "",
			"Three people — a cook, a waiter and a boy — were shot outside a diner on Kessin Avenue in Dalmera on Sunday night, police said. The boy died at the scene.", 1, 2},
		{"a mother and her two daughters, one later dead", "",
			"A mother and her two daughters were shot at their home on Kessin Avenue in Dalmera on Sunday night, police said. One of the girls later died at a hospital.", 1, 2},
		{"the gunman also shot himself", "",
			"A man killed his neighbour in a shooting in Dalmera on Sunday night, police said. He also shot himself.", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Extract(article.Article{Published: pub, Title: tt.title, Text: tt.text}, Options{}).Events
			if len(evs) == 0 {
				t.Fatal("no event")
			}
			k, w := 0, 0
			if evs[0].Killed != nil {
				k = evs[0].Killed.Min
			}
			if evs[0].Wounded != nil {
				w = evs[0].Wounded.Min
			}
			if k != tt.killed || w != tt.wounded {
				t.Errorf("killed %d wounded %d, want %d and %d", k, w, tt.killed, tt.wounded)
			}
		})
	}
}
