/**
 * The Debug Adapter Protocol face of the runtime: each DAP request becomes a
 * runtime call, each runtime event a DAP event. Launch validation, the
 * variables tree (registers, FP registers, CSRs with fields, virtualization
 * state, trap history), the trap-chain stack and the debug console commands
 * live here; execution semantics live in runtime.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  Breakpoint as DapBreakpoint, ExitedEvent, Handles, InitializedEvent, LoggingDebugSession, OutputEvent, Scope, Source,
  StackFrame, StoppedEvent, TerminatedEvent, Thread, Event as DapEvent, BreakpointEvent,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { CSRS, csrByNumber, type CsrInfo } from '../engine/isa/csrs';
import { X_REGISTERS, F_REGISTERS } from '../engine/isa/registers';
import { AVAILABLE_MODES, MODES, Runtime, type Breakpoint, type StopInfo } from './runtime';
import { programFromAssembly, programFromElf } from './program';
import { EXCEPTION_FILTERS, modeName, type DebugTrap, type ExceptionFilter } from './traps';
import { formatValue } from './expr';
import { consoleCommand } from './console';

export interface LaunchArguments extends DebugProtocol.LaunchRequestArguments {
  program?: unknown;
  stopOnEntry?: unknown;
  mode?: unknown;
  maxInstructions?: unknown;
  machine?: unknown;
  march?: unknown;
  cwd?: unknown;
}

type VarRef =
  | { kind: 'regs' }
  | { kind: 'fregs' }
  | { kind: 'csrs' }
  | { kind: 'csrgroup'; group: CsrGroup }
  | { kind: 'csr'; num: number }
  | { kind: 'virt' }
  | { kind: 'traps' }
  | { kind: 'trap'; trap: DebugTrap };

type CsrGroup = 'machine' | 'supervisor' | 'hypervisor' | 'virtual supervisor' | 'user / floating point';

const GROUPS: { group: CsrGroup; priv: CsrInfo['priv'][] }[] = [
  { group: 'machine', priv: ['M'] },
  { group: 'supervisor', priv: ['S'] },
  { group: 'hypervisor', priv: ['H'] },
  { group: 'virtual supervisor', priv: ['VS'] },
  { group: 'user / floating point', priv: ['U'] },
];

const hex = (v: bigint | number) => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;
const THREAD_BASE = 1;
const FRAMES_PER_HART = 1000;
const PRIV_NAMES: Record<number, string> = { 0: 'U', 1: 'S', 3: 'M' };

export class HyperstepSession extends LoggingDebugSession {
  private runtime: Runtime | undefined;
  private handles = new Handles<VarRef>();
  private configured: () => void = () => {};
  private configurationDone = new Promise<void>((r) => (this.configured = r));
  private programDir = process.cwd();
  private launched = false;
  private terminated = false;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse): void {
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsFunctionBreakpoints: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsSetVariable: true,
      supportsStepBack: true,
      supportsGotoTargetsRequest: true,
      supportsDisassembleRequest: true,
      supportsInstructionBreakpoints: true,
      supportsReadMemoryRequest: true,
      supportsWriteMemoryRequest: true,
      supportsDataBreakpoints: true,
      supportsExceptionInfoRequest: true,
      supportsExceptionFilterOptions: true,
      supportsSteppingGranularity: true,
      supportsTerminateRequest: true,
      supportsDelayedStackTraceLoading: false,
      exceptionBreakpointFilters: EXCEPTION_FILTERS.map((f) => ({
        filter: f.filter, label: f.label, description: f.description, default: false, supportsCondition: true,
        conditionDescription: 'e.g. cause == 2, tval != 0, from == 0 (names: cause, tval, epc, interrupt, from, to, registers, CSRs)',
      })),
    };
    this.sendResponse(response);
  }

  private fail(response: DebugProtocol.Response, message: string, id = 1000): void {
    this.sendErrorResponse(response, { id, format: message.replace(/[{}]/g, (c) => (c === '{' ? '(' : ')')), showUser: true });
  }

  /** The runtime, or an error response saying there is none to act on. */
  private need(response: DebugProtocol.Response, stopped = true): Runtime | undefined {
    const rt = this.runtime;
    if (!rt) {
      this.fail(response, 'no program is being debugged (send launch first)', 1001);
      return undefined;
    }
    if (rt.state === 'exited') {
      this.fail(response, 'the program has exited', 1002);
      return undefined;
    }
    if (stopped && rt.state !== 'stopped') {
      this.fail(response, 'the program is running: pause it first', 1003);
      return undefined;
    }
    return rt;
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: LaunchArguments): Promise<void> {
    try {
      await this.launch(response, args ?? {});
    } catch (e) {
      this.fail(response, `launch failed: ${(e as Error).message}`, 1099);
    }
  }

  private async launch(response: DebugProtocol.LaunchResponse, args: LaunchArguments): Promise<void> {
    if (this.launched) return this.fail(response, 'launch was already requested in this session');
    const problem = validateLaunch(args);
    if (problem) return this.fail(response, problem, 1010);
    const cwd = typeof args.cwd === 'string' ? args.cwd : process.cwd();
    const programPath = path.resolve(cwd, args.program as string);
    this.programDir = path.dirname(programPath);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(programPath);
    } catch (e) {
      return this.fail(response, `cannot read program '${programPath}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 1011);
    }
    const isElf = bytes.length >= 4 && bytes[0] === 0x7f && bytes.toString('latin1', 1, 4) === 'ELF';
    const march = typeof args.march === 'string' ? args.march : undefined;
    const program = isElf
      ? programFromElf(new Uint8Array(bytes))
      : programFromAssembly(programPath, bytes.toString('utf8'), march, (p) => {
          try {
            return fs.readFileSync(path.resolve(this.programDir, p), 'utf8');
          } catch {
            return undefined;
          }
        });
    if (!program.ok) return this.fail(response, program.error, 1012);
    const machine = (args.machine ?? {}) as { kind?: 'virt' | 'spike'; ramMiB?: number; ramBytes?: number; icountShift?: number };
    const rt = new Runtime(program, {
      kind: machine.kind,
      ramBytes: machine.ramBytes ?? (machine.ramMiB !== undefined ? machine.ramMiB * 1024 * 1024 : undefined),
      icountShift: machine.icountShift,
      maxInstructions: typeof args.maxInstructions === 'number' ? args.maxInstructions : 0,
    });
    const loadError = rt.load();
    if (loadError) return this.fail(response, `cannot load the program: ${loadError}`, 1013);
    this.runtime = rt;
    this.launched = true;
    this.wire(rt);
    // Breakpoints resolve against the loaded program, so configuration starts now.
    this.sendEvent(new InitializedEvent());
    await this.configurationDone;
    this.sendResponse(response);
    void rt.start(args.stopOnEntry === true);
  }

  private wire(rt: Runtime): void {
    rt.on('output', (text: string, category?: string) => this.sendEvent(new OutputEvent(text, category ?? 'stdout')));
    rt.on('stopped', (s: StopInfo) => {
      this.handles.reset();
      const e = new StoppedEvent(s.reason, THREAD_BASE, s.text) as DebugProtocol.StoppedEvent;
      e.body.description = s.description;
      e.body.allThreadsStopped = true;
      if (s.hitBreakpointIds?.length) e.body.hitBreakpointIds = s.hitBreakpointIds;
      this.sendEvent(e);
    });
    rt.on('exited', (code: number) => {
      this.sendEvent(new OutputEvent(`guest exited with code ${code}\n`, 'console'));
      this.sendEvent(new ExitedEvent(code));
      this.end();
    });
    rt.on('trapEvents', (events: DebugTrap[]) => {
      const hyp = rt.hypervisor;
      this.sendEvent(new DapEvent('hyperstep/trapEvents', {
        hart: 0,
        events: events.map((t) => ({
          position: t.pos, instret: t.instret, kind: t.kind, cause: t.cause, name: t.name, tval: hex(t.tval), epc: hex(t.epc),
          handler: hex(t.handler), from: modeName(t.from, hyp), to: modeName(t.to, hyp),
        })),
      }));
    });
  }

  private end(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.sendEvent(new TerminatedEvent());
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    this.configured();
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const rt = this.runtime;
    response.body = { threads: rt ? rt.machine.harts.map((h) => new Thread(THREAD_BASE + h.hartId, `hart ${h.hartId} [${rt.modeName(h)}]`)) : [] };
    this.sendResponse(response);
  }

  private source(file: string | undefined): Source | undefined {
    if (!file) return undefined;
    const p = path.isAbsolute(file) ? file : path.resolve(this.programDir, file);
    return new Source(path.basename(p), this.convertDebuggerPathToClient(p));
  }

  private frameName(rt: Runtime, pc: number, mode: string): string {
    return `[${mode}] ${rt.describeAddress(pc)}`;
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const hyp = rt.hypervisor;
    const frames: StackFrame[] = [];
    const links = rt.chain.links;
    const pc = rt.hart.pc;
    const add = (id: number, name: string, addr: number) => {
      const row = rt.lines.lookup(addr);
      const f = new StackFrame(id, name, this.source(row?.file), row?.line ?? 0, 1) as DebugProtocol.StackFrame;
      f.instructionPointerReference = hex(addr);
      if (!row) f.presentationHint = 'subtle';
      frames.push(f);
    };
    const top = links.at(-1)?.trap;
    add(0, this.frameName(rt, pc, rt.modeName()) + (top ? ` (${top.name})` : ''), pc);
    for (let i = links.length - 1; i >= 0; i--) {
      const t = links[i].trap;
      const below = links[i - 1]?.trap;
      const note = below ? ` (${below.name})` : '';
      add(links.length - i, this.frameName(rt, t.epc, modeName(t.from, hyp)) + note, t.epc);
    }
    const start = args.startFrame ?? 0;
    const count = args.levels && args.levels > 0 ? args.levels : frames.length;
    response.body = { stackFrames: frames.slice(start, start + count), totalFrames: frames.length };
    this.sendResponse(response);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const index = args.frameId % FRAMES_PER_HART;
    const scopes: DebugProtocol.Scope[] = [];
    if (index === 0) {
      const regs = new Scope('Registers', this.handles.create({ kind: 'regs' }), false) as DebugProtocol.Scope;
      regs.presentationHint = 'registers';
      scopes.push(regs);
      scopes.push(new Scope('FP Registers', this.handles.create({ kind: 'fregs' }), true));
      scopes.push(new Scope('CSRs', this.handles.create({ kind: 'csrs' }), true));
      scopes.push(new Scope('Virtualization', this.handles.create({ kind: 'virt' }), false));
      scopes.push(new Scope('Trap history', this.handles.create({ kind: 'traps' }), true));
    } else {
      const link = rt.chain.links[rt.chain.links.length - index];
      if (link) scopes.push(new Scope(`Trap into ${modeName(link.trap.to, rt.hypervisor)}`, this.handles.create({ kind: 'trap', trap: link.trap }), false));
    }
    response.body = { scopes };
    this.sendResponse(response);
  }

  private csrVar(rt: Runtime, info: CsrInfo, v: bigint): DebugProtocol.Variable {
    return {
      name: info.name,
      value: hex(v),
      type: `CSR 0x${info.num.toString(16).padStart(3, '0')}: ${info.description}`,
      variablesReference: info.fields?.length ? this.handles.create({ kind: 'csr', num: info.num }) : 0,
      evaluateName: info.name,
      presentationHint: info.readOnly ? { attributes: ['readOnly'] } : undefined,
    };
  }

  protected override variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const ref = this.handles.get(args.variablesReference);
    if (!ref) return this.fail(response, `unknown variablesReference ${args.variablesReference}`);
    const h = rt.hart;
    const vars: DebugProtocol.Variable[] = [];
    switch (ref.kind) {
      case 'regs': {
        vars.push({ name: 'pc', value: hex(h.pc), variablesReference: 0, evaluateName: 'pc', memoryReference: hex(h.pc), type: rt.describeAddress(h.pc) });
        for (const r of X_REGISTERS) {
          const v = BigInt.asUintN(64, h.getX(r.num));
          vars.push({ name: r.abi, value: hex(v), type: `${r.name}: ${r.role}`, variablesReference: 0, evaluateName: r.abi, memoryReference: hex(v) });
        }
        break;
      }
      case 'fregs':
        for (const r of F_REGISTERS) {
          const raw = h.getF(r.num);
          vars.push({ name: r.abi, value: formatFloat(raw), type: r.name, variablesReference: 0, evaluateName: r.abi });
        }
        break;
      case 'csrs':
        for (const g of GROUPS) vars.push({ name: g.group, value: '', variablesReference: this.handles.create({ kind: 'csrgroup', group: g.group }) });
        break;
      case 'csrgroup': {
        const g = GROUPS.find((x) => x.group === ref.group)!;
        for (const info of CSRS) {
          if (!g.priv.includes(info.priv) || info.rv32Only) continue;
          const v = h.csr.read(info.num, 3);
          if (v === undefined) continue;
          vars.push(this.csrVar(rt, info, v));
        }
        if (vars.length === 0) {
          vars.push({ name: '(none)', value: ref.group === 'hypervisor' || ref.group === 'virtual supervisor' ? 'this hart does not implement the hypervisor extension' : 'no readable CSRs', variablesReference: 0 });
        }
        break;
      }
      case 'csr': {
        const info = csrByNumber(ref.num)!;
        const v = h.csr.read(ref.num, 3) ?? 0n;
        for (const f of info.fields ?? []) {
          const fv = (v >> BigInt(f.lo)) & ((1n << BigInt(f.hi - f.lo + 1)) - 1n);
          vars.push({ name: f.name, value: f.hi === f.lo ? fv.toString() : hex(fv), type: `[${f.hi === f.lo ? f.hi : `${f.hi}:${f.lo}`}] ${f.meaning}`, variablesReference: 0, evaluateName: `${info.name}.${f.name}` });
        }
        break;
      }
      case 'virt': {
        const mode = rt.mode();
        const hyp = rt.hypervisor;
        const satp = h.csr.read(0x180, 3) ?? 0n;
        vars.push({ name: 'technique', value: 'emulate (every instruction interpreted or translated by the engine)', variablesReference: 0 });
        vars.push({ name: 'privilege', value: `${rt.modeName()} (${PRIV_NAMES[mode.priv] ?? mode.priv})`, variablesReference: 0, evaluateName: 'priv' });
        vars.push({ name: 'V', value: mode.virt ? '1 (guest: VS/VU)' : '0 (host)', variablesReference: 0 });
        vars.push({ name: 'hypervisor extension', value: hyp ? 'present (misa.H)' : 'absent (misa.H = 0)', variablesReference: 0 });
        vars.push({ name: 'translation', value: `${['Bare', , , , , , , , 'Sv39', 'Sv48'][Number(satp >> 60n)] ?? `mode ${satp >> 60n}`} (satp ${hex(satp)})`, variablesReference: 0 });
        if (hyp) {
          const hgatp = h.csr.read(0x680, 3);
          if (hgatp !== undefined) vars.push({ name: 'G-stage', value: hex(hgatp), variablesReference: 0, evaluateName: 'hgatp' });
        }
        vars.push({ name: 'trap depth', value: String(rt.chain.depth), variablesReference: 0 });
        vars.push({ name: 'position', value: `${rt.position} (instret ${h.instret})`, variablesReference: 0 });
        break;
      }
      case 'traps': {
        const list = rt.history.slice(-200).reverse();
        for (const t of list) vars.push({ name: `#${t.pos}`, value: trapLine(t, rt.hypervisor), variablesReference: this.handles.create({ kind: 'trap', trap: t }) });
        if (rt.history.length > 200) vars.push({ name: '…', value: `${rt.history.length - 200} older events (console: traps N)`, variablesReference: 0 });
        break;
      }
      case 'trap': {
        const t = ref.trap;
        const hyp = rt.hypervisor;
        vars.push({ name: 'kind', value: t.kind, variablesReference: 0 });
        if (t.kind !== 'return') vars.push({ name: 'cause', value: `${t.cause} (${t.name})`, variablesReference: 0 });
        else vars.push({ name: 'instruction', value: t.name, variablesReference: 0 });
        vars.push({ name: 'from', value: modeName(t.from, hyp), variablesReference: 0 });
        vars.push({ name: 'to', value: modeName(t.to, hyp), variablesReference: 0 });
        vars.push({ name: t.kind === 'return' ? 'pc' : 'epc', value: `${hex(t.epc)} ${rt.describeAddress(t.epc)}`, variablesReference: 0, memoryReference: hex(t.epc) });
        vars.push({ name: t.kind === 'return' ? 'target' : 'handler', value: `${hex(t.handler)} ${rt.describeAddress(t.handler)}`, variablesReference: 0, memoryReference: hex(t.handler) });
        if (t.kind !== 'return') vars.push({ name: 'tval', value: hex(t.tval), variablesReference: 0 });
        vars.push({ name: 'instret', value: String(t.instret), variablesReference: 0 });
        break;
      }
    }
    response.body = { variables: vars };
    this.sendResponse(response);
  }

  protected override setVariableRequest(response: DebugProtocol.SetVariableResponse, args: DebugProtocol.SetVariableArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const ref = this.handles.get(args.variablesReference);
    if (!ref) return this.fail(response, `unknown variablesReference ${args.variablesReference}`);
    const h = rt.hart;
    const value = (): bigint | undefined => {
      const e = rt.evaluate(args.value);
      if (!e.ok) {
        this.fail(response, `cannot set ${args.name}: ${e.error}`);
        return undefined;
      }
      return e.value;
    };
    let shown: string;
    if (ref.kind === 'regs') {
      const v = value();
      if (v === undefined) return;
      if (args.name === 'pc') rt.edit(() => (h.pc = Number(BigInt.asIntN(64, v))));
      else {
        const r = X_REGISTERS.find((x) => x.abi === args.name || x.name === args.name);
        if (!r) return this.fail(response, `no register '${args.name}'`);
        if (r.num === 0) return this.fail(response, 'zero (x0) is hard-wired to 0');
        rt.edit(() => h.setX(r.num, BigInt.asIntN(64, v)));
      }
      shown = hex(v);
    } else if (ref.kind === 'fregs') {
      const r = F_REGISTERS.find((x) => x.abi === args.name || x.name === args.name);
      if (!r) return this.fail(response, `no register '${args.name}'`);
      const text = args.value.trim();
      let raw: bigint;
      if (/^[-+]?(\d+\.\d*|\.\d+|\d+e[-+]?\d+|inf|infinity|nan)$/i.test(text) || /^[-+]?\d+(\.\d*)?$/.test(text) && !/^0x/i.test(text)) {
        const buf = new DataView(new ArrayBuffer(8));
        buf.setFloat64(0, Number(text.replace(/^([-+]?)inf(inity)?$/i, '$1Infinity')), true);
        raw = buf.getBigUint64(0, true);
      } else {
        const v = value();
        if (v === undefined) return;
        raw = v;
      }
      rt.edit(() => h.setF(r.num, raw));
      shown = formatFloat(raw);
    } else if (ref.kind === 'csrgroup' || ref.kind === 'csr') {
      const v = value();
      if (v === undefined) return;
      let num: number;
      let write: bigint;
      if (ref.kind === 'csrgroup') {
        const info = CSRS.find((c) => c.name === args.name);
        if (!info) return this.fail(response, `no CSR '${args.name}'`);
        num = info.num;
        write = v;
      } else {
        num = ref.num;
        const info = csrByNumber(num)!;
        const f = info.fields?.find((x) => x.name === args.name);
        if (!f) return this.fail(response, `no field '${args.name}' in ${info.name}`);
        const mask = ((1n << BigInt(f.hi - f.lo + 1)) - 1n) << BigInt(f.lo);
        const cur = h.csr.read(num, 3) ?? 0n;
        write = (cur & ~mask) | ((v << BigInt(f.lo)) & mask);
      }
      const info = csrByNumber(num)!;
      if (info.readOnly) return this.fail(response, `${info.name} is not writable`);
      let accepted = true;
      rt.edit(() => {
        accepted = h.csr.write(num, write, 3);
      });
      if (!accepted) return this.fail(response, `${info.name} refused the write`);
      const after = h.csr.read(num, 3) ?? 0n;
      if (ref.kind === 'csr') {
        const f = info.fields!.find((x) => x.name === args.name)!;
        const fv = (after >> BigInt(f.lo)) & ((1n << BigInt(f.hi - f.lo + 1)) - 1n);
        shown = f.hi === f.lo ? fv.toString() : hex(fv);
      } else shown = hex(after);
    } else return this.fail(response, 'these values are read-only');
    response.body = { value: shown };
    this.sendResponse(response);
  }

  // ---- breakpoints ----

  private dapBreakpoint(b: Breakpoint): DebugProtocol.Breakpoint {
    const bp = new DapBreakpoint(b.verified, b.line, undefined, this.source(b.file)) as DebugProtocol.Breakpoint;
    bp.id = b.id;
    if (b.message) bp.message = b.message;
    if (b.address !== undefined) bp.instructionReference = hex(b.address);
    return bp;
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const rt = this.need(response, false);
    if (!rt) return;
    const file = args.source?.path;
    if (!file) return this.fail(response, 'setBreakpoints needs source.path');
    const given: DebugProtocol.SourceBreakpoint[] = args.breakpoints ?? (args.lines ?? []).map((line) => ({ line }));
    const specs = given.map((b) => ({
      line: b.line, condition: b.condition, hitCondition: b.hitCondition, logMessage: b.logMessage,
    }));
    const list = rt.setSourceBreakpoints(this.convertClientPathToDebugger(file), specs);
    response.body = { breakpoints: list.map((b) => this.dapBreakpoint(b)) };
    this.sendResponse(response);
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    const rt = this.need(response, false);
    if (!rt) return;
    const list = rt.setFunctionBreakpoints((args.breakpoints ?? []).map((b) => ({ name: b.name, condition: b.condition, hitCondition: b.hitCondition })));
    response.body = { breakpoints: list.map((b) => this.dapBreakpoint(b)) };
    this.sendResponse(response);
  }

  protected override setInstructionBreakpointsRequest(response: DebugProtocol.SetInstructionBreakpointsResponse, args: DebugProtocol.SetInstructionBreakpointsArguments): void {
    const rt = this.need(response, false);
    if (!rt) return;
    const specs: { address: number; condition?: string; hitCondition?: string }[] = [];
    const bad: number[] = [];
    (args.breakpoints ?? []).forEach((b, i) => {
      const a = parseAddress(b.instructionReference);
      if (a === undefined) bad.push(i);
      else specs.push({ address: a + (b.offset ?? 0), condition: b.condition, hitCondition: b.hitCondition });
    });
    const list = rt.setInstructionBreakpoints(specs);
    const out: DebugProtocol.Breakpoint[] = [];
    let j = 0;
    (args.breakpoints ?? []).forEach((b, i) => {
      if (bad.includes(i)) out.push({ verified: false, message: `'${b.instructionReference}' is not an address` });
      else out.push(this.dapBreakpoint(list[j++]));
    });
    response.body = { breakpoints: out };
    this.sendResponse(response);
  }

  protected override setExceptionBreakPointsRequest(response: DebugProtocol.SetExceptionBreakpointsResponse, args: DebugProtocol.SetExceptionBreakpointsArguments): void {
    const rt = this.need(response, false);
    if (!rt) return;
    const known = new Set(EXCEPTION_FILTERS.map((f) => f.filter));
    const req = [
      ...(args.filters ?? []).map((f) => ({ filter: f, condition: undefined as string | undefined })),
      ...(args.filterOptions ?? []).map((f) => ({ filter: f.filterId, condition: f.condition })),
    ];
    const unknown = req.filter((r) => !known.has(r.filter as ExceptionFilter));
    if (unknown.length) return this.fail(response, `unknown exception filter(s): ${unknown.map((u) => u.filter).join(', ')}; known: ${[...known].join(', ')}`);
    const results = rt.setExceptionFilters(req.map((r) => ({ filter: r.filter as ExceptionFilter, condition: r.condition })));
    response.body = { breakpoints: results.map((r) => ({ verified: r.ok, message: r.message })) };
    this.sendResponse(response);
  }

  protected override dataBreakpointInfoRequest(response: DebugProtocol.DataBreakpointInfoResponse, args: DebugProtocol.DataBreakpointInfoArguments): void {
    const rt = this.need(response, false);
    if (!rt) return;
    let address: number | undefined;
    let size = 8;
    const sym = rt.symbols.get(args.name);
    if (sym) {
      address = sym.address;
      if (sym.size > 0 && sym.size <= 8) size = sym.size;
    } else {
      const e = rt.evaluate(args.name);
      if (e.ok) address = Number(BigInt.asIntN(64, e.value));
    }
    if (args.variablesReference && !sym) {
      // A register's value as the address watched (registers themselves cannot be watched).
      const ref = this.handles.get(args.variablesReference);
      if (ref?.kind !== 'regs') address = undefined;
    }
    if (address === undefined) {
      response.body = { dataId: null, description: `'${args.name}' is not an address, symbol or register holding one` };
    } else {
      response.body = {
        dataId: `${hex(address)}:${size}`,
        description: `${size} bytes at ${hex(address)}${sym ? ` (${sym.name})` : ''}`,
        accessTypes: ['read', 'write', 'readWrite'],
        canPersist: true,
      };
    }
    this.sendResponse(response);
  }

  protected override setDataBreakpointsRequest(response: DebugProtocol.SetDataBreakpointsResponse, args: DebugProtocol.SetDataBreakpointsArguments): void {
    const rt = this.need(response, false);
    if (!rt) return;
    const ok: { address: number; size: number; read: boolean; write: boolean; condition?: string }[] = [];
    const results: DebugProtocol.Breakpoint[] = [];
    for (const b of args.breakpoints ?? []) {
      const m = /^(0x[0-9a-f]+|\d+):(\d+)$/i.exec(b.dataId ?? '');
      if (!m) {
        results.push({ verified: false, message: `bad dataId '${b.dataId}' (expected address:size)` });
        continue;
      }
      const access = b.accessType ?? 'write';
      ok.push({ address: Number(BigInt.asIntN(64, BigInt(m[1]))), size: Number(m[2]), read: access !== 'write', write: access !== 'read', condition: b.condition });
      results.push({ verified: true });
    }
    const set = rt.setDataBreakpoints(ok);
    let j = 0;
    for (const r of results) if (r.verified) r.id = set[j++].id;
    response.body = { breakpoints: results };
    this.sendResponse(response);
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const rt = this.need(response);
    if (!rt) return;
    const t = rt.exceptionAtStop;
    if (!t) return this.fail(response, 'the program did not stop on a trap');
    const hyp = rt.hypervisor;
    response.body = {
      exceptionId: `${t.kind === 'interrupt' ? 'interrupt' : 'exception'} ${t.cause}`,
      description: `${t.name}: ${modeName(t.from, hyp)} → ${modeName(t.to, hyp)} at ${hex(t.epc)} (${rt.describeAddress(t.epc)}), tval ${hex(t.tval)}`,
      breakMode: 'always',
      details: {
        message: t.name,
        typeName: t.kind,
        stackTrace: `trap at ${hex(t.epc)} ${rt.describeAddress(t.epc)} → handler ${hex(t.handler)} ${rt.describeAddress(t.handler)}`,
      },
    };
    this.sendResponse(response);
  }

  // ---- execution ----

  private granularity(g: DebugProtocol.SteppingGranularity | undefined): 'instruction' | 'line' {
    return g === 'instruction' ? 'instruction' : 'line';
  }

  protected override continueRequest(response: DebugProtocol.ContinueResponse): void {
    const rt = this.need(response);
    if (!rt) return;
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    void rt.continue();
  }

  protected override nextRequest(response: DebugProtocol.NextResponse, args: DebugProtocol.NextArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    this.sendResponse(response);
    void rt.next(this.granularity(args.granularity));
  }

  protected override stepInRequest(response: DebugProtocol.StepInResponse, args: DebugProtocol.StepInArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    this.sendResponse(response);
    void rt.stepIn(this.granularity(args.granularity));
  }

  protected override stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    const rt = this.need(response);
    if (!rt) return;
    this.sendResponse(response);
    void rt.stepOut();
  }

  protected override stepBackRequest(response: DebugProtocol.StepBackResponse, args: DebugProtocol.StepBackArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    this.sendResponse(response);
    void rt.stepBack(this.granularity(args.granularity));
  }

  protected override reverseContinueRequest(response: DebugProtocol.ReverseContinueResponse): void {
    const rt = this.need(response);
    if (!rt) return;
    this.sendResponse(response);
    void rt.reverseContinue();
  }

  protected override pauseRequest(response: DebugProtocol.PauseResponse): void {
    const rt = this.need(response, false);
    if (!rt) return;
    if (rt.state !== 'running') return this.fail(response, 'the program is not running');
    rt.pause();
    this.sendResponse(response);
  }

  protected override gotoTargetsRequest(response: DebugProtocol.GotoTargetsResponse, args: DebugProtocol.GotoTargetsArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const file = args.source.path;
    const r = file ? rt.lines.resolve(this.convertClientPathToDebugger(file), args.line) : undefined;
    const targets: DebugProtocol.GotoTarget[] = (r?.addresses ?? []).map((a) => ({
      id: a >= 0 ? a : a + 2 ** 53, label: `${rt.describeAddress(a)} (${hex(a)})`, line: r!.line, instructionPointerReference: hex(a),
    }));
    response.body = { targets };
    this.sendResponse(response);
  }

  protected override gotoRequest(response: DebugProtocol.GotoResponse, args: DebugProtocol.GotoArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const a = args.targetId >= 2 ** 52 ? args.targetId - 2 ** 53 : args.targetId;
    this.sendResponse(response);
    void rt.goto(a);
  }

  // ---- memory and disassembly ----

  protected override readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const base = parseAddress(args.memoryReference);
    if (base === undefined) return this.fail(response, `'${args.memoryReference}' is not an address`);
    if (!(args.count >= 0) || args.count > 16 * 1024 * 1024) return this.fail(response, `count ${args.count} out of range (0..16 MiB)`);
    const addr = base + (args.offset ?? 0);
    const bytes = rt.readBytes(addr, args.count) ?? new Uint8Array(0);
    response.body = { address: hex(addr), data: Buffer.from(bytes).toString('base64'), unreadableBytes: args.count - bytes.length };
    this.sendResponse(response);
  }

  protected override writeMemoryRequest(response: DebugProtocol.WriteMemoryResponse, args: DebugProtocol.WriteMemoryArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const base = parseAddress(args.memoryReference);
    if (base === undefined) return this.fail(response, `'${args.memoryReference}' is not an address`);
    const data = Buffer.from(args.data ?? '', 'base64');
    const n = rt.writeBytes(base + (args.offset ?? 0), new Uint8Array(data));
    if (n === 0 && data.length > 0) return this.fail(response, `no writable RAM at ${hex(base + (args.offset ?? 0))}`);
    response.body = { bytesWritten: n };
    this.sendResponse(response);
    this.sendEvent(new DapEvent('memory', { memoryReference: args.memoryReference, offset: args.offset ?? 0, count: n }));
  }

  protected override disassembleRequest(response: DebugProtocol.DisassembleResponse, args: DebugProtocol.DisassembleArguments): void {
    const rt = this.need(response);
    if (!rt) return;
    const base = parseAddress(args.memoryReference);
    if (base === undefined) return this.fail(response, `'${args.memoryReference}' is not an address`);
    const count = args.instructionCount;
    if (!(count >= 0) || count > 100000) return this.fail(response, `instructionCount ${count} out of range`);
    let start = base + (args.offset ?? 0);
    const before = -(args.instructionOffset ?? 0);
    const out: DebugProtocol.DisassembledInstruction[] = [];
    if (before > 0) {
      // Variable-length code cannot be decoded backwards: find a start that
      // decodes forward onto `start` exactly (4-byte steps first, then 2).
      let found: ReturnType<Runtime['disassemble']> | undefined;
      for (let back = before * 4; back >= before * 2 && !found; back -= 2) {
        const list = rt.disassemble(start - back, before * 2 + 2).filter((i) => i.address < start);
        const last = list.at(-1);
        if (last && last.address + (last.bytes.length / 2) === start && list.length >= before) found = list.slice(-before);
      }
      const pre = found ?? [];
      for (let i = pre.length; i < before; i++) out.push({ address: hex(start - 2 * (before - i)), instruction: '', presentationHint: 'invalid' });
      for (const i of pre) out.push(this.dapInsn(i));
    } else if (before < 0) {
      const skip = rt.disassemble(start, -before);
      const last = skip.at(-1);
      if (last) start = last.address + Math.max(2, last.bytes.length / 2);
    }
    const want = count - out.length;
    if (want > 0) for (const i of rt.disassemble(start, want)) out.push(this.dapInsn(i));
    response.body = { instructions: out.slice(0, count) };
    this.sendResponse(response);
  }

  private dapInsn(i: ReturnType<Runtime['disassemble']>[number]): DebugProtocol.DisassembledInstruction {
    const d: DebugProtocol.DisassembledInstruction = { address: hex(i.address), instructionBytes: i.bytes, instruction: i.text };
    if (i.symbol) d.symbol = i.symbol;
    if (i.file) {
      d.location = this.source(i.file);
      d.line = i.line;
    }
    if (!i.bytes) d.presentationHint = 'invalid';
    return d;
  }

  // ---- evaluate ----

  protected override evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    const rt = this.need(response, args.context !== 'repl');
    if (!rt) return;
    const text = args.expression ?? '';
    if (args.context === 'repl') {
      if (text.startsWith('>')) {
        const line = text.slice(1).replace(/^ /, '') + '\n';
        rt.input(new Uint8Array(Buffer.from(line, 'utf8')));
        response.body = { result: `sent ${JSON.stringify(line)} to the guest console`, variablesReference: 0 };
        return this.sendResponse(response);
      }
      if (rt.state !== 'stopped') return this.fail(response, 'the program is running: pause it first (or type "> text" to send console input)');
      const cmd = consoleCommand(rt, text);
      if (cmd) {
        if (!cmd.ok) return this.fail(response, cmd.error);
        response.body = { result: cmd.text, variablesReference: 0 };
        return this.sendResponse(response);
      }
    }
    const e = rt.evaluate(text);
    if (!e.ok) return this.fail(response, e.error);
    const csr = CSRS.find((c) => c.name === text.trim().toLowerCase());
    const body: DebugProtocol.EvaluateResponse['body'] = {
      result: formatValue(e.value),
      variablesReference: csr?.fields?.length ? this.handles.create({ kind: 'csr', num: csr.num }) : 0,
      memoryReference: hex(e.value),
    };
    const sym = rt.symbols.at(Number(BigInt.asIntN(64, e.value)));
    if (sym && e.value > 0xfffn) body.type = rt.describeAddress(Number(BigInt.asIntN(64, e.value)));
    response.body = body;
    this.sendResponse(response);
  }

  // ---- ending ----

  protected override terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.runtime?.dispose();
    this.sendResponse(response);
    this.end();
  }

  protected override disconnectRequest(response: DebugProtocol.DisconnectResponse, args: DebugProtocol.DisconnectArguments, request?: DebugProtocol.Request): void {
    this.runtime?.dispose();
    super.disconnectRequest(response, args, request);
  }

  /** Unknown requests get an error, not silence. */
  protected override customRequest(command: string, response: DebugProtocol.Response): void {
    this.fail(response, `unknown request '${command}'`, 1014);
  }

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    try {
      super.dispatchRequest(request);
    } catch (e) {
      const response: DebugProtocol.Response = { seq: 0, type: 'response', request_seq: request.seq, command: request.command, success: false };
      this.fail(response, `internal error in '${request.command}': ${(e as Error).message}`, 1099);
    }
  }
}

