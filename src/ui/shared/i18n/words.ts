/**
 * Each screen keeps its own words in a `words.ts` beside it: `{ da, en }`, where `en` must have
 * exactly the keys of `da` (the type checks that English is complete). Danish is the default.
 */
export type Words<T> = { [K in keyof T]: T[K] extends string ? string : Words<T[K]> };

export const defineWords = <T extends Record<string, unknown>>(da: T, en: Words<T>) => ({ da, en });
