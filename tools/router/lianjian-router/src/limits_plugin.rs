//! `lianjian_limits`: the router's refusals of an operation over a limit say the limit.
//!
//! Hive Router refuses an operation that is too deep, has too many aliases, directives or tokens, or whose estimated
//! cost is too high, before any subgraph is called, with a stable code of its own (`MAX_DEPTH_EXCEEDED`, …) and a
//! fixed text ("Query depth limit exceeded."). Its `on_graphql_error` hook sees each of those errors with its code;
//! this plugin rewrites the message to name the limit and adds the limit as `extensions.limit` (a number). The codes
//! stay the router's. The limits are read once, at start, from the router's own configuration (`limits.*.n`,
//! `demand_control.operation_cost.max`), so the message can't disagree with what the router enforces.
//!
//! The router stops counting at the first node past the limit, so the message says "more than N", not the count.
//! Only the router's own errors are touched: an error a subgraph sent (it has a `service` or a `path`) passes as it
//! came, whatever its code, and so does every other error.

use hive_router::{
    config::HiveRouterConfig,
    plugins::{
        hooks::{
            on_graphql_error::{OnGraphQLErrorHookPayload, OnGraphQLErrorHookResult},
            on_plugin_init::{OnPluginInitPayload, OnPluginInitResult},
        },
        plugin_trait::RouterPlugin,
    },
    sonic_rs, tracing, GraphQLError,
};

/// The limits the router enforces, as configured; `None` where a limit is off.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Limits {
    pub depth: Option<u64>,
    pub aliases: Option<u64>,
    pub directives: Option<u64>,
    pub tokens: Option<u64>,
    pub cost: Option<u64>,
}

/// The extension a rewritten refusal carries the limit in.
pub const LIMIT_EXTENSION: &str = "limit";

fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn at_most(n: u64) -> String {
    format!("at most {n} {} allowed", if n == 1 { "is" } else { "are" })
}

impl Limits {
    pub fn from_router_config(config: &HiveRouterConfig) -> Self {
        let limits = &config.limits;
        Self {
            depth: limits.max_depth.as_ref().map(|c| c.n as u64),
            aliases: limits.max_aliases.as_ref().map(|c| c.n as u64),
            directives: limits.max_directives.as_ref().map(|c| c.n as u64),
            tokens: limits.max_tokens.as_ref().map(|c| c.n as u64),
            cost: config
                .demand_control
                .as_ref()
                .filter(|d| d.enabled)
                .map(|d| d.operation_cost.max),
        }
    }

    /// The message and limit of the router's refusal with this code; `None` for another code or a limit that is off.
    pub fn refusal(&self, code: &str) -> Option<(String, u64)> {
        let (limit, message): (Option<u64>, fn(u64) -> String) = match code {
            "MAX_DEPTH_EXCEEDED" => (self.depth, |n| {
                format!(
                    "The query is more than {} deep; {}.",
                    count(n, "level", "levels"),
                    at_most(n)
                )
            }),
            "MAX_ALIASES_EXCEEDED" => (self.aliases, |n| {
                format!(
                    "The query has more than {}; {}.",
                    count(n, "alias", "aliases"),
                    at_most(n)
                )
            }),
            "MAX_DIRECTIVES_EXCEEDED" => (self.directives, |n| {
                format!(
                    "The query has more than {}; {}.",
                    count(n, "directive", "directives"),
                    at_most(n)
                )
            }),
            "TOKEN_LIMIT_EXCEEDED" => (self.tokens, |n| {
                format!(
                    "The query has more than {}; {}.",
                    count(n, "token", "tokens"),
                    at_most(n)
                )
            }),
            "COST_ESTIMATED_TOO_EXPENSIVE" => (self.cost, |n| {
                format!("The query's estimated cost is more than {n}; at most {n} is allowed.")
            }),
            _ => return None,
        };
        limit.map(|n| (message(n), n))
    }

    /// Puts the limit into `error` if it is one of the router's limit refusals; says whether it did.
    pub fn rewrite(&self, error: &mut GraphQLError) -> bool {
        // a subgraph's error, passed on: not the router's refusal, whatever its code
        if error.extensions.service_name.is_some() || error.path.is_some() {
            return false;
        }
        let Some((message, limit)) = error.extensions.code.as_deref().and_then(|code| self.refusal(code)) else {
            return false;
        };
        error.message = message;
        error
            .extensions
            .set(LIMIT_EXTENSION.to_string(), sonic_rs::Value::from(limit));
        true
    }
}

pub struct LimitsPlugin {
    limits: Limits,
}

impl RouterPlugin for LimitsPlugin {
    /// No settings of its own: the limits are the router's.
    type Config = ();

