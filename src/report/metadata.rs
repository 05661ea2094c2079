//! Metadata of a report (kind, level, region, org, published date).
//! SKELETON written by the other engineer so the crate compiles meanwhile: the helper replaces
//! this whole file with the real implementation (same public API).

/// Kind of report, from its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    AnnualSummary,
    HalfYearSummary,
    Monthly,
    Quarterly,
    Plan,
    GovernmentWorkReport,
    Duties,
    Other,
}
impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::AnnualSummary,
        Kind::HalfYearSummary,
        Kind::Monthly,
        Kind::Quarterly,
        Kind::Plan,
        Kind::GovernmentWorkReport,
        Kind::Duties,
        Kind::Other,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Kind::AnnualSummary => "annual-summary",
            Kind::HalfYearSummary => "half-year-summary",
            Kind::Monthly => "monthly",
            Kind::Quarterly => "quarterly",
            Kind::Plan => "plan",
            Kind::GovernmentWorkReport => "government-work-report",
            Kind::Duties => "duties",
            Kind::Other => "other",
        }
    }
}
impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.label() == s)
            .ok_or_else(|| format!("unknown kind `{s}`"))
    }
}
/// Administrative level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Province,
    City,
    County,
    District,
    Unknown,
}
impl Level {
    pub const ALL: [Level; 5] = [
        Level::Province,
        Level::City,
        Level::County,
        Level::District,
        Level::Unknown,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::District => "district",
            Level::Unknown => "unknown",
        }
    }
}
impl std::str::FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Level::ALL
            .into_iter()
            .find(|k| k.label() == s)
            .ok_or_else(|| format!("unknown level `{s}`"))
    }
}
/// A date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
/// Metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub year: Option<u16>,
    pub published: Option<Date>,
    pub kind: Kind,
    pub level: Level,
    pub region: Option<String>,
    pub org: Option<String>,
}
/// Skeleton extract.
pub fn extract(title: &str, opening: &[&str], _file_name: &str) -> Metadata {
    Metadata {
        year: super::find_year(title, opening),
        published: None,
        kind: Kind::Other,
        level: Level::Unknown,
        region: None,
        org: None,
    }
}
