/**
 * Revision numbers and step keys as they arrive in requests. Both end up in indexed columns of
 * bounded size (a PostgreSQL `integer`, a btree key), so they are bounded here and a number above
 * 2^31 − 1 or a 10 KB key is a 400 naming the field, not a database error.
 */
import { z } from "zod";

export const MAX_REVISION_NUMBER = 2_147_483_647;
/** Keys are `s<seq>` for imported steps and `n<10 hex>` for inserted ones; clients may choose their own. */
export const MAX_STEP_KEY_LENGTH = 128;

export const RevisionNumber = z
  .number()
  .int()
  .min(1)
  .max(MAX_REVISION_NUMBER, `a revision number is at most ${MAX_REVISION_NUMBER}`);
export const RevisionNumberParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_REVISION_NUMBER, `a revision number is at most ${MAX_REVISION_NUMBER}`);
export const StepKey = z
  .string()
  .min(1)
  .max(MAX_STEP_KEY_LENGTH, `a step key is at most ${MAX_STEP_KEY_LENGTH} characters`);
