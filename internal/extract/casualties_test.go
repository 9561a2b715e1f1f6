package extract

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"sitrep/internal/nlp"
)

func describe(cs []Casualty) string {
	var parts []string
	for _, c := range cs {
		kind := "killed"
		if c.Wounded {
			kind = "wounded"
		}
		if c.Shot {
			kind = "shot"
		}
		max := "+"
		if c.Count.Max != nil {
			max = fmt.Sprint(*c.Count.Max)
		}
		parts = append(parts, fmt.Sprintf("%s %d..%s", kind, c.Count.Min, max))
	}
	return strings.Join(parts, "; ")
}

func TestCasualties(t *testing.T) {
	tests := []struct {
		sentence string
		want     string
	}{
		{"Six people were killed and 23 wounded when the car bomb exploded.", "killed 6..6; wounded 23..23"},
		{"The intruder fired through the door, striking two deputies at the porch.", "shot 2..2"},
		{"One man died and three others were being treated for burns at Harlow General.", "killed 1..1; wounded 3..3"},
		{"Five hikers were shot near the old ridge trail and two were admitted to St. Orla's hospital.", "shot 5..5; shot 2..2"},
		{"A cook was also hit in the shoulder as she ran from the kitchen.", "shot 1..1"},
		{"A 41-year-old man, a 36-year-old woman and a 17-year-old boy suffered gunshot wounds, deputies said.", "shot 3..3"},
		{"Two brothers suffered gunshot wounds outside the Kessin bowling alley.", "shot 2..2"},
		{"A clerk suffered a gunshot wound to the arm.", "shot 1..1"},
		{"Three people were killed by a man with a rifle before he was shot and killed by deputies near Orvale.", "killed 4..4"},
		{"Two teenagers were slain by an intruder, who was fatally shot by a neighbour.", "killed 3..3"},
		{"Kessin police said a man killed his daughter before fatally shooting himself.", "killed 2..2"},
		{"Lee Kessin, 24, who was shot and killed Sunday, was a father of two.", "killed 1..1"},
		{"A man was charged in the murder of Jane Roe, who was killed in Sunday's shootout.", "killed 1..1"},
		{"Detectives arrested a neighbour over the death of a 4-year-old girl, who was killed by a bullet that came through her bedroom window.", "killed 1..1"},
		{"Deputies said a man killed his wife and two neighbours and then himself.", "killed 4..4"},
		{"Deputies said a man shot his wife and then himself.", "shot 1..1"}, // no death told
		{"Two deckhands remain in critical condition at Orlen Memorial.", "wounded 2..2"},
		{"Gunfire at the fairground on Sunday sent four teenagers to a local hospital.", "shot 4..4"},
		{"One of the victims of the fairground gunfire that sent four teenagers to the hospital has died.", "shot 4..4"},
		{"Eleven people were hurt in separate attacks across the valley on Friday night.", ""},
		{"Three men were killed in multiple shootings in Harrow County this week.", ""},
		{"Marla Osei was one of the four guests wounded at the lakeside party.", "wounded 4..4"},
		{"Officers said the boy was one of six people shot outside the rink on Friday.", "shot 6..6"},
		{"One of the four guests was wounded in the arm.", "wounded 1..1"},
		{"The intruder killed two tenants on the landing before he was shot dead by a county deputy.", "killed 3..3"},
		{"He wounded a clerk before being killed by officers outside the depot.", "wounded 1..1; killed 1..1"},
		{"All three were listed in fair condition on Tuesday evening.", "wounded 3..3"},
		{"The blast killed six people and wounded at least 23 others, officials said.", "killed 6..6; wounded 23..+"},
		{"A gunman opened fire at the market, killing four and injuring two.", "killed 4..4; wounded 2..2"},
		{"The man killed his ex-wife and then turned the gun on himself.", "killed 2..2"},
		{"The gunman later took his own life.", "killed 1..1"},
		{"Neither was hurt.", "wounded 0..0"},
		{"The driver and a bystander were shot near the landing.", "shot 2..2"},
		{"Both the clerk and the cook were rushed to Orlen Memorial Hospital.", "shot 2..2"},
		{"No one inside the bakery was hurt.", ""},
		{"One cook was shot and no one else was hurt.", "wounded 0..0; shot 1..1"},
		{"A bystander, who did not know either man, was struck once in the arm.", "shot 1..1"},
		{"Three guards were shot and a fourth was wounded by flying glass.", "shot 4..4"},
		{"Two cousins were shot and another was hurt.", "shot 3..3"},
		{"A man shot at three deputies before he fled into the woods.", ""},
		{"Two men shot at a party on Kessin Avenue.", "shot 2..2"},
		{"Over two years there were 45 such shootings in the state, with 29 children wounded and eleven killed.", ""},
		{"Orrin Pike is the third teenager to be killed in the county this year.", ""},
		{"The cashier and his nephew were taken to a hospital with gunshot wounds.", "shot 2..2"},
		{"Nobody else was hurt.", "wounded 0..0"},
		{"A cyclist hospitalized after a shooting near the Velmora depot last week has died.", "killed 1..1"},
		{"Officers said nobody else in the van was hurt.", ""},
		{"Two men were killed in the exchange and the gunman was also wounded.", "killed 2..2; wounded 1..1"},
		{"Police say he killed his wife and two children and then killed himself.", "killed 1..1; killed 4..4"},
		{"A retired teacher in Kerrow shot his son to death on Sunday and then killed himself.", "killed 1..1; killed 2..2"},
		{"Deputies are investigating an apparent murder-suicide on Pell Street.", "killed 2..+"},
		{"Police called it a double murder-suicide.", "killed 3..+"},
		{"He is charged over an attempted murder-suicide.", ""},
		{"She was taken to a hospital, but doctors were unable to save her.", "killed 1..1"},
		{"A woman who was wounded in a shooting late on Sunday has died.", "killed 1..1"},
		{"A boy who had been hospitalized since the shooting at his home has died.", "killed 1..1"},
		{"He told police he was going to kill his wife.", ""},
		{"He is charged with trying to kill two deputies.", ""},
		{"The bullet could have killed her, doctors said.", ""},
		// "may have" leaves a death unsure, but not people hurt; and no
		// modal reaches a cue that is a noun, whose verb is another.
		{"Deputies said the hunter may have killed himself after the standoff.", ""},
		{"Investigators said the courier might have killed the clerk before fleeing.", ""},
		{"Deputies said the gunman may have wounded a third hiker near the dam.", "wounded 1..1"},
		{"Deputies want to hear from anyone who may have witnessed Sunday's fatal shooting of a 19-year-old near the depot.", "killed 1..1"},
		{"Detectives said the deaths at the farmhouse may have been a murder-suicide.", "killed 2..+"},
		{"Arson is suspected in the fire linked to the death of 4 people.", "killed 4..4"},
		{"The ambush left four adults and an unborn child dead.", "killed 4..4"},
		{"He is accused of killing three people, including an unborn baby.", "killed 2..2"},
		{"Police said he shot his neighbour's son before turning the gun on himself.", "shot 2..2; killed 1..1"},
		{"The rampage claimed the lives of his sister and a man who then turned the gun on himself.", "killed 2..2"},
		{"He had tried to take his own life in 2010.", ""},
		{"The raid killed 13 soldiers and at least 169 civilians near the airport.", "killed 182..+"},
		{"The murder of 137 concert-goers shocked the country.", "killed 137..137"},
		// A death looked back on is not the event's toll.
		{"The bomb struck a ceremony commemorating the death of General Tovar Melin.", ""},
		{"Gunmen killed 12 pilgrims in revenge for the deaths of 30 fighters last year.", "killed 12..12"},
		{"Mourners marked the anniversary of the killing of 40 miners at Velmora.", ""},
		{"The death toll rose to 143 on Sunday.", "killed 143..143"},
		{"The death toll from Monday's bombing at the market has risen to 15, officials said.", "killed 15..15"},
		{"The number of dead in the collapse reached 40.", "killed 40..40"},
		{"Turnout in the district has risen to 15 percent.", ""},
		{"Prices rose to 15 dollars after the attack.", ""},
		{"Dozens of people were injured in the stampede that followed.", "wounded 24..143"},
		{"No one was killed in the attack, police said.", "killed 0..0"},
		{"Nobody was hurt.", "wounded 0..0"},
		{"The attack left three dead and 12 injured.", "killed 3..3; wounded 12..12"},
		{"A 19-year-old was shot dead outside the station.", "killed 1..1"},
		{"The sheriff said the shooting that killed Brandon Crawford was accidental.", "killed 1..1"},
		{"Maria Lopez was shot dead outside her home on Friday.", "killed 1..1"},
		{"Gunmen wounded Ahmed Karimi, a local journalist, on Tuesday.", "wounded 1..1"},
		{"Police Chief Henry Stawin said the suspect had fled.", ""},
		{"Islamic State fighters were killed in the raid.", ""},
		{"The owner of a gun shop was accidentally killed during a class on Saturday.", "killed 1..1"},
		{"Ronnie Bowers, 16, has died, the coroner said.", "killed 1..1"},
		{"A guard was wounded when the convoy came under fire.", "wounded 1..1"},
		{"The suspect is accused of fatally shooting a woman outside a bar.", "killed 1..1"},
		{"Four people were shot outside a bar on Sunday night.", "shot 4..4"},
		{"A roofer was charged with wounding his cousin near the pier.", "wounded 1..1"},
		{"The gunman fired twice, killing one and wounding the other.", "killed 1..1; wounded 1..1"},
		{"Two others who were injured were taken to Mercy General.", "wounded 2..2"},
		{"Her son shot his 4-year-old sister in the arm.", "shot 1..1"},
		{"The clerk was shot in the shoulder during the robbery.", "shot 1..1"},
		{"She died at Mercy General hours later.", "killed 1..1"},
		{"He shot at the deputies but missed.", ""},
		{"Five people were shot, two of them fatally, outside the lounge.", "killed 2..2; shot 5..5"},
		{"Police say he shot five people, killing two.", "killed 2..2; shot 5..5"},
		{"Four people were shot dead at the farm.", "killed 4..4"},
		{"The driver was taken to Mercy General in critical condition.", "wounded 1..1"},
		// A gunshot wound is said of the living and the dead: hit, fate
		// untold (the event's wounded are those hit less those killed).
		{"She suffered a gunshot wound to the leg.", "shot 1..1"},
		{"He was taken to Mercy General in critical condition but passed away hours later.", "killed 1..1"},
		{"Two teenagers were in stable condition on Monday.", "wounded 2..2"},
		{"The patient's condition was not released.", ""},
		{"Police arrested a man in the fatal shooting of a 19-year-old on Elm Street.", "killed 1..1"},
		{"Detectives are investigating the slaying of Mara Quill, 34.", "killed 1..1"},
		{"A vigil marked the killing of two brothers in Dalmera.", "killed 2..2"},
		{"The shooting of a 19-year-old on Elm Street is under investigation.", ""},
		{"She shot the video from her porch.", ""},
		{"The court heard his friend testify on Monday.", ""},
		{"In 2015, the group seized 40 towns.", ""},
		{"The rebels were paid $5 million, the report said.", ""},
		{"It took over 90 minutes for 300 police officers to arrive.", ""},
		{"A shooting in which one person was killed left the street closed.", "killed 1..1"},
		{"Tamsin Vale, 28, and Orrin Pike, 27, were found dead inside the house.", "killed 1..1; killed 2..2"},
		{"Tamsin Vale, 31, Orrin B. Pike, 19, and 25-year-old Della Marsh were found dead.", "killed 1..1; killed 3..3"},
		{"A mother and son were found fatally shot in their kitchen.", "killed 2..2"},
		{"The victim (Orrin Pike) died at Mercy General.", "killed 1..1"},
		{"Pike died after midnight at Mercy General.", "killed 1..1"},
		{"Orrin Pike, who died on Saturday, was a student.", "killed 1..1"},
		{"Three men were struck and one of them, 33-year-old Orrin Pike, did not survive.", "killed 1..1"},
		{"Six people, including a 9-year-old girl, were found shot to death.", "killed 6..6"},
		{"The deputies returned fire, killing him.", "killed 1..1"},
		{"He is accused of killing his wife and two neighbours.", "killed 3..3"},
		{"He shot and killed his daughter, Della Marsh, 16, on Friday.", "killed 1..1"},
		{"He threatened to kill her.", ""},
		{"Tamsin Vale shot and killed her husband.", "killed 1..1"},
		{"A woman and her daughter were wounded.", "wounded 2..2"},
		{"Two men were taken to a local hospital with leg wounds.", "shot 2..2"},
		{"The clerk was rushed to Mercy General Hospital.", "shot 1..1"},
		{"She was taken to her mother's house.", ""},
		{"Three others were in good condition.", "wounded 3..3"},
		{"A rifle discharged, fatally wounding the victim, deputies said.", "killed 1..1"},
		{"Police said Pike died on Thursday morning.", "killed 1..1"},
		{"He was shot in the chest and died.", "shot 1..1; killed 1..1"},
		{"Medics pronounced him dead at the scene.", "killed 1..1"},
		{"A boy was wounded in a shooting that also injured a woman.", "wounded 2..2"},
		{"Three people were killed, including 20-year-old Orrin Pike.", "killed 3..3"},
		{"Police said the 3 year-old girl was killed.", "killed 1..1"},
		{"Deputies found the body of a 52-year-old man behind the mill.", "killed 1..1"},
		{"So far this year, 31 people have been killed in Dalmera, according to police records.", ""},
		// A round-up of several shootings counts no one incident.
		{"Nine people were wounded in separate shootings across Dalmera over the weekend.", ""},
		{"Six people were shot in three shootings on Saturday night.", ""},
		// People hit, fate untold, whose predicate tells they died.
		{"A 12-year-old girl shot outside a corner store in Dalmera on Tuesday has died, police said.", "killed 1..1"},
		{"The teenager who was shot was pronounced dead at Kessin General.", "killed 1..1"},
		{"Two men shot near the ferry landing later died.", "killed 2..2"},
		{"A man was shot in the arm while his brother watched.", "shot 1..1"},
		// "shot and wounded" is one cue of the wounded, reached past a
		// clause naming some of those counted.
		{"Five men, including a 20-year-old cook, were shot and wounded near the pier.", "wounded 5..5"},
		{"Three people, including a pastor, were shot at the church picnic.", "shot 3..3"},
		// One person shot by their own hand, fate untold.
		{"A hunter accidentally shot himself in the foot near Kessin.", "shot 1..1"},
		{"She was cleaning a pistol when she shot herself in the knee.", "shot 1..1"},
		{"He killed his neighbour and then shot himself.", "killed 1..1; shot 1..1"},
		// States of the living, with no count: one wounded ...
		{"The clerk is expected to recover, police said.", "wounded 1..1"},
		{"The driver was treated for a cut to the arm.", "wounded 1..1"},
		// ... unless the sentence counts the people shot who are in it.
		{"Both brothers shot at the fair are expected to recover.", "shot 2..2"},
		{"All three victims were taken to the hospital with non-life-threatening injuries.", "shot 3..3"},
		// "others" tells more people: two counts of the wounded add up,
		// but not across a sentence run into another, nor for people
		// shot after the gunman ("a man who shot four others").
		{"Two guards were in critical condition and two others injured after the ambush.", "wounded 4..4"},
		{"Caption: the raid that wounded six others. Ilse Marn was charged over the raid that wounded six others.", "wounded 6..6; wounded 6..6"},
		{"Deputies are searching for a man who shot three others near the lake.", "shot 3..3"}, // the man is the gunman
		{"Two women suffered minor injuries in the blast.", "wounded 2..2"},
		// Words that count people with no noun: "another", "a second",
		// "both".
		{"Deputies found one man dead and another wounded behind the barn.", "killed 1..1; wounded 1..1"},
		{"One guard was shot and killed and a second was critically wounded.", "killed 1..1; wounded 1..1"},
		{"Both were driven to a hospital in Kessin.", "shot 2..2"},
		{"Police said one woman was shot in the hip and another was shot in the foot.", "shot 2..2"},
		{"They shot at one another for an hour.", ""},
		// Two people shot (or hurt), each with their own cue, add up;
		// people retold after "including" do not.
		{"A man was shot in the knee and a 6-year-old girl was shot in the hand.", "shot 2..2"},
		{"A cook was injured and a waiter was hurt by flying glass.", "wounded 2..2"},
		{"Two people were shot, including a man who was shot in the back.", "shot 2..2; shot 1..1"},
		// Both taken to hospital, where one died: not both dead.
		{"Both were rushed to a hospital where Ilse Marn later died.", "killed 1..1; shot 2..2"},
		{"The boy was grazed by a bullet.", "wounded 1..1"},
		// People counted before an active verb with its object did it:
		// the gunman is no victim.
		{"Deputies are hunting a masked man who gunned down three guards at the depot.", "killed 3..3"},
		{"A gunman killed four people at the market.", "killed 4..4"},
		{"Four soldiers were killed at the checkpoint.", "killed 4..4"},
		{"Three men died at the scene.", "killed 3..3"},
		{"A ricochet grazed a 4-year-old girl on the porch.", "wounded 1..1"},
		// "hospitalized" before the people counts the wounded.
		{"The gunfire at the fair killed two men and hospitalized four others.", "killed 2..2; wounded 4..4"},
		// Shot, some of whom died: not all dead; "whom" stands for the
		// people counted, as "them" does.
		{"Five people were shot, two of whom later died.", "killed 2..2; shot 5..5"},
		{"Officers found three victims in the yard, one of which died at the scene.", "killed 1..1"},
		// A state word between a count and its noun tells what befell them.
		{"Paramedics took two wounded people to Ashgrove General.", "wounded 2..2"},
		{"Two other gunshot victims reached the clinic by car.", "shot 2..2"},
		// The means of carrying may stand between a hospital verb and its "to".
		{"A third man was taken by private car to Ashgrove Medical Center.", "shot 1..1"},
		{"Officers found two gunshot victims and three stranded drivers.", "shot 2..2"},
		{"Deputies found the three slain hikers near the trailhead.", "killed 3..3"},
		// "double", "triple" ... count an incident's victims when the
		// sentence gives no count of that kind.
		{"Detectives are investigating a triple homicide in Kessin.", "killed 3..3"},
		{"Detectives are investigating a double homicide in which three people were killed.", "killed 3..3"},
		{"A double shooting left one man dead on Pell Street.", "killed 1..1; shot 2..2"},
		{"He played a double bass at the wake.", ""},
		// "fatally wounded" is a death, the longer cue over "wounded".
		{"A drive-by shooting fatally wounded a 16-year-old boy and injured four others.", "killed 1..1; wounded 4..4"},
		{"The blast went off early, fatally wounding Jana Berova in the yard.", "killed 1..1"},
		// People listed with no numeral count one each, and a list set
		// off after a count tells the same people again.
		{"A man, a woman and a toddler were shot outside the laundromat on Pell Street.", "shot 3..3"},
		{"A shopkeeper, wife and nephew were hurt when the gunman fired into the shop.", "wounded 3..3"},
		{"A farmer and his teenage grandson were wounded on the ridge road.", "wounded 2..2"},
		{"A widow and her two sons were shot as they left the diner.", "shot 3..3"},
		{"Two men and a girl were killed in the crossfire near the ferry.", "killed 3..3"},
		{"Three people — a cook, a waiter and a boy — were shot at the diner.", "shot 3..3"},
		{"Two people, a cook and a waiter, were killed when the gunman opened fire.", "killed 2..2"},
		{"Two guards (a sergeant and a cadet) were wounded at the gate.", "wounded 2..2"},
		{"Four people — including a toddler — were shot near the fairground.", "shot 4..4"},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			got := describe(Casualties(tt.sentence, nlp.Span{Start: 0, End: len(tt.sentence)}))
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVictimKind(t *testing.T) {
	tests := []struct {
		sentence, want string
	}{
		{"The blast killed six people.", "civilians"},
		{"Four soldiers were killed at the checkpoint.", "state"},
		{"The bomb killed all 224 passengers and crew.", "civilians"},
		{"The raid killed 13 soldiers and at least 169 civilians.", "unknown"},
		{"Maria Lopez was shot dead outside her home.", "person"},
		{"Two of its staff were wounded.", "civilians"},
	}
	for _, tt := range tests {
		cs := Casualties(tt.sentence, nlp.Span{Start: 0, End: len(tt.sentence)})
		if len(cs) != 1 {
			t.Errorf("%q: %d casualty counts, want 1", tt.sentence, len(cs))
			continue
		}
		if got := VictimKind(cs[0]); got != tt.want {
			t.Errorf("VictimKind(%q, noun %q) = %q, want %q", cs[0].Text, cs[0].Noun, got, tt.want)
		}
	}
}

func TestShot(t *testing.T) {
	tests := []struct {
		sentence string
		want     int // people shot, fate untold; 0 for none
	}{
		{"Four people were shot outside a bar on Sunday night.", 4},
		{"A man was shot in the leg near the station.", 1},
		{"Two men were shot dead.", 0},
		{"The shooting left three people injured.", 0},
		{"Police shot at the tyres of the car.", 0},
		{"Three were taken to a hospital with minor injuries.", 3},
		{"Six were shot outside a house on Pell Street.", 6},
		{"Two were arrested at the scene.", 0},
		{"Police said a suspect shot the clerk and ran.", 1},
		{"Two gunmen shot a man outside the store.", 1},
		{"Two men shot three times were taken to a hospital.", 2},
		{"Police have no motive yet for the shootings of four people near the pier.", 4},
		{"A man was charged in the shooting of two teens outside a school.", 2},
		{"A man was charged in the fatal shooting of two teens outside a school.", 0},
	}
	for _, tt := range tests {
		got := 0
		for _, c := range Casualties(tt.sentence, nlp.Span{Start: 0, End: len(tt.sentence)}) {
			if c.Shot {
				got = c.Count.Min
			}
		}
		if got != tt.want {
			t.Errorf("%q: shot %d, want %d", tt.sentence, got, tt.want)
		}
	}
}

func TestHeadlineCasualties(t *testing.T) {
	type c struct {
		n             int
		wounded, shot bool
	}
	tests := []struct {
		title string
		want  []c
	}{
		{"2-year-old boy shot and killed, investigation underway", []c{{1, false, false}}},
		{"3 dead, 1 hurt in Dalmera shooting", []c{{3, false, false}, {1, true, false}}},
		{"2 shot, 1 dead, in Kessin neighborhood", []c{{1, false, false}, {2, false, true}}},
		{"Teen shot in head at mall", []c{{1, false, true}}},
		{"Police: 3 year old dies after accidental shooting", []c{{1, false, false}}},
		{"Man shot 3 times outside bar", []c{{1, false, true}}},
		{"4 shot, 2 killed at Dalmera apartment complex", []c{{2, false, false}, {4, false, true}}},
		{"Boy, 7, accidentally shot, killed in Dalmera", []c{{1, false, false}}},
		{"Bus crash: 5 hurt on Route 9", []c{{5, true, false}}},
		{"Eight shot outside Dalmera nightclub", []c{{8, false, true}}},
		{"Shooting at Kessin bar kills one, injures six", []c{{1, false, false}, {6, true, false}}},
		{"City council debates 2 budget items", nil},
		{"4 dead, 11 wounded in weekend shootings", nil},
		{"3 dead, 5 hurt in Kessin shootings", nil},
		{"2 dead in the Kessin shootings", []c{{2, false, false}}},
		{"Suspect charged in Dalmera quadruple shooting", []c{{4, false, true}}},
		{"Man killed, another injured in Pell Street shooting", []c{{1, true, false}, {1, false, false}}},
		{"Stray bullets wound three, including a 9-year-old, on Pell Street", []c{{3, true, false}}},
		{"Toddler accidentally shoots self with father's pistol", []c{{1, false, true}}},
		{"Boy, 6, shoots 4-year-old cousin in Kessin", []c{{1, false, true}}},
		{"Gunman who wounded 9-year-old girl still sought", []c{{1, true, false}}},
		{"Deputies probe accidental shooting of toddler", []c{{1, false, true}}},
		{"Man charged with murder in shooting of teen", nil}, // the one shot may be the dead
		{"Girl, man shot outside Dalmera store", []c{{2, false, true}}},
		{"Woman and 5-year-old child hurt in Pell Street shooting", []c{{2, true, false}}},
		{"Teen accidently shot while hunting", []c{{1, false, true}}},
	}
	for _, tt := range tests {
		var got []c
		for _, x := range HeadlineCasualties(tt.title) {
			got = append(got, c{x.Count.Min, x.Wounded, x.Shot})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("HeadlineCasualties(%q) = %+v, want %+v", tt.title, got, tt.want)
		}
	}
}

// FuzzCasualties: whatever a sentence holds, its casualty phrases lie
// inside it, say what they span, and count no one negatively.
func FuzzCasualties(f *testing.F) {
	for _, s := range []string{
		"Tamsin Vale, 28, and Orrin Pike, 27, were found dead.",
		"The victim (Orrin Pike) died.",
		"Three men were struck and one of them, Orrin Pike, did not survive.",
		"killing his wife, and", ", who died", "and died", "(", ") died", "Pike died",
		"A boy was wounded in a shooting that also injured a woman.",
		"were taken to a", "fatally wounding her",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range Casualties(s, nlp.Span{Start: 0, End: len(s)}) {
			if c.Count.Min < 0 || c.Count.Max != nil && *c.Count.Max < c.Count.Min {
				t.Fatalf("bad count %v from %q", c.Count, s)
			}
			if c.Start < 0 || c.End > len(s) || c.Start > c.End || c.Text != s[c.Start:c.End] {
				t.Fatalf("bad span %d..%d %q from %q", c.Start, c.End, c.Text, s)
			}
		}
	})
}

// TestPossessiveCount checks that a count after a possessive determiner
// is read as the dead ("killed his two sons") and that a shooter's suicide
// told after it adds him.
func TestPossessiveCount(t *testing.T) {
	tests := []struct {
		text   string
		killed int
	}{
		{"A man killed his two daughters in Dalmera on Friday.", 2},
		{"A woman shot and killed her three sons before killing herself, police said.", 4},
		{"A man shot and killed his two stepsons on Friday before taking his own life.", 3},
	}
	for _, tt := range tests {
		n := 0
		for _, c := range Casualties(tt.text, nlp.Span{Start: 0, End: len(tt.text)}) {
			if !c.Wounded && !c.Shot {
				n += c.Count.Min
			}
		}
		if n != tt.killed {
			t.Errorf("%q: %d dead, want %d", tt.text, n, tt.killed)
		}
	}
}

// TestConjunctOthers checks that the person named before "and N others"
// is counted with them, and that a day or a place there is not.
func TestConjunctOthers(t *testing.T) {
	tests := []struct {
		text string
		hurt int // people wounded or shot, fate untold
	}{
		{"Maria Lopez and two others were shot outside a bar late Sunday.", 3},
		{"Police said a woman and three others were wounded near the market.", 4},
		{"A man was killed on Friday and two others were wounded.", 2},
	}
	for _, tt := range tests {
		n := 0
		for _, c := range Casualties(tt.text, nlp.Span{Start: 0, End: len(tt.text)}) {
			if c.Wounded || c.Shot {
				n = max(n, c.Count.Min)
			}
		}
		if n != tt.hurt {
			t.Errorf("%q: %d hurt, want %d", tt.text, n, tt.hurt)
		}
	}
}
