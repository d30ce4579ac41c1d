//! `--format sarif` is valid SARIF 2.1.0: checked against the schema here, and with
//! Microsoft's SARIF multitool (`validate --rule-kind "Sarif;Gh"`) when it is installed
//! (.ci/run installs it and sets ZONELINT_REQUIRE_TOOLS=1, which turns a missing tool
//! into a failure).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sarif_of(args: &[&str], cwd: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_zonelint"))
        .args(["check", "--format", "sarif"])
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn sarif_follows_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("testdata/sarif-2.1.0.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let log = sarif_of(&["examples", "testdata/projects/stale-delegation"], &root());
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &log["runs"][0];
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(run["tool"]["driver"]["name"], "zonelint");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    // Only the rules that have results are described, each once, and every result's
    // ruleIndex points at its own rule.
    let results = run["results"].as_array().unwrap();
    let mut reported: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    reported.sort();
    reported.dedup();
    let mut described: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    described.sort();
    assert_eq!(described, reported);
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
    let mtd = rules
        .iter()
        .find(|r| r["id"] == "missing-trailing-dot")
        .unwrap();
    assert_eq!(mtd["defaultConfiguration"]["level"], "error");
    assert!(mtd["help"]["markdown"]
        .as_str()
        .unwrap()
        .starts_with("# missing-trailing-dot"));
    let results = run["results"].as_array().unwrap();
    for r in results {
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            !uri.starts_with('/') && !uri.contains(':'),
            "URI must be relative to the repository: {uri}"
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
            "%SRCROOT%"
        );
        assert!(r["partialFingerprints"]["zonelint/v1"].is_string());
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
    }
    let glue = results
        .iter()
        .find(|r| r["ruleId"] == "glue-mismatch")
        .unwrap();
    assert_eq!(
        glue["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "examples/zones/db.lab.example.com"
    );
    // No absolute path of this machine anywhere in the log.
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains(root().to_str().unwrap()));
}

#[test]
fn sarif_multitool_accepts_it() {
    let tool = std::env::var("SARIF_MULTITOOL").unwrap_or_else(|_| "Sarif.Multitool".into());
    let present = Command::new(&tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success() || !o.stdout.is_empty());
    if !present {
        assert!(
            std::env::var_os("ZONELINT_REQUIRE_TOOLS").is_none(),
            "the SARIF multitool ({tool}) is required here but missing"
        );
        eprintln!("skipped: the SARIF multitool is not installed (set SARIF_MULTITOOL)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = sarif_of(&["examples", "testdata/projects/stale-delegation"], &root());
    let file = dir.path().join("zonelint.sarif");
    std::fs::write(&file, serde_json::to_string_pretty(&log).unwrap()).unwrap();
    let out_file = dir.path().join("validation.sarif");
    let out = Command::new(&tool)
        .args(["validate", "--rule-kind", "Sarif;Gh", "--output"])
        .arg(&out_file)
        .arg(&file)
        .output()
        .unwrap();
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).unwrap_or_else(|_| {
            panic!(
                "multitool wrote no report: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        }))
        .unwrap();
    let errors: Vec<&serde_json::Value> = report["runs"][0]["results"]
        .as_array()
        .map(|v| v.iter().filter(|r| r["level"] == "error").collect())
        .unwrap_or_default();
    assert!(errors.is_empty(), "multitool errors: {errors:#?}");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        !printed.contains(": error "),
        "multitool errors:\n{printed}"
    );
    // Warnings too: the log should be clean under GitHub's rules as well.
    assert!(
        !printed.contains(": warning "),
        "multitool warnings:\n{printed}"
    );
}
