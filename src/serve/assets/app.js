// kg explorer: talks to /api/ only, and writes every string from the store with textContent
// (never innerHTML), so a name like <script>alert(1)</script> is shown, not run.
'use strict';

const TYPES = {
  PERSON: { color: '#4e79a7', shape: 'ellipse' },
  COUNTRY: { color: '#e15759', shape: 'round-rectangle' },
  LOCATION: { color: '#59a14f', shape: 'triangle' },
  ORGANIZATION: { color: '#f28e2b', shape: 'diamond' },
};
const TOKEN = (document.querySelector('meta[name="kg-token"]') || {}).content || '';

const $ = (id) => document.getElementById(id);

/** An element with text (never parsed as HTML) and optional class. */
function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function clearNode(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

async function api(path, params, options) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of params || []) url.searchParams.append(k, v);
  const res = await fetch(url, options);
  const body = await res.json();
  if (!res.ok) {
    const err = new Error(body.error || res.statusText);
    err.suggestions = body.suggestions || [];
    err.status = res.status;
    throw err;
  }
  return body;
}

async function edit(path, payload) {
  return api(path, [], {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kg-token': TOKEN },
    body: JSON.stringify(payload),
  });
}

// ---- state ----
const docsOf = new Map(); // entity id → its documents, as its panel last showed them
const state = {
  expanded: new Set(), // entity ids whose neighbourhoods are on the canvas
  pinned: new Set(), // entity ids shown without expansion (search hits, path ends)
  path: null, // the last path answer
  stats: null,
};

// Node sizes: by degree (0–20+ neighbours → 18–50 px), or by PageRank relative to the
// highest on the canvas (its square root, so that the many small scores stay apart).
let topPagerank = 0;
function nodeSize(n) {
  if ($('size-by').value === 'pagerank') {
    const r = topPagerank > 0 ? Math.sqrt(n.data('pagerank') / topPagerank) : 0;
    return 18 + 32 * r;
  }
  return 18 + 32 * Math.min(n.data('degree'), 20) / 20;
}

const cy = cytoscape({
  container: $('graph'),
  wheelSensitivity: 0.3,
  maxZoom: 1.5,
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(name)',
        'background-color': (n) => (TYPES[n.data('kind')] || {}).color || '#999',
        shape: (n) => (TYPES[n.data('kind')] || {}).shape || 'ellipse',
        width: nodeSize,
        height: nodeSize,
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'min-zoomed-font-size': 7, // no labels when zoomed out too far to read them
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'mapData(confidence, 0, 1, 1, 4)',
        'line-color': '#bbb',
        'target-arrow-color': '#bbb',
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 8,
        color: '#777',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 7,
      },
    },
    // Big views: the few edges Cytoscape still draws (a path's) are straight, without arrows.
    { selector: 'edge.big', style: { 'curve-style': 'haystack', 'target-arrow-shape': 'none', label: '', width: 1 } },
    { selector: 'edge.path', style: { 'line-color': '#d62728', 'target-arrow-color': '#d62728', width: 5 } },
    { selector: 'node.path', style: { 'border-width': 4, 'border-color': '#d62728' } },
    { selector: ':selected', style: { 'border-width': 4, 'border-color': '#222', 'line-color': '#222', 'target-arrow-color': '#222' } },
  ],
});
// When the page became usable, in ms since navigation started (tests and scripts read these).
const timing = { searchReady: null, statsShown: null };
window.kgExplorer = { cy, state, timing, underlayEdges: () => underlayEdges };

// ---- edge underlay for big views ----
// Cytoscape handles and strokes each edge on its own (bounding box, styles, a path: 20–30 µs
// apiece on a software-rendered canvas), so a full redraw of a 6,000-edge view took 200–500 ms:
// the stall after a gesture. In big views the edges (but a path's) stay out of Cytoscape and are
// drawn as one batched path on a canvas under Cytoscape's, after every frame Cytoscape draws; a
// tap near one opens its panel like a tap on a Cytoscape edge.
const underlay = document.createElement('canvas');
underlay.className = 'edge-underlay';
$('graph').prepend(underlay);
/** The edges drawn below: their data (as Cytoscape edges have) and their ends' positions. */
let underlayEdges = [];
let underlayChosen = null; // the underlay edge last tapped, drawn dark

