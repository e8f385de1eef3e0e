import { describe, expect, it } from "vitest";
import { mkdtemp, readFile, symlink, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { runTool } from "@/lib/cli/run/workdir-tools";

async function setup() {
  const base = await mkdtemp(path.join(os.tmpdir(), "limi-run-"));
  const work = path.join(base, "work");
  await mkdir(work);
  await writeFile(path.join(base, "secret.txt"), "outside");
  await writeFile(path.join(work, "a.txt"), "hello\nworld\n");
  await symlink(path.join(base, "secret.txt"), path.join(work, "link.txt"));
  await symlink(base, path.join(work, "up"));
  return { base, work };
}

describe("the runner's file tools stay inside the workdir", () => {
  it("refuses .. and absolute paths outside", async () => {
    const { work, base } = await setup();
    for (const p of ["../secret.txt", path.join(base, "secret.txt"), "sub/../../secret.txt"]) {
      const r = await runTool(work, "read_file", { absolute_path: p });
      expect(r).toMatchObject({ isError: true });
      expect(r.output).toMatch(/outside the working directory/);
    }
    const w = await runTool(work, "write_file", { file_path: "../evil.txt", content: "x" });
    expect(w.output).toMatch(/outside the working directory/);
    expect(await readFile(path.join(base, "secret.txt"), "utf8")).toBe("outside");
  });

  it("refuses symlinks that lead out, for reading, writing and through a linked folder", async () => {
    const { work, base } = await setup();
    expect((await runTool(work, "read_file", { absolute_path: "link.txt" })).output).toMatch(/outside/);
    expect((await runTool(work, "write_file", { file_path: "link.txt", content: "x" })).output).toMatch(/outside/);
    expect((await runTool(work, "write_file", { file_path: "up/new.txt", content: "x" })).output).toMatch(/outside/);
    expect((await runTool(work, "list_directory", { path: "up" })).output).toMatch(/outside/);
    expect(
      (await runTool(work, "replace", { file_path: "link.txt", old_string: "out", new_string: "in" })).output,
    ).toMatch(/outside/);
    expect((await runTool(work, "glob", { pattern: "../*" })).output).toMatch(/without \.\./);
    expect(await readFile(path.join(base, "secret.txt"), "utf8")).toBe("outside");
  });

  it("works inside: write, replace, read, list, glob, search, shell with exit code and cap", async () => {
    const { work } = await setup();
    expect((await runTool(work, "write_file", { file_path: "src/m.py", content: "x = 1\n" })).isError).toBe(false);
    await runTool(work, "replace", { file_path: "src/m.py", old_string: "x = 1", new_string: "x = 2" });
    expect((await runTool(work, "read_file", { absolute_path: "src/m.py" })).output).toBe("x = 2\n");
    expect((await runTool(work, "list_directory", { path: "." })).output.split("\n").sort()).toEqual(
      ["a.txt", "link.txt", "src/", "up"].sort(),
    );
    expect((await runTool(work, "glob", { pattern: "**/*.py" })).output).toBe("src/m.py");
    expect((await runTool(work, "search_file_content", { pattern: "wor" })).output).toBe("a.txt:2: world");
    const sh = await runTool(work, "run_shell_command", { command: "cat a.txt; exit 3" });
    expect(sh).toMatchObject({ isError: true });
    expect(sh.output).toContain("hello\nworld\n\n[exit code 3]");
  });
});
