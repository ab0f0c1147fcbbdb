// The incident layers of an incidentmap map: numbered markers, faint footprints, arrows
// from each attack to the response, a time slider, filters by event type and actor, a
// legend, and the basemap's names. Everything it shows comes from the JSON data block
// (columns over the incidents, one table of words, shapes stored once as integer steps);
// the evidence comes from a second block, parsed when a popup first needs it. Article
// text only ever enters the page as textContent, never as HTML.
//
// Up to data.canvas_above incidents each marker is a numbered element. Above it, markers,
// footprints and arrows are drawn on one canvas: counted clusters while the view holds many,
// single markers (numbered when few) once it holds fewer than data.cluster.single_below.
function incidentmapLayers(map, data, readEvidence) {
  "use strict";
  var C = data.cols, N = data.n, W = data.words;
  var DAY = 86400000, day0 = Date.parse(data.day0);
  var big = N > data.canvas_above;
  var evidence = null;

  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }

  // ---- shapes: flat integer steps (maps/encoding.py) to [lat, lon] rings, on demand
  function decoder(block) {
    var ps = [0], rs = [0], xs = [0], i;
    for (i = 0; i < block.shapes.length; i++) { ps.push(ps[i] + block.shapes[i]); }
    for (i = 0; i < block.polys.length; i++) { rs.push(rs[i] + block.polys[i]); }
    for (i = 0; i < block.rings.length; i++) { xs.push(xs[i] + block.rings[i]); }
    var cache = {};
    return function (k) {
      if (cache[k]) { return cache[k]; }
      var out = [];
      for (var p = ps[k]; p < ps[k + 1]; p++) {
        var rings = [];
        for (var r = rs[p]; r < rs[p + 1]; r++) {
          var ring = [], x = 0, y = 0;
          for (var q = xs[r]; q < xs[r + 1]; q++) {
            x += block.xy[2 * q]; y += block.xy[2 * q + 1];
            ring.push([y / block.scale, x / block.scale]);
          }
          rings.push(ring);
        }
        out.push(rings);
      }
      cache[k] = out;
      return out;
    };
  }
  var footprint = decoder(data.footprints);

  // ---- words of a popup, built from the columns when it opens
  function iso(d) { return d === null ? null : new Date(day0 + d * DAY).toISOString().slice(0, 10); }
  function dates(k) {
    var s = iso(C.start[k]), e = iso(C.end[k]);
    if (!s) { return "date unknown"; }
    return !e || s === e ? s : s + " to " + e;
  }
  function killed(k) {
    var lo = C.killed_low[k], best = C.killed[k], hi = C.killed_high[k];
    if (!best && !hi) { return null; }          // no count given: left out, not "0"
    return lo === hi ? String(best) : lo + "–" + best + "–" + hi + " (sources disagree)";
  }
  var answers = {}, answeredBy = {};
  data.arrows.from.forEach(function (f, i) {
    var t = data.arrows.to[i];
    (answers[t] = answers[t] || []).push(f);
    (answeredBy[f] = answeredBy[f] || []).push(t);
  });
  function numbers(list) {
    return (list.length > 1 ? "incidents " + list.slice(0, -1).join(", ") + " and " + list[list.length - 1]
                            : "incident " + list[0]);
  }
  function popup(k) {
    var n = k + 1, div = el("div", "im-popup");
    el("b", "", n + ". " + (W[C.kind[k]] || "incident"), div);
    var dl = el("dl", "", null, div);
    function row(term, value) {
      if (value === null || value === undefined || value === "") { return; }
      el("dt", "", term, dl); el("dd", "", value, dl);
    }
    row("Date", dates(k));
    row("By", W[C.actor1[k]] || "not named");
    row("Against", W[C.actor2[k]]);
    row("Killed", killed(k));
    row("Injured", C.injured[k] ? String(C.injured[k]) : null);
    row("Place", W[C.place[k]]);
    row("Where", W[C.where[k]]);
    row("Article", W[C.article[k]]);
    if (answers[n]) { row("Responds to", numbers(answers[n])); }
    if (answeredBy[n]) { row("Answered by", numbers(answeredBy[n])); }
    if (!evidence) { evidence = readEvidence(); }
    el("blockquote", "", evidence[k] || "", div);
    el("div", "im-row", "Row " + C.id[k], div);
    return div;
  }
  function tooltip(k) {
    return el("span", "", (k + 1) + ". " + dates(k) + " · " + (W[C.kind[k]] || "incident") +
              (W[C.place[k]] ? " · " + W[C.place[k]] : ""));
  }
  function popupOptions() {
    // narrow screens get narrow popups; the panel is kept clear by clearPanel below
    return {maxWidth: Math.max(180, Math.min(360, map.getSize().x - 70)), autoPan: false};
  }

  // ---- what the filters let through
  var state = {until: Infinity, types: {}, actors: {}, others: true};
  var listed = {};
  data.types.forEach(function (t, i) { state.types[i] = true; });
  data.actors.forEach(function (a) { listed[a.code] = true; state.actors[a.code] = true; });
  var shown = new Uint8Array(N), shownCount = 0;
  function filter() {
    var count = 0;
    for (var k = 0; k < N; k++) {
      var s = C.start[k], a = C.actor1[k];
      var on = (s === null || s <= state.until) && state.types[C.type[k]] &&
               (listed[a] ? state.actors[a] : state.others);
      shown[k] = on ? 1 : 0;
      count += shown[k];
    }
    shownCount = count;
  }

  function color(k) { return data.types[C.type[k]].color; }
  function radiusM(k) { return data.radius_m[String(C.wp[k])] || data.radius_m["7"]; }

  // ---- small maps: one numbered element per marker, SVG footprints and arrows
  function domView() {
    var groups = [], markers = [];
    for (var k = 0; k < N; k++) {
      var group = L.layerGroup();
      var style = {color: color(k), weight: 1.5, opacity: 0.6, fillColor: color(k), fillOpacity: 0.12,
                   interactive: false, className: "im-footprint im-inc-" + (k + 1)};
      if (C.fp[k] >= 0) {
        L.polygon(footprint(C.fp[k]), style).addTo(group);
      } else {
        L.circle([C.lat[k], C.lon[k]], L.extend({radius: radiusM(k)}, style)).addTo(group);
      }
      var marker = L.marker([C.lat[k], C.lon[k]], {riseOnHover: true, icon: L.divIcon({
        className: "im-marker-icon", iconSize: [24, 24], iconAnchor: [12, 12], popupAnchor: [0, -10],
        html: '<div class="im-spot"><div class="im-marker" data-incident="' + (k + 1) + '" style="background:' +
              color(k) + '">' + (k + 1) + "</div></div>"})});
      marker.bindPopup(popup.bind(null, k), popupOptions());
      marker.bindTooltip(tooltip.bind(null, k));
      marker.addTo(group);
      groups.push(group);
      markers.push(marker);
    }
    var arrows = data.arrows.from.map(function (f, i) {
      var t = data.arrows.to[i];
      var shaft = L.polyline([[0, 0], [0, 0]], {color: "#333", weight: 2.5, opacity: 0.8, dashArray: "6 5",
                                               className: "im-arrow", interactive: false});
      var head = L.polyline([[0, 0], [0, 0]], {color: "#333", weight: 2.5, opacity: 0.8,
                                              className: "im-arrow-head", interactive: false, smoothFactor: 0});
      return {from: f - 1, to: t - 1, layer: L.layerGroup([shaft, head]), shaft: shaft, head: head};
    });
    // Arrows are laid out in screen pixels at each zoom: the head is the same size at every
    // latitude and zoom, and stops at the edge of the marker it points to, so two arrows
    // that meet at one marker end in two clean heads, not a starburst.
    function layout() {
      // Markers that fall on one spot at this zoom (one covering the centre of another) are
      // spread around it like the seeds of a sunflower, each its own target, 25 px apart;
      // the footprint and the arrows keep the true place.
      var spots = [];
      markers.forEach(function (m, k) {
        if (!m._icon) { return; }
        var p = map.latLngToLayerPoint(m.getLatLng());
        var spot = spots.filter(function (s) { return Math.abs(s.x - p.x) < 14 && Math.abs(s.y - p.y) < 14; })[0];
        if (!spot) { spots.push(spot = {x: p.x, y: p.y, members: []}); }
        spot.members.push(k);
      });
      spots.forEach(function (s) {
        s.members.forEach(function (k, i) {
          var r = s.members.length > 1 ? 14 * Math.sqrt(i + 0.6) : 0, a = i * 2.39996 - Math.PI / 2;
          markers[k]._icon.firstChild.style.transform = r ?
            "translate(" + (r * Math.cos(a)).toFixed(1) + "px," + (r * Math.sin(a)).toFixed(1) + "px)" : "";
        });
      });
      arrows.forEach(function (a) {
        var s = map.latLngToLayerPoint([C.lat[a.from], C.lon[a.from]]);
        var t = map.latLngToLayerPoint([C.lat[a.to], C.lon[a.to]]);
        var g = arrowPixels(s, t, 13);
        if (!g) { return; }
        a.shaft.setLatLngs([map.layerPointToLatLng(g.start), map.layerPointToLatLng(g.tip)]);
        a.head.setLatLngs([map.layerPointToLatLng(g.left), map.layerPointToLatLng(g.tip),
                           map.layerPointToLatLng(g.right)]);
      });
    }
    map.on("zoomend viewreset", layout);
    return {
      draw: function () {
        var drawn = 0;
        groups.forEach(function (g, k) {
          if (shown[k] && !map.hasLayer(g)) { g.addTo(map); }
          if (!shown[k] && map.hasLayer(g)) { map.removeLayer(g); }
          drawn += shown[k];
        });
        arrows.forEach(function (a) {
          var on = shown[a.from] && shown[a.to];
          if (on && !map.hasLayer(a.layer)) { a.layer.addTo(map); }
          if (!on && map.hasLayer(a.layer)) { map.removeLayer(a.layer); }
        });
        layout();
        return {markers: drawn, clusters: 0};
      },
      layout: layout,
      markers: markers
    };
  }

  // An arrow from pixel s to pixel t, its tip `gap` pixels short of t, its head 11 px long.
  function arrowPixels(s, t, gap) {
    var dx = t.x - s.x, dy = t.y - s.y, len = Math.sqrt(dx * dx + dy * dy);
    if (len < 2 * gap + 4) { return null; }
    var ux = dx / len, uy = dy / len, h = 11, w = 5.5;
    var tip = L.point(t.x - ux * gap, t.y - uy * gap);
    return {start: L.point(s.x + ux * gap, s.y + uy * gap), tip: tip,
            left: L.point(tip.x - ux * h - uy * w, tip.y - uy * h + ux * w),
            right: L.point(tip.x - ux * h + uy * w, tip.y - uy * h - ux * w)};
  }

  // ---- large maps: one canvas, clusters at low zoom, single markers at high zoom
  function canvasView() {
    var mx = new Float64Array(N), my = new Float64Array(N);
    for (var k = 0; k < N; k++) {      // Web Mercator in units of the world's width
      var s = Math.sin(Math.max(-85.0511, Math.min(85.0511, C.lat[k])) * Math.PI / 180);
      mx[k] = (C.lon[k] + 180) / 360;
      my[k] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
    }
    var cfg = data.cluster, hits = [], mode = "clusters", counts = {markers: 0, clusters: 0};
    var Layer = L.Layer.extend({
      onAdd: function () {
        this._canvas = L.DomUtil.create("canvas", "im-canvas leaflet-zoom-hide");
        map.getPanes().overlayPane.appendChild(this._canvas);
        map.on("moveend resize", this.redraw, this);
        this.redraw();
      },
      onRemove: function () {
        L.DomUtil.remove(this._canvas);
        map.off("moveend resize", this.redraw, this);
      },
      redraw: function () {
        var size = map.getSize(), ratio = window.devicePixelRatio || 1, cv = this._canvas;
        L.DomUtil.setPosition(cv, map.containerPointToLayerPoint([0, 0]));
        cv.width = size.x * ratio; cv.height = size.y * ratio;
        cv.style.width = size.x + "px"; cv.style.height = size.y + "px";
        var ctx = cv.getContext("2d");
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        counts = paint(ctx, size);
        return counts;
      }
    });
    var layer = new Layer();

    function paint(ctx, size) {
      var zoom = map.getZoom(), scale = 256 * Math.pow(2, zoom);
      var o = map.project(map.containerPointToLatLng([0, 0]), zoom);
      var pad = 40, inView = [], sx = new Float64Array(N), sy = new Float64Array(N), k;
      for (k = 0; k < N; k++) {
        if (!shown[k]) { continue; }
        var x = mx[k] * scale - o.x, y = my[k] * scale - o.y;
        sx[k] = x; sy[k] = y;
        if (x > -pad && y > -pad && x < size.x + pad && y < size.y + pad) { inView.push(k); }
      }
      hits = [];
      if (inView.length > cfg.single_below) {
        mode = "clusters";
        return paintClusters(ctx, inView, sx, sy);
      }
      mode = "markers";
      var numbered = inView.length <= cfg.numbers_below, r = numbered ? 11 : 6;
      var near = function (k) { return sx[k] > -pad && sy[k] > -pad && sx[k] < size.x + pad && sy[k] < size.y + pad; };
      ctx.lineWidth = 1.5;
      // footprints, faint, under everything; one wider than half the view only washes it
      // in colour, so it is left to the popup's words. Each distinct shape is drawn once (many
      // incidents share a province or a town's circle); with many in view, outlines only.
      var most = Math.min(size.x, size.y) / 2, done = {}, distinct = 0;
      inView.forEach(function (k) {
        var key = C.fp[k] >= 0 ? "f" + C.fp[k] : C.lat[k] + "," + C.lon[k] + "," + C.wp[k];
        if (!done[key]) { done[key] = 1; distinct++; }
      });
      var fill = distinct <= 40 ? 0.1 : 0;
      done = {};
      inView.forEach(function (k) {
        var key = C.fp[k] >= 0 ? "f" + C.fp[k] : C.lat[k] + "," + C.lon[k] + "," + C.wp[k];
        if (done[key]) { return; }
        done[key] = 1;
        var rings = null, radius = 0;
        if (C.fp[k] >= 0) {
          rings = footprint(C.fp[k]).map(function (poly) {
            return poly.map(function (ring) { return ring.map(function (p) { return map.latLngToContainerPoint(p); }); });
          });
          var b = L.bounds([].concat.apply([], rings.map(function (poly) { return poly[0]; })));
          if (Math.max(b.max.x - b.min.x, b.max.y - b.min.y) > 2 * most) { return; }
        } else {
          var mpp = 40075016.686 * Math.cos(C.lat[k] * Math.PI / 180) / scale;
          radius = Math.max(r, radiusM(k) / mpp);
          if (radius > most) { return; }
        }
        ctx.beginPath();
        if (rings) {
          rings.forEach(function (poly) {
            poly.forEach(function (ring) {
              ring.forEach(function (q, i) { if (i) { ctx.lineTo(q.x, q.y); } else { ctx.moveTo(q.x, q.y); } });
              ctx.closePath();
            });
          });
        } else {
          ctx.arc(sx[k], sy[k], radius, 0, 2 * Math.PI);
        }
        if (fill) { ctx.globalAlpha = fill; ctx.fillStyle = color(k); ctx.fill("evenodd"); }
        ctx.globalAlpha = fill ? 0.5 : 0.3; ctx.strokeStyle = color(k); ctx.lineWidth = fill ? 1.5 : 1; ctx.stroke();
      });
      ctx.globalAlpha = 0.8; ctx.strokeStyle = "#333"; ctx.fillStyle = "#333"; ctx.lineWidth = 2;
      data.arrows.from.forEach(function (f, i) {        // arrows between incidents both shown
        var a = f - 1, b = data.arrows.to[i] - 1;
        if (!shown[a] || !shown[b] || !(near(a) || near(b))) { return; }
        var g = arrowPixels(L.point(sx[a], sy[a]), L.point(sx[b], sy[b]), r + 2);
        if (!g) { return; }
        ctx.setLineDash([6, 5]); ctx.beginPath(); ctx.moveTo(g.start.x, g.start.y); ctx.lineTo(g.tip.x, g.tip.y); ctx.stroke();
        ctx.setLineDash([]); ctx.beginPath(); ctx.moveTo(g.left.x, g.left.y); ctx.lineTo(g.tip.x, g.tip.y);
        ctx.lineTo(g.right.x, g.right.y); ctx.stroke();
      });
      ctx.globalAlpha = 1; ctx.lineWidth = 1.5; ctx.strokeStyle = "#fff";
      ctx.font = "bold 10px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      inView.forEach(function (k) {
        // a marker is as wide as its number: 12345 does not spill out of its disc
        var rk = numbered ? Math.max(r, ctx.measureText(String(k + 1)).width / 2 + 4) : r;
        ctx.beginPath(); ctx.arc(sx[k], sy[k], rk, 0, 2 * Math.PI);
        ctx.fillStyle = color(k); ctx.fill(); ctx.stroke();
        if (numbered) { ctx.fillStyle = "#fff"; ctx.fillText(String(k + 1), sx[k], sy[k] + 0.5); }
        hits.push({k: k, x: sx[k], y: sy[k], r: rk + 3});
      });
      return {markers: inView.length, clusters: 0};
    }

    function paintClusters(ctx, inView, sx, sy) {
      var cell = cfg.cell_px, cells = {}, list = [];
      inView.forEach(function (k) {
        var key = Math.floor(sx[k] / cell) + ":" + Math.floor(sy[k] / cell);
        var c = cells[key];
        if (!c) {
          c = cells[key] = {n: 0, x: 0, y: 0, type: C.type[k], mixed: false, x0: Infinity, y0: Infinity,
                            x1: -Infinity, y1: -Infinity};
          list.push(c);
        }
        c.n++; c.x += sx[k]; c.y += sy[k];
        if (C.type[k] !== c.type) { c.mixed = true; }
        c.x0 = Math.min(c.x0, sx[k]); c.y0 = Math.min(c.y0, sy[k]);
        c.x1 = Math.max(c.x1, sx[k]); c.y1 = Math.max(c.y1, sy[k]);
      });
      ctx.font = "bold 11px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      list.forEach(function (c) {
        var x = c.x / c.n, y = c.y / c.n, r = 9 + 5 * Math.log10(c.n);
        ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.globalAlpha = 0.85; ctx.fillStyle = c.mixed ? "#444" : data.types[c.type].color; ctx.fill();
        ctx.globalAlpha = 1; ctx.lineWidth = 2; ctx.strokeStyle = "#fff"; ctx.stroke();
        ctx.fillStyle = "#fff";
        ctx.fillText(c.n >= 10000 ? Math.round(c.n / 1000) + "k" : c.n >= 1000 ? (c.n / 1000).toFixed(1) + "k" : String(c.n),
                     x, y + 0.5);
        hits.push({cluster: c, x: x, y: y, r: r + 2});
      });
      return {markers: 0, clusters: list.length, members: inView.length};
    }

    function hit(p) {
      var best = null, d2 = Infinity;
      hits.forEach(function (h) {
        var d = (h.x - p.x) * (h.x - p.x) + (h.y - p.y) * (h.y - p.y);
        if (d <= h.r * h.r && d < d2) { best = h; d2 = d; }
      });
      return best;
    }
    var tip = L.tooltip({direction: "top", offset: [0, -8]});
    map.on("click", function (e) {
      var h = hit(e.containerPoint);
      if (!h) { return; }
      if (h.cluster) {         // a cluster opens into the incidents it counts
        var c = h.cluster;
        map.fitBounds([map.containerPointToLatLng([c.x0, c.y0]), map.containerPointToLatLng([c.x1, c.y1])],
                      {maxZoom: Math.min(map.getMaxZoom(), map.getZoom() + 4), padding: [40, 40]});
        return;
      }
      L.popup(popupOptions()).setLatLng([C.lat[h.k], C.lon[h.k]]).setContent(popup(h.k)).openOn(map);
    });
    map.on("mousemove", function (e) {
      var h = hit(e.containerPoint);
      map.getContainer().style.cursor = h ? "pointer" : "";
      if (h && !h.cluster) {
        tip.setLatLng([C.lat[h.k], C.lon[h.k]]).setContent(tooltip(h.k));
        if (!map.hasLayer(tip)) { tip.addTo(map); }
      } else if (map.hasLayer(tip)) { map.removeLayer(tip); }
    });
    layer.addTo(map);
    return {
      draw: function () { return layer.redraw(); },
      layout: function () {},
      mode: function () { return mode; },
      counts: function () { return counts; }
    };
  }

  // ---- the basemap: land, borders, names
  var base = data.basemap, colors = data.colors;
  map.createPane("im-base").style.zIndex = 250;
  map.createPane("im-names").style.zIndex = 450;
  var countryShape = decoder(base.countries.shapes);
  var countries = base.countries.names.map(function (name, i) {
    return {name: name, rings: countryShape(i), play: base.countries.play[i]};
  });
  var baseRenderer = L.svg({pane: "im-base", padding: 0.5});
  countries.forEach(function (c) {
    L.polygon(c.rings, {pane: "im-base", renderer: baseRenderer, color: colors.border, weight: 1, interactive: false,
                        fillColor: c.play ? colors.land_in_play : colors.land, fillOpacity: 1}).addTo(map);
    var b = L.latLngBounds([]);
    c.rings.forEach(function (poly) { b.extend(L.latLngBounds(poly[0])); });
    c.bounds = b;
  });
  var admin1 = decoder(base.admin1);
  for (var a = 0; a < base.admin1.shapes.length; a++) {
    L.polygon(admin1(a), {pane: "im-base", renderer: baseRenderer, color: colors.admin1, weight: 0.6,
                          dashArray: "3 3", fill: false, interactive: false}).addTo(map);
  }
  function nameMarker(lat, lon, text, cls) {
    var span = el("span", "", text);
    return L.marker([lat, lon], {pane: "im-names", interactive: false, keyboard: false,
                                 icon: L.divIcon({className: "im-label " + cls, html: span, iconSize: null})});
  }
  var placeNames = base.labels.map(function (l) { return nameMarker(l.lat, l.lon, l.text, "im-label-admin1"); })
    .concat(data.anchors.map(function (l) { return nameMarker(l.lat, l.lon, l.text, "im-label-anchor"); }));
  placeNames.forEach(function (m) { m.addTo(map); });
  // A province's name that would sit under a numbered marker moves just below it.
  function clearNames() {
    if (big) { return; }
    var spots = [];
    for (var k = 0; k < N; k++) { if (shown[k]) { spots.push(map.latLngToContainerPoint([C.lat[k], C.lon[k]])); } }
    placeNames.forEach(function (m) {
      if (!m._icon) { return; }
      var p = map.latLngToContainerPoint(m.getLatLng());
      var under = spots.filter(function (q) { return Math.abs(q.x - p.x) < 40 && Math.abs(q.y - p.y) < 18; })[0];
      m._icon.style.marginTop = under ? (under.y - p.y + 22) + "px" : "";
    });
  }
  map.on("zoomend", clearNames);

  // Country names at every zoom: each placed inside the part of its country in view.
  var countryNames = L.layerGroup().addTo(map);
  function inside(ring, lat, lon) {
    var hit = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var yi = ring[i][0], xi = ring[i][1], yj = ring[j][0], xj = ring[j][1];
      if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) { hit = !hit; }
    }
    return hit;
  }
  function inCountry(c, lat, lon) {
    return c.rings.some(function (poly) {
      return inside(poly[0], lat, lon) && !poly.slice(1).some(function (h) { return inside(h, lat, lon); });
    });
  }
  function underPanel(p) {         // a name under the panel would be cut off: placed elsewhere
    if (!panelDiv) { return false; }
    var q = panelDiv.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
    return p.x + m.left > q.left - 50 && p.x + m.left < q.right + 50 && p.y + m.top > q.top - 12 && p.y + m.top < q.bottom + 12;
  }
  function placeCountryNames() {
    countryNames.clearLayers();
    var view = map.getBounds(), placed = [];
    var shown = countries.filter(function (c) { return c.bounds.isValid() && view.intersects(c.bounds); });
    // the biggest visible parts are named first; a name too close to one placed is left out
    shown.forEach(function (c) {
      var s = L.latLngBounds(
        [Math.max(c.bounds.getSouth(), view.getSouth()), Math.max(c.bounds.getWest(), view.getWest())],
        [Math.min(c.bounds.getNorth(), view.getNorth()), Math.min(c.bounds.getEast(), view.getEast())]);
      c.part = s;
      var p1 = map.latLngToContainerPoint(s.getNorthWest()), p2 = map.latLngToContainerPoint(s.getSouthEast());
      c.area = Math.abs((p2.x - p1.x) * (p2.y - p1.y));
    });
    shown.sort(function (a, b) { return b.area - a.area; });
    shown.forEach(function (c) {
      if (c.area < 2500) { return; }
      var s = c.part, best = null, bestD = Infinity, steps = 6;
      var cy = (s.getSouth() + s.getNorth()) / 2, cx = (s.getWest() + s.getEast()) / 2;
      for (var i = 0; i <= steps; i++) {
        for (var j = 0; j <= steps; j++) {
          var lat = s.getSouth() + (s.getNorth() - s.getSouth()) * (0.1 + 0.8 * i / steps);
          var lon = s.getWest() + (s.getEast() - s.getWest()) * (0.1 + 0.8 * j / steps);
          var d = (lat - cy) * (lat - cy) + (lon - cx) * (lon - cx);
          if (d < bestD && inCountry(c, lat, lon) && !underPanel(map.latLngToContainerPoint([lat, lon]))) {
            best = [lat, lon]; bestD = d;
          }
        }
      }
      if (!best) { return; }
      var p = map.latLngToContainerPoint(best);
      if (placed.some(function (q) { return Math.abs(q.x - p.x) < 90 && Math.abs(q.y - p.y) < 24; })) { return; }
      placed.push(p);
      nameMarker(best[0], best[1], c.name.toUpperCase(), "im-label-country").addTo(countryNames);
    });
  }
  map.on("moveend", placeCountryNames);

  // ---- the incidents
  filter();
  var view = big ? canvasView() : domView();
  var drawn = view.draw();
  function apply() {
    filter();
    drawn = view.draw();
    clearNames();
  }

  // ---- controls: time slider, filters, legend, in a panel that folds away
  var t0 = Date.parse(data.dates.min), t1 = Date.parse(data.dates.max);
  var days = data.dates.min ? Math.max(0, Math.round((t1 - t0) / DAY)) : 0;
  var narrow = map.getSize().x < 600;
  var panel = L.control({position: "topright"});
  var panelDiv, foldPanel = function () {};
  panel.onAdd = function () {
    var div = panelDiv = L.DomUtil.create("div", "im-panel" + (narrow ? " im-folded" : ""));
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    var toggle = el("button", "im-toggle", narrow ? "Key and filters" : "Hide", div);
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", narrow ? "false" : "true");
    foldPanel = function (folded) {
      div.classList.toggle("im-folded", folded);
      toggle.textContent = folded ? "Key and filters" : "Hide";
      toggle.setAttribute("aria-expanded", folded ? "false" : "true");
    };
    toggle.addEventListener("click", function () { foldPanel(!div.classList.contains("im-folded")); });
    var body = el("div", "im-body", null, div);
    var h = el("h4", "im-title", null, body);
    // the title breaks between its parts, never inside a date
    data.title.split(/(\d{4}-\d\d-\d\d)/).forEach(function (part, i) {
      el("span", i % 2 ? "im-nowrap" : "", part, h);
    });
    if (days > 0) {
      var label = el("div", "im-date", null, body);
      var slider = el("input", "im-slider", null, body);
      slider.type = "range"; slider.min = 0; slider.max = days; slider.step = 1; slider.value = days;
      slider.setAttribute("aria-label", "Show incidents that began by this date");
      var show = function () {
        state.until = Math.round((t0 - day0) / DAY) + Number(slider.value);
        label.textContent = "Incidents begun by " + iso(state.until);
        apply();
      };
      slider.addEventListener("input", show);
      label.textContent = "Incidents begun by " + data.dates.max;
    }
    if (data.undated.count) {
      // undated incidents are not on the slider: always shown, and said so
      var more = data.undated.count - data.undated.first.length;
      el("div", "im-undated", "Date unknown (always shown): " + data.undated.first.join(", ") +
         (more > 0 ? " and " + more + " more" : ""), body);
    }
    var types = el("div", "im-types", null, body);
    el("h4", "", "Event type", types);
    data.types.forEach(function (t, i) {
      var row = el("label", "", null, types);
      var box = el("input", "im-type-filter", null, row);
      box.type = "checkbox"; box.checked = true; box.value = t.name;
      box.addEventListener("change", function () { state.types[i] = box.checked; apply(); });
      el("span", "im-swatch", null, row).style.background = t.color;
      row.appendChild(document.createTextNode(t.label + " (" + t.count + ")"));
    });
    if (data.actors.length > 1 || data.actors_other) {
      var actors = el("div", "im-actors", null, body);
      el("h4", "", "Actor", actors);
      var box;
      data.actors.forEach(function (a) {
        var row = el("label", "", null, actors);
        var b = el("input", "im-actor-filter", null, row);
        b.type = "checkbox"; b.checked = true; b.value = a.label;
        b.addEventListener("change", function () { state.actors[a.code] = b.checked; apply(); });
        row.appendChild(document.createTextNode(a.label + " (" + a.count + ")"));
      });
      if (data.actors_other) {
        var row = el("label", "", null, actors);
        box = el("input", "im-actor-filter", null, row);
        box.type = "checkbox"; box.checked = true; box.value = "";
        box.addEventListener("change", function () { state.others = box.checked; apply(); });
        row.appendChild(document.createTextNode("all other actors"));
      }
    }
    el("div", "im-legend", data.legend, body);
    return div;
  };
  panel.addTo(map);

  // A popup opens fully in view and clear of the panel and the zoom buttons: moved beside
  // or below them, whichever is the shorter move; if none fits, the panel folds.
  // (Leaflet's own autopan knows no controls.)
  function overlaps(a, b) { return !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom); }
  function shifted(r, x, y) { return {left: r.left + x, right: r.right + x, top: r.top + y, bottom: r.bottom + y}; }
  function placePopup(e) {
    if (!e.popup._container) { return; }
    var p = e.popup._container.getBoundingClientRect(), m = map.getContainer().getBoundingClientRect();
    var x = 0, y = 0, gap = 10;
    if (p.right > m.right - gap) { x = m.right - gap - p.right; }
    if (p.left + x < m.left + gap) { x = m.left + gap - p.left; }
    if (p.top < m.top + gap) { y = m.top + gap - p.top; }
    else if (p.bottom > m.bottom - 25) { y = Math.max(m.top + gap - p.top, m.bottom - 25 - p.bottom); }
    function within(r) { return r.left >= m.left + gap - 0.5 && r.right <= m.right - gap + 0.5 && r.bottom <= m.bottom + 0.5; }
    for (var attempt = 0; attempt < 4; attempt++) {
      var boxes = [panelDiv, map.zoomControl && map.zoomControl.getContainer()].filter(Boolean)
        .map(function (d) { return {el: d, r: d.getBoundingClientRect()}; });
      var r = shifted(p, x, y);
      var hit = boxes.filter(function (b) { return overlaps(r, b.r); })[0];
      if (!hit) { break; }
      var q = hit.r, moves = [[q.left - gap - r.right, 0], [q.right + gap - r.left, 0], [0, q.bottom + gap - r.top]];
      var ok = moves.filter(function (mv) {
        var t = shifted(r, mv[0], mv[1]);
        return within(t) && !boxes.some(function (b) { return overlaps(t, b.r); });
      }).sort(function (u, v) { return Math.abs(u[0]) + Math.abs(u[1]) - Math.abs(v[0]) - Math.abs(v[1]); });
      if (ok.length) { x += ok[0][0]; y += ok[0][1]; continue; }
      if (hit.el !== panelDiv || panelDiv.classList.contains("im-folded")) { y += q.bottom + gap - r.top; continue; }
      foldPanel(true);
    }
    if (x || y) { map.panBy([-x, -y], {animate: false}); }
  }
  map.on("popupopen", placePopup);

  // ---- the first view: every incident in sight, none under the panel
  function fit() {
    if (!data.fit) { placeCountryNames(); return; }
    var w = panelDiv && !panelDiv.classList.contains("im-folded") ? panelDiv.offsetWidth : 0;
    var top = panelDiv ? panelDiv.offsetHeight : 0;
    map.fitBounds(data.fit, {paddingTopLeft: [45, w ? 30 : top + 20], paddingBottomRight: [w + 30, 30],
                             maxZoom: 10, animate: false});
    placeCountryNames();
    view.layout();
    clearNames();
  }
  fit();

  // When the layers were drawn, for the benchmark and for anyone timing the page.
  window.incidentmapReady = performance.now();
  var api = {
    state: state, apply: apply, fit: fit,
    // what is on the map now: incidents the filters let through, markers and clusters drawn
    counts: function () {
      var now = big ? view.counts() : drawn;     // a large map redraws itself as the view moves
      return {shown: shownCount, markers: now.markers, clusters: now.clusters, members: now.members || now.markers,
              mode: big ? view.mode() : "markers"};
    }
  };
  window.incidentmap = api;
  return api;
}
