import type { FunctionCheck } from '../../engine.js';
import { runScript } from '../parser.js';
import {
  DOCKERFILE_KIND,
  commandsOf,
  dockerfileOf,
  eachInstruction,
  hasCacheMount,
  isFinalStage,
} from '../resource.js';
import { findCommands } from '../shell.js';

export const yumNoClean: FunctionCheck = {
  id: 'PAL-DF-027',
  title: 'yum/dnf/zypper cache left in the image',
  severity: 'low',
  kinds: [DOCKERFILE_KIND],
  message: 'package install without cleaning the package manager cache in the same RUN',
  remediation:
    'End the RUN with `yum clean all` / `dnf clean all` / `zypper clean` (or rm -rf /var/cache/{yum,dnf}).',
  frameworks: { 'nist-800-190': ['3.1.2'] },
  run(r) {
    const df = dockerfileOf(r);
    return eachInstruction(df, ['RUN'], (ins) => {
      if (!isFinalStage(df, ins) || hasCacheMount(ins, /\/var\/cache\/(yum|dnf|zypp)/)) return undefined;
      const cmds = commandsOf(ins);
      const script = runScript(ins);
      for (const pm of ['yum', 'dnf', 'microdnf', 'zypper']) {
        if (!findCommands(cmds, pm, /^(install|in|groupinstall|update|upgrade)$/).length) continue;
        const cleaned =
          findCommands(cmds, pm, /^(clean|cc)$/).length ||
          /rm\s+(-\w+\s+)*\/var\/cache\/(yum|dnf|zypp)/.test(script);
        if (!cleaned) return `${pm} install without ${pm} clean`;
      }
      return undefined;
    });
  },
};