function drawUnderlay() {
  clearTimeout(settling);
  settling = null;
  drawnAt = { zoom: cy.zoom(), pan: { ...cy.pan() } };
  underlay.style.transform = '';
  const box = $('graph');
  const ratio = window.devicePixelRatio || 1;
  const [w, h] = [Math.round(box.clientWidth * ratio), Math.round(box.clientHeight * ratio)];
  if (underlay.width !== w || underlay.height !== h) {
    underlay.width = w;
    underlay.height = h;
    underlay.style.width = `${box.clientWidth}px`;
    underlay.style.height = `${box.clientHeight}px`;
  }
  const ctx = underlay.getContext('2d');
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  if (underlayEdges.length === 0) return;
  const zoom = cy.zoom() * ratio;
  const pan = cy.pan();
  ctx.setTransform(zoom, 0, 0, zoom, pan.x * ratio, pan.y * ratio);
  ctx.lineWidth = Math.max(1, 0.5 / zoom); // 1 unit, but never under half a pixel
  ctx.strokeStyle = '#bbb';
  ctx.beginPath();
  for (const { from, to } of underlayEdges) {
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
  }
  ctx.stroke();
  if (underlayChosen) {
    ctx.lineWidth = Math.max(4, 3 / zoom);
    ctx.strokeStyle = '#222';
    ctx.beginPath();
    ctx.moveTo(underlayChosen.from.x, underlayChosen.from.y);
    ctx.lineTo(underlayChosen.to.x, underlayChosen.to.y);
    ctx.stroke();
  }
}
// While the view pans or zooms, the last drawing is moved and scaled by CSS (the compositor's
// work, no redraw: 6,000 segments cost 10–30 ms a frame here); once the view has been still for
// 150 ms it is drawn again, sharp. Any other frame (a node dragged, a style changed) redraws it.
let drawnAt = null; // the viewport of the last drawing
let settling = null; // the timer of the redraw after a pan or zoom
cy.on('viewport', () => {
  if (!drawnAt || underlayEdges.length === 0) return;
  const scale = cy.zoom() / drawnAt.zoom;
  const pan = cy.pan();
  underlay.style.transform = `translate(${pan.x - drawnAt.pan.x * scale}px, ${pan.y - drawnAt.pan.y * scale}px) scale(${scale})`;
  clearTimeout(settling);
  settling = setTimeout(drawUnderlay, 150);
});
cy.on('render', () => {
  if (!settling) drawUnderlay();
});

/** The underlay edge within a few pixels of a model position, if any (the nearest). */
function underlayEdgeAt(p) {
  const reach = 5 / cy.zoom();
  let best = null;
  let bestDistance = reach * reach;
  for (const e of underlayEdges) {
    const [ax, ay, bx, by] = [e.from.x, e.from.y, e.to.x, e.to.y];
    const [dx, dy] = [bx - ax, by - ay];
    const length = dx * dx + dy * dy;
    const t = length > 0 ? Math.max(0, Math.min(1, ((p.x - ax) * dx + (p.y - ay) * dy) / length)) : 0;
    const [ex, ey] = [ax + t * dx - p.x, ay + t * dy - p.y];
    if (ex * ex + ey * ey < bestDistance) {
      bestDistance = ex * ex + ey * ey;
      best = e;
    }
  }
  return best;
}

/** Edges on the canvas, Cytoscape's and the underlay's. */
function edgesShown() {
  return cy.edges().length + underlayEdges.length;
}

// ---- filters ----
function filterParams() {
  const p = [];
  const since = $('since').value.trim();
  const until = $('until').value.trim();
  if (since) p.push(['since', since]);
  if (until) p.push(['until', until]);
  const conf = Number($('min-conf').value);
  if (conf > 0) p.push(['min_confidence', String(conf)]);
  const labels = [...document.querySelectorAll('#labels input')];
  if (labels.some((c) => !c.checked)) {
    const on = labels.filter((c) => c.checked).map((c) => c.value);
    // No label at all: ask for an impossible pair so that nothing passes.
    if (on.length === 0) p.push(['relation', 'met'], ['exclude_relation', 'met']);
    for (const l of on) p.push(['relation', l]);
  }
  return p;
}

/** The panel's type filter: the API keeps the facts whose other end is of these types. */
function typeParams() {
  const boxes = [...document.querySelectorAll('#types input')];
  if (boxes.every((c) => c.checked)) return [];
  return boxes.filter((c) => c.checked).map((c) => ['type', c.value]);
}

