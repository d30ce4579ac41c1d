//! The zonelint command line: parse arguments, call the library, map the result to an
//! exit code (0 clean, 1 findings at or above the threshold, 2 usage or internal error).

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use zonelint::diagnostic::Severity;
use zonelint::output;
use zonelint::rules::RULES;
use zonelint::zone::text::parse_name;
use zonelint::zone::DName;
use zonelint::Options;

/// A line on standard error, with every byte from input neutralised (control characters
/// escaped, no workflow command): stderr reaches the CI log too.
macro_rules! say {
    ($($t:tt)*) => {
        eprintln!("{}", zonelint::output::stderr_safe(&format!($($t)*)))
    };
}

#[derive(Parser)]
#[command(
    name = "zonelint",
    version,
    about = "Lint DNS zone files and named.conf before they reach a server"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check zone files and directories.
    Check(CheckArgs),
    /// List the rules.
    Rules {
        /// table or json
        #[arg(long, default_value = "table")]
        format: RulesFormat,
    },
    /// Write a commented zonelint.toml with the defaults into the current directory.
    Init {
        /// Overwrite an existing zonelint.toml.
        #[arg(long)]
        force: bool,
    },
    /// Show a rule's documentation.
    Explain {
        /// The rule name, e.g. missing-trailing-dot.
        rule: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum AsKind {
    /// Zone files (master file format).
    Zone,
    /// BIND named.conf (or a fragment of one).
    NamedConf,
}

#[derive(Clone, Copy, ValueEnum)]
enum Threshold {
    Error,
    Warning,
    Info,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to check (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', default_value = "human")]
    format: FormatArg,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, default_value = "error")]
    fail_on: Threshold,
    /// The origin (zone name) of the zone files named on the command line.
    #[arg(long, short = 'o')]
    origin: Option<String>,
    /// Read the files named on the command line as this kind, whatever their names.
    #[arg(long = "as", value_name = "KIND")]
    as_kind: Option<AsKind>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Largest file read, in bytes.
    #[arg(long)]
    max_file_size: Option<u64>,
    /// Most input read in one run, in bytes (bounds the memory of a run).
    #[arg(long)]
    max_total_size: Option<u64>,
    /// The time to check against, RFC 3339 or YYYYMMDDHHMMSS (UTC); default: now.
    #[arg(long)]
    now: Option<String>,
    /// The configuration file (default: the nearest zonelint.toml above the checked paths).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Read zonelint.toml as it is at this git revision (the Action passes a pull
    /// request's base: the change under review cannot switch rules off).
    #[arg(long, value_name = "REV")]
    config_from: Option<String>,
    /// Compare every zone file with its content at this git revision: records changed
    /// without a serial increase are reported (soa-serial-not-incremented).
    #[arg(long, value_name = "REV")]
    git_base: Option<String>,
    /// With --git-base: report only on files changed since that revision.
    #[arg(long, requires = "git_base")]
    changed_only: bool,
    /// Print counts and the time of each phase to standard error.
    #[arg(long)]
    stats: bool,
    /// List the files left out as not DNS data, with the reason, on standard error.
    #[arg(long, short = 'v')]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Init { force } => {
            let path = std::path::Path::new(zonelint::config::FILE_NAME);
            if path.exists() && !force {
                say!(
                    "zonelint: {} exists already (--force overwrites it)",
                    path.display()
                );
                return ExitCode::from(2);
            }
            match std::fs::write(path, zonelint::config::default_file()) {
                Ok(()) => {
                    println!("wrote {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    say!("zonelint: cannot write {}: {e}", path.display());
                    ExitCode::from(2)
                }
            }
        }
        Command::Rules { format } => {
            print_rules(format);
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match zonelint::rules::find(&rule) {
            Some(r) => {
                print!("{}", r.meta().doc);
                ExitCode::SUCCESS
            }
            None => {
                say!("zonelint: unknown rule `{rule}`{}", did_you_mean(&rule));
                ExitCode::from(2)
            }
        },
    }
}

fn did_you_mean(name: &str) -> String {
    match zonelint::config::did_you_mean(name, RULES.iter().map(|r| r.meta().name)) {
        Some(b) => format!("; did you mean `{b}`?"),
        None => "; `zonelint rules` lists them".into(),
    }
}

