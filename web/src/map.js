// The web map of `maillage export` (map.html). Reads the map's
// configuration and data from <script type="application/json"
// id="maillage-data"> (written by src/io/web_map.cpp) and draws it with
// Leaflet (global `L`, inlined before this module).
//
// Test hooks: window.maillageStatus = {layers: {name: drawn features},
// colors: {name: {colour: features}} (styled layers), labels: shown labels,
// base: background, errors: [...]}, copied as JSON into
// <pre id="maillage-status">. The URL hash picks the start state: "#en", or
// "#lang=en&threshold=45&popup=cantons/2&zoom=11" (open the popup of the
// third feature of layer cantons; zoom level 11).

/* global L */

const status = { layers: {}, colors: {}, labels: 0, base: 'plain', errors: window.maillageErrors || [] };

const T = {
  fr: {
    lang: 'Langue', threshold: 'Seuil', min: 'min', plain: 'Fond uni', osm: 'OpenStreetMap (en ligne)',
    noData: 'sans donnée', yes: 'oui', no: 'non', none: '—', sources: 'Sources', printed: 'Imprimé le',
  },
  en: {
    lang: 'Language', threshold: 'Threshold', min: 'min', plain: 'Plain background', osm: 'OpenStreetMap (online)',
    noData: 'no data', yes: 'yes', no: 'no', none: '—', sources: 'Sources', printed: 'Printed on',
  },
};

const hash = {};
for (const kv of location.hash.replace(/^#/, '').split('&')) {
  if (!kv) continue;
  const i = kv.indexOf('=');
  if (i < 0) hash[kv === 'en' || kv === 'fr' ? 'lang' : kv] = kv;
  else hash[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
}

let lang = hash.lang === 'en' ? 'en' : 'fr';
let D = null;
let map = null;
let control = null;
let legend = null;
let note = null;
let switches = null;
let threshold = null;
let bases = null;
const entries = [];
const byName = {};
const on = {};
const labelPane = 'maillage-labels';

function esc(s) {
  const repl = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return String(s).replace(/[&<>"']/g, (c) => repl[c]);
}
function tr(o) { return o ? (o[lang] || o.fr || '') : ''; }
function numberText(v, digits) {
  return Number(v).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits });
}
function valueText(field, v) {
  if (v === null || v === undefined) return T[lang].none;
  if (field.type === 'bool') return v ? T[lang].yes : T[lang].no;
  const unit = field.unit ? ` ${field.unit}` : '';
  if (field.type === 'real' || field.type === 'integer') {
    if (field.share) return `${numberText(v * 100, 1)} %`;
    return numberText(v, field.type === 'real' ? 2 : 0) + unit;
  }
  return String(v) + unit;
}
function fieldOf(cfg, name) { return cfg.fields.find((f) => f.name === name) || null; }

// Class of a value: lower bounds closed ([min, next min)) by default; with
// upperInclusive, upper bounds closed ((previous min, min]), e.g. "≤ 10 min".
function classColor(st, v) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '#bbbbbb';
  let c = st.classes[0].color;
  for (let i = 1; i < st.classes.length; i++) {
    const m = st.classes[i].min;
    if (st.upperInclusive ? v > m : v >= m) c = st.classes[i].color;
  }
  return c;
}
function category(st, v) { return st.categories.find((c) => c.value === v) || null; }
function featureColor(cfg, props) {
  const st = cfg.style;
  if (st.kind === 'choropleth') return classColor(st, props[st.field]);
  if (st.kind === 'categories') { const c = category(st, props[st.field]); return c ? c.color : '#888888'; }
  return st.color;
}
function shapeSvg(shape, color, size) {
  const s = size;
  const h = s / 2;
  let p;
  if (shape === 'square') p = `<rect x="2" y="2" width="${s - 4}" height="${s - 4}"`;
  else if (shape === 'triangle') p = `<polygon points="${h},1 ${s - 1},${s - 2} 1,${s - 2}"`;
  else if (shape === 'diamond') p = `<polygon points="${h},1 ${s - 1},${h} ${h},${s - 1} 1,${h}"`;
  else p = `<circle cx="${h}" cy="${h}" r="${h - 2}"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}">` +
    `${p} fill="${esc(color)}" stroke="#222" stroke-width="1.5"/></svg>`;
}

// Hatching for polygons: an SVG pattern in a hidden <svg> of the page, used
// as fill="url(#id)" by Leaflet's SVG paths and by the legend swatch.
function hatchId(cfg) { return `maillage-hatch-${cfg.name}`; }
function defineHatch(cfg) {
  const ns = 'http://www.w3.org/2000/svg';
  let defs = document.getElementById('maillage-defs');
  if (!defs) {
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '0');
    svg.setAttribute('height', '0');
    svg.setAttribute('style', 'position:absolute');
    defs = document.createElementNS(ns, 'defs');
    defs.id = 'maillage-defs';
    svg.appendChild(defs);
    document.body.appendChild(svg);
  }
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.id = hatchId(cfg);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '8');
  pattern.setAttribute('height', '8');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const line = document.createElementNS(ns, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '0');
  line.setAttribute('x2', '0');
  line.setAttribute('y2', '8');
  line.setAttribute('stroke', cfg.style.color);
  line.setAttribute('stroke-width', '2.5');
  pattern.appendChild(line);
  defs.appendChild(pattern);
}

