//! `remote-control-exposed`: Unbound's remote control listening beyond this host without
//! TLS certificates (`control-use-cert: no`): whoever reaches the port can flush the
//! cache, change forwarding, add local data or stop the server.
//!
//! Unbound's defaults are modelled: `control-enable: no`; `control-interface:`
//! 127.0.0.1 and ::1; `control-use-cert: yes`. A `control-interface:` that is a path
//! (`/run/unbound.ctl`) is a local socket, guarded by file permissions.

use crate::diagnostic::Diagnostic;
use crate::rules::{Ctx, Rule, RuleMeta};
use crate::unbound::{is_loopback_interface, UnboundConf};

crate::rule_meta!("remote-control-exposed", Error);

pub struct RemoteControlExposed;

impl Rule for RemoteControlExposed {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_unbound(&self, conf: &UnboundConf, cx: &mut Ctx) {
        let last = |name: &str| {
            conf.clauses("remote-control")
                .filter_map(|c| c.last(name))
                .last()
        };
        if !last("control-enable").is_some_and(|o| o.is_yes()) {
            return;
        }
        let Some(no_cert) =
            last("control-use-cert").filter(|o| o.value().is_some_and(|v| v.text == "no"))
        else {
            return;
        };
        for c in conf.clauses("remote-control") {
            for o in c.all("control-interface") {
                let Some(v) = o.value() else { continue };
                if v.text.starts_with('/') || is_loopback_interface(&v.text) {
                    continue;
                }
                cx.report(
                    Diagnostic::new(
                        META.name,
                        o.file,
                        o.full_span(),
                        format!(
                            "remote control listens on {} without certificates",
                            crate::output::plain_text(&v.text)
                        ),
                    )
                    .label("anyone who reaches this port controls the resolver")
                    .related(no_cert.file, no_cert.full_span(), "certificates switched off here")
                    .help("listen on 127.0.0.1 or a local socket (`control-interface: /run/unbound.ctl`), or keep `control-use-cert: yes` with unbound-control-setup's keys"),
                );
            }
        }
    }
}