    fn plugin_name() -> &'static str {
        "lianjian_limits"
    }

    fn on_plugin_init(payload: OnPluginInitPayload<Self>) -> OnPluginInitResult<Self> {
        let limits = Limits::from_router_config(payload.router_config());
        tracing::info!(?limits, "limit refusals will name their limit");
        payload.initialize_plugin(Self { limits })
    }

    fn on_graphql_error<'req>(
        &'req self,
        mut payload: OnGraphQLErrorHookPayload<'req>,
    ) -> OnGraphQLErrorHookResult<'req> {
        self.limits.rewrite(&mut payload.error);
        payload.proceed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hive_router::config::parse_yaml_config;

    fn limits() -> Limits {
        Limits {
            depth: Some(12),
            aliases: Some(30),
            directives: Some(1),
            tokens: Some(1000),
            cost: Some(20_000),
        }
    }

    fn refusal(code: &str, message: &str) -> GraphQLError {
        GraphQLError::from_message_and_code(message, code)
    }

    fn limit_of(error: &GraphQLError) -> Option<u64> {
        error
            .extensions
            .get(LIMIT_EXTENSION)
            .and_then(|v| sonic_rs::JsonValueTrait::as_u64(v))
    }

    #[test]
    fn names_the_limit_of_each_refusal_and_keeps_its_code() {
        let cases = [
            (
                "MAX_DEPTH_EXCEEDED",
                "Query depth limit exceeded.",
                "The query is more than 12 levels deep; at most 12 are allowed.",
                12,
            ),
            (
                "MAX_ALIASES_EXCEEDED",
                "Aliases limit exceeded.",
                "The query has more than 30 aliases; at most 30 are allowed.",
                30,
            ),
            (
                "MAX_DIRECTIVES_EXCEEDED",
                "Directives limit exceeded.",
                "The query has more than 1 directive; at most 1 is allowed.",
                1,
            ),
            (
                "TOKEN_LIMIT_EXCEEDED",
                "Token limit exceeded.",
                "The query has more than 1000 tokens; at most 1000 are allowed.",
                1000,
            ),
            (
                "COST_ESTIMATED_TOO_EXPENSIVE",
                "Operation estimated cost exceeds max cost",
                "The query's estimated cost is more than 20000; at most 20000 is allowed.",
                20_000,
            ),
        ];
        for (code, router_text, message, limit) in cases {
            let mut error = refusal(code, router_text);
            assert!(limits().rewrite(&mut error), "{code}");
            assert_eq!(error.message, message);
            assert_eq!(error.extensions.code.as_deref(), Some(code));
            assert_eq!(limit_of(&error), Some(limit));
            let json = sonic_rs::to_string(&error).unwrap();
            assert!(json.contains(&format!(r#""limit":{limit}"#)), "{json}");
        }
    }

    #[test]
    fn leaves_other_errors_and_subgraph_errors_as_they_came() {
        let untouched = |mut error: GraphQLError, limits: Limits| {
            let before = sonic_rs::to_string(&error).unwrap();
            assert!(!limits.rewrite(&mut error));
            assert_eq!(sonic_rs::to_string(&error).unwrap(), before);
        };
        untouched(refusal("BAD_USER_INPUT", "electedOn is not a date"), limits());
        untouched(GraphQLError::from("no code at all"), limits());
        // a subgraph's own error with one of the router's codes
        untouched(
            refusal("MAX_DEPTH_EXCEEDED", "too deep for the subgraph").add_subgraph_name("organizations"),
            limits(),
        );
        // a limit that is off: the router can't have refused by it; the error is left as it is
        untouched(
            refusal("MAX_DEPTH_EXCEEDED", "Query depth limit exceeded."),
            Limits {
                depth: None,
                ..limits()
            },
        );
    }

    #[test]
    fn reads_the_limits_the_router_enforces_from_its_configuration() {
        let config = parse_yaml_config(
            r#"{
              "limits": { "max_depth": { "n": 8 }, "max_aliases": { "n": 30 }, "max_tokens": { "n": 5000 } },
              "demand_control": {
                "enabled": true,
                "operation_cost": { "max": 400, "mode": "enforce" },
                "subgraphs_budget": { "mode": "measure" }
              },
              "plugins": { "lianjian_limits": { "enabled": true } }
            }"#
            .to_string(),
        )
        .expect("a router configuration");
        assert_eq!(
            Limits::from_router_config(&config),
            Limits {
                depth: Some(8),
                aliases: Some(30),
                directives: None,
                tokens: Some(5000),
                cost: Some(400)
            }
        );
        assert!(config.plugins["lianjian_limits"].enabled);

        let off = parse_yaml_config(
            r#"{ "demand_control": { "enabled": false, "operation_cost": { "max": 400, "mode": "enforce" }, "subgraphs_budget": { "mode": "measure" } } }"#
                .to_string(),
        )
        .expect("a router configuration");
        assert_eq!(Limits::from_router_config(&off), Limits::default());
    }
}