function joinRows(t, key) {
  const other = byName[t.layer];
  if (!other || key === null || key === undefined) return [];
  const rows = other.cfg.data.features.filter((f) => f.properties[t.foreign] === key).map((f) => f.properties);
  if (t.order) {
    rows.sort((a, b) => {
      const x = a[t.order];
      const y = b[t.order];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return x < y ? -1 : 1;
    });
  }
  return rows.slice(0, t.maxRows);
}
function popupHtml(cfg, feature) {
  const p = feature.properties;
  const heading = cfg.labelField ? p[cfg.labelField] : null;
  let html = '<div class="maillage-popup">';
  html += `<b>${esc(heading !== null && heading !== undefined ? heading : tr(cfg.title))}</b>`;
  html += `<div><small>${esc(tr(cfg.title))}</small></div><table>`;
  for (const f of cfg.fields) {
    if (f.name === cfg.labelField) continue;
    const num = f.type === 'real' || f.type === 'integer';
    html += `<tr><td>${esc(tr(f.title))}</td><td${num ? ' class="num"' : ''}>${esc(valueText(f, p[f.name]))}</td></tr>`;
  }
  html += '</table>';
  for (const t of cfg.tables) {
    const other = byName[t.layer];
    if (!other) continue;
    const rows = joinRows(t, p[t.key]);
    html += `<h2>${esc(tr(t.title))}</h2>`;
    if (!rows.length) { html += `<div>${esc(T[lang].none)}</div>`; continue; }
    html += '<table class="join"><tr>';
    for (const c of t.columns) { const f = fieldOf(other.cfg, c); html += `<th>${esc(f ? tr(f.title) : c)}</th>`; }
    html += '</tr>';
    for (const r of rows) {
      html += '<tr>';
      for (const c of t.columns) {
        const f = fieldOf(other.cfg, c);
        const num = f && (f.type === 'real' || f.type === 'integer');
        html += `<td${num ? ' class="num"' : ''}>${esc(f ? valueText(f, r[c]) : r[c])}</td>`;
      }
      html += '</tr>';
    }
    html += '</table>';
  }
  return `${html}</div>`;
}

function makeLayer(cfg) {
  const st = cfg.style;
  if (st.hatch) defineHatch(cfg);
  // Many points (one per demand point) are drawn on a canvas, as small circles.
  const renderer = cfg.kind === 'point' && st.radius > 0 ? L.canvas({ padding: 0.2 }) : undefined;
  return L.geoJSON(cfg.data, {
    style: (f) => {
      const color = featureColor(cfg, f.properties);
      if (cfg.kind === 'line') return { color, weight: st.weight + 1, opacity: 0.9 };
      if (st.hatch) {
        return { color, weight: st.weight, opacity: 1, fillColor: `url(#${hatchId(cfg)})`, fillOpacity: 1 };
      }
      return {
        color: st.kind === 'plain' ? color : '#444444', weight: st.weight, opacity: 0.9,
        fillColor: color, fillOpacity: st.fillOpacity, fill: st.fillOpacity > 0,
      };
    },
    pointToLayer: (f, latlng) => {
      const color = featureColor(cfg, f.properties);
      if (renderer) {
        return L.circleMarker(latlng, {
          renderer, radius: st.radius, color: '#333333', weight: 0.6, opacity: 0.9,
          fillColor: color, fillOpacity: st.fillOpacity,
        });
      }
      let shape = 'circle';
      if (st.kind === 'categories') { const c = category(st, f.properties[st.field]); if (c) shape = c.shape; }
      return L.marker(latlng, {
        icon: L.divIcon({
          className: 'maillage-marker', html: shapeSvg(shape, color, 16),
          iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -8],
        }),
      });
    },
    onEachFeature: (f, l) => {
      if (cfg.interactive) l.bindPopup(() => popupHtml(cfg, f), { maxWidth: 420 });
    },
    interactive: cfg.interactive,
  });
}

