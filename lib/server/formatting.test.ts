// The house formats with Prettier and `npm run lint` must fail on an unformatted file (issue 16):
// the lint script runs `prettier --check`, and that check refuses a file written otherwise.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { format, check, resolveConfig } from "prettier";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("formatting", () => {
  it("npm run lint runs Prettier's check over the whole tree after ESLint", async () => {
    const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.lint.split("&&").map((s) => s.trim())).toEqual(["eslint .", "prettier --check ."]);
  });

  it("the project's Prettier settings refuse an unformatted file and accept it once formatted", async () => {
    const filepath = path.join(root, "lib/server/example.ts");
    const options = { ...(await resolveConfig(filepath)), filepath };
    const messy = "export const answer={value:42,label:'forty-two'}\n";
    expect(await check(messy, options)).toBe(false);
    const formatted = await format(messy, options);
    expect(formatted).toBe('export const answer = { value: 42, label: "forty-two" };\n');
    expect(await check(formatted, options)).toBe(true);
  });
});
