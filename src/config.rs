//! `zonelint.toml`: rule levels, origin mappings, include and exclude globs, the
//! repository path that stands for the server's root.
//!
//! ```toml
//! [rules]
//! single-nameserver = "off"          # off, info, warning, error
//! soa-timers = "error"
//!
//! [origins]
//! "zones/internal" = "internal.example.com"   # glob (relative to this file) = origin
//!
//! [files]
//! include = ["zones/**"]
//! exclude = ["zones/legacy/**"]
//!
//! [server]
//! root = "etc"                       # what `/` in named.conf paths stands for
//! bind = "9.18"                      # the BIND release to check for (default "9.20")
//! ```
//!
//! Keys are checked by hand rather than with serde's `deny_unknown_fields`, so that an
//! unknown key or rule name gets a did-you-mean suggestion.

use crate::diagnostic::Severity;
use crate::rules::RULES;
use crate::tree::Tree;
use crate::zone::text::parse_name;
use crate::zone::DName;
use crate::Level;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "zonelint.toml";

/// A loaded configuration.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The folder that holds the file: globs are relative to it.
    pub base: PathBuf,
    pub levels: HashMap<String, Level>,
    /// (glob, origin), in file order: the first match wins.
    pub origins: Vec<(Glob, DName)>,
    pub include: Vec<Glob>,
    pub exclude: Vec<Glob>,
    pub server_root: Option<PathBuf>,
    /// `[options]`.
    pub options: crate::rules::RuleOptions,
}

/// A configuration error, with the file it came from.
#[derive(Debug, Clone)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The closest candidate within an edit distance of 3.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, c)| c)
}

fn unknown(what: &str, key: &str, known: &[&str], file: &Path) -> ConfigError {
    let hint = match did_you_mean(key, known.iter().copied()) {
        Some(s) => format!("; did you mean `{s}`?"),
        None => format!(" (known: {})", known.join(", ")),
    };
    ConfigError(format!(
        "{}: unknown {what} `{}`{hint}",
        file.display(),
        crate::output::plain_text(key)
    ))
}

/// The nearest `zonelint.toml` at or above `start` and not above the tree's root: a
/// file outside the repository does not configure it. Looked up in the tree's backend
/// (the working tree, or a git revision for `--config-from`).
pub fn find(start: &Path, tree: &Tree) -> Option<PathBuf> {
    let mut dir = Some(start);
    while let Some(d) = dir.filter(|d| d.starts_with(&tree.root)) {
        // A folder that is itself a link out of the tree holds no configuration of it.
        if !matches!(tree.locate(d), crate::tree::Located::Found(..)) {
            dir = d.parent();
            continue;
        }
        let c = d.join(FILE_NAME);
        if !matches!(tree.locate(&c), crate::tree::Located::Missing) {
            return Some(c);
        }
        dir = d.parent();
    }
    None
}

/// Most bytes of a configuration file.
const MAX_CONFIG_SIZE: u64 = 1 << 20;

/// Reads a configuration through the tree: a `zonelint.toml` that is a link out of the
/// repository is refused, never read (its lines would be printed in a parse error).
/// An explicit `--config` outside the tree (the user's own file) is read as given.
pub fn load(path: &Path, tree: &Tree) -> Result<Config, ConfigError> {
    let cannot = |m: &str| ConfigError(format!("{}: {m}", path.display()));
    let (text, real) = if path.starts_with(&tree.root) {
        let real = match tree.locate(path) {
            crate::tree::Located::Found(p, crate::tree::Node::File) => p,
            crate::tree::Located::Outside => return Err(cannot(crate::tree::OUTSIDE)),
            _ => return Err(cannot("cannot read: not a file in the checked tree")),
        };
        let text = tree
            .read_detached(&real, MAX_CONFIG_SIZE)
            .map_err(|m| cannot(&m))?;
        (text, real)
    } else {
        let text = std::fs::read(path).map_err(|e| cannot(&format!("cannot read: {e}")))?;
        (text, path.to_path_buf())
    };
    let text = String::from_utf8(text).map_err(|_| cannot("not UTF-8 text"))?;
    let base = real.parent().map(Path::to_path_buf).unwrap_or_default();
    parse(&text, path, base)
}

fn as_str<'a>(v: &'a toml::Value, what: &str, file: &Path) -> Result<&'a str, ConfigError> {
    v.as_str()
        .ok_or_else(|| ConfigError(format!("{}: {what} must be a string", file.display())))
}

fn str_list(v: &toml::Value, what: &str, file: &Path) -> Result<Vec<String>, ConfigError> {
    let arr = v.as_array().ok_or_else(|| {
        ConfigError(format!(
            "{}: {what} must be a list of strings",
            file.display()
        ))
    })?;
    arr.iter()
        .map(|x| as_str(x, what, file).map(str::to_string))
        .collect()
}

