// The incident layers of an incidentmap map: numbered markers, faint footprints, arrows
// from each attack to the response, a time slider, filters by event type and actor, and a
// legend. Everything it shows comes from the JSON block it is given; text in that block is
// already HTML-escaped, and the block itself is parsed as data, never run.
function incidentmapLayers(map, data) {
  "use strict";
  var layers = {};   // incident number -> L.LayerGroup
  var byN = {};
  var canvas = data.incidents.length > data.canvas_above ? L.canvas({padding: 0.3}) : null;

  data.incidents.forEach(function (inc) {
    byN[inc.n] = inc;
    var group = L.layerGroup();
    var style = {color: inc.color, weight: 1.5, opacity: 0.6, fillColor: inc.color, fillOpacity: 0.12,
                 className: "im-footprint im-inc-" + inc.n};
    if (canvas) { style.renderer = canvas; }
    if (inc.footprint) {
      L.geoJSON(inc.footprint, {style: function () { return style; }, interactive: false}).addTo(group);
    } else if (inc.radius_m) {
      L.circle([inc.lat, inc.lon], L.extend({radius: inc.radius_m, interactive: false}, style)).addTo(group);
    }
    var marker;
    if (canvas) {
      marker = L.circleMarker([inc.lat, inc.lon], {renderer: canvas, radius: 6, color: "#fff", weight: 1,
                                                   fillColor: inc.color, fillOpacity: 0.95});
    } else {
      marker = L.marker([inc.lat, inc.lon], {icon: L.divIcon({
        className: "im-marker-icon", iconSize: [24, 24], iconAnchor: [12, 12], popupAnchor: [0, -10],
        html: '<div class="im-marker" data-incident="' + inc.n + '" style="background:' + inc.color + '">'
              + inc.n + "</div>"})});
    }
    marker.bindPopup(inc.popup, {maxWidth: 360});
    marker.bindTooltip(inc.tooltip);
    marker.addTo(group);
    layers[inc.n] = group;
    group.addTo(map);
  });

  var arrows = data.arrows.map(function (a) {
    var s = byN[a.from], t = byN[a.to];
    var dx = t.lon - s.lon, dy = t.lat - s.lat, len = Math.sqrt(dx * dx + dy * dy) || 1;
    var head = Math.min(0.12 * len, 0.6), ux = dx / len, uy = dy / len, c = Math.cos(0.45), sn = Math.sin(0.45);
    var tip = [t.lat - uy * 0.02 * len, t.lon - ux * 0.02 * len];
    var left = [tip[0] - head * (uy * c - ux * sn), tip[1] - head * (ux * c + uy * sn)];
    var right = [tip[0] - head * (uy * c + ux * sn), tip[1] - head * (ux * c - uy * sn)];
    var g = L.layerGroup([
      L.polyline([[s.lat, s.lon], tip], {color: "#333", weight: 2.5, opacity: 0.8, dashArray: "6 5",
                                          className: "im-arrow", interactive: false}),
      L.polyline([left, tip, right], {color: "#333", weight: 2.5, opacity: 0.8,
                                      className: "im-arrow-head", interactive: false})]);
    g.addTo(map);
    return {layer: g, from: a.from, to: a.to};
  });

  // ---- controls: time slider, filters, legend
  var day = 86400000;
  var t0 = Date.parse(data.dates.min), t1 = Date.parse(data.dates.max);
  var days = Math.max(0, Math.round((t1 - t0) / day));
  var state = {until: t1, types: {}, actors: {}};
  data.types.forEach(function (t) { state.types[t.name] = true; });
  data.actors.forEach(function (a) { state.actors[a] = true; });

  function visible(inc) {
    var started = !inc.start || Date.parse(inc.start) <= state.until;
    return started && state.types[inc.type] !== false && state.actors[inc.actor] !== false;
  }
  function apply() {
    var shown = {};
    data.incidents.forEach(function (inc) {
      shown[inc.n] = visible(inc);
      if (shown[inc.n] && !map.hasLayer(layers[inc.n])) { layers[inc.n].addTo(map); }
      if (!shown[inc.n] && map.hasLayer(layers[inc.n])) { map.removeLayer(layers[inc.n]); }
    });
    arrows.forEach(function (a) {
      var on = shown[a.from] && shown[a.to];
      if (on && !map.hasLayer(a.layer)) { a.layer.addTo(map); }
      if (!on && map.hasLayer(a.layer)) { map.removeLayer(a.layer); }
    });
  }

  var panel = L.control({position: "topright"});
  panel.onAdd = function () {
    var div = L.DomUtil.create("div", "im-panel");
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    var h = L.DomUtil.create("h4", "", div);
    h.textContent = data.title;
    if (days > 0) {
      var label = L.DomUtil.create("div", "im-date", div);
      var slider = L.DomUtil.create("input", "im-slider", div);
      slider.type = "range"; slider.min = 0; slider.max = days; slider.step = 1; slider.value = days;
      slider.setAttribute("aria-label", "Show incidents that began by this date");
      var show = function () {
        state.until = t0 + Number(slider.value) * day;
        label.textContent = "Incidents begun by " + new Date(state.until).toISOString().slice(0, 10);
        apply();
      };
      slider.addEventListener("input", show);
      show();
    }
    if (data.undated.length) {
      // undated incidents are not on the slider: always shown, and said so
      L.DomUtil.create("div", "im-undated", div).textContent =
        "Date unknown (always shown): " + data.undated.join(", ");
    }
    var types = L.DomUtil.create("div", "im-types", div);
    L.DomUtil.create("h4", "", types).textContent = "Event type";
    data.types.forEach(function (t) {
      var row = L.DomUtil.create("label", "", types);
      var box = L.DomUtil.create("input", "im-type-filter", row);
      box.type = "checkbox"; box.checked = true; box.value = t.name;
      box.addEventListener("change", function () { state.types[t.name] = box.checked; apply(); });
      var sw = L.DomUtil.create("span", "im-swatch", row);
      sw.style.background = t.color;
      row.appendChild(document.createTextNode(t.label + " (" + t.count + ")"));
    });
    if (data.actors.length > 1) {
      var actors = L.DomUtil.create("div", "im-actors", div);
      L.DomUtil.create("h4", "", actors).textContent = "Actor";
      data.actors.forEach(function (a) {
        var row = L.DomUtil.create("label", "", actors);
        var box = L.DomUtil.create("input", "im-actor-filter", row);
        box.type = "checkbox"; box.checked = true; box.value = a;
        box.addEventListener("change", function () { state.actors[a] = box.checked; apply(); });
        row.appendChild(document.createTextNode(a || "actor not named"));
      });
    }
    var legend = L.DomUtil.create("div", "im-legend", div);
    legend.textContent = data.legend;
    return div;
  };
  panel.addTo(map);

  data.labels.forEach(function (l) {
    var label = L.marker([l.lat, l.lon], {interactive: false, keyboard: false,
      icon: L.divIcon({className: "im-label", html: l.text, iconSize: null})});
    label.addTo(map);
  });
  // When the layers were drawn, for the benchmark and for anyone timing the page.
  window.incidentmapReady = performance.now();
  return {layers: layers, arrows: arrows, apply: apply, state: state};
}
