//! The JSON API under `/api/`: query parameters checked into the CLI's filter types, then the
//! same library calls as `kg neighbors`, `kg path`, `kg relations`, `kg show`, `kg stats` and
//! the curation commands. Bad parameters are 400, unknown entities 404, nothing panics.

use super::App;
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kg::graph::compact::Walk;
use kg::graph::query::{
    describe_path, find_paths, neighborhood, FilterSpec, Filters, GraphPath, Neighbor,
    NeighborOptions, Neighborhood, PathMode,
};
use kg::model::{EntityId, EntityRecord};
use kg::store::{Fact, RelationQuery, Store};
use serde::Deserialize;
use serde_json::{json, Value};
use std::str::FromStr;
use std::sync::Arc;

/// Most entities one neighbourhood answer lists.
const MAX_NODES: usize = 5000;
/// Most relations one listing returns.
const MAX_FACTS: usize = 5000;
/// Most paths one path answer returns.
const MAX_PATHS: usize = 100;
/// Deepest neighbourhood asked for.
const MAX_DEPTH: usize = 6;

/// An API failure, as a status and a JSON `{"error": ..., "suggestions": [...]}`.
#[derive(Debug)]
pub enum ApiError {
    /// The request is wrong (400).
    BadRequest(String),
    /// No such entity or route (404), with names the user may have meant.
    NotFound(String, Vec<String>),
    /// The request body is over the limit (413).
    TooLarge(String),
    /// Edits are off or the token is wrong (403).
    Forbidden(String),
    /// The store failed (500).
    Internal(String),
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message, suggestions) = match self {
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m, Vec::new()),
            ApiError::NotFound(m, s) => (StatusCode::NOT_FOUND, m, s),
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, m, Vec::new()),
            ApiError::TooLarge(m) => (StatusCode::PAYLOAD_TOO_LARGE, m, Vec::new()),
            ApiError::Internal(m) => (StatusCode::INTERNAL_SERVER_ERROR, m, Vec::new()),
        };
        (
            status,
            Json(json!({"error": message, "suggestions": suggestions})),
        )
            .into_response()
    }
}

