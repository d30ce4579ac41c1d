//! The rule engine: the [`Rule`] trait and THE registry list.
//!
//! Each rule lives in its own file and carries its documentation from
//! `rules/<name>.md` through `include_str!`, so a rule without a doc does not compile.

use crate::conf::NamedConf;
use crate::diagnostic::{Diagnostic, Severity};
use crate::project::Project;
use crate::source::{FileId, SourceFile};
use crate::zone::Zone;
use std::sync::Arc;

pub mod conf;
pub mod delegation;
pub mod dnssec;
pub mod reader;
pub mod support;
pub mod zone;

/// Options that change what rules report (zonelint.toml `[options]`).
#[derive(Clone, Debug)]
pub struct RuleOptions {
    /// `rrsig-horizon`: signatures expiring sooner than this many seconds are
    /// `rrsig-expiring` (default 7 days).
    pub rrsig_horizon: i64,
    /// The BIND release named.conf is checked for (`[server] bind`).
    pub bind: crate::conf::grammar::Bind,
}

impl Default for RuleOptions {
    fn default() -> Self {
        DEFAULT_OPTIONS
    }
}

pub const DEFAULT_OPTIONS: RuleOptions = RuleOptions {
    rrsig_horizon: 7 * 86_400,
    bind: crate::conf::grammar::Bind::V920,
};

/// The rules that still run on a zone read for how it is written only: a file written
/// for another zone than the one named.conf loads it as (every other finding would be a
/// consequence of the wrong origin), and an `$INCLUDE` fragment found on its own (no SOA,
/// no zone statement: its origin is a guess from its name).
pub const READER_ONLY_RULES: &[&str] = &[
    reader::syntax_error::NAME,
    reader::include_unresolved::NAME,
    conf::zone_origin_mismatch::NAME,
];

/// The rules that judge ordinary zone data and say nothing of a response policy zone:
/// its owners are relative triggers on purpose, its CNAME targets are actions, and it is
/// served to this server's own resolver, not delegated to (apex advice does not apply).
pub const QUIET_IN_POLICY_ZONES: &[&str] = &[
    zone::missing_trailing_dot::NAME,
    zone::dangling_target::NAME,
    zone::single_nameserver::NAME,
    zone::soa_timers::NAME,
    zone::mname_not_in_ns::NAME,
    zone::invalid_hostname::NAME,
    zone::ptr_mismatch::NAME,
    zone::target_is_address::NAME,
    zone::nameserver_addresses_not_distinct::NAME,
    // A trigger outside the policy zone is `rpz-invalid`'s (the policy never applies).
    zone::out_of_zone_record::NAME,
];

/// What the registry knows of a rule.
pub struct RuleMeta {
    /// Kebab-case name of the problem: `missing-trailing-dot`.
    pub name: &'static str,
    pub default_severity: Severity,
    /// The Markdown doc (`rules/<name>.md`).
    pub doc: &'static str,
}

impl RuleMeta {
    /// The one-line summary: the first paragraph after the title.
    pub fn summary(&self) -> &'static str {
        self.doc
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .unwrap_or("")
    }

    /// Whether zonelint fixes the rule's findings (`check --fix`), as its doc says under
    /// `## Fix` (a test holds the docs to the fixes the rule fixtures show).
    pub fn fixable(&self) -> bool {
        self.section("Fix").is_some_and(|f| {
            f.contains("**Automatic fix") && !f.contains("**Automatic fix:** none")
        })
    }

    /// A section of the doc by its heading (`What it does`), without the heading.
    pub fn section(&self, heading: &str) -> Option<&'static str> {
        let marker = format!("## {heading}");
        let start = self.doc.find(&marker)? + marker.len();
        let rest = &self.doc[start..];
        let end = rest.find("\n## ").unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
}

/// A check. Implement the hook for the scope it needs; the others do nothing.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check_zone(&self, _zone: &Zone, _cx: &mut Ctx) {}
    fn check_conf(&self, _conf: &NamedConf, _cx: &mut Ctx) {}
    fn check_unbound(&self, _conf: &crate::unbound::UnboundConf, _cx: &mut Ctx) {}
    fn check_project(&self, _project: &Project, _cx: &mut Ctx) {}
}

