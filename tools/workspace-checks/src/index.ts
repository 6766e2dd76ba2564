export { lintSource } from './lint-source';
export { workspaceRoot } from './workspace-root';
