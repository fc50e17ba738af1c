//! spaCy's string ids, as its `StringStore` makes them: the empty string is 0, a
//! name in spaCy's fixed symbol table is its index there, and every other string is
//! MurmurHash64A with seed 1 over its UTF-8 bytes (`spacy/strings.pyx`:
//! `get_string_id`, `hash_utf8`).
//!
//! The symbol table matters for ordinary words: “agent”, “number”, “root” or “X”
//! are symbols, and spaCy looks a token's text up by the id it expects, so a hash
//! written in place of a symbol's id would be a string spaCy cannot find.

use std::collections::HashMap;
use std::sync::LazyLock;

/// spaCy's symbols in id order (`spacy.symbols.NAMES`, spaCy 3.8.18): the id of each
/// is its index. The table is fixed by spaCy, since trained pipelines store these ids.
#[rustfmt::skip]
const SYMBOLS: [&str; 457] = [
    "", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE", "IS_TITLE",
    "IS_UPPER", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP", "IS_OOV_DEPRECATED", "IS_BRACKET", "IS_QUOTE",
    "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "FLAG19", "FLAG20", "FLAG21", "FLAG22", "FLAG23",
    "FLAG24", "FLAG25", "FLAG26", "FLAG27", "FLAG28", "FLAG29", "FLAG30", "FLAG31",
    "FLAG32", "FLAG33", "FLAG34", "FLAG35", "FLAG36", "FLAG37", "FLAG38", "FLAG39",
    "FLAG40", "FLAG41", "FLAG42", "FLAG43", "FLAG44", "FLAG45", "FLAG46", "FLAG47",
    "FLAG48", "FLAG49", "FLAG50", "FLAG51", "FLAG52", "FLAG53", "FLAG54", "FLAG55",
    "FLAG56", "FLAG57", "FLAG58", "FLAG59", "FLAG60", "FLAG61", "FLAG62", "FLAG63",
    "ID", "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH",
    "CLUSTER", "LEMMA", "POS", "TAG", "DEP", "ENT_IOB", "ENT_TYPE", "HEAD",
    "SENT_START", "SPACY", "PROB", "LANG", "ADJ", "ADP", "ADV", "AUX",
    "CONJ", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
    "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "EOL", "SPACE",
    "DEPRECATED001", "DEPRECATED002", "DEPRECATED003", "DEPRECATED004", "DEPRECATED005", "DEPRECATED006", "DEPRECATED007", "DEPRECATED008",
    "DEPRECATED009", "DEPRECATED010", "DEPRECATED011", "DEPRECATED012", "DEPRECATED013", "DEPRECATED014", "DEPRECATED015", "DEPRECATED016",
    "DEPRECATED017", "DEPRECATED018", "DEPRECATED019", "DEPRECATED020", "DEPRECATED021", "DEPRECATED022", "DEPRECATED023", "DEPRECATED024",
    "DEPRECATED025", "DEPRECATED026", "DEPRECATED027", "DEPRECATED028", "DEPRECATED029", "DEPRECATED030", "DEPRECATED031", "DEPRECATED032",
    "DEPRECATED033", "DEPRECATED034", "DEPRECATED035", "DEPRECATED036", "DEPRECATED037", "DEPRECATED038", "DEPRECATED039", "DEPRECATED040",
    "DEPRECATED041", "DEPRECATED042", "DEPRECATED043", "DEPRECATED044", "DEPRECATED045", "DEPRECATED046", "DEPRECATED047", "DEPRECATED048",
    "DEPRECATED049", "DEPRECATED050", "DEPRECATED051", "DEPRECATED052", "DEPRECATED053", "DEPRECATED054", "DEPRECATED055", "DEPRECATED056",
    "DEPRECATED057", "DEPRECATED058", "DEPRECATED059", "DEPRECATED060", "DEPRECATED061", "DEPRECATED062", "DEPRECATED063", "DEPRECATED064",
    "DEPRECATED065", "DEPRECATED066", "DEPRECATED067", "DEPRECATED068", "DEPRECATED069", "DEPRECATED070", "DEPRECATED071", "DEPRECATED072",
    "DEPRECATED073", "DEPRECATED074", "DEPRECATED075", "DEPRECATED076", "DEPRECATED077", "DEPRECATED078", "DEPRECATED079", "DEPRECATED080",
    "DEPRECATED081", "DEPRECATED082", "DEPRECATED083", "DEPRECATED084", "DEPRECATED085", "DEPRECATED086", "DEPRECATED087", "DEPRECATED088",
    "DEPRECATED089", "DEPRECATED090", "DEPRECATED091", "DEPRECATED092", "DEPRECATED093", "DEPRECATED094", "DEPRECATED095", "DEPRECATED096",
    "DEPRECATED097", "DEPRECATED098", "DEPRECATED099", "DEPRECATED100", "DEPRECATED101", "DEPRECATED102", "DEPRECATED103", "DEPRECATED104",
    "DEPRECATED105", "DEPRECATED106", "DEPRECATED107", "DEPRECATED108", "DEPRECATED109", "DEPRECATED110", "DEPRECATED111", "DEPRECATED112",
    "DEPRECATED113", "DEPRECATED114", "DEPRECATED115", "DEPRECATED116", "DEPRECATED117", "DEPRECATED118", "DEPRECATED119", "DEPRECATED120",
    "DEPRECATED121", "DEPRECATED122", "DEPRECATED123", "DEPRECATED124", "DEPRECATED125", "DEPRECATED126", "DEPRECATED127", "DEPRECATED128",
    "DEPRECATED129", "DEPRECATED130", "DEPRECATED131", "DEPRECATED132", "DEPRECATED133", "DEPRECATED134", "DEPRECATED135", "DEPRECATED136",
    "DEPRECATED137", "DEPRECATED138", "DEPRECATED139", "DEPRECATED140", "DEPRECATED141", "DEPRECATED142", "DEPRECATED143", "DEPRECATED144",
    "DEPRECATED145", "DEPRECATED146", "DEPRECATED147", "DEPRECATED148", "DEPRECATED149", "DEPRECATED150", "DEPRECATED151", "DEPRECATED152",
    "DEPRECATED153", "DEPRECATED154", "DEPRECATED155", "DEPRECATED156", "DEPRECATED157", "DEPRECATED158", "DEPRECATED159", "DEPRECATED160",
    "DEPRECATED161", "DEPRECATED162", "DEPRECATED163", "DEPRECATED164", "DEPRECATED165", "DEPRECATED166", "DEPRECATED167", "DEPRECATED168",
    "DEPRECATED169", "DEPRECATED170", "DEPRECATED171", "DEPRECATED172", "DEPRECATED173", "DEPRECATED174", "DEPRECATED175", "DEPRECATED176",
    "DEPRECATED177", "DEPRECATED178", "DEPRECATED179", "DEPRECATED180", "DEPRECATED181", "DEPRECATED182", "DEPRECATED183", "DEPRECATED184",
    "DEPRECATED185", "DEPRECATED186", "DEPRECATED187", "DEPRECATED188", "DEPRECATED189", "DEPRECATED190", "DEPRECATED191", "DEPRECATED192",
    "DEPRECATED193", "DEPRECATED194", "DEPRECATED195", "DEPRECATED196", "DEPRECATED197", "DEPRECATED198", "DEPRECATED199", "DEPRECATED200",
    "DEPRECATED201", "DEPRECATED202", "DEPRECATED203", "DEPRECATED204", "DEPRECATED205", "DEPRECATED206", "DEPRECATED207", "DEPRECATED208",
    "DEPRECATED209", "DEPRECATED210", "DEPRECATED211", "DEPRECATED212", "DEPRECATED213", "DEPRECATED214", "DEPRECATED215", "DEPRECATED216",
    "DEPRECATED217", "DEPRECATED218", "DEPRECATED219", "DEPRECATED220", "DEPRECATED221", "DEPRECATED222", "DEPRECATED223", "DEPRECATED224",
    "DEPRECATED225", "DEPRECATED226", "DEPRECATED227", "DEPRECATED228", "DEPRECATED229", "DEPRECATED230", "DEPRECATED231", "DEPRECATED232",
    "DEPRECATED233", "DEPRECATED234", "DEPRECATED235", "DEPRECATED236", "DEPRECATED237", "DEPRECATED238", "DEPRECATED239", "DEPRECATED240",
    "DEPRECATED241", "DEPRECATED242", "DEPRECATED243", "DEPRECATED244", "DEPRECATED245", "DEPRECATED246", "DEPRECATED247", "DEPRECATED248",
    "DEPRECATED249", "DEPRECATED250", "DEPRECATED251", "DEPRECATED252", "DEPRECATED253", "DEPRECATED254", "DEPRECATED255", "DEPRECATED256",
    "DEPRECATED257", "DEPRECATED258", "DEPRECATED259", "DEPRECATED260", "DEPRECATED261", "DEPRECATED262", "DEPRECATED263", "DEPRECATED264",
    "DEPRECATED265", "DEPRECATED266", "DEPRECATED267", "DEPRECATED268", "DEPRECATED269", "DEPRECATED270", "DEPRECATED271", "DEPRECATED272",
    "DEPRECATED273", "DEPRECATED274", "DEPRECATED275", "DEPRECATED276", "PERSON", "NORP", "FACILITY", "ORG",
    "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LANGUAGE", "LAW", "DATE",
    "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "acomp", "advcl",
    "advmod", "agent", "amod", "appos", "attr", "aux", "auxpass", "cc",
    "ccomp", "complm", "conj", "cop", "csubj", "csubjpass", "dep", "det",
    "dobj", "expl", "hmod", "hyph", "infmod", "intj", "iobj", "mark",
    "meta", "neg", "nmod", "nn", "npadvmod", "nsubj", "nsubjpass", "num",
    "number", "oprd", "obj", "obl", "parataxis", "partmod", "pcomp", "pobj",
    "poss", "possessive", "preconj", "prep", "prt", "punct", "quantmod", "relcl",
    "rcmod", "root", "xcomp", "acl", "ENT_KB_ID", "MORPH", "ENT_ID", "IDX",
    "_",
];

