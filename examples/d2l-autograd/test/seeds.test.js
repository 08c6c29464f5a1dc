/**
 * Runs every example in a child process and checks two things:
 *
 * (a) its stdout is expected/<example>.txt, character for character;
 * (b) expected/<example>.txt is the notebook's own text: its lines, in order, are lines of the
 *     seed transcript in seeds/ (committed copies of shared/seeds). The file splits into runs of
 *     consecutive lines, each found in the transcript after the previous run.
 *
 * (b) ignores blank lines, and only those: the transcripts put blank lines between a cell's
 * source, the text it printed and the value it displayed, where a program's stdout has none.
 *
 * Random cells print the values the port drew, which cannot be the notebook's. For them the test
 * checks the relation the notebook shows (d = 1024·a and `a.grad == d / a` is [1.]; y = 1024·x
 * and z = 100·y), then puts the notebook's numbers in place of the drawn ones before (b).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');

const SEED = {
  '000': '000_db9eb72d47ee40a5.txt',
  '001': '001_05807ce1040ed9f1.txt',
  '002': '002_353a0e939ff4e474.txt',
  '003': '003_a0dc9724c7454215.txt',
};

/** Runs src/<name>.js with `args`; resolves to { stdout, stderr, code }. */
async function example(name, args = []) {
  try {
    const { stdout, stderr } = await run(process.execPath, [`src/${name}.js`, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const f32 = (s) => Math.fround(Number(s));

/**
 * Finds `pattern` (with named groups, `d` flag) exactly once in `text`, runs `check` on the
 * groups, and returns `text` with each group's text replaced by `notebook[group]`.
 */
function swapRandom(text, { pattern, check, notebook }) {
  const all = [...text.matchAll(new RegExp(pattern.source, `${pattern.flags}g`))];
  expect(all, `the random cell ${pattern} occurs once`).toHaveLength(1);
  const [m] = all;
  check(m.groups);
  const spans = Object.entries(m.indices.groups).sort((p, q) => q[1][0] - p[1][0]);
  for (const [group, [start, end]] of spans) {
    text = text.slice(0, start) + notebook[group] + text.slice(end);
  }
  return text;
}

const EXAMPLES = [
  {
    name: 'seed000-mxnet-nd',
    seed: '000',
    // In [16]/[18]: a = nd.random.normal(shape=1); d = f(a) doubles 2a until ‖b‖ >= 1000.
    random: {
      pattern:
        /^a : {2}\n\[(?<a>\S+)\]\n<NDArray 1 @cpu\(0\)>\nd : {2}\n\[(?<d>\S+)\]\n<NDArray 1 @cpu\(0\)>\na\.grad : {2}\n\[1024\.\]\n<NDArray 1 @cpu\(0\)>\n\n\[1\.\]\n<NDArray 1 @cpu\(0\)>\n/dm,
      check: ({ a, d }) => {
        expect(f32(a)).toBeGreaterThan(0); // the notebook's branch: c = b
        expect(f32(d)).toBe(Math.fround(1024 * f32(a))); // d = 1024·a (doubling is exact)
        expect(Math.abs(f32(d))).toBeGreaterThanOrEqual(1000); // ten doublings, no fewer
        expect(Math.abs(f32(d)) / 2).toBeLessThan(1000); // and no more: a.grad is [1024.]
      },
      notebook: { a: '1.1630787', d: '1190.9926' },
    },
  },
  {
    name: 'seed001-mxnet-np',
    seed: '001',
    // In [77]: x = np.random.normal(); f prints x, y, z; `y.backward` is never called.
    random: {
      pattern:
        /^(?<x>\S+) (?<y>\S+) (?<z>\S+)\n\(array\((?<x2>\S+)\), array\(0\.\), array\((?<z2>\S+)\), None\)\n/dm,
      check: ({ x, y, z, x2, z2 }) => {
        expect([x2, z2]).toEqual([x, z]);
        expect(f32(x)).toBeLessThan(0); // the notebook's branch: z = 100 * y
        expect(f32(y)).toBe(Math.fround(1024 * f32(x))); // y = 1024·x
        expect(Math.abs(f32(y))).toBeGreaterThanOrEqual(1000);
        expect(Math.abs(f32(y)) / 2).toBeLessThan(1000);
        expect(f32(z)).toBe(Math.fround(100 * f32(y))); // z = 100·y
      },
      notebook: { x: '-1.1688148', y: '-1196.8663', z: '-119686.63', x2: '-1.1688148', z2: '-119686.63' },
    },
  },
  {
    name: 'seed002-mxnet-nd',
    seed: '002',
    // This seed only: the page was scraped from HTML, which collapsed runs of spaces and dropped
    // line indents (`[[ 4. 8.]` / `[ 12. 16.]]` for NumPy 1.13's `[[  4.   8.]` / ` [ 12.  16.]]`).
    // Both sides are compared with spaces collapsed; (a) still checks the program's exact text.
    // The random cell [8] prints only a.grad = 100 · 2048 · head, the page's text when the draw
    // takes the page's path, as the seed in the program makes it: it is checked like the rest.
    collapse: true,
  },
  { name: 'seed003-mxnet', seed: '003' },
  { name: 'seed003-torch', seed: '003' },
  { name: 'seed003-tf', seed: '003' },
  {
    name: 'side-by-side',
    seed: '003',
    // The banner and the framework headings are the program's; everything else (section titles,
    // `In [n]:`, the Python sources and the outputs) is the notebook's.
    own: (line, i) => i < 2 || /^#### (MXNet|PyTorch|TensorFlow)$/.test(line),
  },
];

const collapseSpaces = (line) => line.replace(/ +/g, ' ').trim();

/**
 * Splits `lines` into runs of consecutive lines, each occurring as consecutive lines of
 * `transcript` after the previous run (the longest run at each step). Throws, naming the line,
 * when a line is not in the rest of the transcript.
 */
function runsIn(lines, transcript) {
  const runs = [];
  let from = 0;
  for (let i = 0; i < lines.length; ) {
    let best = { at: -1, length: 0 };
    for (let at = from; at < transcript.length; at++) {
      let n = 0;
      while (i + n < lines.length && at + n < transcript.length && lines[i + n] === transcript[at + n]) n++;
      if (n > best.length) best = { at, length: n };
    }
    if (!best.length) {
      throw new Error(
        `line ${JSON.stringify(lines[i])} is not in the transcript after its line ${JSON.stringify(transcript[from - 1] ?? '')}`,
      );
    }
    runs.push(lines.slice(i, i + best.length));
    i += best.length;
    from = best.at + best.length;
  }
  return runs;
}

describe.each(EXAMPLES)('$name', (ex) => {
  const expected = read(`expected/${ex.name}.txt`);

  it('(a) prints expected/<name>.txt exactly', async () => {
    const { stdout, stderr, code } = await example(ex.name);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(expected);
  });

  it("(b) expected/<name>.txt is the notebook's text, in the notebook's order", () => {
    const text = ex.random ? swapRandom(expected, ex.random) : expected;
    const norm = ex.collapse ? collapseSpaces : (line) => line;
    const lines = text
      .split('\n')
      .filter((line, i) => !ex.own?.(line, i))
      .filter((line) => line.trim() !== '')
      .map(norm);
    const transcript = read(`seeds/${SEED[ex.seed]}`)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(norm);
    expect(lines.length).toBeGreaterThan(0);
    expect(runsIn(lines, transcript).length).toBeGreaterThan(0);
  });
});

describe('side-by-side options', () => {
  const expected = read('expected/side-by-side.txt');
  const onBackend = (name) => expected.replace(/backend: cpu\n/, `backend: ${name}\n`);

  it('--backend wasm runs the same cells on the WebAssembly backend', async () => {
    const { stdout, code } = await example('side-by-side', ['--backend', 'wasm']);
    expect(code).toBe(0);
    expect(stdout).toBe(onBackend('wasm'));
  });

  it('takes the flag after a `--`, as `pnpm demo -- --backend wasm` passes it', async () => {
    const { stdout, code } = await example('side-by-side', ['--', '--backend=wasm']);
    expect(code).toBe(0);
    expect(stdout).toBe(onBackend('wasm'));
  });

  let webgpuInstalled = true;
  try {
    createRequire(new URL('package.json', root)).resolve('@polygrad/backend-webgpu');
  } catch {
    webgpuInstalled = false;
  }
  it.skipIf(webgpuInstalled)('--backend webgpu without its package: a clear error, exit 1', async () => {
    const { stdout, stderr, code } = await example('side-by-side', ['--backend', 'webgpu']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("cannot use the 'webgpu' backend");
    expect(stderr).toContain('@polygrad/backend-webgpu');
  });

  it('an unknown backend is a usage error', async () => {
    const { stdout, stderr, code } = await example('side-by-side', ['--backend', 'tpu']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('usage: node src/side-by-side.js [--backend cpu|wasm|webgpu]');
  });
});
