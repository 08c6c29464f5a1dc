// Seed 002: MXNet's tutorial "Automatic differentiation with autograd" (`nd`, head gradients),
// cell by cell. Run: node src/seed002-mxnet-nd.js   (prints what the page printed)
//
// The page was rendered by NumPy 1.13, which printed `[[  4.   8.]` where NumPy 1.14+ prints
// `[[ 4.  8.]`; np.set_printoptions({ legacy: '1.13' }) prints as it did. (The page was then
// scraped from HTML, which collapsed runs of spaces and dropped the indentation of its code:
// the indentation below is the tutorial's own.)

// [1]:
// import mxnet as mx
// from mxnet import nd, autograd
import { autograd, mx, nd, np, print } from '@polygrad/mxnet';

np.set_printoptions({ legacy: '1.13' }); // print as the page's NumPy (1.13) did

// mx.random.seed(1)
// The page seeds MXNet's generator; polygrad's is a different one (its seed 1 draws an `a` that
// needs only 9 doublings in [8], not the page's 11). Seed 7 draws an `a` that takes the page's
// path (1024·‖a‖ < 1000 ≤ 2048·‖a‖ and sum(a) < 0), so [10] prints the page's a.grad.
mx.random.seed(7);

// [2]:
const x = nd.array([
  [1, 2],
  [3, 4],
]);

// [3]:
x.attach_grad();

// [4]:
// with autograd.record():
//     y = x * 2
//     z = y * x
let y;
let z;
autograd.record(() => {
  y = x.mul(2);
  z = y.mul(x);
});

// [5]:
z.backward();

// [6]:
print(x.grad);

// [7]:
autograd.record(() => {
  y = x.mul(2);
  z = y.mul(x);
});
let head_gradient = nd.array([
  [10, 1],
  [0.1, 0.01],
]); // head_gradient = nd.array([[10, 1.], [.1, .01]])
z.backward(head_gradient);
print(x.grad);

// [8]:
const a = nd.random_normal({ shape: 3 }); // a = nd.random_normal(shape=3)
a.attach_grad();
let c;
autograd.record(() => {
  let b = a.mul(2); // b = a * 2
  // while (nd.norm(b) < 1000).asscalar():
  while (nd.norm(b).lt(1000).asscalar()) {
    b = b.mul(2); // b = b * 2
  }
  // if (mx.nd.sum(b) > 0).asscalar():
  if (mx.nd.sum(b).gt(0).asscalar()) {
    c = b;
  } else {
    c = b.mul(100); // c = 100 * b
  }
});

// [9]:
head_gradient = nd.array([0.01, 1.0, 0.1]); // head_gradient = nd.array([0.01, 1.0, .1])
c.backward(head_gradient);

// [10]:
print(a.grad);
