//! Which characters a text the API accepts may hold.
//!
//! The rule: no C0 control character (U+0000 to U+001F) other than tab, line feed and carriage return. NUL above
//! all, which PostgreSQL cannot store in `text` or `jsonb` (it used to answer 500), and the rest because no title,
//! name, genre or query means them and they garble logs and terminals. Tab and line breaks stay: overviews and
//! imported notes have them. DEL and the C1 block are stored as given.
//!
//! The HTTP layer applies the rule once, to every query string, path and JSON body before a handler runs; imports
//! apply it to the files they read ([`crate::csv::parse`], the Marquee JSON export).

use std::fmt::Write as _;

use serde_json::Value;

use crate::FieldError;

/// What a field holding a refused character is told.
pub const REFUSED_MESSAGE: &str =
    "must not contain control characters (U+0000 to U+001F other than tab, line feed and carriage return)";

/// Whether `c` is refused.
pub fn is_refused(c: char) -> bool {
    c < ' ' && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether `byte` is a refused character. UTF-8 encodes every character at or above U+0080 with bytes at or above
/// 0x80, so checking bytes is checking characters.
fn is_refused_byte(byte: u8) -> bool {
    byte < b' ' && !matches!(byte, b'\t' | b'\n' | b'\r')
}

/// Whether `text` holds a refused character.
pub fn has_refused(text: &str) -> bool {
    text.bytes().any(is_refused_byte)
}

/// The byte offset of the first refused character in `text`.
pub fn find_refused(text: &str) -> Option<usize> {
    text.bytes().position(is_refused_byte)
}

/// Whether percent-encoded text (a URL's path or query string) decodes to a refused character: some `%XX` escape
/// names one, or the text holds one raw. Cheap enough to run on every request; decoding follows only when it says
/// yes.
pub fn percent_encoded_has_refused(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        is_refused_byte(b)
            || (b == b'%'
                && matches!(bytes.get(i + 1), Some(b'0' | b'1'))
                && bytes.get(i + 2).and_then(|&lo| char::from(lo).to_digit(16)).is_some_and(|lo| {
                    let hi = u32::from(bytes[i + 1] - b'0');
                    u8::try_from(hi * 16 + lo).is_ok_and(is_refused_byte)
                }))
    })
}

/// Whether a JSON text may hold a refused character inside a string: an escape naming one (`\u0000` to `\u001f`
/// other than tab, line feed and carriage return, or `\b`, `\f`). Raw control characters inside JSON strings are
/// not JSON, and the parser refuses them. A single pass over the bytes with no allocation, so every JSON body can
/// afford it; [`refused_in_json`] then names the fields, on the rare body where this says yes.
pub fn json_may_hold_refused(json: &[u8]) -> bool {
    let mut i = 0;
    while let Some(offset) = json.get(i..).and_then(|rest| rest.iter().position(|&b| b == b'\\')) {
        let at = i + offset;
        match json.get(at + 1) {
            Some(b'b' | b'f') => return true,
            Some(b'u') => {
                let code = json
                    .get(at + 2..at + 6)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok());
                if code.and_then(|c| u8::try_from(c).ok()).is_some_and(is_refused_byte) {
                    return true;
                }
                i = at + 6;
            }
            // `\\`, `\"`, `\/`, `\n`, `\r`, `\t`: skip the escaped character, so `\\u0000` is not read as an escape.
            _ => i = at + 2,
        }
    }
    false
}

/// Every place in a JSON document holding a refused character, named as the API spells fields (`title`,
/// `services[0]`, `attributes.author`); a refused character in an object key names the key itself, escaped.
pub fn refused_in_json(value: &Value) -> Vec<FieldError> {
    let mut found = Vec::new();
    walk(value, &mut String::new(), &mut found);
    found
}

fn walk(value: &Value, path: &mut String, found: &mut Vec<FieldError>) {
    let name = |path: &str| if path.is_empty() { "body".to_owned() } else { path.to_owned() };
    match value {
        Value::String(text) if has_refused(text) => found.push(FieldError::new(name(path), REFUSED_MESSAGE)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                let _ = write!(path, "[{i}]");
                walk(item, path, found);
                path.truncate(len);
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                if has_refused(key) {
                    path.extend(key.escape_default());
                    found.push(FieldError::new(name(path), format!("the key {REFUSED_MESSAGE}")));
                } else {
                    path.push_str(key);
                    walk(item, path, found);
                }
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_and_c0_controls_are_refused_but_tab_and_line_breaks_are_not() {
        for c in ['\0', '\u{1}', '\u{8}', '\u{b}', '\u{c}', '\u{1b}', '\u{1f}'] {
            assert!(is_refused(c), "{c:?}");
            assert!(has_refused(&format!("a{c}b")), "{c:?}");
        }
        for c in ['\t', '\n', '\r', ' ', '\u{7f}', '\u{85}', 'é', '字'] {
            assert!(!is_refused(c), "{c:?}");
        }
        assert_eq!(find_refused("ab\0c"), Some(2));
        assert_eq!(find_refused("line\nnext"), None);
    }

    #[test]
    fn percent_escapes_are_seen_through() {
        for refused in ["a%00b", "%1F", "%1b", "genre=%00", "x=%0B&y=1"] {
            assert!(percent_encoded_has_refused(refused), "{refused}");
        }
        for allowed in ["a%09b", "%0A%0d", "%20", "%2F", "%7F", "%C3%A9", "%0", "%1", "%", "100%", "%0G", "a+b"] {
            assert!(!percent_encoded_has_refused(allowed), "{allowed}");
        }
    }

    #[test]
    fn json_escapes_are_found_without_parsing() {
        for refused in [r#"{"q":"a\u0000b"}"#, r#"["\u001F"]"#, r#"{"a":"\b"}"#, r#"{"a":"x\f"}"#, r#"{"\u0001":1}"#] {
            assert!(json_may_hold_refused(refused.as_bytes()), "{refused}");
        }
        for allowed in
            [r#"{"q":"a\\u0000b"}"#, r#"{"a":"\t\n\r\"\/"}"#, r#"{"a":"\u0020\u00e9"}"#, r#"{"a":"\\"}"#, "{}", r#""\"#]
        {
            assert!(!json_may_hold_refused(allowed.as_bytes()), "{allowed}");
        }
    }

    #[test]
    fn refused_json_strings_are_named_by_their_path() {
        let doc = serde_json::json!({
            "title": "ok",
            "services": ["netflix", "a\u{0}b"],
            "attributes": {"author": "x\u{1}", "note": "tab\tok"},
            "k\u{0}": 1,
        });
        let mut fields: Vec<String> = refused_in_json(&doc).into_iter().map(|e| e.field).collect();
        fields.sort();
        assert_eq!(fields, ["attributes.author", "k\\u{0}", "services[1]"]);
        assert_eq!(refused_in_json(&Value::String("\u{0}".into()))[0].field, "body");
    }
}
