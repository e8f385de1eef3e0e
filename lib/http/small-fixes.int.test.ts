// The small items of issue 17 on the HTTP side, replayed: a download of a file whose name is not
// Latin-1, and pull-request URLs with `javascript:`/`data:` schemes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeMember, makeProject, sessionCookie } from "@/lib/db/testing/factories";
import { importFile } from "@/lib/import/import-file";
import { tempFile } from "@/lib/import/testing/temp-files";
import * as source from "@/app/api/projects/[slug]/trajectories/[trajectoryId]/source/route";
import * as prImports from "@/app/api/projects/[slug]/pr-imports/route";

describe("source download", () => {
  it("serves a file named outside Latin-1 with an RFC 5987 filename*", async () => {
    const project = await makeProject();
    const lead = await makeMember(project.id, "lead");
    const name = "数据 “final” ✓.jsonl";
    const file = await tempFile(
      name,
      JSON.stringify({
        messages: [
          { role: "user", content: "hi 数据" },
          { role: "assistant", content: "ok" },
        ],
      }) + "\n",
    );
    const imported = await importFile(file, { projectId: project.id, actorId: lead.id, format: "auto" });
    expect(imported.status).toBe("imported");
    const req = new Request("http://localhost/", { headers: { cookie: await sessionCookie(lead.id) } });
    const res = await source.GET(req, {
      params: Promise.resolve({ slug: project.slug, trajectoryId: imported.trajectoryId ?? "" }),
    });
    expect(res.status).toBe(200);
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toBe(`attachment; filename="__ _final_ _.jsonl"; filename*=UTF-8''${encodeURIComponent(name)}`);
    expect(await res.text()).toContain("hi 数据");
  });
});

describe("pull-request URLs", () => {
  it("refuses javascript: and data: URLs, naming the line and field", async () => {
    const project = await makeProject();
    const lead = await makeMember(project.id, "lead");
    const cookie = await sessionCookie(lead.id);
    const pr = (url: string) =>
      JSON.stringify({
        repo: "acme/app",
        number: 1,
        title: "Fix pager",
        patch: "diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-x\n+y\n",
        url,
      });
    for (const url of ["javascript:alert(document.cookie)", "data:text/html,<script>alert(1)</script>"]) {
      const req = new Request("http://localhost/?filename=prs.jsonl", {
        method: "POST",
        headers: { cookie, "content-type": "application/octet-stream" },
        body: pr(url),
      });
      const res = await prImports.POST(req, { params: Promise.resolve({ slug: project.slug }) });
      const json = (await res.json()) as { error: { message: string } };
      expect(res.status, url).toBe(422);
      expect(json.error.message).toMatch(/prs\.jsonl line 1 field url/);
      expect(json.error.message).toContain("expected an http(s) URL");
    }
    expect(await db().pullRequest.count({ where: { projectId: project.id } })).toBe(0);
  });
});
