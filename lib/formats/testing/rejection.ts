import { expect } from "vitest";
import { AppError } from "@/lib/errors/app-error";

/** The AppError a parse rejects with; the test fails when it resolves or throws anything else. */
export async function rejection(parsing: Promise<unknown>): Promise<AppError> {
  const e = await parsing.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
