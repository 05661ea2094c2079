//! The facet fields' values as the index writes them and every reader reads them back: a
//! facet is `/FIELD/VALUE` (`/year/2024`, `/kind/plan`, `/level/county`, `/region/湖北省`),
//! a value the index does not know is [`UNKNOWN`]. Writing (`index/document.rs`), filtering
//! (`search/query.rs`), counting (`search/run.rs`, `search/tally.rs`) and reading stored
//! passages (`search/stored.rs`) all go through here.

use tantivy::schema::Facet;

use crate::text::fold;

/// The value of a facet the indexer could not tell: a year, a level or a region not found.
pub const UNKNOWN: &str = "unknown";

/// A facet whose hits can be counted and filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FacetName {
    Year,
    Kind,
    Level,
    Region,
}

impl FacetName {
    /// Every facet, in the order they are listed.
    pub const ALL: [FacetName; 4] = [
        FacetName::Year,
        FacetName::Kind,
        FacetName::Level,
        FacetName::Region,
    ];

    /// The facet of a name (`year`, `Kind`: any case).
    pub fn of_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|facet| facet.field_name().eq_ignore_ascii_case(name.trim()))
    }

    /// The schema field (and facet root) of this facet.
    pub fn field_name(self) -> &'static str {
        match self {
            FacetName::Year => "year",
            FacetName::Kind => "kind",
            FacetName::Level => "level",
            FacetName::Region => "region",
        }
    }

    /// `/year`: the parent of every value, which the facet collectors count under.
    pub fn root(self) -> Facet {
        Facet::from_path([self.field_name()])
    }

    /// `/year/2024`: the facet of one value ([`year_value`], [`region_value`], or a kind's or
    /// level's label).
    pub fn facet(self, value: &str) -> Facet {
        Facet::from_path([self.field_name(), value])
    }
}

/// The year's value: `2024`, or [`UNKNOWN`].
pub fn year_value(year: Option<u16>) -> String {
    year.map_or_else(|| UNKNOWN.to_string(), |year| year.to_string())
}

/// The region's value: folded to simplified characters as a query is, its `/` made `／` (a
/// facet path's separator cannot stand in a value); [`UNKNOWN`] when there is none.
pub fn region_value(region: Option<&str>) -> String {
    region.map_or_else(
        || UNKNOWN.to_string(),
        |region| fold(region.trim()).replace('/', "／"),
    )
}

/// The value of a facet (`/year/2024` → `2024`), whichever facet it is; [`UNKNOWN`] for a
/// root without a value.
pub fn value_of(facet: &Facet) -> &str {
    value_of_encoded(facet.encoded_str())
}

/// [`value_of`] for a facet as tantivy stores it (`\0`-separated).
pub fn value_of_encoded(encoded: &str) -> &str {
    match encoded.split_once('\0') {
        Some((_, value)) => value,
        None => UNKNOWN,
    }
}

/// A year's value read back: None for [`UNKNOWN`].
pub fn year_of(value: &str) -> Option<u16> {
    value.parse().ok()
}

/// A region's value read back: None for [`UNKNOWN`].
pub fn known(value: &str) -> Option<&str> {
    (value != UNKNOWN).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Kind;

    #[test]
    fn a_value_goes_to_its_path_and_back() {
        let facet = FacetName::Region.facet(&region_value(Some("湖北省/武漢市")));
        assert_eq!(facet.to_path_string(), "/region/湖北省／武汉市");
        assert_eq!(value_of(&facet), "湖北省／武汉市");
        let year = FacetName::Year.facet(&year_value(Some(2024)));
        assert_eq!(year_of(value_of(&year)), Some(2024));
        let unknown = FacetName::Year.facet(&year_value(None));
        assert_eq!(value_of(&unknown), UNKNOWN);
        assert_eq!(year_of(value_of(&unknown)), None);
        assert_eq!(known(value_of(&unknown)), None);
        assert_eq!(value_of(&FacetName::Kind.root()), UNKNOWN);
        assert_eq!(
            FacetName::Kind.facet(Kind::Plan.label()).to_path_string(),
            "/kind/plan"
        );
    }
}
