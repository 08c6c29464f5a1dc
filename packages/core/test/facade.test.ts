import { describe, expect, it } from 'vitest';
import { addPythonAliases, opt, PY_REPR, PY_STR, pyArgs, pyRepr, pyStr } from '../src/facade/index.js';

describe('pyArgs', () => {
  const names = ['input', 'dim', 'keepdim'];
  it('binds positionals, keywords in either spelling, and defaults', () => {
    expect(pyArgs('sum', [1, 0], names, { keepdim: false })).toEqual({ input: 1, dim: 0, keepdim: false });
    expect(pyArgs('sum', [1, { dim: 1, keepdim: true }], names)).toEqual({ input: 1, dim: 1, keepdim: true });
    expect(pyArgs('backward', [{ retain_graph: true }], ['gradient', 'retainGraph'])).toEqual({
      retainGraph: true,
    });
  });
  it('rejects unknown and duplicated keywords, and too many positionals, as Python does', () => {
    expect(() => pyArgs('sum', [1, { dims: 1 }], names)).toThrow(
      "sum() got an unexpected keyword argument 'dims'",
    );
    expect(() => pyArgs('sum', [1, 0, { dim: 1 }], names)).toThrow(
      "sum() got multiple values for argument 'dim'",
    );
    expect(() => pyArgs('sum', [1, 2, 3, 4], names)).toThrow(
      'sum() takes 3 positional arguments but 4 were given',
    );
  });
  it('lets a parameter take an object itself', () => {
    expect(pyArgs('gradient', [1, { a: 2 }], ['target', 'sources'], {}, ['sources'])).toEqual({
      target: 1,
      sources: { a: 2 },
    });
  });
  it('opt reads both spellings', () => {
    expect(opt({ create_graph: true }, 'createGraph', false)).toBe(true);
    expect(opt(undefined, 'createGraph', false)).toBe(false);
  });
});

describe('Python aliases and printing', () => {
  it('adds snake_case aliases for camelCase members', () => {
    class A {
      attachGrad() {
        return 1;
      }
      get isLeaf() {
        return true;
      }
    }
    addPythonAliases(A.prototype);
    const a = new A() as A & { attach_grad(): number; is_leaf: boolean };
    expect(a.attach_grad()).toBe(1);
    expect(a.is_leaf).toBe(true);
  });
  it('prints None, True, tuples and objects that know their repr', () => {
    const t = { [PY_STR]: () => 'S', [PY_REPR]: () => 'R' };
    expect(pyStr(null)).toBe('None');
    expect(pyStr(true)).toBe('True');
    expect(pyRepr([t, 1])).toBe('(R, 1)');
    expect(pyRepr([t])).toBe('(R,)');
    expect(pyStr(t)).toBe('S');
    expect(pyRepr('it')).toBe("'it'");
  });
});
