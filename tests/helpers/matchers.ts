/**
 * Typed asymmetric matchers: vitest's `expect.any` and `expect.stringMatching` return `any`, which
 * the lint rules (rightly) refuse inside typed objects.
 */
import { expect } from 'vitest';

export const anyString = (): string => expect.any(String) as string;
export const anyNumber = (): number => expect.any(Number) as number;
export const matching = (pattern: RegExp): string => expect.stringMatching(pattern) as string;
