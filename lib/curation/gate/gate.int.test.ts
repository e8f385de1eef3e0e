import { gunzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pgPool } from "@/lib/db/pg-pool";
import { sessionCookie } from "@/lib/db/testing/factories";
import { callRoute } from "@/lib/http/testing/call-route";
import { blobPath } from "@/lib/import/source-store";
import { readRevision } from "@/lib/trajectory/store/read-revision";
import { saveRevision } from "@/lib/trajectory/revisions";
import * as checks from "@/app/api/projects/[slug]/curation/sets/[setId]/checks/route";
import * as redact from "@/app/api/projects/[slug]/curation/sets/[setId]/findings/[findingId]/redact/route";
import * as waive from "@/app/api/projects/[slug]/curation/sets/[setId]/findings/[findingId]/waive/route";
import * as purge from "@/app/api/admin/purge/[findingId]/route";
import { assertReleasable } from "@/lib/curation/gate/release-gate";
import { CHECK_RUN_LIMIT } from "@/lib/curation/gate/run-checks";
import type { ChecksView, FindingView } from "@/lib/curation/gate/findings";
import { gateProject, importApproved, makeSet } from "@/lib/curation/gate/testing/gate-fixtures";
import { SEEDED } from "@/lib/curation/gate/testing/seeded-secrets";

const AWS = SEEDED["aws-access-key"][1];
const PASSWORD = SEEDED["url-password"][1];
const SECRET_OUTPUT = `AWS_ACCESS_KEY_ID=${AWS}\nDATABASE_URL=postgres://admin:${PASSWORD}@db.internal:5432/app`;

async function fixture() {
  const f = await gateProject();
  const withSecrets = await importApproved(f.project.id, f.lead.id, { output: SECRET_OUTPUT });
  const clean = await importApproved(f.project.id, f.lead.id, { args: { command: "ls", timeout: 30 } });
  const stringTimeout = await importApproved(f.project.id, f.lead.id, { args: { command: "ls", timeout: "30s" } });
  const intTimeout = await importApproved(f.project.id, f.lead.id, { args: { command: "pwd", timeout: 10 } });
  const noAnswer = await importApproved(f.project.id, f.lead.id, { noAnswer: true });
  const setId = await makeSet(f.project.id, [withSecrets, clean, stringTimeout, intTimeout, noAnswer]);
  const [lead, annotator, admin] = await Promise.all([
    sessionCookie(f.lead.id),
    sessionCookie(f.annotator.id),
    sessionCookie(f.instanceAdmin.id),
  ]);
  const params = { slug: f.project.slug, setId };
  return {
    ...f,
    ids: { withSecrets, clean, stringTimeout, intTimeout, noAnswer },
    setId,
    params,
    cookies: { lead, annotator, admin },
  };
}

type F = Awaited<ReturnType<typeof fixture>>;
const run = (f: F, cookie = f.cookies.lead) => callRoute(checks.POST, { method: "POST", params: f.params, cookie });
const view = async (f: F) =>
  (await callRoute(checks.GET, { params: f.params, cookie: f.cookies.annotator })).json as unknown as ChecksView;
const find = (v: ChecksView, p: (x: FindingView) => boolean) => v.findings.find(p)!;
const gate = (f: F) => db().$transaction((tx) => assertReleasable(tx, f.project.id, f.setId));
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string; details?: unknown };
  }
  throw new Error("expected a refusal");
}
const audits = async (projectId: string, action: string) =>
  (await pgPool().query(`SELECT "data" FROM "AuditLog" WHERE "projectId"=$1 AND "action"=$2`, [projectId, action]))
    .rows;

