/**
 * MXNet's reshape codes (`nd.reshape(data, shape, reverse)`), a shape computation only: 0 copies
 * the source dimension, -1 infers one (left for `reshape` to resolve), -2 copies all remaining
 * ones, -3 merges two into their product, -4 splits one into the next two values (one may be
 * -1). `reverse` matches the codes from the right.
 */
export function mxnetReshapeShape(
  src: readonly number[],
  spec: readonly number[],
  reverse = false,
): number[] {
  if (reverse) {
    if (spec.includes(-4)) throw new RangeError('reshape: reverse=True with -4 is not supported');
    return mxnetReshapeShape([...src].reverse(), [...spec].reverse(), false).reverse();
  }
  const out: number[] = [];
  let i = 0;
  for (let j = 0; j < spec.length; j++) {
    const s = spec[j];
    if (s === 0) out.push(src[i++]);
    else if (s === -1) {
      out.push(-1);
      i++;
    } else if (s === -2) while (i < src.length) out.push(src[i++]);
    else if (s === -3) {
      out.push(src[i] * src[i + 1]);
      i += 2;
    } else if (s === -4) {
      const [a, b] = [spec[j + 1], spec[j + 2]];
      const d = src[i++];
      out.push(a === -1 ? d / b : a, b === -1 ? d / a : b);
      j += 2;
    } else {
      out.push(s);
      i++;
    }
  }
  return out;
}
