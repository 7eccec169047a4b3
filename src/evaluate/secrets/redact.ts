// Every output carries secrets redacted: the first 4 characters, then ****. Short values keep at most
// half of their characters so that a 6-character password is not two-thirds shown.
export function redact(secret: string): string {
  const chars = [...secret];
  const keep = Math.min(4, Math.floor(chars.length / 2));
  return `${chars.slice(0, keep).join('')}****`;
}
