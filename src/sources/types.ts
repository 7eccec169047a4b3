// What every image source (archive, layout, registry, engine) hands to the scan pipeline.
import type { Readable } from 'node:stream';
import type { ImageConfig, Warning } from '../core/types.js';

export interface LayerRef {
  index: number;
  /** sha256 of the uncompressed tar, from the image config */
  diffId: string;
  /** digest of the blob as stored, when the source knows it (verified while streaming) */
  digest?: string;
  size?: number;
  mediaType?: string;
  /** foreign / non-distributable layer that the source cannot fetch */
  foreign?: boolean;
  /** Open the blob as stored. */
  open(): Promise<Readable>;
}

export type SourceType = 'docker-archive' | 'oci-layout' | 'oci-archive' | 'registry' | 'docker-daemon';

export interface ImageSource {
  /** the reference as the user gave it */
  name: string;
  type: SourceType;
  /** digest of the manifest the image came from, when there is one */
  manifestDigest?: string;
  /** sha256 of the config blob: the image ID */
  configDigest: string;
  config: ImageConfig;
  layers: LayerRef[];
  repoTags?: string[];
  repoDigests?: string[];
  /** os/arch[/variant] of the chosen manifest */
  platform?: string;
  warnings: Warning[];
  close(): Promise<void>;
}

/** A content-addressed blob store: an OCI layout directory, or the inside of a tar archive. */
export interface BlobStore {
  /** whole small blob (manifests, configs), verified against the digest */
  readBlob(digest: string, maxBytes: number): Promise<Buffer>;
  openBlob(digest: string): Promise<Readable>;
  hasBlob(digest: string): boolean;
  /** a file by its path in the layout (index.json, oci-layout) */
  readFile(path: string, maxBytes: number): Promise<Buffer | undefined>;
}