describe("curation checks: validation and the redaction scan of a set", { timeout: 90_000 }, () => {
  it("finds validation problems and secrets, each linked to its step; annotators read but cannot run", async () => {
    const f = await fixture();
    expect((await run(f, f.cookies.annotator)).status).toBe(403);
    const empty = await view(f);
    expect(empty.run).toBeNull();
    expect(empty.findings).toEqual([]);

    const r = await run(f);
    expect(r.status).toBe(200);
    const v = await view(f);
    const open = v.findings.filter((x) => x.status === "open");
    expect(open.map((x) => [x.rule, x.kind, x.trajectoryId]).sort()).toEqual(
      [
        ["argument-type", null, f.ids.stringTimeout],
        ["ends-with-assistant", null, f.ids.noAnswer],
        ["secret", "aws-access-key", f.ids.withSecrets],
        ["secret", "url-password", f.ids.withSecrets],
      ].sort(),
    );
    const aws = find(v, (x) => x.kind === "aws-access-key");
    expect(aws).toMatchObject({ stepIndex: 2, field: "output", revisionNumber: 1, redactable: true });
    expect(aws.stepKey).toBeTruthy();
    expect(JSON.stringify(v)).not.toContain(AWS);
    expect(v.counts).toMatchObject({ samples: 5, open: 4, openSecrets: 2, openValidation: 2 });
    expect(v.run).toMatchObject({ samples: 5, stale: false });
    expect(await audits(f.project.id, "curation.checks.run")).toHaveLength(1);
  });

  it("a redaction makes a new revision with the placeholder, carries the approval and clears the finding", async () => {
    const f = await fixture();
    await run(f);
    const aws = find(await view(f), (x) => x.kind === "aws-access-key");
    const findingParams = { ...f.params, findingId: aws.id };
    expect(
      (await callRoute(redact.POST, { method: "POST", params: findingParams, cookie: f.cookies.annotator })).status,
    ).toBe(403);

    const r = await callRoute(redact.POST, { method: "POST", params: findingParams, cookie: f.cookies.lead });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ revision: 2, finding: { status: "redacted", redactedRevision: 2 } });
    const t = await db().trajectory.findUniqueOrThrow({
      where: { id: f.ids.withSecrets },
      select: { status: true, approvedNumber: true, headNumber: true },
    });
    expect(t).toEqual({ status: "approved", approvedNumber: 2, headNumber: 2 });
    const rev2 = await readRevision(f.project.id, f.ids.withSecrets, 2);
    const text = JSON.stringify(rev2.steps);
    expect(text).not.toContain(AWS);
    expect(text).toContain("<REDACTED:aws-access-key>");
    expect(text).toContain(PASSWORD);
    const revision = await db().revision.findFirstOrThrow({
      where: { trajectoryId: f.ids.withSecrets, number: 2 },
      select: { reason: true },
    });
    expect(revision.reason).toBe("redact aws-access-key");
    expect(await audits(f.project.id, "approval.carried")).toHaveLength(1);
    expect(await audits(f.project.id, "curation.finding.redact")).toHaveLength(1);
    // The older revision still has it (until a purge).
    expect(JSON.stringify((await readRevision(f.project.id, f.ids.withSecrets, 1)).steps)).toContain(AWS);

    // The other secret of the trajectory follows the new revision and is redacted from it in turn.
    const v = await view(f);
    const pw = find(v, (x) => x.kind === "url-password");
    expect(pw).toMatchObject({ status: "open", revisionNumber: 2 });
    expect(v.run!.stale).toBe(false);
    const r2 = await callRoute(redact.POST, {
      method: "POST",
      params: { ...f.params, findingId: pw.id },
      cookie: f.cookies.lead,
    });
    expect(r2.json).toMatchObject({ revision: 3 });
    expect(JSON.stringify((await readRevision(f.project.id, f.ids.withSecrets, 3)).steps)).toContain(
      "postgres://admin:<REDACTED:url-password>@db.internal",
    );

    // A re-run does not find them again.
    await run(f);
    const after = await view(f);
    expect(after.findings.filter((x) => x.category === "secret").map((x) => x.status)).toEqual([
      "redacted",
      "redacted",
    ]);
  });

  it("bad input changes nothing: redacting a resolved finding, an unknown finding, a validation finding", async () => {
    const f = await fixture();
    await run(f);
    const v = await view(f);
    const aws = find(v, (x) => x.kind === "aws-access-key");
    await callRoute(redact.POST, {
      method: "POST",
      params: { ...f.params, findingId: aws.id },
      cookie: f.cookies.lead,
    });
    const again = await callRoute(redact.POST, {
      method: "POST",
      params: { ...f.params, findingId: aws.id },
      cookie: f.cookies.lead,
    });
    expect(again.status).toBe(409);
    expect(again.json.error!.message).toContain("redacted already");
    const unknown = await callRoute(redact.POST, {
      method: "POST",
      params: { ...f.params, findingId: "nope" },
      cookie: f.cookies.lead,
    });
    expect(unknown.status).toBe(404);
    const arg = find(v, (x) => x.rule === "argument-type");
    const notSecret = await callRoute(redact.POST, {
      method: "POST",
      params: { ...f.params, findingId: arg.id },
      cookie: f.cookies.lead,
    });
    expect(notSecret.status).toBe(422);
    expect(notSecret.json.error!.message).toContain("fix it in the editor");
    const head = await db().trajectory.findUniqueOrThrow({
      where: { id: f.ids.stringTimeout },
      select: { headNumber: true },
    });
    expect(head.headNumber).toBe(1);
    // A finding of another set is not this set's.
    const other = await makeSet(f.project.id, [f.ids.clean]);
    const elsewhere = await callRoute(redact.POST, {
      method: "POST",
      params: { ...f.params, setId: other, findingId: arg.id },
      cookie: f.cookies.lead,
    });
    expect(elsewhere.status).toBe(404);
  });

  it("a waiver needs a lead and a reason, is audited, and survives a re-run", async () => {
    const f = await fixture();
    await run(f);
    const arg = find(await view(f), (x) => x.rule === "argument-type");
    const p = { ...f.params, findingId: arg.id };
    const noReason = await callRoute(waive.POST, { method: "POST", params: p, body: {}, cookie: f.cookies.lead });
    expect(noReason.status).toBe(422);
    expect(noReason.json.error!.message).toContain("reason");
    const blank = await callRoute(waive.POST, {
      method: "POST",
      params: p,
      body: { reason: "  " },
      cookie: f.cookies.lead,
    });
    expect(blank.status).toBe(422);
    expect(
      (
        await callRoute(waive.POST, {
          method: "POST",
          params: p,
          body: { reason: "fine" },
          cookie: f.cookies.annotator,
        })
      ).status,
    ).toBe(403);
    expect(find(await view(f), (x) => x.id === arg.id).status).toBe("open");

    const ok = await callRoute(waive.POST, {
      method: "POST",
      params: p,
      body: { reason: "the trainer casts timeouts" },
      cookie: f.cookies.lead,
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: "waived", waiverReason: "the trainer casts timeouts" });
    const twice = await callRoute(waive.POST, {
      method: "POST",
      params: p,
      body: { reason: "again" },
      cookie: f.cookies.lead,
    });
    expect(twice.status).toBe(409);
    expect(await audits(f.project.id, "curation.finding.waive")).toEqual([
      { data: expect.objectContaining({ reason: "the trainer casts timeouts", rule: "argument-type" }) },
    ]);
    await run(f);
    expect(find(await view(f), (x) => x.id === arg.id).status).toBe("waived");
  });

  it("an open finding a re-run no longer finds is resolved (fixed in the editor)", async () => {
    const f = await fixture();
    await run(f);
    const ends = find(await view(f), (x) => x.rule === "ends-with-assistant");
    // A lead's edit sends the trajectory back to review; approved again, the set has the new revision.
    const { revision } = await saveRevision(
      f.project.id,
      f.ids.noAnswer,
      {
        baseNumber: 1,
        reason: "add the answer",
        ops: [{ op: "insert", after: ends.stepKey, step: { kind: "assistant", text: "Done." } }],
      },
      { id: f.lead.id, name: "Lead" },
    );
    const v = await view(f);
    expect(v.run!.stale).toBe(true);
    const { decide } = await import("@/lib/review/lead-decision");
    await decide(
      f.project.id,
      f.ids.noAnswer,
      { decision: "override_approve", revisionNumber: revision.number, reason: "fixed" },
      f.lead.id,
    );
    await run(f);
    expect(find(await view(f), (x) => x.id === ends.id).status).toBe("resolved");
  });

  it("the release gate: refused before a run, while findings are open, and after the set changed", async () => {
    const f = await fixture();
    expect(await refusal(gate(f))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("have not been run"),
    });
    await run(f);
    const open = await refusal(gate(f));
    expect(open).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^the set has 4 open findings: .*Secret: aws-access-key/),
    });

    const v = await view(f);
    for (const x of v.findings.filter((y) => y.category === "secret"))
      await callRoute(redact.POST, {
        method: "POST",
        params: { ...f.params, findingId: x.id },
        cookie: f.cookies.lead,
      });
    for (const x of v.findings.filter((y) => y.category === "validation"))
      await callRoute(waive.POST, {
        method: "POST",
        params: { ...f.params, findingId: x.id },
        body: { reason: "accepted for this release" },
        cookie: f.cookies.lead,
      });
    const ok = await gate(f);
    expect(ok.waivers).toHaveLength(2);
    expect(ok.waivers[0]).toMatchObject({ reason: "accepted for this release", byId: f.lead.id });
    expect(ok.findings.map((x) => (x as { kind: string }).kind).sort()).toEqual(["aws-access-key", "url-password"]);

    const extra = await importApproved(f.project.id, f.lead.id);
    await db().curationItem.create({ data: { setId: f.setId, trajectoryId: extra, projectId: f.project.id } });
    expect(await refusal(gate(f))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("changed since its checks ran"),
    });
  });

  it("caps check runs per user per minute", async () => {
    const f = await fixture();
    const small = await makeSet(f.project.id, [f.ids.clean]);
    const statuses: number[] = [];
    for (let i = 0; i <= CHECK_RUN_LIMIT.points; i++)
      statuses.push(
        (
          await callRoute(checks.POST, {
            method: "POST",
            params: { ...f.params, setId: small },
            cookie: f.cookies.admin,
          })
        ).status,
      );
    expect(statuses.slice(0, CHECK_RUN_LIMIT.points).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("purge", { timeout: 90_000 }, () => {
  it("instance admins only; the confirmation must name what is rewritten; then no revision, history or original keeps it", async () => {
    const f = await fixture();
    await run(f);
    const aws = find(await view(f), (x) => x.kind === "aws-access-key");
    await callRoute(redact.POST, {
      method: "POST",
      params: { ...f.params, findingId: aws.id },
      cookie: f.cookies.lead,
    });
    // A lead's own edit put the secret in the history too.
    const p = { findingId: aws.id };
    const projectAdmin = await sessionCookie(f.admin.id);
    expect((await callRoute(purge.GET, { params: p, cookie: f.cookies.lead })).status).toBe(403);
    expect(
      (await callRoute(purge.POST, { method: "POST", params: p, body: { confirm: "x" }, cookie: projectAdmin })).status,
    ).toBe(403);

    const preview = await callRoute(purge.GET, { params: p, cookie: f.cookies.admin });
    expect(preview.status).toBe(200);
    const plan = preview.json as {
      confirmation: string;
      stepBodies: unknown[];
      sourceFile: { contains: boolean; sha256: string };
    };
    expect(plan.stepBodies).toHaveLength(1);
    expect(plan.sourceFile.contains).toBe(true);
    expect(plan.confirmation).toBe(
      `purge aws-access-key from trajectory ${f.ids.withSecrets}: 1 step body, 0 revision histories, 0 annotations, 0 trajectory fields, the original file ${(await db().sourceFile.findFirstOrThrow({ where: { sha256: plan.sourceFile.sha256 }, select: { filename: true } })).filename}`,
    );
    expect(JSON.stringify(preview.json)).not.toContain(AWS);

    const wrong = await callRoute(purge.POST, {
      method: "POST",
      params: p,
      body: { confirm: "purge it" },
      cookie: f.cookies.admin,
    });
    expect(wrong.status).toBe(422);
    expect(JSON.stringify((await readRevision(f.project.id, f.ids.withSecrets, 1)).steps)).toContain(AWS);

    const done = await callRoute(purge.POST, {
      method: "POST",
      params: p,
      body: { confirm: plan.confirmation },
      cookie: f.cookies.admin,
    });
    expect(done.status).toBe(200);
    const rev1 = JSON.stringify((await readRevision(f.project.id, f.ids.withSecrets, 1)).steps);
    expect(rev1).not.toContain(AWS);
    expect(rev1).toContain("<REDACTED:aws-access-key>");
    const previews = await pgPool().query(
      `SELECT 1 FROM "Step" WHERE "trajectoryId"=$1 AND strpos("preview", $2) > 0`,
      [f.ids.withSecrets, AWS],
    );
    expect(previews.rowCount).toBe(0);
    const t = await db().trajectory.findUniqueOrThrow({
      where: { id: f.ids.withSecrets },
      select: { sourceFile: { select: { sha256: true } } },
    });
    expect(t.sourceFile!.sha256).not.toBe(plan.sourceFile.sha256);
    const original = gunzipSync(readFileSync(blobPath(t.sourceFile!.sha256))).toString();
    expect(original).not.toContain(AWS);
    expect(original).toContain("<REDACTED:aws-access-key>");
    expect(original).toContain(PASSWORD);
    expect(await audits(f.project.id, "secret.purge")).toHaveLength(1);
    const twice = await callRoute(purge.GET, { params: p, cookie: f.cookies.admin });
    expect(twice.status).toBe(409);
  });
});
