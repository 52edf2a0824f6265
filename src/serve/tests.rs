//! The API through the router, request by request (tower's `oneshot`), on a store built from
//! data/samples: status codes, JSON shapes, filters, bad input, edits and their token.

use super::{router, App};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// A store built once from data/samples (tests that edit copy it).
fn sample_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("kg.db");
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
        let cli = <crate::Cli as clap::Parser>::try_parse_from([
            "kg".as_ref(),
            "--db".as_ref(),
            db.as_os_str(),
            "build".as_ref(),
            "--no-ner".as_ref(),
            samples.as_os_str(),
        ])
        .expect("build arguments");
        let crate::Command::Build(args) = cli.command else {
            unreachable!("parsed a build")
        };
        crate::cmd::build::run(&db, args, &mut std::io::sink()).expect("sample store");
        (dir, db)
    });
    path
}

/// A copy of the sample store, for tests that change it.
fn scratch_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("kg.db");
    std::fs::copy(sample_store(), &db).expect("copy store");
    (dir, db)
}

async fn send(app: &Arc<App>, req: Request<Body>) -> (StatusCode, Value, String) {
    let res = router(app.clone()).oneshot(req).await.expect("response");
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = res.into_body().collect().await.expect("body").to_bytes();
    let json = if kind.starts_with("application/json") {
        serde_json::from_slice(&bytes).expect("JSON body")
    } else {
        Value::String(String::from_utf8_lossy(&bytes).into_owned())
    };
    (status, json, kind)
}

async fn get(app: &Arc<App>, uri: &str) -> (StatusCode, Value) {
    let req = Request::get(uri).body(Body::empty()).expect("request");
    let (s, v, _) = send(app, req).await;
    (s, v)
}

async fn post(app: &Arc<App>, uri: &str, token: Option<&str>, body: &str) -> (StatusCode, Value) {
    let mut req = Request::post(uri).header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("x-kg-token", t);
    }
    let (s, v, _) = send(
        app,
        req.body(Body::from(body.to_string())).expect("request"),
    )
    .await;
    (s, v)
}

fn reader() -> Arc<App> {
    Arc::new(App::new(sample_store().to_path_buf(), false))
}

fn names(v: &Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x["name"].as_str())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_read_endpoint_answers_its_json_shape() {
    let app = reader();
    // (uri, status, a key the answer must have)
    let cases = [
        ("/api/search?q=putin", StatusCode::OK, "hits"),
        ("/api/stats", StatusCode::OK, "graph"),
        ("/api/neighbors?entity=Putin", StatusCode::OK, "edges"),
        ("/api/path?from=Velayati&to=Trump", StatusCode::OK, "paths"),
        ("/api/relations?subject=Putin", StatusCode::OK, "relations"),
        ("/api/documents?entity=Putin", StatusCode::OK, "documents"),
        ("/api/curations", StatusCode::OK, "curations"),
        ("/api/entity/1", StatusCode::OK, "facts"),
    ];
    for (uri, status, key) in cases {
        let (s, v) = get(&app, uri).await;
        assert_eq!(s, status, "{uri}: {v}");
        assert!(v.get(key).is_some(), "{uri} lacks {key}: {v}");
    }
}

#[tokio::test]
async fn search_is_case_and_accent_insensitive_and_suggests() {
    let app = reader();
    for q in ["putin", "PUTIN", "vladimir put", "Erdogan"] {
        let (s, v) = get(&app, &format!("/api/search?q={}", q.replace(' ', "%20"))).await;
        assert_eq!(s, StatusCode::OK);
        assert!(!names(&v, "hits").is_empty(), "{q}: {v}");
    }
    let (_, v) = get(&app, "/api/search?q=Putn").await;
    assert_eq!(names(&v, "hits"), Vec::<String>::new());
    assert!(
        v["suggestions"].to_string().contains("Vladimir Putin"),
        "{v}"
    );
}

#[tokio::test]
async fn path_velayati_to_trump_has_evidence_on_every_hop() {
    let (s, v) = get(&reader(), "/api/path?from=Velayati&to=Trump").await;
    assert_eq!(s, StatusCode::OK);
    let hops = v["paths"][0]["hops"].as_array().expect("hops");
    assert!(!hops.is_empty());
    assert!(hops
        .iter()
        .all(|h| !h["evidence"].as_str().unwrap_or("").is_empty()));
    assert_eq!(hops[0]["from"]["name"], "Ali Akbar Velayati");
    assert_eq!(hops.last().expect("a hop")["to"]["name"], "Donald Trump");
}

