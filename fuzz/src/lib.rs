//! What every fuzz target does after its reader: place every span of every record on
//! the text, as an import would, so the offset repair is fuzzed too.

use claimspan::formats::peer::PeerRecord;
use claimspan::formats::peer::fit::Fitter;

/// Places every span; any outcome but a panic is fine.
pub fn place_all(records: &[PeerRecord]) {
    for record in records {
        let mut fitter = Fitter::new(&record.raw_text, &record.article.text, record.unit);
        for set in &record.sets {
            for span in &set.spans {
                let _ = fitter.place(span);
            }
        }
    }
}
