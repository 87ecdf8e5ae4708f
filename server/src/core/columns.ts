/** Typed arrays that hold columns of numbers outside the collected heap. */
export type Column = Int32Array | Uint32Array | Uint8Array | Float64Array;

/** `old`'s values at the start of `bigger`, which takes its place when a column fills up. */
export function grown<A extends Column>(old: A, bigger: A): A {
  bigger.set(old);
  return bigger;
}
