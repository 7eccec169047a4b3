// Shared by the Pod Security Standards checks: the allowed-value lists exactly as the Kubernetes
// pod-security admission defines them at its latest policy version, and the field helpers.
import type { PathSeg, Violation } from '../engine.js';
import { containersOf, isObj, obj, str, type ContainerRef, type PodView } from './resource.js';

/** Baseline: capabilities that may be added (the container runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Baseline: the "safe" namespaced sysctls (v1.0 set plus the 1.27, 1.29, 1.32 and 1.37 additions). */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle',
  'net.ipv4.tcp_notsent_lowat',
]);

/** Baseline: SELinux types that may be set (container_engine_t since 1.31). */
export const SELINUX_TYPES: ReadonlySet<string> = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);

/** Restricted: the only inline volume sources allowed. */
export const RESTRICTED_VOLUME_SOURCES: ReadonlySet<string> = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

export const SECCOMP_ALLOWED: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);
export const APPARMOR_ALLOWED: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Pods in a user namespace (`hostUsers: false`) are exempt from some controls since 1.35. */
export function inUserNamespace(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}

/** Windows pods (spec.os.name = windows) are exempt from the Linux-only restricted controls. */
export function isWindowsPod(pod: PodView): boolean {
  return str(obj(pod.spec.os).name) === 'windows';
}

export function podSecurityContext(pod: PodView): { sc: Record<string, unknown>; path: PathSeg[] } {
  return { sc: obj(pod.spec.securityContext), path: [...pod.specPath, 'securityContext'] };
}

export function containerSecurityContext(c: ContainerRef): {
  sc: Record<string, unknown>;
  path: PathSeg[];
  set: boolean;
} {
  return {
    sc: obj(c.c.securityContext),
    path: [...c.path, 'securityContext'],
    set: isObj(c.c.securityContext),
  };
}

/** Runs `fn` on the pod-level and every container's securityContext that sets `field`. */
export function eachSecurityContextField(
  pod: PodView,
  field: string,
  fn: (value: unknown, path: PathSeg[], who: string) => Violation | undefined,
): Violation[] {
  const out: Violation[] = [];
  const p = podSecurityContext(pod);
  if (p.sc[field] !== undefined && p.sc[field] !== null) {
    const v = fn(p.sc[field], [...p.path, field], 'pod');
    if (v) out.push(v);
  }
  for (const c of containersOf(pod)) {
    const s = containerSecurityContext(c);
    if (s.sc[field] !== undefined && s.sc[field] !== null) {
      const v = fn(s.sc[field], [...s.path, field], `container "${c.name}"`);
      if (v) out.push(v);
    }
  }
  return out;
}

/** Where to point for a container setting: the field if present, else its securityContext, else the container. */
export function settingPath(c: ContainerRef, field: string): PathSeg[] {
  const s = containerSecurityContext(c);
  if (s.sc[field] !== undefined) return [...s.path, field];
  return s.set ? s.path : c.path;
}
