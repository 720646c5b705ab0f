//! Writing to the terminal: colour choice, output that tolerates a closed pipe, and
//! progress bars.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar on standard error for a command that walks the corpus. It is drawn
/// only on a terminal outside CI, and only once the work has taken longer than a moment,
/// so a quick run, a pipe or a CI log never shows it.
pub struct Progress {
    bar: ProgressBar,
    /// Whether it may be drawn at all (a terminal, not CI).
    drawable: bool,
    shown: AtomicBool,
}

impl Progress {
    /// How long work runs before its bar appears.
    const DELAY: Duration = Duration::from_millis(500);

    /// A bar of `len` steps, each one of `unit` (`documents`, `pages`).
    pub fn new(len: u64, unit: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template(&format!("{{bar:30}} {{pos}}/{{len}} {unit}"))
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            drawable: io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            shown: AtomicBool::new(false),
        }
    }

    /// Counts `n` steps done; shows the bar once the work has run past [`Self::DELAY`].
    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
        if self.drawable
            && self.bar.elapsed() >= Self::DELAY
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Runs `f`, which may print, with the bar hidden.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Removes the bar, if it was shown.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// The `--color` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output.
    pub fn resolve(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && io::stdout().is_terminal()
            }
        }
    }
}

/// `text` with control characters (an escape sequence, a NUL) shown as their Unicode
/// pictures (`␛`, `␀`), so that what a file holds cannot drive the terminal.
pub fn visible(text: &str) -> String {
    // Nearly every line has none: one pass over the bytes, then a plain copy.
    let bytes = text.as_bytes();
    let control = bytes.iter().enumerate().any(|(i, &b)| {
        (b < 0x20 && b != b'\n' && b != b'\t')
            || b == 0x7f
            // U+0080..U+009F, the C1 controls, are 0xC2 0x80..0x9F in UTF-8.
            || (b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    });
    if !control {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}' => '\u{fffd}',
            _ => c,
        })
        .collect()
}

/// The first error writing to standard output, if any: after it nothing more is written.
static STDOUT_FAILED: std::sync::OnceLock<io::Error> = std::sync::OnceLock::new();

/// Standard output behind one large buffer: a check of a large site prints thousands
/// of findings, and a write per line (what a bare `Stdout` does into a pipe or a file)
/// was most of the time of a warm `yaku check`. Flushed by [`flush`].
fn stdout_buffer() -> &'static std::sync::Mutex<io::BufWriter<io::Stdout>> {
    static BUFFER: std::sync::OnceLock<std::sync::Mutex<io::BufWriter<io::Stdout>>> =
        std::sync::OnceLock::new();
    BUFFER.get_or_init(|| {
        std::sync::Mutex::new(io::BufWriter::with_capacity(64 * 1024, io::stdout()))
    })
}

/// Prints to standard output, buffered until [`flush`] (or a full buffer). A write
/// error is remembered (see [`stdout_failure`]) and ends all later printing.
pub fn print(text: &str) {
    if STDOUT_FAILED.get().is_some() {
        return;
    }
    let mut out = stdout_buffer().lock().unwrap_or_else(|e| e.into_inner());
    if let Err(error) = out.write_all(text.as_bytes()) {
        let _ = STDOUT_FAILED.set(error);
    }
}

/// Writes out what [`print`] buffered: before anything goes to standard error (so that
/// the two keep their order on a terminal), before a command waits (`yaku serve` after
/// its address), and at exit.
pub fn flush() {
    if STDOUT_FAILED.get().is_some() {
        return;
    }
    let mut out = stdout_buffer().lock().unwrap_or_else(|e| e.into_inner());
    if let Err(error) = out.flush() {
        let _ = STDOUT_FAILED.set(error);
    }
}

/// How writing to standard output failed, when it did and it matters: a closed pipe
/// (`yaku check | head -1`) is the reader's choice and is not reported; any other error
/// (a full disk, `> /dev/full`) means the output is incomplete.
pub fn stdout_failure() -> Option<&'static io::Error> {
    STDOUT_FAILED
        .get()
        .filter(|error| error.kind() != io::ErrorKind::BrokenPipe)
}

/// Prints to standard error, with a final line break.
pub fn eprint(text: &str) {
    flush();
    let mut stderr = io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    if !text.ends_with('\n') {
        let _ = stderr.write_all(b"\n");
    }
}

/// ANSI styles, used only when colour is on.
pub struct Style {
    on: bool,
}

impl Style {
    /// Styles that colour when `on`.
    pub fn new(on: bool) -> Self {
        Style { on }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Removed text.
    pub fn removed(&self, text: &str) -> String {
        if self.on {
            self.paint("31;9", text)
        } else {
            format!("[-{text}-]")
        }
    }

    /// Inserted text.
    pub fn inserted(&self, text: &str) -> String {
        if self.on {
            self.paint("32;4", text)
        } else {
            format!("{{+{text}+}}")
        }
    }

    /// A heading.
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Less important text.
    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
}

/// Pads `text` to `width` terminal columns (CJK characters count two).
pub fn pad(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// Pads `text` on the left to `width` terminal columns.
pub fn pad_left(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(w)))
}

/// Renders rows as a table whose columns line up on a terminal, CJK text included.
/// `right` marks the columns aligned to the right (numbers).
pub fn table(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = header
        .iter()
        .map(|h| unicode_width::UnicodeWidthStr::width(*h))
        .collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(unicode_width::UnicodeWidthStr::width(cell.as_str()));
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if right.get(i).copied().unwrap_or(false) {
                    pad_left(c, widths[i])
                } else {
                    pad(c, widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

impl yaku_project::Progress for Progress {
    fn start(&self, documents: u64) {
        self.bar.set_length(documents);
    }

    fn advance(&self) {
        self.inc(1);
    }
}

/// `1 document`, `0 documents`, `2 documents`: a count and its noun, in the number the
/// count asks for.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::{counted, visible};

    #[test]
    fn control_characters_are_shown_as_pictures_and_other_text_is_copied() {
        assert_eq!(visible("plain 日本語\tline\n"), "plain 日本語\tline\n");
        assert_eq!(visible("a\u{1b}[31mred\u{0}"), "a␛[31mred␀");
        assert_eq!(visible("del\u{7f} c1\u{85}"), "del\u{2421} c1\u{fffd}");
        // 0xC2 leading a printable character (`é` is 0xC3…, `¢` is 0xC2 0xA2) is kept.
        assert_eq!(visible("¢ é"), "¢ é");
    }

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(counted(1, "document"), "1 document");
        assert_eq!(counted(0, "document"), "0 documents");
        assert_eq!(counted(2, "QA error"), "2 QA errors");
    }
}
