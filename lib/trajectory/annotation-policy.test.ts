import { describe, expect, it } from "vitest";
import { annotationRefusal } from "@/lib/trajectory/annotation-policy";

describe("annotation policy", () => {
  const author = { actorId: "u1", authorId: "u1", mayModerate: false };
  const other = { actorId: "u2", authorId: "u1", mayModerate: false };
  const lead = { actorId: "u3", authorId: "u1", mayModerate: true };
  it("lets the author edit and delete their own", () => {
    expect(annotationRefusal("annotation", "edit", author)).toBeNull();
    expect(annotationRefusal("comment", "delete", author)).toBeNull();
  });
  it("lets a lead delete anyone's but not rewrite it", () => {
    expect(annotationRefusal("comment", "delete", lead)).toBeNull();
    expect(annotationRefusal("comment", "edit", lead)).toBe("only the author can change this comment");
  });
  it("refuses anyone else, and nobody is the author of an authorless row", () => {
    expect(annotationRefusal("annotation", "edit", other)).toBe("only the author can change this annotation");
    expect(annotationRefusal("annotation", "delete", other)).toBe(
      "only the author or a lead can delete this annotation",
    );
    expect(annotationRefusal("annotation", "edit", { ...other, authorId: null, actorId: "u1" })).not.toBeNull();
  });
});