function typesShown() {
  return new Set([...document.querySelectorAll('#types input')].filter((c) => c.checked).map((c) => c.value));
}

function checkbox(container, value, text) {
  const label = el('label');
  const box = el('input');
  box.type = 'checkbox';
  box.checked = true;
  box.value = value;
  box.addEventListener('change', filtersChanged);
  label.append(box, el('span', text));
  container.append(label);
}

function dayIndex(iso) {
  return Math.round(Date.parse(iso.slice(0, 10)) / 86400000);
}

async function loadStats() {
  const s = await api('/api/stats');
  state.stats = s;
  for (const t of s.types) checkbox($('types'), t, t.toLowerCase());
  for (const l of s.labels) if (s.relations[l]) checkbox($('labels'), l, `${l} (${s.relations[l]})`);
  const legend = $('legend');
  for (const t of s.types) {
    const row = el('div');
    const sw = el('span', '', 'swatch');
    sw.style.background = TYPES[t].color;
    row.append(sw, el('span', `${t.toLowerCase()} (${TYPES[t].shape})`));
    legend.append(row);
  }
  legend.append(el('div', 'width: confidence · red: path', 'muted'));
  if (s.dates.first && s.dates.last) {
    // Two sliders over the document dates: the earliest and the latest day kept (at either
    // end, no bound).
    const days = dayIndex(s.dates.last) - dayIndex(s.dates.first);
    const day = (slider) => new Date((dayIndex(s.dates.first) + Number(slider.value)) * 86400000).toISOString().slice(0, 10);
    const since = $('date-slider');
    const until = $('date-slider-until');
    since.max = String(days);
    until.max = String(days);
    until.value = String(days);
    since.addEventListener('input', () => {
      $('since').value = Number(since.value) > 0 ? day(since) : '';
    });
    until.addEventListener('input', () => {
      $('until').value = Number(until.value) < days ? day(until) : '';
    });
    since.addEventListener('change', filtersChanged);
    until.addEventListener('change', filtersChanged);
  }
  if (s.edits) {
    $('edits').hidden = false;
    loadCurations();
  }
  setStatus(`${s.documents} documents · ${s.graph.nodes} entities · ${s.graph.edges} relations in the store`);
  timing.statsShown = performance.now();
}

// ---- canvas ----
function setStatus(text, isError) {
  const st = $('status');
  st.textContent = text;
  st.className = isError ? 'error' : '';
}

function nodeData(e, degree, distance, pagerank) {
  return { id: `n${e.id}`, entity: e.id, name: e.name, kind: e.kind, degree: degree || 0, distance: distance || 0, pagerank: pagerank || 0 };
}

/** Past this many nodes the canvas uses rings by distance (instant) instead of a force layout. */
const FORCE_LAYOUT_MAX = 400;

function edgeId(e) {
  return `e${e.subject}-${e.label}-${e.object}`;
}

let refreshSeq = 0; // numbers the refreshes, so that only the latest one draws

