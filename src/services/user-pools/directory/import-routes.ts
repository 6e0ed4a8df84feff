import { createHash } from "node:crypto";
import express, { Router } from "express";
import { ServiceError } from "../../../errors";
import type { Services } from "../../services";
import { findImportJob, MAX_IMPORT_FILE_BYTES, storeImportFile } from "./user-import";

/**
 * The upload URL CreateUserImportJob hands out (PreSignedUrl): a PUT of the CSV, as to Cognito's
 * pre-signed S3 URL. Answers in S3's manner: 200 with an ETag, or an XML error.
 */
export function userImportRoutes(services: Services): Router {
  const router = Router();
  router.put("/_emu/import/:jobId", express.raw({ type: () => true, limit: MAX_IMPORT_FILE_BYTES }), async (req, res, next) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const job = findImportJob(services, req.params.jobId);
    if (!job) return void s3Error(res, 404, "NoSuchUpload", `No import job ${req.params.jobId}.`);
    try {
      await services.store.transaction(() => storeImportFile(services, job, body.toString("utf8")));
    } catch (error) {
      if (error instanceof ServiceError) return void s3Error(res, 403, "AccessDenied", error.message);
      return void next(error);
    }
    res.set("ETag", `"${createHash("md5").update(body).digest("hex")}"`).status(200).end();
  });
  return router;
}

function s3Error(res: express.Response, status: number, code: string, message: string): void {
  const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  res
    .status(status)
    .type("application/xml")
    .send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`);
}
