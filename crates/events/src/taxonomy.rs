//! The event taxonomy: ACLED's event types and sub-types, the strategic developments the
//! product follows that ACLED files under "Other" or "Change to group/activity", and the
//! non-ACLED classes CASE 2021 task 2 added. The table is in the crate README.

/// ACLED's six event types, plus one for the classes outside ACLED.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    Battles,
    ExplosionsRemoteViolence,
    ViolenceAgainstCivilians,
    Protests,
    Riots,
    StrategicDevelopments,
    /// Crime, disasters, diplomacy and attribution: news events ACLED does not code.
    NonAcled,
}

impl EventType {
    pub fn name(self) -> &'static str {
        match self {
            EventType::Battles => "battles",
            EventType::ExplosionsRemoteViolence => "explosions_remote_violence",
            EventType::ViolenceAgainstCivilians => "violence_against_civilians",
            EventType::Protests => "protests",
            EventType::Riots => "riots",
            EventType::StrategicDevelopments => "strategic_developments",
            EventType::NonAcled => "non_acled",
        }
    }
}

macro_rules! sub_types {
    ($($variant:ident => $name:literal, $kind:ident, $acled:literal, $case:literal;)*) => {
        /// An event sub-type. [`SubType::name`] is our label, [`SubType::acled`] the ACLED
        /// sub-event type it is (or is filed under), [`SubType::case_label`] the CASE 2021
        /// task 2 label it is scored as.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum SubType { $($variant,)* }

        impl SubType {
            pub const ALL: &'static [SubType] = &[$(SubType::$variant,)*];

            pub fn name(self) -> &'static str {
                match self { $(SubType::$variant => $name,)* }
            }

            pub fn event_type(self) -> EventType {
                match self { $(SubType::$variant => EventType::$kind,)* }
            }

            pub fn acled(self) -> &'static str {
                match self { $(SubType::$variant => $acled,)* }
            }

            pub fn case_label(self) -> &'static str {
                match self { $(SubType::$variant => $case,)* }
            }

            /// The sub-type of a [`SubType::name`].
            pub fn from_name(name: &str) -> Option<SubType> {
                match name { $($name => Some(SubType::$variant),)* _ => None }
            }
        }
    };
}

sub_types! {
    ArmedClash => "armed_clash", Battles, "Armed clash", "ARMED_CLASH";
    GovernmentRegainsTerritory => "government_regains_territory", Battles, "Government regains territory", "GOV_REGAINS_TERIT";
    NonStateActorOvertakesTerritory => "non_state_actor_overtakes_territory", Battles, "Non-state actor overtakes territory", "NON_STATE_ACTOR_OVERTAKES_TER";
    ChemicalWeapon => "chemical_weapon", ExplosionsRemoteViolence, "Chemical weapon", "CHEM_WEAP";
    AirOrDroneStrike => "air_or_drone_strike", ExplosionsRemoteViolence, "Air/drone strike", "AIR_STRIKE";
    SuicideBomb => "suicide_bomb", ExplosionsRemoteViolence, "Suicide bomb", "SUIC_BOMB";
    ShellingArtilleryMissile => "shelling_artillery_missile", ExplosionsRemoteViolence, "Shelling/artillery/missile attack", "ART_MISS_ATTACK";
    RemoteExplosive => "remote_explosive", ExplosionsRemoteViolence, "Remote explosive/landmine/IED", "REM_EXPLOS";
    Grenade => "grenade", ExplosionsRemoteViolence, "Grenade", "GRENADE";
    SexualViolence => "sexual_violence", ViolenceAgainstCivilians, "Sexual violence", "SEX_VIOL";
    Attack => "attack", ViolenceAgainstCivilians, "Attack", "ATTACK";
    Abduction => "abduction", ViolenceAgainstCivilians, "Abduction/forced disappearance", "ABDUCT_DISSAP";
    PeacefulProtest => "peaceful_protest", Protests, "Peaceful protest", "PEACE_PROTEST";
    ProtestWithIntervention => "protest_with_intervention", Protests, "Protest with intervention", "PROTEST_WITH_INTER";
    ExcessiveForceAgainstProtesters => "excessive_force_against_protesters", Protests, "Excessive force against protesters", "FORCE_AGAINST_PROTEST";
    ViolentDemonstration => "violent_demonstration", Riots, "Violent demonstration", "VIOL_DEMONSTR";
    MobViolence => "mob_violence", Riots, "Mob violence", "MOB_VIOL";
    Agreement => "agreement", StrategicDevelopments, "Agreement", "AGREEMENT";
    Arrests => "arrests", StrategicDevelopments, "Arrests", "ARREST";
    ChangeToGroupActivity => "change_to_group_activity", StrategicDevelopments, "Change to group/activity", "CHANGE_TO_GROUP_ACT";
    DisruptedWeaponsUse => "disrupted_weapons_use", StrategicDevelopments, "Disrupted weapons use", "DISR_WEAP";
    HeadquartersEstablished => "headquarters_established", StrategicDevelopments, "Headquarters or base established", "HQ_ESTABLISHED";
    LootingPropertyDestruction => "looting_property_destruction", StrategicDevelopments, "Looting/property destruction", "PROPERTY_DISTRUCT";
    NonViolentTerritoryTransfer => "non_violent_territory_transfer", StrategicDevelopments, "Non-violent transfer of territory", "NON_VIOL_TERRIT_TRANSFER";
    OtherStrategic => "other_strategic", StrategicDevelopments, "Other", "OTHER";
    StateOfEmergency => "state_of_emergency", StrategicDevelopments, "Change to group/activity", "CHANGE_TO_GROUP_ACT";
    Curfew => "curfew", StrategicDevelopments, "Change to group/activity", "CHANGE_TO_GROUP_ACT";
    GovernmentResignation => "government_resignation", StrategicDevelopments, "Change to group/activity", "CHANGE_TO_GROUP_ACT";
    CommunicationShutdown => "communication_shutdown", StrategicDevelopments, "Other", "OTHER";
    EconomicMeasure => "economic_measure", StrategicDevelopments, "Other", "OTHER";
    ForeignHelpRequest => "foreign_help_request", StrategicDevelopments, "Other", "DIPLO";
    OrganizedCrime => "organized_crime", NonAcled, "(none)", "ORG_CRIME";
    NaturalDisaster => "natural_disaster", NonAcled, "(none)", "NATURAL_DISASTER";
    ManMadeDisaster => "man_made_disaster", NonAcled, "(none)", "MAN_MADE_DISASTER";
    Diplomatic => "diplomatic", NonAcled, "(none)", "DIPLO";
    Attribution => "attribution", NonAcled, "(none)", "ATTRIB";
}

/// The label CASE 2021 task 2 gives a snippet in which no event is found.
pub const NO_EVENT_CASE_LABEL: &str = "OTHER";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_case_labels_cover_the_thirty() {
        let mut labels = std::collections::BTreeSet::new();
        for &s in SubType::ALL {
            assert_eq!(SubType::from_name(s.name()), Some(s));
            labels.insert(s.case_label());
        }
        assert_eq!(labels.len(), 30, "{labels:?}");
        assert_eq!(SubType::from_name("riot"), None);
    }
}
