/**
 * Start-up migration of tokenizer settings written before models were named: `hf:/absolute/path`
 * becomes `hf:<model>` when the path lies in the models folder. Settings pointing elsewhere are left
 * as they are and reported in the server log; using them is refused (lib/tokens/registry.ts) with a
 * message saying how to move the files, so nothing is ever read from outside the models folder.
 */
import { db } from "@/lib/db/client";
import { HF_PREFIX } from "@/lib/tokens/hf-tokenizer";
import { legacyPathToModel } from "@/lib/tokens/registry";

export interface LegacyMigration {
  migrated: Array<{ slug: string; from: string; to: string }>;
  refused: Array<{ slug: string; spec: string }>;
}

export async function migrateLegacyTokenizerSpecs(): Promise<LegacyMigration> {
  const rows = await db().project.findMany({
    where: { tokenizer: { startsWith: HF_PREFIX, contains: "/" } },
    select: { id: true, slug: true, tokenizer: true },
  });
  const out: LegacyMigration = { migrated: [], refused: [] };
  for (const row of rows) {
    const model = legacyPathToModel(row.tokenizer.slice(HF_PREFIX.length));
    if (!model) {
      out.refused.push({ slug: row.slug, spec: row.tokenizer });
      continue;
    }
    const to = HF_PREFIX + model;
    await db().project.update({ where: { id: row.id }, data: { tokenizer: to }, select: { id: true } });
    out.migrated.push({ slug: row.slug, from: row.tokenizer, to });
  }
  return out;
}
