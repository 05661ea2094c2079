//! The options that narrow a query, shared by `search` and `trend`: `--year`, `--kind`,
//! `--level`, `--region`, `--exact`, `-w`.

use anyhow::{anyhow, Result};

use crate::report::{Kind, Level};
use crate::schema::facet::UNKNOWN;
use crate::search::{DateRange, Filters, YearFilter};

/// What a query keeps besides its words.
#[derive(Debug, Clone, clap::Args)]
pub struct FilterArgs {
    /// Only reports of this year: 2024, a range 2019..2021 (2019.., ..2021), or `unknown`
    #[arg(long, value_name = "YEAR")]
    pub year: Option<YearFilter>,
    /// Only reports of these kinds (comma-separated): annual-summary, half-year-summary,
    /// monthly, quarterly, plan, government-work-report, duties, other
    #[arg(long, value_name = "KIND", value_delimiter = ',')]
    pub kind: Vec<String>,
    /// Only reports issued at these levels: national, province, city, county, district, unknown
    #[arg(long, value_name = "LEVEL", value_delimiter = ',')]
    pub level: Vec<String>,
    /// Only reports of these places (东安县, 湖南省, or `unknown`)
    #[arg(long, value_name = "PLACE", value_delimiter = ',')]
    pub region: Vec<String>,
    /// Only reports published in this range: 2023-01-01..2023-06-30 (also 2023-01-01..,
    /// ..2023-06-30, one day, a month 2023-06 or a year 2023)
    #[arg(long, value_name = "DATES")]
    pub published: Option<DateRange>,
    /// Look for the words as typed: no abbreviation synonyms (医改 does not find 医药卫生体制改革)
    #[arg(long)]
    pub exact: bool,
    /// Match whole words only, as grep -w: a word counts where jieba cut it as a word, not
    /// inside a longer one (卫生 does not find 卫生院); Latin letters and digits as whole tokens
    #[arg(short = 'w', long, visible_alias = "word-regexp")]
    pub whole_words: bool,
}

impl FilterArgs {
    /// The filters, with a message naming the option when a value is unknown or empty. Every
    /// filter follows one convention: names in any case (`PLAN`, `Province`, `UNKNOWN`), items
    /// separated by commas, none of them empty.
    pub fn filters(&self) -> Result<Filters> {
        let kinds = items("--kind", &self.kind)?
            .into_iter()
            .map(|kind| kind.parse::<Kind>().map_err(|err| anyhow!("--kind: {err}")))
            .collect::<Result<Vec<_>>>()?;
        let levels = items("--level", &self.level)?
            .into_iter()
            .map(|level| {
                level
                    .parse::<Level>()
                    .map_err(|err| anyhow!("--level: {err}"))
            })
            .collect::<Result<Vec<_>>>()?;
        let regions = items("--region", &self.region)?
            .into_iter()
            .map(|region| {
                if region.eq_ignore_ascii_case(UNKNOWN) {
                    UNKNOWN.to_string()
                } else {
                    region.to_string()
                }
            })
            .collect();
        Ok(Filters {
            years: self.year,
            kinds,
            levels,
            regions,
            published: self.published,
            whole_words: self.whole_words,
        })
    }
}

/// The comma-separated items of `flag`, trimmed; an empty one (`plan,`, `''`, `,`) is an
/// error rather than a filter that silently keeps nothing.
fn items<'a>(flag: &str, values: &'a [String]) -> Result<Vec<&'a str>> {
    values
        .iter()
        .map(|value| {
            let value = value.trim();
            if value.is_empty() {
                let given = match values.join(",") {
                    joined if joined.trim().is_empty() => format!("'{joined}'"),
                    joined => joined,
                };
                Err(anyhow!(
                    "{flag}: an empty item (`{flag} {given}`): give one or more values separated by commas"
                ))
            } else {
                Ok(value)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(kind: &[&str], level: &[&str], region: &[&str]) -> FilterArgs {
        let owned = |values: &[&str]| values.iter().map(|v| v.to_string()).collect();
        FilterArgs {
            year: None,
            kind: owned(kind),
            level: owned(level),
            region: owned(region),
            exact: false,
            whole_words: false,
            published: None,
        }
    }

    #[test]
    fn names_are_read_in_any_case() {
        let filters = args(&["PLAN"], &["Province"], &["UNKNOWN"])
            .filters()
            .expect("valid filters");
        assert_eq!(filters.kinds, [Kind::Plan]);
        assert_eq!(filters.levels, [Level::Province]);
        assert_eq!(filters.regions, ["unknown"]);
    }

    #[test]
    fn an_empty_item_is_an_error_naming_the_flag() {
        for (filters, flag) in [
            (args(&["plan", ""], &[], &[]), "--kind"),
            (args(&[], &[""], &[]), "--level"),
            (args(&[], &[], &["北京市", ""]), "--region"),
            (args(&[], &[], &["", ""]), "--region"),
        ] {
            let err = filters.filters().unwrap_err().to_string();
            assert!(err.starts_with(flag) && err.contains("empty"), "{err}");
        }
    }
}
