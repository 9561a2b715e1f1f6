package extract

import "testing"

// TestClassifyMore is a second set of sentences written without looking at
// the codebook's phrases, to catch rules that only fit the first set.
func TestClassifyMore(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Fighters of the Sahel Brigade ambushed an army patrol on the road to Kouma, and the exchange of fire lasted two hours.", "armed_clash"},
		{"Soldiers killed 17 insurgents in a firefight near the Dorra forest, the defence ministry said.", "armed_clash"},
		{"The army said it had retaken Bara Junction, which the rebels had held since June.", "government_regains_territory"},
		{"After three days of fighting, the Liberation Front took control of the provincial capital.", "non_state_actor_overtakes_territory"},
		{"Jihadists overran a gendarmerie post and seized the nearby town of Tessit.", "non_state_actor_overtakes_territory"},
		{"Helicopter gunships pounded rebel positions in the hills above Mayo.", "air_drone_strike"},
		{"An unmanned aerial vehicle struck a car on the outskirts of Hadar, killing its two occupants.", "air_drone_strike"},
		{"Mortar rounds slammed into a residential block in the old city, wounding 12.", "shelling_artillery_missile_attack"},
		{"A car bomb exploded outside a hotel used by government officials.", "remote_explosive_landmine_ied"},
		{"An explosive device hidden in a rubbish bin detonated at a bus stop.", "remote_explosive_landmine_ied"},
		{"A female suicide attacker detonated her explosive vest at a checkpoint, killing three guards.", "suicide_bomb"},
		{"A man on a motorbike lobbed a hand grenade at the police station.", "grenade"},
		{"Gunmen stormed a wedding party in Kilo village and massacred 31 guests.", "attack"},
		{"Herders said unidentified attackers hacked four farmers to death in their fields.", "attack"},
		{"The journalist was abducted by masked men outside her home and has not been seen since.", "abduction_forced_disappearance"},
		{"Pirates took 12 crew members hostage after boarding the tanker.", "abduction_forced_disappearance"},
		{"Women in the camp told investigators they had been raped by members of the militia.", "sexual_violence"},
		{"Students held a sit-in outside the education ministry demanding the reopening of campuses.", "peaceful_protest"},
		{"Hundreds rallied in Freedom Square to demand the release of political prisoners.", "peaceful_protest"},
		{"Police used batons and pepper spray to break up a demonstration by taxi drivers.", "protest_with_intervention"},
		{"Troops fired live rounds at demonstrators in the port city, killing four.", "excessive_force_against_protesters"},
		{"Rioters set cars ablaze and smashed shop windows after the verdict was announced.", "violent_demonstration"},
		{"Demonstrators threw rocks and petrol bombs at police, who responded with water cannon.", "violent_demonstration"},
		{"Villagers beat a suspected thief to death after catching him in the market.", "mob_violence"},
		{"The government and the rebel alliance agreed to a 30-day truce starting on Monday.", "agreement"},
		{"The two groups exchanged 40 prisoners at the Kilo bridge under Red Cross supervision.", "agreement"},
		{"Intelligence officers detained a senior opposition figure at the airport.", "arrests"},
		{"Police intercepted a truck loaded with rifles and grenades at a checkpoint outside the city.", "disrupted_weapons_use"},
		{"Air defences shot down two drones over the capital overnight.", "disrupted_weapons_use"},
		{"Troops found a cache of rifles hidden in a farmhouse near the border.", "disrupted_weapons_use"},
		{"A 4-year-old boy found a loaded gun in his father's truck and shot his sister in the arm.", "attack"},
		{"The militia established a new headquarters in the former governor's residence.", "headquarters_or_base_established"},
		{"Armed men looted the health centre and set fire to the pharmacy.", "looting_property_destruction"},
		{"Government troops pulled out of the border post, handing it to the regional administration.", "non_violent_transfer_of_territory"},
		{"The rebel commander announced that his fighters were joining the Unity Front.", "change_to_group_activity"},
		{"Cyclone Mora made landfall overnight, flattening homes and cutting power to the coast.", "natural_disaster"},
		{"Health officials reported 300 new cholera cases in the flooded districts.", "natural_disaster"},
		{"A passenger train derailed near Tolla, killing six and injuring 40.", "man_made_disaster"},
		{"Five workers died when a mine shaft collapsed at the Kivu copper site.", "man_made_disaster"},
		{"Detectives broke up a ring that smuggled stolen cars across the border.", "organized_crime"},
		{"The country recalled its ambassador and imposed sanctions on three officials.", "diplomatic"},
		{"The Dawn Brigade claimed responsibility for the bombing in a statement posted online.", "attribution"},
	}
	fails := 0
	for _, tc := range tests {
		if got, _, _ := Classify(tc.text); got != tc.want {
			fails++
			t.Errorf("Classify(%q) = %q, want %q\n  ranked: %v", tc.text, got, tc.want, Rank(tc.text))
		}
	}
	t.Logf("%d/%d right", len(tests)-fails, len(tests))
}

