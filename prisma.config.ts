// Prisma CLI configuration. The connection URL is only needed by CLI commands that reach the
// database; `prisma generate` does not. The app itself resolves its URL in lib/db/database-url.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/limi" },
});
