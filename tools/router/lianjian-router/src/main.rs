//! Hive Router 0.2.19 with one plugin of ours: [`limits_plugin::LimitsPlugin`] (`lianjian_limits` in the router's
//! configuration), which puts the limit into the router's own depth, alias, directive, token and cost refusals.
//! Everything else is the router as published on crates.io (docs/adr/0019).

// the router's request pipeline nests ntex services deeper than the default limit
#![recursion_limit = "256"]

mod limits_plugin;

// `ntex` in scope: `#[hive_router::main]` expands to `ntex::rt::System`
use hive_router::{
    configure_global_allocator, error::RouterInitError, init_rustls_crypto_provider, ntex, router_entrypoint,
    PluginRegistry, RouterGlobalAllocator,
};

configure_global_allocator!();

#[hive_router::main]
async fn main() -> Result<(), RouterInitError> {
    init_rustls_crypto_provider();
    router_entrypoint(PluginRegistry::new().register::<limits_plugin::LimitsPlugin>()).await
}
