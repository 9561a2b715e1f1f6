package resolve

import (
	"strings"
	"testing"
)

func defaultActors(t testing.TB) *ActorCatalog {
	t.Helper()
	c, err := DefaultActors()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// actorCases are names as news writes them and the actor each must
// resolve to; "" means the name must stay unresolved (and be kept).
var actorCases = []struct {
	name    string
	ctx     ActorContext
	want    string
	rule    string // "" = any
	role    string // "" = not checked
	count   int
	parents string // " > "-joined chain; "" = not checked
}{
	// Islamic State and ISIS-K, the brief's examples.
	{name: "ISIS-K", want: "ISIS-K", rule: RuleAlias, parents: "Islamic State"},
	{name: "ISIS Khorasan", want: "ISIS-K"},
	{name: "Islamic State Khorasan Province", want: "ISIS-K"},
	{name: "IS-K", want: "ISIS-K"},
	{name: "IS-KP", want: "ISIS-K"},
	{name: "ISKP", want: "ISIS-K"},
	{name: "the Khorasan province", want: "ISIS-K"},
	{name: "Islamic State-Khorasan", want: "ISIS-K"},
	{name: "ISISK", want: "ISIS-K", rule: RuleLoose},
	{name: "ISIS", want: "Islamic State"},
	{name: "ISIL", want: "Islamic State"},
	{name: "IS", want: "Islamic State", rule: RuleExact},
	{name: "\"IS\"", want: "Islamic State", rule: RuleExact},
	{name: "is", want: ""},
	{name: "Daesh", want: "Islamic State"},
	{name: "DAESH", want: "Islamic State"},
	{name: "Islamic State", want: "Islamic State"},
	{name: "the Islamic State group", want: "Islamic State"},
	{name: "Islamic State's", want: "Islamic State"},
	{name: "داعش", want: "Islamic State"},
	{name: "ИГИЛ", want: "Islamic State"},
	{name: "ISWAP", want: "Islamic State West Africa Province", parents: "Islamic State"},
	{name: "Islamic State West Africa", want: "Islamic State West Africa Province"},
	{name: "ISGS", want: "Islamic State Sahel Province"},
	{name: "ADF", want: "Allied Democratic Forces", parents: "Islamic State Central Africa Province > Islamic State"},
	// Russia and its forces.
	{name: "the Kremlin", want: "Government of Russia"},
	{name: "Kremlin", want: "Government of Russia"},
	{name: "Moscow", want: "Government of Russia"},
	{name: "Putin", want: "Government of Russia"},
	{name: "Vladimir Putin", want: "Government of Russia"},
	{name: "Кремль", want: "Government of Russia"},
	{name: "Russia", want: "Government of Russia"},
	{name: "Russian Federation", want: "Government of Russia"},
	{name: "Wagner Group", want: "Wagner Group"},
	{name: "Wagner", want: "Wagner Group"},
	{name: "the Wagner group", want: "Wagner Group"},
	{name: "ЧВК Вагнер", want: "Wagner Group"},
	{name: "Wagner mercenaries", want: "Wagner Group"},
	{name: "Africa Corps", want: "Africa Corps", parents: "Military Forces of Russia > Government of Russia"},
	{name: "Rosgvardiya", want: "Rosgvardiya", parents: "Government of Russia"},
	{name: "Russian National Guard", want: "Rosgvardiya"},
	{name: "Росгвардия", want: "Rosgvardiya"},
	{name: "Russian forces", want: "Military Forces of Russia", rule: RuleDemonym, role: "forces"},
	{name: "Russian troops", want: "Military Forces of Russia", rule: RuleDemonym},
	{name: "Russia's army", want: "Military Forces of Russia", rule: RuleCountry, role: "army"},
	{name: "Russia’s military", want: "Military Forces of Russia"},
	{name: "Kremlin troops", want: "Military Forces of Russia", rule: RuleCountry},
	{name: "Putin's forces", want: "Military Forces of Russia", rule: RuleCountry},
	{name: "Russian police", want: "Police Forces of Russia", rule: RuleDemonym},
	{name: "ВС РФ", want: "Military Forces of Russia"},
	{name: "Russian-backed separatists", want: ""},
	{name: "pro-Russian separatists", want: ""},
	// Ukraine.
	{name: "Ukrainian Armed Forces", want: "Military Forces of Ukraine"},
	{name: "Armed Forces of Ukraine", want: "Military Forces of Ukraine"},
	{name: "Ukrainian troops", want: "Military Forces of Ukraine", rule: RuleDemonym, role: "troops"},
	{name: "Ukraine's armed forces", want: "Military Forces of Ukraine", rule: RuleCountry},
	{name: "ЗСУ", want: "Military Forces of Ukraine"},
	{name: "Kyiv", want: "Government of Ukraine"},
	{name: "Zelensky", want: "Government of Ukraine"},
	{name: "SBU", want: "Security Service of Ukraine"},
	{name: "Azov", want: "Azov Brigade", parents: "National Guard of Ukraine > Government of Ukraine"},
	{name: "Ukrainian civilians", want: "Civilians (Ukraine)", rule: RuleDemonym, role: "civilians"},
	// Middle East.
	{name: "Hezbollah", want: "Hezbollah"},
	{name: "Hizbullah", want: "Hezbollah"},
	{name: "Hizballah", want: "Hezbollah"},
	{name: "حزب الله", want: "Hezbollah"},
	{name: "Hezbollah's armed wing", want: "Hezbollah", rule: RuleMember},
	{name: "Hezbollah fighters", want: "Hezbollah"},
	{name: "Hamas", want: "Hamas"},
	{name: "HAMAS", want: "Hamas"},
	{name: "Hamas gunmen", want: "Hamas", rule: RuleMember, role: "gunmen"},
	{name: "Qassam Brigades", want: "Izz ad-Din al-Qassam Brigades", parents: "Hamas"},
	{name: "Islamic Jihad", want: "Palestinian Islamic Jihad"},
	{name: "Houthis", want: "Houthis"},
	{name: "Houthi rebels", want: "Houthis"},
	{name: "Ansar Allah", want: "Houthis"},
	{name: "Ansarallah", want: "Houthis"},
	{name: "the Huthis", want: "Houthis"},
	{name: "Sanaa", want: "Houthis"},
	{name: "HTS", want: "Hay'at Tahrir al-Sham"},
	{name: "Hayat Tahrir al-Sham", want: "Hay'at Tahrir al-Sham"},
	{name: "Hay’at Tahrir al-Sham", want: "Hay'at Tahrir al-Sham"},
	{name: "PKK", want: "Kurdistan Workers' Party"},
	{name: "YPG", want: "People's Protection Units", parents: "Syrian Democratic Forces"},
	{name: "SDF", want: "Syrian Democratic Forces"},
	{name: "Kurdish-led SDF", want: "Syrian Democratic Forces"},
	{name: "IDF", want: "Military Forces of Israel"},
	{name: "Israel Defense Forces", want: "Military Forces of Israel"},
	{name: "Israel Defence Forces", want: "Military Forces of Israel"},
	{name: "Israeli army", want: "Military Forces of Israel"},
	{name: "Israeli soldiers", want: "Military Forces of Israel", rule: RuleDemonym},
	{name: "Israeli riot police", want: "Police Forces of Israel", rule: RuleDemonym},
	{name: "Syrian army", want: "Military Forces of Syria"},
	{name: "Syrian regime forces", want: "Military Forces of Syria"},
	{name: "Syrian government troops", want: "Military Forces of Syria", rule: RuleCountry},
	{name: "Assad regime forces", want: "Military Forces of Syria", rule: RuleCountry},
	{name: "Iraqi security forces", want: "Military Forces of Iraq"},
	{name: "Hashd al-Shaabi", want: "Popular Mobilization Forces"},
	{name: "Kataib Hezbollah", want: "Kataib Hezbollah", parents: "Popular Mobilization Forces > Government of Iraq"},
	{name: "IRGC", want: "Islamic Revolutionary Guard Corps"},
	{name: "Revolutionary Guards", want: "Islamic Revolutionary Guard Corps"},
	{name: "Quds Force", want: "Quds Force", parents: "Islamic Revolutionary Guard Corps > Government of Iran"},
	{name: "Iran-backed militias", want: ""},
	{name: "Iranian-backed militias", want: ""},
	{name: "Saudi-led coalition", want: "Saudi-led coalition"},
	{name: "AQAP", want: "Al-Qaeda in the Arabian Peninsula", parents: "Al-Qaeda"},
	{name: "al-Qaida", want: "Al-Qaeda"},
	{name: "Al Qaeda", want: "Al-Qaeda"},
	{name: "Alqaeda", want: "Al-Qaeda", rule: RuleLoose},
	// Afghanistan and Pakistan.
	{name: "the Taliban", want: "Taliban"},
	{name: "Taleban", want: "Taliban"},
	{name: "Taliban fighters", want: "Taliban"},
	{name: "Afghan security forces", want: "Military Forces of Afghanistan"},
	{name: "Afghan civilians", want: "Civilians (Afghanistan)", rule: RuleDemonym, role: "civilians"},
	{name: "Afghan police", want: "Police Forces of Afghanistan", rule: RuleDemonym},
	{name: "Pakistani Taliban", want: "Tehrik-i-Taliban Pakistan"},
	{name: "TTP", want: "Tehrik-i-Taliban Pakistan"},
	{name: "Haqqani network", want: "Haqqani Network", parents: "Taliban"},
	{name: "BLA", want: "Balochistan Liberation Army"},
	{name: "Pakistani troops", want: "Military Forces of Pakistan", rule: RuleDemonym},
	// Africa.
	{name: "Al-Shabaab", want: "Al-Shabaab"},
	{name: "al-Shabab", want: "Al-Shabaab"},
	{name: "Al Shabaab militants", want: "Al-Shabaab"},
	{name: "al-Shabaab fighters", want: "Al-Shabaab", rule: RuleMember},
	{name: "Alshabaab", want: "Al-Shabaab", rule: RuleLoose},
	{name: "Shabaab", want: "Al-Shabaab"},
	{name: "الشباب", want: "Al-Shabaab"},
	{name: "Boko Haram", want: "Boko Haram"},
	{name: "Boko Haram insurgents", want: "Boko Haram"},
	{name: "BokoHaram", want: "Boko Haram", rule: RuleLoose},
	{name: "suspected Boko Haram gunmen", want: "Boko Haram", rule: RuleMember, role: "gunmen"},
	{name: "JNIM", want: "Jama'at Nusrat al-Islam wal-Muslimin", parents: "Al-Qaeda"},
	{name: "M23", want: "Mouvement du 23 Mars"},
	{name: "M23 rebels", want: "Mouvement du 23 Mars"},
	{name: "RSF", want: "Rapid Support Forces"},
	{name: "Rapid Support Forces", want: "Rapid Support Forces"},
	{name: "TPLF", want: "Tigray People's Liberation Front"},
	{name: "Nigerian military", want: "Military Forces of Nigeria"},
	{name: "Nigerian soldiers", want: "Military Forces of Nigeria", rule: RuleDemonym},
	{name: "Nigerian Army", want: "Military Forces of Nigeria"},
	{name: "Malian army", want: "Military Forces of Mali"},
	{name: "FAMa", want: "Military Forces of Mali"},
	{name: "Sudanese Armed Forces", want: "Military Forces of Sudan"},
	{name: "Somali National Army", want: "Military Forces of Somalia"},
	{name: "Kenyan policemen", want: "Police Forces of Kenya", rule: RuleDemonym},
	{name: "Congolese soldiers", want: "Military Forces of the Democratic Republic of the Congo", rule: RuleDemonym},
	{name: "Burkinabe soldiers", want: "Military Forces of Burkina Faso", rule: RuleDemonym},
	{name: "Burkinabè troops", want: "Military Forces of Burkina Faso"},
	{name: "Fano militia", want: "Fano"},
	// Americas, Asia, Europe, international.
	{name: "US troops", want: "Military Forces of the United States", rule: RuleCountry},
	{name: "U.S. troops", want: "Military Forces of the United States"},
	{name: "two US soldiers", want: "Military Forces of the United States", rule: RuleCountry, count: 2},
	{name: "the IS fighters", want: "Islamic State", rule: RuleMember},
	{name: "U.S.-backed SDF", want: "Syrian Democratic Forces"},
	{name: "US-backed Kurdish-led SDF", want: "Syrian Democratic Forces", rule: RuleQualified},
	{name: "the Pentagon", want: "Military Forces of the United States"},
	{name: "13 American military personnel", want: "Military Forces of the United States", rule: RuleDemonym, role: "military personnel", count: 13},
	{name: "two American soldiers", want: "Military Forces of the United States", count: 2},
	{name: "at least 20 Afghan civilians", want: "Civilians (Afghanistan)", count: 20},
	{name: "British troops", want: "Military Forces of the United Kingdom"},
	{name: "French soldiers", want: "Military Forces of France"},
	{name: "Turkish drones", want: "Military Forces of Turkey", rule: RuleDemonym},
	{name: "Tatmadaw", want: "Military Forces of Myanmar"},
	{name: "Myanmar junta", want: "Government of Myanmar"},
	{name: "Arakan Army", want: "Arakan Army"},
	{name: "AA", want: "Arakan Army", rule: RuleExact},
	{name: "aa", want: ""},
	{name: "NPA", want: "New People's Army", parents: "Communist Party of the Philippines"},
	{name: "FARC", want: "Revolutionary Armed Forces of Colombia"},
	{name: "ELN", want: "National Liberation Army"},
	{name: "Clan del Golfo", want: "Gulf Clan"},
	{name: "CJNG", want: "Jalisco New Generation Cartel"},
	{name: "Cártel de Sinaloa", want: "Sinaloa Cartel"},
	{name: "Cartel de Sinaloa", want: "Sinaloa Cartel"},
	{name: "Viv Ansanm", want: "Viv Ansanm"},
	{name: "South Korean troops", want: "Military Forces of South Korea", rule: RuleDemonym},
	{name: "North Korean soldiers", want: "Military Forces of North Korea", rule: RuleDemonym},
	{name: "Chinese coast guard", want: "Military Forces of China", rule: RuleDemonym},
	{name: "UN", want: "United Nations", rule: RuleExact},
	{name: "U.N.", want: "United Nations"},
	{name: "UNIFIL", want: "UNIFIL", parents: "United Nations"},
	{name: "MONUSCO", want: "MONUSCO"},
	{name: "AMISOM", want: "African Union Support and Stabilization Mission in Somalia", parents: "African Union"},
	{name: "NATO", want: "NATO"},
	{name: "Red Cross", want: "International Committee of the Red Cross"},
	{name: "Doctors Without Borders", want: "Médecins Sans Frontières"},
	{name: "Medecins Sans Frontieres", want: "Médecins Sans Frontières"},
	// Civilians, nationalities, roles.
	{name: "three Palestinian journalists", want: "Civilians (Palestine)", role: "journalists", count: 3},
	{name: "Syrian refugees", want: "Civilians (Syria)", rule: RuleDemonym},
	{name: "Yemeni fishermen", want: "Civilians (Yemen)"},
	{name: "Americans", want: "Civilians (United States)", rule: RuleDemonym, role: "nationals"},
	{name: "Americans", ctx: ActorContext{Role: "perpetrator"}, want: "Military Forces of the United States"},
	{name: "Israelis", ctx: ActorContext{Role: "victim"}, want: "Civilians (Israel)"},
	{name: "a Nigerian aid worker", want: "Civilians (Nigeria)", role: "aid worker", count: 1},
	{name: "Iranian officials", want: "Government of Iran", rule: RuleDemonym},
	{name: "Iranian government", want: "Government of Iran"},
	{name: "Iranian regime", want: "Government of Iran"},
	{name: "armed men", ctx: ActorContext{Country: "NG"}, want: ""},
	{name: "suspected civilians", ctx: ActorContext{Country: "NG"}, want: ""},
	// Qualifiers: a country, a backer, a description, a title.
	{name: "Lebanon's Hezbollah", want: "Hezbollah", rule: RuleQualified},
	{name: "Iran-backed Hezbollah", want: "Hezbollah", rule: RuleQualified},
	{name: "Yemen's Houthis", want: "Houthis", rule: RuleQualified},
	{name: "Iran-aligned Houthi rebels", want: "Houthis", rule: RuleQualified},
	{name: "Somalia's al-Shabaab", want: "Al-Shabaab", rule: RuleQualified},
	{name: "Sudanese paramilitary Rapid Support Forces", want: "Rapid Support Forces", rule: RuleQualified},
	{name: "Rwandan-backed M23 rebels", want: "Mouvement du 23 Mars", rule: RuleQualified},
	{name: "Nigerian Boko Haram", want: "Boko Haram", rule: RuleQualified},
	{name: "Egyptian Muslim Brotherhood", want: "Muslim Brotherhood", rule: RuleQualified},
	{name: "President Putin", want: "Government of Russia", rule: RuleQualified},
	{name: "Russian President Vladimir Putin", want: "Government of Russia", rule: RuleQualified},
	{name: "Prime Minister Benjamin Netanyahu", want: "Government of Israel", rule: RuleQualified},
	{name: "Mozambican al-Shabaab", want: "Islamic State Mozambique Province"},
	{name: "Kenyan al-Shabaab", want: ""},
	{name: "former President Trump", want: ""},
	{name: "Houthi drone", want: "Houthis", rule: RuleMember, role: "drone"},
	{name: "Israeli airstrikes", want: "Military Forces of Israel", rule: RuleDemonym, role: "airstrikes"},
	{name: "Russian mercenaries", want: "Wagner Group"},
	{name: "Turkish-backed fighters", want: ""},
	// A country that is also a US state, in a US story.
	{name: "Georgia", want: "Government of Georgia"},
	{name: "Georgian police", want: "Police Forces of Georgia"},
	{name: "Georgia police", ctx: ActorContext{Country: "US"}, want: ""},
	{name: "Georgia", ctx: ActorContext{Country: "us"}, want: ""},
	// Context country for names without a nationality.
	{name: "police", ctx: ActorContext{Country: "NG"}, want: "Police Forces of Nigeria", rule: RuleContext},
	{name: "the police", ctx: ActorContext{Country: "ng"}, want: "Police Forces of Nigeria", rule: RuleContext},
	{name: "security forces", ctx: ActorContext{Country: "ML"}, want: "Military Forces of Mali", rule: RuleContext},
	{name: "government forces", ctx: ActorContext{Country: "SD"}, want: "Military Forces of Sudan", rule: RuleContext},
	{name: "the army", ctx: ActorContext{Country: "MM"}, want: "Military Forces of Myanmar", rule: RuleContext},
	{name: "civilians", ctx: ActorContext{Country: "SY"}, want: "Civilians (Syria)", rule: RuleContext},
	{name: "five villagers", ctx: ActorContext{Country: "BF"}, want: "Civilians (Burkina Faso)", count: 5},
	{name: "police", want: ""},
	{name: "civilians", want: ""},
	// Unknown names are kept, never dropped or guessed.
	{name: "unknown gunmen", want: ""},
	{name: "unidentified assailants", want: ""},
	{name: "bandits", want: ""},
	{name: "Palestinian militants", want: ""},
	{name: "Kessin Liberation Front", want: ""},
	{name: "the Norland People's Army", want: ""},
	{name: "Russian Orthodox Church", want: ""},
	// Names too common or too generic to be one actor's alias.
	{name: "the base", want: ""},
	{name: "Red Crescent", want: ""},
	{name: "Border Police", want: ""},
	{name: "Maoist rebels", want: ""},
	{name: "Traore", want: ""},
	{name: "junta forces", want: ""},
	{name: "junta forces", ctx: ActorContext{Country: "ML"}, want: "Military Forces of Mali", rule: RuleContext},
	{name: "Taliban authorities", want: "Government of Afghanistan"},
	{name: "Russian", want: ""},
	{name: "", want: ""},
	{name: "   ", want: ""},
	{name: "the", want: ""},
	{name: "'s", want: ""},
}

func TestResolveActor(t *testing.T) {
	c := defaultActors(t)
	for _, tc := range actorCases {
		m := c.Resolve(tc.name, tc.ctx)
		label := tc.name
		if tc.ctx != (ActorContext{}) {
			label += " " + tc.ctx.Country + "/" + tc.ctx.Role
		}
		if tc.want == "" {
			if m.Resolved {
				t.Errorf("%q: resolved to %q by %s (%q), want unresolved", label, m.Name, m.Rule, m.Matched)
			}
			if m.Name != strings.TrimSpace(tc.name) || m.Query != tc.name || m.Rule != RuleUnresolved || m.ActorName() != nil {
				t.Errorf("%q: unresolved name not kept as written: %+v", label, m)
			}
			continue
		}
		if !m.Resolved || m.Name != tc.want {
			t.Errorf("%q: got %q (%s, %q), want %q", label, m.Name, m.Rule, m.Matched, tc.want)
			continue
		}
		if tc.rule != "" && m.Rule != tc.rule {
			t.Errorf("%q: rule %s (%q), want %s", label, m.Rule, m.Matched, tc.rule)
		}
		if tc.role != "" && m.Role != tc.role {
			t.Errorf("%q: role %q, want %q", label, m.Role, tc.role)
		}
		if m.Count != tc.count {
			t.Errorf("%q: count %d, want %d", label, m.Count, tc.count)
		}
		if tc.parents != "" && strings.Join(m.Parents, " > ") != tc.parents {
			t.Errorf("%q: parents %q, want %q", label, strings.Join(m.Parents, " > "), tc.parents)
		}
		a := c.Actor(m.Name)
		if a == nil || a.Kind != m.Kind || a.Country != m.Country {
			t.Errorf("%q: match %+v disagrees with the catalog's %+v", label, m, a)
		}
	}
	if len(actorCases) < 100 {
		t.Errorf("only %d cases", len(actorCases))
	}
}

// The package-level function uses the embedded catalog.
func TestResolveActorDefault(t *testing.T) {
	m := ResolveActor("ISIS-K", ActorContext{})
	if p := m.ActorName(); p == nil || *p != "ISIS-K" || m.ParticipantKind() != "organization" {
		t.Errorf("ResolveActor(ISIS-K) = %+v", m)
	}
	if k := ResolveActor("Afghan civilians", ActorContext{}).ParticipantKind(); k != "civilians" {
		t.Errorf("Afghan civilians: participant kind %q", k)
	}
	if k := ResolveActor("Russian forces", ActorContext{}).ParticipantKind(); k != "state" {
		t.Errorf("Russian forces: participant kind %q", k)
	}
	if k := ResolveActor("Kessin Liberation Front", ActorContext{}).ParticipantKind(); k != "" {
		t.Errorf("unresolved: participant kind %q", k)
	}
}

// The catalog is whole: every UN member has a government, military,
// police and civilians; kinds, countries and parents are valid (Load
// checks them); the brief's groups are there.
func TestActorCatalogShape(t *testing.T) {
	c := defaultActors(t)
	states := 0
	for cc, fs := range c.states {
		if fs.gov == nil || fs.mil == nil || fs.police == nil || fs.civ == nil {
			t.Errorf("%s: incomplete state actors %+v", cc, fs)
		}
		states++
	}
	if states != 196 { // 193 UN members + PS, XK, TW
		t.Errorf("%d countries with state actors, want 196", states)
	}
	nonState := 0
	for _, a := range c.Actors() {
		if a.Kind != ActorState && a.Kind != ActorStateForce && a.Kind != ActorCivilians {
			nonState++
		}
		for _, al := range a.Aliases {
			if r := c.Resolve(al, ActorContext{}); r.Name != a.Name {
				// Only a later file's override may take an alias away.
				overridden := false
				for _, o := range c.Overridden() {
					overridden = overridden || strings.HasPrefix(o, al+":")
				}
				if !overridden {
					t.Errorf("alias %q of %q resolves to %q", al, a.Name, r.Name)
				}
			}
		}
		for _, al := range a.Exact {
			if r := c.Resolve(al, ActorContext{}); r.Name != a.Name || r.Rule != RuleExact {
				t.Errorf("exact alias %q of %q resolves to %q by %s", al, a.Name, r.Name, r.Rule)
			}
		}
	}
	if nonState < 250 {
		t.Errorf("%d non-state actors, want a few hundred", nonState)
	}
	t.Logf("%d actors (%d non-state), %d alias keys, loaded in %v; overridden: %v",
		len(c.Actors()), nonState, c.AliasCount(), c.LoadTime(), c.Overridden())
}

// A user file adds actors and aliases and may correct the built-in ones.
func TestActorUserFile(t *testing.T) {
	user := ActorSource{Name: "mine.yaml", Data: []byte(`
- name: Kessin Liberation Front
  kind: rebel_group
  country: NO
  parent: Norland People's Army
  aliases: [KLF, Kessin rebels]
- name: Norland People's Army
  kind: rebel_group
  aliases: [NPA]
- name: Islamic State
  aliases: [Dawla]
`)}
	c, err := LoadActorsWith(user)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"KLF": "Kessin Liberation Front", "Kessin rebels": "Kessin Liberation Front",
		"NPA": "Norland People's Army", "Dawla": "Islamic State", "ISIS": "Islamic State",
		"KLF fighters": "Kessin Liberation Front",
	} {
		if m := c.Resolve(name, ActorContext{}); m.Name != want {
			t.Errorf("with the user file, %q → %q, want %q", name, m.Name, want)
		}
	}
	if m := c.Resolve("KLF", ActorContext{}); strings.Join(m.Parents, ">") != "Norland People's Army" {
		t.Errorf("KLF parents %v", m.Parents)
	}
	if len(c.Overridden()) < 2 { // NPA moved, plus the built-in Brussels
		t.Errorf("overrides not recorded: %v", c.Overridden())
	}
	// The default catalog is untouched.
	if m := ResolveActor("NPA", ActorContext{}); m.Name != "New People's Army" {
		t.Errorf("default catalog changed: NPA → %q", m.Name)
	}
}

