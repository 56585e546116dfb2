/* Penny's report pages: hover values on the line charts. Each chart is
   static SVG and reads the same without this script; the script adds a
   crosshair and a box with the session and each series' value under the
   pointer. A chart's <svg data-hover> element carries the plot's geometry
   (data-x0, data-x1, data-y0, data-y1, data-n, data-start, data-format),
   and each series' <path> its name and values (data-name, data-values),
   or data-values-from names the chart whose paths have them;
   the session dates are on the element #sessions. */
(function () {
  'use strict';
  var doc = document;
  var holder = doc.getElementById('sessions');
  var dates = holder ? holder.getAttribute('data-dates').split(',') : [];
  var tip = doc.createElement('div');
  tip.className = 'tip';
  tip.hidden = true;
  doc.body.appendChild(tip);
  var grouped = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
  var formats = {
    money: function (v) { return grouped.format(v); },
    percent: function (v) { return (v * 100).toFixed(2) + '%'; },
    ratio: function (v) { return v.toFixed(4); },
    number: function (v) { return String(Number(v.toPrecision(6))); }
  };
  function setup(svg) {
    var num = function (name) { return Number(svg.getAttribute('data-' + name)); };
    var x0 = num('x0'), x1 = num('x1'), n = num('n');
    var start = svg.getAttribute('data-start') === '1';
    var format = formats[svg.getAttribute('data-format')] || formats.number;
    var from = svg.getAttribute('data-values-from');
    var source = from ? doc.getElementById(from) : svg;
    var series = Array.prototype.map.call(source ? source.querySelectorAll('[data-values]') : [], function (p) {
      return {name: p.getAttribute('data-name'), values: p.getAttribute('data-values').split(',')};
    });
    var cross = doc.createElementNS(svg.namespaceURI, 'line');
    cross.setAttribute('class', 'cross');
    cross.setAttribute('y1', svg.getAttribute('data-y0'));
    cross.setAttribute('y2', svg.getAttribute('data-y1'));
    cross.setAttribute('visibility', 'hidden');
    svg.appendChild(cross);
    function show(ev) {
      var m = svg.getScreenCTM();
      if (!m || !(n > 0)) {
        return;
      }
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX;
      pt.y = ev.clientY;
      var p = pt.matrixTransform(m.inverse());
      var i = n > 1 ? Math.round((p.x - x0) / (x1 - x0) * (n - 1)) : 0;
      i = Math.max(0, Math.min(n - 1, i));
      var x = n > 1 ? x0 + i * (x1 - x0) / (n - 1) : x0;
      cross.setAttribute('x1', x);
      cross.setAttribute('x2', x);
      cross.setAttribute('visibility', 'visible');
      var d = start ? i - 1 : i;
      var text = [d < 0 ? 'start' : (dates[d] || '')];
      series.forEach(function (s) {
        var v = s.values[i];
        text.push(s.name + ': ' + (v === undefined || v === '' ? '-' : format(Number(v))));
      });
      tip.textContent = text.join('\n');
      tip.hidden = false;
      tip.style.left = (ev.pageX + 14) + 'px';
      tip.style.top = (ev.pageY + 14) + 'px';
    }
    function hide() {
      cross.setAttribute('visibility', 'hidden');
      tip.hidden = true;
    }
    svg.addEventListener('mousemove', show);
    svg.addEventListener('mouseleave', hide);
    svg.setAttribute('data-ready', '1');
  }
  Array.prototype.forEach.call(doc.querySelectorAll('svg[data-hover]'), setup);
}());
