//! Lists the files of `static/` for embedding, so no list is kept by hand.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read at run time, not with `env!`: a build script binary may be reused
    // by another checkout sharing the target directory.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("static");
    println!("cargo:rerun-if-changed={}", dir.display());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the static directory")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // (name served, file) of every embedded file: `static/`, then what
    // `npm ci` in `vendor/` fetched, when it did.
    let mut files: Vec<(String, std::path::PathBuf)> = names
        .into_iter()
        .map(|n| (n.clone(), dir.join(&n)))
        .collect();
    files.extend(vendored(Path::new(&manifest_dir)));
    files.sort();
    let mut out = String::from("&[\n");
    for (name, path) in files {
        let mime = match name.rsplit('.').next() {
            Some("css") => "text/css; charset=utf-8",
            Some("js") => "text/javascript; charset=utf-8",
            Some("svg") => "image/svg+xml",
            Some("png") => "image/png",
            _ => "application/octet-stream",
        };
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({name:?}, {mime:?}, include_bytes!({:?}) as &[u8]),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("assets.rs");
    std::fs::write(dest, out).expect("write the asset list");
}

/// The `altcha` widget (its build for a strict Content-Security-Policy: the
/// module, its stylesheet and its worker) from `vendor/node_modules`, pinned
/// by `vendor/package-lock.json`; none when `npm ci` has not been run
/// there, and the customer's page then solves challenges with its own
/// `static/pow.js`.
fn vendored(manifest_dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let vendor = manifest_dir.join("vendor");
    // The folder, so that `npm ci` there (or removing node_modules) rebuilds.
    println!("cargo:rerun-if-changed={}", vendor.display());
    let dist = vendor.join("node_modules/altcha/dist_external");
    let files = [
        ("altcha.js", "altcha.js"),
        ("altcha.css", "altcha.css"),
        ("altcha-worker.js", "worker.js"),
    ];
    if !files.iter().all(|(_, f)| dist.join(f).is_file()) {
        return Vec::new();
    }
    files
        .iter()
        .map(|(name, f)| (name.to_string(), dist.join(f)))
        .collect()
}
