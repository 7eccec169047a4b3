import type { FunctionCheck, Violation } from '../../engine.js';
import { historySteps, IMAGE_CONFIG_KIND, imageOf } from '../resource.js';

const INSTALL_SUDO =
  /\b(apt-get|apt|apk|yum|dnf|microdnf|zypper)\b[^\n;&|]*\s(install|add|in)\b[^\n;&|]*\bsudo\b/;

export const imageSudo: FunctionCheck = {
  id: 'PAL-IMG-008',
  title: 'sudo installed in the image',
  severity: 'medium',
  kinds: [IMAGE_CONFIG_KIND],
  message: 'sudo is installed: a setuid path to root inside the container',
  description:
    'Found in the installed packages when the scan catalogued them, otherwise in the build history.',
  remediation: 'Remove sudo from the image; run the container as the user it needs.',
  frameworks: { 'cis-docker-1.6': ['4.3'], 'nist-800-190': ['3.1.2'] },
  run(r) {
    const img = imageOf(r);
    const pkg = img.packages?.find((p) => p.name === 'sudo' && ['deb', 'apk', 'rpm'].includes(p.ecosystem));
    if (pkg) return [{ message: `package sudo ${pkg.version} is installed` }];
    const out: Violation[] = [];
    for (const s of historySteps(img.config))
      if (s.keyword === 'RUN' && INSTALL_SUDO.test(s.args))
        out.push({ message: `history ${s.index}: installs sudo`, path: ['history', s.index, 'created_by'] });
    return out.slice(0, 1);
  },
};
