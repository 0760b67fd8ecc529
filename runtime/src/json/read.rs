//! A strict JSON (RFC 8259) tokenizer over text already known to be UTF-8. Strings without
//! escapes are borrowed from the input; numbers are returned as their text so each field
//! type can parse them exactly.

use std::borrow::Cow;

use super::error::{JsonError, JsonErrorKind};
use super::scan::{plain_prefix, special_in_words};

/// The kind of the next JSON value, from its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    Object,
    Array,
    String,
    Number,
    True,
    False,
    Null,
}

impl Next {
    /// The kind for error messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Next::Object => "an object",
            Next::Array => "an array",
            Next::String => "a string",
            Next::Number => "a number",
            Next::True | Next::False => "a boolean",
            Next::Null => "null",
        }
    }
}

pub(crate) struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

fn syntax(reason: impl Into<String>, offset: usize) -> JsonError {
    JsonError::at(JsonErrorKind::Syntax(reason.into()), offset)
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Reader { text, pos: 0 }
    }

    #[inline]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline]
    pub(crate) fn offset(&self) -> usize {
        self.pos
    }

    /// The offset of the next token (after whitespace).
    #[inline]
    pub(crate) fn next_offset(&mut self) -> usize {
        self.skip_ws();
        self.pos
    }

    /// The text from the current position on.
    #[inline]
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.bytes().get(self.pos..).unwrap_or_default()
    }

    /// What `read` finds at the start of [`rest`](Self::rest), moving past the length it
    /// gives; `None` (the reader unmoved) when it finds nothing. The shape of the inlined
    /// fast paths for plain strings, integers and decimals.
    #[inline(always)]
    pub(crate) fn take<T>(
        &mut self,
        read: impl FnOnce(&'a [u8]) -> Option<(T, usize)>,
    ) -> Option<T> {
        let (value, len) = read(self.rest())?;
        self.pos += len;
        Some(value)
    }

    pub(crate) fn rewind(&mut self, offset: usize) {
        self.pos = offset;
    }

    pub(crate) fn error(&self, kind: JsonErrorKind) -> JsonError {
        JsonError::at(kind, self.pos)
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes().get(self.pos) {
            if matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The next non-whitespace byte, not consumed.
    #[inline]
    pub(crate) fn peek_byte(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes().get(self.pos).copied()
    }

    /// The kind of the next value.
    #[inline]
    pub(crate) fn peek(&mut self) -> Result<Next, JsonError> {
        match self.peek_byte() {
            Some(b'{') => Ok(Next::Object),
            Some(b'[') => Ok(Next::Array),
            Some(b'"') => Ok(Next::String),
            Some(b'-' | b'0'..=b'9') => Ok(Next::Number),
            Some(b't') => Ok(Next::True),
            Some(b'f') => Ok(Next::False),
            Some(b'n') => Ok(Next::Null),
            other => Err(self.no_value(other.is_some())),
        }
    }

    #[cold]
    #[inline(never)]
    fn no_value(&self, more: bool) -> JsonError {
        if more {
            syntax("expected a value", self.pos)
        } else {
            syntax("unexpected end of input, expected a value", self.pos)
        }
    }

    /// Consumes `b` after optional whitespace, or fails.
    #[inline]
    pub(crate) fn expect(&mut self, b: u8) -> Result<(), JsonError> {
        if self.peek_byte() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(&format!("`{}`", b as char)))
        }
    }

    fn unexpected(&self, expected: &str) -> JsonError {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            Some(c) => syntax(format!("expected {expected}, found `{c}`"), self.pos),
            None => syntax(
                format!("unexpected end of input, expected {expected}"),
                self.pos,
            ),
        }
    }

    /// Consumes `null` if it comes next.
    #[inline]
    pub(crate) fn eat_null(&mut self) -> Result<bool, JsonError> {
        if self.peek_byte() == Some(b'n') {
            self.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        if self.bytes()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(syntax(format!("expected `{word}`"), self.pos))
        }
    }

    /// Reads `true` or `false`.
    pub(crate) fn boolean(&mut self) -> Result<bool, JsonError> {
        match self.peek_byte() {
            Some(b't') => self.literal("true").map(|()| true),
            Some(b'f') => self.literal("false").map(|()| false),
            _ => Err(self.unexpected("`true` or `false`")),
        }
    }

    /// Starts an object: consumes `{` and tells whether it is empty (then `}` is consumed too).
    pub(crate) fn begin_object(&mut self) -> Result<bool, JsonError> {
        self.expect(b'{')?;
        if self.peek_byte() == Some(b'}') {
            self.pos += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// The next token when it is a string without escapes whose closing quote, followed by
    /// the rest of `end`, lies within whole words of the text (the common case, as a string
    /// is followed by more of the document): consumed and returned. Otherwise `None`, with
    /// only whitespace consumed. The inlined fast path of [`key`](Self::key) and
    /// [`string`](Self::string).
    #[inline(always)]
    fn plain_string(&mut self, end: &[u8]) -> Option<&'a str> {
        if self.peek_byte() != Some(b'"') {
            return None;
        }
        let text = self.text.get(self.pos + 1..)?;
        self.take(|rest| {
            let rest = rest.get(1..)?;
            let len = special_in_words(rest)?;
            if rest.get(len..len + end.len()) != Some(end) {
                return None;
            }
            Some((text.get(..len)?, 1 + len + end.len()))
        })
    }

    /// The key that starts at `offset` (already read once), for an error about it.
    #[cold]
    pub(crate) fn key_at(&self, offset: usize) -> Result<Cow<'a, str>, JsonError> {
        Reader {
            text: self.text,
            pos: offset,
        }
        .key()
    }

    /// Reads a key and its colon: a key without escapes followed at once by the colon is one
    /// inlined scan; the rest runs out of line.
    #[inline]
    pub(crate) fn key(&mut self) -> Result<Cow<'a, str>, JsonError> {
        match self.plain_string(b"\":") {
            Some(s) => Ok(Cow::Borrowed(s)),
            None => self.any_key(),
        }
    }

    /// [`key`](Self::key) for every case.
    #[inline(never)]
    fn any_key(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek_byte() != Some(b'"') {
            return Err(self.unexpected("a string key"));
        }
        let key = self.string()?;
        self.expect(b':')?;
        Ok(key)
    }

    /// After a member or element: true if another follows (`,` consumed), false at the close
    /// (consumed).
    #[inline]
    pub(crate) fn more(&mut self, close: u8) -> Result<bool, JsonError> {
        match self.peek_byte() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.unexpected(&format!("`,` or `{}`", close as char))),
        }
    }

    /// Starts an array: consumes `[` and tells whether it is empty (then `]` is consumed too).
    pub(crate) fn begin_array(&mut self) -> Result<bool, JsonError> {
        self.expect(b'[')?;
        if self.peek_byte() == Some(b']') {
            self.pos += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// Reads a string value; escapes make it owned. A string without escapes is one inlined
    /// scan; the rest (escapes, the document's last bytes, errors) runs out of line.
    #[inline]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        match self.plain_string(b"\"") {
            Some(s) => Ok(Cow::Borrowed(s)),
            None => self.any_string(),
        }
    }

    /// [`string`](Self::string) for every case.
    #[inline(never)]
    fn any_string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek_byte() != Some(b'"') {
            return Err(self.unexpected("a string"));
        }
        self.pos += 1;
        let start = self.pos;
        let bytes = self.bytes();
        let i = start + plain_prefix(bytes.get(start..).unwrap_or_default());
        match bytes.get(i) {
            Some(b'"') => {
                self.pos = i + 1;
                return Ok(Cow::Borrowed(&self.text[start..i]));
            }
            Some(b) if *b < 0x20 => return Err(syntax("control character in a string", i)),
            _ => {}
        }
        if i >= bytes.len() {
            return Err(syntax("unterminated string", start - 1));
        }
        let mut out = String::with_capacity(i - start + 16);
        out.push_str(&self.text[start..i]);
        self.pos = i;
        self.escaped_rest(out).map(Cow::Owned)
    }

    fn escaped_rest(&mut self, mut out: String) -> Result<String, JsonError> {
        let bytes = self.bytes();
        loop {
            let run = self.pos;
            self.pos += plain_prefix(bytes.get(run..).unwrap_or_default());
            out.push_str(&self.text[run..self.pos]);
            match bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let at = self.pos;
                    self.pos += 1;
                    let c = match bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape(at)?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(syntax("invalid escape in a string", at)),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(syntax("control character in a string", self.pos)),
                None => return Err(syntax("unterminated string", self.pos)),
            }
        }
    }

    fn hex4(&mut self, at: usize) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| syntax("invalid \\u escape", at))?;
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| syntax("invalid \\u escape", at))
    }

    /// After `\u`: one code point, joining a surrogate pair.
    fn unicode_escape(&mut self, at: usize) -> Result<char, JsonError> {
        let first = self.hex4(at)?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.bytes()[self.pos..].starts_with(b"\\u") {
                return Err(syntax("unpaired surrogate in a \\u escape", at));
            }
            self.pos += 2;
            let second = self.hex4(at)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(syntax("unpaired surrogate in a \\u escape", at));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| syntax("unpaired surrogate in a \\u escape", at))
    }

    /// Reads a number token and returns its text, checked against the JSON grammar.
    pub(crate) fn number(&mut self) -> Result<&'a str, JsonError> {
        self.skip_ws();
        let start = self.pos;
        let end = number_end(self.bytes(), start).ok_or_else(|| syntax("invalid number", start))?;
        self.pos = end;
        Ok(&self.text[start..end])
    }

    /// Skips one value of any kind, checking its syntax and depth.
    pub(crate) fn skip_value(&mut self, depth: usize, limit: usize) -> Result<(), JsonError> {
        match self.peek()? {
            Next::Object | Next::Array => {
                if depth >= limit {
                    return Err(self.error(JsonErrorKind::TooDeep { limit }));
                }
                let object = self.peek_byte() == Some(b'{');
                let (empty, close) = if object {
                    (self.begin_object()?, b'}')
                } else {
                    (self.begin_array()?, b']')
                };
                if !empty {
                    loop {
                        if object {
                            self.key()?;
                        }
                        self.skip_value(depth + 1, limit)?;
                        if !self.more(close)? {
                            break;
                        }
                    }
                }
                Ok(())
            }
            Next::String => self.string().map(drop),
            Next::Number => self.number().map(drop),
            Next::True | Next::False => self.boolean().map(drop),
            Next::Null => self.literal("null"),
        }
    }

    /// Fails unless only whitespace is left.
    pub(crate) fn finish(&mut self) -> Result<(), JsonError> {
        match self.peek_byte() {
            None => Ok(()),
            Some(_) => Err(syntax("trailing characters after the value", self.pos)),
        }
    }
}

