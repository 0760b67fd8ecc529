//! Parsing of field paths: `device.os_version`, `items[2].sku`, `labels["env"]`.

use std::borrow::Cow;

/// What goes between brackets.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Index<'p> {
    /// A list index or an integer map key.
    Number(i128),
    Bool(bool),
    /// A string map key, quoted in the path (`\"` and `\\` escape).
    Str(Cow<'p, str>),
}

/// One `name` or `name[index]` of a path.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Segment<'p> {
    pub name: &'p str,
    pub index: Option<Index<'p>>,
    /// Byte offset just past the segment: `&path[..end]` is the path up to here.
    pub end: usize,
}

type ParseError = (usize, &'static str);

/// Splits a path into segments, or gives the byte offset and the reason it is malformed.
pub(crate) fn parse_path(path: &str) -> Result<Vec<Segment<'_>>, ParseError> {
    segments(path).collect()
}

/// The segments of a path one by one, without allocating; a malformed path ends with an
/// error.
pub(crate) fn segments(path: &str) -> Segments<'_> {
    Segments {
        path,
        pos: 0,
        done: false,
    }
}

pub(crate) struct Segments<'p> {
    path: &'p str,
    pos: usize,
    done: bool,
}

impl<'p> Iterator for Segments<'p> {
    type Item = Result<Segment<'p>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let r = self.segment();
        if r.is_err() || self.pos > self.path.len() {
            self.done = true;
        }
        Some(r)
    }
}

impl<'p> Segments<'p> {
    fn segment(&mut self) -> Result<Segment<'p>, ParseError> {
        let (path, bytes) = (self.path, self.path.as_bytes());
        let start = self.pos;
        let mut pos = start;
        while pos < bytes.len() && (bytes[pos].is_ascii_alphanumeric() || bytes[pos] == b'_') {
            pos += 1;
        }
        if pos == start {
            return Err((pos, "expected a field name"));
        }
        let name = &path[start..pos];
        let index = if bytes.get(pos) == Some(&b'[') {
            let (index, next) = parse_index(path, pos + 1)?;
            pos = next;
            Some(index)
        } else {
            None
        };
        let end = pos;
        match bytes.get(pos) {
            // Past the end: no more segments.
            None => self.pos = pos + 1,
            Some(b'.') => self.pos = pos + 1,
            Some(_) => return Err((pos, "expected `.` or `[` after a field name")),
        }
        Ok(Segment { name, index, end })
    }
}

/// Parses what follows `[` up to and including `]`.
fn parse_index(path: &str, mut pos: usize) -> Result<(Index<'_>, usize), ParseError> {
    let bytes = path.as_bytes();
    let index = match bytes.get(pos) {
        Some(b'"') => {
            pos += 1;
            let start = pos;
            let mut owned: Option<String> = None;
            loop {
                match bytes.get(pos) {
                    None => return Err((pos, "unterminated string key")),
                    Some(b'"') => break,
                    Some(b'\\') => {
                        let buf = owned.get_or_insert_with(|| path[start..pos].to_string());
                        match bytes.get(pos + 1) {
                            Some(b'"') => buf.push('"'),
                            Some(b'\\') => buf.push('\\'),
                            _ => {
                                return Err((
                                    pos,
                                    "only \\\" and \\\\ escapes are allowed in keys",
                                ));
                            }
                        }
                        pos += 2;
                    }
                    Some(_) => {
                        // Whole characters, so non-ASCII keys stay intact.
                        let ch = path[pos..].chars().next().ok_or((pos, "bad character"))?;
                        if let Some(buf) = owned.as_mut() {
                            buf.push(ch);
                        }
                        pos += ch.len_utf8();
                    }
                }
            }
            let key = match owned {
                Some(s) => Cow::Owned(s),
                None => Cow::Borrowed(&path[start..pos]),
            };
            pos += 1;
            Index::Str(key)
        }
        Some(b't') if path[pos..].starts_with("true") => {
            pos += 4;
            Index::Bool(true)
        }
        Some(b'f') if path[pos..].starts_with("false") => {
            pos += 5;
            Index::Bool(false)
        }
        Some(c) if c.is_ascii_digit() || *c == b'-' => {
            let start = pos;
            pos += 1;
            while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
            let n: i128 = path[start..pos]
                .parse()
                .map_err(|_| (start, "bad number in brackets"))?;
            Index::Number(n)
        }
        _ => return Err((pos, "expected a number, `true`, `false` or a quoted key")),
    };
    if bytes.get(pos) != Some(&b']') {
        return Err((pos, "expected `]`"));
    }
    Ok((index, pos + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(path: &str) -> Vec<(&str, Option<Index<'_>>)> {
        parse_path(path)
            .unwrap_or_default()
            .into_iter()
            .map(|s| (s.name, s.index))
            .collect()
    }

    #[test]
    fn parses_names_indexes_and_keys() {
        assert_eq!(names("a"), vec![("a", None)]);
        assert_eq!(
            names("items[2].sku"),
            vec![("items", Some(Index::Number(2))), ("sku", None)]
        );
        assert_eq!(
            names(r#"labels["e\"n.v"]"#),
            vec![("labels", Some(Index::Str("e\"n.v".into())))]
        );
        assert_eq!(names("m[-5]"), vec![("m", Some(Index::Number(-5)))]);
        assert_eq!(
            names("m[true].x"),
            vec![("m", Some(Index::Bool(true))), ("x", None)]
        );
        assert_eq!(
            names(r#"m["ünï"]"#),
            vec![("m", Some(Index::Str("ünï".into())))]
        );
        let segs = parse_path("a.b[1].c").unwrap_or_default();
        assert_eq!(
            segs.iter().map(|s| s.end).collect::<Vec<_>>(),
            vec![1, 6, 8]
        );
    }

    #[test]
    fn reports_where_a_path_is_malformed() {
        for (path, at) in [
            ("", 0),
            ("a.", 2),
            (".a", 0),
            ("a..b", 2),
            ("a[", 2),
            ("a[1", 3),
            ("a[x]", 2),
            (r#"a["x]"#, 5),
            (r#"a["\n"]"#, 3),
            ("a[1]b", 4),
            ("a b", 1),
            ("a[99999999999999999999999999999999999999999]", 2),
        ] {
            assert_eq!(parse_path(path).map_err(|e| e.0), Err(at), "{path}");
        }
    }
}
