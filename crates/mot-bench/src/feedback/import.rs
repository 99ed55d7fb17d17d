//! `feedback-import`: a CSV of N rows (1,000,000 by default: 50 moments,
//! 20 branches, two years, a comment on every tenth) imported into a fresh
//! journey by the import's own code (core's reader and checks, the
//! server's `read_rows`, the store's one-transaction import), beside its
//! baseline in the same run: the same file only read and checked, nothing
//! stored. Then the same file again (every row already there). Peak memory
//! is this process's (reader, import and database driver together).
//!
//! Not timed here: the upload itself (the file streamed to a temporary
//! file as it arrives) and the mapping page.

use crate::Res;
use mot_core::feedback::import::{
    Columns, CsvRecords, DateOrder, Importer, Mapping, Scale, Source, TextEncoding,
};
use mot_core::{Actor, BoardCommand, Id, Role};
use mot_store::{random_token, Store};
use std::io::Write as _;
use std::time::Instant;

#[derive(clap::Args)]
pub struct ImportArgs {
    /// Rows in the file.
    #[arg(long, default_value_t = 1_000_000)]
    rows: u64,
    /// Rounds (each into a fresh journey).
    #[arg(long, default_value_t = 2)]
    rounds: u32,
    /// The database (default: a SQLite file in a temporary directory).
    #[arg(long)]
    database_url: Option<String>,
}

const MOMENTS: usize = 50;
const BRANCHES: usize = 20;

/// A fresh journey with its moments, in a business with its branches.
async fn journey(
    store: &Store,
    ws: Id,
    actor: Actor,
    business: Id,
) -> Res<(Id, Vec<(Id, String)>)> {
    let j = store
        .create_journey(
            ws,
            business,
            "Import",
            &random_token()[..8],
            &random_token(),
        )
        .await?
        .id;
    let stage = store.stages(ws, j).await?[0].id;
    for m in 0..MOMENTS {
        store
            .apply(
                ws,
                j,
                actor,
                "Bench",
                BoardCommand::AddMoment {
                    stage_id: stage,
                    channel_id: None,
                    title: format!("Moment {m}"),
                    description: String::new(),
                },
            )
            .await?;
    }
    let moments = store
        .moments(ws, j)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect();
    Ok((j, moments))
}

fn write_csv(path: &std::path::Path, rows: u64) -> Res<u64> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(f, "date;moment;branch;rating;comment")?;
    let today = mot_core::date::today();
    for i in 0..rows {
        let d = today - time::Duration::days((i % 730) as i64);
        let branch = if i % 21 == 20 {
            String::new()
        } else {
            format!("Branch {}", i as usize % BRANCHES)
        };
        let comment = if i % 10 == 0 {
            format!("Comment number {i}, with a few words in it")
        } else {
            String::new()
        };
        writeln!(
            f,
            "{};Moment {};{branch};{};{comment}",
            mot_core::date::format(d),
            i as usize % MOMENTS,
            i % 5 + 1
        )?;
    }
    f.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn importer(
    moments: &[(Id, String)],
    branches: &[(Id, String)],
    header: &[String],
) -> Res<Importer> {
    Ok(Importer::new(
        Mapping {
            columns: Columns {
                date: 0,
                moment: Source::Column(1),
                branch: Some(Source::Column(2)),
                rating: 3,
                comment: Some(4),
                external_id: None,
            },
            scale: Scale::Stars,
            date_order: DateOrder::DayFirst,
        },
        header,
        moments,
        branches,
        mot_core::date::today(),
    )?)
}

/// The file's records after its header, and the header.
fn records(path: &std::path::Path) -> Res<(Vec<String>, mot_server::feedback::import::Records)> {
    let file = std::fs::File::open(path)?;
    let mut recs = CsvRecords::new(
        std::io::BufReader::with_capacity(256 * 1024, file),
        TextEncoding::Utf8,
        b';',
    );
    let header = recs.next().ok_or("no header")??;
    Ok((
        header.fields.iter().map(str::to_string).collect(),
        Box::new(recs),
    ))
}

