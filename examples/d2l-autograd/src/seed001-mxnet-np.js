// Seed 001: D2L 2.5 "Automatic Differentiation" with MXNet's NumPy interface (`np`, `npx`),
// cell by cell (the notebook's cells ran out of order; they are kept in the notebook's order).
// Run: node src/seed001-mxnet-np.js   (prints what the notebook printed and displayed)
//
// Python lines are kept as comments where the JavaScript differs. A cell ending in
// `x, x.grad` displays a tuple: here `display([x, x.grad])`.

// In [1]:
// from mxnet import autograd,np,npx
import { autograd, mx, np, npx, print } from '@polygrad/mxnet';
import { display } from './display.js';

npx.set_np();

// ### 2.5.1 A Simple Example

// In [26]:
let x = np.arange(4.0);
display([x, x.grad]); // x, x.grad

// In [28]:
// 为张量分配计算梯度的内存空间
x = np.arange(4.0);
x.attach_grad();
display([x, x.grad]); // x, x.grad

// In [3]:
// 对比 分配内存前、分配内存后、反向传播后 y.grad 的值
x = np.arange(4.0);
// 将计算函数置于 `autograd.record` 的范围用于构造计算图
// with autograd.record():
//     y=2*np.dot(x,x)
let y = autograd.record(() => np.dot(x, x).mul(2));
display([y, y.grad, x.grad]); // y, y.grad, x.grad

// In [4]:
x = np.arange(4.0);
y = autograd.record(() => np.dot(x, x).mul(2));
y.attach_grad();
display([y, y.grad, x.grad]); // y, y.grad, x.grad

// In [10]:
// 必须为 x 变量提供计算梯度的内存后才可以对函数 y(x) 进行反向传播计算梯度
x = np.arange(4.0);
x.attach_grad();
y = autograd.record(() => {
  // y=2x^2, y'=4x
  return np.dot(x, x).mul(2); // y=2*np.dot(x,x)
});
y.backward();
display([y, y.grad, x.grad]); // y, y.grad, x.grad

// In [18]:
// with autograd.record():
//     y=x.sum()
y = autograd.record(() => x.sum());
y.backward();
display(x.grad);

// In [21]:
// with autograd.record():
//     y=x.mean()
y = autograd.record(() => x.mean());
x.attach_grad();
display(x.grad);

// In [58]:
// 必须为 x 变量提供计算梯度的内存后才可以对函数 y(x) 进行反向传播计算梯度
x = np.arange(4.0);
x.attach_grad();
let z;
autograd.record(() => {
  // y=2x^2, y'=4x
  y = x.mul(2).mul(x); // y=2*x*x
  z = y.mul(3).mul(y); // z=3*y*y   # z'=48x^3
});
z.backward();
display([x, x.grad, y, y.grad, z, z.grad]); // x, x.grad, y, y.grad, z, z.grad

// In [62]:
x = np.arange(4.0);
x.attach_grad();
print(x, x.grad);
// 必须为 x 变量提供计算梯度的内存后才可以对函数 y(x) 进行反向传播计算梯度
autograd.record(() => {
  // y=2x^2, y'=4x
  y = x.mul(2).mul(x); // y=2*x*x
  z = y.mul(3).mul(y); // z=3*y*y
});
y.attach_grad();
print(x, x.grad, y, y.grad, z, z.grad);
z.backward();
print(x, x.grad, y, y.grad, z, z.grad);
display([x, x.grad, y, y.grad, z, z.grad]); // x, x.grad, y, y.grad, z, z.grad

// In [59]:
x = np.arange(4.0);
x.attach_grad();
print(x, x.grad);
// 必须为 x 变量提供计算梯度的内存后才可以对函数 y(x) 进行反向传播计算梯度
autograd.record(() => {
  // y=2x^2, y'=4x
  y = x.mul(2).mul(x); // y=2*x*x
  z = y.mul(3).mul(y); // z=3*y*y
});
y.attach_grad();
print(x, x.grad, y, y.grad, z, z.grad);
y.backward();
print(x, x.grad, y, y.grad, z, z.grad);
z.backward();
print(x, x.grad, y, y.grad, z, z.grad);
display([y, y.grad, z, z.grad, x.grad]); // y, y.grad, z, z.grad, x.grad

// ### 2.5.2 Backward for Non-Scalar Variables

// In [70]:
x = np.arange(4.0);
x.attach_grad();
autograd.record(() => {
  y = x.mul(x); // y=x*x
  z = y.mul(x); // z=y*x
});
z.backward();
display([x, x.grad, y, y.grad, z, z.grad]); // x, x.grad, y, y.grad, z, z.grad

// In [68]:
x = np.arange(4.0);
x.attach_grad();
let u;
autograd.record(() => {
  y = x.mul(x); // y=x*x
  u = y.detach();
  z = u.mul(x); // z=u*x
});
z.backward();
display([x, x.grad, y, y.grad, u, u.grad, z, z.grad]); // x, x.grad, y, y.grad, u, u.grad, z, z.grad

// ### 2.5.4 Computing the Gradient of Python Control Flow

// In [73]:
function f(x) {
  let y = x.mul(2); // y=x*2
  // while np.linalg.norm(y)<1000:
  while (np.linalg.norm(y).item() < 1000) {
    y = y.mul(2); // y=y*2
  }
  let z;
  // if y.sum()>0:
  if (y.sum().item() > 0) {
    z = y;
  } else {
    z = y.mul(100); // z=100*y
  }
  print(x, y, z);
  return z;
}

// In [77]:
// The draw is random: the notebook did not seed it, and polygrad's generator is not MXNet's.
// Seed 3 draws an x in (-1.953, -0.977], which takes the notebook's path (ten doublings, then
// z = 100 * y), so what is printed relates as the notebook's numbers do: y = 1024·x, z = 100·y.
mx.random.seed(3);
x = np.random.normal();
x.attach_grad();
y = autograd.record(() => f(x)); // with autograd.record(): y=f(x)
// y.backward   (no parentheses in the notebook: nothing is called, so x.grad stays 0)
display([x, x.grad, y, y.grad]); // x, x.grad, y, y.grad
