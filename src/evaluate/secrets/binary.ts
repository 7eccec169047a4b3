// Binary or text: the secret and malware scans both ask. Its own module so the malware analyzers do not
// load the secret rule engine (and its regex library) to ask it.
const BINARY_SNIFF = 8192;

/** A NUL byte in the first 8 KiB means binary (as git and grep decide). */
export function isBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, BINARY_SNIFF);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}