pub fn parse(text: &str, file: &Path, base: PathBuf) -> Result<Config, ConfigError> {
    let table: toml::Table = text
        .parse()
        .map_err(|e| ConfigError(format!("{}: {e}", file.display())))?;
    let mut cfg = Config {
        base,
        ..Config::default()
    };
    const SECTIONS: &[&str] = &["rules", "options", "origins", "files", "server"];
    for (key, value) in &table {
        let section = value.as_table().ok_or_else(|| {
            ConfigError(format!(
                "{}: `{key}` must be a table ([{key}])",
                file.display()
            ))
        });
        match key.as_str() {
            "rules" => {
                let names: Vec<&str> = RULES.iter().map(|r| r.meta().name).collect();
                for (rule, level) in section? {
                    if !names.contains(&rule.as_str()) {
                        return Err(unknown("rule", rule, &names, file));
                    }
                    let l = as_str(level, &format!("the level of {rule}"), file)?;
                    let level = match l {
                        "off" => None,
                        other => Some(Severity::parse(other).ok_or_else(|| {
                            ConfigError(format!(
                                "{}: level `{other}` of {rule} is not one of off, info, warning, error",
                                file.display()
                            ))
                        })?),
                    };
                    cfg.levels.insert(rule.clone(), level);
                }
            }
            "options" => {
                for (k, v) in section? {
                    match k.as_str() {
                        "rrsig-horizon" => {
                            let text = as_str(v, "options.rrsig-horizon", file)?;
                            let secs = crate::zone::text::parse_ttl(text.as_bytes()).map_err(|m| {
                                ConfigError(format!("{}: rrsig-horizon `{text}`: {m} (write it like \"7d\" or \"36h\")", file.display()))
                            })?;
                            cfg.options.rrsig_horizon = secs as i64;
                        }
                        other => return Err(unknown("option", other, &["rrsig-horizon"], file)),
                    }
                }
            }
            "origins" => {
                for (glob, origin) in section? {
                    let o = as_str(origin, &format!("the origin for {glob}"), file)?;
                    let text = if o.ends_with('.') {
                        o.to_string()
                    } else {
                        format!("{o}.")
                    };
                    let name = parse_name(text.as_bytes(), &DName::root_bytes())
                        .map_err(|e| {
                            ConfigError(format!(
                                "{}: origin `{o}` for `{glob}`: {}",
                                file.display(),
                                e.message()
                            ))
                        })?
                        .0;
                    cfg.origins.push((Glob::new(glob, file)?, name));
                }
            }
            "files" => {
                for (k, v) in section? {
                    match k.as_str() {
                        "include" => {
                            cfg.include = globs(str_list(v, "files.include", file)?, file)?
                        }
                        "exclude" => {
                            cfg.exclude = globs(str_list(v, "files.exclude", file)?, file)?
                        }
                        other => {
                            return Err(unknown(
                                "key in [files]",
                                other,
                                &["include", "exclude"],
                                file,
                            ))
                        }
                    }
                }
            }
            "server" => {
                for (k, v) in section? {
                    match k.as_str() {
                        "root" => {
                            cfg.server_root = Some(PathBuf::from(as_str(v, "server.root", file)?))
                        }
                        "bind" => {
                            let v = as_str(v, "server.bind", file)?;
                            cfg.options.bind =
                                crate::conf::grammar::Bind::parse(v).ok_or_else(|| {
                                    ConfigError(format!(
                                        "{}: `server.bind = \"{v}\"`: zonelint knows BIND {}",
                                        file.display(),
                                        crate::conf::grammar::Bind::ALL
                                            .map(crate::conf::grammar::Bind::name)
                                            .join(" and ")
                                    ))
                                })?;
                        }
                        other => {
                            return Err(unknown("key in [server]", other, &["root", "bind"], file))
                        }
                    }
                }
            }
            other => return Err(unknown("section", other, SECTIONS, file)),
        }
    }
    Ok(cfg)
}

/// A path pattern of zonelint.toml: `*` is any run of characters but `/`, `**` any run
/// of folders, `?` one character; a glob without a `/` matches the file name alone, as
/// in `.gitignore`. Compiled once with globset (linear-time matching: a pattern like
/// `*a*a*a*b` cannot make the run hang).
#[derive(Clone, Debug)]
pub struct Glob {
    matcher: globset::GlobMatcher,
    name_only: bool,
}

impl Glob {
    pub fn new(text: &str, file: &Path) -> Result<Glob, ConfigError> {
        let text = text.trim_start_matches("./");
        let matcher = globset::GlobBuilder::new(text)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| ConfigError(format!("{}: glob `{text}`: {}", file.display(), e.kind())))?
            .compile_matcher();
        Ok(Glob {
            matcher,
            name_only: !text.contains('/'),
        })
    }

    /// Whether a path (relative, `/`-separated) matches.
    pub fn matches(&self, path: &str) -> bool {
        if self.name_only {
            let name = path.rsplit('/').next().unwrap_or(path);
            return self.matcher.is_match(name);
        }
        self.matcher.is_match(path)
    }
}

fn globs(texts: Vec<String>, file: &Path) -> Result<Vec<Glob>, ConfigError> {
    texts.iter().map(|t| Glob::new(t, file)).collect()
}

/// Whether `path` matches `glob` (see [`Glob`]); an invalid glob matches nothing.
pub fn glob_match(glob: &str, path: &str) -> bool {
    Glob::new(glob, Path::new("")).is_ok_and(|g| g.matches(path))
}

