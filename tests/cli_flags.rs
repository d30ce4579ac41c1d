//! The command-line habits of ruff and shellcheck users, one test per flag:
//! `--select`/`--ignore`, `--output-file`, `--quiet`, `--statistics`, `--color` (and
//! NO_COLOR/FORCE_COLOR), the severity word in human output, the width from COLUMNS,
//! `-` with `--stdin-filename`/`--origin`, `completions` and `manpage`.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// zonelint with a clean colour environment, `env` added, `stdin` fed.
fn run(args: &[&str], cwd: &Path, env: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zonelint"));
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("FORCE_COLOR")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .envs(env.iter().copied())
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run zonelint");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn zonelint(args: &[&str], cwd: &Path) -> Output {
    run(args, cwd, &[], None)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A zone with one error (a lost trailing dot) and one warning (a single name server).
const ZONE: &str = "$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 3600\n  IN NS ns1\nns1 IN A 192.0.2.53\nwww IN CNAME web.example.com\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("db.example.com"), ZONE).unwrap();
    dir
}

/// The rule names of the concise output's findings, in order.
fn rules_of(out: &Output) -> Vec<String> {
    text(&out.stdout)
        .lines()
        .filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_string()))
        .collect()
}

#[test]
fn select_and_ignore_pick_the_rules() {
    let dir = repo();
    let all = zonelint(&["check", "-f", "concise", "."], dir.path());
    assert_eq!(
        rules_of(&all),
        ["single-nameserver", "missing-trailing-dot"]
    );
    let sel = zonelint(
        &[
            "check",
            "-f",
            "concise",
            "--select",
            "single-nameserver",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(rules_of(&sel), ["single-nameserver"]);
    // Only a warning left: the exit status follows what runs.
    assert_eq!(sel.status.code(), Some(0));
    let ign = zonelint(
        &[
            "check",
            "-f",
            "concise",
            "--ignore",
            "single-nameserver",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(rules_of(&ign), ["missing-trailing-dot"]);
    assert_eq!(ign.status.code(), Some(1));
    // Comma lists and repeats; --ignore wins over --select.
    let both = zonelint(
        &[
            "check",
            "-f",
            "concise",
            "--select",
            "single-nameserver,missing-trailing-dot",
            "--ignore",
            "missing-trailing-dot",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(rules_of(&both), ["single-nameserver"]);
    // Over zonelint.toml: a rule the file switched off runs when selected.
    std::fs::write(
        dir.path().join("zonelint.toml"),
        "[rules]\nsingle-nameserver = \"off\"\n",
    )
    .unwrap();
    let cfg = zonelint(&["check", "-f", "concise", "."], dir.path());
    assert_eq!(rules_of(&cfg), ["missing-trailing-dot"]);
    let sel = zonelint(
        &[
            "check",
            "-f",
            "concise",
            "--select",
            "single-nameserver",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(rules_of(&sel), ["single-nameserver"]);
    // A misspelt rule is a usage error with a suggestion.
    let bad = zonelint(&["check", "--ignore", "single-nameservr", "."], dir.path());
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("did you mean `single-nameserver`"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn output_file_writes_any_format_beside_standard_output() {
    let dir = repo();
    let out_dir = tempfile::tempdir().unwrap();
    let sarif = out_dir.path().join("zonelint.sarif");
    let json = out_dir.path().join("report.json");
    let concise = out_dir.path().join("findings.txt");
    let out = zonelint(
        &[
            "check",
            "-f",
            "github",
            "--output-file",
            sarif.to_str().unwrap(),
            "--output-file",
            &format!("json:{}", json.display()),
            "--output-file",
            &format!("concise:{}", concise.display()),
            ".",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    // Annotations on standard output, the other formats in their files.
    assert!(text(&out.stdout).starts_with("::"), "{}", text(&out.stdout));
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert_eq!(s["version"], "2.1.0");
    assert_eq!(s["runs"][0]["results"].as_array().unwrap().len(), 2);
    let j: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(j["summary"]["errors"], 1);
    let c = std::fs::read_to_string(&concise).unwrap();
    assert!(c.contains("error[missing-trailing-dot]"), "{c}");

    // A file in --format's own format takes the report off standard output (ruff's
    // --output-file), and the file has no colour even when colour is forced.
    let human = out_dir.path().join("report.txt");
    let out = run(
        &[
            "check",
            "--output-file",
            human.to_str().unwrap(),
            "--color",
            "always",
            ".",
        ],
        dir.path(),
        &[],
        None,
    );
    assert_eq!(out.stdout, b"");
    let h = std::fs::read_to_string(&human).unwrap();
    assert!(
        h.contains("error[missing-trailing-dot]") && !h.contains('\x1b'),
        "{h}"
    );

    // A run that cannot start (a bad zonelint.toml) writes no file at all: no empty
    // SARIF for the upload step to choke on.
    std::fs::write(dir.path().join("zonelint.toml"), "[rulez]\n").unwrap();
    let late = out_dir.path().join("late.sarif");
    let out = zonelint(
        &["check", "--output-file", late.to_str().unwrap(), "."],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!late.exists());
    // The message once.
    assert_eq!(
        text(&out.stderr).matches("rulez").count(),
        1,
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn quiet_leaves_the_findings_and_very_quiet_nothing() {
    let dir = repo();
    let loud = zonelint(&["check", "-f", "concise", "."], dir.path());
    assert!(text(&loud.stdout).contains("1 error, 1 warning"));
    let q = zonelint(&["check", "-f", "concise", "-q", "."], dir.path());
    assert_eq!(rules_of(&q).len(), 2);
    assert!(
        !text(&q.stdout).contains("1 error, 1 warning"),
        "{}",
        text(&q.stdout)
    );
    let q = zonelint(&["check", "--quiet", "."], dir.path());
    assert!(text(&q.stdout).contains("error[missing-trailing-dot]"));
    assert!(!text(&q.stdout).contains("in 1 file"));
    let qq = zonelint(&["check", "-qq", "."], dir.path());
    assert_eq!(qq.stdout, b"");
    assert_eq!(qq.stderr, b"");
    assert_eq!(qq.status.code(), Some(1));
    // -q also silences the notes on standard error (here: nothing to check).
    let empty = tempfile::tempdir().unwrap();
    assert!(text(&zonelint(&["check", "."], empty.path()).stderr).contains("nothing to check"));
    assert_eq!(zonelint(&["check", "-q", "."], empty.path()).stderr, b"");
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = repo();
    std::fs::write(
        dir.path().join("db.example.org"),
        ZONE.replace("example.com", "example.org").replace(
            "web.example.org",
            "web.example.org\nftp IN CNAME files.example.org",
        ),
    )
    .unwrap();
    let out = zonelint(&["check", "--statistics", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Vec<String>> = text(&out.stdout)
        .lines()
        .map(|l| l.split_whitespace().take(3).map(str::to_string).collect())
        .collect();
    assert_eq!(
        lines,
        [
            ["3", "error", "missing-trailing-dot"],
            ["2", "warning", "single-nameserver"]
        ]
    );
    let j = zonelint(&["check", "--statistics", "-f", "json", "."], dir.path());
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!([
            {"rule": "missing-trailing-dot", "severity": "error", "count": 3},
            {"rule": "single-nameserver", "severity": "warning", "count": 2}
        ])
    );
}

#[test]
fn color_follows_the_flag_and_no_color() {
    let dir = repo();
    let has_escape = |o: &Output| o.stdout.contains(&0x1b);
    let args = |c: &'static str| ["check", "--color", c, "."];
    // Standard output is a pipe here: auto means none.
    assert!(!has_escape(&zonelint(&args("auto"), dir.path())));
    assert!(has_escape(&zonelint(&args("always"), dir.path())));
    assert!(!has_escape(&run(
        &args("never"),
        dir.path(),
        &[("FORCE_COLOR", "1")],
        None
    )));
    assert!(has_escape(&run(
        &args("auto"),
        dir.path(),
        &[("FORCE_COLOR", "1")],
        None
    )));
    // NO_COLOR wins over FORCE_COLOR; an empty NO_COLOR is unset (no-color.org).
    assert!(!has_escape(&run(
        &args("auto"),
        dir.path(),
        &[("FORCE_COLOR", "1"), ("NO_COLOR", "1")],
        None
    )));
    assert!(has_escape(&run(
        &args("auto"),
        dir.path(),
        &[("FORCE_COLOR", "1"), ("NO_COLOR", "")],
        None
    )));
    // An explicit --color always beats NO_COLOR.
    assert!(has_escape(&run(
        &args("always"),
        dir.path(),
        &[("NO_COLOR", "1")],
        None
    )));
    let bad = zonelint(&args("sometimes"), dir.path());
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn human_output_says_the_severity_in_words() {
    let dir = repo();
    let out = zonelint(&["check", "--color", "never", "."], dir.path());
    let s = text(&out.stdout);
    assert!(s.contains("error[missing-trailing-dot]"), "{s}");
    assert!(s.contains("warning[single-nameserver]"), "{s}");
}

#[test]
fn human_output_wraps_at_the_width_columns_gives() {
    let dir = repo();
    // The lost dot's message is about 150 columns long. (Source excerpts and the labels
    // under them are drawn where the text is, never wrapped: only the message and the
    // help are.)
    let message_lines = |cols: &str| {
        let out = run(&["check", "."], dir.path(), &[("COLUMNS", cols)], None);
        text(&out.stdout)
            .lines()
            .filter(|l| l.starts_with("  × ") || l.starts_with("  │ ") || l.starts_with("  help:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let narrow = message_lines("60");
    assert!(
        narrow.iter().all(|l| l.chars().count() <= 60),
        "{narrow:#?}"
    );
    assert!(narrow.len() > 3, "{narrow:#?}");
    let wide = message_lines("200");
    assert!(
        wide.iter()
            .any(|l| l.starts_with("  × CNAME target") && l.ends_with("ends with the origin")),
        "{wide:#?}"
    );
}

#[test]
fn standard_input_is_checked_as_the_file_it_stands_for() {
    let dir = repo();
    // Bare `-`: shown as <stdin>, the origin from the zone's $ORIGIN.
    let out = run(
        &["check", "-f", "concise", "-"],
        dir.path(),
        &[],
        Some(ZONE.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("<stdin>:6:14: error[missing-trailing-dot]"),
        "{}",
        text(&out.stdout)
    );
    // No $ORIGIN: --origin gives the zone.
    let bare = ZONE.replace("$ORIGIN example.com.\n", "");
    let out = run(
        &["check", "-f", "json", "--origin", "example.com", "-"],
        dir.path(),
        &[],
        Some(bare.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let msgs: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("web.example.com.example.com.")),
        "{msgs:?}"
    );
    // --stdin-filename: the edited buffer stands in for that file; its name gives the
    // zone (no $ORIGIN, no --origin) and it is shown under it. The copy on disk (with
    // the error) is not what is checked.
    let fixed = bare.replace("web.example.com", "ns1.example.com.");
    let out = run(
        &[
            "check",
            "-f",
            "concise",
            "--stdin-filename",
            "db.example.com",
            "-",
        ],
        dir.path(),
        &[],
        Some(fixed.as_bytes()),
    );
    assert_eq!(
        rules_of(&out),
        ["single-nameserver"],
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stdout).starts_with("db.example.com:"),
        "{}",
        text(&out.stdout)
    );
    // zonelint.toml applies to the path it stands for.
    std::fs::write(
        dir.path().join("zonelint.toml"),
        "[rules]\nsingle-nameserver = \"off\"\n",
    )
    .unwrap();
    let out = run(
        &[
            "check",
            "-f",
            "concise",
            "--stdin-filename",
            "db.example.com",
            "-",
        ],
        dir.path(),
        &[],
        Some(fixed.as_bytes()),
    );
    assert_eq!(
        rules_of(&out),
        Vec::<String>::new(),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(out.status.code(), Some(0));
    // `-` is checked alone; --stdin-filename needs `-`... or no path at all.
    let out = run(&["check", "-", "."], dir.path(), &[], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    let out = run(
        &["check", "--stdin-filename", "db.example.com", "."],
        dir.path(),
        &[],
        Some(b""),
    );
    assert_eq!(out.status.code(), Some(2));
    // A named.conf on standard input is told by its content.
    let out = run(
        &["check", "-f", "concise", "-"],
        dir.path(),
        &[],
        Some(b"options { recursion yes }\n"),
    );
    assert!(
        text(&out.stdout).contains("error[syntax-error] missing ';'"),
        "{}",
        text(&out.stdout)
    );
    // Over --max-file-size: refused with a message, not read on.
    let out = run(
        &["check", "--max-file-size", "10", "-"],
        dir.path(),
        &[],
        Some(ZONE.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("over the limit"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let dir = repo();
    let out = zonelint(&["check", "no-such-folder"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("`no-such-folder` does not exist"));
}

#[test]
fn completions_and_manual_pages() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = zonelint(&["completions", shell], dir.path());
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let s = text(&out.stdout);
        // Every check option is offered.
        for flag in ["select", "output-file", "stdin-filename", "statistics"] {
            assert!(s.contains(flag), "{shell} completions lack {flag}");
        }
    }
    if common::tool_present("bash", "--version") {
        let script = dir.path().join("zonelint.bash");
        std::fs::write(
            &script,
            zonelint(&["completions", "bash"], dir.path()).stdout,
        )
        .unwrap();
        let ok = Command::new("bash")
            .args(["-n", script.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(ok.success(), "the bash completion script does not parse");
    }
    let man = zonelint(&["manpage"], dir.path());
    let page = text(&man.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH zonelint 1"),
        "{page}"
    );
    assert!(page.contains("check"), "{page}");
    let pages = dir.path().join("man");
    let out = zonelint(&["manpage", "--dir", pages.to_str().unwrap()], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let check = std::fs::read_to_string(pages.join("zonelint-check.1")).unwrap();
    assert!(check.contains(".TH zonelint-check 1"), "{check}");
    assert!(check.contains("select"), "{check}");
    for name in ["zonelint.1", "zonelint-rules.1", "zonelint-explain.1"] {
        assert!(pages.join(name).exists(), "{name}");
    }
    if common::tool_present("man", "--version") {
        let out = Command::new("man")
            .args(["-l", pages.join("zonelint-check.1").to_str().unwrap()])
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .unwrap();
        assert!(text(&out.stdout).contains("--stdin-filename"));
    }
}
