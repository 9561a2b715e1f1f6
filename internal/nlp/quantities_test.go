package nlp

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// qs renders a quantity compactly for comparison:
// "text|kind|min..max|noun", with "~" after the range when approximate,
// "*" after the noun when it names people, "!" at the end when capped,
// and "+" for no maximum.
func qs(q Quantity) string {
	max := "+"
	if q.Bounded() {
		max = fmt.Sprint(q.Max)
	}
	s := fmt.Sprintf("%s|%s|%d..%s", q.Text, q.Kind, q.Min, max)
	if q.Approx {
		s += "~"
	}
	if q.Noun != "" {
		s += "|" + q.Noun
		if q.Person {
			s += "*"
		}
	}
	if q.Capped {
		s += "!"
	}
	return s
}

func quantityStrings(text string) []string {
	var out []string
	for _, q := range Quantities(text, Span{0, len(text)}) {
		out = append(out, qs(q))
	}
	return out
}

func TestQuantities(t *testing.T) {
	// Invented news sentences and every quantity they must yield, in
	// order.
	tests := []struct {
		text string
		want []string
	}{
		// Digits and separators.
		{"Militants stormed the depot and held 1,200 workers for a day.",
			[]string{"1,200 workers|count|1200..1200|workers*"}},
		{"Officials said 12 soldiers died.", []string{"12 soldiers|count|12..12|soldiers*"}},
		// Number words.
		{"The raid left twenty-two villagers dead.", []string{"twenty-two villagers|count|22..22|villagers*"}},
		{"A hundred protesters gathered, and two dozen police watched.",
			[]string{"A hundred protesters|count|100..100|protesters*", "two dozen police|count|24..24|police*"}},
		{"The court freed three hundred and twelve detainees.",
			[]string{"three hundred and twelve detainees|count|312..312|detainees*"}},
		{"One hundred and twenty-five prisoners escaped.",
			[]string{"One hundred and twenty-five prisoners|count|125..125|prisoners*"}},
		{"One million two hundred thousand people fled the region.",
			[]string{"One million two hundred thousand people|count|1200000..1200000|people*"}},
		{"A two-year-old died after a three-day siege and a ten-mile march.",
			[]string{"two-year-old|age|2..2", "three-day|duration|3..3", "ten-mile|measure|10..10"}},
		{"Two three-year-olds were treated.", []string{"Two three-year-olds|count|2..2|three-year-olds*"}},
		// A suspended hyphen: the first number has the kind of the
		// compound it is joined to, it counts nobody.
		{"A man and his 12- and 10-year-old sons were shot.",
			[]string{"A man|count|1..1|man*", "12|age|12..12", "10-year-old|age|10..10"}},
		{"The eight- or nine-year-old girl was hurt.", []string{"eight|age|8..8", "nine-year-old|age|9..9"}},
		{"Envoys made two- to three-day visits.", []string{"two|duration|2..2", "three-day|duration|3..3"}},
		{"The 12 and 10-year-old boys ran.", []string{"12|count|12..12", "10-year-old|age|10..10"}},
		// Vague quantities.
		{"Dozens of mourners were turned back.", []string{"Dozens of mourners|count|24..143~|mourners*"}},
		{"Scores of fighters surrendered, and hundreds more fled.",
			[]string{"Scores of fighters|count|40..199~|fighters*", "hundreds|count|200..999~"}},
		{"Several civilians and a few aid workers were evacuated.",
			[]string{"Several civilians|count|3..9~|civilians*", "a few aid workers|count|2..5~|workers*"}},
		{"A handful of guards escaped; tens of thousands of residents stayed.",
			[]string{"A handful of guards|count|2..6~|guards*", "tens of thousands of residents|count|20000..99999~|residents*"}},
		{"Tens of rebels and hundreds of thousands of refugees crossed.",
			[]string{"Tens of rebels|count|20..99~|rebels*", "hundreds of thousands of refugees|count|200000..999999~|refugees*"}},
		{"Several hundred students and a few thousand farmers marched.",
			[]string{"Several hundred students|count|300..999~|students*", "a few thousand farmers|count|2000..5999~|farmers*"}},
		{"A couple hundred residents fled.", []string{"A couple hundred residents|count|200..299~|residents*"}},
		// Modifiers.
		{"At least 169 people were killed.", []string{"At least 169 people|count|169..+|people*"}},
		{"More than 20 soldiers were wounded.", []string{"More than 20 soldiers|count|21..+|soldiers*"}},
		{"Nearly 80 prisoners escaped.", []string{"Nearly 80 prisoners|count|72..80~|prisoners*"}},
		{"About 80 families were displaced.", []string{"About 80 families|count|80..80~|families"}},
		{"Up to 30 migrants may have drowned.", []string{"Up to 30 migrants|count|1..30~|migrants*"}},
		{"Fewer than 10 protesters remained.", []string{"Fewer than 10 protesters|count|1..9~|protesters*"}},
		{"Some 400 pilgrims were stranded.", []string{"Some 400 pilgrims|count|400..400~|pilgrims*"}},
		{"An estimated 2,000 residents fled.", []string{"An estimated 2,000 residents|count|2000..2000~|residents*"}},
		{"At least dozens of homes burned.", []string{"At least dozens of homes|count|24..+~|homes"}},
		{"More than a dozen rockets were fired.", []string{"More than a dozen rockets|count|13..+|rockets"}},
		{"Ten or more guards were seen, and 20-odd rebels.",
			[]string{"Ten or more guards|count|10..+|guards*", "20-odd rebels|count|20..20~|rebels*"}},
		{"Rebels took over 12 villages and killed over 100 people.",
			[]string{"12 villages|count|12..12|villages", "over 100 people|count|101..+|people*"}},
		// Ranges.
		{"Between 10 and 15 miners are trapped.", []string{"Between 10 and 15 miners|count|10..15|miners*"}},
		{"Medics treated 10 to 15 people and counted 133-143 bodies.",
			[]string{"10 to 15 people|count|10..15|people*", "133-143 bodies|count|133..143|bodies*"}},
		{"Two or three gunmen opened fire.", []string{"Two or three gunmen|count|2..3|gunmen*"}},
		{"Officials said 10–15 people and twenty‑two guards died at six o’clock.",
			[]string{"10–15 people|count|10..15|people*", "twenty‑two guards|count|22..22|guards*", "six o’clock|time|6..6"}},
		// Nouns: coordination, partitives, compounds, demonyms.
		{"All 224 passengers and crew died.", []string{"All 224 passengers and crew|count|224..224|passengers and crew*"}},
		{"Gunmen abducted two of its staff.", []string{"two of its staff|count|2..2|staff*"}},
		{"Fighters killed 13 American military personnel and at least 169 Afghans, officials said.",
			[]string{"13 American military personnel|count|13..13|personnel*", "at least 169 Afghans|count|169..+|Afghans*"}},
		{"The shelling killed 40 men, women and children.", []string{"40 men, women and children|count|40..40|men, women and children*"}},
		{"Four police officers and a soldier were hurt.",
			[]string{"Four police officers|count|4..4|officers*", "a soldier|count|1..1|soldier*"}},
		{"Three vehicles were destroyed.", []string{"Three vehicles|count|3..3|vehicles"}},
		{"Six killed, 11 wounded.", []string{"Six|count|6..6", "11 wounded|count|11..11|wounded*"}},
		{"Two of them were journalists.", []string{"Two of them|count|2..2|them*"}},
		// "a"/"an" + person noun, "no" + person noun.
		{"A policeman was shot and an elderly woman was hurt.",
			[]string{"A policeman|count|1..1|policeman*", "an elderly woman|count|1..1|woman*"}},
		{"A group of settlers attacked a farm.", nil},
		// Bare singular nouns sharing one article are one person each;
		// a plural or an "or" leaves the count at one.
		{"A pilot, cook and driver were rescued from the barge.",
			[]string{"A pilot, cook and driver|count|3..3|pilot, cook and driver*"}},
		{"A farmer and wife ran the stall.", []string{"A farmer and wife|count|2..2|farmer and wife*"}},
		{"A police officer and firefighter were treated at the scene.",
			[]string{"A police officer and firefighter|count|2..2|officer and firefighter*"}},
		{"A guard and villagers fled the fire.", []string{"A guard|count|1..1|guard*"}},
		{"A nurse or doctor will call back.", []string{"A nurse|count|1..1|nurse*"}},
		{"A 19-year-old was arrested.", []string{"19-year-old|age|19..19"}},
		{"A 3 year-old boy was arrested.", []string{"3 year-old|age|3..3"}},
		{"No one was hurt, and there were no casualties.",
			[]string{"No one|count|0..0|No one*", "no casualties|count|0..0|casualties*"}},
		{"Both guards were disarmed.", []string{"Both guards|count|2..2|guards*"}},
		{"None of the hostages was freed.", []string{"None of the hostages|count|0..0|hostages*"}},
		// Not counts.
		{"The massacre happened in 2015, during the 1990s revival.",
			[]string{"2015|year|2015..2015", "1990s|year|1990..1990"}},
		{"The blast came at 12:04, and the curfew at 9 p.m.",
			[]string{"12:04|time|12..12", "9 p.m.|time|9..9"}},
		{"Troops withdrew at 1400 GMT.", []string{"1400 GMT|time|1400..1400"}},
		{"Donors pledged $5 million and 200 euros.",
			[]string{"$5 million|money|5000000..5000000", "200 euros|money|200..200"}},
		{"A £3bn deal was signed.", []string{"£3bn|money|3000000000..3000000000"}},
		{"The convoy drove two miles, then 5km.",
			[]string{"two miles|measure|2..2", "5km|measure|5..5"}},
		{"Turnout was 40% in the north and 12 per cent in the south.",
			[]string{"40%|percent|40..40", "12 per cent|percent|12..12"}},
		{"It was the 22nd attack this year.", []string{"22nd|ordinal|22..22"}},
		{"The victim, a 19-year-old student, and Omar Said, 34, were named.",
			[]string{"a 19-year-old student|count|1..1|student*", "34|age|34..34"}},
		{"Those aged 18 and a man 70 years old were spared.",
			[]string{"18|age|18..18", "a man|count|1..1|man*", "70 years old|age|70..70"}},
		{"The siege lasted three weeks; talks took 48 hours.",
			[]string{"three weeks|duration|3..3", "48 hours|duration|48..48"}},
		{"Flight 370 and Route 9 were closed under Resolution 2254.",
			[]string{"370|label|370..370", "9|label|9..9", "2254|label|2254..2254"}},
		{"The 9/11 attacks changed the war.", []string{"9/11|label|9..9"}},
		{"A Boeing 737 carrying 157 people crashed near Hill 402.",
			[]string{"737|label|737..737", "157 people|count|157..157|people*", "402|label|402..402"}},
		{"The home side won 3-1 before 45,000 fans.", []string{"3-1|label|3..3", "45,000 fans|count|45000..45000|fans*"}},
		{"Clashes began on March 12 and ended 3 April.",
			[]string{"12|date|12..12", "3|date|3..3"}},
		{"A magnitude 3.5 tremor hit.", []string{"3.5|measure|3..3"}},
		{"More than 1.500 people fled and 2.250 tonnes of grain burned.",
			[]string{"More than 1.500 people|count|1501..+|people*", "2.250 tonnes|measure|2..2"}},
		{"Up to 1.500 people fled.", []string{"Up to 1.500 people|count|1..1500~|people*"}},
		{"Prices rose 3.5% after a 1.5 km march.", []string{"3.5%|percent|3..3", "1.5 km|measure|1..1"}},
		{"The war raged between 2014 and 2016, and again from around 2019.",
			[]string{"between 2014 and 2016|year|2014..2016", "around 2019|year|2019..2019~"}},
		{"Fighting lasted from 10 p.m. until dawn, between 9 and 10 hours.",
			[]string{"10 p.m.|time|10..10", "between 9 and 10 hours|duration|9..10"}},
		{"The floods killed 1900, and the quake of 1906 killed more.",
			[]string{"1900|count|1900..1900", "1906|year|1906..1906"}},
		{"Since March 2011 the war has killed 2000 fighters.",
			[]string{"2011|year|2011..2011", "2000 fighters|count|2000..2000|fighters*"}},
		// Fractions of scales.
		{"Half a dozen guards and a quarter of a million refugees.",
			[]string{"Half a dozen guards|count|6..6|guards*", "a quarter of a million refugees|count|250000..250000|refugees*"}},
		// Person nouns used as modifiers, and "one" as a pronoun.
		{"A rebel movement claimed it; two rebel groups denied it.",
			[]string{"two rebel groups|count|2..2|groups"}},
		{"Two civilian deaths were reported and an American soldier was hurt.",
			[]string{"Two civilian deaths|count|2..2|deaths", "an American soldier|count|1..1|soldier*"}},
		{"The first bomb hit the gate; the second one went off inside.", nil},
		{"It was a night in which one person died.",
			[]string{"one person|count|1..1|person*"}},
		{"Rescuers pulled four more bodies out, and two other soldiers died.",
			[]string{"four more bodies|count|4..4|bodies*", "two other soldiers|count|2..2|soldiers*"}},
		{"The victims, aged between 9 and 71, were named.", []string{"between 9 and 71|age|9..71"}},
		{"The raid began at 10:30 p.m. local time.", []string{"10:30 p.m.|time|10..10"}},
		{"Two explosions tore through the market.", []string{"Two explosions|count|2..2|explosions"}},
		// Years, addresses and names found on local news pages.
		{"The shooting happened on Friday, July 8, 2016, in the 1100 block of Elm Street.",
			[]string{"8|date|8..8", "2016|year|2016..2016", "1100 block|label|1100..1100"}},
		{"Copyright 2016 Metro News. A neighbour called 911 and Channel 3 News arrived.",
			[]string{"2016|year|2016..2016", "A neighbour|count|1..1|neighbour*", "911|label|911..911", "3|label|3..3"}},
		// A place in a photo gallery is no count.
		{"Image 3 of 9 5-year-old boy hurt in fall.",
			[]string{"3|count|3..3", "9|label|9..9", "5-year-old|age|5..5"}},
		// A station's number before a spelled-out count is no count of it.
		{"Deputies told 8 News three people were hurt.",
			[]string{"8|label|8..8", "three people|count|3..3|people*"}},
		{"He shot the clerk three times in one isolated incident.",
			[]string{"three times|other|3..3", "one isolated incident|count|1..1|incident"}},
		{"Police named the victim as his daughter, Ana Ruiz, 28.", []string{"28|age|28..28"}},
		{"The girls, ages 12 and 16, and Omar Haddad (22) were hurt; none was younger than 10.",
			[]string{"12|age|12..12", "16|age|16..16", "22|age|22..22", "10|age|10..10"}},
		{"The gunman fired 40 rounds.[9] He used a 9 millimeter pistol.",
			[]string{"40 rounds|count|40..40|rounds", "9|label|9..9", "9 millimeter|measure|9..9"}},
		// Text in capitals throughout, as in headlines and old wire copy.
		{"GUNMEN KILLED 12 VILLAGERS ON MARCH 3; 40 WOUNDED.",
			[]string{"12 VILLAGERS|count|12..12|VILLAGERS*", "3|date|3..3", "40 WOUNDED|count|40..40|WOUNDED*"}},
		{"4. the talks were held on 19 march, and 5 may follow.",
			[]string{"4|label|4..4", "19|date|19..19", "5|count|5..5"}},
		// Absurd numbers are capped and flagged.
		{"A million billion stars.", []string{"A million billion stars|count|1000000000000..1000000000000|stars!"}},
		{"They counted 99999999999999999999999 ants.",
			[]string{"99999999999999999999999 ants|count|1000000000000..1000000000000|ants!"}},
	}
	for _, tt := range tests {
		got := quantityStrings(tt.text)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Quantities(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestCoordinated(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The blast killed 13 American military personnel and at least 169 Afghans.",
			[]string{"13 American military personnel and at least 169 Afghans|count|182..+|personnel and Afghans*"}},
		{"Rebels killed 12 soldiers, 30 police officers and five civilians.",
			[]string{"12 soldiers, 30 police officers and five civilians|count|47..47|soldiers and officers and civilians*"}},
		{"A man and a woman were shot.", []string{"A man and a woman|count|2..2|man and woman*"}},
		// A [kin] word after "and" still joins: the people are the
		// first person's own.
		{"A grandmother and her three grandsons were stranded.",
			[]string{"A grandmother and her three grandsons|count|4..4|grandmother and grandsons*"}},
		{"A farmer and his two dogs were stranded.",
			[]string{"A farmer|count|1..1|farmer*", "two dogs|count|2..2|dogs"}},
		// A list set off after a count names the same people again: it
		// is merged into the count, closer included, and adds nothing.
		{"Four passengers — two nuns, a pilot and a boy — were rescued.",
			[]string{"Four passengers — two nuns, a pilot and a boy —|count|4..4|passengers*"}},
		{"Two hikers (a teacher and a nurse) were rescued.",
			[]string{"Two hikers (a teacher and a nurse)|count|2..2|hikers*"}},
		{"Three people — including a toddler — were rescued.",
			[]string{"Three people — including a toddler —|count|3..3|people*"}},
		{"Two people, a clerk and a nurse, were rescued.",
			[]string{"Two people, a clerk and a nurse,|count|2..2|people*"}},
		// After a comma only a [generic] count the list adds up to is
		// named again; otherwise the comma adds.
		{"Two clerks, a nurse and a boy were rescued.",
			[]string{"Two clerks, a nurse and a boy|count|4..4|clerks and nurse and boy*"}},
		{"Two people, a clerk, a nurse and a boy were rescued.",
			[]string{"Two people, a clerk, a nurse and a boy|count|5..5|people and clerk and nurse and boy*"}},
		{"Dozens of protesters and hundreds of police clashed.",
			[]string{"Dozens of protesters and hundreds of police|count|224..1142~|protesters and police*"}},
		// "including" marks a part of the first count, not an addition.
		{"The raid killed 20 people, including six children.",
			[]string{"20 people|count|20..20|people*", "six children|count|6..6|children*"}},
		// Counts of things and money are not summed with people.
		{"Four soldiers and three vehicles were lost.",
			[]string{"Four soldiers|count|4..4|soldiers*", "three vehicles|count|3..3|vehicles"}},
		{"Ten soldiers and $5 million were lost.",
			[]string{"Ten soldiers|count|10..10|soldiers*", "$5 million|money|5000000..5000000"}},
	}
	for _, tt := range tests {
		var got []string
		for _, q := range Coordinated(tt.text, Quantities(tt.text, Span{0, len(tt.text)})) {
			got = append(got, qs(q))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Coordinated(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func TestSum(t *testing.T) {
	a := Quantity{Start: 0, End: 5, Min: 3, Max: 3, Kind: Count, Person: true}
	b := Quantity{Start: 10, End: 20, Min: 24, Max: 143, Approx: true, Kind: Count, Person: true}
	c := Quantity{Start: 30, End: 40, Min: 169, Max: Unbounded, Kind: Count, Person: true}
	s := Sum(a, b)
	if s.Min != 27 || s.Max != 146 || !s.Approx || s.Start != 0 || s.End != 20 {
		t.Errorf("Sum(a, b) = %+v", s)
	}
	if s := Sum(a, c); s.Min != 172 || s.Bounded() {
		t.Errorf("Sum(a, c) = %+v, want 172 and no max", s)
	}
	big := Quantity{Min: MaxValue, Max: MaxValue, Kind: Count}
	if s := Sum(big, big); s.Min != MaxValue || !s.Capped {
		t.Errorf("Sum(big, big) = %+v, want capped", s)
	}
	if s := Sum(); s != (Quantity{}) {
		t.Errorf("Sum() = %+v", s)
	}
}

// TestQuantitiesInSentences runs Quantities on the spans Sentences gives,
// as the extractor will, and checks offsets map back to the text.
func TestQuantitiesInSentences(t *testing.T) {
	text := "Gunmen killed 14 villagers in Dara on Sunday.\n\nA further 9 were wounded, police said. Two of the dead were children."
	var got []string
	for _, s := range Sentences(text) {
		for _, q := range Quantities(text, s) {
			if text[q.Start:q.End] != q.Text || q.Start < s.Start || q.End > s.End {
				t.Errorf("quantity %+v outside its sentence %v", q, s)
			}
			got = append(got, q.Text)
		}
	}
	want := "14 villagers|9|Two of the dead"
	if strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestQuantityJSON(t *testing.T) {
	q := Quantities("At least 169 Afghans died.", Span{0, 26})[0]
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"Kind":"count"`) || !strings.Contains(string(b), `"Max":-1`) {
		t.Errorf("JSON %s", b)
	}
	var back Quantity
	if err := json.Unmarshal(b, &back); err != nil || back != q {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	var k QuantityKind
	if err := k.UnmarshalText([]byte("nonsense")); err == nil {
		t.Error("unknown kind accepted")
	}
	if _, err := QuantityKind(200).MarshalText(); err == nil {
		t.Error("out-of-range kind marshalled")
	}
}
