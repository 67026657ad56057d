// The workbench's one script: it draws the chart of a comparison from the
// JSON in the data-chart attribute of its box. It never writes HTML: the
// chart, its tooltips included, is drawn on a canvas, and a click only
// follows a link of the workbench's own (/report/...).
'use strict';
(function () {
  // manyBars is where bars stop being animated and labelled one by one and
  // a zoom bar appears; ECharts draws them in large mode past largeBars.
  var manyBars = 40;
  var largeBars = 400;

  function unitText(unit) {
    if (!unit) { return ''; }
    return unit === '%' ? '%' : ' ' + unit;
  }

  function barOption(spec) {
    var s = spec.series[0] || {name: '', values: [], texts: [], links: []};
    var many = spec.categories.length > manyBars;
    return {
      animation: !many,
      title: {text: spec.title, left: 'center', textStyle: {fontSize: 14}},
      tooltip: {
        trigger: 'item', renderMode: 'richText',
        formatter: function (p) { return spec.categories[p.dataIndex] + '\n' + (s.texts[p.dataIndex] || ''); }
      },
      grid: {left: 56, right: 24, top: 40, bottom: many ? 96 : 80},
      // With many bars, ECharts picks which names to print (interval
      // auto): laying out thousands of rotated names to hide overlaps
      // costs a zoom hundreds of milliseconds.
      xAxis: {type: 'category', data: spec.categories, axisLabel: many ? {rotate: 40} : {rotate: 40, hideOverlap: true}},
      yAxis: {type: 'value', name: spec.unit || ''},
      dataZoom: many ? [{type: 'inside'}, {type: 'slider', bottom: 8, showDataShadow: false}] : [],
      series: [{type: 'bar', name: s.name, data: s.values, large: true, largeThreshold: largeBars, progressive: 5000}]
    };
  }

  function lineOption(spec) {
    return {
      title: {text: spec.title, left: 'center', textStyle: {fontSize: 14}},
      tooltip: {
        trigger: 'item', renderMode: 'richText',
        formatter: function (p) {
          var s = spec.series[p.seriesIndex];
          return s.name + '\n' + spec.categories[p.dataIndex] + ': ' + (s.texts[p.dataIndex] || '');
        }
      },
      legend: {type: 'scroll', bottom: 0},
      grid: {left: 56, right: 24, top: 40, bottom: 56},
      xAxis: {type: 'category', data: spec.categories},
      yAxis: {type: 'value', name: spec.unit || ''},
      series: spec.series.map(function (s) {
        return {type: 'line', name: s.name, data: s.values, connectNulls: false, symbolSize: 7};
      })
    };
  }

  function draw(box) {
    var spec = JSON.parse(box.getAttribute('data-chart'));
    var chart = echarts.init(box, null, {renderer: 'canvas'});
    chart.on('finished', function () {
      if (!box.hasAttribute('data-drawn')) {
        box.setAttribute('data-drawn-at', String(performance.timeOrigin + performance.now()));
      }
      box.setAttribute('data-drawn', 'yes');
    });
    chart.setOption(spec.kind === 'line' ? lineOption(spec) : barOption(spec));
    chart.on('click', function (p) {
      var s = spec.series[p.seriesIndex];
      var href = s && s.links[p.dataIndex];
      if (href && href.charAt(0) === '/' && href.charAt(1) !== '/') {
        window.location.assign(href);
      }
    });
    window.addEventListener('resize', function () { chart.resize(); });
    box.setAttribute('title', spec.title + unitText(''));
  }

  var boxes = document.querySelectorAll('[data-chart]');
  for (var i = 0; i < boxes.length; i++) { draw(boxes[i]); }
})();