// Broken files fail loudly with the file and actor named.
func TestActorFileErrors(t *testing.T) {
	for _, tc := range []struct{ yaml, want string }{
		{"- name: X\n  kind: gang\n", "unknown kind"},
		{"- name: X\n  kind: militia\n  country: Norland\n", "not an ISO"},
		{"- name: X\n  kind: militia\n  parent: Nobody\n", "unknown parent"},
		{"- name: X\n  kind: militia\n  parent: Y\n- name: Y\n  kind: militia\n  parent: X\n", "loops"},
		{"- name: Xx Group\n  aliases: [x]\n", "without a kind"},
		{"- name: X\n  kind: militia\n  alias: [x]\n", "alias"},
		{"- name: X\n  kind: militia\n  aliases: [Zed]\n- name: Y\n  kind: militia\n  aliases: [zed]\n", "also"},
		{"- name: X\n  kind: militia\n  aliases: ['--']\n", "no letters"},
		{"- kind: militia\n", "without a name"},
		{"not: a list\n", "mine.yaml"},
	} {
		_, err := LoadActorsWith(ActorSource{Name: "mine.yaml", Data: []byte(tc.yaml)})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "mine.yaml") {
			t.Errorf("%q: error %v, want one mentioning %q", tc.yaml, err, tc.want)
		}
	}
	if _, err := LoadActorsWith(ActorSource{Name: "empty.yaml"}); err != nil {
		t.Errorf("empty file: %v", err)
	}
}

func TestLooseKey(t *testing.T) {
	for in, want := range map[string]string{"al shabaab": "shabaab", "isis k": "isisk", "the al": "", "": "",
		"boko haram": "bokoharam", "hay at tahrir al sham": "hayattahrirsham", "alshabaab": "alshabaab"} {
		if got := looseKey(in); got != want {
			t.Errorf("looseKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestActorKey(t *testing.T) {
	for in, want := range map[string]string{
		"The Kremlin's": "kremlin", "Al-Shabaab": "al shabaab", "el-Shabab": "al shabab",
		"“Hamas”": "hamas", "ISIS-K": "isis k", "Burkinabè": "burkinabe", "the": "",
		"Russia’s army": "russia army", "Lions' Den": "lions den", "the the IDF": "idf",
	} {
		if got := ActorKey(in); got != want {
			t.Errorf("ActorKey(%q) = %q, want %q", in, got, want)
		}
	}
}
