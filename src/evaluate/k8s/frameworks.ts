// Framework mappings many Kubernetes checks share.
import type { FrameworkMap } from '../engine.js';

/** NSA/CISA "hardening container environments" and NIST 800-190 §3.4.3 (insecure runtime configuration). */
export const POD_HARDENING: FrameworkMap = {
  'nsa-cisa-1.2': ['Pod security: hardening container environments'],
  'nist-800-190': ['3.4.3'],
};

/** NSA/CISA RBAC guidance and NIST 800-190 §3.3.1 (unbounded administrative access). */
export const RBAC_LEAST_PRIVILEGE: FrameworkMap = {
  'nsa-cisa-1.2': ['Authentication and authorization: role-based access control'],
  'nist-800-190': ['3.3.1'],
};

/** NSA/CISA resource policies and NIST 800-190 §3.4.3. */
export const RESOURCE_POLICIES: FrameworkMap = {
  'nsa-cisa-1.2': ['Network separation and hardening: resource policies'],
  'nist-800-190': ['3.4.3'],
};
