//! README.md's rules table is generated from the registry; this test keeps it current
//! (`UPDATE_SNAPSHOTS=1 cargo test` rewrites it).

use zonelint::rules::RULES;

#[test]
fn readme_rules_table_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- rules:start -->\n", "<!-- rules:end -->");
    let a = readme.find(start).expect("rules:start marker") + start.len();
    let b = readme.find(end).expect("rules:end marker");
    let mut table = String::from("| rule | severity | summary |\n|---|---|---|\n");
    for r in RULES {
        let m = r.meta();
        table.push_str(&format!(
            "| [`{}`](rules/{}.md) | {} | {} |\n",
            m.name,
            m.name,
            m.default_severity,
            m.summary().replace('|', "\\|")
        ));
    }
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, format!("{}{}{}", &readme[..a], table, &readme[b..])).unwrap();
    } else {
        assert_eq!(
            &readme[a..b],
            table,
            "README rules table is stale: UPDATE_SNAPSHOTS=1 cargo test"
        );
    }
}