impl From<kg::Error> for ApiError {
    fn from(e: kg::Error) -> ApiError {
        let message = e.to_string();
        match e {
            kg::Error::UnknownEntity { candidates, .. } => ApiError::NotFound(message, candidates),
            kg::Error::AmbiguousEntity { .. } => ApiError::BadRequest(message),
            _ => ApiError::Internal(message),
        }
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        match e.downcast::<kg::Error>() {
            Ok(k) => k.into(),
            Err(e) => ApiError::Internal(format!("{e:#}")),
        }
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// Runs `f` on a blocking thread with its own store connection (SQLite calls block), so one
/// slow query never stalls the others; a panic becomes a 500.
async fn blocking(
    app: Arc<App>,
    write: bool,
    f: impl FnOnce(&App, &mut Store) -> Result<Value, ApiError> + Send + 'static,
) -> ApiResult {
    run_blocking(app, write, f).await.map(Json)
}

/// [`blocking`] for any answer.
async fn run_blocking<T: Send + 'static>(
    app: Arc<App>,
    write: bool,
    f: impl FnOnce(&App, &mut Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(move || {
        if write {
            return f(&app, &mut Store::open(&app.db)?);
        }
        let mut store = app.reader()?;
        let answer = f(&app, &mut store);
        app.give_back(store);
        answer
    })
    .await
    .map_err(|e| ApiError::Internal(format!("the request failed: {e}")))?
}

/// Query parameters in order, repeats kept (`relation=a&relation=b`).
pub struct Params(Vec<(String, String)>);

impl Params {
    /// Refuses names outside `allowed`, so a misspelt filter is an error, not ignored.
    fn check(&self, allowed: &[&str]) -> Result<(), ApiError> {
        match self.0.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
            Some((k, _)) => Err(ApiError::BadRequest(format!(
                "unknown parameter {k:?} (this endpoint takes: {})",
                allowed.join(", ")
            ))),
            None => Ok(()),
        }
    }

    /// The last value of `key`, when given and not empty.
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Every non-empty value of `key`.
    fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// `key` as a number in `min..=max`, or `default`.
    fn number<T>(&self, key: &str, default: T, min: T, max: T) -> Result<T, ApiError>
    where
        T: FromStr + PartialOrd + std::fmt::Display + Copy,
    {
        let Some(v) = self.get(key) else {
            return Ok(default);
        };
        match v.parse::<T>() {
            Ok(n) if n >= min && n <= max => Ok(n),
            _ => Err(ApiError::BadRequest(format!(
                "{key} must be a number from {min} to {max}, not {v:?}"
            ))),
        }
    }

    /// `key` as a yes/no flag (`1`, `true`, `0`, `false`); absent is no.
    fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key) {
            None | Some("0") | Some("false") => Ok(false),
            Some("1") | Some("true") => Ok(true),
            Some(v) => Err(ApiError::BadRequest(format!(
                "{key} must be true or false, not {v:?}"
            ))),
        }
    }

    /// A required value.
    fn required(&self, key: &str) -> Result<&str, ApiError> {
        self.get(key)
            .ok_or_else(|| ApiError::BadRequest(format!("missing parameter {key}")))
    }

    /// The relation filters, checked by the library function the CLI's flags go through too.
    fn filters(&self) -> Result<Filters, ApiError> {
        let min_confidence = match self.get("min_confidence") {
            None => None,
            Some(v) => Some(v.parse::<f32>().map_err(|_| {
                ApiError::BadRequest(format!("min_confidence must be a number, not {v:?}"))
            })?),
        };
        Filters::parse(&FilterSpec {
            relations: self.all("relation"),
            exclude: self.all("exclude_relation"),
            min_confidence,
            since: self.get("since").map(str::to_string),
            until: self.get("until").map(str::to_string),
            as_of: self.get("as_of").map(str::to_string),
        })
        .map_err(|e| ApiError::BadRequest(e.to_string()))
    }

    /// The `type` values.
    fn types(&self) -> Result<Vec<kg::EntityType>, ApiError> {
        crate::cmd::TypeArgs {
            types: self.all("type"),
        }
        .resolve()
        .map_err(|e| ApiError::BadRequest(format!("{e:#}")))
    }
}

/// The filter parameter names every graph endpoint takes.
const FILTER_KEYS: [&str; 5] = [
    "relation",
    "exclude_relation",
    "min_confidence",
    "since",
    "until",
];

