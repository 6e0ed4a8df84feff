import type { AttributeType, CreateUserImportJobRequest, UserImportJobStatusType, UserImportJobType } from "@aws-sdk/client-cognito-identity-provider";
import { ResourceNotFound, ServiceError } from "../../../errors";
import { randomString } from "../../../ids";
import type { Services } from "../../services";
import { checkAttributeWrite } from "./attributes";
import type { Ordering } from "./list-users";
import { setLegacyMfaOptions } from "../sign-in/mfa";
import type { PoolRecord } from "./records";
import { userImportFiles, userImportJobs } from "./tables";
import { createUser } from "./users";

/** A CSV import of users; keyed by JobId, which is unique across pools as the upload URL names only it. */
export interface UserImportJobRecord {
  JobId: string;
  JobName: string;
  UserPoolId: string;
  CloudWatchLogsRoleArn: string;
  Status: UserImportJobStatusType;
  CreationDate: number;
  StartDate?: number;
  CompletionDate?: number;
  ImportedUsers: number;
  SkippedUsers: number;
  FailedUsers: number;
  CompletionMessage?: string;
}

/** The CSV uploaded for a job, kept until the job is deleted with its pool. */
export interface ImportFileRecord {
  Csv: string;
}

/** Cognito's limits on an import file. */
export const MAX_IMPORT_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_IMPORT_USERS = 500_000;
export const MAX_IMPORT_LINE = 16_000;
/** A job left unstarted this long expires. */
export const IMPORT_JOB_EXPIRY_MS = 24 * 3600_000;
/** Users imported per transaction: the emulator keeps answering while a large file imports. */
const ROWS_PER_STEP = 1000;

const USERNAME_COLUMN = "cognito:username";
const MFA_COLUMN = "cognito:mfa_enabled";
/** Attributes an import cannot set: Cognito assigns `sub`, and `identities` comes from federation. */
const NOT_IMPORTED = new Set(["sub", "identities"]);

const PreconditionNotMet = (message: string) => new ServiceError("PreconditionNotMetException", message);

export const COMPLETED = "Import Job Completed Successfully.";
export const TOO_MANY_FAILURES = "Too many users have failed or been skipped during the import.";

const jobsTable = (services: Services) => userImportJobs.open(services);
const filesTable = (services: Services) => userImportFiles.open(services);

/** The columns of an import file, as GetCSVHeader lists them: the schema's attributes, then Cognito's two. */
export function importColumns(pool: PoolRecord): string[] {
  const attributes = (pool.SchemaAttributes ?? []).map((attribute) => attribute.Name!).filter((name) => !NOT_IMPORTED.has(name));
  return [...attributes, MFA_COLUMN, USERNAME_COLUMN];
}

export function createImportJob(services: Services, pool: PoolRecord, input: CreateUserImportJobRequest): UserImportJobRecord {
  const job: UserImportJobRecord = {
    JobId: unusedJobId(services),
    JobName: input.JobName!,
    UserPoolId: pool.Id,
    CloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn!,
    Status: "Created",
    CreationDate: services.clock.now(),
    ImportedUsers: 0,
    SkippedUsers: 0,
    FailedUsers: 0,
  };
  jobsTable(services).put(job.JobId, job);
  return job;
}

export function findImportJob(services: Services, jobId: string): UserImportJobRecord | undefined {
  return jobsTable(services).get(jobId);
}

export function requireImportJob(services: Services, poolId: string, jobId: string): UserImportJobRecord {
  const job = findImportJob(services, jobId);
  if (!job || job.UserPoolId !== poolId) throw ResourceNotFound(`Import job ${jobId} does not exist in user pool ${poolId}.`);
  return job;
}

export function importJobsInPool(services: Services, poolId: string): UserImportJobRecord[] {
  return jobsTable(services).findBy("byPool", poolId);
}

