//! `zone-file-missing`: a zone statement's `file` is not in the repository, or a zone
//! that needs a file has none.
//!
//! Secondary, mirror and stub zones are left alone when their file is absent: named
//! writes those files itself after the transfer. Files of the zones every resolver has
//! (localhost, the loopback and RFC 1918 empty zones) are reported at warning level at
//! most; a file the BIND package of Debian, Red Hat or FreeBSD installs (`db.local`,
//! `named.localhost`, `master/localhost-reverse.db`, …) and a missing root hints file
//! (named has the hints built in) at info level. A repository that holds the
//! configuration but none of its zone files (zone data deployed from elsewhere) gets
//! its missing files reported at info level: there is nothing to compare with.

use super::is_builtin_zone;
use crate::conf::NamedConf;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Rule, RuleMeta};

crate::rule_meta!("zone-file-missing", Error);

pub struct ZoneFileMissing;

impl Rule for ZoneFileMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_conf(&self, conf: &NamedConf, cx: &mut Ctx) {
        let config_only = !conf
            .zones
            .iter()
            .any(|z| z.file.as_ref().is_some_and(|f| f.resolved.is_ok()));
        for z in &conf.zones {
            let needs_file = matches!(z.kind.as_str(), "primary" | "hint" | "redirect");
            let Some(block) = z.block() else { continue };
            if block.find("in-view").is_some()
                || block.find("database").is_some()
                || block.find("dlz").is_some()
            {
                continue;
            }
            // A secondary signed in line keeps its signed copy beside the file.
            let signs_inline = z.kind == "secondary"
                && (block
                    .find("inline-signing")
                    .and_then(|s| s.value())
                    .is_some_and(crate::conf::is_yes)
                    || block
                        .find("dnssec-policy")
                        .and_then(|s| s.value())
                        .is_some_and(|w| w.text != "none"));
            match &z.file {
                None if signs_inline => {
                    cx.report(
                        Diagnostic::new(META.name, z.stmt.file, z.name_span(), format!("secondary zone {} is signed in line but has no `file`", z.name))
                            .label("no zone file")
                            .help("add `file \"sec/db.example.com\";`: named keeps the unsigned copy there and refuses the zone without it"),
                    );
                }
                None if needs_file && z.kind != "redirect" => {
                    cx.report(
                        Diagnostic::new(META.name, z.stmt.file, z.name_span(), format!("{} zone {} has no `file`", z.kind, z.name))
                            .label("no zone file")
                            .help("add `file \"db.example.com\";` naming the zone's data; named refuses to load a primary zone without one"),
                    );
                }
                Some(f) => {
                    let Err(why) = &f.resolved else { continue };
                    if !needs_file {
                        continue;
                    }
                    let d = Diagnostic::new(META.name, f.conf_file, f.span, format!("zone file of {} {why}", z.name))
                        .label("not found in the checked tree")
                        .help("add the zone file to the repository, fix the path, or map the server's root directory in zonelint.toml (`[server] root`)");
                    if matches!(why, crate::tree::ResolveError::Outside(_)) {
                        // A path out of the repository is never a deployment detail.
                        cx.report(d);
                    } else if config_only {
                        cx.report_at_most(d.help("the repository holds none of this configuration's zone files; add them to check each zone against its statement"), Severity::Info);
                    } else if z.kind == "hint" || super::is_packaged_path(&f.written) {
                        // named has the root hints built in; the file only refreshes them.
                        // The stock files of the default zones come with the package.
                        cx.report_at_most(
                            d.help("the BIND package installs this file on the server"),
                            Severity::Info,
                        );
                    } else if is_builtin_zone(&z.name) {
                        cx.report_at_most(d, Severity::Warning);
                    } else {
                        cx.report(d);
                    }
                }
                None => {}
            }
        }
    }
}
