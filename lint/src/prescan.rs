//! TEMPORARY line-based stand-in until the real lexical pre-scan lands.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemText {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub line: u32,
    pub allowed: Vec<String>,
    pub reason: Option<String>,
    pub file_level: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub items: Vec<ItemText>,
    pub directives: Vec<Directive>,
    pub malformed_directives: Vec<u32>,
}

pub fn scan(text: &str) -> Scan {
    let mut scan = Scan::default();
    let mut offset = 0;
    let mut attr_start: Option<usize> = None;
    let mut seen_code = false;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut starts = Vec::new();
    for line in &lines {
        starts.push(offset);
        offset += line.len();
    }
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if let Some(rest) = t.strip_prefix("// collects:") {
            let rest = rest.trim();
            match rest.strip_prefix("allow(").and_then(|r| r.split_once(')')) {
                Some((list, tail)) => scan.directives.push(Directive {
                    line: i as u32 + 1,
                    allowed: list
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect(),
                    reason: tail.trim().strip_prefix("--").map(|r| r.trim().to_string()),
                    file_level: !seen_code,
                }),
                None => scan.malformed_directives.push(i as u32 + 1),
            }
        }
        if t.starts_with("#[") || t.starts_with("///") {
            attr_start.get_or_insert(starts[i]);
            seen_code = true;
        } else if is_item(t) {
            seen_code = true;
            let start = attr_start.take().unwrap_or(starts[i]);
            let end = find_end(text, starts[i]);
            scan.items.push(ItemText { start, end });
            while i + 1 < lines.len() && starts[i + 1] < end {
                i += 1;
            }
        } else if !t.is_empty() && !t.starts_with("//") && !t.starts_with("#![") {
            seen_code = true;
            attr_start = None;
        }
        i += 1;
    }
    scan
}

fn is_item(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let mut word = words.next().unwrap_or_default();
    if word.starts_with("pub") {
        word = words.next().unwrap_or_default();
    }
    matches!(word, "struct" | "enum" | "union")
}

fn find_end(text: &str, from: usize) -> usize {
    let mut depth = 0i32;
    for (i, b) in text.bytes().enumerate().skip(from) {
        match b {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => {
                depth -= 1;
                if depth == 0 && b == b'}' {
                    return i + 1;
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
    }
    text.len()
}
