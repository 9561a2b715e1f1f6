package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// want is one expected expression: its text, type and value ("" for
// type or value means "not checked"); mod is checked when given.
type want struct {
	text, typ, value, mod string
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// The sentences are invented news copy; the document dates are chosen so
// that the relative expressions have one right answer.
var cases = []struct {
	dct  string
	text string
	want []want
}{
	// Deictic: anchored on the document date (2024-03-27 is a Wednesday).
	{"2024-03-27", "Militants attacked a checkpoint in January, officials said.",
		[]want{{"January", "DATE", "2024-01", ""}}},
	{"2024-03-27", "Two soldiers were killed last Tuesday near the border.",
		[]want{{"last Tuesday", "DATE", "2024-03-26", ""}}},
	{"2024-03-27", "The convoy was ambushed on Friday night outside the town.",
		[]want{{"Friday night", "DATE", "2024-03-22TNI", ""}}},
	{"2024-03-27", "Police said the protest began two days ago and is spreading.",
		[]want{{"two days ago", "DATE", "2024-03-25", ""}}},
	{"2024-03-27", "Yesterday, a car bomb exploded in the market; today the city is calm.",
		[]want{{"Yesterday", "DATE", "2024-03-26", ""}, {"today", "DATE", "2024-03-27", ""}}},
	{"2024-03-27", "Clashes have increased this week and last month, and may spread next year.",
		[]want{{"this week", "DATE", "2024-W13", ""}, {"last month", "DATE", "2024-02", ""}, {"next year", "DATE", "2025", ""}}},
	{"2024-03-27", "Earlier this year the group seized three villages.",
		[]want{{"Earlier this year", "DATE", "2024", "START"}}},
	{"2024-03-27", "Violence has risen in recent years, the report said.",
		[]want{{"recent years", "DATE", "PAST_REF", ""}}},
	{"2024-03-27", "The ceasefire will be reviewed on Friday.",
		[]want{{"Friday", "DATE", "2024-03-29", ""}}},
	{"2024-03-27", "Rebels shelled the airport this morning and again last night.",
		[]want{{"this morning", "TIME", "2024-03-27TMO", ""}, {"last night", "TIME", "2024-03-26TNI", ""}}},
	{"2024-03-27", "Fighting continued during winter despite the snow.",
		[]want{{"winter", "DATE", "2024-WI", ""}}},
	{"2024-03-27", "The curfew is in force now.",
		[]want{{"now", "DATE", "PRESENT_REF", ""}}},

	// Explicit dates, at their own precision.
	{"2024-03-27", "The December 2016 battles left the old city in ruins.",
		[]want{{"December 2016", "DATE", "2016-12", ""}}},
	{"2024-03-27", "The army entered the valley in September 1999.",
		[]want{{"September 1999", "DATE", "1999-09", ""}}},
	{"2024-03-27", "Riots broke out in 2015, 2016, and 2017.",
		[]want{{"2015", "DATE", "2015", ""}, {"2016", "DATE", "2016", ""}, {"2017", "DATE", "2017", ""}}},
	{"2024-03-27", "The siege lasted 18 months.",
		[]want{{"18 months", "DURATION", "P18M", ""}}},
	{"2024-03-27", "The trial opened on March 14, 2023, in the capital.",
		[]want{{"March 14, 2023", "DATE", "2023-03-14", ""}}},
	{"2024-03-27", "The attack on 3/14/2024 killed four.",
		[]want{{"3/14/2024", "DATE", "2024-03-14", ""}}},
	{"2024-03-27", "Records dated 2023-11-05 were released.",
		[]want{{"2023-11-05", "DATE", "2023-11-05", ""}}},
	{"2024-03-27", "Attacks spiked on 12 February 2022 and again on Feb. 20.",
		[]want{{"12 February 2022", "DATE", "2022-02-12", ""}, {"Feb. 20", "DATE", "2022-02-20", ""}}},
	{"2024-03-27", "Insurgency grew through the 1990s and peaked in the late 1970s' shadow.",
		[]want{{"the 1990s", "DATE", "199", ""}, {"the late 1970s", "DATE", "197", "END"}}},
	{"2024-03-27", "Profits fell in the third quarter of 2023.",
		[]want{{"the third quarter of 2023", "DATE", "2023-Q3", ""}}},
	{"2024-03-27", "A curfew starts at 10:30 p.m. on Friday.",
		[]want{{"10:30 p.m. on Friday", "TIME", "2024-03-22T22:30", ""}}},
	{"2024-03-27", "The talks took 90 minutes.",
		[]want{{"90 minutes", "DURATION", "PT90M", ""}}},
	{"2024-03-27", "Militias have fought for nearly two years.",
		[]want{{"nearly two years", "DURATION", "P2Y", "LESS_THAN"}}},
	{"2024-03-27", "Patrols run every day and weekly reports follow.",
		[]want{{"every day", "SET", "P1D", ""}, {"weekly", "SET", "P1W", ""}}},
	{"2024-03-27", "Clashes broke out on Good Friday 2023.",
		[]want{{"Good Friday 2023", "DATE", "2023-04-07", ""}}},
	{"2024-03-27", "He was born on Christmas Day 1960.",
		[]want{{"Christmas Day 1960", "DATE", "1960-12-25", ""}}},
	// US holidays that move, against the document's year.
	{"2024-10-01", "A lifeguard was hurt on Memorial Day at the reservoir.",
		[]want{{"Memorial Day", "DATE", "2024-05-27", ""}}},
	{"2024-10-01", "Two men fought outside the bakery over Labor Day weekend.",
		[]want{{"Labor Day", "DATE", "2024-09-02", ""}}},
	{"2024-10-01", "The mural was unveiled on Mother's Day and defaced on Father's Day.",
		[]want{{"Mother's Day", "DATE", "2024-05-12", ""}, {"Father's Day", "DATE", "2024-06-16", ""}}},
	{"2024-03-27", "The march on Martin Luther King Day drew a crowd.",
		[]want{{"Martin Luther King Day", "DATE", "2024-01-15", ""}}},
	{"2024-03-27", "A scuffle broke out at the toy store on Black Friday 2023.",
		[]want{{"Black Friday 2023", "DATE", "2023-11-24", ""}}},
	// A day or a night next to a written day is that day moved by one.
	{"2024-03-27", "The kiosk was robbed the day after Christmas 2023.",
		[]want{{"the day after Christmas 2023", "DATE", "2023-12-26", ""}}},
	{"2024-03-27", "Two cars collided the night before March 3, 2024, on the ring road.",
		[]want{{"the night before March 3, 2024", "TIME", "2024-03-02TNI", ""}}},
	{"2024-03-27", "The ferry sank on March 3; the day after, divers came.",
		[]want{{"March 3", "DATE", "2024-03-03", ""}, {"the day after", "DATE", "2024-03-04", ""}}},
	{"2024-03-27", "The uprising began in mid-1996.",
		[]want{{"mid-1996", "DATE", "1996", "MID"}}},

	{"2024-03-27", "The curfew ends at 0600 GMT; shelling resumed at 1900 GMT.",
		[]want{{"0600 GMT", "TIME", "2024-03-27T06:00", ""}, {"1900 GMT", "TIME", "2024-03-27T19:00", ""}}},
	{"2024-03-27", "The blockade has lasted 1,000 days.",
		[]want{{"1,000 days", "DURATION", "P1000D", ""}}},
	{"2024-03-27", "Early Friday, gunmen stormed the hotel.",
		[]want{{"Friday", "DATE", "2024-03-22", ""}}},
	{"2024-03-27", "Parliament was dissolved in March last year and the vote was held on Monday, 4 September 2023.",
		[]want{{"March last year", "DATE", "2023-03", ""}, {"Monday, 4 September 2023", "DATE", "2023-09-04", ""}}},
	{"2024-03-27", "The war lasted two and a half years, and the talks a minute and a half.",
		[]want{{"two and a half years", "DURATION", "P2Y6M", ""}, {"a minute and a half", "DURATION", "PT1M30S", ""}}},
	{"2024-03-27", "The bombing took place on Jan. 12; police said that day was quiet until noon.",
		[]want{{"Jan. 12", "DATE", "2024-01-12", ""}, {"that day", "DATE", "2024-01-12", ""}, {"noon", "TIME", "2024-01-12T12:00", ""}}},

	{"2024-03-27", "Curfews were imposed in 2015-2017 and lifted days ago.",
		[]want{{"2015", "DATE", "2015", ""}, {"2017", "DATE", "2017", ""}, {"days ago", "DATE", "PAST_REF", ""}}},
	{"2024-03-27", "Police fired tear gas on the night of 14 March and again this past weekend.",
		[]want{{"the night of 14 March", "TIME", "2024-03-14TNI", ""}, {"this past weekend", "DATE", "2024-W12-WE", ""}}},

	{"2024-03-27", "The militia has not been seen since last Oct. 23.",
		[]want{{"last Oct. 23", "DATE", "2023-10-23", ""}}},

	// A weekday picks the year of a date written without one, and is
	// checked against one written with it.
	{"2024-03-27", "The march on Monday, June 11 ended in arrests.",
		[]want{{"Monday, June 11", "DATE", "2018-06-11", ""}}},

	{"2024-03-27", "Updated 12:34 p.m. ET, Tue March 26, 2024",
		[]want{{"12:34 p.m. ET, Tue March 26, 2024", "TIME", "2024-03-26T12:34", ""}}},

	// Anaphoric: anchored on the text's last date.
	{"2024-03-27", "The first raid came on September 30, 2015. A month later, the militia withdrew.",
		[]want{{"September 30, 2015", "DATE", "2015-09-30", ""}, {"A month later", "DATE", "2015-10", ""}}},
	{"2024-03-27", "Troops arrived on May 4, 2019, and the next day the shelling stopped.",
		[]want{{"May 4, 2019", "DATE", "2019-05-04", ""}, {"the next day", "DATE", "2019-05-05", ""}}},
	{"2024-03-27", "The coup took place in 2013; that year, 400 people died.",
		[]want{{"2013", "DATE", "2013", ""}, {"that year", "DATE", "2013", ""}}},
	// Two weeks after a date known to the month is known only to the month.
	{"2024-03-27", "Elections were held in March 2018. Two weeks later, riots broke out.",
		[]want{{"March 2018", "DATE", "2018-03", ""}, {"Two weeks later", "DATE", "2018-03", ""}}},
	// A year named in the same sentence carries to a bare month.
	{"2024-03-27", "In 2015 the city fell, and in March the rebels retook it.",
		[]want{{"2015", "DATE", "2015", ""}, {"March", "DATE", "2015-03", ""}}},

	// A year that names a thing, not the time of the clause, does not
	// carry to a bare date after it.
	{"2024-03-27", "The attack, the deadliest since the 2014 offensive, came weeks after a truce signed on 3 February.",
		[]want{{"2014", "DATE", "2014", ""}, {"3 February", "DATE", "2024-02-03", ""}}},

	{"2024-03-27", "Gunmen attacked on Friday, the deadliest raid since the 2014 offensive. The next day, police sealed the area.",
		[]want{{"Friday", "DATE", "2024-03-22", ""}, {"2014", "DATE", "2014", ""}, {"The next day", "DATE", "2024-03-23", ""}}},

	// "following" without "the" is a preposition, not "the next one".
	{"2024-03-27", "The boy died following Friday night's crash on the ridge road.",
		[]want{{"Friday night", "", "2024-03-22TNI", ""}}},
	{"2024-03-27", "The rangers returned on the following Friday.",
		[]want{{"the following Friday", "DATE", "2024-03-29", ""}}},
	// A look-forward cue does not reach past a word that opens another
	// clause; without one it still does.
	{"2024-03-27", "The ranger is expected to recover after a hiker struck him Monday.",
		[]want{{"Monday", "DATE", "2024-03-25", ""}}},
	{"2024-03-27", "The ranger is expected to return to work Monday.",
		[]want{{"Monday", "DATE", "2024-04-01", ""}}},

	{"2024-03-27", "The ferry will not sail on Friday following Monday's collision.",
		[]want{{"Friday", "DATE", "2024-03-29", ""}, {"Monday", "DATE", "2024-03-25", ""}}},
	// A clock time takes the relative day after it.
	{"2024-03-27", "The ferry ran aground about 1:15 a.m. last Saturday.",
		[]want{{"1:15 a.m. last Saturday", "TIME", "2024-03-23T01:15", ""}}},

	// "the day before", "the night after" standing alone are the day next
	// to the text's last date; with an event after "before" they are not
	// ("the day" in apposition keeps the date it stands next to).
	{"2024-03-27", "Rangers reached the lake on Friday. The night before, poachers had cut the fence.",
		[]want{{"Friday", "DATE", "2024-03-22", ""}, {"The night before", "TIME", "2024-03-21TNI", ""}}},
	{"2024-03-27", "Rangers reached the lake on Friday; poachers had cut the fence the day before.",
		[]want{{"Friday", "DATE", "2024-03-22", ""}, {"the day before", "DATE", "2024-03-21", ""}}},
	{"2024-03-27", "Rangers reached the lake on Friday and left the day after in a storm.",
		[]want{{"Friday", "DATE", "2024-03-22", ""}, {"the day after", "DATE", "2024-03-23", ""}}},
	{"2024-03-27", "The ferry sank on Friday, the day before the regatta.",
		[]want{{"Friday", "DATE", "2024-03-22", ""}, {"the day", "DATE", "2024-03-22", ""}}},

	// Abbreviated weekdays: with a full stop, or after a word that
	// introduces a day; "Sat", "Wed", "Sun" as words are left alone.
	{"2024-03-27", "Poachers were seen near the lake on Tues. and again late Thurs. night.",
		[]want{{"Tues.", "DATE", "2024-03-26", ""}, {"Thurs. night", "", "2024-03-21TNI", ""}}},
	{"2024-03-27", "The rangers met on Sat. and will patrol again on Wed.",
		[]want{{"Sat.", "DATE", "2024-03-23", ""}, {"Wed.", "DATE", "2024-03-27", ""}}},
	// A weekday the story is dated is that day, looking forward or back:
	// news names the current day by its weekday ("will gather Monday
	// night" in Monday's paper is tonight); next week's is "next Monday".
	{"2024-03-25", "Ferry crews will gather on the quay for the pilot Monday night, and he will be buried next Monday.",
		[]want{{"Monday night", "", "2024-03-25TNI", ""}, {"next Monday", "DATE", "2024-04-01", ""}}},
	// A past reporting verb closes the reported clause: the weekday after
	// it is when it was said, whatever the quote looked forward to.
	{"2024-03-27", "\"The ferry will sail again,\" the harbour master said Monday, and crews will inspect the hull Friday.",
		[]want{{"Monday", "DATE", "2024-03-25", ""}, {"Friday", "DATE", "2024-03-29", ""}}},
	// "set to", "slated to" look forward like "scheduled to"; a past "set"
	// does not.
	{"2024-03-27", "The ferry service is set to resume Monday, and the pilot is slated to testify Friday.",
		[]want{{"Monday", "DATE", "2024-04-01", ""}, {"Friday", "DATE", "2024-03-29", ""}}},
	{"2024-03-27", "Vandals set two boats adrift Monday.",
		[]want{{"Monday", "DATE", "2024-03-25", ""}}},
	// "is to be", "are to appear": a plan; "is to blame" is not one.
	{"2024-03-27", "The two deckhands are to be arraigned Friday, and the captain is to blame for the crash Monday.",
		[]want{{"Friday", "DATE", "2024-03-29", ""}, {"Monday", "DATE", "2024-03-25", ""}}},
	// A past participle right before the weekday dates what has happened,
	// inside a clause that looks forward; one after "be" or "remain" is
	// the look-forward clause's own.
	{"2024-03-27", "The coroner will release the name of the diver found Monday, and the marina will remain closed Friday.",
		[]want{{"Monday", "DATE", "2024-03-25", ""}, {"Friday", "DATE", "2024-03-29", ""}}},
	{"2024-03-27", "The skipper will be arraigned Friday.",
		[]want{{"Friday", "DATE", "2024-03-29", ""}}},
	{"2024-03-27", "Divers searched the bay last Fri. and on Mon Robert joined them.",
		[]want{{"last Fri.", "DATE", "2024-03-22", ""}}},
	{"2024-03-27", "Tues. night the ferry sank; Sat. night the storm ended.",
		[]want{{"Tues. night", "", "2024-03-26TNI", ""}, {"Sat. night", "", "2024-03-23TNI", ""}}},
	{"2024-03-27", "The warden sat. They Wed. The Sun. A story in the Sun Sat on the desk. Ask Mon. That Sun rose.", nil},
	{"2024-03-27", "The warden came last", nil},

	// A holiday without a year that dates a past event is last year's
	// when this year's is still to come; one the text names as a thing or
	// waits for, or in a clause that looks forward, is this year's.
	{"2024-05-06", "Two hikers were hurt in a fall on Memorial Day, rangers said.",
		[]want{{"Memorial Day", "DATE", "2023-05-29", ""}}},
	{"2024-05-06", "Rangers will close the trail on Memorial Day.",
		[]want{{"Memorial Day", "DATE", "2024-05-27", ""}}},
	{"2024-05-06", "Volunteers cleared the trail ahead of Memorial Day.",
		[]want{{"Memorial Day", "DATE", "2024-05-27", ""}}},
	{"2024-12-28", "The lodge burned on Christmas Day.",
		[]want{{"Christmas Day", "DATE", "2024-12-25", ""}}},
	{"2024-12-06", "Guests at the lodge hung Christmas lights on Sunday.",
		[]want{{"Christmas", "DATE", "2024-12-25", ""}, {"Sunday", "DATE", "2024-12-01", ""}}},
	{"2024-12-06", "The lodge closed early and will open on Christmas Eve.",
		[]want{{"Christmas Eve", "DATE", "2024-12-24", ""}}},

	// Things that are not dates.
	{"2024-03-27", "Protesters march on parliament and may return.", nil},
	{"2024-03-27", "The blast killed 137 people 2 miles from the base.", nil},
	{"2024-03-27", "About 2000 troops and 1500 police were deployed.", nil},
	{"2024-03-27", "A 6-year-old boy was among the wounded.", nil},
	{"2024-03-27", "The suspect, in his early 30s, was arrested.", nil},
	{"2024-03-27", "Flight 1990 landed safely; it cost $2015.", nil},
	{"2024-03-27", "May I ask a question? March forward, they said.", nil},
	{"2024-03-27", "The Sunday Times recalled Bloody Sunday and Super Tuesday.", nil},
	{"2024-03-27", "Officers searched the yards on or around March Street and along May Avenue.", nil},
	{"2024-03-27", "The clinic on Dunmore Road closed around March, and reopened by May.",
		[]want{{"March", "DATE", "2024-03", ""}, {"May", "DATE", "2024-05", ""}}},
}

func TestFind(t *testing.T) {
	for _, c := range cases {
		got := Find(c.text, day(c.dct))
		var gs []string
		for _, x := range got {
			gs = append(gs, fmt.Sprintf("%q %s %s %s", x.Text, x.Type, x.Value, x.Mod))
		}
		if len(got) != len(c.want) {
			t.Errorf("%s\n  got  %s\n  want %v", c.text, strings.Join(gs, "; "), c.want)
			continue
		}
		for i, w := range c.want {
			x := got[i]
			if x.Text != w.text || w.typ != "" && x.Type != w.typ || x.Value != w.value || w.mod != "" && x.Mod != w.mod {
				t.Errorf("%s\n  got  %s\n  want %q %s %s %s", c.text, gs[i], w.text, w.typ, w.value, w.mod)
			}
		}
	}
}

// TestAbsurd: dates no calendar has give an expression with no value and
// a warning, never a panic or a made-up date.
func TestAbsurd(t *testing.T) {
	for _, s := range []string{"It happened on February 30, 2021.", "Filed 13/45/2020.", "Logged 2021-02-29.", "On 0000-01-01 nothing."} {
		for _, x := range Find(s, day("2024-03-27")) {
			if x.Type == "DATE" && x.Value != "" && strings.Contains(x.Text, "30") || strings.Contains(x.Value, "0000") {
				t.Errorf("%q: got value %q for %q", s, x.Value, x.Text)
			}
			if x.Value == "" && x.Warning == "" {
				t.Errorf("%q: %q has neither value nor warning", s, x.Text)
			}
		}
	}
}

// TestNoAnchor: without a document date, deictic expressions are found
// but not given a value.
func TestNoAnchor(t *testing.T) {
	got := Find("Yesterday the army said that on March 3, 2020 it left.", time.Time{})
	if len(got) != 2 || got[0].Value != "" || got[0].Warning == "" || got[1].Value != "2020-03-03" {
		t.Fatalf("got %+v", got)
	}
}

func TestLexiconParse(t *testing.T) {
	if _, err := parseLexicon("no table: here"); err == nil {
		t.Error("a line outside a table should fail")
	}
	l, err := parseLexicon("[t]\nX: new_year's_day")
	if err != nil || l["t"]["new year ' s day"] != "X" {
		t.Errorf("got %v, %v", l, err)
	}
}

// TestLinear: a long text costs work in proportion to its length, and
// finds the same expressions in each repeat.
func TestLinear(t *testing.T) {
	unit := "On March 3, 2020, two days after the raid, 1,500 troops march on 10:30 p.m. Friday; May 5 and the 1990s. "
	x1, s1 := find(strings.Repeat(unit, 500), day("2024-03-27"))
	x4, s4 := find(strings.Repeat(unit, 2000), day("2024-03-27"))
	if len(x4) != 4*len(x1) {
		t.Errorf("expressions: %d for 4x text, %d for 1x", len(x4), len(x1))
	}
	if s4 > 4*s1+100 {
		t.Errorf("look-ups: %d for 4x text, %d for 1x", s4, s1)
	}
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("Militants attacked a checkpoint on Friday, two days after the March 3, 2020 talks; 1,500 troops were sent for 18 months. ", 100)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(text, day("2024-03-27"))
	}
}

