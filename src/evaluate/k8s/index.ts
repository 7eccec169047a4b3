// Every Kubernetes check, in id order. Explicit list: adding a check is one import and one entry.
import type { Check } from '../engine.js';
import { allowPrivilegeEscalation } from './checks/allow-privilege-escalation.js';
import { appArmor } from './checks/apparmor.js';
import { automountToken } from './checks/automount-token.js';
import { capabilitiesBaseline } from './checks/capabilities-baseline.js';
import { capabilitiesRestricted } from './checks/capabilities-restricted.js';
import { defaultNamespace } from './checks/default-namespace.js';
import { envSecrets } from './checks/env-secrets.js';
import { hostNamespaces } from './checks/host-namespaces.js';
import { hostPathVolumes } from './checks/host-path-volumes.js';
import { hostPorts } from './checks/host-ports.js';
import { hostProbes } from './checks/host-probes.js';
import { imageDigest } from './checks/image-digest.js';
import { imageLatest } from './checks/image-latest.js';
import { imageRegistry } from './checks/image-registry.js';
import { ingressTls } from './checks/ingress-tls.js';
import { livenessProbe } from './checks/liveness-probe.js';
import { namespaceNetworkPolicy } from './checks/namespace-network-policy.js';
import { networkPolicyAllowAll } from './checks/network-policy-allow-all.js';
import { privileged } from './checks/privileged.js';
import { procMountBaseline } from './checks/proc-mount.js';
import { procMountRestricted } from './checks/proc-mount-restricted.js';
import { rbacAnonymousBinding } from './checks/rbac-anonymous-binding.js';
import { rbacClusterAdminBinding } from './checks/rbac-cluster-admin-binding.js';
import { rbacCreatePods } from './checks/rbac-create-pods.js';
import { rbacDefaultServiceAccount } from './checks/rbac-default-service-account.js';
import { rbacEscalate } from './checks/rbac-escalate.js';
import { rbacNodesProxy } from './checks/rbac-nodes-proxy.js';
import { rbacPodExec } from './checks/rbac-pod-exec.js';
import { rbacSecrets } from './checks/rbac-secrets.js';
import { rbacWildcardResources } from './checks/rbac-wildcard-resources.js';
import { rbacWildcardVerbs } from './checks/rbac-wildcard-verbs.js';
import { readOnlyRootFilesystem } from './checks/read-only-root.js';
import { readinessProbe } from './checks/readiness-probe.js';
import { resourceLimits } from './checks/resource-limits.js';
import { resourceRequests } from './checks/resource-requests.js';
import { runAsNonRoot } from './checks/run-as-non-root.js';
import { runAsUserRoot } from './checks/run-as-user-root.js';
import { runtimeSocket } from './checks/runtime-socket.js';
import { seLinux } from './checks/selinux.js';
import { seccompBaseline } from './checks/seccomp-baseline.js';
import { seccompRestricted } from './checks/seccomp-restricted.js';
import { serviceExternalIps } from './checks/service-external-ips.js';
import { serviceLoadBalancer } from './checks/service-loadbalancer.js';
import { serviceNodePort } from './checks/service-nodeport.js';
import { sysctls } from './checks/sysctls.js';
import { volumeTypes } from './checks/volume-types.js';
import { windowsHostProcess } from './checks/windows-host-process.js';

export const k8sChecks: readonly Check[] = [
  privileged, // PAL-K8S-001
  hostNamespaces, // PAL-K8S-002
  hostPathVolumes, // PAL-K8S-003
  hostPorts, // PAL-K8S-004
  capabilitiesBaseline, // PAL-K8S-005
  appArmor, // PAL-K8S-006
  seLinux, // PAL-K8S-007
  procMountBaseline, // PAL-K8S-008
  seccompBaseline, // PAL-K8S-009
  sysctls, // PAL-K8S-010
  windowsHostProcess, // PAL-K8S-011
  hostProbes, // PAL-K8S-012
  volumeTypes, // PAL-K8S-013
  allowPrivilegeEscalation, // PAL-K8S-014
  runAsNonRoot, // PAL-K8S-015
  runAsUserRoot, // PAL-K8S-016
  seccompRestricted, // PAL-K8S-017
  capabilitiesRestricted, // PAL-K8S-018
  procMountRestricted, // PAL-K8S-019
  rbacWildcardVerbs, // PAL-K8S-020
  rbacWildcardResources, // PAL-K8S-021
  rbacEscalate, // PAL-K8S-022
  rbacSecrets, // PAL-K8S-023
  rbacPodExec, // PAL-K8S-024
  rbacCreatePods, // PAL-K8S-025
  rbacNodesProxy, // PAL-K8S-026
  rbacClusterAdminBinding, // PAL-K8S-027
  rbacAnonymousBinding, // PAL-K8S-028
  rbacDefaultServiceAccount, // PAL-K8S-029
  automountToken, // PAL-K8S-030
  resourceRequests, // PAL-K8S-031
  resourceLimits, // PAL-K8S-032
  livenessProbe, // PAL-K8S-033
  readinessProbe, // PAL-K8S-034
  imageLatest, // PAL-K8S-035
  imageDigest, // PAL-K8S-036
  imageRegistry, // PAL-K8S-037
  envSecrets, // PAL-K8S-038
  runtimeSocket, // PAL-K8S-039
  serviceNodePort, // PAL-K8S-040
  serviceLoadBalancer, // PAL-K8S-041
  serviceExternalIps, // PAL-K8S-042
  ingressTls, // PAL-K8S-043
  namespaceNetworkPolicy, // PAL-K8S-044
  networkPolicyAllowAll, // PAL-K8S-045
  readOnlyRootFilesystem, // PAL-K8S-046
  defaultNamespace, // PAL-K8S-047
];
