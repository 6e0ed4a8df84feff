import type { Response } from "express";

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** Marks already-built markup so templates can tell it from text. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** A template literal that escapes every interpolated value unless it is Html (or a list of Html). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === undefined || value === null || value === false) return "";
  return escapeHtml(value);
}

export interface PageLook {
  /** The pool's (or client's) customizable CSS, already checked to style only the customizable classes. */
  css?: string;
  logoUrl?: string;
  poolName: string;
}

export interface PageContent {
  title: string;
  error?: string;
  notice?: string;
  body: Html;
}

/** No script runs in these pages; styles are inline. Redirects after a form post may go to any app URL. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'";

/**
 * Class names are the classic hosted UI's (`*-customizable`), so CSS given to SetUICustomization styles
 * these pages as it would Cognito's.
 */
export function sendPage(res: Response, look: PageLook, page: PageContent, status = 200): void {
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<style>${new Html(BASE_CSS)}</style>
${look.css ? html`<style>${new Html(look.css.replace(/<\//g, "<\\/"))}</style>` : ""}
</head>
<body>
<main class="modal-content background-customizable">
<div class="banner-customizable">${look.logoUrl ? html`<img class="logo-customizable" alt="${look.poolName}" src="${look.logoUrl}">` : html`<span class="pool-name">${look.poolName}</span>`}</div>
<div class="modal-body">
<h1 class="textDescription-customizable">${page.title}</h1>
${page.error ? html`<p class="errorMessage-customizable" role="alert">${page.error}</p>` : ""}
${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ""}
${page.body}
</div>
<p class="emulator-note">Served by cognito-emu</p>
</main>
</body>
</html>`;
  res.status(status).set({ "content-type": "text/html; charset=utf-8", "content-security-policy": PAGE_POLICY, "cache-control": "no-store", "x-frame-options": "DENY" }).send(document.markup);
}

export interface FieldSpec {
  name: string;
  label: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
}

export function field(spec: FieldSpec): Html {
  const id = `field-${spec.name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  return html`<label class="label-customizable" for="${id}">${spec.label}</label>
<input id="${id}" class="inputField-customizable" name="${spec.name}" type="${spec.type ?? "text"}"${spec.value !== undefined ? html` value="${spec.value}"` : ""}${spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ""}${spec.required === false ? "" : html` required`}>
${spec.hint ? html`<p class="hint">${spec.hint}</p>` : ""}`;
}

export function hidden(fields: Record<string, string | undefined>): Html[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
}

export function submit(label: string, name?: string, value?: string): Html {
  return html`<button type="submit" class="submitButton-customizable"${name ? html` name="${name}" value="${value ?? ""}"` : ""}>${label}</button>`;
}

export function form(action: string, ...content: unknown[]): Html {
  return html`<form method="post" action="${action}">${content}</form>`;
}

/** Nothing is really sent: a page that asks for a code says where the emulator keeps it. */
export function outboxHint(poolId: string, username: string): Html {
  const messages = `/_emu/messages?${new URLSearchParams({ userPoolId: poolId, ...(username ? { username } : {}) })}`;
  return html`<p class="hint outbox-hint">cognito-emu sends no email or text message: the code is in its outbox, in the <a href="/_emu/ui/">web console</a> and at <a href="${messages}">${messages}</a>.</p>`;
}

export function link(href: string, label: string, className = "redirect-customizable"): Html {
  return html`<a class="${className}" href="${href}">${label}</a>`;
}

const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:flex-start;justify-content:center;background:#f2f3f3;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#16191f}
.modal-content{width:100%;max-width:400px;margin:48px 16px;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.2);overflow:hidden}
.banner-customizable{padding:20px;background:#232f3e;color:#fff;text-align:center}
.logo-customizable{max-width:100%;max-height:100px}
.pool-name{font-weight:600;letter-spacing:.02em}
.modal-body{padding:20px 24px 8px}
h1{font-size:20px;margin:0 0 16px;font-weight:600}
label{display:block;margin:12px 0 4px;font-weight:500}
input[type=text],input[type=password],input[type=email],input[type=tel],input[type=number],textarea{width:100%;padding:8px 10px;border:1px solid #aab7b8;border-radius:4px;font:inherit}
input:focus,textarea:focus{outline:2px solid #0073bb;outline-offset:0}
button,.btn{display:block;width:100%;margin:16px 0 8px;padding:10px;border:0;border-radius:4px;background:#0073bb;color:#fff;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer}
button:hover,.btn:hover{background:#005f9e}
.idpButton-customizable,.socialButton-customizable{background:#fff;color:#16191f;border:1px solid #aab7b8}
.idpButton-customizable:hover,.socialButton-customizable:hover{background:#f2f3f3}
.secondary{background:#fff;color:#0073bb;border:1px solid #0073bb}
.errorMessage-customizable{padding:8px 12px;border-radius:4px;background:#fde7e9;color:#b00020}
.notice{padding:8px 12px;border-radius:4px;background:#e8f4e8;color:#1d5e20}
.hint{margin:4px 0 0;font-size:13px;color:#545b64;overflow-wrap:anywhere}
.links{display:flex;justify-content:space-between;gap:8px;margin:8px 0 16px;font-size:14px}
.redirect-customizable{color:#0073bb}
.divider{display:flex;align-items:center;gap:8px;margin:16px 0;color:#545b64;font-size:13px}
.divider::before,.divider::after{content:"";flex:1;border-top:1px solid #d5dbdb}
.secret{font-family:ui-monospace,monospace;word-break:break-all;padding:8px;background:#f2f3f3;border-radius:4px}
.choices label{display:flex;gap:8px;align-items:center;font-weight:400}
.accounts{list-style:none;padding:0;margin:0}
.accounts li{margin:0}
.emulator-note{margin:0;padding:8px 24px 16px;font-size:12px;color:#879596;text-align:center}
`;