/// The end of a JSON number starting at `start`, or `None` if there is none there.
/// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
pub(crate) fn number_end(b: &[u8], start: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        let from = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > from).then_some(i)
    };
    let mut i = start;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits(i)?,
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
    }
    Some(i)
}

/// True when `text` is exactly one JSON number.
pub(crate) fn is_number(text: &str) -> bool {
    number_end(text.as_bytes(), 0) == Some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_json_grammar() {
        for ok in ["0", "-0", "12", "1.5", "1e5", "1E+5", "-1.25e-3"] {
            assert!(is_number(ok), "{ok}");
        }
        for bad in [
            "", "-", "01", "+1", "1.", ".5", "1e", "1e+", "NaN", "0x1", " 1", "1 ",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
    }

    #[test]
    fn strings_unescape_and_borrow_when_they_can() {
        let mut r = Reader::new(r#" "plain" "a\"b\\c\/\n\u00e9\ud83d\ude00" "#);
        assert!(matches!(r.string(), Ok(Cow::Borrowed("plain"))));
        assert_eq!(r.string().ok().as_deref(), Some("a\"b\\c/\né😀"));
        r.finish().unwrap();
        for bad in [
            r#""\ud83d""#,
            r#""\x""#,
            "\"a\u{1}\"",
            r#""abc"#,
            r#""\u12""#,
        ] {
            assert!(Reader::new(bad).string().is_err(), "{bad}");
        }
    }

    #[test]
    fn skipping_checks_syntax_and_depth() {
        let mut r = Reader::new(r#"{"a": [1, {"b": null}, "x", true], "c": {}}"#);
        r.skip_value(0, 10).unwrap();
        r.finish().unwrap();
        assert!(Reader::new("[1,]").skip_value(0, 10).is_err());
        assert!(Reader::new("{\"a\" 1}").skip_value(0, 10).is_err());
        let deep = "[".repeat(20) + &"]".repeat(20);
        let err = Reader::new(&deep).skip_value(0, 10).unwrap_err();
        assert_eq!(err.kind(), &JsonErrorKind::TooDeep { limit: 10 });
    }
}
