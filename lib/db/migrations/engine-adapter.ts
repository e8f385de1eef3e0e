/**
 * The driver adapter handed to the schema engine. PostgreSQL's single-byte `"char"` catalog
 * columns (pg_constraint.contype, pg_class.relkind, ...; type oid 18) are read by the engine's
 * schema describer as characters, but @prisma/adapter-pg 7.10 rejects oid 18 as an unsupported
 * native type. This wrapper reports those columns with the adapter protocol's `Character` column
 * type, which is what the engine expects; everything else passes through untouched.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";

const CHAR_OID = 18;
const TEXT_OID = 25;

interface PgQueryableLike {
  performIO(query: SqlQuery): Promise<{ fields: Array<{ dataTypeID: number }> }>;
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  startTransaction?: (...args: unknown[]) => Promise<unknown>;
}

function patchQueryable<T>(target: T): T {
  const q = target as unknown as PgQueryableLike;
  // Keyed by the query object: queryRaw passes the same object to performIO.
  const charColumns = new WeakMap<SqlQuery, number[]>();
  const performIO = q.performIO.bind(q);
  q.performIO = async (query) => {
    const res = await performIO(query);
    const cols: number[] = [];
    res.fields.forEach((f, i) => {
      if (f.dataTypeID === CHAR_OID) {
        f.dataTypeID = TEXT_OID;
        cols.push(i);
      }
    });
    if (cols.length) charColumns.set(query, cols);
    return res;
  };
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const res = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) res.columnTypes[i] = ColumnTypeEnum.Character;
    charColumns.delete(query);
    return res;
  };
  if (q.startTransaction) {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (...args) => patchQueryable(await start(...args));
  }
  return target;
}

export function createEngineAdapter(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  // allowExitOnIdle: the engine never disposes its adapter, and idle clients must not keep a CLI alive.
  const inner = new PrismaPg({ connectionString, max: 2, allowExitOnIdle: true });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => patchQueryable(await inner.connect()),
    connectToShadowDb: async () => patchQueryable(await inner.connectToShadowDb()),
  };
}
