import type { CreateUserPoolRequest } from "@aws-sdk/client-cognito-identity-provider";
import type { Services } from "../../services";
import { servicesTestbed } from "../../testing";
import { createPool } from "./pools";
import type { PoolRecord } from "./records";
import { createUser } from "./users";
import {
  createImportJob,
  findImportJob,
  importColumns,
  startImportJob,
  stopImportJob,
  storeImportFile,
  TOO_MANY_FAILURES,
  type UserImportJobRecord,
} from "./user-import";

const ROLE = "arn:aws:iam::123456789012:role/CognitoImport";

function testbed(settings: Partial<CreateUserPoolRequest> = {}) {
  const { services } = servicesTestbed();
  const pool = createPool(services, "us-east-1", { PoolName: "import", AutoVerifiedAttributes: ["email"], ...settings });
  return { services, pool };
}

/** A line of the pool's columns with the given values, the rest empty. */
function line(pool: PoolRecord, values: Record<string, string>): string {
  return importColumns(pool)
    .map((column) => values[column] ?? "")
    .join(",");
}

const user = (username: string, extra: Record<string, string> = {}) => ({
  "cognito:username": username,
  "cognito:mfa_enabled": "false",
  email: `${username}@example.com`,
  email_verified: "true",
  ...extra,
});

/** Uploads, starts, and waits for the job to end. */
async function runImport(services: Services, pool: PoolRecord, csv: string): Promise<UserImportJobRecord> {
  const job = createImportJob(services, pool, { UserPoolId: pool.Id, JobName: "test", CloudWatchLogsRoleArn: ROLE });
  storeImportFile(services, job, csv);
  startImportJob(services, job);
  return settled(services, job.JobId);
}

async function settled(services: Services, jobId: string): Promise<UserImportJobRecord> {
  for (let tick = 0; tick < 1000; tick++) {
    const job = findImportJob(services, jobId)!;
    if (job.Status !== "Pending" && job.Status !== "InProgress") return job;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error("the import did not end");
}

const csv = (pool: PoolRecord, users: Array<Record<string, string>>) => [importColumns(pool).join(","), ...users.map((values) => line(pool, values))].join("\r\n");

describe("user import", () => {
  it("reads Cognito's CSV: columns in any order, escaped commas, whitespace and a byte-order mark", async () => {
    const { services, pool } = testbed();
    const header = [...importColumns(pool)].reverse();
    const values: Record<string, string> = { ...user("ann"), name: "Ann\\, Jr." };
    const row = header.map((column) => ` ${values[column] ?? ""} `);
    const job = await runImport(services, pool, `\uFEFF${header.join(",")}\n${row.join(",")}\n\n`);
    expect(job).toMatchObject({ Status: "Succeeded", ImportedUsers: 1 });
    const ann = services.tables.users.get(services.tables.userKey(pool.Id, "ann"))!;
    expect(ann).toMatchObject({ UserStatus: "RESET_REQUIRED", Attributes: { name: "Ann, Jr.", email: "ann@example.com", email_verified: "true" } });
    expect(ann.PasswordHash).toBeUndefined();
  });

  it("fails users Cognito's rules refuse and skips users who exist", async () => {
    const { services, pool } = testbed();
    createUser(services, pool, { Username: "old", Attributes: {}, UserStatus: "CONFIRMED" });
    const job = await runImport(
      services,
      pool,
      csv(pool, [
        user("new"),
        user("old"),
        user("with space"),
        user("unverified", { email_verified: "false" }),
        user("mfa", { "cognito:mfa_enabled": "true" }),
        user("maybe", { "cognito:mfa_enabled": "" }),
        user("noemail", { email: "" }),
      ]),
    );
    expect(job).toMatchObject({ Status: "Failed", ImportedUsers: 1, SkippedUsers: 1, FailedUsers: 5, CompletionMessage: TOO_MANY_FAILURES });
  });

  it("turns on SMS MFA for users imported with MFA where the pool requires it", async () => {
    const { services, pool } = testbed({ MfaConfiguration: "ON" });
    const job = await runImport(services, pool, csv(pool, [user("ann", { "cognito:mfa_enabled": "true", phone_number: "+15555550100" }), user("bob")]));
    expect(job).toMatchObject({ ImportedUsers: 1, FailedUsers: 1 });
    expect(services.tables.users.get(services.tables.userKey(pool.Id, "ann"))!.UserMFASettingList).toEqual(["SMS_MFA"]);
  });

  it("fails the whole job without a file, with a foreign header, or in a pool without auto-verified attributes", async () => {
    const { services, pool } = testbed();
    const job = createImportJob(services, pool, { UserPoolId: pool.Id, JobName: "empty", CloudWatchLogsRoleArn: ROLE });
    startImportJob(services, job);
    expect(await settled(services, job.JobId)).toMatchObject({ Status: "Failed", CompletionMessage: "No CSV file was uploaded for the import job." });
    expect(await runImport(services, pool, `${importColumns(pool).join(",")},extra\n`)).toMatchObject({ Status: "Failed", ImportedUsers: 0 });
    const unverified = testbed({ AutoVerifiedAttributes: [] });
    expect(await runImport(unverified.services, unverified.pool, csv(unverified.pool, [user("ann")]))).toMatchObject({ Status: "Failed", ImportedUsers: 0 });
  });

  it("imports large files step by step", async () => {
    const { services, pool } = testbed();
    const users = Array.from({ length: 2500 }, (_, index) => user(`user${index}`));
    expect(await runImport(services, pool, csv(pool, users))).toMatchObject({ Status: "Succeeded", ImportedUsers: 2500 });
  });

  it("stops a started job before it imports anyone", async () => {
    const { services, pool } = testbed();
    const job = createImportJob(services, pool, { UserPoolId: pool.Id, JobName: "stopped", CloudWatchLogsRoleArn: ROLE });
    storeImportFile(services, job, csv(pool, [user("ann")]));
    const stopped = stopImportJob(services, startImportJob(services, job));
    expect(stopped).toMatchObject({ Status: "Stopped", CompletionDate: expect.any(Number) });
    expect(await settled(services, job.JobId)).toMatchObject({ Status: "Stopped", ImportedUsers: 0 });
    expect(services.tables.users.get(services.tables.userKey(pool.Id, "ann"))).toBeUndefined();
    expect(() => storeImportFile(services, stopped, "x")).toThrow(expect.objectContaining({ code: "PreconditionNotMetException" }));
  });
});
