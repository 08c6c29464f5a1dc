// Seed 003: D2L "Automatic Differentiation" in three frameworks, the PyTorch cells.
// Run: node src/seed003-torch.js   (prints what these cells printed in the notebook)
//
// Python lines are kept as comments where the JavaScript differs. Each section is a function so
// that side-by-side.js can run it next to the MXNet and TensorFlow ports; `cell(n)` marks the
// notebook's cells (it prints nothing here).

// In [2]:
// import torch
import { print, torch } from '@polygrad/torch';
import { display } from './display.js';
import { cell, isMain } from './notebook.js';

// ### A Simple Example
export function aSimpleExample() {
  // In [6]:
  cell(6);
  const x = torch.arange(4.0);
  x.requires_grad_(true); // Same as `x = torch.arange(4.0, requires_grad=True)`
  print(x.grad); // The default value is None

  // In [7]:
  cell(7);
  const y = torch.dot(x, x).mul(2); // y = 2 * torch.dot(x, x)
  print(y);

  // In [8]:
  cell(8);
  y.backward();
  print(x.grad);
}

// ### Backward for Non-Scalar Variables
export function backwardForNonScalarVariables() {
  // In [15]:
  cell(15);
  const x = torch.arange(4.0);
  display(x.requires_grad_(true)); // x.requires_grad_(True)  # Same as `x = torch.arange(4.0, requires_grad=True)`

  // In [16]:
  cell(16);
  // Invoking `backward` on a non-scalar requires passing in a `gradient` argument
  // which specifies the gradient of the differentiated function w.r.t `self`.
  // In our case, we simply want to sum the partial derivatives, so passing
  // in a gradient of ones is appropriate
  const y = x.mul(x); // y = x * x
  // y.backward(torch.ones(len(x))) equivalent to the below
  y.sum().backward();
  print(x.grad);
}

// ### Detaching Computation
export function detachingComputation() {
  // In [23]:
  cell(23);
  const x = torch.arange(4.0);
  display(x.requires_grad_(true)); // x.requires_grad_(True)

  // In [24]:
  cell(24);
  const y = x.mul(x); // y = x * x
  const u = y.detach();
  const z = u.mul(x); // z = u * x

  // In [25]:
  cell(25);
  z.sum().backward();
  print(x.grad);
  print(u);
  print(x.grad.eq(u)); // print(x.grad == u)

  // In [26]:
  cell(26);
  x.grad.zero_();
  y.sum().backward();
  print(x.grad);
}

export const sections = [aSimpleExample, backwardForNonScalarVariables, detachingComputation];

if (isMain(import.meta.url)) for (const section of sections) section();
