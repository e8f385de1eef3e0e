import { describe, expect, it } from "vitest";
import { detectLanguage, languageFromFilename } from "@/lib/viewer/detect-language";

describe("languageFromFilename", () => {
  it("maps extensions, in any folder", () => {
    expect(languageFromFilename("src/app.tsx")).toBe("typescript");
    expect(languageFromFilename("C:\\x\\run.PY")).toBe("python");
    expect(languageFromFilename("fix.patch")).toBe("diff");
    expect(languageFromFilename("Makefile")).toBeNull();
    expect(languageFromFilename(".bashrc")).toBeNull();
  });
});

describe("detectLanguage", () => {
  it("lets a known file name win", () => {
    expect(detectLanguage("print(1)", "notes.md")).toBe("markdown");
  });

  it("recognises JSON and JSON Lines", () => {
    expect(detectLanguage('{"a": [1, 2]}')).toBe("json");
    expect(detectLanguage('{"a":1}\n{"b":2}\n')).toBe("json");
    expect(detectLanguage("{not json}")).not.toBe("json");
  });

  it("recognises unified diffs", () => {
    expect(detectLanguage("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b")).toBe("diff");
    expect(detectLanguage("@@ -1,2 +1,2 @@\n-old\n+new\n context")).toBe("diff");
  });

  it("reads shebangs", () => {
    expect(detectLanguage("#!/usr/bin/env bash\necho hi")).toBe("shell");
    expect(detectLanguage("#!/usr/bin/python3\nx = 1")).toBe("python");
    expect(detectLanguage("#!/usr/bin/env node\nx")).toBe("javascript");
  });

  it("scores code", () => {
    expect(
      detectLanguage("import os\n\ndef main():\n    print(os.getcwd())\n\nif __name__ == '__main__':\n    main()"),
    ).toBe("python");
    expect(detectLanguage("export interface A {\n  x: number;\n}\nconst a: A = { x: 1 } as const;")).toBe("typescript");
    expect(detectLanguage("const x = require('fs');\nmodule.exports = () => x;")).toBe("javascript");
    expect(detectLanguage("cd repo && npm test\ngit status | grep modified")).toBe("shell");
  });

  it("calls prose and empty text plain", () => {
    expect(detectLanguage("")).toBe("plaintext");
    expect(detectLanguage("The tests passed after the fix was applied to the parser.")).toBe("plaintext");
  });
});
