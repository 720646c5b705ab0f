//! `[fluent-args]` in `yaku.toml`: the values the Fluent variables of components take in
//! a locale. Read here once, for the build (which formats components with them) and the
//! QA of what a locale publishes (which also needs where each value is set).

use yaku_fluent::ArgValue;

use crate::Project;

/// The table every locale reads before its own: `[fluent-args.default]`.
const DEFAULT_TABLE: &str = "default";

/// One `[fluent-args]` value as a locale sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FluentArg<'p> {
    /// The variable's name.
    pub name: &'p str,
    /// Its value as `yaku.toml` writes it.
    pub value: &'p toml::Value,
    /// The table that sets it: `default` or the locale.
    pub table: &'p str,
}

impl FluentArg<'_> {
    /// The value as Fluent takes it: integers and floats as numbers, strings as text,
    /// anything else (a boolean, a date, a list) as its TOML text.
    pub fn arg_value(&self) -> ArgValue {
        match self.value {
            toml::Value::Integer(i) => ArgValue::Number(*i as f64),
            toml::Value::Float(f) => ArgValue::Number(*f),
            toml::Value::String(s) => ArgValue::String(s.clone()),
            other => ArgValue::String(other.to_string()),
        }
    }
}

impl Project {
    /// The `[fluent-args]` values of `locale`, sorted by name: those of
    /// `[fluent-args.default]`, each replaced by the locale's own table where it sets
    /// the same name.
    pub fn fluent_arg_settings(&self, locale: &str) -> Vec<FluentArg<'_>> {
        let mut values = std::collections::BTreeMap::new();
        for table in [DEFAULT_TABLE, locale] {
            let Some((table, args)) = self.config.fluent_args.get_key_value(table) else {
                continue;
            };
            for (name, value) in args {
                values.insert(name.as_str(), FluentArg { name, value, table });
            }
        }
        values.into_values().collect()
    }

    /// The `[fluent-args]` values of `locale` as Fluent arguments, sorted by name: what
    /// components are formatted with, in the build and in the QA of what a locale
    /// publishes.
    pub fn fluent_args(&self, locale: &str) -> Vec<(String, ArgValue)> {
        self.fluent_arg_settings(locale)
            .iter()
            .map(|arg| (arg.name.to_string(), arg.arg_value()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(config: &str) -> (tempfile::TempDir, Project) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("yaku.toml"), config).unwrap();
        std::fs::create_dir_all(dir.path().join("content/ja")).unwrap();
        let project = Project::open(dir.path()).unwrap();
        (dir, project)
    }

    #[test]
    fn a_locale_reads_the_default_table_then_its_own() {
        let (_dir, project) = project(
            "[project]\nsource = \"ja\"\ntargets = [\"en\", \"ko\"]\n\n[fluent-args.default]\nminutes = 3\nclinic = \"Clinic\"\nopen = true\n\n[fluent-args.en]\nclinic = \"Fuse clinic\"\nrate = 1.5\n",
        );
        let en = project.fluent_arg_settings("en");
        let names: Vec<(&str, &str)> = en.iter().map(|a| (a.name, a.table)).collect();
        assert_eq!(
            names,
            [
                ("clinic", "en"),
                ("minutes", "default"),
                ("open", "default"),
                ("rate", "en")
            ]
        );
        assert_eq!(
            project.fluent_args("en"),
            [
                ("clinic".to_string(), ArgValue::String("Fuse clinic".into())),
                ("minutes".to_string(), ArgValue::Number(3.0)),
                ("open".to_string(), ArgValue::String("true".into())),
                ("rate".to_string(), ArgValue::Number(1.5)),
            ]
        );
        let ko: Vec<&str> = project
            .fluent_arg_settings("ko")
            .iter()
            .map(|a| a.table)
            .collect();
        assert_eq!(ko, ["default"; 3]);
    }
}
