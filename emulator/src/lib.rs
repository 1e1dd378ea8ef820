//! # oms-emulator
//!
//! A local, in-memory emulator of the Open Money Stack (OMS) payments API, served on 127.0.0.1 by
//! axum/hyper: a local tool that answers only loopback `Host` values. It shares the `oms-wasm` wire model (responses are written with
//! its model types), validates customers with its validators, and signs webhooks per Standard
//! Webhooks with the hex-decoded `whsec_` key.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let emu = oms_emulator::Emulator::start(oms_emulator::Config::default()).await?;
//! println!("{}", emu.base_url()); // http://127.0.0.1:PORT/v0.9
//! emu.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! Modules, from the top: [`server`] (accept loop, the request pipeline: host guard, log,
//! faults, auth, idempotency) and `handlers` (the axum glue, one module per resource, and the
//! `/_emulator` controls) call [`domain`] (every state transition, rule and rendering, one
//! module per resource); [`webhooks`] (the scheduler and the HTTP side of deliveries) calls the
//! domain too. Below them: [`app`] (the shared handle), [`state`] (the in-memory store),
//! [`errors`] (every error response), [`assumptions`] (every undocumented behaviour),
//! [`config`] (flags, env), [`netguard`] (the `Host` guard and the webhook address checks),
//! [`list`] (queries, pagination), [`http_client`] (a minimal HTTP/1.1 client for deliveries,
//! tests and the load check). The inspector page (`/_emulator/ui`) is plain HTML/JS/CSS embedded
//! in the binary. No module imports one above it.

#![forbid(unsafe_code)]

pub mod app;
pub mod assumptions;
pub mod clock;
pub mod config;
pub mod domain;
pub mod errors;
pub mod evm;
pub mod faults;
mod handlers;
pub mod http_client;
pub mod ids;
pub mod list;
pub mod money;
pub mod netguard;
pub mod server;
pub mod state;
pub mod webhooks;

pub use app::{App, Inner};
pub use config::Config;

use std::net::SocketAddr;
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Mutex};
use tokio::sync::{watch, Notify};

/// A running emulator.
pub struct Emulator {
    app: App,
    stop: watch::Sender<bool>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Emulator {
    /// Binds 127.0.0.1:`config.port` (0 = any free port), loads the seed data and starts serving.
    ///
    /// # Errors
    /// When the port cannot be bound, or the seed data is invalid (`InvalidData`).
    pub async fn start(config: Config) -> std::io::Result<Emulator> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", config.port)).await?;
        let addr = listener.local_addr()?;
        let app: App = Arc::new(Inner {
            clock: clock::Clock::new(config.start_time_ms),
            state: Mutex::new(state::State::new(&config)),
            wake: Notify::new(),
            addr,
            next_review: AtomicI64::new(i64::MAX),
            config,
        });
        if let Some(seed) = app.config.seed_data.clone() {
            domain::seed::load(&app, &seed).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("seed data: {e}"))
            })?;
        }
        let (stop, stop_rx) = watch::channel(false);
        let serve = tokio::spawn(server::serve(app.clone(), listener, stop_rx.clone()));
        let sched = tokio::spawn(webhooks::scheduler(app.clone(), stop_rx));
        Ok(Emulator {
            app,
            stop,
            tasks: vec![serve, sched],
        })
    }

    /// `http://127.0.0.1:PORT` + the version prefix, e.g. `http://127.0.0.1:41234/v0.9`.
    pub fn base_url(&self) -> String {
        format!("{}{}", self.origin(), self.app.config.prefix)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.app.addr)
    }

    /// The test controls' root: `http://127.0.0.1:PORT/_emulator`.
    pub fn control_url(&self) -> String {
        format!("{}/_emulator", self.origin())
    }

    /// The inspector page: `http://127.0.0.1:PORT/_emulator/ui`.
    pub fn ui_url(&self) -> String {
        format!("{}/_emulator/ui", self.origin())
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.app.addr
    }

    /// The first configured API key.
    pub fn api_key(&self) -> &str {
        &self.app.config.api_keys[0].0
    }

    /// The first configured API secret.
    pub fn api_secret(&self) -> &str {
        &self.app.config.api_keys[0].1
    }

    /// The shared state (for Rust tests that want to look inside).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// The machine-readable start-up line:
    /// `{"baseUrl","controlUrl","uiUrl","apiKey","apiSecret","port"}`.
    pub fn info_json(&self) -> serde_json::Value {
        serde_json::json!({
            "baseUrl": self.base_url(),
            "controlUrl": self.control_url(),
            "uiUrl": self.ui_url(),
            "apiKey": self.api_key(),
            "apiSecret": self.api_secret(),
            "port": self.app.addr.port(),
        })
    }

    /// Stops accepting connections and stops the scheduler; waits for both.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        for t in self.tasks {
            let _ = t.await;
        }
    }

    /// Resolves when the emulator stops (for the binary: runs until killed).
    pub async fn wait(self) {
        for t in self.tasks {
            let _ = t.await;
        }
    }
}
