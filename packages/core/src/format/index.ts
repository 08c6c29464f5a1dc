/** Value printing that matches NumPy 1.x (`str`/`repr` of ndarrays) and PyTorch (`repr` of tensors). */
export {
  type FloatFormatOptions,
  formatPositional,
  formatScientific,
  numpyScalarStr,
  pyExp,
  pyFixed,
  type Trim,
} from './float-format.js';
export {
  type Array2StringOptions,
  getNumpyPrintOptions,
  NUMPY_DEFAULTS,
  type NumpyPrintOptions,
  type NumpyReprOptions,
  numpyArray2string,
  numpyHidesDtype,
  numpyRepr,
  numpyStr,
  resetNumpyPrintOptions,
  setNumpyPrintOptions,
} from './numpy.js';
export {
  getTorchPrintOptions,
  setTorchPrintOptions,
  type TorchPrintOptions,
  type TorchProfile,
  type TorchReprOptions,
  torchRepr,
} from './torch.js';
export type { FormatInput } from './types.js';
