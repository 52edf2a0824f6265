//! End to end: `kg serve` on the sample store, driven in headless Debian chromium through
//! chromedriver (WebDriver, via fantoccini). The tests assert on what the page shows and save
//! screenshots under target/browser/. `KG_EXPLORER_PNG=docs/explorer.png cargo test --test
//! browser` also regenerates the README's screenshot. Without chromium they skip with a
//! printed reason, except under CI=true, where that fails.

mod common;

use fantoccini::actions::{
    InputSource, MouseActions, PointerAction, WheelAction, WheelActions, MOUSE_BUTTON_LEFT,
};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child process killed when the test ends, pass or fail.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// chromedriver and chromium, or `None` with a printed reason (a failure under CI=true).
fn browser() -> Option<(PathBuf, PathBuf)> {
    let find = |names: &[&str]| {
        names.iter().find_map(|n| {
            let out = Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {n}"))
                .output()
                .ok()?;
            let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
            (out.status.success() && !path.is_empty()).then(|| PathBuf::from(path))
        })
    };
    match (
        find(&["chromedriver"]),
        find(&["chromium", "chromium-browser"]),
    ) {
        (Some(d), Some(c)) => Some((d, c)),
        _ => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!("chromium and chromium-driver are missing, and CI=true requires them");
            }
            common::skip(
                "chromium or chromedriver is not installed \
                 (apt-get install chromium chromium-driver)",
            );
            None
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// `kg serve --port 0` on `db`; returns the process and the URL it printed.
fn serve(db: &Path, extra: &[&str]) -> (Guard, String) {
    let mut child = common::serve_command(db, extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start kg serve");
    let stdout = child.stdout.take().expect("stdout");
    let guard = Guard(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("kg serve prints its URL");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    (guard, url)
}

/// chromedriver on a free port, and a headless chromium session with a fresh profile.
async fn session(driver: &Path, chromium: &Path, profile: &Path) -> (Guard, Client) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let guard = Guard(child);
    let caps = json!({
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let Value::Object(caps) = caps else {
        unreachable!("an object")
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => return (guard, c),
            Err(e) if Instant::now() > deadline => panic!("no WebDriver session: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// Waits until the text of `css` satisfies `ok`; fails with what the page showed.
async fn wait_text(c: &Client, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < deadline {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            if let Ok(t) = e.text().await {
                if ok(&t) {
                    return t;
                }
                last = t;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    shot(c, &format!("failure-{}", what.replace(' ', "-"))).await;
    panic!("{css} never showed {what}; it showed {last:?}");
}

/// Saves a screenshot under target/browser/.
async fn shot(c: &Client, name: &str) -> PathBuf {
    let dir = common::root().join("target/browser");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    let path = dir.join(format!("{name}.png"));
    if let Ok(png) = c.screenshot().await {
        std::fs::write(&path, png).expect("write screenshot");
    }
    path
}

async fn type_into(c: &Client, css: &str, text: &str) {
    let e = c.find(Locator::Css(css)).await.expect(css);
    e.clear().await.expect("clear");
    e.send_keys(text).await.expect("type");
}

async fn click(c: &Client, css: &str) {
    c.wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Sets a range input as a user's drag ends: its value, then `input` and `change`.
async fn move_slider(c: &Client, id: &str, value: &str) {
    c.execute(
        "const s = document.getElementById(arguments[0]); s.value = arguments[1];
         s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));",
        vec![json!(id), json!(value)],
    )
    .await
    .unwrap_or_else(|e| panic!("move the slider {id}: {e}"));
}

/// The edges shown once fewer than `than` are (or after 15 s, whatever is shown then).
async fn fewer_edges_than(c: &Client, than: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut shown = than;
    while Instant::now() < deadline && shown >= than {
        tokio::time::sleep(Duration::from_millis(100)).await;
        shown = edges_shown(c).await;
    }
    shown
}

/// A real pointer click at page coordinates.
async fn click_at(c: &Client, x: f64, y: f64) {
    let click = MouseActions::new("mouse".to_string())
        .then(PointerAction::MoveTo {
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    c.perform_actions(click)
        .await
        .unwrap_or_else(|e| panic!("click at ({x}, {y}): {e}"));
}

/// Edges on the canvas, as the explorer's status line counts them.
async fn edges_shown(c: &Client) -> usize {
    let status = wait_text(c, "#status", "a count of relations shown", |t| {
        t.contains("relations shown")
    })
    .await;
    status
        .split(" · ")
        .find_map(|p| p.strip_suffix(" relations shown"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no edge count in {status:?}"))
}

/// Searches `name` and opens the first suggestion.
async fn open_entity(c: &Client, name: &str, expect: &str) {
    type_into(c, "#search", name).await;
    wait_text(c, "#suggestions", "a suggestion", |t| t.contains(expect)).await;
    click(c, "#suggestions li[data-id]").await;
    wait_text(c, "#panel .entity-name", expect, |t| t == expect).await;
}

/// A sample store (plus `setup`), `kg serve` on it with `flags`, and a browser on its page once
/// the page shows the store's counts. Keep the guards alive for the test's length.
async fn open_explorer(
    dir: &Path,
    flags: &[&str],
    setup: impl FnOnce(&Path),
) -> Option<(Guard, Guard, Client)> {
    let (driver, chromium) = browser()?;
    let db = common::sample_store(dir);
    setup(&db);
    let (server, url) = serve(&db, flags);
    let (driver, c) = session(&driver, &chromium, &dir.join("profile")).await;
    c.goto(&url).await.expect("open the page");
    let usable = page_usable_ms(&c).await;
    eprintln!("page usable {usable:.0} ms after navigation started");
    Some((server, driver, c))
}

/// Waits for the store's counts, then reads the page's own stamps: the later of "search
/// handlers attached" and "counts shown", in ms since navigation started.
async fn page_usable_ms(c: &Client) -> f64 {
    wait_text(c, "#status", "the store's counts", |t| {
        t.contains("documents")
    })
    .await;
    let stamps = c
        .execute(
            "const t = window.kgExplorer.timing; return [t.searchReady, t.statsShown];",
            vec![],
        )
        .await
        .expect("the page's timing stamps");
    let ms = |i: usize| {
        stamps[i]
            .as_f64()
            .unwrap_or_else(|| panic!("no timing stamp {i} in {stamps}"))
    };
    ms(0).max(ms(1))
}

/// Issue 14's "usable ≤ 1 s after load" on a real store, measured (ignored by default):
/// `KG_USABLE_DB=/tmp/r.db cargo test --release --test browser -- --ignored --nocapture
/// usable`. Serves that store, opens the page once and reloads it four times, and prints for
/// each load the time from navigation start to the search box's handlers and the store's
/// counts on screen (the page's own `performance.now()` stamps); fails over 1,000 ms.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with KG_USABLE_DB=STORE --ignored --nocapture"]
async fn the_page_is_usable_within_a_second() {
    let Some(db) = std::env::var_os("KG_USABLE_DB").map(PathBuf::from) else {
        common::skip("KG_USABLE_DB names no store");
        return;
    };
    let Some((driver, chromium)) = browser() else {
        return;
    };
    let dir = common::tempdir();
    let (_server, url) = serve(&db, &[]);
    let (_driver, c) = session(&driver, &chromium, &dir.path().join("profile")).await;
    let mut loads = Vec::new();
    for i in 0..5 {
        if i == 0 {
            c.goto(&url).await.expect("open the page");
        } else {
            c.refresh().await.expect("reload the page");
        }
        loads.push(page_usable_ms(&c).await);
    }
    let shown: Vec<String> = loads.iter().map(|ms| format!("{ms:.0}")).collect();
    eprintln!(
        "page usable (search ready and counts shown) after navigation start: {} ms",
        shown.join(", ")
    );
    let worst = loads.iter().copied().fold(0.0, f64::max);
    assert!(worst <= 1000.0, "a load took {worst:.0} ms to be usable");
    c.close().await.expect("close the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explorer_searches_expands_finds_paths_reads_evidence_and_filters() {
    let dir = common::tempdir();
    let Some((_server, _driver, c)) = open_explorer(dir.path(), &[], |_| {}).await else {
        return;
    };

    // Search "Putin", open him: his panel and his neighbourhood on the canvas.
    open_entity(&c, "Putin", "Vladimir Putin").await;
    let around_putin = edges_shown(&c).await;
    assert!(around_putin > 0, "Putin's neighbourhood has no edge");
    let panel = c.find(Locator::Css("#panel")).await.expect("panel");
    let text = panel.text().await.expect("panel text");
    assert!(
        text.contains("leader_of"),
        "relations grouped by label: {text}"
    );

    // Collapse and expand again with the panel's button: the neighbourhood goes and comes back.
    wait_text(&c, "#expand", "a collapse button", |t| t == "Collapse").await;
    click(&c, "#expand").await;
    wait_text(&c, "#expand", "an expand button", |t| {
        t == "Expand neighbours"
    })
    .await;
    assert_eq!(edges_shown(&c).await, 0, "collapsed Putin keeps edges");
    click(&c, "#expand").await;
    wait_text(&c, "#expand", "a collapse button", |t| t == "Collapse").await;
    assert_eq!(edges_shown(&c).await, around_putin);

    // Open one of his documents: its text with the mentions marked.
    click(&c, "#panel .doc-link").await;
    wait_text(&c, "#panel .doc-text", "a document's text", |t| {
        t.len() > 100
    })
    .await;
    let marks = c
        .find_all(Locator::Css("#panel .doc-text mark"))
        .await
        .expect("marks");
    let mut marked = Vec::new();
    for m in &marks {
        marked.push(m.attr("title").await.expect("title").unwrap_or_default());
    }
    assert!(
        marked.iter().any(|t| t.starts_with("Vladimir Putin")),
        "{marked:?}"
    );
    marks[0].click().await.expect("click a mention");
    wait_text(&c, "#panel .entity-name", "the mentioned entity", |t| {
        !t.is_empty()
    })
    .await;
    // Back to Putin from the keyboard: the arrow marks a suggestion, Enter opens it.
    type_into(&c, "#search", "Putin").await;
    wait_text(&c, "#suggestions", "a suggestion", |t| {
        t.contains("Vladimir Putin")
    })
    .await;
    let search = c.find(Locator::Css("#search")).await.expect("search box");
    search
        .send_keys(&char::from(Key::Down).to_string())
        .await
        .expect("arrow down");
    wait_text(&c, "#suggestions li.active", "a marked suggestion", |t| {
        t.contains("Vladimir Putin")
    })
    .await;
    search
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .expect("enter");
    wait_text(&c, "#panel .entity-name", "Putin's panel", |t| {
        t == "Vladimir Putin"
    })
    .await;

    // Pin Putin: his node stays put when the canvas is laid out again.
    click(&c, "#pin").await;
    wait_text(&c, "#pin", "an unpin button", |t| t == "Unpin").await;
    let locked = c
        .execute(
            "return window.kgExplorer.cy.nodes(':locked').map((n) => n.data('name'))",
            vec![],
        )
        .await
        .expect("locked nodes");
    assert_eq!(locked, json!(["Vladimir Putin"]));

    // The path Velayati → Trump, highlighted, each hop with its evidence. Both ends are picked
    // from the path finder's suggestions: From with the arrow key and Enter, To with a click.
    type_into(&c, "#path-from", "Velay").await;
    wait_text(&c, "#path-from-suggestions", "a suggestion", |t| {
        t.contains("Ali Akbar Velayati")
    })
    .await;
    let from = c.find(Locator::Css("#path-from")).await.expect("From");
    from.send_keys(&char::from(Key::Down).to_string())
        .await
        .expect("arrow down");
    wait_text(
        &c,
        "#path-from-suggestions li.active",
        "a marked suggestion",
        |t| t.contains("Ali Akbar Velayati"),
    )
    .await;
    from.send_keys(&char::from(Key::Enter).to_string())
        .await
        .expect("enter");
    type_into(&c, "#path-to", "Trum").await;
    wait_text(&c, "#path-to-suggestions", "a suggestion", |t| {
        t.contains("Donald Trump")
    })
    .await;
    click(&c, "#path-to-suggestions li[data-id]").await;
    let ends = c
        .execute(
            "return ['path-from', 'path-to'].map((id) => document.getElementById(id).value)
               .concat([document.querySelectorAll('.suggestions li').length])",
            vec![],
        )
        .await
        .expect("the path ends");
    assert_eq!(ends, json!(["Ali Akbar Velayati", "Donald Trump", 0]));
    click(&c, "#path-go").await;
    let summary = wait_text(&c, "#path-result .path-summary", "a path", |t| {
        t.starts_with("Ali Akbar Velayati →") && t.contains("Donald Trump")
    })
    .await;
    let hops = c
        .find_all(Locator::Css("#path-result .hop .evidence"))
        .await
        .expect("hops");
    assert!(!hops.is_empty(), "no hop evidence under {summary}");
    for h in &hops {
        assert!(h.text().await.expect("hop text").len() > 3);
    }
    let status = wait_text(&c, "#status", "the path highlighted", |t| {
        t.contains("highlighted")
    })
    .await;
    let highlighted = c
        .execute("return window.kgExplorer.cy.$('edge.path').length", vec![])
        .await
        .expect("count highlighted edges");
    assert_eq!(
        highlighted.as_u64(),
        Some(hops.len() as u64),
        "every hop highlighted ({status})"
    );
    let png = shot(&c, "path").await;
    if let Ok(target) = std::env::var("KG_EXPLORER_PNG") {
        std::fs::copy(&png, common::root().join(target)).expect("copy the README screenshot");
    }

    // Click a path edge on the canvas (a real pointer click at its rendered midpoint) and read
    // the sentences behind it in the edge panel.
    let at = c
        .execute(
            "const cy = window.kgExplorer.cy;
             // A path edge whose midpoint no node covers (the layout is random), else any
             // such edge. Node labels take no clicks, so only the node bodies count: with the
             // labels counted, a dense sample layout left no edge clear and the click landed
             // on a node.
             const clear = (m) => cy.nodes().every((n) => {
               const b = n.renderedBoundingBox({ includeLabels: false, includeOverlays: false });
               return m.x < b.x1 - 4 || m.x > b.x2 + 4 || m.y < b.y1 - 4 || m.y > b.y2 + 4;
             });
             const free = (x) => clear(x.renderedMidpoint());
             const e = cy.$('edge.path').filter(free)[0] || cy.edges().filter(free)[0]
               || cy.$('edge.path')[0];
             const m = e.renderedMidpoint();
             const r = document.getElementById('graph').getBoundingClientRect();
             return [r.left + m.x, r.top + m.y, e.data('label')];",
            vec![],
        )
        .await
        .expect("edge position");
    let (x, y) = (at[0].as_f64().expect("x"), at[1].as_f64().expect("y"));
    let label = at[2].as_str().expect("label").to_string();
    click_at(&c, x, y).await;
    // Where edges cross near the midpoint the pointer may land on a neighbour of the chosen
    // edge; either way the panel must show an edge ("X —label→ Y"), not a node.
    let title = wait_text(&c, "#panel .edge-title", "the edge's title", |t| {
        t.contains('—') && t.contains('→')
    })
    .await;
    if !title.contains(&format!("—{label}→")) {
        eprintln!("clicked beside the chosen {label} edge, on {title}");
    }
    let evidence = wait_text(&c, "#panel .evidence", "an evidence sentence", |t| {
        t.len() > 10
    })
    .await;
    assert!(evidence.starts_with('“'), "{evidence}");
    shot(&c, "edge").await;

    // Narrow the filters: a high minimum confidence and a date range leave fewer edges.
    let before = edges_shown(&c).await;
    move_slider(&c, "min-conf", "0.8").await;
    let after = fewer_edges_than(&c, before).await;
    assert!(
        after < before,
        "min confidence 0.8 kept {after} of {before} edges"
    );
    // The "To" date slider at its start keeps the first day's relations only.
    move_slider(&c, "date-slider-until", "0").await;
    let until = c
        .find(Locator::Css("#until"))
        .await
        .expect("until")
        .prop("value")
        .await
        .expect("until's value")
        .unwrap_or_default();
    assert_eq!(until.len(), 10, "the slider set no date: {until:?}");
    let first_day = fewer_edges_than(&c, after).await;
    assert!(
        first_day < after,
        "until {until} kept {first_day} of {after} edges"
    );
    type_into(&c, "#since", "2030-01-01\n").await;
    c.execute(
        "document.getElementById('since').dispatchEvent(new Event('change'))",
        vec![],
    )
    .await
    .expect("apply the date");
    let deadline = Instant::now() + Duration::from_secs(15);
    while Instant::now() < deadline && edges_shown(&c).await > 0 {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(edges_shown(&c).await, 0, "nothing is dated after 2030");
    shot(&c, "filtered").await;
    c.close().await.expect("close the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explorer_sizes_by_pagerank_and_filters_the_panel_by_type() {
    let dir = common::tempdir();
    let Some((_server, _driver, c)) = open_explorer(dir.path(), &[], |_| {}).await else {
        return;
    };
    open_entity(&c, "Putin", "Vladimir Putin").await;
    edges_shown(&c).await;
    let sizes = "return window.kgExplorer.cy.nodes().map((n) =>
                   [n.data('name'), n.numericStyle('width'), n.data('pagerank')])";
    let by_degree = c.execute(sizes, vec![]).await.expect("sizes");
    // Size by PageRank: the sizes change, and the top-ranked node is the biggest.
    c.execute(
        "const s = document.getElementById('size-by'); s.value = 'pagerank';
         s.dispatchEvent(new Event('change'));",
        vec![],
    )
    .await
    .expect("size by PageRank");
    let by_rank = c.execute(sizes, vec![]).await.expect("sizes");
    assert_ne!(by_degree, by_rank, "the toggle changed no size");
    let rows = by_rank.as_array().expect("nodes");
    let num = |v: &Value| v.as_f64().expect("a number");
    let top = rows
        .iter()
        .max_by(|a, b| num(&a[2]).total_cmp(&num(&b[2])))
        .expect("a node");
    assert!(num(&top[2]) > 0.0, "no PageRank: {by_rank}");
    assert!(
        rows.iter().all(|r| num(&r[1]) <= num(&top[1])),
        "{top} is not the biggest: {by_rank}"
    );
    shot(&c, "pagerank").await;

    // Untick "person": the panel's relations keep only those with a non-person other end,
    // as the API answers them.
    let all = wait_text(&c, "#panel h3", "a relation count", |t| {
        t.ends_with(" relations")
    })
    .await;
    click(&c, "#types input[value=PERSON]").await;
    let expected = c
        .execute(
            "const id = window.kgExplorer.cy.nodes().filter((n) => n.data('name') === 'Vladimir Putin')[0].data('entity');
             return fetch(`/api/entity/${id}?type=COUNTRY&type=LOCATION&type=ORGANIZATION`)
               .then((r) => r.json()).then((v) => v.facts.length);",
            vec![],
        )
        .await
        .expect("the API's count");
    let want = format!("{expected} relations");
    let shown = wait_text(&c, "#panel h3", "the narrowed count", |t| t == want).await;
    let count = |t: &str| t.split(' ').next().and_then(|n| n.parse::<usize>().ok());
    assert!(count(&shown) < count(&all), "{all} → {shown}");
    c.close().await.expect("close the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_names_render_as_text_and_run_no_script() {
    let dir = common::tempdir();
    let hostile = r#"<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>"#;
    let tsv = dir.path().join("hostile.tsv");
    let import = |db: &Path| {
        std::fs::write(
            &tsv,
            format!("{hostile}\tmet\tVladimir Putin\tPERSON\tPERSON\n"),
        )
        .expect("write triples");
        common::kg(db)
            .args(["import", "triples"])
            .arg(&tsv)
            .assert()
            .success();
    };
    let Some((_server, _driver, c)) = open_explorer(dir.path(), &[], import).await else {
        return;
    };
    open_entity(&c, "onerror", hostile).await;
    let facts = wait_text(&c, "#panel", "the hostile relation", |t| {
        t.contains("—met→ Vladimir Putin")
    })
    .await;
    assert!(facts.contains(hostile), "{facts}");
    let pwned = c
        .execute("return window.pwned === undefined", vec![])
        .await
        .expect("read window.pwned");
    assert_eq!(pwned, Value::Bool(true), "a script from the store ran");
    let images = c
        .execute(
            "return document.querySelectorAll('#panel img, #suggestions img').length",
            vec![],
        )
        .await
        .expect("count images");
    assert_eq!(images.as_u64(), Some(0), "the name became markup");
    shot(&c, "hostile").await;
    c.close().await.expect("close the session");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn merge_then_undo_from_the_explorer() {
    let dir = common::tempdir();
    let Some((_server, _driver, c)) = open_explorer(dir.path(), &["--allow-edits"], |_| {}).await
    else {
        return;
    };
    open_entity(&c, "Velayati", "Ali Akbar Velayati").await;
    type_into(&c, "#merge-into", "Putin").await;
    click(&c, "#merge").await;
    c.accept_alert().await.expect("confirm the merge");
    wait_text(&c, "#status", "the merge", |t| {
        t.starts_with("merged Ali Akbar Velayati into Vladimir Putin")
    })
    .await;
    wait_text(&c, "#panel .entity-name", "the merged entity", |t| {
        t == "Vladimir Putin"
    })
    .await;
    let log = wait_text(&c, "#curations", "the correction", |t| t.contains("merge")).await;
    assert!(!log.contains("(undone)"), "{log}");
    shot(&c, "merged").await;
    click(&c, "#curations button.undo").await;
    c.accept_alert().await.expect("confirm the undo");
    wait_text(&c, "#curations", "the undone correction", |t| {
        t.contains("(undone)")
    })
    .await;
    // Velayati is his own entity again.
    type_into(&c, "#search", "Ali Akbar Velayati").await;
    wait_text(&c, "#suggestions", "Velayati again", |t| {
        t.contains("Ali Akbar Velayati")
    })
    .await;
    c.close().await.expect("close the session");
}

/// Issue 14's 2,000-node figure, measured, not checked (ignored by default):
/// `cargo test --release --test browser -- --ignored --nocapture`. A synthetic scale-free graph
/// (`kg bench gen`, 3,000 entities) is added to the sample store; the explorer expands its
/// hub three hops deep, up to 2,000 entities; then a real pointer drags the canvas and a real
/// wheel zooms it, about a second each, while the page records its animation frames.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a measurement: run with --ignored --nocapture"]
async fn a_2000_node_view_pans_and_zooms() {
    let dir = common::tempdir();
    let tsv = dir.path().join("scale-free.tsv");
    let add_graph = |db: &Path| {
        common::kg(db)
            .args(["bench", "gen", "--nodes", "3000", "--edges", "9000", "-o"])
            .arg(&tsv)
            .assert()
            .success();
        common::kg(db)
            .args(["import", "triples"])
            .arg(&tsv)
            .assert()
            .success();
    };
    let Some((_server, _driver, c)) = open_explorer(dir.path(), &[], add_graph).await else {
        return;
    };
    type_into(&c, "#depth", "3").await;
    // KG_VIEW_NODES=50 gives the same measurement on a small view, for comparison.
    let want: usize = std::env::var("KG_VIEW_NODES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    type_into(&c, "#max-nodes", &(want - 1).to_string()).await;
    type_into(&c, "#search", "Org 4").await;
    wait_text(&c, "#suggestions", "Org 4", |t| t.contains("Org 4")).await;
    let started = Instant::now();
    click(&c, "#suggestions li[data-id]").await;
    let status = wait_text(&c, "#status", "2,000 entities", |t| {
        t.split(' ')
            .next()
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| n >= want * 95 / 100)
    })
    .await;
    let shown_ms = started.elapsed().as_millis();
    // Record every animation frame while a real pointer drags the canvas (pan) and a real
    // wheel turns over it (zoom), as a user would.
    c.execute(
        "window.__frames = []; window.__recording = true;
         let last = performance.now();
         function tick(now) {
           window.__frames.push(now - last); last = now;
           if (window.__recording) requestAnimationFrame(tick);
         }
         requestAnimationFrame(tick);",
        vec![],
    )
    .await
    .expect("start recording frames");
    // Pan from a point of the background near the centre: the rings put the hub at the centre,
    // and a drag that starts on a node moves that node (and its edges) instead of the view.
    let centre = c
        .execute(
            "const cy = window.kgExplorer.cy;
             const r = document.getElementById('graph').getBoundingClientRect();
             const boxes = cy.nodes().map((n) => n.renderedBoundingBox({ includeLabels: false }));
             const clear = (x, y) => boxes.every((b) =>
               x < b.x1 - 12 || x > b.x2 + 12 || y < b.y1 - 12 || y > b.y2 + 12);
             for (let d = 0; d < Math.min(r.width, r.height) / 3; d += 8) {
               for (const [dx, dy] of [[d, 0], [-d, 0], [0, d], [0, -d], [d, d], [-d, -d]]) {
                 const x = r.width / 2 + dx, y = r.height / 2 + dy;
                 if (clear(x, y)) return [Math.round(r.left + x), Math.round(r.top + y)];
               }
             }
             return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
            vec![],
        )
        .await
        .expect("a point of the background");
    let (x, y) = (
        centre[0].as_i64().expect("x"),
        centre[1].as_i64().expect("y"),
    );
    let step = Some(Duration::from_millis(16));
    let mut drag = MouseActions::new("mouse".to_string())
        .then(PointerAction::MoveTo {
            duration: None,
            x: x as f64,
            y: y as f64,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for i in 0..60 {
        let (dx, dy) = if i < 30 { (5.0, 3.0) } else { (-5.0, -3.0) };
        drag = drag.then(PointerAction::MoveBy {
            duration: step,
            x: dx,
            y: dy,
        });
    }
    drag = drag.then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    c.perform_actions(drag).await.expect("drag the canvas");
    let mut wheel = WheelActions::new("wheel".to_string());
    for i in 0..60 {
        wheel = wheel.then(WheelAction::Scroll {
            duration: step,
            x,
            y,
            delta_x: 0,
            delta_y: if i < 30 { -40 } else { 40 },
        });
    }
    c.perform_actions(wheel).await.expect("turn the wheel");
    // The redraw after a gesture counts too: keep recording a second after the wheel stops.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let frames = c
        .execute(
            "window.__recording = false; return window.__frames.slice(1);",
            vec![],
        )
        .await
        .expect("frames");
    let mut ms: Vec<f64> = frames
        .as_array()
        .expect("frame times")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    ms.sort_by(f64::total_cmp);
    let p = |q: f64| ms[((ms.len() as f64 * q) as usize).min(ms.len() - 1)];
    shot(&c, "2000-nodes").await;
    eprintln!(
        "{status}: shown {shown_ms} ms after the click; frames while dragging and wheeling: median {:.1} ms, p95 {:.1} ms, max {:.1} ms over {}",
        p(0.5),
        p(0.95),
        ms[ms.len() - 1],
        ms.len()
    );
    // Big views draw their edges below Cytoscape's canvas; a click on one still opens its panel.
    if want > FORCE_LAYOUT_MAX {
        click_underlay_edge(&c).await;
    }
    c.close().await.expect("close the session");
}

/// The page's `FORCE_LAYOUT_MAX`: bigger views are drawn as big views.
const FORCE_LAYOUT_MAX: usize = 400;

/// Clicks the midpoint of an edge drawn below Cytoscape's canvas (zoomed in, clear of nodes)
/// and waits for that edge's panel.
async fn click_underlay_edge(c: &Client) {
    let at = c
        .execute(
            "const { cy, underlayEdges } = window.kgExplorer;
             cy.zoom({ level: 1, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
             const boxes = cy.nodes().map((n) => n.renderedBoundingBox({ includeLabels: false }));
             const r = document.getElementById('graph').getBoundingClientRect();
             for (const e of underlayEdges()) {
               const [z, p] = [cy.zoom(), cy.pan()];
               const x = (e.from.x + e.to.x) / 2 * z + p.x, y = (e.from.y + e.to.y) / 2 * z + p.y;
               const inside = x > 20 && y > 20 && x < r.width - 20 && y < r.height - 20;
               if (inside && boxes.every((b) => x < b.x1 - 8 || x > b.x2 + 8 || y < b.y1 - 8 || y > b.y2 + 8))
                 return [r.left + x, r.top + y];
             }
             return null;",
            vec![],
        )
        .await
        .expect("an edge's midpoint");
    let (x, y) = (at[0].as_f64().expect("x"), at[1].as_f64().expect("y"));
    click_at(c, x, y).await;
    wait_text(c, "#panel .edge-title", "an edge's panel", |t| {
        t.contains('—') && t.contains('→')
    })
    .await;
}