fn print_rules(format: RulesFormat) {
    match format {
        RulesFormat::Json => {
            let v: Vec<serde_json::Value> = RULES
                .iter()
                .map(|r| {
                    let m = r.meta();
                    serde_json::json!({"name": m.name, "severity": m.default_severity, "summary": m.summary()})
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        RulesFormat::Table => {
            let w = RULES.iter().map(|r| r.meta().name.len()).max().unwrap_or(4);
            println!("{:w$}  {:8}  summary", "rule", "severity");
            for r in RULES {
                let m = r.meta();
                println!(
                    "{:w$}  {:8}  {}",
                    m.name,
                    m.default_severity.as_str(),
                    m.summary()
                );
            }
        }
    }
}

/// Files left out as not DNS data: with `--verbose` each with its reason; files the
/// user named get one warning in any case (a silent "0 files" would read as a pass).
fn report_skipped(report: &zonelint::Report, verbose: bool) {
    let shown = |p: &std::path::Path| {
        let rel = p.strip_prefix(&report.root).unwrap_or(p);
        zonelint::output::plain_text(&rel.display().to_string())
    };
    if verbose {
        for s in &report.skipped {
            say!("zonelint: skipped {}: {}", shown(&s.path), s.reason);
        }
    }
    let named: Vec<_> = report.skipped.iter().filter(|s| s.explicit).collect();
    if !named.is_empty() && !verbose {
        let list: Vec<String> = named
            .iter()
            .take(5)
            .map(|s| format!("{} ({})", shown(&s.path), s.reason))
            .collect();
        let more = named.len().saturating_sub(5);
        say!(
            "zonelint: warning: {} named {} not DNS data and {} not checked: {}{}",
            named.len(),
            if named.len() == 1 {
                "file is"
            } else {
                "files are"
            },
            if named.len() == 1 { "was" } else { "were" },
            list.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        );
    }
}

/// The most worker threads `-j` starts.
const MAX_JOBS: usize = 256;

fn check(args: CheckArgs) -> ExitCode {
    if let Some(j) = args.jobs {
        // Capped: more threads than cores only cost memory (a stack each).
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(j.clamp(1, (4 * cores).min(MAX_JOBS)))
            .build_global();
    }
    let mut opts = Options::default();
    if let Some(o) = &args.origin {
        let text = if o.ends_with('.') {
            o.clone()
        } else {
            format!("{o}.")
        };
        match parse_name(text.as_bytes(), &DName::root_bytes()) {
            Ok((n, _)) => opts.load.origin = Some(n),
            Err(e) => {
                say!("zonelint: invalid --origin `{o}`: {}", e.message());
                return ExitCode::from(2);
            }
        }
    }
    opts.load.max_file_size = args.max_file_size;
    opts.load.max_total_size = args.max_total_size;
    opts.load.force_kind = args.as_kind.map(|k| match k {
        AsKind::Zone => zonelint::discover::Kind::Zone,
        AsKind::NamedConf => zonelint::discover::Kind::NamedConf,
    });
    if let Some(n) = &args.now {
        match zonelint::parse_now(n) {
            Ok(t) => opts.now = Some(t),
            Err(e) => {
                say!("zonelint: invalid --now: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for p in &paths {
        // A name that is there (a link whose target is outside the tree or missing is
        // the library's to report, with one message either way).
        if std::fs::symlink_metadata(p).is_err() {
            say!("zonelint: `{}` does not exist", p.display());
            return ExitCode::from(2);
        }
    }
    // zonelint.toml: given, or the nearest one above the first checked path and not
    // above the repository; with --config-from, as it is at that revision.
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .unwrap_or_else(|_| PathBuf::from("."));
    let root = zonelint::tree_root(&paths, &cwd);
    let config_tree = match &args.config_from {
        Some(rev) => match zonelint::gitbase::revision_tree(&root, rev) {
            Ok(t) => t,
            Err(e) => {
                say!("zonelint: --config-from: {e}");
                return ExitCode::from(2);
            }
        },
        None => zonelint::tree::Tree::new(root.clone(), root.clone()),
    };
    let config_path = match &args.config {
        Some(c) => Some(zonelint::lexical_absolute(c, &cwd)),
        None => {
            let first = zonelint::lexical_absolute(&paths[0], &cwd);
            let dir = if std::fs::symlink_metadata(&first).is_ok_and(|m| m.is_dir()) {
                first
            } else {
                first.parent().map(|p| p.to_path_buf()).unwrap_or(first)
            };
            zonelint::config::find(&dir, &config_tree)
        }
    };
    if let Some(cp) = &config_path {
        match zonelint::config::load(cp, &config_tree) {
            Ok(cfg) => {
                opts.levels = cfg.levels.clone();
                opts.rule_options = cfg.options.clone();
                opts.load.config = Some(cfg);
            }
            Err(e) => {
                eprintln!("zonelint: {}", output::log_safe(&e.to_string(), true));
                return ExitCode::from(2);
            }
        }
    }
    opts.git_base = args.git_base.clone();
    opts.changed_only = args.changed_only;
    let report = zonelint::check(&paths, &opts);
    if let Some(f) = &report.fatal {
        say!("zonelint: {f}");
        return ExitCode::from(2);
    }
    report_skipped(&report, args.verbose);
    // A directory with nothing in it to check: say so, rather than a bare "0 files" that
    // reads as a pass.
    if report.files == 0 && !args.changed_only && report.skipped.iter().all(|s| !s.explicit) {
        say!(
            "zonelint: warning: nothing to check: no zone file or named.conf found in {}{}",
            paths
                .iter()
                .map(|p| output::plain_text(&p.display().to_string()))
                .collect::<Vec<_>>()
                .join(", "),
            if report.skipped.is_empty() {
                String::new()
            } else {
                format!(
                    " ({} file{} left out as not DNS data; --verbose lists them)",
                    report.skipped.len(),
                    if report.skipped.len() == 1 { "" } else { "s" }
                )
            }
        );
    }
    let t_out = std::time::Instant::now();
    let text = match args.format {
        FormatArg::Human => {
            let stdout = std::io::stdout();
            let color = match (
                std::env::var_os("NO_COLOR"),
                std::env::var_os("FORCE_COLOR"),
            ) {
                (Some(v), _) if !v.is_empty() => false,
                (_, Some(v)) if !v.is_empty() && v != "0" => true,
                _ => stdout.is_terminal(),
            };
            output::human::render(&report, color, 100)
        }
        FormatArg::Concise => {
            let mut s = output::concise::render(&report);
            s.push_str(&output::log_safe(&output::human::summary(&report), true));
            s
        }
        FormatArg::Json => output::json::render(&report),
        FormatArg::Sarif => output::sarif::render(&report),
        FormatArg::Github => output::github::render(&report),
    };
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    if args.stats {
        let records: usize = report.zones.iter().map(|z| z.records.len()).sum();
        say!(
            "zonelint: {} files, {} zones, {} records, {} findings",
            report.files,
            report.zones.len(),
            records,
            report.diagnostics.len()
        );
        // Signatures checked with a key (valid or not), and how fast.
        let (mut verified, mut valid) = (0usize, 0usize);
        for z in report.zones.iter().filter_map(|z| z.dnssec_done()) {
            for s in &z.sigs {
                match s.outcome {
                    zonelint::dnssec::Outcome::Valid(_) => {
                        (verified, valid) = (verified + 1, valid + 1)
                    }
                    zonelint::dnssec::Outcome::Invalid => verified += 1,
                    _ => {}
                }
            }
        }
        for (phase, d) in &report.timings {
            say!("zonelint: {phase:>16}: {:8.3} s", d.as_secs_f64());
            if *phase == zonelint::SIGNATURES_PHASE && verified > 0 {
                say!(
                    "zonelint: {:>16}  {verified} verified ({valid} valid), {:.0} per second",
                    "",
                    verified as f64 / d.as_secs_f64().max(1e-9)
                );
            }
        }
        say!(
            "zonelint: {:>16}: {:8.3} s",
            "output",
            t_out.elapsed().as_secs_f64()
        );
    }
    let threshold = match args.fail_on {
        Threshold::Error => Severity::Error,
        Threshold::Warning => Severity::Warning,
        Threshold::Info => Severity::Info,
    };
    let code = if report.fails(threshold) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing a million records one by one would only cost time.
    std::mem::forget(report);
    code
}
