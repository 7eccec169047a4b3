// Every Docker Compose check, in id order. Explicit list: adding a check is one import and one entry.
import type { Check } from '../engine.js';
import { composeCapAdd } from './checks/cap-add.js';
import { composeDevices } from './checks/devices.js';
import { composeDockerSocket } from './checks/docker-socket.js';
import { composeEnvSecrets } from './checks/env-secrets.js';
import { composeHostNamespaces } from './checks/host-namespaces.js';
import { composeImageLatest } from './checks/image-latest.js';
import { composeIpcHost } from './checks/ipc-host.js';
import { composeNetworkHost } from './checks/network-host.js';
import { composeNoLimits } from './checks/no-limits.js';
import { composeNoNewPrivileges } from './checks/no-new-privileges.js';
import { composeNoUser } from './checks/no-user.js';
import { composePidHost } from './checks/pid-host.js';
import { composePortsAllInterfaces } from './checks/ports-all-interfaces.js';
import { composePrivileged } from './checks/privileged.js';
import { composeReadOnly } from './checks/read-only.js';
import { composeSecurityOpt } from './checks/security-opt.js';
import { composeSensitiveMounts } from './checks/sensitive-mounts.js';
import { composeSensitivePorts } from './checks/sensitive-ports.js';

export const composeChecks: readonly Check[] = [
  composePrivileged, // PAL-COMPOSE-001
  composeCapAdd, // PAL-COMPOSE-002
  composeNetworkHost, // PAL-COMPOSE-003
  composePidHost, // PAL-COMPOSE-004
  composeIpcHost, // PAL-COMPOSE-005
  composeDockerSocket, // PAL-COMPOSE-006
  composeEnvSecrets, // PAL-COMPOSE-007
  composePortsAllInterfaces, // PAL-COMPOSE-008
  composeNoUser, // PAL-COMPOSE-009
  composeNoLimits, // PAL-COMPOSE-010
  composeSecurityOpt, // PAL-COMPOSE-011
  composeImageLatest, // PAL-COMPOSE-012
  composeNoNewPrivileges, // PAL-COMPOSE-013
  composeReadOnly, // PAL-COMPOSE-014
  composeHostNamespaces, // PAL-COMPOSE-015
  composeSensitiveMounts, // PAL-COMPOSE-016
  composeDevices, // PAL-COMPOSE-017
  composeSensitivePorts, // PAL-COMPOSE-018
];
