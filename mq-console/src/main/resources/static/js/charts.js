// Draws the charts of the topic and group pages with uPlot, from the JSON the page names in
// data-chart-src. Everything else on the pages works without scripts.
(function () {
  'use strict';

  function seriesOf(kind, data) {
    var times = data.samples.map(function (s) { return Date.parse(s.at) / 1000; });
    if (kind === 'backlog') {
      return { labels: ['backlog (messages)'], values: [times, data.samples.map(function (s) { return s.backlog; })] };
    }
    return {
      labels: ['added between samples', 'stored'],
      values: [times, data.samples.map(function (s) { return s.added; }),
        data.samples.map(function (s) { return s.stored; })]
    };
  }

  function draw(element) {
    var kind = element.getAttribute('data-chart-kind');
    fetch(element.getAttribute('data-chart-src'), { headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (data) {
        var chart = seriesOf(kind, data);
        if (data.samples.length === 0) {
          element.insertAdjacentHTML('beforeend', '<p class="empty">No sample yet.</p>');
          return;
        }
        var colors = ['#2456c6', '#1c7a3a'];
        var opts = {
          width: Math.min(element.clientWidth || 900, 1200), height: 220,
          series: [{}].concat(chart.labels.map(function (label, i) {
            return { label: label, stroke: colors[i % colors.length], spanGaps: false };
          })),
          axes: [{}, { size: 70 }]
        };
        element.classList.add('drawn');
        new uPlot(opts, chart.values, element);
      })
      .catch(function (error) {
        element.insertAdjacentHTML('beforeend', '<p class="flash failed">The chart could not be loaded: '
          + String(error.message).replace(/[<>&]/g, '') + '</p>');
      });
  }

  document.querySelectorAll('[data-chart-src]').forEach(draw);
})();
