//! The web explorer: an axum server with the JSON API of `api` and the page embedded in the
//! binary (static files only from that set; nothing fetched at run time).

mod api;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use kg::graph::compact::{CompactGraph, EdgeFilter};
use kg::model::columns::GraphData;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What `kg serve` was asked for, checked.
pub struct Config {
    /// The store.
    pub db: PathBuf,
    /// Address to listen on.
    pub host: IpAddr,
    /// Port (0: any free one).
    pub port: u16,
    /// Whether the edit endpoints answer.
    pub allow_edits: bool,
}

/// Largest request body the server reads (edits are a few names).
const MAX_BODY: usize = 16 * 1024;
/// Read connections kept open between requests.
const READERS_KEPT: usize = 4;
/// Compact graphs kept for recent filter combinations.
const GRAPHS_KEPT: usize = 8;

/// Shared by every request.
pub struct App {
    db: PathBuf,
    /// The per-run secret edits must carry in `X-KG-Token`; `None` when edits are off.
    token: Option<String>,
    /// Answer only requests addressed to a loopback name (see `check_host`).
    loopback_only: bool,
    graphs: Mutex<GraphCache>,
    /// Open read connections, reused across requests.
    readers: Mutex<Vec<kg::store::Store>>,
}

/// Sizes and modification times of the store and its write-ahead log: any commit changes one
/// of them, so while they stay the same the (costlier) fingerprint need not be read again.
type Stamp = Vec<Option<(std::time::SystemTime, u64)>>;

fn stamp(db: &std::path::Path) -> Stamp {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    [db.to_path_buf(), PathBuf::from(wal)]
        .iter()
        .map(|p| {
            std::fs::metadata(p)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())))
        })
        .collect()
}

/// The store's graph as of its fingerprint, and compact graphs built from it per filter.
#[derive(Default)]
struct GraphCache {
    /// The files' stamp when `fingerprint` was last known to be current.
    stamp: Option<Stamp>,
    fingerprint: Option<[u8; 32]>,
    /// The unfiltered graph's shape, for `/api/stats`.
    shape: Option<kg::graph::query::Shape>,
    /// The `/api/stats` answer: its counts take tens of ms on a big store, and the page asks
    /// for it first.
    stats: Option<serde_json::Value>,
    /// Every entity's PageRank in the unfiltered graph (what `kg rank --by pagerank` ranks).
    pagerank: Option<Arc<HashMap<kg::model::EntityId, f64>>>,
    data: Option<Arc<GraphData>>,
    compact: HashMap<String, Arc<CompactGraph>>,
}

impl App {
    /// State for serving `db`; edits only with a token.
    pub fn new(db: PathBuf, allow_edits: bool) -> App {
        App {
            db,
            token: allow_edits.then(new_token),
            loopback_only: true,
            graphs: Mutex::new(GraphCache::default()),
            readers: Mutex::new(Vec::new()),
        }
    }

    /// Also answers requests addressed to other host names (when listening beyond loopback).
    pub fn any_host(mut self) -> App {
        self.loopback_only = false;
        self
    }

    /// The edit token, when edits are allowed.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// The compact graph of `store` under `filter`. Rebuilt when the store's fingerprint
    /// changed (a `kg build` or an edit since), so the server follows the store live.
    fn graph(
        &self,
        store: &kg::store::Store,
        filter: &EdgeFilter,
    ) -> kg::Result<Arc<CompactGraph>> {
        // Taken before the fingerprint is read: a commit in between only costs a re-read.
        let now = stamp(&self.db);
        let known = {
            let cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
            cache
                .fingerprint
                .filter(|_| cache.stamp.as_ref() == Some(&now))
        };
        let fingerprint = match known {
            Some(f) => f,
            None => store.fingerprint()?,
        };
        let key = format!("{filter:?}");
        let data = {
            let mut cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
            if cache.fingerprint != Some(fingerprint) {
                *cache = GraphCache::default();
            }
            if let Some(g) = cache.compact.get(&key) {
                let g = g.clone();
                cache.stamp = Some(now);
                return Ok(g);
            }
            cache.data.clone()
        };
        let data = match data {
            Some(d) => d,
            None => Arc::new(kg::graph::cache::load(store)?.0),
        };
        let graph = Arc::new(CompactGraph::build(&data, filter));
        let mut cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
        if cache.fingerprint != Some(fingerprint) {
            *cache = GraphCache {
                fingerprint: Some(fingerprint),
                data: Some(data),
                ..GraphCache::default()
            };
        }
        cache.stamp = Some(now);
        if cache.compact.len() >= GRAPHS_KEPT {
            cache.compact.clear();
        }
        cache.compact.insert(key, graph.clone());
        Ok(graph)
    }

    /// The shape of the unfiltered graph, computed once per version of the store.
    fn shape(&self, store: &kg::store::Store) -> kg::Result<kg::graph::query::Shape> {
        let graph = self.graph(store, &EdgeFilter::default())?;
        let mut cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(s) = &cache.shape {
            return Ok(s.clone());
        }
        let shape = kg::graph::query::shape(&graph);
        cache.shape = Some(shape.clone());
        Ok(shape)
    }

    /// Every entity's PageRank in the unfiltered graph, computed once per version of the
    /// store by the function `kg rank --by pagerank` uses.
    fn pagerank(
        &self,
        store: &kg::store::Store,
    ) -> kg::Result<Arc<HashMap<kg::model::EntityId, f64>>> {
        // Brings the cache up to the store's fingerprint (which drops older scores).
        let graph = self.graph(store, &EdgeFilter::default())?;
        let version = {
            let cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(r) = &cache.pagerank {
                return Ok(r.clone());
            }
            cache.fingerprint
        };
        let scores = kg::graph::query::scores(
            &graph,
            kg::graph::query::Measure::Pagerank,
            None,
            0,
            &mut |_, _| {},
        );
        let ranks: Arc<HashMap<_, _>> = Arc::new(
            scores
                .into_iter()
                .enumerate()
                .map(|(node, score)| (graph.id_of(node as u32), score))
                .collect(),
        );
        let mut cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
        // Kept only if no newer version of the store came in meanwhile.
        if cache.fingerprint == version {
            cache.pagerank = Some(ranks.clone());
        }
        Ok(ranks)
    }

