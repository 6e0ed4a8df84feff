/** An SDK failure in one line: the AWS error name and message, or the network error. */
export function describeFailure(error: unknown): string {
  const failure = error as { name?: string; message?: string; code?: string; cause?: { code?: string } };
  const code = failure.code ?? failure.cause?.code;
  if (failure.name && failure.name !== "Error" && failure.message) return `${failure.name}: ${failure.message}`;
  return code ? `${code}: ${failure.message ?? ""}`.trim() : (failure.message ?? String(error));
}
