// BC's "Library Assert" (codeunit 130002) for the simulator's tests: what Assert.ExpectedError checks.
import { BcError } from '../../src/runtime/BcError';

/** Awaits p, expects it to fail with a BcError (BC's Error(...)), and returns that error for its text and code. */
export async function expectBcError(p: Promise<unknown>): Promise<BcError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(BcError);
    return e as BcError;
  }
  throw new Error('expected a BC error');
}