/// What a rule gets while it runs.
pub struct Ctx<'a> {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// The whole project: other zones, for cross-file rules.
    pub project: &'a Project,
    /// The time time-dependent rules compare with (seconds since 1970, UTC).
    pub now: i64,
    /// Options of the rules (zonelint.toml `[options]`).
    pub options: &'a RuleOptions,
    out: &'a mut Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        rule: &'static RuleMeta,
        severity: Severity,
        project: &'a Project,
        now: i64,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Ctx {
            rule,
            severity,
            project,
            now,
            options: &DEFAULT_OPTIONS,
            out,
        }
    }

    /// A file's text, for rules that need the name as written.
    pub fn source(&self, file: FileId) -> Arc<SourceFile> {
        self.project.sources.get_arc(file)
    }

    /// Reports a finding; rule name and severity are set here.
    pub fn report(&mut self, mut d: Diagnostic) {
        d.rule = self.rule.name;
        d.severity = self.severity;
        self.out.push(d);
    }

    /// Reports a finding of lesser weight: at the configured level, but no higher than
    /// `at_most` (a rule whose findings differ in consequence, like `dangling-target`: an
    /// NS target breaks the delegation, an MX target only the mail).
    pub fn report_at_most(&mut self, mut d: Diagnostic, at_most: Severity) {
        d.rule = self.rule.name;
        d.severity = self.severity.min(at_most);
        self.out.push(d);
    }

    /// Re-reports the reader's findings that belong to this rule.
    /// A reader that already knows a finding weighs less (a missing file the BIND package
    /// ships) sets its severity lower; the configured level is the ceiling.
    pub fn forward(&mut self, findings: &[Diagnostic]) {
        for d in findings.iter().filter(|d| d.rule == self.rule.name) {
            let cap = d.severity;
            self.report_at_most(d.clone(), cap);
        }
    }
}

