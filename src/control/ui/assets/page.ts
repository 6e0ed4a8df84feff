/** The console page: a shell the script fills in. Kept free of backticks and dollar-brace so it embeds verbatim. */
export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cognito-emu console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="console.css">
<script src="console.js" defer></script>
</head>
<body>
<header class="top">
  <div class="brand"><span class="logo">◆</span> cognito-emu <span class="muted">console</span></div>
  <div id="endpoint" class="endpoint"></div>
  <div id="clock" class="clock" aria-label="Emulator clock"></div>
  <span id="live" class="live off">connecting</span>
</header>
<div class="layout">
  <nav id="nav" class="side" aria-label="Resources"></nav>
  <main id="main" class="main"></main>
</div>
<div id="toast" class="toast" role="status" aria-live="polite"></div>
</body>
</html>
`;
