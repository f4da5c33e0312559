// Draw each table's chart from its published values. A withheld count is drawn as a
// hatched bar reaching the top of the chart (its value is not published; an empty
// slot would read as zero), with a "withheld" entry in the legend and in the tooltip.
// The numbers are always in the table under the chart; without JavaScript only the
// tables show.
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var colours = ["#1f6feb", "#d4531c", "#2da44e", "#8250df", "#bf8700", "#57606a"];
  function beforePrint() { details(true); }
  function details(open) {
    document.querySelectorAll("details.numbers").forEach(function (d) { if (open) { d.open = true; } });
  }
  window.addEventListener("beforeprint", beforePrint);
  function hatch(colour) {
    var tile = document.createElement("canvas");
    tile.width = tile.height = 8;
    var g = tile.getContext("2d");
    g.fillStyle = "#ffffff"; g.fillRect(0, 0, 8, 8);
    g.strokeStyle = colour; g.lineWidth = 2;
    g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.moveTo(-2, 2); g.lineTo(2, -2);
    g.moveTo(6, 10); g.lineTo(10, 6); g.stroke();
    return g.createPattern(tile, "repeat");
  }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var kind = spec.kind;
    var top = 1;
    spec.series.forEach(function (s) {
      s.data.forEach(function (v) { if (v !== null && Math.abs(v) > top) { top = Math.abs(v); } });
    });
    var anyWithheld = false;
    var pattern = hatch("#57606a");
    var datasets = spec.series.map(function (s, i) {
      var colour = colours[i % colours.length];
      var withheld = s.withheld || [];
      var sign = kind === "pyramid" && i === 0 ? -1 : 1;
      var data = s.data.map(function (v, j) {
        if (withheld[j]) { anyWithheld = true; return kind === "line" ? top : sign * top; }
        return v === null ? null : sign * v;
      });
      var set = { label: s.label, data: data, borderColor: colour, spanGaps: false, fill: false,
                  withheld: withheld };
      if (kind === "line") {
        set.backgroundColor = colour;
        set.pointStyle = data.map(function (_v, j) { return withheld[j] ? "crossRot" : "circle"; });
        set.pointRadius = data.map(function (_v, j) { return withheld[j] ? 8 : 3; });
        set.segment = { borderDash: function (ctx) {
          return withheld[ctx.p0DataIndex] || withheld[ctx.p1DataIndex] ? [4, 4] : undefined; } };
      } else {
        set.backgroundColor = data.map(function (_v, j) { return withheld[j] ? pattern : colour; });
        set.borderWidth = data.map(function (_v, j) { return withheld[j] ? 1 : 0; });
      }
      return set;
    });
    if (anyWithheld) {
      datasets.push({ label: spec.withheld_label, data: [], backgroundColor: pattern,
                      borderColor: "#57606a", borderWidth: 1, withheld: [] });
    }
    var options = { responsive: true, maintainAspectRatio: false, animation: false,
                    plugins: { legend: { position: "bottom" } } };
    options.plugins.tooltip = { callbacks: { label: function (c) {
      if (c.dataset.withheld && c.dataset.withheld[c.dataIndex]) {
        return c.dataset.label + ": " + spec.withheld_label;
      }
      return c.dataset.label + ": " + Math.abs(c.raw);
    } } };
    var type = kind === "line" ? "line" : "bar";
    if (kind === "hbar" || kind === "pyramid") { options.indexAxis = "y"; }
    if (kind === "pyramid") {
      options.scales = { x: { stacked: true, ticks: { callback: function (v) { return Math.abs(v); } } },
                         y: { stacked: true } };
    }
    // Right to left (Arabic): the chart reads as the page does, its first category on
    // the right, the value axis on the right, legend and tooltips right to left.
    if (document.documentElement.dir === "rtl") {
      options.plugins.legend.rtl = true;
      options.plugins.legend.textDirection = "rtl";
      options.plugins.tooltip.rtl = true;
      options.plugins.tooltip.textDirection = "rtl";
      options.scales = options.scales || {};
      options.scales.x = Object.assign({}, options.scales.x || {}, { reverse: true });
      options.scales.y = Object.assign({}, options.scales.y || {}, { position: "right" });
    }
    canvas.dataset.direction = document.documentElement.dir === "rtl" ? "rtl" : "ltr";
    new window.Chart(canvas, { type: type, data: { labels: spec.labels, datasets: datasets }, options: options });
    canvas.dataset.withheld = anyWithheld ? "drawn" : "none";
  });
})();
