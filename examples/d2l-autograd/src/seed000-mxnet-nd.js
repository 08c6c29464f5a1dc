// Seed 000: D2L chapter 4.3 "Automatic Differentiation" with MXNet 1.x's `nd`, cell by cell.
// Run: node src/seed000-mxnet-nd.js   (prints what the notebook printed and displayed)
//
// Python lines are kept as comments where the JavaScript differs: operators are methods
// (`2 * x` is `x.mul(2)`), `with autograd.record():` takes a callback, and a cell's last
// expression is shown with `display`, as Jupyter shows it.

// In [2]:
// from mxnet import autograd, nd
import { autograd, mx, nd, print } from '@polygrad/mxnet';
import { display } from './display.js';

// #### 4.3.1 A simple Example

// In [3]:
const x = nd.arange(4);
display(x);

// In [4]:
x.attach_grad();

// In [5]:
// with autograd.record():
//     y = 2 * nd.dot(x, x)
let y = autograd.record(() => nd.dot(x, x).mul(2));
display(y);

// In [6]:
y.backward();

// In [7]:
print(x);
print(x.grad);
print(x.grad.sub(x.mul(4))); // print(x.grad - 4 * x)

// In [8]:
// with autograd.record():
//     y = x.norm()
y = autograd.record(() => x.norm());
y.backward();
display(x.grad);

// #### 4.3.2 Backward for Non-scalar Variable

// In [9]:
print('x vector : ', x);

y = autograd.record(() => x.mul(x)); // with autograd.record(): # y is a vector
print('y vector : ', y);
y.backward();
print('x.grad : ', x.grad);

let u = x.copy();
u.attach_grad();

let v = autograd.record(() => u.mul(u).sum()); // with autograd.record(): # v is scalar
print('v scalar : ', v);
v.backward();
print('u.grad : ', u.grad);

display(x.grad.sub(u.grad)); // x.grad - u.grad

// #### 4.3.3 Detach Computations

// In [10]:
// with autograd.record():
//     y = x * x
//     u = y.detach()
//     z = u * x
let z;
autograd.record(() => {
  y = x.mul(x);
  u = y.detach();
  z = u.mul(x);
});
print('x : ', x);
print('u : ', u);
print('z : ', z);

z.backward();

print('x.grad : ', x.grad);
print('u : ', u);

display(x.grad.sub(u)); // x.grad - u

// In [11]:
y.backward();
print('y : ', y);
print('x.grad : ', x.grad);
print('x : ', x);

display(x.grad.sub(x.mul(2))); // x.grad - 2*x

// #### 4.3.4 Attach Gradients to Internal Variables

// In [12]:
y = nd.ones(4).mul(2); // y = nd.ones(4) * 2
y.attach_grad();

// with autograd.record():
//     u = x * y
//     u.attach_grad() # implicitly run u = u.detach()
//     z = u + x
z = autograd.record(() => {
  u = x.mul(y);
  u.attach_grad(); // implicitly run u = u.detach()
  return u.add(x);
});

z.backward();
display([x.grad, u.grad, y.grad]); // x.grad, u.grad, y.grad

// #### 4.3.5 Head gradients

// In [13]:
y = nd.ones(4).mul(2); // y = nd.ones(4) * 2
y.attach_grad();

// with autograd.record():
//     u = x * y
//     v = u.detach() # u still keeps the computation graph
//     v.attach_grad()
//     z = v + x
z = autograd.record(() => {
  u = x.mul(y);
  v = u.detach(); // u still keeps the computation graph
  v.attach_grad();
  return v.add(x);
});

z.backward();
display([x.grad, y.grad]); // x.grad, y.grad

// In [14]:
u.backward(v.grad);
display([x.grad, y.grad]); // x.grad, y.grad

// #### 4.3.6 Computing the Gradient of Python Control Flow

// In [15]:
function f(a) {
  let b = a.mul(2); // b = a * 2

  while (b.norm().asscalar() < 1000) {
    b = b.mul(2); // b = b * 2
  }

  let c;
  if (b.sum().asscalar() > 0) {
    c = b;
  } else {
    c = b.mul(100); // c = 100 * b
  }

  return c;
}

// In [16]:
// The draw is random: the notebook did not seed it, and polygrad's generator is not MXNet's.
// Seed 2 draws an `a` in [0.977, 1.953), positive, which takes the notebook's path (ten
// doublings, c = b), so a.grad is the notebook's [1024.] and the check below is [1.].
mx.random.seed(2);
const a = nd.random.normal({ shape: 1 }); // a = nd.random.normal(shape=1)
a.attach_grad();

const d = autograd.record(() => f(a)); // with autograd.record(): d = f(a)

d.backward();

// In [18]:
print('a : ', a);
print('d : ', d);
print('a.grad : ', a.grad);
print(a.grad.eq(d.div(a))); // print(a.grad == (d / a))

// #### 4.3.7 Training Mode and Prediction Mode

// In [19]:
print(autograd.is_training());

autograd.record(() => {
  print(autograd.is_training());
});
