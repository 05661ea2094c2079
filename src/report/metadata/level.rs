//! The administrative level of a report's issuing body, and its labels.

use std::fmt;
use std::str::FromStr;

use super::ParseLabelError;

/// Administrative level of the issuing body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// The central government: 国务院, 全国人民代表大会, ministries, national party bodies.
    National,
    /// A province, autonomous region or municipality: 湖南省, 内蒙古自治区, 上海市.
    Province,
    /// A prefecture-level city, autonomous prefecture or league: 清远市, 延边朝鲜族自治州.
    City,
    /// A county, autonomous county or banner: 东安县, 达拉特旗.
    County,
    /// A district of a city: 白碱滩区.
    District,
    /// Nothing tells.
    Unknown,
}

impl Level {
    /// Every level, in the order their labels are listed.
    pub const ALL: [Level; 6] = [
        Level::National,
        Level::Province,
        Level::City,
        Level::County,
        Level::District,
        Level::Unknown,
    ];

    /// The level's name on the command line and in the index, e.g. "county".
    pub fn label(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::District => "district",
            Level::Unknown => "unknown",
        }
    }
}

/// As its label, in the JSON outputs.
impl serde::Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Level {
    type Err = ParseLabelError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        super::parse_label("level", text, &Level::ALL, Level::label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_parse_from_their_labels() {
        for level in Level::ALL {
            assert_eq!(level.label().parse::<Level>(), Ok(level));
        }
        let err = "town".parse::<Level>().unwrap_err().to_string();
        assert!(
            err.contains("national, province, city, county, district, unknown"),
            "{err}"
        );
    }
}
