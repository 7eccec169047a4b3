// Every image-config check, in id order. Explicit list: adding a check is one import and one entry.
import type { Check } from '../engine.js';
import { imageAddRemote } from './checks/add-remote.js';
import { imageBuildArgSecrets } from './checks/build-arg-secrets.js';
import { imageCurlPipeShell } from './checks/curl-pipe-shell.js';
import { imageEnvSecrets } from './checks/env-secrets.js';
import { imageLatestBase } from './checks/latest-base.js';
import { imageNoHealthcheck } from './checks/no-healthcheck.js';
import { imagePackageCache } from './checks/package-cache.js';
import { imageRootUser } from './checks/root-user.js';
import { imageSensitivePorts } from './checks/sensitive-ports.js';
import { imageSudo } from './checks/sudo-installed.js';
import { imageTlsDisabledEnv } from './checks/tls-disabled-env.js';

export const imageChecks: readonly Check[] = [
  imageRootUser, // PAL-IMG-001
  imageNoHealthcheck, // PAL-IMG-002
  imageSensitivePorts, // PAL-IMG-003
  imageEnvSecrets, // PAL-IMG-004
  imageAddRemote, // PAL-IMG-005
  imageCurlPipeShell, // PAL-IMG-006
  imageLatestBase, // PAL-IMG-007
  imageSudo, // PAL-IMG-008
  imagePackageCache, // PAL-IMG-009
  imageBuildArgSecrets, // PAL-IMG-010
  imageTlsDisabledEnv, // PAL-IMG-011
];
