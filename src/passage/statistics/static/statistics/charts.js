// Draw each table's chart from its published values (withheld counts are gaps).
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
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    var kind = spec.kind;
    var datasets = spec.series.map(function (s, i) {
      var data = s.data;
      if (kind === "pyramid" && i === 0) {
        data = data.map(function (v) { return v === null ? null : -v; });
      }
      return { label: s.label, data: data, backgroundColor: colours[i % colours.length],
               borderColor: colours[i % colours.length], spanGaps: false, fill: false };
    });
    var options = { responsive: true, maintainAspectRatio: false, animation: false,
                    plugins: { legend: { position: "bottom" } } };
    var type = kind === "line" ? "line" : "bar";
    if (kind === "hbar" || kind === "pyramid") { options.indexAxis = "y"; }
    if (kind === "pyramid") {
      options.scales = { x: { stacked: true, ticks: { callback: function (v) { return Math.abs(v); } } },
                         y: { stacked: true } };
      options.plugins.tooltip = { callbacks: { label: function (c) {
        return c.dataset.label + ": " + Math.abs(c.raw); } } };
    }
    new window.Chart(canvas, { type: type, data: { labels: spec.labels, datasets: datasets }, options: options });
  });
})();
