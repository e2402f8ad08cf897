// The world map shared by the pages that draw one: ECharts and the world outline from their WebJar (no tile server),
// loaded once and only by a page that shows a map, and a chart that follows the window's size until it is disposed.
import { loadScript } from './dom.js';

// ECharts 5 no longer ships map outlines, and no maintained world outline (Natural Earth's world-atlas, say) is
// available as a WebJar here: the map stays on 4.1.0, the last release here with its world outline, until one is.
const ECHARTS = '/webjars/echarts/4.1.0/';

/** Loads ECharts and registers the "world" map; answers the echarts global. */
export async function loadWorldMap() {
  await loadScript(`${ECHARTS}dist/echarts.min.js`);
  await loadScript(`${ECHARTS}map/js/world.js`);
  return window.echarts;
}

/** The geo component of a world map in the dashboard's colours; zoom and center as ECharts takes them. */
export function worldGeo({ zoom = 1.1, center } = {}) {
  return { map: 'world', roam: true, zoom, center, itemStyle: { areaColor: '#eef1f4', borderColor: '#9aa5b1' },
    emphasis: { itemStyle: { areaColor: '#c7d7ea' } }, label: { emphasis: { show: false } } };
}

/** Draws a chart in the element (after loadWorldMap); dispose() stops following the window and frees the chart. */
export function showChart(element, option) {
  const chart = window.echarts.init(element);
  chart.setOption(option);
  const resize = () => chart.resize();
  window.addEventListener('resize', resize);
  return {
    chart,
    dispose() {
      window.removeEventListener('resize', resize);
      chart.dispose();
    },
  };
}

/** Text made safe for the HTML that ECharts' tooltip formatter returns. */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