/// THE registry: every rule, one line each, in documentation order.
pub static RULES: &[&dyn Rule] = &[
    &reader::syntax_error::SyntaxError,
    &reader::include_unresolved::IncludeUnresolved,
    &reader::file_unreadable::FileUnreadable,
    &reader::origin_unknown::OriginUnknown,
    &reader::unchecked_record_type::UncheckedRecordType,
    &reader::unused_suppression::UnusedSuppression,
    &reader::invalid_suppression::InvalidSuppression,
    &zone::soa_missing::SoaMissing,
    &zone::soa_multiple::SoaMultiple,
    &zone::soa_not_at_apex::SoaNotAtApex,
    &zone::ns_missing::NsMissing,
    &zone::single_nameserver::SingleNameserver,
    &zone::missing_trailing_dot::MissingTrailingDot,
    &zone::cname_and_other_data::CnameAndOtherData,
    &zone::out_of_zone_record::OutOfZoneRecord,
    &zone::svcb_dns_incomplete::SvcbDnsIncomplete,
    // SOA
    &zone::soa_timers::SoaTimers,
    &zone::soa_serial_format::SoaSerialFormat,
    &zone::soa_serial_not_incremented::SoaSerialNotIncremented,
    &zone::soa_rname_invalid::SoaRnameInvalid,
    &zone::mname_not_in_ns::MnameNotInNs,
    // aliases and targets
    &zone::cname_at_apex::CnameAtApex,
    &zone::rpz_invalid::RpzInvalid,
    &zone::cname_loop::CnameLoop,
    &zone::mx_target_cname::MxTargetCname,
    &zone::mx_at_tld_apex::MxAtTldApex,
    &zone::ns_target_cname::NsTargetCname,
    &zone::srv_target_cname::SrvTargetCname,
    &zone::target_is_address::TargetIsAddress,
    &zone::dangling_target::DanglingTarget,
    &zone::dname_conflicts::DnameConflicts,
    // records
    &zone::rrset_ttl_mismatch::RrsetTtlMismatch,
    &zone::duplicate_record::DuplicateRecord,
    &zone::occluded_data::OccludedData,
    &zone::invalid_hostname::InvalidHostname,
    &zone::non_terminal_wildcard::NonTerminalWildcard,
    &zone::nameserver_addresses_not_distinct::NameserverAddressesNotDistinct,
    &zone::ptr_mismatch::PtrMismatch,
    // mail
    &zone::spf_invalid::SpfInvalid,
    &zone::null_mx_conflict::NullMxConflict,
    // delegation
    &delegation::missing_glue::MissingGlue,
    &delegation::glue_mismatch::GlueMismatch,
    &delegation::delegation_ns_mismatch::DelegationNsMismatch,
    &delegation::orphan_glue::OrphanGlue,
    &delegation::referral_too_large::ReferralTooLarge,
    &delegation::nameserver_address_special_purpose::NameserverAddressSpecialPurpose,
    &delegation::delegation_without_redundancy::DelegationWithoutRedundancy,
    // DNSSEC
    &dnssec::rrsig_expired::RrsigExpired,
    &dnssec::rrsig_expiring::RrsigExpiring,
    &dnssec::rrsig_not_yet_valid::RrsigNotYetValid,
    &dnssec::rrsig_invalid::RrsigInvalid,
    &dnssec::rrsig_no_matching_dnskey::RrsigNoMatchingDnskey,
    &dnssec::rrsig_missing::RrsigMissing,
    &dnssec::dnssec_algorithm_unsupported::DnssecAlgorithmUnsupported,
    &dnssec::rrsig_validity_below_soa_expire::RrsigValidityBelowSoaExpire,
    &dnssec::rrsig_ttl_beyond_expiration::RrsigTtlBeyondExpiration,
    &dnssec::rrsig_lifetime_too_long::RrsigLifetimeTooLong,
    &dnssec::rrsig_original_ttl_mismatch::RrsigOriginalTtlMismatch,
    &dnssec::dnssec_algorithm_deprecated::DnssecAlgorithmDeprecated,
    &dnssec::ds_digest_deprecated::DsDigestDeprecated,
    &dnssec::dnskey_no_sep::DnskeyNoSep,
    &dnssec::dnskey_not_signed_by_ksk::DnskeyNotSignedByKsk,
    &dnssec::dnskey_rsa_key_too_short::DnskeyRsaKeyTooShort,
    &dnssec::keytag_collision::KeytagCollision,
    &dnssec::nsec3_parameters::Nsec3Parameters,
    &dnssec::ds_without_matching_dnskey::DsWithoutMatchingDnskey,
    &dnssec::dnskey_without_ds::DnskeyWithoutDs,
    &dnssec::ds_for_unsigned_child::DsForUnsignedChild,
    &dnssec::ds_not_at_delegation::DsNotAtDelegation,
    &dnssec::ds_digest_type_invalid::DsDigestTypeInvalid,
    &dnssec::ds_without_sha256::DsWithoutSha256,
    &dnssec::signed_zone_without_ds::SignedZoneWithoutDs,
    &dnssec::cds_cdnskey_mismatch::CdsCdnskeyMismatch,
    &dnssec::nsec_chain_broken::NsecChainBroken,
    &dnssec::nsec3_chain_broken::Nsec3ChainBroken,
    &dnssec::zonemd_mismatch::ZonemdMismatch,
    // named.conf
    &conf::unknown_option::UnknownOption,
    &conf::deprecated_option::DeprecatedOption,
    &conf::zone_file_missing::ZoneFileMissing,
    &conf::duplicate_zone::DuplicateZone,
    &conf::secondary_without_primaries::SecondaryWithoutPrimaries,
    &conf::zone_origin_mismatch::ZoneOriginMismatch,
    &conf::undefined_acl::UndefinedAcl,
    &conf::forward_only_without_redundancy::ForwardOnlyWithoutRedundancy,
    &conf::open_resolver::OpenResolver,
    &conf::recursion_on_authoritative::RecursionOnAuthoritative,
    &conf::recursion_settings_conflict::RecursionSettingsConflict,
    &conf::dnssec_validation_disabled::DnssecValidationDisabled,
    &conf::allow_transfer_any::AllowTransferAny,
    &conf::allow_update_any::AllowUpdateAny,
    &conf::notify_conflict::NotifyConflict,
    &conf::statistics_channel_exposed::StatisticsChannelExposed,
    &conf::remote_control_exposed::RemoteControlExposed,
    &conf::update_policy_invalid::UpdatePolicyInvalid,
    &conf::option_value_out_of_range::OptionValueOutOfRange,
    &conf::undefined_reference::UndefinedReference,
    &conf::duplicate_definition::DuplicateDefinition,
    &conf::zone_file_shared::ZoneFileShared,
    &conf::conflicting_options::ConflictingOptions,
    &conf::dnssec_policy_invalid::DnssecPolicyInvalid,
    &conf::trust_anchor_conflict::TrustAnchorConflict,
];

/// Looks a rule up by name.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().name == name)
}

/// Declares a rule's `META` with its doc from `rules/<name>.md`.
#[macro_export]
macro_rules! rule_meta {
    ($name:literal, $sev:ident) => {
        /// The rule's name: the constant code elsewhere uses to speak of this rule.
        pub const NAME: &str = $name;
        pub static META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            name: NAME,
            default_severity: $crate::diagnostic::Severity::$sev,
            doc: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/", $name, ".md")),
        };
    };
}
