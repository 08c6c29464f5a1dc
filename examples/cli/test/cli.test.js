import { describe, expect, it } from 'vitest';
import { BACKENDS, parseFlags, usage } from '../src/index.js';

const FLAGS = { backend: { choices: BACKENDS }, epochs: { integer: 1, default: 3 } };

describe('parseFlags', () => {
  it('takes both spellings, drops a bare --, and fills defaults', () => {
    expect(parseFlags(['--', '--backend=wasm'], FLAGS)).toEqual({ backend: 'wasm', epochs: 3 });
    expect(parseFlags(['--epochs', '7', '--backend', 'cpu'], FLAGS)).toEqual({ backend: 'cpu', epochs: 7 });
    expect(parseFlags([], FLAGS)).toEqual({ backend: null, epochs: 3 });
    expect(parseFlags(['-h'], FLAGS)).toEqual({ help: true });
  });

  it('says what is wrong with a bad flag', () => {
    expect(() => parseFlags(['--backend', 'tpu'], FLAGS)).toThrow(
      "--backend must be one of cpu, wasm, webgpu (got 'tpu')",
    );
    expect(() => parseFlags(['--epochs', '0'], FLAGS)).toThrow("--epochs must be an integer ≥ 1 (got '0')");
    expect(() => parseFlags(['--epochs', '2.5'], FLAGS)).toThrow('--epochs must be an integer');
    expect(() => parseFlags(['--color'], FLAGS)).toThrow(/Unknown option '--color'/);
    expect(() => parseFlags(['extra'], FLAGS)).toThrow(/Unexpected argument 'extra'/);
  });

  it('writes the usage line from the flags', () => {
    expect(usage('src/main.js', FLAGS)).toBe(
      'usage: node src/main.js [--backend cpu|wasm|webgpu] [--epochs N]',
    );
  });
});
