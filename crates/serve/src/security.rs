//! What every request must pass before it reaches a page or the API: a `Host` that is
//! the loopback address and our port (against DNS rebinding), the token (in the URL
//! once, then an HttpOnly, SameSite=Strict cookie), and for a request that changes
//! anything, an `Origin` that is our own. Every response forbids framing, sniffing,
//! caching, referrers and any script or style not served by us.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;

/// 32 random hex digits from the operating system's generator.
pub fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot make a random token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The cookie's name: one per port, as cookies do not tell ports apart.
pub fn cookie_name(port: u16) -> String {
    format!("yaku_token_{port}")
}

/// Whether `host` (a `Host` header) names the loopback address and `port`.
pub fn host_allowed(host: &str, port: u16) -> bool {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
    .iter()
    .any(|allowed| allowed.eq_ignore_ascii_case(host))
}

/// Compares without stopping at the first difference.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of cookie `name` in the request's `Cookie` headers.
fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then_some(value)
        })
}

/// The token given in the query string, and the query without it.
fn token_in_query(query: &str) -> (Option<&str>, String) {
    let mut token = None;
    let mut rest = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.strip_prefix("token=") {
            Some(value) => token = Some(value),
            None => rest.push(pair),
        }
    }
    (token, rest.join("&"))
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{message}\n"),
    )
        .into_response()
}

/// The middleware: refuses what must be refused, exchanges the token for the cookie.
pub async fn guard(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !host_allowed(host, state.port) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "yaku serve answers only requests to 127.0.0.1, localhost or [::1] and its own port",
        );
    }
    let host = host.to_string();
    let query = request.uri().query().unwrap_or("");
    let (given, rest) = token_in_query(query);
    if let Some(given) = given {
        if !same_secret(given, &state.token) {
            return refuse(
                StatusCode::UNAUTHORIZED,
                "wrong token: open the address `yaku serve` printed",
            );
        }
        // The token leaves the address bar (and the history) at once.
        let path = request.uri().path();
        let location = if rest.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{rest}")
        };
        let cookie = format!(
            "{}={}; HttpOnly; SameSite=Strict; Path=/",
            cookie_name(state.port),
            state.token
        );
        let mut response = StatusCode::SEE_OTHER.into_response();
        let headers = response.headers_mut();
        if let (Ok(location), Ok(cookie)) = (
            HeaderValue::from_str(&location),
            HeaderValue::from_str(&cookie),
        ) {
            headers.insert(header::LOCATION, location);
            headers.insert(header::SET_COOKIE, cookie);
        }
        secure_headers(headers);
        return response;
    }
    let authorized = cookie(headers, &cookie_name(state.port))
        .is_some_and(|value| same_secret(value, &state.token));
    if !authorized {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "not signed in: open the address `yaku serve` printed (it holds the token)",
        );
    }
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD);
    if changes_state {
        let origin = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok());
        if origin != Some(format!("http://{host}").as_str()) {
            return refuse(
                StatusCode::FORBIDDEN,
                "a request that changes files must come from the workspace's own pages (Origin)",
            );
        }
    }
    let mut response = next.run(request).await;
    secure_headers(response.headers_mut());
    response
}

/// The headers every response carries.
fn secure_headers(headers: &mut HeaderMap) {
    let set = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_loopback_address_and_our_port_are_hosts() {
        assert!(host_allowed("127.0.0.1:8080", 8080));
        assert!(host_allowed("localhost:8080", 8080));
        assert!(host_allowed("[::1]:8080", 8080));
        assert!(!host_allowed("127.0.0.1:8081", 8080));
        assert!(!host_allowed("evil.example:8080", 8080));
        assert!(!host_allowed("127.0.0.1", 8080));
        assert!(!host_allowed("", 8080));
    }

    #[test]
    fn the_token_is_taken_out_of_the_query() {
        assert_eq!(
            token_in_query("token=abc&lang=ja"),
            (Some("abc"), "lang=ja".to_string())
        );
        assert_eq!(token_in_query("a=1"), (None, "a=1".to_string()));
        assert!(same_secret("abc", "abc") && !same_secret("abc", "abd") && !same_secret("a", "ab"));
        let token = random_token().unwrap();
        assert_eq!(token.len(), 32);
        assert_ne!(token, random_token().unwrap());
    }
}
