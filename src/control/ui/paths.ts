/** Where the console is served. */
export const UI_PATH = "/_emu/ui";

/** The console's and landing page's stylesheet and scripts are their own; nothing else may run in them. */
export const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
