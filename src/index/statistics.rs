//! Word counts for BM25 that do not depend on how the index came to be. Tantivy counts a
//! field's words exactly when it writes a segment, but only estimates them (from field norms)
//! when it merges segments with deleted passages, so an index updated in place and the same
//! index built whole would rank apart. baogao counts every field from the field norms of the
//! live passages after each build (`baogao.json`: `field_tokens`), and searches with those
//! counts, live document counts and live document frequencies (`search::statistics`).

use std::collections::BTreeMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::schema::Schema;
use tantivy::Index;

/// For each field with norms, its number of words over the live passages, from the norms.
pub fn field_tokens(index: &Index, schema: &Schema) -> tantivy::Result<BTreeMap<String, u64>> {
    let reader = index.reader()?;
    reader.reload()?;
    let searcher = reader.searcher();
    let mut totals = BTreeMap::new();
    for (field, entry) in schema.fields() {
        if !entry.has_fieldnorms() {
            continue;
        }
        let mut total = 0u64;
        for segment in searcher.segment_readers() {
            let Some(norms) = segment.fieldnorms_readers().get_field(field)? else {
                continue;
            };
            let mut count = [0u64; 256];
            for doc in segment.doc_ids_alive() {
                count[usize::from(norms.fieldnorm_id(doc))] += 1;
            }
            total += count
                .iter()
                .enumerate()
                .map(|(id, n)| n * u64::from(FieldNormReader::id_to_fieldnorm(id as u8)))
                .sum::<u64>();
        }
        totals.insert(entry.name().to_string(), total);
    }
    Ok(totals)
}
