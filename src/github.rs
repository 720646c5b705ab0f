//! GitHub Actions workflow commands (`::error file=…,line=…::message`), escaped as the
//! Actions toolkit escapes them, so that no text from a file name or an article can end
//! a command early or start a command of its own on a new line.

/// One workflow command line, its final line break included. `command` is yaku's own
/// (`error`, `warning`, `notice`); property values and the message are escaped.
pub fn command(command: &str, properties: &[(&str, &str)], message: &str) -> String {
    let mut out = format!("::{command}");
    for (i, (name, value)) in properties.iter().enumerate() {
        out.push(if i == 0 { ' ' } else { ',' });
        out.push_str(name);
        out.push('=');
        out.push_str(&escape_property(value));
    }
    out.push_str("::");
    out.push_str(&escape_data(message));
    out.push('\n');
    out
}

/// The message of a command: `%`, carriage returns and line feeds as `%25`, `%0D`, `%0A`.
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value (`file=`, `title=`): as [`escape_data`], and `:` and `,` (which end a
/// value) as `%3A` and `%2C`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks_only() {
        assert_eq!(escape_data("a%b\r\nc: d, e"), "a%25b%0D%0Ac: d, e");
        // `%` goes first: an already escaped form is escaped again, not decoded.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(
            escape_property("a,b:c%d\n::add-mask::x.md"),
            "a%2Cb%3Ac%25d%0A%3A%3Aadd-mask%3A%3Ax.md"
        );
    }

    #[test]
    fn a_command_is_one_line_whatever_its_text() {
        let line = command(
            "error",
            &[("file", "x\n::warning::y"), ("line", "3"), ("title", "t,u")],
            "m\n::add-mask::secret",
        );
        assert_eq!(
            line,
            "::error file=x%0A%3A%3Awarning%3A%3Ay,line=3,title=t%2Cu::m%0A::add-mask::secret\n"
        );
        assert_eq!(line.lines().count(), 1);
        assert_eq!(command("notice", &[], "plain"), "::notice::plain\n");
    }
}