// TestClassifyThird: a third set, with the hard cases of sense and
// precedence (rubber bullets are not live fire, an air strike on a depot is
// not a weapons seizure).
func TestClassifyThird(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Clashes between two rival militias in the southern suburbs left at least nine fighters dead.", "armed_clash"},
		{"Security forces repelled an attack by gunmen on a military base in the north-west, killing six assailants.", "armed_clash"},
		{"Pro-government forces regained control of the Al-Nour district on Saturday.", "government_regains_territory"},
		{"The town of Kessin fell to rebel fighters late on Thursday.", "non_state_actor_overtakes_territory"},
		{"Israeli aircraft struck a weapons depot near the coast, the army said.", "air_drone_strike"},
		{"Artillery fire hit a hospital in the besieged city, killing two nurses.", "shelling_artillery_missile_attack"},
		{"Two soldiers were wounded when their vehicle ran over an improvised explosive device.", "remote_explosive_landmine_ied"},
		{"A bomber wearing an explosives belt blew himself up among worshippers at Friday prayers.", "suicide_bomb"},
		{"Attackers threw a grenade at a checkpoint manned by police.", "grenade"},
		{"Gunmen on motorbikes killed a village chief and his two sons.", "attack"},
		{"The aid worker was kidnapped at gunpoint on the road to Marka; her kidnappers have demanded a ransom.", "abduction_forced_disappearance"},
		{"The UN mission said soldiers had sexually assaulted at least 20 women during the sweep.", "sexual_violence"},
		{"Farmers staged a peaceful demonstration in front of the governor's office.", "peaceful_protest"},
		{"Police fired rubber bullets to disperse a crowd of demonstrators blocking the highway.", "protest_with_intervention"},
		{"Three protesters were shot dead when soldiers opened fire on a march in the capital.", "excessive_force_against_protesters"},
		{"Angry protesters stormed the parliament building and set it on fire.", "violent_demonstration"},
		{"A mob burned a man accused of blasphemy.", "mob_violence"},
		{"The warring parties signed a peace accord in the capital.", "agreement"},
		{"Police detained three journalists covering the trial.", "arrests"},
		{"Bomb disposal experts defused a device found under a car.", "disrupted_weapons_use"},
		{"A second bomb left in the same cafe was deactivated by the police.", "disrupted_weapons_use"},
		{"A small cargo plane was dynamited by unknown men at the edge of the airfield.", "remote_explosive_landmine_ied"},
		{"Rebels ambushed an air force helicopter near the river on Tuesday.", "armed_clash"},
		{"Rebels launched a surprise attack on the air force headquarters in Dalor.", "armed_clash"},
		{"Air force jets bombed rebel camps in the northern hills on Sunday.", "air_drone_strike"},
		{"Unknown men who drove up to the embassy placed a bomb under one of the diplomats' cars.", "remote_explosive_landmine_ied"},
		{"The foreign ministry condemned the bombing of its embassy in Dalor.", "diplomatic"},
		{"A bomb went off at a textile factory in the northern district of Velas.", "remote_explosive_landmine_ied"},
		{"The radio station, dynamited by cocaine traffickers in May, is broadcasting again.", "remote_explosive_landmine_ied"},
		{"Rebels bombed a bus carrying soldiers near the port.", "remote_explosive_landmine_ied"},
		{"The army bombed rebel camps near the border.", "air_drone_strike"},
		{"The armed group set up a checkpoint and a base in the school.", "headquarters_or_base_established"},
		{"Soldiers looted homes and burned granaries in the raided villages.", "looting_property_destruction"},
		{"The rebels handed over control of the town to the army under the deal.", "non_violent_transfer_of_territory"},
		{"The militia announced it would disband and hand its weapons to the state.", "change_to_group_activity"},
		{"A wildfire has burned 20,000 hectares and forced thousands to flee.", "natural_disaster"},
		{"An explosion at a fireworks factory killed 12 workers.", "man_made_disaster"},
		{"Police seized two tonnes of cannabis and arrested the gang leaders.", "organized_crime"},
		{"The foreign ministry summoned the ambassador to protest the border incident.", "diplomatic"},
		{"The government blamed separatists for the bombing, but the group denied any role.", "attribution"},
		{"No one has been arrested.", ""},
	}
	fails := 0
	for _, tc := range tests {
		if got, _, _ := Classify(tc.text); got != tc.want {
			fails++
			t.Errorf("Classify(%q) = %q, want %q\n  ranked: %v", tc.text, got, tc.want, Rank(tc.text))
		}
	}
	t.Logf("%d/%d right", len(tests)-fails, len(tests))
}