// TestAdversarial: inputs built to make a pattern look far ahead cost a
// bounded number of token look-ups per token, however long they are.
func TestAdversarial(t *testing.T) {
	for _, unit := range []string{"one to ", "twenty ", "the ", "a hundred ", "'", "- ", "1,", "March ", "early the ",
		"every other ", "2024-", "the next ", "at least ", "Monday, ", "10:", "and a half ", "mid-", "the end of "} {
		text := strings.Repeat(unit, 4000)
		_, steps := find(text, day("2024-03-27"))
		if per := steps / len(tokenize(text)); per > 200 {
			t.Errorf("%q: %d look-ups per token", unit, per)
		}
		_, steps4 := find(strings.Repeat(unit, 16000), day("2024-03-27"))
		if steps4 > 4*steps+1000 {
			t.Errorf("%q: %d look-ups for 4x text, %d for 1x: not linear", unit, steps4, steps)
		}
	}
}

// BenchmarkFindProse is ordinary news prose, where dates are rare and most
// words are skipped by the starters shortcut.
func BenchmarkFindProse(b *testing.B) {
	text := strings.Repeat("Security forces opened fire on protesters outside the provincial governor's office, killing at least four people and wounding dozens, according to hospital officials and witnesses who spoke to reporters. The demonstrators had gathered to demand the release of activists detained during a crackdown on Friday. ", 40)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Find(text, day("2024-03-27"))
	}
}
