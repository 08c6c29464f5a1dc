/**
 * The playground's snippets, run in Node on the CPU backend: each must print exactly what the
 * d2l-autograd port prints (its expected/ file, itself checked against the seed transcripts).
 * The browser test runs the same snippets in Chromium on every backend.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { np } from '@polygrad/mxnet';
import { describe, expect, it } from 'vitest';
import { runSnippet } from '../src/runner.js';
import { EXAMPLES, toSnippet } from '../src/snippets.js';

const d2l = dirname(createRequire(import.meta.url).resolve('@polygrad/example-d2l-autograd/package.json'));
const read = (path) => readFileSync(join(d2l, path), 'utf8');

async function run(code) {
  let out = '';
  await runSnippet(code, (s) => {
    out += s;
  });
  return out;
}

describe('seed snippets print what the notebooks printed', () => {
  for (const ex of EXAMPLES) {
    it(`${ex.id} (${ex.api})`, async () => {
      const snippet = toSnippet(read(`src/${ex.file}`));
      expect(snippet).not.toMatch(/^import /m);
      expect(await run(snippet)).toBe(read(`expected/${ex.file.replace('.js', '.txt')}`));
    });
  }

  it('a snippet cannot leak print options into the next run', async () => {
    const before = np.getPrintoptions();
    await run("np.set_printoptions({ legacy: '1.13', precision: 3 });");
    expect(np.getPrintoptions()).toEqual(before);
  });

  it("a snippet's error rejects with its message, after what it printed", async () => {
    let out = '';
    const err = await runSnippet("await print('before'); torch.ones([2]).add(torch.ones([3]));", (s) => {
      out += s;
    }).catch((e) => e);
    expect(out).toBe('before\n');
    expect(String(err.message)).toMatch(/\[2\].*\[3\]/);
  });
});

describe('toSnippet', () => {
  it('awaits print and display in code but not in comments or strings', () => {
    const src = [
      "import { print } from '@polygrad/torch';",
      'export function f() {',
      '  print(x); // print(y) stays',
      "  const s = 'display(z)';",
      '  display(y.print(1));',
      '}',
      'export const sections = [f];',
      'if (isMain(import.meta.url)) for (const section of sections) section();',
    ].join('\n');
    expect(toSnippet(src)).toBe(
      [
        'async function f() {',
        '  await print(x); // print(y) stays',
        "  const s = 'display(z)';",
        '  await display(y.print(1));',
        '}',
        'const sections = [f];',
        'for (const section of sections) await section();',
      ].join('\n'),
    );
  });
});
