/** The options every way in accepts (CLI flags, REST query, upload form), validated once. */
import { z } from "zod";
import { formatNames } from "@/lib/formats/registry";

export const ImportParamsSchema = z.object({
  format: z
    .string()
    .default("auto")
    .superRefine((f, ctx) => {
      if (f !== "auto" && !formatNames().includes(f))
        ctx.addIssue({
          code: "custom",
          message: `unknown format "${f}"; valid formats: auto, ${formatNames().join(", ")}`,
        });
    }),
  domain: z.string().trim().min(1).max(64).optional(),
  queryId: z.string().trim().min(1).max(64).optional(),
});
export type ImportParams = z.infer<typeof ImportParamsSchema>;
