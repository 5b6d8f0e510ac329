// Charts drawn with Apache ECharts (its ES module from the WebJar, loaded by the first page that
// draws one, so the other pages do not wait for it). Each chart is an image with a label that says
// what it shows, next to a table with the same figures; it is redrawn when the system's colour
// scheme changes, in ECharts' dark theme for PatternFly's dark one.
import {el} from './dom.js';

let library;
const drawn = new Set();

/** The colours of the results, PatternFly's: red blocks, orange asks for more, green passes, grey is untouched. */
export const COLOURS = {block: '#c9190b', prompt: '#f0ab00', pass: '#3e8635', notApplied: '#8a8d90', enforced: '#0066cc'};

function echarts() {
  library ??= import('../vendor/echarts/echarts.esm.min.js');
  return library;
}

function dark() {
  return document.documentElement.classList.contains('pf-v5-theme-dark');
}

async function draw(chart) {
  const {init, dispose} = await echarts();
  dispose(chart.canvas);
  const instance = init(chart.canvas, dark() ? 'dark' : null, {renderer: 'canvas'});
  instance.setOption({backgroundColor: 'transparent', animation: false, ...chart.option});
  chart.figure.dataset.chart = 'drawn';
}

/**
 * A bar chart of stacked series: categories along one axis, series [{name, colour, values}] stacked
 * on the other (horizontal: categories down the side). label says in words what it shows.
 */
export function stackedBars(id, label, categories, series, {horizontal = false, height = 288} = {}) {
  const canvas = el('div', {className: 'console-chart-canvas'});
  canvas.style.height = `${height}px`; // through the CSSOM: the page's Content-Security-Policy allows no style attribute
  const figure = el('div', {className: 'console-chart', role: 'img', 'aria-label': label, id, 'data-chart': 'drawing'},
      canvas);
  const categoryAxis = {type: 'category', data: categories, axisLabel: {hideOverlap: true}};
  const valueAxis = {type: 'value', minInterval: 1};
  const chart = {figure, canvas, option: {
    grid: {left: 8, right: 16, top: 48, bottom: 8, containLabel: true},
    legend: {top: 0},
    tooltip: {trigger: 'axis', renderMode: 'richText'}, // drawn on the canvas: no markup from the data
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? {...categoryAxis, inverse: true} : valueAxis,
    series: series.map(s => ({name: s.name, type: 'bar', stack: 'all', data: s.values, itemStyle: {color: s.colour},
      barMaxWidth: 48})),
  }};
  // Drawn once the page has laid it out (ECharts reads the container's size).
  const shown = new ResizeObserver(() => {
    if (canvas.clientWidth > 0) {
      shown.disconnect();
      drawn.add(chart);
      draw(chart);
    }
  });
  shown.observe(canvas);
  return figure;
}

window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  for (const chart of [...drawn]) {
    if (chart.figure.isConnected) {
      draw(chart);
    } else {
      drawn.delete(chart);
    }
  }
});