// A sentence that says someone was shot tells of a shooting even when a
// non-violent category ranks first on the words around it (the agency
// that reported it, the setting); an accident cue keeps it a non-event,
// and without gunfire the category still wins.
func TestSentenceTriggerGunfireOverCategory(t *testing.T) {
	tests := []triggerCase{
		{"Three men were wounded in a shooting late Friday, according to the Orvale Fire Department.", "attack"},
		{"Firefighters found a woman who had been shot in the chest outside the Velmora depot.", "attack"},
		{"A boy was accidentally shot by his cousin while they played with a rifle, the fire department said.", ""},
		{"Firefighters put out a blaze at a Velmora warehouse on Friday.", ""},
		{"A hunter was shot in the leg in a hunting accident near Orvale.", ""},
		{"A drug deal in Velmora ended in a fatal shooting, a detective testified.", "attack"},
		{"One man is dead following a shooting and a car crash on Orvale Avenue.", "attack"},
		{"Detectives are investigating a double homicide at a Velmora apartment.", "attack"},
	}
	checkSentenceTriggers(t, tests)
}

// The aftermath of a shooting uses words other types own: shell casings
// are not shelling, a victim taken to hospital is not a town taken, a
// police helicopter is not an air strike, and a gun that went off is a
// mishap, not a bomb. Each sentence's first-ranked label ("" for none).
func TestShootingAftermathSenses(t *testing.T) {
	tests := []struct {
		sentence, want string
	}{
		{"Detectives collected shell casings from the Velmora parking lot.", ""},
		{"Two men were shot and were taken to an area hospital, a spokesman said.", "attack"},
		{"A police helicopter circled over the Orvale block after two men were shot.", "attack"},
		{"The victim, a retired Air Force sergeant, was shot in the leg.", "attack"},
		{"The rifle went off while the boy was cleaning it, striking his brother.", ManMadeDisaster},
		{"Officers took the gunman into custody near the Orvale town hall.", "arrests"},
		{"When officers arrived the pistol he had been showing his friend went off, striking the friend in the hip.", ManMadeDisaster},
		{"Neighbours heard guns going off and found two men shot on the Orvale sidewalk.", "attack"},
		{"The clerk fell to the floor after she was shot in the shoulder.", "attack"},
		{"It took only a few hours for the town to record another shooting.", "attack"},
		{"A boy is fighting for his life after he was hit by gunfire in Velmora.", "attack"},
		{"It went off, and the bullet struck the girl in the arm.", ManMadeDisaster},
		{"Agents of the Bureau of Alcohol, Tobacco, Firearms and Explosives arrived on Monday.", ""},
		{"Neighbours heard several gunshots that went off near the Orvale park.", ""},
		// The conflict readings stay.
		{"The bomb went off outside the Dorvan market, killing six.", "remote_explosive_landmine_ied"},
		{"Artillery shells struck the village overnight, killing four.", "shelling_artillery_missile_attack"},
		{"Government troops took control of the town after two days of fighting.", "government_regains_territory"},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			got := ""
			if r := Rank(tt.sentence); len(r) > 0 {
				got = r[0].Label
			}
			if got != tt.want {
				t.Errorf("first label %q, want %q (%v)", got, tt.want, Rank(tt.sentence))
			}
		})
	}
}

