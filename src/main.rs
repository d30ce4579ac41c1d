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
    Check(Box<CheckArgs>),
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    ///
    /// bash: `zonelint completions bash > ~/.local/share/bash-completion/completions/zonelint`;
    /// zsh: `zonelint completions zsh > "${fpath[1]}/_zonelint"`;
    /// fish: `zonelint completions fish > ~/.config/fish/completions/zonelint.fish`.
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff): `zonelint manpage > zonelint.1`; with --dir, write
    /// zonelint.1 and a page for each command (zonelint-check.1, …) into a folder.
    Manpage {
        /// The folder to write the pages into.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorWhen {
    /// Colour when standard output is a terminal, unless NO_COLOR is set (FORCE_COLOR forces it).
    Auto,
    Always,
    Never,
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

impl FormatArg {
    fn format(self) -> output::Format {
        match self {
            FormatArg::Human => output::Format::Human,
            FormatArg::Concise => output::Format::Concise,
            FormatArg::Json => output::Format::Json,
            FormatArg::Sarif => output::Format::Sarif,
            FormatArg::Github => output::Format::Github,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum AsKind {
    /// Zone files (master file format).
    Zone,
    /// BIND named.conf (or a fragment of one).
    NamedConf,
    /// Unbound's unbound.conf (or a fragment of one).
    Unbound,
}

#[derive(Clone, Copy, ValueEnum)]
enum Threshold {
    Error,
    Warning,
    Info,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and directories to check (default: the current directory); `-` reads one
    /// file from standard input.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', default_value = "human")]
    format: FormatArg,
    /// Also write the report to a file, as `[FORMAT:]PATH` (repeatable): the format
    /// named, else the one the extension says (.sarif, .json), else --format's. A file
    /// in --format's format takes the report off standard output; one in another format
    /// is written beside it (`-f github --output-file sarif:zonelint.sarif`).
    #[arg(long, value_name = "[FORMAT:]PATH")]
    output_file: Vec<String>,
    /// Run only these rules (comma-separated or repeated); overrides zonelint.toml.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Switch these rules off (comma-separated or repeated); wins over --select.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Count the findings per rule instead of listing them (JSON with --format json).
    #[arg(long)]
    statistics: bool,
    /// -q: the findings only (no summary line, no notes on standard error); -qq:
    /// nothing but the exit status (and fatal errors).
    #[arg(long, short = 'q', action = clap::ArgAction::Count)]
    quiet: u8,
    /// Colour in the human format.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: ColorWhen,
    /// Apply the safe fixes of the findings to the files (atomically; inside the checked
    /// tree only), checking again until nothing is left to fix; the output and the exit
    /// status then speak of what remains.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// With --fix or --diff: the unsafe fixes too (likely, not certain, repairs).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff and write nothing (exit 1 when there is one).
    #[arg(long)]
    diff: bool,
    /// With --fix: exit 1 when a file was changed, even if nothing remains (for a
    /// pre-commit hook: the user re-stages the fixed files).
    #[arg(long, requires = "fix")]
    exit_non_zero_on_fix: bool,
    /// With `-`: the path the input stands for. Findings name it, its name gives the
    /// zone and kind, zonelint.toml applies to it and the rest of its repository is
    /// loaded for context (an editor checking a buffer before it is saved).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
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
    #[arg(long, alias = "stats")]
    timings: bool,
    /// List the files left out as not DNS data, with the reason, on standard error.
    #[arg(long, short = 'v')]
    verbose: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(*args),
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
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "zonelint", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Manpage { dir } => match manpages(dir.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                say!("zonelint: cannot write the manual page: {e}");
                ExitCode::from(2)
            }
        },
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

/// The manual pages: zonelint.1 on standard output, or it and one page per command
/// (`zonelint-check.1`) written into `dir`.
fn manpages(dir: Option<&std::path::Path>) -> std::io::Result<()> {
    let cmd = <Cli as clap::CommandFactory>::command();
    let Some(dir) = dir else {
        return clap_mangen::Man::new(cmd).render(&mut std::io::stdout().lock());
    };
    std::fs::create_dir_all(dir)?;
    let mut pages = vec![("zonelint".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
        let name = format!("zonelint-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let mut text = Vec::new();
        clap_mangen::Man::new(page).render(&mut text)?;
        std::fs::write(dir.join(format!("{name}.1")), text)?;
    }
    Ok(())
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
                    serde_json::json!({"name": m.name, "severity": m.default_severity, "fix": m.fixable(), "summary": m.summary()})
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        RulesFormat::Table => {
            let w = RULES.iter().map(|r| r.meta().name.len()).max().unwrap_or(4);
            println!("{:w$}  {:8}  fix  summary", "rule", "severity");
            for r in RULES {
                let m = r.meta();
                println!(
                    "{:w$}  {:8}  {:3}  {}",
                    m.name,
                    m.default_severity.as_str(),
                    if m.fixable() { "yes" } else { "" },
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
        AsKind::Unbound => zonelint::discover::Kind::Unbound,
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
    // Everything about the outputs is settled before the run: a bad --output-file is
    // exit 2 before any work, and no file is written unless the run completes.
    let outputs = match output_files(&args) {
        Ok(o) => o,
        Err(e) => {
            say!("zonelint: {e}");
            return ExitCode::from(2);
        }
    };
    let cwd = std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .unwrap_or_else(|_| PathBuf::from("."));
    let reads_stdin = args.paths.iter().any(|p| p.as_os_str() == "-")
        || (args.paths.is_empty() && args.stdin_filename.is_some());
    let paths = if reads_stdin {
        if args.paths.len() > 1 {
            say!("zonelint: `-` (standard input) is checked alone: name no other path");
            return ExitCode::from(2);
        }
        match read_stdin(&args, &cwd) {
            Ok(file) => {
                let path = file.path.clone();
                opts.load.stdin = Some(file);
                vec![path]
            }
            Err(e) => {
                say!("zonelint: {e}");
                return ExitCode::from(2);
            }
        }
    } else if args.stdin_filename.is_some() {
        say!("zonelint: --stdin-filename names what `-` (standard input) stands for; give `-` as the path");
        return ExitCode::from(2);
    } else if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for p in paths.iter().filter(|_| !reads_stdin) {
        // A name that is there (a link whose target is outside the tree or missing is
        // the library's to report, with one message either way).
        if std::fs::symlink_metadata(p).is_err() {
            say!(
                "zonelint: `{}` does not exist",
                output::plain_text(&p.display().to_string())
            );
            return ExitCode::from(2);
        }
    }
    // zonelint.toml: given, or the nearest one above the first checked path and not
    // above the repository; with --config-from, as it is at that revision.
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
    if let Err(e) = select_rules(&mut opts.levels, &args.select, &args.ignore) {
        say!("zonelint: {e}");
        return ExitCode::from(2);
    }
    opts.git_base = args.git_base.clone();
    opts.changed_only = args.changed_only;
    if reads_stdin && (args.fix || args.diff) {
        say!("zonelint: --fix and --diff change files; standard input is no file");
        return ExitCode::from(2);
    }
    let mut report = zonelint::check(&paths, &opts);
    if let Some(f) = &report.fatal {
        say!("zonelint: {f}");
        return ExitCode::from(2);
    }
    let mut changed_files = false;
    if args.fix || args.diff {
        if args.diff {
            let fixed = zonelint::fix::plan(&report, args.unsafe_fixes);
            let mut out = std::io::stdout().lock();
            for f in &fixed {
                let _ = out.write_all(output::log_safe(&zonelint::fix::diff(f), true).as_bytes());
            }
            let n: usize = fixed.iter().map(|f| f.fixes).sum();
            if args.quiet == 0 {
                say!(
                    "zonelint: {n} fix{} in {} file{}",
                    if n == 1 { "" } else { "es" },
                    fixed.len(),
                    if fixed.len() == 1 { "" } else { "s" }
                );
            }
            return if fixed.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
        }
        let applied =
            zonelint::fix::apply(report, || zonelint::check(&paths, &opts), args.unsafe_fixes);
        report = applied.report;
        for (name, e) in &applied.refused {
            say!("zonelint: {}: {e}", output::plain_text(name));
        }
        if let Some(f) = &report.fatal {
            say!("zonelint: {f}");
            return ExitCode::from(2);
        }
        if !applied.settled {
            say!(
                "zonelint: warning: fixes still left after {} rounds; run --fix again",
                zonelint::fix::MAX_ROUNDS
            );
        }
        let (n, files) = (applied.fixed, applied.files);
        changed_files = files > 0;
        if args.quiet == 0 {
            say!(
                "zonelint: fixed {n} finding{} in {files} file{}; {} remain{}",
                if n == 1 { "" } else { "s" },
                if files == 1 { "" } else { "s" },
                report.diagnostics.len(),
                if report.diagnostics.len() == 1 {
                    "s"
                } else {
                    ""
                }
            );
        }
    }
    if args.quiet == 0 {
        report_skipped(&report, args.verbose);
        report_nothing_to_check(&report, &args, &paths);
    }
    let t_out = std::time::Instant::now();
    let stdout = std::io::stdout();
    let style = output::Style {
        color: use_color(args.color, stdout.is_terminal()),
        width: terminal_width(stdout.is_terminal()),
        quiet: args.quiet > 0,
    };
    let format = args.format.format();
    for (f, path) in &outputs {
        let text = output::render(&report, *f, output::Style::default());
        if let Err(e) = std::fs::write(path, text) {
            say!("zonelint: cannot write {}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    let text = if args.quiet > 1 || outputs.iter().any(|(f, _)| *f == format) {
        String::new()
    } else if args.statistics {
        if format == output::Format::Json {
            output::statistics::render_json(&report)
        } else {
            output::statistics::render(&report)
        }
    } else {
        output::render(&report, format, style)
    };
    let mut out = stdout.lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        return ExitCode::from(2);
    }
    if args.timings {
        print_timings(&report, t_out);
    }
    let threshold = match args.fail_on {
        Threshold::Error => Severity::Error,
        Threshold::Warning => Severity::Warning,
        Threshold::Info => Severity::Info,
    };
    let code = if report.fails(threshold) || (changed_files && args.exit_non_zero_on_fix) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing a million records one by one would only cost time.
    std::mem::forget(report);
    code
}

/// A folder with nothing in it to check: said, rather than a bare "0 files" that reads
/// as a pass.
fn report_nothing_to_check(report: &zonelint::Report, args: &CheckArgs, paths: &[PathBuf]) {
    if report.files != 0 || args.changed_only || report.skipped.iter().any(|s| s.explicit) {
        return;
    }
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

/// `--output-file` values: `FORMAT:PATH` (a format's name before the first colon; a
/// Windows drive letter is no format), else the format the extension names, else
/// `--format`'s.
fn output_files(args: &CheckArgs) -> Result<Vec<(output::Format, PathBuf)>, String> {
    let mut v: Vec<(output::Format, PathBuf)> = Vec::new();
    for spec in &args.output_file {
        let (format, path) = match spec.split_once(':') {
            Some((f, p)) if output::Format::parse(f).is_some() => {
                (output::Format::parse(f), PathBuf::from(p))
            }
            _ => (None, PathBuf::from(spec)),
        };
        if path.as_os_str().is_empty() {
            return Err(format!("--output-file `{spec}` names no file"));
        }
        let by_extension = || {
            let name = path.file_name()?.to_str()?.to_ascii_lowercase();
            if name.ends_with(".sarif") || name.ends_with(".sarif.json") {
                Some(output::Format::Sarif)
            } else if name.ends_with(".json") {
                Some(output::Format::Json)
            } else {
                None
            }
        };
        let format = format
            .or_else(by_extension)
            .unwrap_or_else(|| args.format.format());
        if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
            return Err(format!("--output-file `{}` is a folder", path.display()));
        }
        if v.iter().any(|(_, p)| *p == path) {
            return Err(format!("--output-file `{}` is named twice", path.display()));
        }
        v.push((format, path));
    }
    Ok(v)
}

/// `--select` and `--ignore` on top of zonelint.toml's levels: a selected rule runs (at
/// the level the file gives it, or its default when the file switched it off), every
/// other rule is off; an ignored rule is off.
fn select_rules(
    levels: &mut std::collections::HashMap<String, zonelint::Level>,
    select: &[String],
    ignore: &[String],
) -> Result<(), String> {
    for (flag, list) in [("--select", select), ("--ignore", ignore)] {
        if let Some(bad) = list
            .iter()
            .find(|r| zonelint::rules::find(r.trim()).is_none())
        {
            return Err(format!(
                "{flag}: unknown rule `{}`{}",
                output::plain_text(bad.trim()),
                did_you_mean(bad.trim())
            ));
        }
    }
    let listed = |list: &[String], name: &str| list.iter().any(|r| r.trim() == name);
    for r in RULES {
        let m = r.meta();
        if listed(ignore, m.name) || (!select.is_empty() && !listed(select, m.name)) {
            levels.insert(m.name.to_string(), None);
        } else if listed(select, m.name) && matches!(levels.get(m.name), Some(None)) {
            levels.insert(m.name.to_string(), Some(m.default_severity));
        }
    }
    Ok(())
}

/// Standard input, read whole (up to --max-file-size), as the file it stands for.
fn read_stdin(
    args: &CheckArgs,
    cwd: &std::path::Path,
) -> Result<zonelint::project::StdinFile, String> {
    use std::io::Read;
    let cap = args
        .max_file_size
        .unwrap_or(zonelint::tree::DEFAULT_MAX_FILE_SIZE);
    let mut text = Vec::new();
    std::io::stdin()
        .lock()
        .take(cap.saturating_add(1))
        .read_to_end(&mut text)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if text.len() as u64 > cap {
        return Err(format!(
            "standard input is over the limit of {cap} bytes (raise it with --max-file-size)"
        ));
    }
    let path = match &args.stdin_filename {
        Some(p) => {
            // The folder as the walk of the repository finds it (links resolved), so
            // the input stands in for the file there rather than beside it.
            let p = zonelint::lexical_absolute(p, cwd);
            match (p.parent().map(std::fs::canonicalize), p.file_name()) {
                (Some(Ok(dir)), Some(name)) => dir.join(name),
                _ => p,
            }
        }
        None => cwd.join("<stdin>"),
    };
    Ok(zonelint::project::StdinFile {
        path,
        text,
        named: args.stdin_filename.is_some(),
    })
}

/// `--color`: `auto` colours a terminal unless NO_COLOR is set (any non-empty value,
/// no-color.org); FORCE_COLOR (non-empty, not `0`) colours a pipe.
fn use_color(when: ColorWhen, terminal: bool) -> bool {
    let set = |v: &str| std::env::var_os(v).filter(|x| !x.is_empty());
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if set("NO_COLOR").is_some() {
                false
            } else if set("FORCE_COLOR").is_some_and(|v| v != "0") {
                true
            } else {
                terminal
            }
        }
    }
}

/// The column the human format wraps at: `COLUMNS` when set, else the terminal's width,
/// else 100 (a log); kept between 40 and 1000.
fn terminal_width(terminal: bool) -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok());
    let measured = || {
        terminal
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))
            .flatten()
            .map(|(w, _)| usize::from(w.0))
    };
    columns.or_else(measured).unwrap_or(100).clamp(40, 1000)
}

/// `--timings`: counts and the time of each phase, on standard error.
fn print_timings(report: &zonelint::Report, t_out: std::time::Instant) {
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
