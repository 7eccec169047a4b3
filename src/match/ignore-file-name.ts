/** The ignore file a scan reads from the working directory when present (see ignore-file.ts). Its own
 * module so that the CLI can name it without loading the YAML reader. */
export const IGNORE_FILE = '.palisadeignore';