/** Jobs are listed oldest first, the id breaking ties. */
export const IMPORT_JOB_ORDER: Ordering<UserImportJobRecord> = { rank: (job) => job.CreationDate, tieBreak: (job) => job.JobId };

/** A created job nobody started expires; the status is read, not rewritten, so the clock alone expires it. */
export function jobStatus(services: Services, job: UserImportJobRecord): UserImportJobStatusType {
  if (job.Status === "Created" && services.clock.now() - job.CreationDate >= IMPORT_JOB_EXPIRY_MS) return "Expired";
  return job.Status;
}

/** Where the CSV goes: a PUT to the emulator, as the pre-signed S3 URL of Cognito takes it. */
export function uploadUrl(services: Services, jobId: string): string {
  return `${services.baseUrl()}/_emu/import/${jobId}`;
}

/** Stores the CSV of a job not started yet; a later upload replaces an earlier one, as a PUT to S3 does. */
export function storeImportFile(services: Services, job: UserImportJobRecord, csv: string): void {
  if (jobStatus(services, job) !== "Created") throw PreconditionNotMet(`Import job ${job.JobId} no longer accepts a file: its status is ${jobStatus(services, job)}.`);
  filesTable(services).put(job.JobId, { Csv: csv });
}

/** StartUserImportJob: Created → Pending now; the import itself runs after the request, step by step. */
export function startImportJob(services: Services, job: UserImportJobRecord): UserImportJobRecord {
  const status = jobStatus(services, job);
  if (status !== "Created") throw PreconditionNotMet(`Import job ${job.JobId} cannot be started: its status is ${status}.`);
  const started = saveJob(services, { ...job, Status: "Pending", StartDate: services.clock.now() });
  setImmediate(() => runStep(services, job.JobId, () => beginImport(services, job.JobId)));
  return started;
}

/** StopUserImportJob: a pending or running job stops before its next users; those imported stay. */
export function stopImportJob(services: Services, job: UserImportJobRecord): UserImportJobRecord {
  if (job.Status !== "Pending" && job.Status !== "InProgress") {
    throw PreconditionNotMet(`Import job ${job.JobId} is not running: its status is ${jobStatus(services, job)}.`);
  }
  return saveJob(services, { ...job, Status: "Stopped", CompletionDate: services.clock.now(), CompletionMessage: "Import Job Stopped." });
}

/** UserImportJobType's members in the model's order. */
export function toUserImportJobType(services: Services, job: UserImportJobRecord): UserImportJobType {
  return {
    JobName: job.JobName,
    JobId: job.JobId,
    UserPoolId: job.UserPoolId,
    PreSignedUrl: uploadUrl(services, job.JobId),
    CreationDate: new Date(job.CreationDate),
    ...(job.StartDate !== undefined ? { StartDate: new Date(job.StartDate) } : {}),
    ...(job.CompletionDate !== undefined ? { CompletionDate: new Date(job.CompletionDate) } : {}),
    Status: jobStatus(services, job),
    CloudWatchLogsRoleArn: job.CloudWatchLogsRoleArn,
    ImportedUsers: job.ImportedUsers,
    SkippedUsers: job.SkippedUsers,
    FailedUsers: job.FailedUsers,
    ...(job.CompletionMessage !== undefined ? { CompletionMessage: job.CompletionMessage } : {}),
  };
}

// ---- The import ---------------------------------------------------------------------------------

/** A parsed file being imported: its columns, its user lines, and how far the import got. */
interface ImportRun {
  jobId: string;
  columns: string[];
  lines: string[];
  next: number;
}

type RowOutcome = "imported" | "skipped" | "failed";

