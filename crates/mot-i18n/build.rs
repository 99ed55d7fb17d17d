//! Embeds every catalogue under `locales/<lang>/*.ftl` into the binary.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read at run time, not with `env!`: a build script binary may be reused
    // by another checkout sharing the target directory.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from("/// (language, file, contents) of every catalogue file.\npub static FILES: &[(&str, &str, &str)] = &[\n");
    let mut langs: Vec<_> = std::fs::read_dir(&root)
        .expect("locales/")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .collect();
    langs.sort_by_key(|e| e.file_name());
    for lang in langs {
        println!("cargo:rerun-if-changed={}", lang.path().display());
        let mut files: Vec<_> = std::fs::read_dir(lang.path())
            .expect("a language folder")
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort_by_key(|e| e.file_name());
        for f in files {
            println!("cargo:rerun-if-changed={}", f.path().display());
            writeln!(
                out,
                "    ({:?}, {:?}, include_str!({:?})),",
                lang.file_name().to_string_lossy(),
                f.path().file_stem().unwrap_or_default().to_string_lossy(),
                f.path().display().to_string()
            )
            .unwrap();
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.rs");
    std::fs::write(dest, out).expect("write catalogue.rs");
}
