package export

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// The mapping tables are data, not code, so that a coder can check them
// against ACLED's and GTD's codebooks and correct them without Go.
var (
	//go:embed codes.yaml
	codesYAML []byte
	//go:embed countries.tsv
	countriesTSV string
)

// label is a code with its text, as GTD writes both (attacktype1 and
// attacktype1_txt).
type label struct {
	Code  int    `yaml:"code"`
	Label string `yaml:"label"`
}

type acledSubtype struct {
	Label    string `yaml:"label"`
	Disorder string `yaml:"disorder"`
}

// codebook is codes.yaml and countries.tsv, parsed.
type codebook struct {
	ACLED struct {
		EventTypes        map[string]string       `yaml:"event_types"`
		Subtypes          map[string]acledSubtype `yaml:"subtypes"`
		TimePrecision     map[string]int          `yaml:"time_precision"`
		GeoPrecision      map[string]int          `yaml:"geo_precision"`
		Inter             map[string]int          `yaml:"inter"`
		ProtesterTypes    map[string]int          `yaml:"protester_types"`
		UnnamedActor      map[string]string       `yaml:"unnamed_actor"`
		CiviliansActor    string                  `yaml:"civilians_actor"`
		CivilianTargeting string                  `yaml:"civilian_targeting"`
	} `yaml:"acled"`
	GTD struct {
		AttackTypes         map[string]label  `yaml:"attack_types"`
		AttackTypeBySubtype map[string]string `yaml:"attack_type_by_subtype"`
		WeaponTypes         map[string]label  `yaml:"weapon_types"`
		WeaponWords         map[string]string `yaml:"weapon_words"`
		WeaponTypeBySubtype map[string]string `yaml:"weapon_type_by_subtype"`
		TargetTypes         map[string]label  `yaml:"target_types"`
		TargetByNamePrefix  map[string]string `yaml:"target_by_name_prefix"`
		TargetByKind        map[string]string `yaml:"target_by_kind"`
		Specificity         map[string]int    `yaml:"specificity"`
	} `yaml:"gtd"`
	countries map[string]country // by ISO 3166-1 alpha-2
}

// country is one row of countries.tsv.
type country struct {
	ISO3, ISONumeric         string
	ACLEDName, ACLEDRegion   string
	GTDCode, GTDName         string
	GTDRegion, GTDRegionName string
}

var (
	codesOnce sync.Once
	codes     *codebook
	codesErr  error
)

// loadCodes parses the embedded tables once per process.
func loadCodes() (*codebook, error) {
	codesOnce.Do(func() { codes, codesErr = parseCodes(codesYAML, countriesTSV) })
	return codes, codesErr
}

func parseCodes(yml []byte, tsv string) (*codebook, error) {
	var c codebook
	if err := yaml.Unmarshal(yml, &c); err != nil {
		return nil, fmt.Errorf("export: codes.yaml: %w", err)
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("export: codes.yaml: %w", err)
	}
	c.countries = map[string]country{}
	for i, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "iso2\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 9 || len(f[0]) != 2 || len(f[1]) != 3 {
			return nil, fmt.Errorf("export: countries.tsv:%d: want 9 tab-separated columns starting with ISO alpha-2 and alpha-3, got %q", i+1, line)
		}
		for _, n := range []string{f[2], f[5], f[7]} {
			if _, err := strconv.Atoi(n); n != "" && err != nil {
				return nil, fmt.Errorf("export: countries.tsv:%d: %q is not a number", i+1, n)
			}
		}
		c.countries[f[0]] = country{ISO3: f[1], ISONumeric: f[2], ACLEDName: f[3], ACLEDRegion: f[4],
			GTDCode: f[5], GTDName: f[6], GTDRegion: f[7], GTDRegionName: f[8]}
	}
	return &c, nil
}

// check catches a table that names a key another table lacks, which would
// otherwise export as a silently empty column.
func (c *codebook) check() error {
	refs := []struct {
		name, kind string
		from       map[string]string
		to         map[string]label
	}{
		{"attack_type_by_subtype", "attack type", c.GTD.AttackTypeBySubtype, c.GTD.AttackTypes},
		{"weapon_type_by_subtype", "weapon type", c.GTD.WeaponTypeBySubtype, c.GTD.WeaponTypes},
		{"weapon_words", "weapon type", c.GTD.WeaponWords, c.GTD.WeaponTypes},
		{"target_by_kind", "target type", c.GTD.TargetByKind, c.GTD.TargetTypes},
		{"target_by_name_prefix", "target type", c.GTD.TargetByNamePrefix, c.GTD.TargetTypes},
	}
	for _, r := range refs {
		for k, v := range r.from {
			if _, ok := r.to[v]; !ok {
				return fmt.Errorf("%s: %s: no %s %q", r.name, k, r.kind, v)
			}
		}
	}
	for _, k := range []string{"unknown"} {
		if _, ok := c.GTD.AttackTypes[k]; !ok {
			return fmt.Errorf("attack_types: no %q entry", k)
		}
		if _, ok := c.GTD.WeaponTypes[k]; !ok {
			return fmt.Errorf("weapon_types: no %q entry", k)
		}
		if _, ok := c.GTD.TargetTypes[k]; !ok {
			return fmt.Errorf("target_types: no %q entry", k)
		}
	}
	if c.ACLED.UnnamedActor["default"] == "" {
		return fmt.Errorf("unnamed_actor: no default")
	}
	return nil
}
