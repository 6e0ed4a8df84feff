// The AWS SDK warns once per process that future releases need Node 22; the project supports Node 20.19+.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
// The legacy aws-sdk v2 (some suites drive Cognito Sync with it) prints an end-of-support note once per process.
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
