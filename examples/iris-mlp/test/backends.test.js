import * as core from '@polygrad/core';
import { afterAll, expect, it } from 'vitest';
import { styles } from '../src/index.js';

afterAll(() => core.setBackend('cpu'));

it('trains on the wasm backend as on cpu', async () => {
  const cpu = await styles.torch.train({ epochs: 60 });
  await core.setBackend('wasm');
  expect(core.getBackend()).toBe('wasm');
  for (const style of Object.values(styles)) {
    const wasm = await style.train({ epochs: 60 });
    wasm.losses.forEach((v, i) => expect(Math.abs(v - cpu.losses[i])).toBeLessThanOrEqual(1e-4));
    expect(wasm.testAccuracy).toBe(cpu.testAccuracy);
    expect(wasm.trainAccuracy).toBe(cpu.trainAccuracy);
  }
  await core.setBackend('cpu');
  expect(core.getBackend()).toBe('cpu');
});
