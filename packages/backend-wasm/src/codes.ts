// Codes shared with the kernels: element types (assembly/convert.ts) and ops (assembly/math.ts,
// assembly/reduce.ts), in the order of core's UnaryOp, BinaryOp and ReduceOp.
import type { BinaryOp, DType, ReduceOp, UnaryOp } from '@polygrad/core';

/** Element type codes shared with assembly/convert.ts. */
export const DT: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };
export const DTYPE_OF: DType[] = ['bool', 'int32', 'float32', 'float64'];

export const UNARY: Record<UnaryOp, number> = {
  neg: 0,
  abs: 1,
  sign: 2,
  exp: 3,
  log: 4,
  log1p: 5,
  expm1: 6,
  sqrt: 7,
  rsqrt: 8,
  square: 9,
  reciprocal: 10,
  sin: 11,
  cos: 12,
  tan: 13,
  tanh: 14,
  sigmoid: 15,
  relu: 16,
  erf: 17,
  floor: 18,
  ceil: 19,
  round: 20,
  trunc: 21,
  not: 22,
  isnan: 23,
};

export const BINARY: Record<BinaryOp, number> = {
  add: 0,
  sub: 1,
  mul: 2,
  div: 3,
  pow: 4,
  maximum: 5,
  minimum: 6,
  atan2: 7,
  eq: 8,
  ne: 9,
  lt: 10,
  le: 11,
  gt: 12,
  ge: 13,
  and: 14,
  or: 15,
};

export const REDUCE: Record<ReduceOp, number> = { sum: 0, prod: 1, max: 2, min: 3, argmax: 4, argmin: 5 };
export const REDUCE_INIT: Record<ReduceOp, number> = {
  sum: 0,
  prod: 1,
  max: Number.NEGATIVE_INFINITY,
  min: Number.POSITIVE_INFINITY,
  argmax: 0,
  argmin: 0,
};
