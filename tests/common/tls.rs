//! A local https server whose certificate is wrong on purpose (expired, self-signed, or for
//! another host name), made in the test with rcgen and served with rustls on 127.0.0.1. It
//! counts the handshakes it was offered and the requests that got through them: a client that
//! refuses the certificate sends none.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, date_time_ymd};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// What is wrong with the server's certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrong {
    /// Issued by the test CA for 127.0.0.1 and localhost, valid in 2000 only.
    Expired,
    /// For 127.0.0.1 and localhost, issued by itself.
    SelfSigned,
    /// Issued by the test CA, valid now, for `forwarder.example` only.
    OtherName,
}

/// A running server; dropping it stops it.
pub struct TlsServer {
    port: u16,
    /// The test CA's certificate (PEM), for a client told to trust it (`SSL_CERT_FILE`).
    pub ca_pem: String,
    handshakes: Arc<AtomicUsize>,
    requests: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl TlsServer {
    /// Starts a server on a free loopback port with a certificate that is `wrong`.
    pub fn start(wrong: Wrong) -> Self {
        let (chain, key, ca_pem) = certificate(wrong);
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let config = rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("protocols")
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .expect("certificate");
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let handshakes = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (counted, answered, stopping) = (handshakes.clone(), requests.clone(), stop.clone());
        std::thread::spawn(move || {
            for tcp in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut tcp) = tcp else { continue };
                counted.fetch_add(1, Ordering::SeqCst);
                tcp.set_read_timeout(Some(Duration::from_secs(5))).ok();
                let Ok(mut tls) = rustls::ServerConnection::new(config.clone()) else {
                    continue;
                };
                let mut stream = rustls::Stream::new(&mut tls, &mut tcp);
                let mut request = [0_u8; 4096];
                // The handshake happens on the first read; a refused certificate ends it here.
                if matches!(stream.read(&mut request), Ok(n) if n > 0) {
                    answered.fetch_add(1, Ordering::SeqCst);
                    let answer =
                        "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}";
                    stream.write_all(answer.as_bytes()).ok();
                }
            }
        });
        Self {
            port,
            ca_pem,
            handshakes,
            requests,
            stop,
        }
    }

    /// `https://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// How many connections were opened to it.
    pub fn connections(&self) -> usize {
        self.handshakes.load(Ordering::SeqCst)
    }

    /// How many requests got through the handshake.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        std::net::TcpStream::connect(("127.0.0.1", self.port)).ok();
    }
}

/// The server's chain and key for `wrong`, and the test CA's certificate.
fn certificate(wrong: Wrong) -> (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>, String) {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "shipdesk test CA");
    let ca_key = KeyPair::generate().expect("CA key");
    let ca_cert = ca_params.self_signed(&ca_key).expect("CA");
    let ca = Issuer::new(ca_params, ca_key);

    let names = match wrong {
        Wrong::OtherName => vec!["forwarder.example".to_owned()],
        Wrong::Expired | Wrong::SelfSigned => vec!["127.0.0.1".to_owned(), "localhost".to_owned()],
    };
    let mut params = CertificateParams::new(names).expect("params");
    params
        .distinguished_name
        .push(DnType::CommonName, "shipdesk test server");
    if wrong == Wrong::Expired {
        params.not_before = date_time_ymd(2000, 1, 1);
        params.not_after = date_time_ymd(2001, 1, 1);
    }
    let key = KeyPair::generate().expect("key");
    let cert = match wrong {
        Wrong::SelfSigned => params.self_signed(&key),
        Wrong::Expired | Wrong::OtherName => params.signed_by(&key, &ca),
    }
    .expect("certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (vec![cert.der().clone()], key, ca_cert.pem())
}