// Names at their label point, shown from the layer's labelMinZoom on.
function makeLabels(cfg) {
  if (!cfg.labels || !cfg.labels.length) return null;
  const group = L.layerGroup();
  for (const [lat, lon, text] of cfg.labels) {
    L.marker([lat, lon], {
      pane: labelPane, interactive: false, keyboard: false,
      icon: L.divIcon({ className: 'maillage-label', html: `<span>${esc(text)}</span>`, iconSize: null }),
    }).addTo(group);
  }
  return group;
}

function activeFor(e) { return e.cfg.threshold === null || e.cfg.threshold === threshold; }

function updateLabels() {
  let shown = 0;
  for (const e of entries) {
    if (!e.labels) continue;
    const want = map.hasLayer(e.layer) && map.getZoom() >= e.cfg.labelMinZoom;
    if (want && !map.hasLayer(e.labels)) e.labels.addTo(map);
    if (!want && map.hasLayer(e.labels)) map.removeLayer(e.labels);
    if (want) shown += e.labels.getLayers().length;
  }
  status.labels = shown;
  publish();
}

function buildControl() {
  if (control) map.removeControl(control);
  const b = {};
  b[T[lang].plain] = bases.plain;
  if (bases.osm) b[T[lang].osm] = bases.osm;
  const overlays = {};
  for (const e of entries) {
    if (!activeFor(e)) continue;
    let label = tr(e.cfg.title);
    if (e.cfg.threshold !== null) label += ` (${e.cfg.threshold} ${T[lang].min})`;
    overlays[label] = e.layer;
  }
  control = L.control.layers(b, overlays, { collapsed: false, position: 'topright' }).addTo(map);
}

// Swatches blended like the map's fills, so the legend matches what is seen.
function swatch(color, opacity) {
  return `<span class="swatch"><span style="display:block;width:100%;height:100%;background:${esc(color)};` +
    `opacity:${opacity}"></span></span>`;
}
function hatchSwatch(cfg) {
  const c = esc(cfg.style.color);
  return `<svg class="hatch" width="14" height="14"><rect x="1" y="1" width="12" height="12" fill="url(#${hatchId(cfg)})" ` +
    `stroke="${c}" stroke-width="${Math.min(cfg.style.weight, 3)}"/></svg>`;
}
function outlineSwatch(cfg) {
  const st = cfg.style;
  return `<svg class="hatch" width="14" height="14"><rect x="1" y="1" width="12" height="12" fill="${esc(st.color)}" ` +
    `fill-opacity="${st.fillOpacity}" stroke="${esc(st.color)}" stroke-width="${Math.min(st.weight, 3)}"/></svg>`;
}
function classText(st, f, i) {
  const lo = st.classes[i];
  const hi = st.classes[i + 1];
  if (!hi) return i === 0 ? valueText(f, lo.min) : `${st.upperInclusive ? '>' : '≥'} ${valueText(f, lo.min)}`;
  if (i === 0) return `${st.upperInclusive ? '≤' : '<'} ${valueText(f, hi.min)}`;
  // "10 – 20 min": the unit once, after the upper bound.
  const low = f.unit && !f.share ? valueText({ ...f, unit: '' }, lo.min) : valueText(f, lo.min);
  return `${low} – ${valueText(f, hi.min)}`;
}

