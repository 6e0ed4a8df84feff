/** The console stylesheet. Kept free of backticks and dollar-brace so it embeds verbatim. */
export const CONSOLE_CSS = `:root {
  --bg: #f5f7fa; --panel: #ffffff; --ink: #1c2430; --muted: #6b7685; --line: #e2e7ee;
  --accent: #2f6fed; --accent-ink: #ffffff; --side: #141b26; --side-ink: #c9d3e0; --side-active: #24314a;
  --ok: #137a3f; --ok-bg: #e3f5ea; --warn: #8a5a00; --warn-bg: #fff2d6; --bad: #b3261e; --bad-bg: #fde7e5;
  --code-bg: #fff4bf; --code-ink: #4a3800;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; height: 100vh; display: flex; flex-direction: column; }
code, .code-pill { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
code { background: #eef1f6; padding: 1px 5px; border-radius: 4px; word-break: break-all; }
h1 { font-size: 22px; margin: 0 0 6px; }
h1 small, h3 small { font-weight: normal; color: var(--muted); font-size: 13px; }
h2 { font-size: 11px; letter-spacing: .08em; text-transform: uppercase; color: #7d8aa0; margin: 18px 14px 6px; }
h3 { font-size: 14px; margin: 0 0 8px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.hidden { display: none !important; }

.top { display: flex; align-items: center; gap: 18px; padding: 10px 18px; background: var(--side); color: #fff; border-bottom: 1px solid #0b1018; }
.brand { font-weight: 600; font-size: 15px; white-space: nowrap; }
.brand .muted { color: #8d9ab0; font-weight: normal; }
.logo { color: #5b9bff; }
.endpoint { flex: 1; color: var(--side-ink); font-size: 13px; }
.endpoint code { background: #24314a; color: #e6edf7; }
.endpoint .muted { color: #8d9ab0; }
.clock { display: flex; align-items: center; gap: 6px; font-size: 12.5px; }
.clock-offset { color: #8d9ab0; white-space: nowrap; margin-right: 2px; }
.clock-offset.moved { color: #ffd77a; font-weight: 600; }
.clock button, .clock input { font-size: 12px; padding: 2px 9px; background: #24314a; color: #e6edf7; border-color: #33425e; }
.clock button:hover { background: #2d3d5c; }
.clock-form { display: flex; gap: 4px; }
.clock-input { width: 92px; }
.clock-input::placeholder { color: #8d9ab0; }
.live { font-size: 12px; padding: 2px 10px; border-radius: 999px; background: #3a4558; color: #d6dde8; }
.live::before { content: "● "; }
.live.on { background: #1f5133; color: #a8f0c2; }

.layout { flex: 1; display: flex; min-height: 0; }
.side { width: 250px; flex: none; background: var(--side); color: var(--side-ink); padding-bottom: 20px; overflow-y: auto; }
.side p { margin: 4px 14px; }
.nav-link { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 7px 14px; color: var(--side-ink); text-decoration: none; border-left: 3px solid transparent; }
.nav-link:hover { background: #1b2433; }
.nav-link.active { background: var(--side-active); border-left-color: #5b9bff; color: #fff; }
.nav-label { display: flex; flex-direction: column; min-width: 0; }
.nav-label small { color: #8d9ab0; font-size: 11.5px; overflow: hidden; text-overflow: ellipsis; }
.side-actions { display: flex; flex-direction: column; gap: 6px; margin: 6px 14px; }
.side-button { text-align: center; background: #1b2433 !important; color: var(--side-ink) !important; border-color: #33425e !important; font-size: 13px; }
.side-button:hover { background: #24314a !important; }
.side-button.danger { color: #ffb4ad !important; }
button.armed, .side-button.armed { background: var(--bad) !important; color: #fff !important; border-color: var(--bad) !important; }
.count { background: #2d3a52; color: #dfe6f1; border-radius: 999px; padding: 0 8px; font-size: 12px; }

.main { flex: 1; padding: 20px 26px 40px; overflow: auto; min-width: 0; }
.lead { color: var(--muted); margin: 0 0 14px; }
.empty { color: var(--muted); padding: 28px; text-align: center; background: var(--panel); border: 1px dashed var(--line); border-radius: 8px; }
.pool-head { margin-bottom: 12px; }
.facts { display: flex; flex-wrap: wrap; gap: 6px 26px; margin: 8px 0 0; }
.fact dt { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.fact dd { margin: 0; }
.fact.wide { flex-basis: 100%; }

.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); margin: 14px 0 14px; }
.tab { padding: 8px 14px; color: var(--muted); text-decoration: none; border-bottom: 2px solid transparent; margin-bottom: -1px; }
.tab.active { color: var(--ink); border-bottom-color: var(--accent); font-weight: 600; }
.toolbar { display: flex; gap: 10px; margin-bottom: 12px; }
.search { flex: 1; max-width: 380px; }

input, textarea { font: inherit; padding: 6px 9px; border: 1px solid #cbd3de; border-radius: 6px; background: #fff; color: var(--ink); }
input:focus, textarea:focus { outline: 2px solid #bcd3ff; border-color: var(--accent); }
button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #cbd3de; background: #fff; color: var(--ink); cursor: pointer; }
button:hover { background: #f0f3f8; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
button.primary:hover { background: #245ed0; }
button.danger { color: var(--bad); border-color: #efb8b3; }
button.danger:hover { background: var(--bad-bg); }

.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 12px; }
.user-form .form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 10px 16px; }
.field { display: flex; flex-direction: column; gap: 3px; font-size: 12.5px; font-weight: 600; }
.field small { font-weight: normal; }
.checks { display: flex; flex-direction: column; gap: 4px; justify-content: center; font-size: 13px; }
.check { display: flex; align-items: center; gap: 4px; }
.actions { display: flex; gap: 8px; margin-top: 12px; }
.actions.wrap { flex-wrap: wrap; gap: 6px; }
.actions.wrap button { padding: 4px 10px; font-size: 13px; }
.inline-form { display: flex; align-items: center; gap: 6px; margin-top: 10px; flex-wrap: wrap; }
.inline-form input[type=text] { flex: 1; min-width: 120px; }
.checks.row { gap: 2px; justify-content: flex-start; padding-top: 4px; font-weight: normal; }
.toolbar select { max-width: 280px; }

.grid { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
.grid th { text-align: left; font-size: 11.5px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); background: #f8fafc; padding: 8px 10px; border-bottom: 1px solid var(--line); }
.grid td { padding: 8px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
.grid tr:last-child td { border-bottom: none; }
.user-row { cursor: pointer; }
.grid > tbody > tr:not(.details) > td:first-child { white-space: nowrap; }
.user-row:hover { background: #f6f9ff; }
.user-row.open { background: #eef4ff; }
.user-row.disabled strong { color: var(--muted); text-decoration: line-through; }
.caret { color: var(--muted); display: inline-block; width: 10px; }
.details > td { background: #fafbfd; }
.user-details { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 18px; padding: 6px 4px; }
.kv { border-collapse: collapse; width: 100%; }
.kv th { text-align: left; font-weight: 500; color: var(--muted); padding: 3px 12px 3px 0; white-space: nowrap; vertical-align: top; width: 1%; }
.kv td { padding: 3px 0; word-break: break-word; }
.grid .kv th { background: none; text-transform: none; letter-spacing: normal; font-size: 13px; border: none; padding: 3px 12px 3px 0; }
.grid .kv td { border: none; padding: 3px 0; }

.badge { display: inline-block; font-size: 11.5px; font-weight: 600; padding: 1px 8px; border-radius: 999px; background: #eef1f6; color: #445; white-space: nowrap; }
.status-confirmed, .badge.enabled { background: var(--ok-bg); color: var(--ok); }
.status-unconfirmed, .status-force_change_password, .status-reset_required { background: var(--warn-bg); color: var(--warn); }
.status-compromised, .badge.off { background: var(--bad-bg); color: var(--bad); }
.chip { display: inline-block; font-size: 12px; padding: 0 7px; margin: 1px 4px 1px 0; border-radius: 4px; background: #eef1f6; color: #3b4657; }
.chip.group { background: #ece6ff; color: #4b2fa3; }
.chip.mfa { background: #e1f3f8; color: #0f5d73; }
.chip.medium { background: #e8eefb; color: #2a4a8d; font-weight: 600; }
.chip.url { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; }
.code-pill { display: inline-block; background: var(--code-bg); color: var(--code-ink); border: 1px solid #f0d86a; font-weight: 700; font-size: 14px; letter-spacing: .06em; padding: 1px 8px; border-radius: 5px; user-select: all; }
.col-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
.col-head h3 { margin: 0; }
h3.spaced { margin-top: 16px; }
.detail-col { min-width: 0; }
.attr-form input { width: 100%; padding: 3px 7px; }
.grid .kv td.narrow { width: 1%; white-space: nowrap; padding-left: 8px; }
.attr-new th { padding-right: 8px !important; }
.group-chips { display: flex; flex-wrap: wrap; gap: 4px; }
.chip.removable { display: inline-flex; align-items: center; gap: 4px; padding-right: 2px; }
.chip-x { border: none; background: none; padding: 0 4px; line-height: 1; font-size: 14px; color: inherit; border-radius: 3px; }
.chip-x:hover { background: rgba(0,0,0,.08); }
.mfa-form .kv th { width: auto; white-space: normal; }
.grid .mfa-form .kv td, .mfa-form .kv td { white-space: nowrap; width: 1%; padding-left: 10px; }
.token-item { padding: 6px 0; border-bottom: 1px dashed var(--line); }
.token-line { display: flex; align-items: center; flex-wrap: wrap; gap: 4px; }
.token-buttons { display: flex; gap: 4px; margin-top: 4px; flex-wrap: wrap; }
.warn-text { color: var(--warn); }
.nowrap { white-space: nowrap; }
.mapping { margin-bottom: 6px; }
.grid .kv.rules th { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; color: var(--ink); }
.token-tools { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; align-items: start; }
.token-tools .form-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px 16px; }
.token-tools select, .token-tools textarea { font: inherit; padding: 6px 9px; border: 1px solid #cbd3de; border-radius: 6px; background: #fff; color: var(--ink); }
#decode-input { width: 100%; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
.mint-result { margin-top: 14px; }
.minted { margin-bottom: 10px; }
pre.token-text { margin: 4px 0 0; padding: 8px 10px; background: #eef1f6; border-radius: 6px; font: 11.5px/1.4 ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-all; max-height: 90px; overflow: auto; }
.verdicts { display: flex; flex-direction: column; gap: 6px; margin: 12px 0; }
.verdict { display: flex; gap: 10px; padding: 6px 10px; border-radius: 6px; font-size: 13px; margin: 0; }
.verdict.good { background: var(--ok-bg); color: var(--ok); }
.verdict.bad { background: var(--bad-bg); color: var(--bad); }
.verdict-label { font-weight: 700; min-width: 76px; }
.decoded { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); gap: 12px; }
.decoded pre.block { border-radius: 6px; white-space: pre-wrap; word-break: break-word; }
select { font: inherit; padding: 5px 8px; border: 1px solid #cbd3de; border-radius: 6px; background: #fff; color: var(--ink); }
.mini-message { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 4px 0; border-bottom: 1px dashed var(--line); font-size: 12.5px; }
.message-text { max-width: 420px; color: #3b4657; }

a.button { display: inline-block; font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #cbd3de; background: #fff; color: var(--ink); text-decoration: none; white-space: nowrap; }
a.button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-ink); }
a.button.primary:hover { background: #245ed0; }
button.copy { padding: 2px 10px; font-size: 12px; }
button.copy.done { color: var(--ok); border-color: #9fd8b4; background: var(--ok-bg); }
.small-button { padding: 1px 8px !important; font-size: 11.5px !important; }

/* The landing page at / */
body.landing { height: auto; min-height: 100vh; }
.page { width: 100%; max-width: 1160px; margin: 0 auto; padding: 22px 26px 48px; }
.intro h1 { font-size: 23px; margin-bottom: 8px; }
.intro h1 code { font-size: 19px; }
.landing h2 { font-size: 11.5px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); margin: 0 0 10px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 0 12px; }
.facts.example { flex-direction: column; gap: 10px; }
.endpoints th { width: 30%; }
.snippets { display: grid; grid-template-columns: 1fr; gap: 12px; }
.snippet { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; min-width: 0; }
.snippet-head { display: flex; align-items: center; gap: 8px; padding: 6px 10px; background: #f8fafc; border-bottom: 1px solid var(--line); font-weight: 600; font-size: 12.5px; }
.snippet-head span:first-child { flex: 1; }
.snippet pre, pre.block { margin: 0; padding: 10px 12px; color: #e6edf7; background: var(--side); font: 12.5px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-x: auto; white-space: pre; }

.toast { position: fixed; right: 20px; bottom: 20px; max-width: 480px; padding: 10px 16px; border-radius: 8px; background: #1c2430; color: #fff; box-shadow: 0 6px 24px rgba(0,0,0,.18); opacity: 0; transform: translateY(10px); transition: opacity .15s, transform .15s; pointer-events: none; }
.toast.show { opacity: 1; transform: none; }
.toast.error { background: var(--bad); }
`;