    /// The `/api/stats` answer, made by `make` once per version of the store.
    fn stats(
        &self,
        store: &kg::store::Store,
        make: impl FnOnce(kg::graph::query::Shape) -> kg::Result<serde_json::Value>,
    ) -> kg::Result<serde_json::Value> {
        // Brings the cache up to the store's fingerprint (which drops an older answer).
        let shape = self.shape(store)?;
        let version = {
            let cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(s) = &cache.stats {
                return Ok(s.clone());
            }
            cache.fingerprint
        };
        let answer = make(shape)?;
        let mut cache = self.graphs.lock().unwrap_or_else(|p| p.into_inner());
        // Kept only if no newer version of the store came in meanwhile.
        if cache.fingerprint == version {
            cache.stats = Some(answer.clone());
        }
        Ok(answer)
    }

    /// A read connection from the pool, or a new one.
    fn reader(&self) -> kg::Result<kg::store::Store> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        match pooled {
            Some(s) => Ok(s),
            None => kg::store::Store::open_read(&self.db),
        }
    }

    /// Gives a read connection back (each statement still sees the latest commit: WAL).
    fn give_back(&self, store: kg::store::Store) {
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < READERS_KEPT {
            pool.push(store);
        }
    }
}

/// 128 bits from the standard library's randomly seeded hasher keys (seeded by the OS): enough
/// that no other page can guess the token, without another dependency.
fn new_token() -> String {
    let word = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        h.finish()
    };
    format!("{:016x}{:016x}", word(1), word(2))
}

/// The whole application: API routes, the page and its assets.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/assets/{*name}", get(asset))
        .route("/api/search", get(api::search))
        .route("/api/entity/{id}", get(api::entity))
        .route("/api/neighbors", get(api::neighbors))
        .route("/api/path", get(api::path))
        .route("/api/relations", get(api::relations))
        .route("/api/documents", get(api::documents))
        .route("/api/document", get(api::document))
        .route("/api/stats", get(api::stats))
        .route("/api/curations", get(api::curations))
        .route("/api/export", get(api::export))
        .route("/api/merge", post(api::merge))
        .route("/api/alias", post(api::alias))
        .route("/api/split", post(api::split))
        .route("/api/undo", post(api::undo))
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            check_host,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(app)
}

/// Listens, calls `ready` with the URL, and serves until Ctrl-C.
pub fn run(config: Config, ready: impl FnOnce(&str) -> anyhow::Result<()>) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let addr = SocketAddr::new(config.host, config.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        // Catch Ctrl-C before saying we are ready, so an early one still stops cleanly.
        #[cfg(unix)]
        let mut interrupt =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        let local = listener.local_addr()?;
        let host = match local.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        ready(&format!("http://{host}:{}/", local.port()))?;
        let mut app = App::new(config.db, config.allow_edits);
        if !config.host.is_loopback() {
            app = app.any_host();
        }
        let app = Arc::new(app);
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async move {
                #[cfg(unix)]
                interrupt.recv().await;
                // An error here means no signal handler: then serve until killed.
                #[cfg(not(unix))]
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await?;
        anyhow::Ok(())
    })
}

/// The page, with the edit token (hex, so safe in an attribute) when edits are on.
async fn index(State(app): State<Arc<App>>) -> Response {
    let page = INDEX.replace("{{TOKEN}}", app.token().unwrap_or(""));
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

const INDEX: &str = include_str!("assets/index.html");

/// Every file the page may load: (name, content type, bytes).
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("assets/app.css"),
    ),
    (
        "vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("assets/vendor/cytoscape.min.js"),
    ),
    (
        "vendor/cytoscape.LICENSE",
        "text/plain; charset=utf-8",
        include_bytes!("assets/vendor/cytoscape.LICENSE"),
    ),
];

/// An embedded file by name; anything else is 404 (no path ever reaches the file system).
async fn asset(UrlPath(name): UrlPath<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, bytes)) => (
            [
                (header::CONTENT_TYPE, *kind),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            Body::from(*bytes),
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

/// Refuses requests whose `Host` is not a loopback name while listening on loopback: a page
/// on another site that re-points its own host name at 127.0.0.1 (DNS rebinding) would
/// otherwise be same-origin with the explorer and could read the store and the edit token.
async fn check_host(
    State(app): State<Arc<App>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if app.loopback_only {
        if let Some(host) = request.headers().get(header::HOST) {
            let name = host.to_str().unwrap_or("");
            // Strip the port: "[::1]:8321" → "[::1]", "localhost:8321" → "localhost".
            let name = match name.rfind(':') {
                Some(i) if !name[i..].contains(']') => &name[..i],
                _ => name,
            };
            let ok = matches!(name, "localhost" | "[::1]")
                || name
                    .parse::<std::net::Ipv4Addr>()
                    .is_ok_and(|ip| ip.is_loopback());
            if !ok {
                return (
                    StatusCode::MISDIRECTED_REQUEST,
                    "kg serve answers only requests to localhost or 127.0.0.1",
                )
                    .into_response();
            }
        }
    }
    next.run(request).await
}

/// A strict content policy: scripts only from this server, no inline script, no framing.
async fn security_headers(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

#[cfg(test)]
mod tests;