/** Rebuilds the canvas from the neighbourhoods of every expanded entity, under the filters. */
async function refresh() {
  const seq = ++refreshSeq;
  const params = filterParams();
  const types = typesShown();
  const nodes = new Map();
  const edges = new Map();
  try {
    for (const id of state.expanded) {
      const limit = $('max-nodes').value || '300';
      const hood = await api('/api/neighbors', [['entity', `#${id}`], ['limit', limit], ['depth', $('depth').value || '1'], ...params]);
      for (const n of hood.nodes) {
        const seen = nodes.get(n.id);
        if (!seen || seen.distance > n.distance) nodes.set(n.id, nodeData(n, n.degree, n.distance, n.pagerank));
      }
      for (const e of hood.edges) edges.set(edgeId(e), e);
    }
    for (const id of state.pinned) {
      if (!nodes.has(id)) {
        const info = await api(`/api/entity/${id}`);
        nodes.set(id, nodeData(info.entity, 0, 0, info.pagerank));
      }
    }
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  if (seq !== refreshSeq) return; // a newer refresh (another filter, another expansion) draws
  for (const [id, n] of nodes) if (!types.has(n.kind) && !state.expanded.has(id)) nodes.delete(id);
  const big = nodes.size > FORCE_LAYOUT_MAX;
  const onPath = new Set();
  for (const p of (state.path || {}).paths || []) {
    for (const h of p.hops) onPath.add(h.forward ? `e${h.from.id}-${h.relation}-${h.to.id}` : `e${h.to.id}-${h.relation}-${h.from.id}`);
  }
  const elements = [];
  const below = [];
  topPagerank = 0;
  for (const n of nodes.values()) {
    elements.push({ group: 'nodes', data: n });
    topPagerank = Math.max(topPagerank, n.pagerank);
  }
  for (const [id, e] of edges) {
    if (!nodes.has(e.subject) || !nodes.has(e.object)) continue;
    const data = { id, source: `n${e.subject}`, target: `n${e.object}`, subject: e.subject, object: e.object, label: e.label, confidence: e.max_confidence, support: e.support };
    if (big && !onPath.has(id)) below.push(data);
    else elements.push({ group: 'edges', data });
  }
  const before = new Map(cy.nodes().map((n) => [n.id(), n.position()]));
  const pinned = new Set(cy.nodes(':locked').map((n) => n.id()));
  cy.elements().remove();
  cy.add(elements);
  cy.nodes().filter((n) => pinned.has(n.id())).lock();
  const fresh = cy.nodes().filter((n) => !before.has(n.id()));
  for (const n of cy.nodes()) if (before.has(n.id()) && !n.locked()) n.position(before.get(n.id()));
  for (const n of cy.nodes(':locked')) {
    n.unlock();
    n.position(before.get(n.id()));
    n.lock();
  }
  // Big views: no labels or redraws while panning and zooming, so they stay fluid.
  // (Cytoscape takes these as start-up options; its renderer reads them on every frame.)
  const r = cy.renderer();
  r.hideEdgesOnViewport = big;
  r.textureOnViewport = big;
  // ...and no layered texture cache: building its layer for a big view took 200–500 ms in one
  // frame, after every change of zoom level or style, more than drawing the nodes directly.
  if (big) r.drawLayeredElements = r.drawCachedElements;
  else delete r.drawLayeredElements; // the prototype's again
  // ...nor per-node bitmaps: copying 2,000 of them (scaled down to a few pixels) took 200–300
  // ms in the first frame of a gesture; drawing the nodes' shapes directly is cheaper.
  if (!r.data.eleTxrCache.usualIsVisible) r.data.eleTxrCache.usualIsVisible = r.data.eleTxrCache.isVisible;
  r.data.eleTxrCache.isVisible = big ? () => false : r.data.eleTxrCache.usualIsVisible;
  if (big) cy.elements().addClass('big');
  if (fresh.length > 0) {
    const layout = big
      ? { name: 'concentric', concentric: (n) => 100 - n.data('distance'), levelWidth: () => 1, minNodeSpacing: 4, animate: false, fit: true, padding: 30 }
      : { name: 'cose', animate: false, randomize: before.size === 0, fit: true, padding: 30 };
    cy.layout(layout).run();
  }
  // position() is the node's own position object, so a dragged node drags its edges too.
  underlayEdges = below.map((data) => ({ data, from: cy.$id(data.source).position(), to: cy.$id(data.target).position() }));
  underlayChosen = null;
  drawUnderlay();
  if (state.path) highlightPath(state.path);
  // A big view's first frames are slow (every node drawn, styles computed); say "shown" once
  // they are over, so the count means a view ready to pan and zoom.
  if (big) await renderSettled();
  if (seq !== refreshSeq) return;
  setStatus(`${cy.nodes().length} entities · ${edgesShown()} relations shown`);
}

/** Resolves once Cytoscape has drawn no frame for 200 ms (at most 3 s). */
function renderSettled() {
  return new Promise((resolve) => {
    let quiet;
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(cap);
      cy.off('render', onRender);
      resolve();
    };
    const onRender = () => {
      clearTimeout(quiet);
      quiet = setTimeout(done, 200);
    };
    const cap = setTimeout(done, 3000);
    cy.on('render', onRender);
    onRender();
  });
}

async function expand(id) {
  state.expanded.add(id);
  await refresh();
}

