/**
 * The examples the playground preloads: the D2L seed notebooks as examples/d2l-autograd ports
 * them, turned into snippets the page can run.
 *
 * A port is an ES module that prints synchronously. A snippet is the body of an async
 * function: the imports go (the runner passes the facades' names in), and every `print(` and
 * `display(` is awaited, because in a browser the WebGPU backend reads values only
 * asynchronously; the runner's `print` reads the tensors first, then formats them.
 */

/** id → which API style it is written in, its title, and the d2l-autograd port it comes from. */
export const EXAMPLES = [
  { id: 'seed003', api: 'mxnet', file: 'seed003-mxnet.js', title: 'D2L autograd (seed 003), MXNet np cells' },
  { id: 'seed003', api: 'torch', file: 'seed003-torch.js', title: 'D2L autograd (seed 003), PyTorch cells' },
  { id: 'seed003', api: 'tf', file: 'seed003-tf.js', title: 'D2L autograd (seed 003), TensorFlow cells' },
  {
    id: 'seed000',
    api: 'mxnet',
    file: 'seed000-mxnet-nd.js',
    title: 'D2L 4.3 autograd, MXNet 1.x nd (seed 000)',
  },
  {
    id: 'seed001',
    api: 'mxnet',
    file: 'seed001-mxnet-np.js',
    title: 'D2L 2.5 autograd, MXNet np (seed 001)',
  },
  { id: 'seed002', api: 'mxnet', file: 'seed002-mxnet-nd.js', title: "MXNet's autograd tutorial (seed 002)" },
];

export const API_STYLES = [
  { id: 'mxnet', label: 'MXNet' },
  { id: 'torch', label: 'PyTorch' },
  { id: 'tf', label: 'TensorFlow' },
];

/** The examples written in `api`. */
export function examplesFor(api) {
  return EXAMPLES.filter((e) => e.api === api);
}

/** A port's source → a snippet (see the file comment). */
export function toSnippet(source) {
  const out = [];
  // `await` is only valid directly in the snippet's body or in a section (an exported
  // function, made async): not in a nested callback such as `autograd.record(() => {…})` or
  // the control-flow `f` that record calls synchronously. Prints there stay un-awaited; the
  // runner still writes them in order.
  let inFunction = null;
  for (const line of source.split('\n')) {
    if (/^import\s.*\sfrom\s+'[^']+';\s*$/.test(line)) continue;
    if (/^if \(isMain\(import\.meta\.url\)\)/.test(line)) {
      out.push('for (const section of sections) await section();');
      continue;
    }
    if (/^export function /.test(line)) inFunction = 'section';
    else if (/^function /.test(line)) inFunction = 'plain';
    const indent = /^ */.exec(line)[0].length;
    const canAwait = inFunction === null ? indent === 0 : inFunction === 'section' && indent === 2;
    const code = (c) => {
      c = c.replace(/^export function /, 'async function ').replace(/^export const /, 'const ');
      return canAwait ? c.replace(/(^|[^.\w])(print|display)\(/g, '$1await $2(') : c;
    };
    out.push(
      segments(line)
        .map(([kind, text]) => (kind === 'code' ? code(text) : text))
        .join(''),
    );
    if (/^}/.test(line)) inFunction = null;
  }
  return out.join('\n').replace(/^\n+/, '');
}

/** A line cut into code, string-literal and trailing-comment pieces. */
function segments(line) {
  const out = [];
  let from = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '/' && line[i + 1] === '/') {
      out.push(['code', line.slice(from, i)], ['comment', line.slice(i)]);
      return out;
    }
    if (c !== "'" && c !== '"' && c !== '`') continue;
    out.push(['code', line.slice(from, i)]);
    let j = i + 1;
    while (j < line.length && line[j] !== c) j += line[j] === '\\' ? 2 : 1;
    out.push(['string', line.slice(i, j + 1)]);
    from = i = j + 1;
    i--;
  }
  out.push(['code', line.slice(from)]);
  return out;
}
