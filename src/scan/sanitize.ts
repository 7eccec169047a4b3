// History lines (`created_by`) carry build arguments verbatim ("|2 NPM_TOKEN=abc… /bin/sh -c …").
// The report keeps the line for context but masks values of arguments named like credentials; the
// secret scanner reports them properly, redacted.
const SENSITIVE =
  /(\b[A-Za-z_][A-Za-z0-9_]*(?:PASS(?:WORD)?|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)[A-Za-z0-9_]*)=("[^"]*"|'[^']*'|\S+)/gi;

export function sanitizeCreatedBy(line: string): string {
  return line.replace(SENSITIVE, (_m, name: string, value: string) => {
    const v = value.replace(/^["']|["']$/g, '');
    return `${name}=${v.slice(0, 4)}****`;
  });
}
