//! `oms-emulator`: serves the OMS API on 127.0.0.1 until killed. `--help` lists the flags.

use std::io::Write;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match oms_emulator::Config::from_sources(&args, |k| std::env::var(k).ok()) {
        Ok(Some(c)) => c,
        Ok(None) => {
            println!("{}", oms_emulator::config::HELP);
            return;
        }
        Err(e) => {
            eprintln!("oms-emulator: {e}");
            std::process::exit(2);
        }
    };
    let emu = match oms_emulator::Emulator::start(config).await {
        Ok(e) => e,
        Err(e) => {
            eprintln!("oms-emulator: cannot start: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout();
    let _ = writeln!(out, "OMS emulator listening on {}", emu.base_url());
    let _ = writeln!(
        out,
        "API key: {}  API secret: {}  controls: {}",
        emu.api_key(),
        emu.api_secret(),
        emu.control_url()
    );
    let _ = writeln!(
        out,
        "Inspector (customers, cash-ins, transactions, webhook deliveries, sandbox actions): {}",
        emu.ui_url()
    );
    let _ = writeln!(out, "{}", emu.info_json());
    let _ = out.flush();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = std::future::pending::<()>() => {}
    }
    emu.shutdown().await;
}