function buildLegend() {
  const div = legend.getContainer();
  let html = '';
  for (const e of entries) {
    const st = e.cfg.style;
    if (!map.hasLayer(e.layer)) continue;
    const suffix = e.cfg.threshold !== null ? ` (${e.cfg.threshold} ${T[lang].min})` : '';
    if (st.kind === 'plain') {
      if (!st.legendEntry) continue;
      const sym = st.hatch ? hatchSwatch(e.cfg) : outlineSwatch(e.cfg);
      html += `<div class="row">${sym}${esc(tr(st.legend))}${esc(suffix)}</div>`;
      continue;
    }
    const f = fieldOf(e.cfg, st.field);
    html += `<h2>${esc(tr(st.legend))}${esc(suffix)}</h2>`;
    if (st.kind === 'choropleth') {
      for (let i = st.classes.length - 1; i >= 0; i--) {
        html += `<div class="row">${swatch(st.classes[i].color, st.fillOpacity)}${esc(classText(st, f, i))}</div>`;
      }
      html += `<div class="row">${swatch('#bbbbbb', st.fillOpacity)}${esc(T[lang].noData)}</div>`;
    } else {
      for (const c of st.categories) {
        const sym = e.cfg.kind === 'point' ? shapeSvg(c.shape, c.color, 14)
          : swatch(c.color, e.cfg.kind === 'line' ? 1 : st.fillOpacity);
        html += `<div class="row">${sym}${esc(tr(c.label))}</div>`;
      }
    }
  }
  div.innerHTML = html;
  div.style.display = html ? '' : 'none';
}

function buildNote() {
  let html = `<h1>${esc(tr(D.title))}</h1>`;
  for (const n of D.notes[lang] || D.notes.fr) html += `<p>${esc(n)}</p>`;
  note.getContainer().innerHTML = html;
}

// The header of the printed page: title, travel model and notes, sources,
// date of printing.
function buildPrintHeader() {
  const div = document.getElementById('maillage-print');
  if (!div) return;
  let html = `<h1>${esc(tr(D.title))}</h1>`;
  for (const n of D.notes[lang] || D.notes.fr) html += `<p>${esc(n)}</p>`;
  const sources = D.sources[lang] || D.sources.fr;
  if (sources.length) html += `<p>${esc(T[lang].sources)} : ${esc(sources.join(' ; '))}</p>`;
  const today = new Date().toISOString().slice(0, 10);
  html += `<p>${esc(T[lang].printed)} ${esc(today)}</p>`;
  div.innerHTML = html;
}

function buildSwitches() {
  const div = switches.getContainer();
  let html = `<div class="maillage-lang">${esc(T[lang].lang)} `;
  for (const l of ['fr', 'en']) {
    html += `<button data-lang="${l}"${l === lang ? ' class="on"' : ''}>${l.toUpperCase()}</button>`;
  }
  html += '</div>';
  if (D.thresholds.length > 1) {
    html += `<div class="maillage-threshold">${esc(T[lang].threshold)} `;
    for (const t of D.thresholds) {
      html += `<button data-threshold="${t}"${t === threshold ? ' class="on"' : ''}>${t} ${T[lang].min}</button>`;
    }
    html += '</div>';
  }
  div.innerHTML = html;
  for (const b of div.querySelectorAll('button[data-lang]')) {
    b.addEventListener('click', () => setLanguage(b.getAttribute('data-lang')));
  }
  for (const b of div.querySelectorAll('button[data-threshold]')) {
    b.addEventListener('click', () => setThreshold(Number(b.getAttribute('data-threshold'))));
  }
}

function refresh() { buildControl(); buildLegend(); buildNote(); buildSwitches(); buildPrintHeader(); updateLabels(); }

function setThreshold(t) {
  threshold = t;
  for (const e of entries) {
    const want = activeFor(e) && on[e.cfg.group];
    if (want && !map.hasLayer(e.layer)) e.layer.addTo(map);
    if (!want && map.hasLayer(e.layer)) map.removeLayer(e.layer);
  }
  refresh();
}
function setLanguage(l) { lang = l; map.closePopup(); refresh(); }

function box(position, className) {
  const C = L.Control.extend({
    onAdd: () => {
      const d = L.DomUtil.create('div', `maillage-box ${className}`);
      L.DomEvent.disableClickPropagation(d);
      L.DomEvent.disableScrollPropagation(d);
      return d;
    },
  });
  return new C({ position });
}

