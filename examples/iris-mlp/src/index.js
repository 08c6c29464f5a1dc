// What the browser playground imports: the three styles' `train` and the data loader.
import * as mxnet from './mxnet.js';
import * as tf from './tf.js';
import * as torch from './torch.js';

export { loadIris } from './data.js';
export { DEFAULTS } from './loop.js';
export const styles = { mxnet, torch, tf };
