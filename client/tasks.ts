/**
 * Tasks of type `hyperstep`: "hyperstep: assemble" assembles and links a
 * file into an ELF with the bundled CLI (the same as Hyperstep: Assemble).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { Ctx } from './ctx';

export const TASK_TYPE = 'hyperstep';

export interface HyperstepTaskDefinition extends vscode.TaskDefinition {
  task: 'assemble';
  /** Source file; default: the active editor's file. */
  file?: string;
  /** Output ELF; default: the source with .elf in place of its extension. */
  output?: string;
}

export function elfPathFor(source: string): string {
  return source.replace(/\.(s|S|rvs|asm)$/, '') + '.elf';
}

export class TaskProvider implements vscode.TaskProvider {
  constructor(private readonly ctx: Ctx) {}

  provideTasks(): vscode.Task[] {
    return [this.build({ type: TASK_TYPE, task: 'assemble', file: '${file}' }, vscode.TaskScope.Workspace)];
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const def = task.definition as HyperstepTaskDefinition;
    if (def.task !== 'assemble') return undefined;
    return this.build(def, task.scope ?? vscode.TaskScope.Workspace);
  }

  private build(def: HyperstepTaskDefinition, scope: vscode.WorkspaceFolder | vscode.TaskScope): vscode.Task {
    const file = def.file ?? '${file}';
    const output = def.output ?? (file === '${file}' ? '${fileDirname}/${fileBasenameNoExtension}.elf' : elfPathFor(file));
    const args = [this.ctx.cliPath, 'asm', '--march', this.ctx.config.march, file, '-o', output];
    const exec = new vscode.ProcessExecution(process.execPath, args, { env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task(def, scope, 'assemble', TASK_TYPE, exec, '$hyperstep-asm');
    task.group = vscode.TaskGroup.Build;
    task.detail = `hyperstep asm ${path.basename(file)} -o ${path.basename(output)}`;
    return task;
  }
}