static SYMBOL_IDS: LazyLock<HashMap<&'static str, u64>> =
    LazyLock::new(|| (0u64..).zip(SYMBOLS).map(|(id, name)| (name, id)).collect());

/// The id spaCy gives `text`: what its token arrays and span groups hold.
pub(crate) fn string_id(text: &str) -> u64 {
    if text.is_empty() {
        return 0;
    }
    SYMBOL_IDS
        .get(text)
        .copied()
        .unwrap_or_else(|| hash_string(text))
}

/// spaCy's `hash_string`: MurmurHash64A, seed 1, over the UTF-8 bytes.
pub(crate) fn hash_string(text: &str) -> u64 {
    murmur2::murmur64a(text.as_bytes(), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_spacys() {
        // spaCy's own documentation shows `nlp.vocab.strings["coffee"]`.
        assert_eq!(hash_string("coffee"), 3197928453018144401);
        // The rest printed by spaCy 3.8 (`spacy.strings.hash_string`), astral and
        // Arabic text included, to check that bytes, not chars, are hashed.
        for (text, hash) in [
            ("actor", 6917656656232907963),
            ("claim", 4563812988814619444),
            ("stance", 11160186888198100187),
            ("sc", 9416492980273960644),
            ("Iran", 8078667757680196312),
            ("😀", 13900606239988879105),
            ("قال", 3271224664869921545),
            ("the quick brown fox jumps", 13196616556009271135),
        ] {
            assert_eq!(hash_string(text), hash, "{text}");
            assert_eq!(string_id(text), hash, "{text}");
        }
    }

    #[test]
    fn symbols_keep_their_ids() {
        // `spacy.strings.get_string_id`, spaCy 3.8.
        assert_eq!(string_id(""), 0);
        assert_eq!(string_id("ORTH"), 65);
        assert_eq!(string_id("ENT_TYPE"), 78);
        assert_eq!(string_id("X"), 101);
        assert_eq!(string_id("PERSON"), 380);
        assert_eq!(string_id("agent"), 401);
        assert_eq!(string_id("_"), 456);
        // Case matters: “Agent” is an ordinary word.
        assert_eq!(string_id("Agent"), hash_string("Agent"));
    }
}
