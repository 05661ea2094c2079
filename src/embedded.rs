//! The files of `index_schema/`, embedded in the binary at build time: one constant a file,
//! so that a misspelt name is a compile error, and the list the schema fingerprint is taken
//! over. A leaf: it uses nothing of baogao's.

/// A file of `index_schema/`: its name there and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// The file of `index_schema/` with this name, embedded.
macro_rules! index_schema_file {
    ($name:literal) => {
        EmbeddedFile {
            name: $name,
            text: include_str!(concat!("../index_schema/", $name)),
        }
    };
}

/// The index's fields and how each is analysed.
pub const SCHEMA: EmbeddedFile = index_schema_file!("schema.toml");

/// Groups of words searched as one (医改 and 医药卫生体制改革).
pub const SYNONYMS: EmbeddedFile = index_schema_file!("synonyms.txt");

/// Traditional characters and their simplified forms, for folding.
pub const T2S: EmbeddedFile = index_schema_file!("t2s.txt");

/// Words jieba does not know (医共体, 家庭医生签约), with their frequencies.
pub const USER_DICT: EmbeddedFile = index_schema_file!("userdict.txt");

/// Every file of `index_schema/`. A test checks that none is missing.
pub const ALL: [EmbeddedFile; 4] = [SCHEMA, SYNONYMS, T2S, USER_DICT];
