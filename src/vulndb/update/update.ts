// `db update`: fetch a published bundle from an HTTPS URL (the metadata.json; the database file sits
// beside it) or from an OCI registry, verify it, and swap it in atomically.
import { PalisadeError } from '../../core/errors.js';
import { installBundle, parseMetadata, type BundleMetadata, MAX_DB_BYTES } from './bundle.js';
import { getOk } from './http.js';
import { pullArtifact, type RegistryOptions } from './oci.js';

export interface UpdateOptions extends RegistryOptions {
  /** the local DB file to replace */
  target: string;
}

export async function updateFromSource(from: string, opts: UpdateOptions): Promise<BundleMetadata> {
  if (/^https?:\/\//.test(from)) {
    const metaUrl = from.endsWith('.json') ? from : `${from.replace(/\/?$/, '/')}metadata.json`;
    const meta = parseMetadata(
      (await getOk(metaUrl, { ca: opts.ca, maxBytes: 1024 * 1024 })).toString(),
      metaUrl,
    );
    const dbUrl = new URL(meta.file, metaUrl).toString();
    const gz = await getOk(dbUrl, { ca: opts.ca, maxBytes: Math.min(meta.size, MAX_DB_BYTES) });
    installBundle(meta, gz, opts.target, dbUrl);
    return meta;
  }
  if (/^oci:\/\//.test(from)) {
    const files = await pullArtifact(from, opts);
    const meta = parseMetadata(files.config.toString(), from);
    installBundle(meta, files.layer, opts.target, from);
    return meta;
  }
  throw new PalisadeError(
    'USAGE',
    `db update --from ${from}: expected an https:// URL or an oci:// reference`,
  );
}