function openPopup(spec) {
  const parts = spec.split('/');
  const e = byName[parts[0]];
  if (!e) { status.errors.push(`popup: no layer ${parts[0]}`); return; }
  const sub = e.layer.getLayers()[Number(parts[1])];
  if (!sub) { status.errors.push(`popup: no feature ${parts[1]} in ${parts[0]}`); return; }
  if (!map.hasLayer(e.layer)) e.layer.addTo(map);
  sub.openPopup();
}

function publish() {
  window.maillageStatus = status;
  const pre = document.getElementById('maillage-status');
  if (pre) pre.textContent = JSON.stringify(status);
}

function main() {
  D = JSON.parse(document.getElementById('maillage-data').textContent);
  threshold = D.defaultThreshold;
  if (hash.threshold && D.thresholds.indexOf(Number(hash.threshold)) >= 0) threshold = Number(hash.threshold);
  map = L.map('map', { zoomSnap: 0.25 });
  map.createPane(labelPane).style.zIndex = 450;
  // A plain background by default: the page works offline. The OSM tiles
  // are fetched only when the user picks them in the layer control.
  bases = { plain: L.layerGroup() };
  if (D.osm) {
    bases.osm = L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19, attribution: '&copy; OpenStreetMap contributors',
    });
  }
  bases.plain.addTo(map);
  map.on('baselayerchange', (ev) => { status.base = ev.layer === bases.osm ? 'osm' : 'plain'; publish(); });
  let bounds = null;
  const anyFit = D.layers.some((cfg) => cfg.fit);
  for (const cfg of D.layers) {
    try {
      const layer = makeLayer(cfg);
      const e = { cfg, layer, labels: makeLabels(cfg) };
      entries.push(e);
      byName[cfg.name] = e;
      if (on[cfg.group] === undefined) on[cfg.group] = cfg.visible;
      status.layers[cfg.name] = layer.getLayers().length;
      if (cfg.style.kind !== 'plain') {
        const counts = {};
        for (const f of cfg.data.features) {
          const c = featureColor(cfg, f.properties);
          counts[c] = (counts[c] || 0) + 1;
        }
        status.colors[cfg.name] = counts;
      }
      // The view fits the layers marked `fit` (the territory), else all.
      if (layer.getLayers().length && (cfg.fit || !anyFit)) {
        const b = layer.getBounds();
        bounds = bounds ? bounds.extend(b) : L.latLngBounds(b.getSouthWest(), b.getNorthEast());
      }
    } catch (err) {
      status.errors.push(`layer ${cfg.name}: ${(err && err.message) || err}`);
    }
  }
  const fit = () => {
    if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
    else map.setView([46.6, 2.4], 6);
  };
  fit();
  if (hash.zoom && Number.isFinite(Number(hash.zoom))) map.setZoom(Number(hash.zoom), { animate: false });
  for (const e of entries) if (activeFor(e) && on[e.cfg.group]) e.layer.addTo(map);
  map.on('overlayadd overlayremove', (ev) => {
    for (const e of entries) if (e.layer === ev.layer) on[e.cfg.group] = ev.type === 'overlayadd';
    buildLegend();
    updateLabels();
  });
  map.on('zoomend', updateLabels);
  L.control.scale({ imperial: false, position: 'bottomleft', maxWidth: 150 }).addTo(map);
  note = box('bottomleft', 'maillage-note').addTo(map);
  legend = box('bottomright', 'maillage-legend').addTo(map);
  switches = box('topleft', 'maillage-switch').addTo(map);
  // Printing (A4 landscape, CSS @media print): the map takes the page's new
  // size, the header gets today's date.
  window.addEventListener('beforeprint', () => { buildPrintHeader(); map.invalidateSize(); fit(); });
  window.addEventListener('afterprint', () => { map.invalidateSize(); fit(); });
  refresh();
  if (hash.popup) openPopup(hash.popup);
}

window.maillageSetLanguage = (l) => setLanguage(l);
window.maillageSetThreshold = (t) => setThreshold(t);
window.maillageOpenPopup = (spec) => openPopup(spec);
window.maillageStatusUpdate = publish;
try {
  main();
} catch (err) {
  status.errors.push(`init: ${(err && err.message) || err}`);
}
publish();
