//! A small RFC 4180 reader and writer for the files users import and export.
//!
//! It lives in the domain (which takes no parsing crates) because every import format is a domain concept, and
//! because errors must name the line that failed: a record's line is the physical line it starts on (the header
//! is line 1), counting the newlines inside quoted fields.

use std::fmt::Write as _;

use crate::text;

/// A malformed file: the line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct CsvError {
    /// The physical line, 1-based.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// One record and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The physical line the record starts on, 1-based.
    pub line: usize,
    /// Its fields, unquoted.
    pub fields: Vec<String>,
}

/// Parses a whole file: commas, `"`-quoted fields with `""` escapes and embedded newlines, LF or CRLF line ends,
/// an optional UTF-8 byte-order mark. Blank lines are skipped.
///
/// # Errors
/// [`CsvError`] for an unterminated quoted field, a quote inside an unquoted field, text after a closing quote, or
/// a control character the API refuses ([`crate::text`]).
pub fn parse(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(at) = text::find_refused(text) {
        let line = 1 + text[..at].matches('\n').count();
        return Err(CsvError { line, message: format!("a field {}", text::REFUSED_MESSAGE) });
    }
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    // Whether the current field was quoted, and whether the record has any content yet.
    let mut quoted = false;
    let mut started = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if field.is_empty() && !quoted => {
                quoted = true;
                started = true;
                let opened = line;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            field.push(c);
                        }
                        None => {
                            return Err(CsvError { line: opened, message: "a quoted field is never closed".into() });
                        }
                    }
                }
                match chars.peek() {
                    None | Some(',' | '\n' | '\r') => {}
                    Some(_) => {
                        return Err(CsvError { line, message: "text after a closing quote".into() });
                    }
                }
            }
            '"' => return Err(CsvError { line, message: "a quote inside an unquoted field".into() }),
            ',' => {
                fields.push(std::mem::take(&mut field));
                quoted = false;
                started = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if started || !field.is_empty() {
                    fields.push(std::mem::take(&mut field));
                    records.push(Record { line: start, fields: std::mem::take(&mut fields) });
                }
                quoted = false;
                started = false;
                line += 1;
                start = line;
            }
            c => {
                if quoted {
                    return Err(CsvError { line, message: "text after a closing quote".into() });
                }
                field.push(c);
                started = true;
            }
        }
    }
    if started || !field.is_empty() {
        fields.push(field);
        records.push(Record { line: start, fields });
    }
    Ok(records)
}

/// Appends one record to `out`, quoting the fields that need it, with a LF line end.
pub fn write_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\n', '\r']) {
            let _ = write!(out, "\"{}\"", field.replace('"', "\"\""));
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<(usize, Vec<String>)> {
        parse(text).unwrap().into_iter().map(|r| (r.line, r.fields)).collect()
    }

    #[test]
    fn control_characters_refuse_the_file_at_their_line() {
        let error = parse("a,b\n1,2\n\"x\ny\",z\0\n").unwrap_err();
        assert_eq!(error.line, 4);
        assert!(error.message.contains("control characters"), "{}", error.message);
        assert!(parse("a\tb,c\r\n").is_ok(), "tabs and line breaks are text");
    }

    #[test]
    fn quoted_fields_escapes_and_line_numbers() {
        let text = "\u{feff}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\r\n2,\"two\nlines\",\n3,,z";
        let rows = fields(text);
        assert_eq!(rows[0], (1, vec!["a".into(), "b".into(), "c".into()]));
        assert_eq!(rows[1], (2, vec!["1".into(), "x, y".into(), "say \"hi\"".into()]));
        assert_eq!(rows[2], (4, vec!["2".into(), "two\nlines".into(), String::new()]));
        assert_eq!(rows[3], (6, vec!["3".into(), String::new(), "z".into()]));
    }

    #[test]
    fn malformed_files_name_the_line() {
        assert_eq!(parse("a,b\n1,\"open\n2,3\n").unwrap_err().line, 2);
        assert_eq!(
            parse("a,b\n1,x\"y\n").unwrap_err(),
            CsvError { line: 2, message: "a quote inside an unquoted field".into() }
        );
        assert_eq!(parse("a\n\"x\"y\n").unwrap_err().line, 2);
    }

    #[test]
    fn written_records_read_back() {
        let mut out = String::new();
        write_record(&mut out, &["plain", "with, comma", "with \"quote\"", "two\nlines", ""]);
        let back = parse(&out).unwrap();
        assert_eq!(back[0].fields, vec!["plain", "with, comma", "with \"quote\"", "two\nlines", ""]);
    }
}