cy.on('tap', 'node', (ev) => showEntity(ev.target.data('entity')));
cy.on('dbltap', 'node', (ev) => expand(ev.target.data('entity')));
cy.on('tap', 'edge', (ev) => showEdge(ev.target.data()));
cy.on('tap', (ev) => {
  if (ev.target !== cy || underlayEdges.length === 0) return;
  underlayChosen = underlayEdgeAt(ev.position);
  drawUnderlay();
  if (underlayChosen) showEdge(underlayChosen.data);
});
$('fit').addEventListener('click', () => cy.fit(undefined, 30));
$('clear').addEventListener('click', () => {
  state.expanded.clear();
  state.pinned.clear();
  state.path = null;
  clearNode($('path-result'));
  refresh();
});

// ---- search ----
/**
 * Suggestions under `input` in `list` as the user types (names and aliases, /api/search);
 * arrow keys move, Enter or a click calls `onPick(hit)`, Escape closes.
 */
function suggestInto(input, list, onPick) {
  let seq = 0;
  input.addEventListener('input', async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      clearNode(list);
      return;
    }
    let answer;
    try {
      answer = await api('/api/search', [['q', q], ['limit', '10']]);
    } catch (err) {
      setStatus(err.message, true);
      return;
    }
    if (mine !== seq) return; // a newer keystroke answered first
    clearNode(list);
    for (const hit of answer.hits) {
      const li = el('li');
      li.append(el('span', hit.name), el('span', ` ${hit.kind.toLowerCase()}`, 'kind'));
      if (hit.matched !== hit.name) li.append(el('span', ` (${hit.matched})`, 'kind'));
      li.dataset.id = hit.id;
      li.addEventListener('click', () => {
        clearNode(list);
        onPick(hit);
      });
      list.append(li);
    }
    if (answer.hits.length === 0) {
      const li = el('li', answer.suggestions.length ? `No match. Did you mean: ${answer.suggestions.join(', ')}?` : 'No match.', 'muted');
      list.append(li);
    }
  });
  input.addEventListener('keydown', (ev) => {
    const items = [...list.querySelectorAll('li[data-id]')];
    const at = items.findIndex((li) => li.classList.contains('active'));
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (items.length === 0) return;
      ev.preventDefault();
      const next = ev.key === 'ArrowDown' ? (at + 1) % items.length : (at <= 0 ? items.length : at) - 1;
      items.forEach((li, i) => li.classList.toggle('active', i === next));
    } else if (ev.key === 'Enter') {
      const chosen = items[at] || items[0];
      if (chosen) chosen.click();
    } else if (ev.key === 'Escape') {
      clearNode(list);
    }
  });
}

suggestInto($('search'), $('suggestions'), pick);

// A path end picked from the suggestions is sent by its handle (#ID), so a name two entities
// share still names the one picked; typing again drops the pick.
for (const id of ['path-from', 'path-to']) {
  const input = $(id);
  suggestInto(input, $(`${id}-suggestions`), (hit) => {
    input.value = hit.name;
    input.dataset.picked = String(hit.id);
    input.dataset.pickedName = hit.name;
  });
  input.addEventListener('input', () => delete input.dataset.picked);
}

/** What a path input names: the picked entity's handle, or the text typed. */
function pathEnd(input) {
  const value = input.value.trim();
  return input.dataset.picked && value === input.dataset.pickedName ? `#${input.dataset.picked}` : value;
}

async function pick(hit) {
  $('search').value = hit.name;
  state.pinned.add(hit.id);
  await expand(hit.id);
  cy.$id(`n${hit.id}`).select();
  showEntity(hit.id);
}

// ---- panels ----
/** A button that opens a document with its mentions marked. */
function docLink(name) {
  const b = el('button', name, 'doc-link');
  b.type = 'button';
  b.addEventListener('click', () => showDocument(name));
  return b;
}

