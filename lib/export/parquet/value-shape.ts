/**
 * The shape of JSON values across a whole set, as pyarrow infers it from a list of dicts: every
 * object becomes a struct over the union of keys seen anywhere, every array a list of one item
 * type. A key seen with two types (`timeout` as an integer in one sample and a string in another)
 * cannot be one Arrow column: LIMI's preparation dropped such samples; we refuse the set and name
 * the samples instead. Integer and fractional numbers are different types here, as they are for
 * LIMI's `type(value)` check.
 */
export type ValueKind = "null" | "string" | "integer" | "float" | "boolean" | "list" | "struct";

export function kindOf(v: unknown): ValueKind {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  if (typeof v === "boolean") return "boolean";
  if (Array.isArray(v)) return "list";
  if (typeof v === "object") return "struct";
  throw new TypeError(`unexpected ${typeof v} in a JSON value`);
}

/** How many sample names to keep per (path, type): enough to fix, bounded for 10,000 samples. */
const NAMES_KEPT = 5;

interface KindSeen {
  count: number;
  samples: string[];
  lastSample?: string;
}

export class ShapeNode {
  readonly kinds = new Map<ValueKind, KindSeen>();
  item?: ShapeNode;
  fields?: Map<string, ShapeNode>;

  constructor(readonly path: string) {}

  /** The one non-null kind, or null when only nulls were seen; assumes no conflict. */
  kind(): ValueKind {
    for (const k of this.kinds.keys()) if (k !== "null") return k;
    return "null";
  }
}

export interface ShapeConflict {
  path: string;
  types: Array<{ type: ValueKind; samples: string[]; moreSamples: number }>;
}

/** Visits every value of every sample once; the result is the schema and the conflicts. */
export class ShapeCollector {
  readonly roots = new Map<string, ShapeNode>();

  add(column: string, value: unknown, sample: string): void {
    let root = this.roots.get(column);
    if (!root) this.roots.set(column, (root = new ShapeNode(column)));
    visit(root, value, sample);
  }

  conflicts(): ShapeConflict[] {
    const out: ShapeConflict[] = [];
    const walk = (n: ShapeNode) => {
      const types = [...n.kinds.entries()].filter(([k]) => k !== "null");
      if (types.length > 1)
        out.push({
          path: n.path,
          types: types.map(([type, seen]) => ({
            type,
            samples: seen.samples,
            moreSamples: Math.max(0, seen.count - seen.samples.length),
          })),
        });
      if (n.item) walk(n.item);
      if (n.fields) for (const c of n.fields.values()) walk(c);
    };
    for (const r of this.roots.values()) walk(r);
    return out;
  }
}

function record(node: ShapeNode, kind: ValueKind, sample: string): void {
  let seen = node.kinds.get(kind);
  if (!seen) node.kinds.set(kind, (seen = { count: 0, samples: [] }));
  // Count samples, not values: the same sample visits a path many times in a row.
  if (seen.lastSample === sample) return;
  seen.lastSample = sample;
  seen.count++;
  if (seen.samples.length < NAMES_KEPT) seen.samples.push(sample);
}

function visit(node: ShapeNode, v: unknown, sample: string): void {
  const kind = kindOf(v);
  record(node, kind, sample);
  if (kind === "list") {
    node.item ??= new ShapeNode(`${node.path}[]`);
    for (const x of v as unknown[]) visit(node.item, x, sample);
  } else if (kind === "struct") {
    node.fields ??= new Map();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      let child = node.fields.get(k);
      if (!child) node.fields.set(k, (child = new ShapeNode(`${node.path}.${k}`)));
      visit(child, x, sample);
    }
  }
}
