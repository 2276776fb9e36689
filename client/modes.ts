/**
 * The virtualization modes, from the engine's single list. This module
 * imports no `vscode`, so the manifest test can check package.json against it.
 */
export { DEFAULT_MODE, isMode, MODE_DESCRIPTIONS, MODE_LABELS, MODES, type Mode } from '../engine/modes';
