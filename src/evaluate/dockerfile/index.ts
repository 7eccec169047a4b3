// Every Dockerfile check, in id order. Explicit list: adding a check is one import and one entry.
import type { Check } from '../engine.js';
import { addLocal } from './checks/add-local.js';
import { addRemote } from './checks/add-remote.js';
import { apkNoCache } from './checks/apk-no-cache.js';
import { aptInteractive } from './checks/apt-interactive.js';
import { aptListsLeft } from './checks/apt-lists-left.js';
import { aptNoRecommends } from './checks/apt-no-recommends.js';
import { aptNoYes } from './checks/apt-no-yes.js';
import { copyFromStage } from './checks/copy-from-stage.js';
import { curlPipeShell } from './checks/curl-pipe-shell.js';
import { duplicateStageName } from './checks/duplicate-stage-name.js';
import { exposeInvalid } from './checks/expose-invalid.js';
import { exposeSensitive } from './checks/expose-sensitive.js';
import { fromDigest } from './checks/from-digest.js';
import { fromLatest } from './checks/from-latest.js';
import { fromPlatform } from './checks/from-platform.js';
import { insecureDownload } from './checks/insecure-download.js';
import { insecureRun } from './checks/insecure-run.js';
import { maintainer } from './checks/maintainer.js';
import { multipleCmd } from './checks/multiple-cmd.js';
import { multipleEntrypoint } from './checks/multiple-entrypoint.js';
import { multipleHealthcheck } from './checks/multiple-healthcheck.js';
import { noHealthcheck } from './checks/no-healthcheck.js';
import { parseProblem } from './checks/parse-problem.js';
import { pipNoCache } from './checks/pip-no-cache.js';
import { pipefail } from './checks/pipefail.js';
import { replaceShell } from './checks/replace-shell.js';
import { rootUser } from './checks/root-user.js';
import { runCd } from './checks/run-cd.js';
import { secretsEnvArg } from './checks/secrets-env-arg.js';
import { sensitiveCopy } from './checks/sensitive-copy.js';
import { shellFormCmd } from './checks/shell-form-cmd.js';
import { sshd } from './checks/sshd.js';
import { sudo } from './checks/sudo.js';
import { tlsDisabledEnv } from './checks/tls-disabled-env.js';
import { updateAlone } from './checks/update-alone.js';
import { workdirRelative } from './checks/workdir-relative.js';
import { worldWritable } from './checks/world-writable.js';
import { yumNoClean } from './checks/yum-no-clean.js';

export const dockerfileChecks: readonly Check[] = [
  rootUser, // PAL-DF-001
  fromLatest, // PAL-DF-002
  fromDigest, // PAL-DF-003
  addLocal, // PAL-DF-004
  addRemote, // PAL-DF-005
  curlPipeShell, // PAL-DF-006
  aptNoRecommends, // PAL-DF-007
  aptListsLeft, // PAL-DF-008
  updateAlone, // PAL-DF-009
  aptNoYes, // PAL-DF-010
  apkNoCache, // PAL-DF-011
  sudo, // PAL-DF-012
  workdirRelative, // PAL-DF-013
  runCd, // PAL-DF-014
  exposeSensitive, // PAL-DF-015
  exposeInvalid, // PAL-DF-016
  multipleCmd, // PAL-DF-017
  multipleEntrypoint, // PAL-DF-018
  shellFormCmd, // PAL-DF-019
  maintainer, // PAL-DF-020
  secretsEnvArg, // PAL-DF-021
  copyFromStage, // PAL-DF-022
  duplicateStageName, // PAL-DF-023
  noHealthcheck, // PAL-DF-024
  multipleHealthcheck, // PAL-DF-025
  pipNoCache, // PAL-DF-026
  yumNoClean, // PAL-DF-027
  worldWritable, // PAL-DF-028
  insecureDownload, // PAL-DF-029
  tlsDisabledEnv, // PAL-DF-030
  sensitiveCopy, // PAL-DF-031
  replaceShell, // PAL-DF-032
  pipefail, // PAL-DF-033
  aptInteractive, // PAL-DF-034
  parseProblem, // PAL-DF-035
  insecureRun, // PAL-DF-036
  fromPlatform, // PAL-DF-037
  sshd, // PAL-DF-038
];
