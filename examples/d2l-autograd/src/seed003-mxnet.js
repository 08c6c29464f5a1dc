// Seed 003: D2L "Automatic Differentiation" in three frameworks, the MXNet (`np`) cells.
// Run: node src/seed003-mxnet.js   (prints what these cells printed in the notebook)
//
// Python lines are kept as comments where the JavaScript differs. Each section is a function so
// that side-by-side.js can run it next to the PyTorch and TensorFlow ports; `cell(n)` marks the
// notebook's cells (it prints nothing here).

// In [2]:
// from mxnet import autograd, np, npx
import { autograd, np, npx, print } from '@polygrad/mxnet';
import { cell, isMain } from './notebook.js';

npx.set_np();

// ### A Simple Example
export function aSimpleExample() {
  // In [3]:
  cell(3);
  const x = np.arange(4.0);
  // We allocate memory for a tensor's gradient by invoking `attach_grad`
  x.attach_grad();
  // After we calculate a gradient taken with respect to `x`, we will be able to
  // access it via the `grad` attribute, whose values are initialized with 0s
  print(x.grad);

  // In [4]:
  cell(4);
  // with autograd.record():
  //     y = 2 * np.dot(x, x)
  const y = autograd.record(() => np.dot(x, x).mul(2));
  print(y);

  // In [5]:
  cell(5);
  y.backward();
  print(x.grad);
}

// ### Backward for Non-Scalar Variables
export function backwardForNonScalarVariables() {
  // In [12]:
  cell(12);
  const x = np.arange(4.0);
  x.attach_grad();

  // In [13]:
  cell(13);
  // When we invoke `backward` on a vector-valued variable `y` (function of `x`),
  // a new scalar variable is created by summing the elements in `y`. Then the
  // gradient of that scalar variable with respect to `x` is computed
  // with autograd.record():
  //     y = x * x  # `y` is a vector
  const y = autograd.record(() => x.mul(x)); // `y` is a vector

  // In [14]:
  cell(14);
  y.backward();
  print(x.grad); // Equals to y = sum(x * x)
}

// ### Detaching Computation
export function detachingComputation() {
  // In [19]:
  cell(19);
  const x = np.arange(4.0);
  x.attach_grad();

  // In [20]:
  cell(20);
  // with autograd.record():
  //     y = x * x
  //     u = y.detach()
  //     z = u * x
  let y;
  let u;
  let z;
  autograd.record(() => {
    y = x.mul(x);
    u = y.detach();
    z = u.mul(x);
  });

  // In [21]:
  cell(21);
  z.backward();
  print(x.grad);
  print(u);
  print(x.grad.eq(u)); // print(x.grad == u)

  // In [22]:
  cell(22);
  y.backward();
  print(x.grad);
}

export const sections = [aSimpleExample, backwardForNonScalarVariables, detachingComputation];

if (isMain(import.meta.url)) for (const section of sections) section();
