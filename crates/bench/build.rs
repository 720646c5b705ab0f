//! Embeds the repository's Fluent files (`locales/<locale>/*.ftl`) so that generated
//! corpora can resolve the components their articles place, without the binary reading
//! the repository at run time.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&locales) {
        for entry in entries.flatten() {
            let dir = entry.path();
            if !dir.is_dir() {
                continue;
            }
            println!("cargo:rerun-if-changed={}", dir.display());
            for file in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = file.path();
                if path.extension().is_some_and(|e| e == "ftl") {
                    println!("cargo:rerun-if-changed={}", path.display());
                    let relative = path
                        .strip_prefix(&locales)
                        .expect("below locales/")
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/");
                    files.push((relative, path.canonicalize().expect("a real file")));
                }
            }
        }
    }
    files.sort();
    let mut out = String::from(
        "/// The repository's Fluent files, `(path below locales/, text)`, sorted by path.\n\
         pub const LOCALE_FILES: &[(&str, &str)] = &[\n",
    );
    for (relative, path) in &files {
        let _ = writeln!(
            out,
            "    ({relative:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("locales.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