/** Each step is its own transaction, after the request that scheduled it; a step that throws fails the job. */
function runStep(services: Services, jobId: string, step: () => ImportRun | undefined): void {
  services.store
    .transaction(step)
    .then((run) => {
      if (run) setImmediate(() => runStep(services, jobId, () => importSomeUsers(services, run)));
    })
    .catch((error: unknown) => {
      services.log.error(`user import ${jobId} failed: ${(error as Error)?.message ?? String(error)}`);
      return services.store.transaction(() => {
        const job = findImportJob(services, jobId);
        if (job?.Status === "Pending" || job?.Status === "InProgress") finishJob(services, job, "Failed", "The import stopped on an internal error.");
      });
    });
}

/** Pending → InProgress once the file reads as an import file of the pool; otherwise the job fails. */
function beginImport(services: Services, jobId: string): ImportRun | undefined {
  const job = findImportJob(services, jobId);
  const pool = job && services.tables.pools.get(job.UserPoolId);
  if (!job || !pool || job.Status !== "Pending") return undefined;
  const file = readImportFile(pool, filesTable(services).get(jobId)?.Csv);
  if ("problem" in file) {
    finishJob(services, job, "Failed", file.problem);
    return undefined;
  }
  saveJob(services, { ...job, Status: "InProgress" });
  return { jobId, ...file, next: 0 };
}

/** Imports the next users, and ends the job after the last; a stopped or deleted job goes no further. */
function importSomeUsers(services: Services, run: ImportRun): ImportRun | undefined {
  const job = findImportJob(services, run.jobId);
  const pool = job && services.tables.pools.get(job.UserPoolId);
  if (!job || !pool || job.Status !== "InProgress") return undefined;
  const counts = { imported: job.ImportedUsers, skipped: job.SkippedUsers, failed: job.FailedUsers };
  const end = Math.min(run.next + ROWS_PER_STEP, run.lines.length);
  for (let index = run.next; index < end; index++) counts[importRow(services, pool, run.columns, run.lines[index])]++;
  const progressed = saveJob(services, { ...job, ImportedUsers: counts.imported, SkippedUsers: counts.skipped, FailedUsers: counts.failed });
  if (end < run.lines.length) return { ...run, next: end };
  const clean = counts.failed === 0 && counts.skipped === 0;
  finishJob(services, progressed, clean ? "Succeeded" : "Failed", clean ? COMPLETED : TOO_MANY_FAILURES);
  return undefined;
}

/** The file's columns and user lines, or why the whole file cannot be imported. */
function readImportFile(pool: PoolRecord, csv: string | undefined): { columns: string[]; lines: string[] } | { problem: string } {
  if (csv === undefined) return { problem: "No CSV file was uploaded for the import job." };
  if (!pool.AutoVerifiedAttributes?.length) return { problem: "The user pool has no auto-verified attributes: imported users could not reset their passwords." };
  const [header, ...lines] = splitLines(csv);
  if (header === undefined) return { problem: "The CSV file is empty." };
  if (lines.length > MAX_IMPORT_USERS) return { problem: `The CSV file has more than ${MAX_IMPORT_USERS} users.` };
  const columns = parseLine(header);
  const expected = importColumns(pool);
  // Every column of the header, each once, in any order.
  if (columns.length !== expected.length || new Set(columns).size !== columns.length || !expected.every((column) => columns.includes(column))) {
    return { problem: "The CSV header does not match the header GetCSVHeader gives for the user pool." };
  }
  return { columns, lines };
}

/** One user line: imported in RESET_REQUIRED, skipped when the user exists, failed when Cognito's rules refuse it. */
function importRow(services: Services, pool: PoolRecord, columns: string[], line: string): RowOutcome {
  const values = line.length > MAX_IMPORT_LINE ? undefined : parseLine(line);
  if (!values || values.length !== columns.length) return "failed";
  let imported: ImportedUser;
  try {
    imported = readRow(pool, new Map(columns.map((column, index) => [column, values[index]])));
  } catch {
    return "failed";
  }
  try {
    const user = createUser(services, pool, { Username: imported.username, Attributes: imported.attributes, UserStatus: "RESET_REQUIRED" });
    if (imported.mfaEnabled) setLegacyMfaOptions(services, pool, user, [{ DeliveryMedium: "SMS", AttributeName: "phone_number" }]);
    return "imported";
  } catch (error) {
    return error instanceof ServiceError && error.code === "UsernameExistsException" ? "skipped" : "failed";
  }
}

