//! Runs tests/get_started.sh (curl) against the built `oms-emulator` binary.

#[test]
fn get_started_curl_sequence() {
    if std::process::Command::new("curl")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("curl not installed: skipping the get-started script");
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/get_started.sh");
    let out = std::process::Command::new("bash")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_oms-emulator"))
        .output()
        .expect("run bash");
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "get_started.sh failed");
    assert!(text.contains("5 passed, 0 failed"));
}
