import { PACKAGE_VERSION } from './core/package-root.js';

export const VERSION: string = PACKAGE_VERSION;
