/**
 * Draws trap events as a sequence diagram: one vertical lane per privilege
 * mode, one arrow per event from the mode it left to the mode it entered.
 * Pure (no `vscode`): the same events always give the same SVG.
 */
import type { TrapEvent } from '../debug/trap-event';
import { escapeHtml } from './html';

/** Lanes from least to most privileged; modes not listed get lanes after these. */
const LANE_ORDER = ['U', 'VU', 'S', 'VS', 'HS', 'M'];

const LANE_GAP = 220;
const ROW = 26;
const TOP = 40;
const LEFT = 60;

export const TRAP_FLOW_STYLE = `
svg.trap-flow text { fill: var(--vscode-foreground); stroke: none; font-family: var(--vscode-editor-font-family); font-size: 11px; }
svg.trap-flow .lane { stroke: var(--vscode-panel-border, var(--vscode-foreground)); stroke-dasharray: 3 3; }
svg.trap-flow .lane-name { font-weight: bold; font-size: 12px; }
svg.trap-flow line, svg.trap-flow path { stroke-width: 1.5; }
svg.trap-flow .trap line, svg.trap-flow .trap path, svg.trap-flow marker.trap path { stroke: var(--vscode-charts-red, var(--vscode-errorForeground)); }
svg.trap-flow marker.trap path { fill: var(--vscode-charts-red, var(--vscode-errorForeground)); }
svg.trap-flow .interrupt line, svg.trap-flow .interrupt path, svg.trap-flow marker.interrupt path { stroke: var(--vscode-charts-orange, var(--vscode-editorWarning-foreground)); }
svg.trap-flow marker.interrupt path { fill: var(--vscode-charts-orange, var(--vscode-editorWarning-foreground)); }
svg.trap-flow .return line, svg.trap-flow .return path, svg.trap-flow marker.return path { stroke: var(--vscode-charts-blue, var(--vscode-textLink-foreground)); }
svg.trap-flow marker.return path { fill: var(--vscode-charts-blue, var(--vscode-textLink-foreground)); }
`;

function laneName(mode: string): string {
  // The adapter may qualify a mode (e.g. "M (machine)"); the lane is the first word.
  return mode.trim().split(/[\s(]/)[0] || '?';
}

export function lanesOf(events: readonly TrapEvent[]): string[] {
  const seen = new Set<string>();
  for (const e of events) {
    seen.add(laneName(e.from));
    seen.add(laneName(e.to));
  }
  const known = LANE_ORDER.filter((l) => seen.has(l));
  const other = [...seen].filter((l) => !LANE_ORDER.includes(l)).sort();
  return [...known, ...other];
}

function label(e: TrapEvent): string {
  const what = e.name ?? (e.cause !== undefined ? `cause ${e.cause}` : e.kind);
  const at = e.epc ? ` @ ${e.epc}` : '';
  return `${what}${at}`;
}

/** The SVG for the last `limit` events (older ones are summarised in a caption). */
export function trapFlowSvg(all: readonly TrapEvent[], limit = 200): string {
  const events = all.slice(-limit);
  const lanes = lanesOf(events);
  const x = new Map(lanes.map((l, i) => [l, LEFT + i * LANE_GAP]));
  const width = LEFT * 2 + Math.max(0, lanes.length - 1) * LANE_GAP;
  const height = TOP + events.length * ROW + 20;
  const parts: string[] = [];
  parts.push(
    `<svg class="trap-flow" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Trap flow: ${events.length} events">`,
  );
  parts.push(
    `<defs>${['trap', 'interrupt', 'return']
      .map((k) => `<marker id="arrow-${k}" class="${k}" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z"/></marker>`)
      .join('')}</defs>`,
  );
  for (const l of lanes) {
    const lx = x.get(l)!;
    parts.push(`<text class="lane-name" x="${lx}" y="16" text-anchor="middle">${escapeHtml(l)}</text>`);
    parts.push(`<line class="lane" x1="${lx}" y1="24" x2="${lx}" y2="${height - 8}"/>`);
  }
  events.forEach((e, i) => {
    const y = TOP + i * ROW;
    const x1 = x.get(laneName(e.from))!;
    const x2 = x.get(laneName(e.to))!;
    const kind = e.kind === 'interrupt' || e.kind === 'return' ? e.kind : 'trap';
    const title = `<title>${escapeHtml(`${e.kind} ${label(e)}: ${e.from} → ${e.to}${e.handler ? `, handler ${e.handler}` : ''}${e.tval ? `, tval ${e.tval}` : ''}`)}</title>`;
    if (x1 === x2) {
      // A trap taken in the mode it happened in: a loop on the lane.
      parts.push(`<g class="event ${kind}">${title}<path class="${kind}" fill="none" d="M${x1},${y} h24 v${ROW / 2} h-20" marker-end="url(#arrow-${kind})"/>`);
      parts.push(`<text x="${x1 + 30}" y="${y + 8}">${escapeHtml(label(e))}</text></g>`);
    } else {
      const dir = x2 > x1 ? 1 : -1;
      parts.push(`<g class="event ${kind}">${title}<line class="${kind}" x1="${x1}" y1="${y}" x2="${x2 - dir * 2}" y2="${y}" marker-end="url(#arrow-${kind})"/>`);
      parts.push(`<text x="${(x1 + x2) / 2}" y="${y - 4}" text-anchor="middle">${escapeHtml(label(e))}</text></g>`);
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}
