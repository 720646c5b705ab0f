//! A fenced code block or an HTML block that only a closing line ends, left open at the
//! end of the file, takes in everything after it, including the sections `yaku sync`
//! appends: an error on its first line. Found by the `sync` fuzz target.

use yaku_content::{parse_document, LineIndex, ParseOptions, Problem};

/// `(problem, line)` of every `UnclosedBlock` diagnostic.
fn unclosed(text: &str) -> Vec<(Problem, usize)> {
    let parsed = parse_document(text.as_bytes(), &ParseOptions::default()).unwrap();
    let index = LineIndex::new(text);
    parsed
        .diagnostics
        .into_iter()
        .filter(|d| matches!(d.problem, Problem::UnclosedBlock(_)))
        .map(|d| (d.problem, index.line(d.span.start)))
        .collect()
}

fn problem(what: &str) -> Problem {
    Problem::UnclosedBlock(what.to_string())
}

#[test]
fn blocks_left_open_at_the_end_are_errors_on_their_first_line() {
    for (text, what, line) in [
        ("\n<!a", "HTML block", 2),
        (
            "## A {#a}\n\ntext\n\n<!-- todo\n\nmore\n",
            "HTML comment",
            5,
        ),
        ("## A {#a}\n\n```rust\nfn main() {}\n", "code block", 3),
        ("## A {#a}\n\n~~~~\ncode\n~~~\n", "code block", 3),
        ("## A {#a}\n\n```\ncode\n    ```\n", "code block", 3),
        ("<script>\nlet x;\n", "HTML block", 1),
        ("<?php\necho 1;\n", "HTML block", 1),
        ("<![CDATA[\nx\n", "HTML block", 1),
        ("lead\n\n<!-- a\n\n## B {#b}\n\ntext\n", "HTML comment", 3),
    ] {
        assert_eq!(unclosed(text), [(problem(what), line)], "{text:?}");
    }
    assert!(problem("code block").help().unwrap().contains("close it"));
}

#[test]
fn closed_blocks_and_blocks_that_end_at_a_blank_line_are_fine() {
    for text in [
        "## A {#a}\n\n```rust\nfn main() {}\n```\n",
        "## A {#a}\n\n```rust\nfn main() {}\n```",
        "## A {#a}\n\n~~~~\ncode\n~~~~~\n",
        "## A {#a}\n\n   ```\ncode\n   ```  \n",
        "<!-- a comment -->\n",
        "<!-- a\ncomment -->",
        "<!-->\n",
        "<div>\nopen div, which a blank line ends\n",
        "<SCRIPT>\nx\n</Script>\n",
        "<script>\nx\n</style>\n",
        "    indented code\n",
        "## A {#a}\n\n> ```\n> open inside a quote\n",
        "## A {#a}\n\n<!-- open, then closed -->\n\n## B {#b}\n\n```\nclosed\n```\n\ntext\n",
    ] {
        assert_eq!(unclosed(text), [], "{text:?}");
    }
}