fn keys(own: &[&'static str]) -> Vec<&'static str> {
    own.iter().copied().chain(FILTER_KEYS).collect()
}

/// Reads the query string; a malformed one is a 400 in the API's JSON shape.
fn params(
    q: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Result<Params, ApiError> {
    q.map(|Query(v)| Params(v))
        .map_err(|e| ApiError::BadRequest(e.body_text()))
}

type RawParams = Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>;

/// An entity by `#ID` or by name or alias, as the CLI resolves names.
fn resolve(store: &Store, name: &str) -> Result<EntityRecord, ApiError> {
    if let Some(id) = name.strip_prefix('#') {
        let id: EntityId = id
            .parse()
            .map_err(|_| ApiError::BadRequest(format!("{name:?} is not an entity handle #ID")))?;
        return store
            .entity_by_id(id)?
            .ok_or_else(|| ApiError::NotFound(format!("no entity #{id}"), Vec::new()));
    }
    Ok(store.find_entity(name)?)
}

fn to_value(v: impl serde::Serialize) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::Internal(e.to_string()))
}

/// `GET /api/search?q=&limit=`: names and aliases containing `q`, best first; `suggestions`
/// lists close names when nothing contains it.
pub async fn search(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    let p = params(q)?;
    p.check(&["q", "limit"])?;
    let query = p.required("q")?.to_string();
    let limit = p.number("limit", 10usize, 1, 100)?;
    blocking(app, false, move |_, store| {
        let hits = store.search(&query, limit)?;
        let suggestions = if hits.is_empty() {
            store.suggestions(&query)?
        } else {
            Vec::new()
        };
        Ok(json!({"query": query, "hits": hits, "suggestions": suggestions}))
    })
    .await
}

/// `GET /api/entity/{id}[?type=T...]`: type, aliases, documents, PageRank, and the relations
/// that pass the filters (subject side, then object side), each with its evidence and both
/// ends' types; with `type`, only those whose other end is of one of the types.
pub async fn entity(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    q: RawParams,
) -> ApiResult {
    let p = params(q)?;
    p.check(&keys(&["type"]))?;
    let types = p.types()?;
    let id: EntityId = id
        .parse()
        .map_err(|_| ApiError::BadRequest(format!("entity id must be a number, not {id:?}")))?;
    let filters = p.filters()?;
    blocking(app, false, move |app, store| {
        let e = store
            .entity_by_id(id)?
            .ok_or_else(|| ApiError::NotFound(format!("no entity #{id}"), Vec::new()))?;
        let profile = store.profile(&e)?;
        let mut facts = facts_of(store, &e, &filters.query, MAX_FACTS)?;
        if !types.is_empty() {
            // The other end's type: the object of what e did, the subject of what was done
            // to it. (A subject that only looks like e, same name and type, is of e's type,
            // like the object then, so the test by name never picks the wrong type.)
            facts.retain(|f| {
                let other = if f.subject == e.name && f.subject_kind == e.kind {
                    f.object_kind
                } else {
                    f.subject_kind
                };
                types.contains(&other)
            });
        }
        let pagerank = app.pagerank(store)?.get(&e.id).copied().unwrap_or(0.0);
        Ok(json!({
            "entity": profile.entity,
            "pagerank": pagerank,
            "aliases": profile.aliases,
            "mentions": profile.mentions,
            "documents": profile.documents,
            "facts": facts,
        }))
    })
    .await
}

/// Relations with `e` as subject or object that pass `query`.
fn facts_of(
    store: &Store,
    e: &EntityRecord,
    query: &RelationQuery,
    limit: usize,
) -> Result<Vec<Fact>, ApiError> {
    let mut facts = store.facts(
        &RelationQuery {
            subject: Some(e.id),
            ..query.clone()
        },
        Some(limit),
    )?;
    let incoming = store.facts(
        &RelationQuery {
            object: Some(e.id),
            ..query.clone()
        },
        Some(limit),
    )?;
    // A relation of an entity with itself is in both lists.
    facts.extend(incoming.into_iter().filter(|f| f.subject != e.name));
    facts.truncate(limit);
    Ok(facts)
}

/// `GET /api/neighbors?entity=&depth=&directed=&type=&limit=` and filters: `kg neighbors`
/// as JSON. A centre with no relation left under the filters comes back alone.
pub async fn neighbors(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    let p = params(q)?;
    p.check(&keys(&["entity", "depth", "directed", "type", "limit"]))?;
    let name = p.required("entity")?.to_string();
    let opts = NeighborOptions {
        depth: p.number("depth", 1, 0, MAX_DEPTH)?,
        directed: p.flag("directed")?,
        types: p.types()?,
        limit: Some(p.number("limit", 200, 0, MAX_NODES)?),
    };
    let filters = p.filters()?;
    blocking(app, false, move |app, store| {
        let center = resolve(store, &name)?;
        let graph = app.graph(store, &filters.edge)?;
        let hood = neighborhood(store, &graph, &center, &opts)?.unwrap_or_else(|| Neighborhood {
            center: center.clone(),
            depth: opts.depth,
            total: 0,
            nodes: vec![Neighbor {
                entity: center.clone(),
                distance: 0,
                degree: 0,
                links: Vec::new(),
            }],
            edges: Vec::new(),
        });
        let ranks = app.pagerank(store)?;
        let mut answer = to_value(hood)?;
        // Each node's PageRank in the whole graph, for the page's size-by-PageRank view.
        if let Some(nodes) = answer.get_mut("nodes").and_then(Value::as_array_mut) {
            for node in nodes {
                let id = node.get("id").and_then(Value::as_i64);
                let rank = id
                    .and_then(|i| ranks.get(&EntityId(i)))
                    .copied()
                    .unwrap_or(0.0);
                node["pagerank"] = json!(rank);
            }
        }
        Ok(answer)
    })
    .await
}

/// `GET /api/path?from=&to=&mode=shortest|all|k|weighted&k=&limit=&max_hops=&directed=` and
/// filters: `kg path` as JSON, always `{"from", "to", "paths": [...]}` (empty with a
/// `reason` when there is none).
pub async fn path(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    let p = params(q)?;
    p.check(&keys(&[
        "from", "to", "mode", "k", "limit", "max_hops", "directed",
    ]))?;
    let (a, b) = (
        p.required("from")?.to_string(),
        p.required("to")?.to_string(),
    );
    let mode = match p.get("mode").unwrap_or("shortest") {
        "shortest" => PathMode::Shortest,
        "all" => PathMode::AllShortest(p.number("limit", 10, 1, MAX_PATHS)?),
        "k" => PathMode::KShortest(p.number("k", 3, 1, MAX_PATHS)?),
        "weighted" => PathMode::Weighted,
        m => {
            return Err(ApiError::BadRequest(format!(
                "mode must be shortest, all, k or weighted, not {m:?}"
            )))
        }
    };
    let walk = Walk {
        directed: p.flag("directed")?,
        max_hops: p
            .get("max_hops")
            .map(|_| p.number("max_hops", 0, 0, 1000))
            .transpose()?,
    };
    let filters = p.filters()?;
    blocking(app, false, move |app, store| {
        let from = resolve(store, &a)?;
        let to = resolve(store, &b)?;
        let graph = app.graph(store, &filters.edge)?;
        let (Some(s), Some(t)) = (graph.index_of(from.id), graph.index_of(to.id)) else {
            let reason = format!("{} or {} is not in the graph", from.name, to.name);
            return Ok(json!({"from": from, "to": to, "paths": [], "reason": reason}));
        };
        let paths: Vec<GraphPath> = find_paths(&graph, s, t, walk, mode)
            .iter()
            .map(|p| describe_path(store, &graph, p, walk.directed))
            .collect::<kg::Result<_>>()?;
        if paths.is_empty() {
            let reason = format!("no path from {} to {}", from.name, to.name);
            return Ok(json!({"from": from, "to": to, "paths": [], "reason": reason}));
        }
        Ok(json!({"from": from, "to": to, "paths": paths}))
    })
    .await
}

/// `GET /api/relations?subject=&object=&limit=` and filters: `kg relations` as JSON, every
/// stored sentence behind the matching triples.
pub async fn relations(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    let p = params(q)?;
    p.check(&keys(&["subject", "object", "limit"]))?;
    let subject = p.get("subject").map(str::to_string);
    let object = p.get("object").map(str::to_string);
    let limit = p.number("limit", 500, 1, MAX_FACTS)?;
    let mut query = p.filters()?.query;
    blocking(app, false, move |_, store| {
        query.subject = subject
            .map(|s| resolve(store, &s).map(|e| e.id))
            .transpose()?;
        query.object = object
            .map(|s| resolve(store, &s).map(|e| e.id))
            .transpose()?;
        let facts = store.facts(&query, Some(limit))?;
        Ok(json!({"count": facts.len(), "relations": facts}))
    })
    .await
}

/// `GET /api/documents?entity=`: the documents that mention an entity.
pub async fn documents(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    let p = params(q)?;
    p.check(&["entity"])?;
    let name = p.required("entity")?.to_string();
    blocking(app, false, move |_, store| {
        let e = resolve(store, &name)?;
        let profile = store.profile(&e)?;
        Ok(json!({"entity": e, "documents": profile.documents}))
    })
    .await
}

/// `GET /api/document?name=`: a document's text cut into pieces, each mention a piece with its
/// entity (`{"name","title","date","url","pieces": [{"text", "entity"?}]}`), so the page can
/// mark mentions without handling byte offsets.
pub async fn document(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    let p = params(q)?;
    p.check(&["name"])?;
    let name = p.required("name")?.to_string();
    blocking(app, false, move |_, store| {
        let view = store
            .document_view(&name)?
            .ok_or_else(|| ApiError::NotFound(format!("no document named {name:?}"), Vec::new()))?;
        let mut pieces = Vec::new();
        let mut at = 0;
        for m in &view.mentions {
            // Overlapping or malformed spans are left unmarked rather than cut mid-character.
            let (Some(before), Some(mention)) = (
                view.text.get(at..m.start.max(at)),
                view.text.get(m.start..m.end),
            ) else {
                continue;
            };
            if m.start < at {
                continue;
            }
            if !before.is_empty() {
                pieces.push(json!({"text": before}));
            }
            pieces.push(json!({"text": mention, "entity": m.entity}));
            at = m.end;
        }
        if let Some(rest) = view.text.get(at..).filter(|r| !r.is_empty()) {
            pieces.push(json!({"text": rest}));
        }
        Ok(json!({
            "name": view.name, "title": view.title, "date": view.date, "url": view.url,
            "pieces": pieces,
        }))
    })
    .await
}

/// `GET /api/stats`: counts by type and label, the graph's shape, the document date range,
/// and every label and type (what the filters offer).
pub async fn stats(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    params(q)?.check(&[])?;
    blocking(app, false, move |app, store| {
        let edits = app.token.is_some();
        let answer = app.stats(store, |shape| {
            let stats = store.stats()?;
            let (first, last) = store.date_range()?;
            let labels: Vec<&str> = kg::model::RelationLabel::ALL
                .iter()
                .map(|l| l.as_str())
                .collect();
            let types: Vec<&str> = kg::EntityType::ALL.iter().map(|t| t.as_str()).collect();
            Ok(json!({
                "documents": stats.documents,
                "mentions": stats.mentions,
                "entities": stats.entities,
                "relations": stats.relations,
                "graph": shape,
                "dates": {"first": first, "last": last},
                "labels": labels,
                "types": types,
                "edits": edits,
            }))
        })?;
        Ok(answer)
    })
    .await
}

/// `GET /api/export?format=dot|graphml|json&ids=1,2,3` and filters: the given entities and
/// the relations among them that pass the filters, through the same writers as `kg export`
/// (a download).
pub async fn export(State(app): State<Arc<App>>, q: RawParams) -> Result<Response, ApiError> {
    let p = params(q)?;
    p.check(&keys(&["format", "ids"]))?;
    let format = p.required("format")?.to_string();
    let (kind, ext) = match format.as_str() {
        "dot" => ("text/vnd.graphviz; charset=utf-8", "dot"),
        "graphml" => ("application/graphml+xml; charset=utf-8", "graphml"),
        "json" => ("application/json", "json"),
        f => {
            return Err(ApiError::BadRequest(format!(
                "format must be dot, graphml or json, not {f:?}"
            )))
        }
    };
    let ids: Vec<EntityId> = p
        .required("ids")?
        .split(',')
        .map(|v| v.trim().parse::<EntityId>())
        .collect::<Result<_, _>>()
        .map_err(|_| ApiError::BadRequest("ids must be entity ids separated by commas".into()))?;
    if ids.len() > MAX_NODES {
        return Err(ApiError::BadRequest(format!(
            "at most {MAX_NODES} ids, not {}",
            ids.len()
        )));
    }
    let query = p.filters()?.query;
    let bytes = run_blocking(app, false, move |_, store| {
        let sub = crate::cmd::subgraph_of(store, Some(&ids), &query)?;
        let mut out = Vec::new();
        match format.as_str() {
            "dot" => kg::export::dot::write_dot(
                &sub,
                &mut out,
                &kg::export::dot::DotOptions {
                    legend: true,
                    ..Default::default()
                },
            )?,
            "graphml" => kg::export::graphml::write_graphml(&sub, &mut out)?,
            _ => kg::export::json::write_json(&sub, &mut out)?,
        }
        Ok(out)
    })
    .await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, kind.to_string()),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"kg-view.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /api/curations`: every correction, undone ones included (`kg curation log`).
pub async fn curations(State(app): State<Arc<App>>, q: RawParams) -> ApiResult {
    params(q)?.check(&[])?;
    blocking(app, false, |_, store| {
        Ok(json!({"curations": store.curations()?}))
    })
    .await
}

/// Refuses an edit unless edits are on and the request carries this run's token.
fn authorize(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = app.token() else {
        return Err(ApiError::Forbidden(
            "edits are off: start the server with `kg serve --allow-edits`".into(),
        ));
    };
    match headers.get("x-kg-token").and_then(|v| v.to_str().ok()) {
        Some(t) if t == token => Ok(()),
        _ => Err(ApiError::Forbidden(
            "missing or wrong X-KG-Token header (reload the page)".into(),
        )),
    }
}

type Body<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

fn body<T>(b: Body<T>) -> Result<T, ApiError> {
    b.map(|Json(v)| v).map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::TooLarge(e.body_text())
        } else {
            ApiError::BadRequest(e.body_text())
        }
    })
}

