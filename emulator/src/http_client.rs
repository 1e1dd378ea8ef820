//! A minimal HTTP/1.1 client over `tokio::net::TcpStream`: enough for webhook deliveries to local
//! receivers, the integration tests and the load check (keep-alive connections, `Content-Length`
//! and chunked bodies). Plain `http://` only.

use std::io;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Largest response body read (webhook receivers answer with small bodies).
pub const MAX_RESPONSE: usize = 16 << 20;

/// A response.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    /// Header names lowercase.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A header value (name case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// `http://host:port/path?query` → (host, port, path-and-query).
pub fn split_url(url: &str) -> io::Result<(String, u16, String)> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            "only http:// urls are supported",
        )
    })?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "bad port"))?,
        ),
        None => (authority, 80),
    };
    Ok((
        host.trim_matches(['[', ']']).to_owned(),
        port,
        path.to_owned(),
    ))
}

/// One keep-alive connection.
pub struct Conn {
    stream: BufReader<TcpStream>,
    host: String,
}

impl Conn {
    /// Connects to `host:port`.
    ///
    /// # Errors
    /// Connection errors.
    pub async fn connect(host: &str, port: u16) -> io::Result<Conn> {
        let s = TcpStream::connect((host, port)).await?;
        s.set_nodelay(true)?;
        Ok(Conn {
            stream: BufReader::new(s),
            host: format!("{host}:{port}"),
        })
    }

    /// Connects to an already resolved (and checked) address; `host` is the `Host` header value.
    ///
    /// # Errors
    /// Connection errors.
    pub async fn connect_addr(addr: std::net::SocketAddr, host: &str) -> io::Result<Conn> {
        let s = TcpStream::connect(addr).await?;
        s.set_nodelay(true)?;
        Ok(Conn {
            stream: BufReader::new(s),
            host: host.to_owned(),
        })
    }

    /// Sends a request and reads the response. `path` includes the query.
    ///
    /// # Errors
    /// I/O errors, or `UnexpectedEof` when the server closed the connection without answering.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(String, String)],
        body: Option<&[u8]>,
    ) -> io::Result<Response> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nhost: {}\r\n", self.host);
        for (k, v) in headers {
            if k.eq_ignore_ascii_case("host") || k.eq_ignore_ascii_case("content-length") {
                continue;
            }
            head.push_str(k);
            head.push_str(": ");
            head.push_str(v);
            head.push_str("\r\n");
        }
        let body = body.unwrap_or(&[]);
        if !body.is_empty() || matches!(method, "POST" | "PUT" | "PATCH") {
            head.push_str(&format!("content-length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut buf = head.into_bytes();
        buf.extend_from_slice(body);
        self.stream.get_mut().write_all(&buf).await?;
        read_response(&mut self.stream, method == "HEAD").await
    }
}

async fn read_line(r: &mut BufReader<TcpStream>) -> io::Result<String> {
    let mut line = String::new();
    let n = r.read_line(&mut line).await?;
    if n == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed without a response",
        ));
    }
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn read_response(r: &mut BufReader<TcpStream>, head_only: bool) -> io::Result<Response> {
    let status_line = read_line(r).await?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "bad status line"))?;
    let mut headers = Vec::new();
    loop {
        let line = read_line(r).await?;
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    let mut body = Vec::new();
    if head_only || status == 204 || status == 304 || (100..200).contains(&status) {
    } else if get("transfer-encoding").is_some_and(|v| v.to_ascii_lowercase().contains("chunked")) {
        loop {
            let size_line = read_line(r).await?;
            let size = usize::from_str_radix(size_line.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "bad chunk size"))?;
            if size == 0 {
                // trailers
                while !read_line(r).await?.is_empty() {}
                break;
            }
            let start = body.len();
            if start + size > MAX_RESPONSE {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "response body too large",
                ));
            }
            body.resize(start + size, 0);
            r.read_exact(&mut body[start..]).await?;
            read_line(r).await?;
        }
    } else if let Some(len) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        if len > MAX_RESPONSE {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "response body too large",
            ));
        }
        body.resize(len, 0);
        r.read_exact(&mut body).await?;
    } else {
        r.take(MAX_RESPONSE as u64).read_to_end(&mut body).await?;
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

/// One request on a fresh connection, with a timeout.
///
/// # Errors
/// Bad URL, connection errors, `TimedOut`.
pub async fn request(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&[u8]>,
    timeout: Duration,
) -> io::Result<Response> {
    let (host, port, path) = split_url(url)?;
    let fut = async {
        let mut c = Conn::connect(&host, port).await?;
        let mut h = headers.to_vec();
        h.push(("connection".into(), "close".into()));
        c.send(method, &path, &h, body).await
    };
    tokio::time::timeout(timeout, fut)
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "request timed out"))?
}

