// Package extract finds the political-violence incidents and strategic
// developments an article reports and codes each one with the fields ACLED
// and GTD coders fill in by hand, keeping the sentences every fact came from.
package extract

// Event types: ACLED's six.
const (
	Battles                  = "battles"
	ExplosionsRemoteViolence = "explosions_remote_violence"
	ViolenceAgainstCivilians = "violence_against_civilians"
	Protests                 = "protests"
	Riots                    = "riots"
	StrategicDevelopments    = "strategic_developments"
)

// Subtypes maps each of ACLED's 25 sub-event types to its event type.
var Subtypes = map[string]string{
	"armed_clash":                         Battles,
	"government_regains_territory":        Battles,
	"non_state_actor_overtakes_territory": Battles,
	"chemical_weapon":                     ExplosionsRemoteViolence,
	"air_drone_strike":                    ExplosionsRemoteViolence,
	"suicide_bomb":                        ExplosionsRemoteViolence,
	"shelling_artillery_missile_attack":   ExplosionsRemoteViolence,
	"remote_explosive_landmine_ied":       ExplosionsRemoteViolence,
	"grenade":                             ExplosionsRemoteViolence,
	"sexual_violence":                     ViolenceAgainstCivilians,
	"attack":                              ViolenceAgainstCivilians,
	"abduction_forced_disappearance":      ViolenceAgainstCivilians,
	"peaceful_protest":                    Protests,
	"protest_with_intervention":           Protests,
	"excessive_force_against_protesters":  Protests,
	"violent_demonstration":               Riots,
	"mob_violence":                        Riots,
	"agreement":                           StrategicDevelopments,
	"arrests":                             StrategicDevelopments,
	"change_to_group_activity":            StrategicDevelopments,
	"disrupted_weapons_use":               StrategicDevelopments,
	"headquarters_or_base_established":    StrategicDevelopments,
	"looting_property_destruction":        StrategicDevelopments,
	"non_violent_transfer_of_territory":   StrategicDevelopments,
	"other":                               StrategicDevelopments,
}

// AttackTypes are GTD's attack types, in GTD's order.
var AttackTypes = []string{
	"assassination", "armed_assault", "bombing_explosion", "hijacking",
	"hostage_taking_barricade", "hostage_taking_kidnapping",
	"facility_infrastructure_attack", "unarmed_assault",
}

// Certainty says how sure the text is that the event happened as told.
const (
	Reported     = "reported"
	Claimed      = "claimed"
	Alleged      = "alleged"
	Suspected    = "suspected"
	Denied       = "denied"
	Hypothetical = "hypothetical"
)

// Event is one incident as one article tells it. Field names on the wire
// are part of sitrep's contract (`sitrep extract --json`).
type Event struct {
	Type         string        `json:"type"`
	Subtype      string        `json:"subtype"`
	AttackType   *string       `json:"attack_type"`
	Date         *Date         `json:"date"`
	Location     *Location     `json:"location"`
	Perpetrators []Participant `json:"perpetrators"`
	Targets      []Participant `json:"targets"`
	Victims      []Participant `json:"victims"`
	Weapons      []string      `json:"weapons"`
	Killed       *Count        `json:"killed"`
	Wounded      *Count        `json:"wounded"`
	Certainty    string        `json:"certainty"`
	Claims       []Claim       `json:"claims"`
	Evidence     []Evidence    `json:"evidence"`
}

// Date is when an event happened, resolved against the article's date.
type Date struct {
	Start     string `json:"start"` // YYYY-MM-DD
	End       string `json:"end"`   // YYYY-MM-DD, the last day the date can mean
	Precision string `json:"precision"`
	Text      string `json:"text"` // the words it came from
}

// Location is where an event happened.
type Location struct {
	Name    string `json:"name"`
	Country string `json:"country"` // ISO 3166-1 alpha-2
	Admin1  string `json:"admin1"`
	// Admin2 is the county a place of precision admin2 stands for; Name
	// is then the county's seat, as ACLED names a district by its town.
	Admin2    string   `json:"admin2,omitempty"`
	Lat       *float64 `json:"lat"`
	Lon       *float64 `json:"lon"`
	Precision string   `json:"precision"` // point, city, admin2 (the county's seat stands for the county), admin1 or country
}

// Participant is a perpetrator, target or victim as the text names it.
type Participant struct {
	Name  string  `json:"name"`  // surface text
	Actor *string `json:"actor"` // canonical actor, when resolved
	Kind  string  `json:"kind"`  // person, organization, state, civilians, facility, unknown
}

// Count is a number of people killed or wounded; Max is nil when the text
// gives only a lower bound ("at least 169").
//
// Best is set only on an incident merged from several reports (see
// store.Incident): the reconciled estimate, with Min and Max the range the
// sources span.
type Count struct {
	Min  int  `json:"min"`
	Max  *int `json:"max"`
	Best *int `json:"best,omitempty"`
}

// Claim is a statement of responsibility: X claims, X blames Y, X denies.
type Claim struct {
	By      string `json:"by"`
	Kind    string `json:"kind"` // claims_responsibility, blames, denies
	Against string `json:"against,omitempty"`
}

// Evidence is a sentence an event's fields came from, as character (rune)
// offsets into the article's text. An empty span (Start == End == 0) whose
// Text is the article's title marks the headline, which is not part of the
// text: an event coded from the headline alone cites it so.
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}
