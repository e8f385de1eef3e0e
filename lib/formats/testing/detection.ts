/**
 * The detection check each format's tests make: the format wins detection on its own fixtures
 * (against every registered format) and gives 0 to every other format's fixtures.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { detectSample, readDetectSample } from "@/lib/formats/detect";
import { FORMAT_MODULES } from "@/lib/formats/registry";
import type { FormatModule } from "@/lib/formats/types";
import { fileInput, fixturePath } from "@/lib/formats/testing/input";
import { readTree } from "@/lib/formats/testing/zip";

export async function expectClaimsOnlyItsFixtures(format: FormatModule, own: readonly string[]): Promise<void> {
  for (const f of own)
    expect(detectSample(await readDetectSample(fileInput(f)), [...FORMAT_MODULES, format])?.module.name, f).toBe(
      format.name,
    );
  for (const other of FORMAT_MODULES.map((m) => m.name).filter((n) => n !== format.name)) {
    const dir = fixturePath(other);
    if (!existsSync(dir)) continue;
    for (const rel of Object.keys(readTree(dir)))
      expect(format.detect(await readDetectSample(fileInput(join(dir, rel)))), `${other}/${rel}`).toBe(0);
  }
}
