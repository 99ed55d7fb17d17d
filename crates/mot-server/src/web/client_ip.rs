//! The address a request came from, for the limits that count by address
//! (sign-in attempts, customers' answers). Behind a reverse proxy every
//! connection comes from the proxy: when its address is among
//! [`Settings::trusted_proxies`](crate::Settings::trusted_proxies), the
//! client is the last address of `X-Forwarded-For` that is not itself a
//! trusted proxy. A client cannot choose it: what it wrote into the header
//! stands left of what the proxies appended, and without a trusted proxy
//! the header is ignored.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// The request's client address (see the module's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        Ok(ClientIp(client_ip(
            peer,
            &parts.headers,
            &state.settings.trusted_proxies,
        )))
    }
}

/// The client of a connection from `peer`: `peer` itself, unless it is a
/// trusted proxy; then, reading `X-Forwarded-For` from its end, the first
/// address that is not a trusted proxy (a header that names none, or
/// cannot be read, leaves the last trusted address).
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let trusted_one = |ip: &IpAddr| trusted.contains(&canonical(*ip));
    if !trusted_one(&peer) {
        return peer;
    }
    let mut client = peer;
    // Every X-Forwarded-For header, in order, as one list.
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.iter().rev() {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if trusted_one(&ip) => client = ip,
            Ok(ip) => return canonical(ip),
            // Not an address: nothing left of it can be believed.
            Err(_) => return client,
        }
    }
    client
}

/// An IPv4 address written as IPv6 (`::ffff:a.b.c.d`) is the IPv4 one.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Reads a list of proxy addresses, separated by commas or spaces.
pub fn parse_trusted(list: &str) -> Result<Vec<IpAddr>, String> {
    list.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<IpAddr>()
                .map(canonical)
                .map_err(|_| format!("not an IP address: {s:?}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn with(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn without_a_trusted_proxy_the_header_is_ignored() {
        let h = with(&["203.0.113.9"]);
        assert_eq!(client_ip(ip("198.51.100.7"), &h, &[]), ip("198.51.100.7"));
        assert_eq!(
            client_ip(ip("198.51.100.7"), &h, &[ip("127.0.0.1")]),
            ip("198.51.100.7"),
            "a client that is no proxy may not name another"
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_client_is_the_last_untrusted_hop() {
        let proxies = [ip("127.0.0.1"), ip("10.0.0.2")];
        let peer = ip("127.0.0.1");
        assert_eq!(
            client_ip(peer, &with(&["203.0.113.9"]), &proxies),
            ip("203.0.113.9")
        );
        // What the client wrote itself stands left of what the proxies appended.
        let h = with(&["1.2.3.4, 203.0.113.9, 10.0.0.2"]);
        assert_eq!(client_ip(peer, &h, &proxies), ip("203.0.113.9"));
        // Two headers are one list.
        let h = with(&["1.2.3.4", "203.0.113.9"]);
        assert_eq!(client_ip(peer, &h, &proxies), ip("203.0.113.9"));
        // IPv6, and IPv4 written as IPv6.
        assert_eq!(
            client_ip(peer, &with(&["2001:db8::5"]), &proxies),
            ip("2001:db8::5")
        );
        assert_eq!(
            client_ip(
                ip("::ffff:127.0.0.1"),
                &with(&["::ffff:203.0.113.9"]),
                &proxies
            ),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_header_that_names_no_client_leaves_the_proxy() {
        let proxies = [ip("127.0.0.1")];
        let peer = ip("127.0.0.1");
        assert_eq!(client_ip(peer, &HeaderMap::new(), &proxies), peer);
        assert_eq!(client_ip(peer, &with(&["127.0.0.1"]), &proxies), peer);
        assert_eq!(
            client_ip(peer, &with(&["203.0.113.9, garbage"]), &proxies),
            peer,
            "an unreadable hop: nothing left of it is believed"
        );
        assert_eq!(
            client_ip(peer, &with(&["garbage, 203.0.113.9"]), &proxies),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn the_list_of_proxies_is_read_or_refused() {
        assert_eq!(
            parse_trusted("127.0.0.1, ::1 10.0.0.2").unwrap(),
            [ip("127.0.0.1"), ip("::1"), ip("10.0.0.2")]
        );
        assert_eq!(parse_trusted("").unwrap(), Vec::<IpAddr>::new());
        assert!(
            parse_trusted("10.0.0.0/8").is_err(),
            "a single address each"
        );
    }
}
