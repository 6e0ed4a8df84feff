// The AWS SDK warns once per process that future releases need Node 22; the project supports Node 20.19+.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// Every output the emulator answers is checked against its operation's output shape (required members,
// types, enums): one that does not fit fails the request with a 500, and so the test (src/services/invoke.ts).
process.env.COGNITO_EMU_CHECK_RESPONSES = "1";