impl Config {
    /// A path relative to the configuration's folder, with `/` separators.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.base).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// The origin a mapping gives a file.
    pub fn origin_for(&self, path: &Path) -> Option<DName> {
        let rel = self.relative(path)?;
        self.origins
            .iter()
            .find(|(g, _)| g.matches(&rel))
            .map(|(_, o)| o.clone())
    }

    /// Whether a file found by walking is checked.
    pub fn selects(&self, path: &Path) -> bool {
        let Some(rel) = self.relative(path) else {
            return true;
        };
        (self.include.is_empty() || self.include.iter().any(|g| g.matches(&rel)))
            && !self.exclude.iter().any(|g| g.matches(&rel))
    }
}

/// The text `zonelint init` writes.
pub fn default_file() -> String {
    let mut s = String::from(
        "# zonelint configuration. Every setting is optional; this file shows the defaults.\n\
         # Docs of a rule: `zonelint explain <rule>`.\n\n\
         [rules]\n\
         # Levels: \"off\", \"info\", \"warning\", \"error\". A finding at or above --fail-on\n\
         # (default: error) makes zonelint exit with 1.\n",
    );
    for r in RULES {
        let m = r.meta();
        s.push_str(&format!("# {} = \"{}\"\n", m.name, m.default_severity));
    }
    s.push_str(
        "\n[options]\n\
         # Signatures that expire sooner than this are reported by rrsig-expiring.\n\
         # rrsig-horizon = \"7d\"\n\n\
         [origins]\n\
         # The zone name of files whose name and content do not say it (glob = origin).\n\
         # \"zones/internal\" = \"internal.example.com\"\n\n\
         [files]\n\
         # Globs relative to this file; a glob without '/' matches file names.\n\
         # include = [\"zones/**\"]\n\
         # exclude = [\"zones/legacy/**\"]\n\n\
         [server]\n\
         # The folder of the repository that stands for the server's root directory, for\n\
         # absolute paths in named.conf and $INCLUDE (\"/etc/bind/x\" is looked up below it).\n\
         # root = \"etc-bind\"\n\
         # The BIND release named.conf is checked for: \"9.18\" or \"9.20\" (the default,\n\
         # the current extended-support release). On 9.18, names 9.20 removed are warnings.\n\
         # bind = \"9.20\"\n",
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("zones/**", "zones/a/b.db"));
        assert!(glob_match("zones/*.db", "zones/x.db"));
        assert!(!glob_match("zones/*.db", "zones/a/x.db"));
        assert!(glob_match("**/legacy/**", "zones/legacy/x"));
        assert!(glob_match("*.zone", "deep/dir/a.zone"));
        assert!(glob_match("db.?", "x/db.a"));
        assert!(!glob_match("**/legacy/**", "zones/oldlegacy/x"));
    }

    #[test]
    fn the_bind_release() {
        let f = Path::new("zonelint.toml");
        let c = parse("[server]\nbind = \"9.18\"\n", f, PathBuf::new()).unwrap();
        assert_eq!(c.options.bind, crate::conf::grammar::Bind::V918);
        let c = parse("", f, PathBuf::new()).unwrap();
        assert_eq!(c.options.bind, crate::conf::grammar::Bind::V920);
        let e = parse("[server]\nbind = \"9.16\"\n", f, PathBuf::new()).unwrap_err();
        assert!(e.0.contains("9.18 and 9.20"), "{e}");
    }

    #[test]
    fn parse_and_errors() {
        let f = Path::new("zonelint.toml");
        let c = parse("[rules]\nsingle-nameserver = \"off\"\nsoa-timers = \"error\"\n[origins]\n\"zones/x\" = \"x.example\"\n", f, PathBuf::new()).unwrap();
        assert_eq!(c.levels["single-nameserver"], None);
        assert_eq!(c.levels["soa-timers"], Some(Severity::Error));
        assert_eq!(
            c.origin_for(Path::new("zones/x")).map(|n| n.to_string()),
            Some("x.example".into())
        );
        let e = parse("[rules]\nsingle-nameservers = \"off\"\n", f, PathBuf::new()).unwrap_err();
        assert!(e.0.contains("did you mean `single-nameserver`"), "{e}");
        let e = parse("[rulez]\n", f, PathBuf::new()).unwrap_err();
        assert!(e.0.contains("did you mean `rules`"), "{e}");
        let e = parse("[rules]\nsoa-timers = \"loud\"\n", f, PathBuf::new()).unwrap_err();
        assert!(e.0.contains("not one of off, info, warning, error"), "{e}");
        assert!(parse(&default_file(), f, PathBuf::new()).is_ok());
        let c = parse("[options]\nrrsig-horizon = \"30d\"\n", f, PathBuf::new()).unwrap();
        assert_eq!(c.options.rrsig_horizon, 30 * 86_400);
        let e = parse("[options]\nrrsig-horizont = \"1d\"\n", f, PathBuf::new()).unwrap_err();
        assert!(e.0.contains("did you mean `rrsig-horizon`"), "{e}");
    }
}
