/** The d2l-autograd ports' source text, bundled as strings (Vite's `?raw`). */
import seed000 from '@polygrad/example-d2l-autograd/src/seed000-mxnet-nd.js?raw';
import seed001 from '@polygrad/example-d2l-autograd/src/seed001-mxnet-np.js?raw';
import seed002 from '@polygrad/example-d2l-autograd/src/seed002-mxnet-nd.js?raw';
import seed003mxnet from '@polygrad/example-d2l-autograd/src/seed003-mxnet.js?raw';
import seed003tf from '@polygrad/example-d2l-autograd/src/seed003-tf.js?raw';
import seed003torch from '@polygrad/example-d2l-autograd/src/seed003-torch.js?raw';

export const SOURCES = {
  'seed000-mxnet-nd.js': seed000,
  'seed001-mxnet-np.js': seed001,
  'seed002-mxnet-nd.js': seed002,
  'seed003-mxnet.js': seed003mxnet,
  'seed003-tf.js': seed003tf,
  'seed003-torch.js': seed003torch,
};
