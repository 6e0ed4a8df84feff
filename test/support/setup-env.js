// On Node 20 the AWS SDK warns once per process that its future releases need Node 22; the project
// still supports and tests Node 20.19+.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// Every output the emulator answers is checked against its operation's output shape (required members,
// types, enums): one that does not fit fails the request with a 500, and so the test (src/services/invoke.ts).
process.env.COGNITO_EMU_CHECK_RESPONSES = "1";

// Node 21+ has a global navigator without appName. The jsbn copies in amazon-cognito-identity-js,
// Amplify and node-forge take that for an old browser and multiply with Math.floor in the inner loop,
// and in jest's vm context every such global lookup is slow: an SRP sign-in took 20-30 s instead of
// 1 s. Browsers always report "Netscape" (HTML spec), which picks the routine Node 20 gets.
if (typeof navigator !== "undefined" && navigator.appName === undefined) {
  Object.defineProperty(navigator, "appName", { value: "Netscape", configurable: true });
}

// The legacy aws-sdk v2 (some suites drive Cognito Sync with it) prints an end-of-support note once per process.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