/// Seconds `psql` takes to `\copy` the file into a fresh plain table
/// (five text columns, no index), which is dropped after.
fn psql_copy(url: &str, path: &std::path::Path) -> Res<f64> {
    let table = format!("bench_copy_{}", &random_token()[..8]);
    let psql = |sql: &str| -> Res<()> {
        let out = std::process::Command::new("psql")
            .args([url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
            .output()?;
        if !out.status.success() {
            return Err(format!("psql: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        Ok(())
    };
    psql(&format!(
        "CREATE TABLE {table} (date TEXT, moment TEXT, branch TEXT, rating TEXT, comment TEXT)"
    ))?;
    let t = Instant::now();
    psql(&format!(
        "\\copy {table} FROM '{}' WITH (FORMAT csv, HEADER true, DELIMITER ';')",
        path.display()
    ))?;
    let secs = t.elapsed().as_secs_f64();
    psql(&format!("DROP TABLE {table}"))?;
    Ok(secs)
}

/// Peak resident memory of this process (`VmHWM`), in MiB.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|k| k.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// Imports the file into a journey as the server does (read and checked
/// into a stage, then written by the store); answers the seconds and
/// (imported, already there).
async fn import_once(
    store: &Store,
    ws: Id,
    j: Id,
    path: &std::path::Path,
    moments: &[(Id, String)],
    branches: &[(Id, String)],
) -> Res<(f64, u64, u64)> {
    let t = Instant::now();
    let (header, recs) = records(path)?;
    let imp = importer(moments, branches, &header)?;
    let record = store
        .begin_feedback_import(ws, j, None, "bench.csv", "en")
        .await?;
    let progress = std::sync::Arc::new(mot_store::ImportProgress::default());
    let dir = path.parent().ok_or("no folder")?.to_path_buf();
    let counted = progress.clone();
    let (stage, read) = tokio::task::spawn_blocking(move || -> Res<_> {
        let mut stage = mot_store::ImportStage::create(&dir)?;
        let read = mot_server::feedback::import::read_rows(
            recs,
            imp,
            &mut stage,
            &counted,
            mot_i18n::Lang::En,
            false,
        );
        Ok((stage, read))
    })
    .await??;
    if let Some(why) = read.failed {
        return Err(why.into());
    }
    let done = store
        .store_feedback_import(ws, record.id, stage, read.end, progress)
        .await?;
    Ok((t.elapsed().as_secs_f64(), done.imported, done.already))
}

pub async fn import(args: ImportArgs) -> Res<()> {
    let dir = tempfile::tempdir()?;
    let url = args
        .database_url
        .clone()
        .unwrap_or_else(|| mot_store::sqlite_url_for_dir(dir.path()));
    let store = Store::connect(&url).await?;
    store.migrate().await?;
    let ws = store.create_workspace("Import bench").await?.id;
    let owner = store
        .create_user(
            ws,
            &format!("bench-{}@example.com", &random_token()[..8]),
            "Bench",
            "x",
            Role::Owner,
        )
        .await?;
    let actor = Actor::Member {
        user_id: owner.id,
        role: Role::Owner,
    };
    let business = store.create_business(ws, "Bench business").await?.id;
    let mut branches = Vec::new();
    for b in 0..BRANCHES {
        let id = store
            .add_branch(ws, business, &format!("Branch {b}"))
            .await?
            .id;
        branches.push((id, format!("Branch {b}")));
    }
    let path = dir.path().join("answers.csv");
    let bytes = write_csv(&path, args.rows)?;
    println!(
        "feedback-import: {} rows, {:.1} MB, on {}",
        args.rows,
        bytes as f64 / 1e6,
        if url.starts_with("postgres") {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    let postgres = url.starts_with("postgres");
    println!(
        "round | read and check only (baseline) | import | again (all there) | peak MiB{}",
        if postgres {
            " | psql \\copy into a plain table (baseline) | import ÷ \\copy"
        } else {
            ""
        }
    );
    for round in 1..=args.rounds {
        // PostgreSQL's baseline: the same file with psql's \copy into a
        // plain table of five text columns, no index.
        let copied = if postgres {
            Some(psql_copy(&url, &path)?)
        } else {
            None
        };
        let (j, moments) = journey(&store, ws, actor, business).await?;
        // The baseline: the same reading and checks, nothing stored.
        let t = Instant::now();
        let (header, recs) = records(&path)?;
        let imp = importer(&moments, &branches, &header)?;
        let mut ok = 0u64;
        for r in recs {
            if imp.row(&r?).is_ok() {
                ok += 1;
            }
        }
        let read = t.elapsed().as_secs_f64();
        if ok != args.rows {
            return Err(format!("the baseline checked {ok} of {} rows", args.rows).into());
        }
        let (secs, imported, already) =
            import_once(&store, ws, j, &path, &moments, &branches).await?;
        if (imported, already) != (args.rows, 0) {
            return Err(format!("imported {imported}, already {already}").into());
        }
        let (again, imported, already) =
            import_once(&store, ws, j, &path, &moments, &branches).await?;
        if (imported, already) != (0, args.rows) {
            return Err(format!("again: imported {imported}, already {already}").into());
        }
        let (rolled, counted) = store.feedback_rollup_check(ws, j).await?;
        if rolled != counted {
            return Err("the roll-ups differ from a count of the answers".into());
        }
        let rate = |s: f64| args.rows as f64 / s;
        let copy_cells = copied.map_or(String::new(), |c| {
            format!(" | {:.0} rows/s ({c:.2} s) | {:.2}", rate(c), c / secs)
        });
        println!(
            "{round} | {:.0} rows/s ({read:.2} s) | {:.0} rows/s ({secs:.2} s) | {:.0} rows/s ({again:.2} s) | {:.0}{copy_cells}",
            rate(read),
            rate(secs),
            rate(again),
            peak_mib()
        );
    }
    store.close().await;
    Ok(())
}
