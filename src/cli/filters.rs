//! The options that narrow a query, shared by `search` and `trend`: `--year`, `--kind`,
//! `--level`, `--region`, `--exact`.

use anyhow::{anyhow, Result};

use crate::report::{Kind, Level};
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
}

impl FilterArgs {
    /// The filters, with a message naming the option when a kind or level is unknown.
    pub fn filters(&self) -> Result<Filters> {
        let kinds = self
            .kind
            .iter()
            .map(|kind| {
                kind.trim()
                    .parse::<Kind>()
                    .map_err(|err| anyhow!("--kind: {err}"))
            })
            .collect::<Result<Vec<_>>>()?;
        let levels = self
            .level
            .iter()
            .map(|level| {
                level
                    .trim()
                    .parse::<Level>()
                    .map_err(|err| anyhow!("--level: {err}"))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Filters {
            years: self.year,
            kinds,
            levels,
            regions: self.region.clone(),
            published: self.published,
        })
    }
}
