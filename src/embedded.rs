//! The files of `index_schema/`, embedded in the binary at build time: one constant a file,
//! so that a misspelt name is a compile error, and the list the schema fingerprint is taken
//! over. A leaf: it uses nothing of baogao's.

/// A file of `index_schema/`: its name there and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedFile {
    pub name: &'static str,
    pub text: &'static str,
}

/// The index's fields and how each is analysed.
pub const SCHEMA: EmbeddedFile = EmbeddedFile {
    name: "schema.toml",
    text: include_str!("../index_schema/schema.toml"),
};

/// Groups of words searched as one (医改 and 医药卫生体制改革).
pub const SYNONYMS: EmbeddedFile = EmbeddedFile {
    name: "synonyms.txt",
    text: include_str!("../index_schema/synonyms.txt"),
};

/// Traditional characters and their simplified forms, for folding.
pub const T2S: EmbeddedFile = EmbeddedFile {
    name: "t2s.txt",
    text: include_str!("../index_schema/t2s.txt"),
};

/// Words jieba does not know (医共体, 家庭医生签约), with their frequencies.
pub const USER_DICT: EmbeddedFile = EmbeddedFile {
    name: "userdict.txt",
    text: include_str!("../index_schema/userdict.txt"),
};

/// Every file of `index_schema/`. A test checks that none is missing.
pub const ALL: [EmbeddedFile; 4] = [SCHEMA, SYNONYMS, T2S, USER_DICT];