#[tokio::test]
async fn filters_narrow_the_neighbourhood_like_the_cli() {
    let app = reader();
    let count = |v: &Value| v["edges"].as_array().map_or(0, Vec::len);
    let (_, all) = get(&app, "/api/neighbors?entity=Putin").await;
    let (_, sure) = get(&app, "/api/neighbors?entity=Putin&min_confidence=0.8").await;
    let (_, met) = get(&app, "/api/neighbors?entity=Putin&relation=met").await;
    let (_, later) = get(&app, "/api/neighbors?entity=Putin&since=2030").await;
    assert!(count(&all) > count(&sure), "{all} vs {sure}");
    assert!(met["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .all(|e| e["label"] == "met"));
    // Nothing after 2030: the centre comes back alone.
    assert_eq!(count(&later), 0);
    assert_eq!(names(&later, "nodes"), vec!["Vladimir Putin".to_string()]);
}

#[tokio::test]
async fn neighbours_carry_the_pagerank_kg_rank_computes() {
    let app = reader();
    let (s, v) = get(&app, "/api/neighbors?entity=Putin").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    // The same library call as `kg rank --by pagerank`, on the unfiltered graph.
    let store = kg::store::Store::open_read(sample_store()).expect("store");
    let (data, _) = kg::graph::cache::load(&store).expect("graph");
    let graph = kg::graph::compact::CompactGraph::build(&data, &Default::default());
    let scores = kg::graph::query::scores(
        &graph,
        kg::graph::query::Measure::Pagerank,
        None,
        0,
        &mut |_, _| {},
    );
    let nodes = v["nodes"].as_array().expect("nodes");
    assert!(nodes.len() > 1, "{v}");
    for n in nodes {
        let id = kg::model::EntityId(n["id"].as_i64().expect("id"));
        let node = graph.index_of(id).expect("in the graph");
        // (serde_json's reading of a float may differ in the last digit)
        let rank = n["pagerank"].as_f64().expect("a pagerank");
        assert!((rank - scores[node as usize]).abs() < 1e-15, "{n}");
    }
    // Filters narrow the edges, not the scores: a node's PageRank is the whole graph's.
    let (_, met) = get(&app, "/api/neighbors?entity=Putin&relation=met").await;
    assert_eq!(met["nodes"][0]["pagerank"], nodes[0]["pagerank"]);
    let (_, e) = get(&app, &format!("/api/entity/{}", nodes[0]["id"])).await;
    assert_eq!(e["pagerank"], nodes[0]["pagerank"]);
}

#[tokio::test]
async fn an_entitys_facts_carry_types_and_keep_only_the_types_asked_for() {
    let app = reader();
    let (_, putin) = get(&app, "/api/search?q=Vladimir%20Putin").await;
    let id = putin["hits"][0]["id"].clone();
    let (_, all) = get(&app, &format!("/api/entity/{id}")).await;
    let other = |f: &Value| {
        if f["subject"] == "Vladimir Putin" {
            f["object_kind"].clone()
        } else {
            f["subject_kind"].clone()
        }
    };
    let facts = all["facts"].as_array().expect("facts");
    let kinds: std::collections::BTreeSet<String> = facts
        .iter()
        .map(|f| other(f).as_str().expect("a type").to_string())
        .collect();
    assert!(kinds.contains("PERSON") && kinds.len() > 1, "{kinds:?}");
    let (s, people) = get(&app, &format!("/api/entity/{id}?type=person")).await;
    assert_eq!(s, StatusCode::OK, "{people}");
    let people = people["facts"].as_array().expect("facts");
    assert!(!people.is_empty() && people.len() < facts.len());
    assert!(people.iter().all(|f| other(f) == "PERSON"), "{people:?}");
    let (s, v) = get(&app, &format!("/api/entity/{id}?type=planet")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{v}");
}

#[tokio::test]
async fn bad_input_is_400_and_unknown_entities_404() {
    let app = reader();
    let cases = [
        ("/api/search", StatusCode::BAD_REQUEST),
        (
            "/api/neighbors?entity=Putin&depth=99",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/neighbors?entity=Putin&min_confidence=2",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/neighbors?entity=Putin&relation=likes",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/neighbors?entity=Putin&type=ALIEN",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/path?from=Putin&to=Trump&mode=fastest",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/path?from=Putin&to=Trump&since=yesterday",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/path?from=Putin&to=Trump&colour=red",
            StatusCode::BAD_REQUEST,
        ),
        ("/api/relations?limit=-1", StatusCode::BAD_REQUEST),
        ("/api/entity/abc", StatusCode::BAD_REQUEST),
        ("/api/neighbors?entity=%23x", StatusCode::BAD_REQUEST),
        (
            "/api/neighbors?entity=Nobody%20Atall",
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/path?from=Putin&to=Nobody%20Atall",
            StatusCode::NOT_FOUND,
        ),
        ("/api/entity/999999", StatusCode::NOT_FOUND),
        ("/api/neighbors?entity=%23999999", StatusCode::NOT_FOUND),
        ("/api/nothing", StatusCode::NOT_FOUND),
        ("/assets/../Cargo.toml", StatusCode::NOT_FOUND),
    ];
    for (uri, status) in cases {
        let (s, v) = get(&app, uri).await;
        assert_eq!(s, status, "{uri}: {v}");
        if uri.starts_with("/api/") {
            assert!(
                v["error"].as_str().is_some_and(|e| !e.is_empty()),
                "{uri}: {v}"
            );
        }
    }
}

#[tokio::test]
async fn edits_need_allow_edits_and_the_token() {
    let (_dir, db) = scratch_store();
    let merge = r#"{"from": "Velayati", "into": "Putin"}"#;
    let off = Arc::new(App::new(db.clone(), false));
    assert_eq!(
        post(&off, "/api/merge", Some("x"), merge).await.0,
        StatusCode::FORBIDDEN
    );
    let on = Arc::new(App::new(db, true));
    let token = on.token().expect("a token").to_string();
    assert_eq!(token.len(), 32);
    assert_eq!(
        post(&on, "/api/merge", None, merge).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(&on, "/api/merge", Some("wrong"), merge).await.0,
        StatusCode::FORBIDDEN
    );
    let (_, before) = get(&on, "/api/stats").await;
    let bad = post(&on, "/api/merge", Some(&token), r#"{"from": 1}"#).await;
    assert_eq!(bad.0, StatusCode::BAD_REQUEST, "{}", bad.1);
    let (s, v) = post(&on, "/api/merge", Some(&token), merge).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let id = v["curation"].as_i64().expect("curation id");
    // Merged: Velayati's name now finds Putin, and the graph followed without a restart.
    let (_, hood) = get(&on, "/api/neighbors?entity=Velayati").await;
    assert_eq!(hood["center"]["name"], "Vladimir Putin");
    let (s, v) = post(
        &on,
        "/api/undo",
        Some(&token),
        &format!(r#"{{"id": {id}}}"#),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, hood) = get(&on, "/api/neighbors?entity=Ali%20Akbar%20Velayati").await;
    assert_eq!(hood["center"]["name"], "Ali Akbar Velayati", "{hood}");
    let (_, log) = get(&on, "/api/curations").await;
    assert!(log["curations"][0]["undone_at"].is_string(), "{log}");
    // Re-extracted as the store was built (--no-ner): no entity of the recogniser came in.
    let (_, after) = get(&on, "/api/stats").await;
    assert_eq!(before["entities"], after["entities"], "{before}\n{after}");
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let (_dir, db) = scratch_store();
    let on = Arc::new(App::new(db, true));
    let token = on.token().expect("a token").to_string();
    let huge = format!(
        r#"{{"entity": "Putin", "name": "{}"}}"#,
        "x".repeat(100_000)
    );
    let (s, _) = post(&on, "/api/alias", Some(&token), &huge).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_page_and_its_assets_are_embedded_with_a_strict_policy() {
    let app = reader();
    for uri in ["/", "/assets/app.js", "/assets/vendor/cytoscape.min.js"] {
        let req = Request::get(uri).body(Body::empty()).expect("request");
        let res = router(app.clone()).oneshot(req).await.expect("response");
        assert_eq!(res.status(), StatusCode::OK, "{uri}");
        let csp = res.headers().get("content-security-policy").expect("a CSP");
        assert!(csp.to_str().unwrap_or("").contains("script-src 'self'"));
    }
}

#[tokio::test]
async fn requests_to_other_host_names_are_refused_on_loopback() {
    let app = reader();
    // (Host header, status): a rebound DNS name must not reach the API.
    let cases = [
        ("127.0.0.1:8321", StatusCode::OK),
        ("localhost:8321", StatusCode::OK),
        ("[::1]:8321", StatusCode::OK),
        ("localhost", StatusCode::OK),
        ("evil.example:8321", StatusCode::MISDIRECTED_REQUEST),
        ("127.0.0.1.evil.example", StatusCode::MISDIRECTED_REQUEST),
        ("127.0.0.2", StatusCode::OK),
    ];
    for (host, status) in cases {
        let req = Request::get("/api/stats")
            .header("host", host)
            .body(Body::empty())
            .expect("request");
        let (s, _, _) = send(&app, req).await;
        assert_eq!(s, status, "{host}");
    }
    let open = Arc::new(App::new(sample_store().to_path_buf(), false).any_host());
    let req = Request::get("/api/stats")
        .header("host", "kg.lan:8321")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&open, req).await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_graph_follows_a_write_made_beside_the_server() {
    let (_dir, db) = scratch_store();
    let app = Arc::new(App::new(db.clone(), false));
    let (_, before) = get(&app, "/api/neighbors?entity=Putin").await;
    assert!(names(&before, "nodes").contains(&"Ali Akbar Velayati".to_string()));
    // Another process (here: another connection) merges Velayati into Putin.
    let mut other = kg::store::Store::open(&db).expect("open");
    let from = other.find_entity("Ali Akbar Velayati").expect("Velayati");
    let into = other.find_entity("Vladimir Putin").expect("Putin");
    other.merge(&from, &into).expect("merge");
    drop(other);
    let (_, after) = get(&app, "/api/neighbors?entity=Putin").await;
    let names: Vec<String> = names(&after, "nodes");
    assert!(
        !names.contains(&"Ali Akbar Velayati".to_string()),
        "{names:?}"
    );
    let (s, _) = get(&app, &format!("/api/entity/{}", from.id)).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn export_writes_the_view_through_the_cli_writers() {
    let app = reader();
    let (_, hood) = get(&app, "/api/neighbors?entity=Putin").await;
    let ids: Vec<String> = hood["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| n["id"].to_string())
        .collect();
    let ids = ids.join(",");
    // (format, content type start, text the body must hold)
    let cases = [
        ("dot", "text/vnd.graphviz", "digraph"),
        ("graphml", "application/graphml+xml", "<graphml"),
        ("json", "application/json", "\"links\""),
    ];
    for (format, kind, needle) in cases {
        let req = Request::get(format!("/api/export?format={format}&ids={ids}"))
            .body(Body::empty())
            .expect("request");
        let (s, body, k) = send(&app, req).await;
        assert_eq!(s, StatusCode::OK, "{format}: {body}");
        assert!(k.starts_with(kind), "{format}: {k}");
        let text = match body {
            Value::String(t) => t,
            v => v.to_string(),
        };
        assert!(text.contains(needle), "{format}: {text}");
        assert!(text.contains("Vladimir Putin"), "{format}");
    }
    for uri in [
        "/api/export?format=svg&ids=1",
        "/api/export?format=dot&ids=1,x",
        "/api/export?format=dot",
    ] {
        assert_eq!(get(&app, uri).await.0, StatusCode::BAD_REQUEST, "{uri}");
    }
}

#[tokio::test]
async fn a_document_comes_back_whole_with_its_mentions_marked() {
    let app = reader();
    let (s, v) = get(&app, "/api/document?name=velayati-moscow-2018.txt").await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let pieces = v["pieces"].as_array().expect("pieces");
    let text: String = pieces.iter().filter_map(|p| p["text"].as_str()).collect();
    let stored = kg::store::Store::open_read(sample_store())
        .expect("store")
        .document_view("velayati-moscow-2018.txt")
        .expect("read")
        .expect("the document");
    assert_eq!(text, stored.text, "the pieces rebuild the text");
    let marked: Vec<&str> = pieces
        .iter()
        .filter(|p| p.get("entity").is_some())
        .filter_map(|p| p["entity"]["name"].as_str())
        .collect();
    assert!(marked.contains(&"Vladimir Putin"), "{marked:?}");
    assert_eq!(
        get(&app, "/api/document?name=nothing.txt").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&app, "/api/document").await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn split_moves_a_documents_mentions_to_a_new_entity_and_undoes() {
    let (_dir, db) = scratch_store();
    let on = Arc::new(App::new(db, true));
    let token = on.token().expect("a token").to_string();
    let body =
        r#"{"entity": "Putin", "documents": ["sochi-erdogan-2018.txt"], "name": "Putin Double"}"#;
    let (s, v) = post(&on, "/api/split", Some(&token), body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (_, found) = get(&on, "/api/search?q=Putin%20Double").await;
    assert_eq!(names(&found, "hits"), vec!["Putin Double".to_string()]);
    let (_, docs) = get(&on, "/api/documents?entity=Putin%20Double").await;
    assert_eq!(
        docs["documents"],
        serde_json::json!(["sochi-erdogan-2018.txt"])
    );
    let empty = r#"{"entity": "Putin", "documents": [], "name": "X"}"#;
    assert_eq!(
        post(&on, "/api/split", Some(&token), empty).await.0,
        StatusCode::BAD_REQUEST
    );
    for id in v["curations"].as_array().expect("ids") {
        let (s, u) = post(
            &on,
            "/api/undo",
            Some(&token),
            &format!(r#"{{"id": {id}}}"#),
        )
        .await;
        assert_eq!(s, StatusCode::OK, "{u}");
    }
    let (_, gone) = get(&on, "/api/search?q=Putin%20Double").await;
    assert_eq!(names(&gone, "hits"), Vec::<String>::new(), "{gone}");
}