interface ImportedUser {
  username: string;
  attributes: Record<string, string>;
  mfaEnabled: boolean;
}

/**
 * A user line read by the rules of Cognito's import format: a username without spaces, MFA
 * stated (and as the pool requires it), a verified contact among the auto-verified attributes, the
 * verified contact itself, the pool's required attributes, and values that fit the schema.
 */
function readRow(pool: PoolRecord, row: Map<string, string>): ImportedUser {
  const username = row.get(USERNAME_COLUMN) ?? "";
  if (username === "" || /\s/.test(username)) throw new Error("invalid username");
  const mfaEnabled = readMfaEnabled(pool, row.get(MFA_COLUMN) ?? "");
  const given: AttributeType[] = [];
  for (const [name, value] of row) {
    if (name.startsWith("cognito:") || value === "") continue;
    given.push({ Name: name, Value: name.endsWith("_verified") ? value.toLowerCase() : value });
  }
  const attributes = checkAttributeWrite(pool, given, true);
  checkVerifiedContact(pool, attributes);
  for (const attribute of pool.SchemaAttributes ?? []) {
    if (attribute.Required && !NOT_IMPORTED.has(attribute.Name!) && !attributes[attribute.Name!]) throw new Error(`${attribute.Name} is required`);
  }
  if (mfaEnabled && !attributes.phone_number) throw new Error("MFA needs a phone number");
  return { username, attributes, mfaEnabled };
}

/** Always stated; true where the pool requires MFA, false where it has none, either where it is optional. */
function readMfaEnabled(pool: PoolRecord, value: string): boolean {
  const stated = value.toLowerCase();
  if (stated !== "true" && stated !== "false") throw new Error("cognito:mfa_enabled must be true or false");
  const mfa = pool.MfaConfiguration ?? "OFF";
  if ((mfa === "ON" && stated !== "true") || (mfa === "OFF" && stated !== "false")) throw new Error("cognito:mfa_enabled does not match the pool");
  return stated === "true";
}

/** With one auto-verified attribute, it must be verified; with two, at least one. A verified contact must be there. */
function checkVerifiedContact(pool: PoolRecord, attributes: Record<string, string>): void {
  const autoVerified = pool.AutoVerifiedAttributes ?? [];
  const verified = autoVerified.filter((name) => attributes[`${name}_verified`] === "true");
  if (verified.length === 0) throw new Error("no verified contact");
  for (const name of ["email", "phone_number"]) {
    if (attributes[`${name}_verified`] === "true" && !attributes[name]) throw new Error(`${name} is verified but missing`);
  }
}

function finishJob(services: Services, job: UserImportJobRecord, status: "Succeeded" | "Failed", message: string): void {
  saveJob(services, { ...job, Status: status, CompletionDate: services.clock.now(), CompletionMessage: message });
}

function saveJob(services: Services, job: UserImportJobRecord): UserImportJobRecord {
  jobsTable(services).put(job.JobId, job);
  return job;
}

/** Lines of the file without a byte-order mark or blank lines (the one after a final newline, say). */
function splitLines(csv: string): string[] {
  return csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
}

/** Cognito's CSV: fields split on commas, `\,` for a comma inside a value, whitespace around values ignored. */
function parseLine(line: string): string[] {
  return line.split(/(?<!\\),/).map((field) => unquote(field.trim().replace(/\\,/g, ",")));
}

/** Values should not be quoted; a quoted one is read without its quotes rather than refused. */
function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/""/g, '"') : value;
}

function unusedJobId(services: Services): string {
  let id = `import-${randomString(10)}`;
  while (jobsTable(services).has(id)) id = `import-${randomString(10)}`;
  return id;
}
