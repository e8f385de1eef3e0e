/**
 * Arrow types from the set's value shapes, in the layout pyarrow gives a list of dicts (what
 * slime reads with `--input-key messages --tool-key tools`): `List<Struct<…>>` with struct fields
 * in first-seen order, Int64 for integers, and every key missing from a row filled with null.
 * apache-arrow cannot infer nested types itself, so the types are built explicitly here.
 */
import { Bool, type DataType, Field, Float64, Int64, List, Struct, Utf8 } from "apache-arrow";
import { AppError } from "@/lib/errors/app-error";
import type { ShapeNode } from "@/lib/export/parquet/value-shape";

export function arrowType(node: ShapeNode): DataType {
  switch (node.kind()) {
    // A key that only ever held null: pyarrow would say `null`; a nullable string reads back the same.
    case "null":
    case "string":
      return new Utf8();
    case "integer":
      return new Int64();
    case "float":
      return new Float64();
    case "boolean":
      return new Bool();
    case "list":
      return new List(new Field("item", node.item ? arrowType(node.item) : new Utf8(), true));
    case "struct": {
      const fields = [...(node.fields ?? new Map<string, ShapeNode>()).entries()];
      if (fields.length === 0)
        throw new AppError(
          "VALIDATION",
          `\`${node.path}\` only ever holds empty objects; parquet cannot store a struct without fields (pyarrow refuses it too)`,
          { location: { field: node.path } },
        );
      return new Struct(fields.map(([name, child]) => new Field(name, arrowType(child), true)));
    }
  }
}
