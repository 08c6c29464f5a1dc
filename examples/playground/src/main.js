/**
 * The page: pick an API style and a backend, run a seed notebook's snippet (or your edit of it)
 * and read its printed output, or train the Iris MLP live.
 *
 * URL parameters make a run linkable: api (mxnet|torch|tf), backend (cpu|wasm|webgpu),
 * example (seed000…seed003), view (notebook|train), epochs, lr, autorun=1. The page keeps the
 * URL in step with the choices. When an autorun finishes, <body data-state> is "done" or "error".
 */
import * as core from '@polygrad/core';
import { DEFAULTS } from '@polygrad/example-iris-mlp';
import { BACKENDS, probeBackends, useBackend } from './backends.js';
import { runSnippet } from './runner.js';
import { API_STYLES, EXAMPLES, examplesFor, toSnippet } from './snippets.js';
import { SOURCES } from './sources.js';
import { trainIris } from './train.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const state = {
  api: API_STYLES.some((a) => a.id === params.get('api')) ? params.get('api') : 'torch',
  backend: params.get('backend') ?? 'cpu',
  example: params.get('example') ?? 'seed003',
  view: params.get('view') === 'train' ? 'train' : 'notebook',
};
$('epochs').value = params.get('epochs') ?? DEFAULTS.epochs;
$('lr').value = params.get('lr') ?? DEFAULTS.lr;
let unavailable = {};
let busy = false;

function syncUrl() {
  const p = new URLSearchParams({ api: state.api, backend: state.backend, view: state.view });
  if (state.view === 'notebook') p.set('example', state.example);
  else p.set('epochs', $('epochs').value);
  history.replaceState(null, '', `?${p}`);
}

function radios(fieldset, name, items, checked, onPick) {
  fieldset.querySelectorAll('label').forEach((l) => l.remove());
  for (const item of items) {
    const label = document.createElement('label');
    label.textContent = item.label;
    label.dataset.id = item.id;
    const input = Object.assign(document.createElement('input'), { type: 'radio', name, value: item.id });
    input.checked = item.id === checked;
    input.addEventListener('change', () => onPick(item.id));
    label.prepend(input);
    fieldset.append(label);
  }
}

function showExamples() {
  const list = examplesFor(state.api);
  if (!list.some((e) => e.id === state.example)) state.example = list[0].id;
  $('example').replaceChildren(
    ...list.map((e) =>
      Object.assign(document.createElement('option'), { value: e.id, textContent: e.title }),
    ),
  );
  $('example').value = state.example;
  const ex = EXAMPLES.find((e) => e.api === state.api && e.id === state.example);
  $('code').value = toSnippet(SOURCES[ex.file]);
}

function showBackends() {
  for (const label of $('backend').querySelectorAll('label')) {
    const reason = unavailable[label.dataset.id];
    label.querySelector('input').disabled = !!reason;
    label.title = reason ? `Not available here: ${reason}` : '';
  }
}

function showView() {
  $('notebook-view').hidden = state.view !== 'notebook';
  $('train-view').hidden = state.view !== 'train';
  for (const tab of document.querySelectorAll('.tab'))
    tab.classList.toggle('active', tab.dataset.view === state.view);
  syncUrl();
}

/** Runs `job` on the chosen backend, one job at a time; reports failures into `report`. */
async function exclusive(job, report) {
  if (busy) return false;
  busy = true;
  document.body.dataset.state = 'running';
  try {
    if (unavailable[state.backend]) {
      throw new Error(`The '${state.backend}' backend is not available here: ${unavailable[state.backend]}`);
    }
    await useBackend(state.backend);
    await job();
    document.body.dataset.state = 'done';
    return true;
  } catch (e) {
    report(e);
    document.body.dataset.state = 'error';
    return false;
  } finally {
    busy = false;
  }
}

async function run() {
  const out = $('output');
  out.textContent = '';
  const t0 = performance.now();
  $('run-status').textContent = 'running…';
  const ok = await exclusive(
    () => runSnippet($('code').value, (text) => out.append(text)),
    (e) => {
      const span = Object.assign(document.createElement('span'), { className: 'error' });
      span.textContent = `${e?.name ?? 'Error'}: ${e?.message ?? e}\n`;
      out.append(span);
    },
  );
  $('run-status').textContent =
    `${ok ? 'ran' : 'failed'} on ${state.backend} in ${(performance.now() - t0).toFixed(0)} ms`;
}

async function train() {
  const ui = {
    chart: $('chart'),
    graph: $('graph'),
    status: $('train-status'),
    progress: $('progress').firstElementChild,
  };
  const opts = { epochs: Number($('epochs').value), lr: Number($('lr').value) };
  syncUrl();
  await exclusive(
    () => trainIris(state.api, opts, ui),
    (e) => {
      ui.status.textContent = `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
    },
  );
}

radios($('api'), 'api', API_STYLES, state.api, (id) => {
  state.api = id;
  showExamples();
  syncUrl();
});
radios($('backend'), 'backend', BACKENDS, state.backend, (id) => {
  state.backend = id;
  syncUrl();
});
for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => {
    state.view = tab.dataset.view;
    showView();
  });
}
$('example').addEventListener('change', () => {
  state.example = $('example').value;
  showExamples();
  syncUrl();
});
$('run').addEventListener('click', run);
$('train').addEventListener('click', train);
$('code').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run();
});

showExamples();
showView();
for (const input of $('backend').querySelectorAll('input')) input.disabled = true;
$('run-status').textContent = 'checking backends…';
unavailable = await probeBackends();
showBackends();
$('run-status').textContent =
  `backends: ${BACKENDS.map((b) => `${b.label} ${unavailable[b.id] ? '✗' : '✓'}`).join(', ')}`;
window.polygrad = core;
if (params.get('autorun') === '1') await (state.view === 'train' ? train() : run());
