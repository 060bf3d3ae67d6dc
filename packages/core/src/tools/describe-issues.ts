import type { InvalidResponseIssue } from "../errors/provider-errors.js";

/** `city: expected string, received number; unit: …`: the first few issues, for messages. */
export function describeIssues(issues: readonly InvalidResponseIssue[], max = 5): string {
  const shown = issues.slice(0, max).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
    return `${path}: ${issue.message}`;
  });
  const more = issues.length > max ? `; and ${issues.length - max} more` : "";
  return shown.join("; ") + more;
}