// The routine of a local news report is not a strategic development:
// responders dispatched to a call, a fund page set up, a victim who
// graduated from school or was moved to another hospital, a family
// gathering. The conflict readings of the same words stay.
func TestLocalNewsRoutineSenses(t *testing.T) {
	tests := []struct {
		sentence string
		event    bool
	}{
		{"Deputies were dispatched to a home on Orvale Road shortly after 9 p.m.", false},
		{"A fund page has been set up so relatives can pay for the burial.", false},
		{"She graduated from Velmora High School last spring.", false},
		{"The boy was later transferred to a children's hospital in Dorvan.", false},
		{"There was a family gathering at the house that evening, a neighbour said.", false},
		{"May the family find peace in the months ahead.", false},
		{"The army dispatched two battalions to the border region on Monday.", true},
		{"The two sides signed a peace agreement in Dorvan on Friday.", true},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if _, ok := sentenceTrigger(tt.sentence); ok != tt.event {
				t.Errorf("event %v, want %v (%v)", ok, tt.event, Rank(tt.sentence))
			}
		})
	}
}

// A claim of responsibility for violence, a blame for it or a
// condemnation of it tells that the violence happened; a charge with no
// act told ("accused of murder") stays a blame only.
func TestSentenceTriggerClaimAndCondemnation(t *testing.T) {
	tests := []triggerCase{
		{"The Dorvan Front claimed responsibility for the murder of the Velmora mayor.", "attack"},
		{"The ministry strongly condemned the murder of judge Anna Orvale.", "attack"},
		{"The family blamed two guards for the murder.", "attack"},
		{"The army blamed the guerrillas for the attack on the power station in Velas.", "attack"},
		{"Police blamed the Red Dawn Front for the bombing of the bank.", "remote_explosive_landmine_ied"},
		{"The bishop accused the air force of bombing the church of Santa Lora.", "air_drone_strike"},
		{"The mayor blamed a paramilitary gang for the car bomb attack that missed his convoy.", "remote_explosive_landmine_ied"},
		{"Two deputies were accused of murder and fraud.", ""},
		{"The union blamed the government for the strike.", ""},
		{"The minister blamed the opposition for the economic crisis.", ""},
		{"The ministry condemned the decision to close the border crossing.", ""},
	}
	checkSentenceTriggers(t, tests)
}

// triggerCase is a sentence and the subtype its trigger gives ("" for no
// event).
type triggerCase struct {
	sentence string
	want     string
}

func checkSentenceTriggers(t *testing.T, tests []triggerCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			tr, ok := sentenceTrigger(tt.sentence)
			got := ""
			if ok {
				got = tr.Subtype
			}
			if got != tt.want {
				t.Errorf("sentenceTrigger = %q, want %q", got, tt.want)
			}
		})
	}
}

// Shots told fired, and victims told shot with a word between ("were all
// shot"), are a shooting: a story of bodies found after shots were heard,
// or of a gun found beside victims who were all shot, is an attack, not a
// non-event or weapons seized. Warning shots and shots into the air are
// no attack.
func TestShotsFiredAndVictimsAllShot(t *testing.T) {
	tests := []triggerCase{
		{"Deputies found two people dead on Orvale Street after neighbours reported shots fired.", "attack"},
		{"Deputies answered a call about shots fired near the Velmora marina.", "attack"},
		{"The robber fired several shots, hitting the clerk in the arm.", "attack"},
		{"A father and his two sons found dead in a parked truck were all shot, and a revolver was found on the seat.", "attack"},
		{"Officers fired two warning shots into the air outside the Velmora depot.", ""},
		{"Troops found a cache of rifles hidden in a farmhouse near the border.", "disrupted_weapons_use"},
	}
	checkSentenceTriggers(t, tests)
}

// An arrest in a crime story that tells a death or a shooting is the
// killing's story, not routine crime: the gang shootout is coded. A
// routine arrest for drugs or theft stays no event.
func TestCrimeArrestWithDeath(t *testing.T) {
	tests := []triggerCase{
		{"Two men are in custody over the death of a teenager in a gang shootout in Orvale last spring.", "armed_clash"},
		{"Deputies arrested two men on drug charges after a traffic stop in Velmora.", ""},
	}
	checkSentenceTriggers(t, tests)
}

