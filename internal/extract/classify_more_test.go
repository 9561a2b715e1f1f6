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
