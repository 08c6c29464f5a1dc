/**
 * The training view: the Iris MLP of examples/iris-mlp, in the chosen API style and backend,
 * with its loss and accuracy drawn per epoch (uPlot) and the recorded autograd graph of the
 * last step drawn from its DOT text (Graphviz compiled to WebAssembly, @viz-js/viz).
 */
import { styles } from '@polygrad/example-iris-mlp';
import { instance as graphviz } from '@viz-js/viz';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));

function makeChart(el) {
  el.replaceChildren();
  return new uPlot(
    {
      width: Math.max(320, el.clientWidth || 560),
      height: 300,
      scales: { x: { time: false }, acc: { range: [0, 1] } },
      axes: [
        { label: 'epoch' },
        { label: 'loss' },
        { side: 1, scale: 'acc', label: 'accuracy', grid: { show: false } },
      ],
      series: [
        { label: 'epoch' },
        { label: 'loss', stroke: '#e8743b', width: 2 },
        { label: 'train acc', scale: 'acc', stroke: '#5b8ff9', width: 1.5 },
        { label: 'test acc', scale: 'acc', stroke: '#2a9d5c', width: 1.5 },
      ],
    },
    [[], [], [], []],
    el,
  );
}

/**
 * Trains with `api` on the current backend; `ui` holds the chart, progress, graph and status
 * elements. Resolves to the trainer's result.
 */
export async function trainIris(api, { epochs, lr }, ui) {
  const chart = makeChart(ui.chart);
  const data = [[], [], [], []];
  ui.graph.replaceChildren();
  const pct = (a) => `${(100 * a).toFixed(1)} %`;
  const result = await styles[api].train({
    epochs,
    lr,
    onEpoch: async ({ epoch, loss, trainAccuracy, testAccuracy }) => {
      data[0].push(epoch);
      data[1].push(loss);
      data[2].push(trainAccuracy);
      data[3].push(testAccuracy);
      chart.setData(data);
      ui.progress.style.width = `${(100 * epoch) / epochs}%`;
      ui.status.textContent = `epoch ${epoch}/${epochs}  loss ${loss.toFixed(4)}  train ${pct(trainAccuracy)}  test ${pct(testAccuracy)}`;
      await nextFrame();
    },
  });
  const viz = await graphviz();
  ui.graph.replaceChildren(viz.renderSVGElement(result.dot));
  ui.status.textContent = `done: ${epochs} epochs, final loss ${result.losses.at(-1).toFixed(4)}, test accuracy ${pct(result.testAccuracy)}`;
  return result;
}