// The routine of a US shooting story is no territory, base or air strike:
// a body or a wounded man taken somewhere, medics who took over his care,
// a driver who lost control of his car, a fund page set up, aerial news
// footage. The conflict readings of the same words stay.
func TestShootingRoutineNoTerritory(t *testing.T) {
	tests := []struct {
		sentence string
		event    bool
	}{
		{"The body was taken to the Orvale County coroner's office for an autopsy.", false},
		{"Paramedics took Jenkins to a clinic in the Velmora district after the call.", false},
		{"The deputy bandaged the wound and then paramedics took over treatment, the report said.", false},
		{"A GoFundMe was set up so relatives can pay for the burial.", false},
		{"Aerial footage showed several patrol cars near the Orvale exit ramp.", false},
		{"Emergency responders took Hicks, who lives on Orvale Road, to a clinic in the Velmora district.", false},
		{"The number of open cases has since fallen to 3.", false},
		{"The town fell to the rebels on Sunday after heavy fighting.", true},
		{"She told police she left the car running outside the Velmora store.", false},
		{"The militia left the town overnight and the army moved in without a fight.", true},
		{"Government troops took control of the town after two days of fighting.", true},
		{"Rebels seized the district capital on Tuesday.", true},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if _, ok := sentenceTrigger(tt.sentence); ok != tt.event {
				t.Errorf("event %v, want %v (%v)", ok, tt.event, Rank(tt.sentence))
			}
		})
	}
}

// "Offensive" before a noun of kind or capacity (manoeuvres, weapons,
// capabilities) tells no offensive; a statement of what such operations
// need is no event. Offensives launched or fought stay battles.
func TestOffensiveAdjective(t *testing.T) {
	tests := []struct {
		sentence string
		event    bool
	}{
		{"For large offensive manoeuvres, a state needs more soldiers, more money and a quiet home front.", false},
		{"Any army that wants offensive capabilities on that scale needs a far larger budget.", false},
		{"Neither side may keep offensive weapons within twenty kilometres of the border.", false},
		{"The army launched an offensive on the town of Kessin on Monday.", true},
		{"The offensive on the town left twelve soldiers dead.", true},
		{"Rebels began a new offensive against government positions near Velmora.", true},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			if _, ok := sentenceTrigger(tt.sentence); ok != tt.event {
				t.Errorf("event %v, want %v (%v)", ok, tt.event, Rank(tt.sentence))
			}
		})
	}
}

// TestClassifyBaseAndAgentSenses: a headquarters or a base named as what
// was hit or where, a charge that did the destroying, thrown dynamite and
// an abandoned getaway car are no base set up, no weapons made safe, no
// diplomacy and no territory given up.
func TestClassifyBaseAndAgentSenses(t *testing.T) {
	tests := []struct{ text, want string }{
		{"the party office in the north district was completely destroyed by a powerful bomb.", "remote_explosive_landmine_ied"},
		{"A bus depot in Orto was damaged by an explosive charge early on Sunday.", "remote_explosive_landmine_ied"},
		{"guerrillas also attacked the 4th infantry brigade with headquarters in la union.", "attack"},
		{"Gunmen attacked the police headquarters in Vesca, killing a guard.", "armed_clash"},
		{"ten terrorists hurled dynamite sticks at the embassy building in the capital, causing serious damage.", "remote_explosive_landmine_ied"},
		{"The attack was staged by four gunmen who used two cars which were later abandoned.", "attack"},
		{"The rebels said the killing of their commander forced them to withdraw from the talks.", "attack"},
		{"Investigators are preparing a sketch of the murderers based on the description of witnesses.", "attack"},
		// still coded as before
		{"The militia established a new headquarters in the former governor's residence.", "headquarters_or_base_established"},
		{"Troops destroyed a cache of explosives found in a cave.", "disrupted_weapons_use"},
		{"Government troops abandoned their positions in the town of Kessin.", "non_violent_transfer_of_territory"},
	}
	for _, tc := range tests {
		if got, _, _ := Classify(tc.text); got != tc.want {
			t.Errorf("Classify(%q) = %q, want %q\n  ranked: %v", tc.text, got, tc.want, Rank(tc.text))
		}
	}
}
