//! The README's lists against the code: the QA rules and their severities, the commands
//! and the values of `--format` and `--color`. A change to either side that the other
//! does not follow fails here.

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The lines of the README section under `## {title}`, up to the next `## ` heading.
fn section(readme: &str, title: &str) -> Vec<String> {
    readme
        .lines()
        .skip_while(|line| *line != format!("## {title}"))
        .skip(1)
        .take_while(|line| !line.starts_with("## "))
        .map(str::to_string)
        .collect()
}

/// `yaku <args> -h` (short help: one line per option).
fn help(args: &[&str]) -> String {
    let output = assert_cmd::Command::cargo_bin("yaku")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .arg("-h")
        .output()
        .unwrap();
    assert!(output.status.success(), "yaku {args:?} -h");
    String::from_utf8(output.stdout).unwrap()
}

/// The `[possible values: a, b]` of option `--{option}` in a short help, if it has it.
fn possible_values(help: &str, option: &str) -> Option<Vec<String>> {
    let line = help
        .lines()
        .find(|line| line.trim_start().starts_with(&format!("--{option} ")))?;
    let list = line.split("[possible values: ").nth(1)?.split(']').next()?;
    Some(list.split(", ").map(str::to_string).collect())
}

/// The values of `--{option} a|b|c` in a README line (`\|` in a table cell).
fn documented_values(line: &str, option: &str) -> Option<Vec<String>> {
    let pattern = regex::Regex::new(&format!(r"--{option} ([a-z|\\]+)")).unwrap();
    let list = pattern.captures(line)?.get(1)?.as_str().replace('\\', "");
    Some(list.split('|').map(str::to_string).collect())
}

#[test]
fn the_readme_lists_every_qa_rule_with_its_default_severity() {
    let bullet = regex::Regex::new(r"^- `([a-z-]+)` \((error|warning)\b").unwrap();
    let documented: Vec<(String, String)> = section(&readme(), "QA checks")
        .iter()
        .filter_map(|line| bullet.captures(line))
        .map(|c| (c[1].to_string(), c[2].to_string()))
        .collect();
    let code: Vec<(String, String)> = yaku_qa::Rule::ALL
        .iter()
        .map(|rule| {
            (
                rule.as_str().to_string(),
                rule.default_severity().as_str().to_string(),
            )
        })
        .collect();
    assert_eq!(documented, code, "README \"QA checks\" against Rule::ALL");
}

#[test]
fn the_readme_commands_table_has_every_command_and_its_formats() {
    let readme = readme();
    let row = regex::Regex::new(r"^\| `yaku ([a-z]+)[^`]*` \|").unwrap();
    let rows: Vec<(String, String)> = section(&readme, "Commands")
        .into_iter()
        .filter_map(|line| {
            let command = row.captures(&line)?[1].to_string();
            Some((command, line))
        })
        .collect();

    // The same commands as `yaku -h` (the README orders them for a reader).
    let top = help(&[]);
    let mut commands: Vec<String> = top
        .lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|command| *command != "help")
        .map(str::to_string)
        .collect();
    assert!(!commands.is_empty(), "{top}");
    commands.sort();
    let mut documented: Vec<&String> = rows.iter().map(|(command, _)| command).collect();
    documented.sort();
    assert_eq!(
        documented,
        commands.iter().collect::<Vec<_>>(),
        "README commands table against `yaku -h`"
    );

    // Each command's `--format` values, or none on both sides.
    let mut with_formats = 0;
    for (command, line) in &rows {
        let listed = possible_values(&help(&[command]), "format");
        assert_eq!(
            documented_values(line, "format"),
            listed,
            "`yaku {command}`: README --format against `yaku {command} -h`"
        );
        with_formats += usize::from(listed.is_some());
    }
    assert!(with_formats >= 2, "check and build have formats");

    // The global `--color` values.
    let global = readme
        .lines()
        .skip_while(|line| !line.starts_with("Global flags:"))
        .take_while(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        documented_values(&global, "color"),
        possible_values(&top, "color"),
        "README global flags against `yaku -h`"
    );
}