/// Body of `POST /api/merge`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MergeBody {
    from: String,
    into: String,
}

/// `POST /api/merge {"from", "into"}`: `kg merge`.
pub async fn merge(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    b: Body<MergeBody>,
) -> ApiResult {
    authorize(&app, &headers)?;
    let b = body(b)?;
    blocking(app, true, move |_, store| {
        let from = resolve(store, &b.from)?;
        let into = resolve(store, &b.into)?;
        if from.id == into.id {
            return Err(ApiError::BadRequest(format!(
                "{} is already {}",
                b.from, into.name
            )));
        }
        let id = store.merge(&from, &into)?;
        Ok(json!({"curation": id, "from": from, "into": into}))
    })
    .await
}

/// Body of `POST /api/alias`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasBody {
    entity: String,
    name: String,
}

/// `POST /api/alias {"entity", "name"}`: `kg alias add`.
pub async fn alias(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    b: Body<AliasBody>,
) -> ApiResult {
    authorize(&app, &headers)?;
    let b = body(b)?;
    blocking(app, true, move |_, store| {
        let e = resolve(store, &b.entity)?;
        let id = store.add_alias(&e, &b.name)?;
        Ok(json!({"curation": id, "entity": e, "name": b.name}))
    })
    .await
}

/// Body of `POST /api/split`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SplitBody {
    entity: String,
    documents: Vec<String>,
    name: String,
}

