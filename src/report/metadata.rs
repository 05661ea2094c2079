//! Metadata of a report (kind, level, region, org, published date): being written.