/// Result of [`load_check`].
#[derive(Clone, Debug)]
pub struct LoadReport {
    /// Successful requests.
    pub requests: u64,
    /// Non-200 answers or I/O errors.
    pub errors: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl LoadReport {
    /// Requests per second.
    pub fn rps(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Gets a token, creates a customer, then runs `connections` keep-alive loops of
/// `GET /customers/{id}` with the bearer token for at most `duration` / `max_requests`.
///
/// # Errors
/// When the set-up requests fail.
pub async fn load_check(
    base_url: &str,
    api_key: &str,
    api_secret: &str,
    connections: usize,
    duration: Duration,
    max_requests: u64,
) -> io::Result<LoadReport> {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    let err = |m: String| io::Error::other(m);
    let t = Duration::from_secs(10);
    let tok = request(
        "POST",
        &format!("{base_url}/auth/token"),
        &[("content-type".into(), "application/json".into())],
        Some(
            serde_json::json!({"apiKey": api_key, "apiSecret": api_secret})
                .to_string()
                .as_bytes(),
        ),
        t,
    )
    .await?;
    let token = tok.json()["accessToken"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| err(format!("token: {}", tok.status)))?;
    let auth = ("authorization".to_owned(), format!("Bearer {token}"));
    let c = request(
        "POST",
        &format!("{base_url}/customers"),
        &[
            auth.clone(),
            ("content-type".into(), "application/json".into()),
            (
                "idempotency-key".into(),
                format!("load-{}", crate::clock::real_now_ms()),
            ),
        ],
        Some(br#"{"type":"individual","firstName":"Load","lastName":"Test"}"#),
        t,
    )
    .await?;
    let id = c.json()["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| err(format!("customer: {}", c.status)))?;
    let (host, port, base_path) = split_url(base_url)?;
    let path = format!("{}/customers/{id}", base_path.trim_end_matches('/'));
    let count = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let start = std::time::Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::new();
    for _ in 0..connections.max(1) {
        let (host, path, auth, count, errors) = (
            host.clone(),
            path.clone(),
            auth.clone(),
            count.clone(),
            errors.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let headers = vec![auth];
            let mut conn = match Conn::connect(&host, port).await {
                Ok(c) => c,
                Err(_) => {
                    errors.fetch_add(1, Ordering::Relaxed);
                    return;
                }
            };
            while std::time::Instant::now() < deadline
                && count.load(Ordering::Relaxed) < max_requests
            {
                match conn.send("GET", &path, &headers, None).await {
                    Ok(r) if r.status == 200 => {
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    Err(_) => {
                        errors.fetch_add(1, Ordering::Relaxed);
                        match Conn::connect(&host, port).await {
                            Ok(c) => conn = c,
                            Err(_) => return,
                        }
                    }
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    Ok(LoadReport {
        requests: count.load(Ordering::Relaxed),
        errors: errors.load(Ordering::Relaxed),
        elapsed: start.elapsed(),
    })
}