/// `POST /api/split {"entity", "documents", "name"}`: `kg split`.
pub async fn split(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    b: Body<SplitBody>,
) -> ApiResult {
    authorize(&app, &headers)?;
    let b = body(b)?;
    if b.documents.is_empty() {
        return Err(ApiError::BadRequest("documents must not be empty".into()));
    }
    blocking(app, true, move |_, store| {
        let e = resolve(store, &b.entity)?;
        let ids = store.split(&e, &b.documents, &b.name)?;
        Ok(json!({"curations": ids, "entity": e, "name": b.name}))
    })
    .await
}

/// Body of `POST /api/undo`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UndoBody {
    id: i64,
}

/// `POST /api/undo {"id"}`: `kg unmerge`, re-extracting the documents it touched.
pub async fn undo(State(app): State<Arc<App>>, headers: HeaderMap, b: Body<UndoBody>) -> ApiResult {
    authorize(&app, &headers)?;
    let b = body(b)?;
    blocking(app, true, move |_, store| {
        // With the recogniser the store was built with.
        let n = crate::cmd::curate::undo_and_reextract(store, b.id, None)?;
        Ok(json!({"undone": b.id, "documents": n}))
    })
    .await
}

/// Anything else: 404 in the API's shape.
pub async fn not_found() -> ApiError {
    ApiError::NotFound("no such page or endpoint".into(), Vec::new())
}