async function showDocument(name) {
  panelEntity = null;
  let doc;
  try {
    doc = await api('/api/document', [['name', name]]);
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  const panel = $('panel');
  clearNode(panel);
  panel.append(el('h2', doc.title || doc.name, 'doc-title'));
  panel.append(el('div', [doc.name, doc.date, doc.url].filter(Boolean).join(' · '), 'meta'));
  const body = el('div', null, 'doc-text');
  for (const p of doc.pieces) {
    if (!p.entity) {
      body.append(p.text);
      continue;
    }
    const mark = el('mark', p.text);
    mark.title = `${p.entity.name} (${p.entity.kind.toLowerCase()})`;
    mark.style.background = `${(TYPES[p.entity.kind] || {}).color || '#999'}44`;
    mark.addEventListener('click', () => showEntity(p.entity.id));
    body.append(mark);
  }
  panel.append(body);
}

function factLine(f) {
  const box = el('div', null, 'fact');
  box.append(el('div', `${f.subject} —${f.relation}→ ${f.object}`));
  box.append(el('div', `“${f.evidence}”`, 'evidence'));
  const date = f.date ? `, ${f.date}` : '';
  const meta = el('div', `${f.predicate} · `, 'meta');
  meta.append(docLink(f.document), `${date} · confidence ${f.confidence.toFixed(2)}`);
  box.append(meta);
  return box;
}

let panelEntity = null; // the entity whose panel is shown, redrawn when a filter changes

/** Redraws the canvas, and the entity panel, under the filters as they are now. */
function filtersChanged() {
  refresh();
  if (panelEntity !== null) showEntity(panelEntity);
}

async function showEntity(id) {
  const panel = $('panel');
  let info;
  try {
    info = await api(`/api/entity/${id}`, [...filterParams(), ...typeParams()]);
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  // No type ticked: no other end passes (the API reads no type as every type).
  if (!document.querySelector('#types input:checked')) info.facts = [];
  panelEntity = id;
  clearNode(panel);
  const e = info.entity;
  panel.append(el('h2', e.name, 'entity-name'));
  panel.append(el('div', `${e.kind.toLowerCase()}${e.kb_key ? ` · ${e.kb_key}` : ''} · #${e.id}`, 'meta'));
  panel.append(el('div', `Aliases: ${info.aliases.join(', ')}`));
  const docs = el('div', `${info.mentions} mentions in ${info.documents.length} documents: `, 'meta');
  for (const d of info.documents) docs.append(docLink(d), ' ');
  panel.append(docs);
  const expandBtn = el('button', state.expanded.has(e.id) ? 'Collapse' : 'Expand neighbours');
  expandBtn.id = 'expand';
  expandBtn.type = 'button';
  expandBtn.addEventListener('click', async () => {
    if (state.expanded.has(e.id)) state.expanded.delete(e.id);
    else state.expanded.add(e.id);
    state.pinned.add(e.id);
    await refresh();
    showEntity(e.id);
  });
  const node = cy.$id(`n${e.id}`);
  const pinBtn = el('button', node.nonempty() && node.locked() ? 'Unpin' : 'Pin');
  pinBtn.id = 'pin';
  pinBtn.type = 'button';
  pinBtn.title = 'Keep this node where it is when the layout runs again';
  pinBtn.addEventListener('click', () => {
    const n = cy.$id(`n${e.id}`);
    if (n.empty()) return;
    if (n.locked()) n.unlock();
    else n.lock();
    pinBtn.textContent = n.locked() ? 'Unpin' : 'Pin';
  });
  panel.append(expandBtn, ' ', pinBtn);
  docsOf.set(e.id, info.documents);
  if (state.stats && state.stats.edits) panel.append(editBox(e));
  const groups = new Map();
  for (const f of info.facts) {
    if (!groups.has(f.relation)) groups.set(f.relation, []);
    groups.get(f.relation).push(f);
  }
  panel.append(el('h3', `${info.facts.length} relations`));
  for (const [label, facts] of groups) {
    panel.append(el('h3', `${label} (${facts.length})`));
    for (const f of facts) panel.append(factLine(f));
  }
}

async function showEdge(d) {
  const panel = $('panel');
  panelEntity = null;
  let answer;
  try {
    answer = await api('/api/relations', [['subject', `#${d.subject}`], ['object', `#${d.object}`], ['relation', d.label], ['limit', '500'], ...filterParams().filter(([k]) => k !== 'relation' && k !== 'exclude_relation')]);
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  clearNode(panel);
  const s = cy.$id(`n${d.subject}`).data('name');
  const o = cy.$id(`n${d.object}`).data('name');
  panel.append(el('h2', `${s} —${d.label}→ ${o}`, 'edge-title'));
  panel.append(el('div', `${answer.count} sentence(s) behind this edge`, 'meta'));
  for (const f of answer.relations) panel.append(factLine(f));
}

// ---- path ----
function highlightPath(answer) {
  cy.elements().removeClass('path');
  for (const p of answer.paths) {
    for (const h of p.hops) {
      cy.$id(`n${h.from.id}`).addClass('path');
      cy.$id(`n${h.to.id}`).addClass('path');
      const [s, o] = h.forward ? [h.from.id, h.to.id] : [h.to.id, h.from.id];
      cy.$id(`e${s}-${h.relation}-${o}`).addClass('path');
    }
  }
}

$('path-go').addEventListener('click', async () => {
  const out = $('path-result');
  clearNode(out);
  const mode = $('path-mode').value;
  const params = [['from', pathEnd($('path-from'))], ['to', pathEnd($('path-to'))], ['mode', mode], ...filterParams()];
  if (mode === 'k') params.push(['k', '3']);
  let answer;
  try {
    answer = await api('/api/path', params);
  } catch (err) {
    out.append(el('div', err.message, 'error'));
    return;
  }
  if (answer.paths.length === 0) {
    out.append(el('div', answer.reason || 'no path', 'error'));
    return;
  }
  state.path = answer;
  for (const p of answer.paths) {
    for (const h of p.hops) {
      state.expanded.add(h.from.id);
      state.pinned.add(h.from.id);
      state.pinned.add(h.to.id);
    }
  }
  await refresh();
  answer.paths.forEach((p, i) => {
    const names = p.hops.map((h) => h.from.name).concat([p.hops[p.hops.length - 1].to.name]);
    out.append(el('div', `${answer.paths.length > 1 ? `${i + 1}. ` : ''}${names.join(' → ')} (${p.length} hops)`, 'path-summary'));
    for (const h of p.hops) {
      const box = el('div', null, 'hop');
      box.append(el('div', h.forward ? `${h.from.name} —${h.relation}→ ${h.to.name}` : `${h.from.name} ←${h.relation}— ${h.to.name}`));
      box.append(el('div', `“${h.evidence}”`, 'evidence'));
      box.append(el('div', `${h.predicate} · ${h.support} sentence(s) · ${h.document}${h.date ? ` (${h.date})` : ''} · confidence ${h.confidence.toFixed(2)}`, 'meta'));
      out.append(box);
    }
  });
  const shown = cy.$('.path').length;
  setStatus(`${cy.nodes().length} entities · ${edgesShown()} relations shown · path of ${answer.paths[0].length} hops highlighted (${shown} elements)`);
});

// ---- export ----
function download(blob, name) {
  const a = el('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

$('export-png').addEventListener('click', async () => {
  if (underlayEdges.length === 0) {
    download(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'kg-view.png');
    return;
  }
  // A big view: the window as shown, with the edges drawn below Cytoscape's canvas (the whole
  // graph at scale 2 would be a canvas too big for the browser).
  const image = document.createElement('canvas');
  image.width = underlay.width;
  image.height = underlay.height;
  const ctx = image.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, image.width, image.height);
  ctx.drawImage(underlay, 0, 0);
  const nodes = await createImageBitmap(await cy.png({ output: 'blob-promise', full: false }));
  ctx.drawImage(nodes, 0, 0, image.width, image.height);
  image.toBlob((blob) => download(blob, 'kg-view.png'), 'image/png');
});
for (const button of document.querySelectorAll('button.export')) {
  button.addEventListener('click', async () => {
    const ids = cy.nodes().map((n) => n.data('entity'));
    if (ids.length === 0) {
      setStatus('nothing to export: the canvas is empty', true);
      return;
    }
    const url = new URL('/api/export', window.location.origin);
    for (const [k, v] of [['format', button.dataset.format], ['ids', ids.join(',')], ...filterParams()]) url.searchParams.append(k, v);
    const res = await fetch(url);
    if (!res.ok) {
      setStatus((await res.json()).error || res.statusText, true);
      return;
    }
    download(await res.blob(), `kg-view.${button.dataset.format === 'json' ? 'json' : button.dataset.format}`);
  });
}

// ---- filters ----
$('min-conf').addEventListener('input', () => {
  $('min-conf-value').textContent = $('min-conf').value;
});
$('min-conf').addEventListener('change', filtersChanged);
for (const id of ['since', 'until']) $(id).addEventListener('change', filtersChanged);
for (const id of ['depth', 'max-nodes']) $(id).addEventListener('change', refresh);
$('size-by').addEventListener('change', () => cy.style().update());
$('reset-filters').addEventListener('click', () => {
  $('since').value = '';
  $('until').value = '';
  $('date-slider').value = '0';
  $('date-slider-until').value = $('date-slider-until').max;
  $('min-conf').value = '0';
  $('min-conf-value').textContent = '0';
  for (const c of document.querySelectorAll('#types input, #labels input')) c.checked = true;
  filtersChanged();
});

// ---- corrections (with --allow-edits) ----
function editBox(e) {
  const box = el('div', null, 'editbox');
  box.append(el('h3', 'Correct'));
  const into = el('input');
  into.placeholder = 'Merge into… (name)';
  into.id = 'merge-into';
  const mergeBtn = el('button', 'Merge');
  mergeBtn.id = 'merge';
  mergeBtn.type = 'button';
  mergeBtn.addEventListener('click', async () => {
    const target = into.value.trim();
    if (!target || !window.confirm(`Merge ${e.name} into ${target}?`)) return;
    try {
      const r = await edit('/api/merge', { from: `#${e.id}`, into: target });
      state.expanded.delete(e.id);
      state.pinned.delete(e.id);
      state.expanded.add(r.into.id);
      await refresh();
      setStatus(`merged ${r.from.name} into ${r.into.name} (correction ${r.curation})`);
      loadCurations();
      showEntity(r.into.id);
    } catch (err) {
      setStatus(err.message, true);
    }
  });
  const alias = el('input');
  alias.placeholder = 'Another name';
  const aliasBtn = el('button', 'Add alias');
  aliasBtn.type = 'button';
  aliasBtn.addEventListener('click', async () => {
    const name = alias.value.trim();
    if (!name || !window.confirm(`Add "${name}" as a name of ${e.name}?`)) return;
    try {
      const r = await edit('/api/alias', { entity: `#${e.id}`, name });
      setStatus(`added an alias (correction ${r.curation})`);
      loadCurations();
      showEntity(e.id);
    } catch (err) {
      setStatus(err.message, true);
    }
  });
  // Split: the mentions in the ticked documents become a new entity.
  const split = el('details');
  split.append(el('summary', 'Split by document'));
  const boxes = [];
  for (const d of docsOf.get(e.id) || []) {
    const label = el('label');
    const tick = el('input');
    tick.type = 'checkbox';
    tick.value = d;
    boxes.push(tick);
    label.append(tick, el('span', ` ${d}`));
    split.append(label, el('br'));
  }
  const newName = el('input');
  newName.placeholder = 'Name of the other entity';
  const splitBtn = el('button', 'Split');
  splitBtn.type = 'button';
  splitBtn.addEventListener('click', async () => {
    const documents = boxes.filter((b) => b.checked).map((b) => b.value);
    const name = newName.value.trim();
    if (!name || documents.length === 0) {
      setStatus('tick documents and give a name to split', true);
      return;
    }
    if (!window.confirm(`Move the mentions of ${e.name} in ${documents.length} document(s) to a new entity ${name}?`)) return;
    try {
      const r = await edit('/api/split', { entity: `#${e.id}`, documents, name });
      await refresh();
      loadCurations();
      showEntity(e.id);
      setStatus(`split ${r.entity.name} (correction(s) ${r.curations.join(', ')})`);
    } catch (err) {
      setStatus(err.message, true);
    }
  });
  split.append(newName, splitBtn);
  box.append(into, mergeBtn, el('br'), alias, aliasBtn, split);
  return box;
}

async function loadCurations() {
  const list = $('curations');
  let answer;
  try {
    answer = await api('/api/curations');
  } catch (err) {
    setStatus(err.message, true);
    return;
  }
  clearNode(list);
  for (const c of answer.curations) {
    const li = el('li', `${c.id}. ${c.action} ${c.from_identity} → ${c.into_identity}${c.undone_at ? ' (undone)' : ''}`);
    if (!c.undone_at) {
      const undo = el('button', 'Undo');
      undo.type = 'button';
      undo.className = 'undo';
      undo.addEventListener('click', async () => {
        if (!window.confirm(`Undo correction ${c.id}?`)) return;
        try {
          await edit('/api/undo', { id: c.id });
          await refresh();
          setStatus(`undid correction ${c.id}`);
          loadCurations();
        } catch (err) {
          setStatus(err.message, true);
        }
      });
      li.append(' ', undo);
    }
    list.append(li);
  }
}

loadStats().catch((err) => setStatus(err.message, true));
timing.searchReady = performance.now(); // every handler is attached