/** Returns a message for the first bad launch attribute, or undefined. */
export function validateLaunch(args: LaunchArguments): string | undefined {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return 'launch: the arguments must be an object';
  if (typeof args.program !== 'string' || args.program.trim() === '') return "launch: 'program' must be the path of an assembly source (.s) or an ELF executable";
  if (args.stopOnEntry !== undefined && typeof args.stopOnEntry !== 'boolean') return "launch: 'stopOnEntry' must be true or false";
  if (args.mode !== undefined) {
    if (typeof args.mode !== 'string' || !(MODES as readonly string[]).includes(args.mode)) return `launch: 'mode' must be one of ${MODES.join(', ')}`;
    if (!(AVAILABLE_MODES as readonly string[]).includes(args.mode)) return `launch: mode '${args.mode}' is not available yet in this version (available: ${AVAILABLE_MODES.join(', ')})`;
  }
  if (args.maxInstructions !== undefined && (typeof args.maxInstructions !== 'number' || !Number.isInteger(args.maxInstructions) || args.maxInstructions < 0)) {
    return "launch: 'maxInstructions' must be a non-negative integer (0 = no limit)";
  }
  if (args.march !== undefined && typeof args.march !== 'string') return "launch: 'march' must be a string such as rv64gc";
  if (args.cwd !== undefined && typeof args.cwd !== 'string') return "launch: 'cwd' must be a directory path";
  if (args.machine !== undefined) {
    if (typeof args.machine !== 'object' || args.machine === null || Array.isArray(args.machine)) return "launch: 'machine' must be an object";
    const m = args.machine as Record<string, unknown>;
    const known = ['kind', 'ramMiB', 'ramBytes', 'icountShift'];
    const extra = Object.keys(m).filter((k) => !known.includes(k));
    if (extra.length) return `launch: unknown machine option(s) ${extra.join(', ')} (known: ${known.join(', ')})`;
    if (m.kind !== undefined && m.kind !== 'virt' && m.kind !== 'spike') return "launch: machine.kind must be 'virt' or 'spike'";
    if (m.ramMiB !== undefined && (typeof m.ramMiB !== 'number' || !Number.isInteger(m.ramMiB) || m.ramMiB < 1 || m.ramMiB > 4096)) return 'launch: machine.ramMiB must be an integer from 1 to 4096';
    if (m.ramBytes !== undefined && (typeof m.ramBytes !== 'number' || !Number.isInteger(m.ramBytes) || m.ramBytes < 4096 || m.ramBytes % 4096 !== 0 || m.ramBytes > 2 ** 32)) return 'launch: machine.ramBytes must be a multiple of 4096 up to 4 GiB';
    if (m.icountShift !== undefined && (typeof m.icountShift !== 'number' || !Number.isInteger(m.icountShift) || m.icountShift < 0 || m.icountShift > 10)) return 'launch: machine.icountShift must be an integer from 0 to 10';
  }
  return undefined;
}

function parseAddress(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = s.trim();
  if (!/^(0x[0-9a-f]+|\d+)$/i.test(t)) return undefined;
  return Number(BigInt.asIntN(64, BigInt(t)));
}

function formatFloat(raw: bigint): string {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setBigUint64(0, raw, true);
  const hi = raw >> 32n;
  // NaN-boxed single precision (upper 32 bits all ones).
  if (hi === 0xffffffffn) return `${dv.getFloat32(0, true)} (f32, raw ${hex(raw)})`;
  return `${dv.getFloat64(0, true)} (raw ${hex(raw)})`;
}

function trapLine(t: DebugTrap, hyp: boolean): string {
  const from = modeName(t.from, hyp);
  const to = modeName(t.to, hyp);
  if (t.kind === 'return') return `${t.name} ${from} → ${to} to ${hex(t.handler)}`;
  return `${t.name} (cause ${t.cause}) ${from} → ${to} at ${hex(t.epc)}, tval ${hex(t.tval)}`;
}
